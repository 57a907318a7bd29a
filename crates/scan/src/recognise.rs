//! A page image read as marks: turned straight, its ruling lines found in the pixels, the
//! ruled cells cut out (as the lattice of `xxgk-pages` sees them) and recognised one by one,
//! the text around the tables recognised as a page; every word placed back on the page as
//! glyphs with the engine's confidence. From there the page is read as any PDF page is.
//!
//! Each cell is read twice, side by side: as Chinese text, and as a line of digits only. A
//! cell of digits takes the digit reading; where the two readings' digits disagree, or the
//! engine is unsure, the cell says so (its digits then U+FFFD, a value that cannot be read),
//! and the normalizer leaves the value null (X2) rather than guess — unless the statutory sums
//! determine the value from the values read for sure, and it is the digits read.

use crate::engine::{Engine, EngineError, Mode, Word};
use crate::raster::Grey;
use crate::rules;
use kurbo::{Affine, Point, Vec2};
use std::time::Instant;
use xxgk_pages::{PageMarks, Segment};

/// A digit reading surer than this stands; below it the value is unread.
pub const MIN_DIGIT_CONFIDENCE: f32 = 0.6;
/// The same for a photographed page, read from pixels resampled to take its perspective out
/// (a `3` read as `8` at 0.67 was seen; right readings of photos were all above 0.85).
const MIN_DIGIT_CONFIDENCE_PHOTO: f32 = 0.8;
/// The confidence of a digit reading that the Chinese reading contradicts.
const DISPUTED: f32 = 0.3;
/// The scale a cell that neither reading saw anything in is read again at.
const AGAIN: f64 = 0.75;
/// The second, smaller size a misread cell is read again at ([`read_misread_again`]).
const AGAIN_SMALLER: f64 = 0.5;
/// A Latin reading of digits this sure, which the Chinese reading contradicts, has the
/// Chinese reading asked again.
const SURE_LATIN: f32 = 0.9;

/// A page image and where its pixels fall on the page.
#[derive(Debug, Clone)]
pub struct PageImage {
    /// The image, grey as the eye sees it (a red title stays dark).
    pub image: Grey,
    /// For a colour scan, the page with seals and signatures turned to paper
    /// ([`Grey::from_colour_ink`]): where ruling lines and cells are read.
    pub ink: Option<Grey>,
    /// Pixel space (x right, y down, in pixels) to page space (points, y down).
    pub to_page: Affine,
}

/// A cell cut out for the engine: its image and how its pixels map back.
struct Crop {
    image: Grey,
    /// The image pixel of the crop's (0, 0), and the crop's scale.
    origin: (f64, f64),
    scale: f64,
    /// The height of the cell's ink, in the page image's pixels.
    ink_height: u32,
    /// Where the cell's ink is one upright stroke in its middle ([`upright_stroke`]), its
    /// height.
    stroke: Option<u32>,
}

/// Reads one page image with `engine`, by `deadline`.
pub fn recognise(
    page: &PageImage,
    engine: &Engine,
    deadline: Instant,
) -> Result<PageMarks, EngineError> {
    let to_page = page.to_page;
    let point = (to_page * Point::new(1.0, 0.0) - to_page * Point::ZERO).hypot();
    let dpi = 72.0 / point.max(1e-6);
    if !(40.0..=1200.0).contains(&dpi) {
        return Err(EngineError::Failed {
            program: "xxgk".into(),
            detail: format!("a page image at {dpi:.0} dpi (readable: 40 to 1200)"),
        });
    }
    // A page scanned a quarter turned (a landscape page fed sideways) is turned upright first.
    let upright;
    let page = match upright_turns(page, engine, deadline)? {
        0 => page,
        quarters => {
            upright = turn(page, quarters);
            &upright
        }
    };
    let to_page = page.to_page;
    let px = |points: f64| (points / point).round().max(1.0) as u32;
    // Light evened out (a photo's shadow, a copier's grey) to decide what is ink, and the
    // page turned straight. The engine gets each cell as scanned (it thresholds each image
    // itself); the text around the tables, evened out.
    let mut flat = page.image.flattened(px(20.0));
    let mut level = flat.otsu().clamp(60, 200);
    // A photographed page: its perspective taken out first (pixels then map to the page as
    // the photo's do, near enough to outline a cell).
    let square;
    let mut images = vec![&page.image];
    images.extend(page.ink.as_ref());
    let mut sure = MIN_DIGIT_CONFIDENCE;
    let page = match crate::perspective::rectified(&flat, level + (255 - level) / 3, &images) {
        Some(mut warped) => {
            let ink = (warped.len() > 1).then(|| warped.remove(1));
            square = PageImage {
                image: warped.remove(0),
                ink,
                to_page: page.to_page,
            };
            flat = square.image.flattened(px(20.0));
            level = flat.otsu().clamp(60, 200);
            sure = MIN_DIGIT_CONFIDENCE_PHOTO;
            &square
        }
        None => page,
    };
    let angle = rules::skew(&flat, level);
    let straight = |g: Grey| {
        if angle.abs() >= 0.05 {
            g.rotated(-angle)
        } else {
            g
        }
    };
    let raw_ink = page.ink.as_ref().unwrap_or(&page.image);
    let ink = straight(raw_ink.flattened(px(20.0)));
    let image = match page.ink {
        Some(_) => straight(flat),
        None => ink.clone(),
    };
    // Ruling lines are thin and grey where a scan blurs them: lighter ink counts for them.
    let line_level = level + (255 - level) / 3;
    // A seal's strokes cross a table's lines: a line at least 30 pt long goes on through ink
    // for up to 110 pt (a seal is about 42 mm across). Lines are found on the page as the eye
    // sees it, seals included: a colour scan's compression tints a black line under a red
    // seal, so that the page with the seal turned to paper would have a gap there.
    let found = rules::lines(
        &image,
        (level, line_level),
        (px(12.0), px(12.0)),
        px(0.3),
        px(1.5).max(2),
        (px(30.0), px(110.0)),
    );
    let mut clean = ink;
    let mut clean_raw = straight(raw_ink.clone());
    for l in &found {
        erase_line(&mut clean, l);
        erase_line(&mut clean_raw, l);
    }
    let segments: Vec<Segment> = found
        .iter()
        .map(|l| Segment {
            from: to_page * Point::new(f64::from(l.from.0), f64::from(l.from.1)),
            to: to_page * Point::new(f64::from(l.to.0), f64::from(l.to.1)),
        })
        .collect();
    let from_page = to_page.inverse();
    // The text around the tables as scanned: what looks like a line in it (a run of strokes)
    // is left alone.
    let mut rest = image.clone();
    let mut crops = Vec::new();
    // Text smaller than about 30 pixels high reads worse: low resolutions are scaled up.
    let scale = (300.0 / dpi).clamp(1.0, 3.0);
    // Tables whose areas overlap, or whose cells do (lines a photo bends can make two tables
    // over one area, or merge cells into an L), have no structure to trust: their cells are
    // not read (read twice, or into another cell, a digit could land in another row).
    let tables = xxgk_pages::ruled_cells(&segments);
    let boxes: Vec<[f32; 4]> = tables.iter().map(|cells| bounds(cells)).collect();
    let folded = |cells: &[[f32; 4]]| {
        cells
            .iter()
            .enumerate()
            .any(|(i, a)| cells[i + 1..].iter().any(|b| shared(a, b) > 1.0))
    };
    // A table's ruling lines are taken out of the text around it too: a border left beside
    // a heading just above the table (a few pixels away on a skewed page) garbles its line.
    // Only the lines of a table: runs of text strokes can look like lines elsewhere.
    let within = |b: &[f32; 4], p: Point| {
        let (x, y, near) = (p.x as f32, p.y as f32, 2.0);
        x >= b[0] - near && x <= b[2] + near && y >= b[1] - near && y <= b[3] + near
    };
    for (l, s) in found.iter().zip(&segments) {
        if boxes.iter().any(|b| within(b, s.from) && within(b, s.to)) {
            erase_line(&mut rest, l);
        }
    }
    // Specks: ink no bigger than a square of 0.6 pt on its side (a period is about 1 pt).
    let speck = (px(0.6) as usize).pow(2);
    // A red seal on a colour scan is turned to paper already; on a grey one it is grey ink.
    let grey = page.ink.is_none();
    let inset = px(1.2) + 1;
    for (t, cells) in tables.iter().enumerate() {
        let tangled = boxes
            .iter()
            .enumerate()
            .any(|(u, other)| u != t && shared(&boxes[t], other) > 0.0)
            || folded(cells);
        for cell in cells {
            let a = from_page * Point::new(f64::from(cell[0]), f64::from(cell[1]));
            let b = from_page * Point::new(f64::from(cell[2]), f64::from(cell[3]));
            let (x0, x1) = (a.x.min(b.x).max(0.0) as u32, a.x.max(b.x).max(0.0) as u32);
            let (y0, y1) = (a.y.min(b.y).max(0.0) as u32, a.y.max(b.y).max(0.0) as u32);
            blank(&mut rest, x0, y0, x1, y1);
            if tangled {
                continue;
            }
            let area = [
                x0.saturating_add(inset),
                y0.saturating_add(inset),
                x1.saturating_sub(inset),
                y1.saturating_sub(inset),
            ];
            let pad = px(4.0).max(10);
            if let Some(crop) = cut(&clean, &clean_raw, level, area, speck, grey, pad, scale) {
                crops.push(crop);
            }
        }
    }
    let images: Vec<Grey> = crops.iter().map(|c| c.image.clone()).collect();
    let has_rest = rest.pixels.iter().filter(|&&p| p <= level).count() > 50;
    let ((text, digits), words) = std::thread::scope(|s| {
        let both = s.spawn(|| read_both(engine, &images, deadline));
        let words = if has_rest {
            engine
                .read(std::slice::from_ref(&rest), Mode::Page, deadline)
                .map(|mut w| w.pop().unwrap_or_default())
        } else {
            Ok(Vec::new())
        };
        let both = both
            .join()
            .unwrap_or_else(|_| (Err(thread_failed()), Err(thread_failed())));
        (both, words)
    });
    let (mut text, mut digits, words) = (text?, digits?, words?);
    let unseen = read_unseen_again(engine, &crops, &mut text, &mut digits, deadline);
    read_misread_again(engine, &crops, &unseen, &mut text, &digits, sure, deadline);
    upright_ones(&crops, &mut text, &digits, sure);
    let mut marks = PageMarks {
        segments,
        images: 1,
        recognised: true,
        ..PageMarks::default()
    };
    for (crop, (text, digits)) in crops.iter().zip(text.into_iter().zip(digits)) {
        let chosen = choose(text, digits, sure);
        place(&mut marks, &chosen, |x, y| {
            to_page
                * Point::new(
                    crop.origin.0 + x / crop.scale,
                    crop.origin.1 + y / crop.scale,
                )
        })?;
    }
    place(&mut marks, &unsure_digits(words, sure), |x, y| {
        to_page * Point::new(x, y)
    })?;
    Ok(marks)
}

/// The quarter turns clockwise that set a page upright: asked of the engine's orientation
/// detection only where the ink's profile says the text runs down the page (it costs about a
/// second a page); a page upside down is read as it is.
fn upright_turns(page: &PageImage, engine: &Engine, deadline: Instant) -> Result<u32, EngineError> {
    let image = page.ink.as_ref().unwrap_or(&page.image);
    if !rules::sideways(image, image.otsu().clamp(60, 200)) {
        return Ok(0);
    }
    // Half the size is enough to see which way the text runs, in half the time.
    let quarters = engine.orientation(&page.image.scaled(0.5), deadline)?;
    Ok(if quarters % 2 == 1 { quarters } else { 0 })
}

/// The page turned clockwise by `quarters` (one or three), its pixels still mapped to the page.
fn turn(page: &PageImage, quarters: u32) -> PageImage {
    let (w, h) = (f64::from(page.image.width), f64::from(page.image.height));
    // From the turned image's pixels back to the scan's.
    let back = if quarters == 1 {
        Affine::new([0.0, -1.0, 1.0, 0.0, 0.0, h])
    } else {
        Affine::new([0.0, 1.0, -1.0, 0.0, w, 0.0])
    };
    PageImage {
        image: page.image.turned(quarters),
        ink: page.ink.as_ref().map(|i| i.turned(quarters)),
        to_page: page.to_page * back,
    }
}

/// Cells neither reading saw anything in — a lone narrow digit (`1`) or a two-character label
/// the engine misses at the height it reads best — read again, both ways, smaller. What such a
/// reading gives is unsure whatever the engine says (a border's remnant reads as `1`, or as a
/// mark of nothing, too): only the sums can take its digits — but a `1` in a cell whose ink is
/// one upright stroke ([`upright_ones`]). Should this reading fail, the first stands. The cells
/// read again.
fn read_unseen_again(
    engine: &Engine,
    crops: &[Crop],
    text: &mut [Vec<Word>],
    digits: &mut [Vec<Word>],
    deadline: Instant,
) -> Vec<usize> {
    let unseen: Vec<usize> = (0..crops.len())
        .filter(|&i| text[i].is_empty() && digits[i].is_empty())
        .collect();
    if !unseen.is_empty() {
        if let (Ok(again_text), Ok(again_digits)) =
            read_both(engine, &smaller(crops, &unseen, AGAIN), deadline)
        {
            let back = |mut words: Vec<Word>| {
                let f = AGAIN as f32;
                for w in &mut words {
                    (w.left, w.top, w.width, w.height) =
                        (w.left / f, w.top / f, w.width / f, w.height / f);
                }
                words
            };
            let unsure = |words: Vec<Word>| -> Vec<Word> {
                back(words)
                    .into_iter()
                    .map(|w| Word {
                        confidence: w.confidence.min(DISPUTED),
                        ..w
                    })
                    .collect()
            };
            for ((&i, t), d) in unseen.iter().zip(again_text).zip(again_digits) {
                // A lone `1` in a cell whose ink is one upright stroke: left to the shape's
                // witness ([`upright_ones`]).
                let one = |words: &[Word]| matches!(words, [w] if w.text == "1");
                if crops[i].stroke.is_some() && one(&d) && (t.is_empty() || one(&t)) {
                    text[i] = Vec::new();
                    digits[i] = back(d);
                    continue;
                }
                text[i] = unsure(t);
                digits[i] = unsure(d);
            }
        }
    }
    unseen
}

/// Cells the Chinese model misreads at the size cells are read at, read again in Chinese
/// smaller (its readings change with the size; a clean `(一)予以公开` reads `AS`, `1955` reads
/// `了到55`, UMing's lone `4` reads 革), at two sizes until one gives what is asked:
/// - a number the Latin model reads surely where the Chinese reading saw no digit (a
///   look-alike such as `|` is none) or some of its digits amid other characters, and no
///   decimal point: read as one line, where it is then that number, alone and surely (`sure`;
///   at the smaller size as sure as the Latin reading), the two agree. A Chinese reading of
///   other digits, or of a point (`0.5` against `05`), is a disagreement, not a misreading,
///   and is not asked again.
/// - a cell neither model saw a digit or a look-alike of one in, and the Chinese one saw
///   letters only in (`AS`): read as a block, its first reading of at least two ideographs,
///   surely on the whole, stands.
///
/// Cells already read again because neither reading saw anything (`unseen`) are left as they
/// are: a lone `1` there is the shape's to confirm ([`upright_ones`]).
fn read_misread_again(
    engine: &Engine,
    crops: &[Crop],
    unseen: &[usize],
    text: &mut [Vec<Word>],
    digits: &[Vec<Word>],
    sure: f32,
    deadline: Instant,
) {
    let joined = |words: &[Word]| -> String { words.iter().map(|w| w.text.as_str()).collect() };
    // The Latin reading of a number the Chinese reading (`shown`) misread.
    let number = |shown: &str, digits: &[Word]| -> Option<Word> {
        let [word] = digits else {
            return None;
        };
        let theirs: Vec<char> = shown.chars().filter(char::is_ascii_digit).collect();
        let latin: Vec<char> = word.text.chars().collect();
        let some_of_them = subsequence(&theirs, &latin) && shown != word.text;
        (word.confidence >= SURE_LATIN
            && !latin.is_empty()
            && latin.iter().all(char::is_ascii_digit)
            && !shown.contains('.')
            && some_of_them)
            .then(|| word.clone())
    };
    let letters = |shown: &str, digits: &[Word]| {
        shown.chars().any(char::is_alphabetic)
            && !shown.chars().all(|c| as_digit(c).is_some())
            && !shown
                .chars()
                .any(|c| xxgk_pages::is_wide(c) || c.is_ascii_digit())
            && !joined(digits).chars().any(|c| as_digit(c).is_some())
    };
    // Numbers first, as one line; then labels, as a block.
    for mode in [Mode::Line, Mode::Block] {
        let numbers = matches!(mode, Mode::Line);
        let mut disputed: Vec<(usize, Option<Word>)> = (0..crops.len())
            .filter(|i| !unseen.contains(i))
            .filter_map(|i| {
                let shown = joined(&text[i]);
                if numbers {
                    number(&shown, &digits[i]).map(|latin| (i, Some(latin)))
                } else {
                    letters(&shown, &digits[i]).then_some((i, None))
                }
            })
            .collect();
        for (factor, surely) in [(AGAIN, sure), (AGAIN_SMALLER, sure.max(SURE_LATIN))] {
            if disputed.is_empty() {
                break;
            }
            let which: Vec<usize> = disputed.iter().map(|(i, _)| *i).collect();
            let Ok(again) = engine.read(&smaller(crops, &which, factor), mode, deadline) else {
                break;
            };
            let mut still = Vec::new();
            for ((i, latin), words) in disputed.into_iter().zip(again) {
                let answered = match (&latin, words.as_slice()) {
                    (Some(latin), [word]) => (word.text == latin.text && word.confidence >= surely)
                        .then(|| {
                            vec![Word {
                                // In the crop's own pixels, as the digit reading's box.
                                left: latin.left,
                                top: latin.top,
                                width: latin.width,
                                height: latin.height,
                                ..word.clone()
                            }]
                        }),
                    (Some(_), _) => None,
                    (None, words) => {
                        let ideographs = words
                            .iter()
                            .flat_map(|w| w.text.chars())
                            .filter(|&c| xxgk_pages::is_wide(c) && c.is_alphabetic())
                            .count();
                        let mean = words.iter().map(|w| w.confidence).sum::<f32>()
                            / words.len().max(1) as f32;
                        let f = factor as f32;
                        (ideographs >= 2 && mean >= sure).then(|| {
                            words
                                .iter()
                                .map(|w| Word {
                                    left: w.left / f,
                                    top: w.top / f,
                                    width: w.width / f,
                                    height: w.height / f,
                                    ..w.clone()
                                })
                                .collect()
                        })
                    }
                };
                match answered {
                    Some(words) => text[i] = words,
                    None => still.push((i, latin)),
                }
            }
            disputed = still;
        }
    }
}

/// Whether `part` is a subsequence of `whole` (its characters in it, in order).
fn subsequence(part: &[char], whole: &[char]) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|c| rest.any(|w| w == c))
}

/// A lone `1` the Latin model reads where the Chinese model sees nothing at all (a thin
/// stroke alone is below what it reads, at either size). Where the cell's ink is one upright
/// stroke in its middle ([`upright_stroke`]: no border's remnant, slash, or number cut by a
/// border is) and as tall as the digits read surely in the page's cells (within 15%, the
/// median of at least three; a seal's stroke or a line's piece is rarely a digit's height),
/// the shape is the second witness in the Chinese model's place: the reading stands where the
/// engine is as sure of it as of any digit (`sure`). A `1` so placed that is not one breaks
/// its row's sum (R3).
fn upright_ones(crops: &[Crop], text: &mut [Vec<Word>], digits: &[Vec<Word>], sure: f32) {
    let mut heights: Vec<u32> = crops
        .iter()
        .zip(text.iter().zip(digits))
        .filter(|(_, (text, digits))| {
            let sure = |words: &[Word]| {
                words
                    .iter()
                    .all(|w| w.confidence >= SURE_LATIN)
                    .then(|| words.iter().map(|w| w.text.as_str()).collect::<String>())
            };
            match (sure(text), sure(digits)) {
                (Some(t), Some(d)) => {
                    !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) && t == d
                }
                _ => false,
            }
        })
        .map(|(crop, _)| crop.ink_height)
        .collect();
    if heights.len() < 3 {
        return;
    }
    heights.sort_unstable();
    let digit = f64::from(heights[heights.len() / 2]);
    for ((crop, text), digits) in crops.iter().zip(text).zip(digits) {
        let Some(height) = crop.stroke else { continue };
        let tall_as_digits = (f64::from(height) - digit).abs() <= 0.15 * digit;
        let one = matches!(digits.as_slice(), [w] if w.text == "1" && w.confidence >= sure);
        if tall_as_digits && one && text.is_empty() {
            text.clone_from(digits);
        }
    }
}

/// Crops `which`, scaled by `factor` (smaller: cells read again).
fn smaller(crops: &[Crop], which: &[usize], factor: f64) -> Vec<Grey> {
    which
        .iter()
        .map(|&i| crops[i].image.scaled(factor))
        .collect()
}

/// Readings of each image as Chinese text and as a line of digits, side by side.
type Readings = Result<Vec<Vec<Word>>, EngineError>;

fn read_both(engine: &Engine, images: &[Grey], deadline: Instant) -> (Readings, Readings) {
    std::thread::scope(|s| {
        let text = s.spawn(|| engine.read(images, Mode::Block, deadline));
        let digits = s.spawn(|| engine.read(images, Mode::Digits, deadline));
        (join(text), join(digits))
    })
}

fn join<T>(
    handle: std::thread::ScopedJoinHandle<'_, Result<T, EngineError>>,
) -> Result<T, EngineError> {
    handle.join().unwrap_or_else(|_| Err(thread_failed()))
}

fn thread_failed() -> EngineError {
    EngineError::Failed {
        program: "tesseract".into(),
        detail: "the thread reading its output failed".into(),
    }
}

/// A cell's reading: the digit reading for a cell of digits (unsure or disputed digits marked
/// unreadable), else the Chinese one; digits only the Chinese reading saw are unread.
fn choose(text: Vec<Word>, digits: Vec<Word>, sure: f32) -> Vec<Word> {
    let shown: String = text.iter().map(|w| w.text.as_str()).collect();
    let ideographs = shown
        .chars()
        .filter(|&c| xxgk_pages::is_wide(c) && c.is_alphabetic())
        .count();
    let mark = matches!(shown.as_str(), "无" | "/" | "-" | "—" | "一" | "\\");
    let theirs: String = shown.chars().filter_map(as_digit).collect();
    let least = text.iter().map(|w| w.confidence).fold(1.0, f32::min);
    if mark && least < sure {
        // A stroke the engine is unsure of (a border's remnant, an underline) is no zero.
        return Vec::new();
    }
    if ideographs >= 2 || mark {
        return unsure_digits(text, sure);
    }
    // The Latin reading as digits (`O` for 0, `l` for 1); with anything else it is no number.
    let mut digits = digits;
    for w in &mut digits {
        match w.text.chars().map(as_digit).collect::<Option<String>>() {
            Some(read) => w.text = read,
            None => {
                digits.clear();
                break;
            }
        }
    }
    if digits.is_empty() && !theirs.contains(|c: char| c.is_ascii_digit()) {
        return unsure_digits(text, sure);
    }
    let (source, read) = if digits.is_empty() {
        // Digits the digit reading did not see: a value stands here, unread.
        (&text, String::new())
    } else {
        (&digits, digits.iter().map(|w| w.text.as_str()).collect())
    };
    let mut confidence = source.iter().map(|w| w.confidence).fold(1.0, f32::min);
    // Two readings that differ, or digits in several words (a missed rule may have put two
    // cells' numbers in one crop: joined they would be a wrong number), are not sure.
    if theirs != read || source.len() > 1 {
        confidence = confidence.min(DISPUTED);
    }
    let Some(mut word) = source.first().cloned() else {
        return text;
    };
    for w in &source[1..] {
        let right = (w.left + w.width).max(word.left + word.width);
        word.top = word.top.min(w.top);
        word.height = word.height.max(w.height);
        word.left = word.left.min(w.left);
        word.width = right - word.left;
    }
    word.text = if confidence < sure {
        format!("{}\u{FFFD}", if read.is_empty() { &theirs } else { &read })
    } else {
        read
    };
    word.confidence = confidence;
    vec![word]
}

/// Words as read, each with digits the engine is unsure of marked unreadable (`12万元` read
/// with little confidence is `12�万元`: its number is not taken). A year (`2022`) stays: the
/// title's, the statistical period's and the file name's years proofread each other (Y1).
fn unsure_digits(mut words: Vec<Word>, sure: f32) -> Vec<Word> {
    for w in &mut words {
        if w.confidence >= sure || !w.text.contains(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let mut marked = String::with_capacity(w.text.len() + 3);
        let mut run = String::new();
        let mut chars = w.text.chars().peekable();
        while let Some(c) = chars.next() {
            marked.push(c);
            if c.is_ascii_digit() {
                run.push(c);
            }
            let ends = c.is_ascii_digit()
                && !chars
                    .peek()
                    .is_some_and(|n| n.is_ascii_digit() || *n == '.');
            if ends {
                let year = run.len() == 4 && (run.starts_with("20") || run.starts_with("19"));
                if !year {
                    marked.push('\u{FFFD}');
                }
                run.clear();
            }
        }
        w.text = marked;
    }
    words
}

/// What a character of the Chinese reading says of a digit: digits as they are, and the
/// shapes a lone stroke or ring takes in a Chinese model (`工` or `l` for 1, `口` for 0).
fn as_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' | '.' => Some(c),
        'I' | 'l' | '|' | '丨' | '工' | 'i' | '!' | ']' | '[' => Some('1'),
        'O' | 'o' | '〇' | '口' => Some('0'),
        _ => None,
    }
}

/// Places words as glyphs, each character an equal share of its word's box, on the baseline
/// of its line (the lowest word bottom of the line), sized by the line's height.
fn place(
    marks: &mut PageMarks,
    words: &[Word],
    to_page: impl Fn(f64, f64) -> Point,
) -> Result<(), EngineError> {
    let mut i = 0;
    while i < words.len() {
        let line = words[i].line;
        let end = words[i..]
            .iter()
            .position(|w| w.line != line)
            .map_or(words.len(), |n| i + n);
        let of_line = &words[i..end];
        let bottom = of_line
            .iter()
            .map(|w| w.top + w.height)
            .fold(f32::MIN, f32::max);
        let height = of_line.iter().map(|w| w.height).fold(0.0, f32::max);
        let wide = of_line
            .iter()
            .any(|w| w.text.chars().any(xxgk_pages::is_wide));
        // An ideograph's box is about its em; digits are about 0.7 of it.
        let em = f64::from(if wide { height * 1.05 } else { height * 1.4 });
        // Where the last character placed ends: the engine's word boxes can overlap (a
        // word's box reaching into the next), and characters placed by equal shares of
        // overlapping boxes would interleave when the line is read left to right.
        let mut cursor = f64::MIN;
        for (j, w) in of_line.iter().enumerate() {
            let n = w.text.chars().count().max(1) as f64;
            let left = f64::from(w.left).max(cursor);
            let right = f64::from(w.left + w.width).max(left + 0.1 * em * n);
            let step = (right - left) / n;
            // The engine cuts Chinese text into words with the ink's gaps between them; a gap
            // under 0.6 em beside an ideograph is no space (between digits it stays: two
            // numbers are never joined).
            let next = of_line.get(j + 1);
            let closes = next.is_some_and(|nw| {
                let gap = f64::from(nw.left - (w.left + w.width));
                gap < 0.6 * em
                    && (w.text.chars().last().is_some_and(xxgk_pages::is_wide)
                        || nw.text.chars().next().is_some_and(xxgk_pages::is_wide))
            });
            for (k, c) in w.text.chars().enumerate() {
                let x = left + step * k as f64;
                let end = match next {
                    Some(nw) if closes && k + 1 == n as usize => f64::from(nw.left).max(x + step),
                    _ => x + step,
                };
                cursor = x + step;
                let origin = to_page(x, f64::from(bottom));
                let advance: Vec2 = to_page(end, f64::from(bottom)) - origin;
                let size = (to_page(x, f64::from(bottom) - em) - origin).hypot();
                if marks
                    .recognised(c.to_string(), origin, advance, size, w.confidence)
                    .is_err()
                {
                    // A page cut short could cut a number short: the page is not read.
                    return Err(EngineError::Failed {
                        program: "xxgk".into(),
                        detail: format!(
                            "more than {} characters on a page",
                            xxgk_pages::MAX_PAGE_GLYPHS
                        ),
                    });
                }
            }
        }
        i = end;
    }
    Ok(())
}

/// Whitens a ruling line and the pixel on each side of it, so that no piece of a border
/// reaches a cell's image.
fn erase_line(image: &mut Grey, l: &rules::Line) {
    let (x0, y0) = (l.from.0.floor() as i64, l.from.1.floor() as i64);
    let (x1, y1) = (l.to.0.ceil() as i64, l.to.1.ceil() as i64);
    let horizontal = y0 == l.to.1.floor() as i64;
    let (xs, ys) = if horizontal {
        (x0..x1, y0 - 1..y0 + 2)
    } else {
        (x0 - 1..x0 + 2, y0..y1)
    };
    for y in ys {
        for x in xs.clone() {
            if x >= 0 && y >= 0 && x < i64::from(image.width) && y < i64::from(image.height) {
                image.pixels[y as usize * image.width as usize + x as usize] = 255;
            }
        }
    }
}

/// The box around cells (left, top, right, bottom).
fn bounds(cells: &[[f32; 4]]) -> [f32; 4] {
    cells.iter().fold(
        [
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ],
        |b, c| {
            [
                b[0].min(c[0]),
                b[1].min(c[1]),
                b[2].max(c[2]),
                b[3].max(c[3]),
            ]
        },
    )
}

/// The area two boxes (left, top, right, bottom) share.
fn shared(a: &[f32; 4], b: &[f32; 4]) -> f32 {
    let w = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
    let h = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
    w * h
}

fn blank(image: &mut Grey, x0: u32, y0: u32, x1: u32, y1: u32) {
    for y in y0..y1.min(image.height) {
        for x in x0..x1.min(image.width) {
            image.pixels[y as usize * image.width as usize + x as usize] = 255;
        }
    }
}

/// The ink inside `area` (left, top, right, bottom) of `source` on a white margin of `pad`,
/// scaled; what is ink is decided on `decide` (the same page, its light evened out), what is
/// no print left out ([`left_out`]; a seal's strokes where `seals`, on a grey page): `None`
/// for a cell with no more than specks.
#[allow(clippy::too_many_arguments)]
fn cut(
    decide: &Grey,
    source: &Grey,
    level: u8,
    area: [u32; 4],
    speck: usize,
    seals: bool,
    pad: u32,
    scale: f64,
) -> Option<Crop> {
    let [x0, y0, x1, y1] = area;
    let (x1, y1) = (x1.min(decide.width), y1.min(decide.height));
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    let mut inner = source.crop(x0, y0, x1, y1);
    let decided = decide.crop(x0, y0, x1, y1);
    // Specks (a copier's dust, noise) are ink too small to be part of a character: they are
    // whitened, and the crop is the box of the rest.
    let mut box_ = [u32::MAX, u32::MAX, 0, 0];
    let parts = components(&decided, level);
    // Lighter ink counts too: the stroke must stand alone and as tall in it (a faint second
    // digit beside it, or joined to it by its halo, is not a `1`'s).
    let faint = components(&decided, level + (255 - level) / 3);
    let (w, h) = (decided.width, decided.height);
    let stroke = upright_stroke(&parts, speck, w, h).filter(|&tall| {
        upright_stroke(&faint, speck, w, h).is_some_and(|faint| faint.abs_diff(tall) <= 2)
    });
    let gone = left_out(&parts, speck, seals.then_some((&decided, level)));
    for (part, gone) in parts.into_iter().zip(gone) {
        if gone {
            for &(x, y) in &part {
                inner.pixels[(y * inner.width + x) as usize] = 255;
            }
        } else {
            for &(x, y) in &part {
                box_ = [
                    box_[0].min(x),
                    box_[1].min(y),
                    box_[2].max(x + 1),
                    box_[3].max(y + 1),
                ];
            }
        }
    }
    let [bx0, by0, bx1, by1] = box_;
    if bx1 <= bx0 || by1 <= by0 {
        return None;
    }
    let inner = inner.crop(bx0, by0, bx1, by1);
    let mut framed = Grey::white(inner.width + 2 * pad, inner.height + 2 * pad);
    for y in 0..inner.height {
        let from = (y * inner.width) as usize;
        let to = ((y + pad) * framed.width + pad) as usize;
        framed.pixels[to..to + inner.width as usize]
            .copy_from_slice(&inner.pixels[from..from + inner.width as usize]);
    }
    // The engine reads text about 30 pixels high best, and drops what is much smaller: a
    // lone digit is scaled up to that height.
    let scale = scale.max(28.0 / f64::from(inner.height.max(1))).min(4.0);
    let image = if scale > 1.0 {
        framed.scaled(scale)
    } else {
        framed
    };
    Some(Crop {
        image,
        origin: (
            f64::from(x0 + bx0) - f64::from(pad),
            f64::from(y0 + by0) - f64::from(pad),
        ),
        scale,
        ink_height: by1 - by0,
        stroke,
    })
}

/// The box of a part's pixels: left, top, right, bottom (exclusive).
fn extent(part: &[(u32, u32)]) -> [u32; 4] {
    part.iter().fold([u32::MAX, u32::MAX, 0, 0], |b, &(x, y)| {
        [b[0].min(x), b[1].min(y), b[2].max(x + 1), b[3].max(y + 1)]
    })
}

/// Which of a cell's parts are no print: specks of at most `speck` pixels; on a grey page
/// (`seal`: the cell's image and ink level), a seal's strokes ([`seal_strokes`]); then dust
/// beside what the cell holds ([`trailing_specks`]).
fn left_out(parts: &[Vec<(u32, u32)>], speck: usize, seal: Option<(&Grey, u8)>) -> Vec<bool> {
    let mut gone: Vec<bool> = parts.iter().map(|p| p.len() <= speck).collect();
    if let Some((image, level)) = seal {
        for i in seal_strokes(parts, &gone, image, level) {
            gone[i] = true;
        }
    }
    for i in trailing_specks(parts, &gone) {
        gone[i] = true;
    }
    gone
}

/// The parts of a cell's ink (those not `gone` already) that are dust beside what the cell
/// holds: a part at most a fifth as high and as wide as the cell's tallest part, more than a
/// quarter of its height to the left or the right of every part at least half as tall (a
/// scanner's speck after `156` read as a fourth digit, `156�`). A period between characters
/// (`1.其他`), punctuation a third of a character high (`、`, `。`) and the pieces a faint glyph
/// breaks into at 150 dpi (a stroke's end a pixel or two beside the rest) stay.
fn trailing_specks(parts: &[Vec<(u32, u32)>], gone: &[bool]) -> Vec<usize> {
    let boxes: Vec<[u32; 4]> = parts.iter().map(|part| extent(part)).collect();
    let kept = || (0..parts.len()).filter(|&i| !gone[i]);
    let tallest = kept().map(|i| boxes[i][3] - boxes[i][1]).max().unwrap_or(0);
    let big = |i: usize| 2 * (boxes[i][3] - boxes[i][1]) >= tallest;
    let left = kept().filter(|&i| big(i)).map(|i| boxes[i][0]).min();
    let right = kept().filter(|&i| big(i)).map(|i| boxes[i][2]).max();
    kept()
        .filter(|&i| {
            let b = boxes[i];
            let small = 5 * (b[3] - b[1]) <= tallest && 5 * (b[2] - b[0]) <= tallest;
            let gap = tallest / 4;
            let beside =
                right.is_some_and(|r| b[0] > r + gap) || left.is_some_and(|l| b[2] + gap < l);
            small && beside
        })
        .collect()
}

/// The parts of a cell's ink (those not `gone`) that are a seal's strokes on a grey page, as
/// a red seal's grey is: parts with (nearly) no pixel as dark as the print — at most two
/// pixels a third of the way or less from the darkest part's darkest tenth to `level` (a
/// digit a seal's ring runs into is one part with the ring, and keeps it) — and bigger than
/// the print: higher than 1.3 times its tallest character-sized part (a fifth of the cell's
/// height or more), or wider than twice that and thin (an arc: under 30% of its box inked, or
/// more than four times as wide as high).
/// Without such print in the cell, none: a faint digit alone, or beside digits as large, stays.
fn seal_strokes(parts: &[Vec<(u32, u32)>], gone: &[bool], image: &Grey, level: u8) -> Vec<usize> {
    let value = |&(x, y): &(u32, u32)| image.pixels[(y * image.width + x) as usize];
    let kept: Vec<usize> = (0..parts.len()).filter(|&i| !gone[i]).collect();
    let Some(darkest) = kept
        .iter()
        .map(|&i| {
            let mut values: Vec<u8> = parts[i].iter().map(value).collect();
            let tenth = values.len() / 10;
            *values.select_nth_unstable(tenth).1
        })
        .min()
    else {
        return Vec::new();
    };
    let dark = darkest + level.saturating_sub(darkest) / 3;
    let faint = |i: usize| {
        parts[i]
            .iter()
            .filter(|p| value(p) <= dark)
            .nth(2)
            .is_none()
    };
    let boxes: Vec<[u32; 4]> = parts.iter().map(|part| extent(part)).collect();
    let high = |i: usize| boxes[i][3] - boxes[i][1];
    let Some(tallest) = kept
        .iter()
        .filter(|&&i| !faint(i) && 5 * high(i) >= image.height)
        .map(|&i| high(i))
        .max()
    else {
        return Vec::new();
    };
    kept.into_iter()
        .filter(|&i| {
            let [x0, y0, x1, y1] = boxes[i];
            let (w, h) = (x1 - x0, y1 - y0);
            let thin = 10 * parts[i].len() < 3 * (w as usize) * (h as usize) || w > 4 * h;
            faint(i) && (10 * h > 13 * tallest || (w > 2 * tallest && thin))
        })
        .collect()
}

/// The height of a cell's ink (its `parts` in a cell `w` by `h`, specks apart) where it is one
/// upright stroke, as a lone `1` is and a remnant of a border, a mark of nothing or a number
/// cut by a border is not: one part, clear of the cell's top and bottom, at least half its
/// own height from the cell's sides, between a third and 85% of the cell's height, in the
/// middle three fifths of its width, at most 0.6 times as wide as high; along the middle of its
/// height each row of it is one run at most a third of its height wide, and the runs stand one
/// above the other (their centres within a tenth of its height, a pixel more: a `/` drifts, a
/// `0` has two runs a row).
fn upright_stroke(parts: &[Vec<(u32, u32)>], speck: usize, w: u32, h: u32) -> Option<u32> {
    let gone = left_out(parts, speck, None);
    let mut ink = parts
        .iter()
        .zip(gone)
        .filter(|(_, gone)| !gone)
        .map(|(p, _)| p);
    let (Some(part), None) = (ink.next(), ink.next()) else {
        return None;
    };
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for &(x, y) in part {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
    }
    let (pw, ph) = (f64::from(x1 - x0), f64::from(y1 - y0));
    let centre = f64::from(x0 + x1) / 2.0;
    let clear = f64::from(x0) >= ph / 2.0 && f64::from(w - x1) >= ph / 2.0 && y0 > 0 && y1 < h;
    let shaped = ph >= f64::from(h) / 3.0
        && ph <= 0.85 * f64::from(h)
        && pw <= 0.6 * ph
        && centre >= 0.2 * f64::from(w)
        && centre <= 0.8 * f64::from(w);
    if !clear || !shaped || ph < 6.0 {
        return None;
    }
    let mut rows = vec![Vec::new(); (y1 - y0) as usize];
    for &(x, y) in part {
        rows[(y - y0) as usize].push(x);
    }
    let middle = &mut rows[(ph * 0.2) as usize..(ph * 0.8) as usize];
    let mut centres = Vec::with_capacity(middle.len());
    for row in middle.iter_mut() {
        row.sort_unstable();
        let (Some(&first), Some(&last)) = (row.first(), row.last()) else {
            return None;
        };
        let one_run = (last - first + 1) as usize == row.len();
        if !one_run || f64::from(last - first + 1) > ph / 3.0 {
            return None;
        }
        centres.push(f64::from(first + last) / 2.0);
    }
    let lo = centres.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = centres.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (!centres.is_empty() && hi - lo <= ph / 10.0 + 1.0).then_some(y1 - y0)
}

/// The connected parts of an image's ink (8-connected), each as its pixels.
pub(crate) fn components(image: &Grey, level: u8) -> Vec<Vec<(u32, u32)>> {
    let (w, h) = (image.width as usize, image.height as usize);
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    for start in 0..w * h {
        if seen[start] || image.pixels[start] > level {
            continue;
        }
        seen[start] = true;
        let mut part = Vec::new();
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            part.push((x as u32, y as u32));
            for dy in [-1i64, 0, 1] {
                for dx in [-1i64, 0, 1] {
                    let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if !seen[j] && image.pixels[j] <= level {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, confidence: f32) -> Word {
        Word {
            text: text.into(),
            confidence,
            left: 0.0,
            top: 0.0,
            width: 10.0,
            height: 10.0,
            line: (1, 1, 1),
        }
    }

    /// Whether the ink drawn by `draw` in a 40 by 30 cell is one upright stroke.
    fn stroke(draw: impl Fn(u32, u32) -> bool) -> bool {
        let mut cell = Grey::white(40, 30);
        for y in 0..30 {
            for x in 0..40 {
                if draw(x, y) {
                    cell.pixels[(y * 40 + x) as usize] = 0;
                }
            }
        }
        upright_stroke(&components(&cell, 128), 2, 40, 30).is_some()
    }

    #[test]
    fn dust_beside_a_number_is_a_speck_and_punctuation_between_characters_is_not() {
        // `1`, `5`, `6` as blocks 6 by 16, a speck of 2 by 2 after them and one between them,
        // a mark a third of their height (a `、`) after them.
        let mut cell = Grey::white(80, 30);
        let mut ink = |x0: u32, y0: u32, w: u32, h: u32| {
            for y in y0..y0 + h {
                for x in x0..x0 + w {
                    cell.pixels[(y * 80 + x) as usize] = 0;
                }
            }
        };
        for x0 in [10, 20, 30] {
            ink(x0, 6, 6, 16);
        }
        ink(17, 20, 2, 2);
        ink(45, 12, 2, 2);
        ink(37, 10, 2, 2);
        ink(60, 16, 5, 6);
        let parts = components(&cell, 128);
        let tiny: Vec<bool> = parts.iter().map(|p| p.len() <= 1).collect();
        let specks: Vec<(u32, u32)> = trailing_specks(&parts, &tiny)
            .into_iter()
            .map(|i| parts[i][0])
            .collect();
        assert_eq!(specks, [(45, 12)]);
    }

    #[test]
    fn a_seals_grey_arc_is_taken_out_of_a_cell_and_a_digit_it_touches_or_faint_one_is_not() {
        // A cell 100 by 40: a black `2` (10 by 20), a grey digit no bigger (toner running
        // out), and a seal's grey arc, 55 wide and three pixels thick, falling to the right.
        let paint = |cell: &mut Grey, x0: u32, y0: u32, w: u32, h: u32, v: u8| {
            for y in y0..y0 + h {
                for x in x0..x0 + w {
                    cell.pixels[(y * 100 + x) as usize] = v;
                }
            }
        };
        let arc = |cell: &mut Grey| {
            for x in 40..95 {
                paint(cell, x, 2 + (x - 40) * 10 / 55, 1, 3, 120);
            }
        };
        let removed = |cell: &Grey| -> Vec<[u32; 4]> {
            let parts = components(cell, 155);
            seal_strokes(&parts, &vec![false; parts.len()], cell, 155)
                .into_iter()
                .map(|i| extent(&parts[i]))
                .collect()
        };
        let mut cell = Grey::white(100, 40);
        arc(&mut cell);
        // No print in the cell to tell the seal's grey from: nothing is taken out.
        assert!(removed(&cell).is_empty());
        paint(&mut cell, 10, 10, 10, 20, 10);
        paint(&mut cell, 25, 10, 10, 20, 120);
        assert_eq!(removed(&cell), [[40, 2, 95, 14]]);
        // A `3` under the arc, touching it: one part with it, and kept whole.
        paint(&mut cell, 60, 7, 10, 20, 10);
        assert!(removed(&cell).is_empty());
        // A block as grey and as wide, but solid and not four times as wide as high (three
        // faint digits run together): kept.
        let mut cell = Grey::white(100, 40);
        paint(&mut cell, 10, 10, 10, 20, 10);
        paint(&mut cell, 40, 12, 45, 16, 120);
        assert!(removed(&cell).is_empty());
    }

    #[test]
    fn a_lone_one_is_an_upright_stroke_and_a_border_slash_or_zero_is_not() {
        // A `1`: a stem two pixels wide with a flag and a foot, in the middle of the cell.
        let one = |x: u32, y: u32| {
            (8..24).contains(&y) && (19..21).contains(&x)
                || (9..11).contains(&y) && (17..19).contains(&x)
                || y == 23 && (16..24).contains(&x)
        };
        assert!(stroke(one));
        // The same with a scanner's speck after it.
        assert!(stroke(
            |x, y| one(x, y) || (22..24).contains(&y) && (30..32).contains(&x)
        ));
        // The same stem against the cell's edge (what a border leaves), or from top to bottom.
        assert!(!stroke(|x, y| (8..24).contains(&y) && x < 2));
        assert!(!stroke(|x, y| (19..21).contains(&x) && y < 30));
        // Less than half its height from a side: a number's digit left by a border cut through.
        assert!(!stroke(|x, y| (8..24).contains(&y) && (7..9).contains(&x)));
        // A slash drifts; a zero has two runs a row; a dash lies flat.
        assert!(!stroke(|x, y| (8..24).contains(&y) && x == 27 - (y - 8) / 2));
        assert!(!stroke(|x, y| {
            (8..24).contains(&y) && (x == 16 || x == 24)
                || (y == 8 || y == 23) && (16..25).contains(&x)
        }));
        assert!(!stroke(|x, y| y == 15 && (14..26).contains(&x)));
        // A `1` beside a second mark is not alone.
        assert!(!stroke(
            |x, y| one(x, y) || (10..14).contains(&y) && (30..33).contains(&x)
        ));
    }

    #[test]
    fn a_turned_page_keeps_its_pixels_on_the_page() {
        // A 30 x 20 scan whose pixel (x, y) is page point (x, y): turned either way, the
        // turned image's pixels land where they came from.
        let page = PageImage {
            image: Grey::white(30, 20),
            ink: None,
            to_page: Affine::IDENTITY,
        };
        for quarters in [1, 3] {
            let t = turn(&page, quarters);
            assert_eq!((t.image.width, t.image.height), (20, 30));
            // The scan's top-left corner: the turned image's top right (clockwise) or
            // bottom left (counter-clockwise).
            let corner = if quarters == 1 {
                Point::new(20.0, 0.0)
            } else {
                Point::new(0.0, 30.0)
            };
            let p = t.to_page * corner;
            assert!(p.x.abs() < 1e-9 && p.y.abs() < 1e-9, "{quarters}: {p:?}");
        }
    }

    #[test]
    fn characters_of_overlapping_word_boxes_keep_the_engines_order() {
        // `人民政` then `府办公室` whose box starts inside the first's: placed by equal shares
        // of each box, `府` would land left of `政`.
        let at = |text: &str, left: f32, width: f32| Word {
            left,
            width,
            ..word(text, 0.9)
        };
        let words = [at("人民政", 0.0, 60.0), at("府办公室", 35.0, 80.0)];
        let mut marks = PageMarks::default();
        place(&mut marks, &words, Point::new).expect("placed");
        let mut glyphs = marks.glyphs.clone();
        glyphs.sort_by(|a, b| a.origin.x.total_cmp(&b.origin.x));
        let read: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(read, "人民政府办公室");
    }

    #[test]
    fn a_cell_of_digits_takes_the_digit_reading_and_says_when_unsure() {
        let got = choose(
            vec![word("了7", 0.5)],
            vec![word("7", 0.95)],
            MIN_DIGIT_CONFIDENCE,
        );
        assert_eq!((got[0].text.as_str(), got[0].confidence), ("7", 0.95));
        let got = choose(
            vec![word("1", 0.9)],
            vec![word("11", 0.95)],
            MIN_DIGIT_CONFIDENCE,
        );
        assert_eq!(got[0].text, "11\u{FFFD}", "the readings disagree");
        let got = choose(
            vec![word("17", 0.9)],
            vec![word("17", 0.4)],
            MIN_DIGIT_CONFIDENCE,
        );
        assert_eq!(got[0].text, "17\u{FFFD}", "the engine is unsure");
        let got = choose(
            vec![word("属于国家秘密", 0.8)],
            vec![word("1", 0.3)],
            MIN_DIGIT_CONFIDENCE,
        );
        assert_eq!(got[0].text, "属于国家秘密");
        let got = choose(
            vec![word("无", 0.9)],
            vec![word("7", 0.9)],
            MIN_DIGIT_CONFIDENCE,
        );
        assert_eq!(got[0].text, "无", "a mark of nothing is not a digit");
        let got = choose(vec![word("2", 0.9)], Vec::new(), MIN_DIGIT_CONFIDENCE);
        assert_eq!(
            got[0].text, "2\u{FFFD}",
            "digits the digit reading did not see"
        );
        let got = choose(vec![word("本", 0.2)], Vec::new(), MIN_DIGIT_CONFIDENCE);
        assert_eq!(got[0].text, "本");
        let got = choose(vec![word("12万元", 0.3)], Vec::new(), MIN_DIGIT_CONFIDENCE);
        assert_eq!(
            got[0].text, "12\u{FFFD}万元",
            "unsure digits beside ideographs"
        );
        assert!(
            choose(vec![word("—", 0.3)], Vec::new(), MIN_DIGIT_CONFIDENCE).is_empty(),
            "an unsure stroke"
        );
        let got = choose(
            vec![word("12", 0.9), word("34", 0.9)],
            vec![word("12", 0.9), word("34", 0.9)],
            MIN_DIGIT_CONFIDENCE,
        );
        assert_eq!(
            got[0].text, "1234\u{FFFD}",
            "numbers of two words are not joined"
        );
        let got = unsure_digits(vec![word("2022年共收到579件", 0.4)], MIN_DIGIT_CONFIDENCE);
        assert_eq!(got[0].text, "2022年共收到579\u{FFFD}件", "a year stays");
        // A photo's bar is higher: 0.7 stands in a scan, not in a photo.
        let got = choose(vec![word("8", 0.7)], vec![word("8", 0.7)], 0.8);
        assert_eq!(got[0].text, "8\u{FFFD}");
        let got = choose(
            vec![word("8", 0.7)],
            vec![word("8", 0.7)],
            MIN_DIGIT_CONFIDENCE,
        );
        assert_eq!(got[0].text, "8");
    }
}
