//! What a page draws, as a fixed-layout reader records it: glyphs (Unicode text, origin,
//! advance and size) and the straight segments of paths (ruling lines, cell borders), in page
//! space in points with the origin at the top left and y growing downwards.
//!
//! Each format's reader (the PDF interpreter's device, the OFD content reader) fills one
//! [`PageMarks`] per page; thin filled shapes and frames become segments here, once for every
//! format.

use kurbo::{Affine, BezPath, PathEl, Point, Rect, Vec2};
use unicode_normalization::UnicodeNormalization;

/// The most glyphs one page may draw: a dense A4 page of small print has about 5,000; the
/// reader keeps every glyph of a page until the page is read.
pub const MAX_PAGE_GLYPHS: usize = 50_000;

/// A page drew more than [`MAX_PAGE_GLYPHS`] glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyGlyphs;

/// One glyph with its text and geometry, in page space.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// The Unicode text (U+FFFD where the font has no Unicode map for it).
    pub text: String,
    /// The origin on the baseline.
    pub origin: Point,
    /// The advance: where the next glyph starts, relative to `origin`.
    pub advance: Vec2,
    /// The em size along the glyph's up direction.
    pub size: f64,
    /// Recognised from an image (OCR) with this confidence, 0..1; `None` for a file's text.
    pub confidence: Option<f32>,
}

impl Glyph {
    /// The glyph's reading direction in quarter turns clockwise from left-to-right (0..4),
    /// or `None` for text drawn at another angle (a watermark).
    pub fn direction(&self) -> Option<u8> {
        let a = self.advance;
        let (ax, ay) = (a.x.abs(), a.y.abs());
        if ax.max(ay) == 0.0 {
            return Some(0);
        }
        // Within about 8 degrees of an axis.
        let axis = |major: f64, minor: f64| minor <= major * 0.14;
        match (axis(ax, ay), axis(ay, ax)) {
            (true, _) if a.x > 0.0 => Some(0),
            (true, _) => Some(2),
            (_, true) if a.y > 0.0 => Some(1),
            (_, true) => Some(3),
            _ => None,
        }
    }
}

/// A straight segment of a drawn path, in page space.
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    /// Where the segment starts.
    pub from: Point,
    /// Where it ends.
    pub to: Point,
}

/// Everything one page draws that the reader uses.
#[derive(Debug, Default, Clone)]
pub struct PageMarks {
    /// Every glyph with usable or unmapped text, in drawing order.
    pub glyphs: Vec<Glyph>,
    /// The straight segments of stroked paths, and thin fills as the line through them.
    pub segments: Vec<Segment>,
    /// Images drawn (a scanned page is one).
    pub images: usize,
    /// Glyphs whose font gives no Unicode text.
    pub unreadable: usize,
    /// Glyphs drawn invisibly (text render mode 3): the OCR layer of a scanned page.
    pub invisible: usize,
    /// The glyphs were recognised in the page's image by OCR (`xxgk-scan`).
    pub recognised: bool,
}

impl PageMarks {
    /// Records one glyph: `text` as the font maps it (empty where it has no Unicode map),
    /// `origin` on the baseline, `advance` to the next glyph where the font gives a width, `em`
    /// the em square's extent along the baseline, `size` the em size. Blank glyphs are not
    /// kept; a glyph with no usable text is kept as U+FFFD and counted unreadable. Past
    /// [`MAX_PAGE_GLYPHS`] nothing is kept and the page is too dense to read.
    pub fn glyph(
        &mut self,
        text: String,
        origin: Point,
        advance: Option<Vec2>,
        em: Vec2,
        size: f64,
    ) -> Result<(), TooManyGlyphs> {
        let text = as_shown(text);
        let readable = !text.is_empty() && !text.chars().any(unreadable_char);
        if !readable {
            self.unreadable += 1;
        } else if text.chars().all(char::is_whitespace) {
            return Ok(());
        }
        let advance = match advance {
            Some(a) if a.hypot() > 0.0 => a,
            // No width: a CJK glyph is an em wide, others about half.
            _ if !readable || text.chars().next().is_some_and(crate::lines::is_wide) => em,
            _ => em * 0.5,
        };
        if self.glyphs.len() >= MAX_PAGE_GLYPHS {
            return Err(TooManyGlyphs);
        }
        self.glyphs.push(Glyph {
            text: if readable { text } else { "\u{FFFD}".into() },
            origin,
            advance,
            size,
            confidence: None,
        });
        Ok(())
    }

    /// Records a glyph an OCR engine recognised in a page image, with its confidence (0..1).
    pub fn recognised(
        &mut self,
        text: String,
        origin: Point,
        advance: Vec2,
        size: f64,
        confidence: f32,
    ) -> Result<(), TooManyGlyphs> {
        if self.glyphs.len() >= MAX_PAGE_GLYPHS {
            return Err(TooManyGlyphs);
        }
        self.glyphs.push(Glyph {
            text,
            origin,
            advance,
            size,
            confidence: Some(confidence),
        });
        Ok(())
    }

    /// Keeps the straight segments of a stroked path: ruling lines and stroked boxes.
    pub fn stroke(&mut self, path: &BezPath, transform: Affine) {
        let (mut start, mut at) = (None::<Point>, None::<Point>);
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    let p = transform * p;
                    start = Some(p);
                    at = Some(p);
                }
                PathEl::LineTo(p) => {
                    let p = transform * p;
                    if let Some(from) = at {
                        self.segments.push(Segment { from, to: p });
                    }
                    at = Some(p);
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => at = Some(transform * p),
                PathEl::ClosePath => {
                    if let (Some(from), Some(to)) = (at, start) {
                        self.segments.push(Segment { from, to });
                    }
                    at = start;
                }
            }
        }
    }

    /// Keeps each thin filled shape of a path (a border drawn as a bar, a trapezoid at a
    /// bevelled corner) as the line through its middle, and a frame (a rectangle with a
    /// rectangular hole a few points inside it: a cell border filled even-odd) as its four
    /// sides. Wider fills (backgrounds, shaded cells) are not lines: a page's white
    /// background would frame everything on it.
    pub fn fill(&mut self, path: &BezPath, transform: Affine) {
        let mut shapes: Vec<Rect> = Vec::new();
        for el in path.elements() {
            let p = match *el {
                PathEl::MoveTo(p) => {
                    shapes.push(Rect::from_points(transform * p, transform * p));
                    continue;
                }
                PathEl::LineTo(p) | PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => p,
                PathEl::ClosePath => continue,
            };
            if let Some(b) = shapes.last_mut() {
                *b = b.union_pt(transform * p);
            }
        }
        let segments = &mut self.segments;
        let mut bar = |from: Point, to: Point| segments.push(Segment { from, to });
        for (i, b) in shapes.iter().enumerate() {
            let (w, h, c) = (b.width(), b.height(), b.center());
            if h <= THIN && w > h {
                bar(Point::new(b.x0, c.y), Point::new(b.x1, c.y));
            } else if w <= THIN && h > w {
                bar(Point::new(c.x, b.y0), Point::new(c.x, b.y1));
            } else if let Some(hole) = shapes.get(i + 1).filter(|h| frames(b, h)) {
                let (x0, x1) = ((b.x0 + hole.x0) / 2.0, (b.x1 + hole.x1) / 2.0);
                let (y0, y1) = ((b.y0 + hole.y0) / 2.0, (b.y1 + hole.y1) / 2.0);
                bar(Point::new(x0, y0), Point::new(x1, y0));
                bar(Point::new(x0, y1), Point::new(x1, y1));
                bar(Point::new(x0, y0), Point::new(x0, y1));
                bar(Point::new(x1, y0), Point::new(x1, y1));
            }
        }
    }
}

/// `hole` lies inside `outer` with a thin margin on every side.
fn frames(outer: &Rect, hole: &Rect) -> bool {
    let margins = [
        hole.x0 - outer.x0,
        outer.x1 - hole.x1,
        hole.y0 - outer.y0,
        outer.y1 - hole.y1,
    ];
    margins.iter().all(|&m| (0.0..=THIN).contains(&m)) && hole.area() > 0.0
}

/// A filled shape at most this thick (points) is a line.
const THIN: f64 = 3.0;
/// A code point no reader can use as text: a control character, a private-use code point (a
/// font's own numbering) or the replacement character.
fn unreadable_char(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
        || c == '\u{FFFD}'
}

/// The character a glyph shows. CJK fonts share one outline between a radical and the
/// ideograph it looks like, and their Unicode maps often name the radical (`⾦` U+2F26 for
/// `金`, `⺠` U+2EA0 for `民`): a Kangxi radical is read as its compatibility ideograph
/// (NFKC), a supplementary radical that is drawn as a whole character as that character
/// (Unicode's EquivalentUnifiedIdeograph.txt; component forms such as `⺅` stay).
fn as_shown(text: String) -> String {
    let radical = |c: char| ('\u{2E80}'..='\u{2FDF}').contains(&c);
    if !text.chars().any(radical) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match SUPPLEMENT.iter().find(|(r, _)| *r == c) {
            Some((_, whole)) => out.push(*whole),
            None if radical(c) => out.extend(std::iter::once(c).nfkc()),
            None => out.push(c),
        }
    }
    out
}

/// CJK Radicals Supplement characters drawn as whole characters, and those characters.
const SUPPLEMENT: [(char, char); 40] = [
    ('⺁', '厂'),
    ('⺌', '小'),
    ('⺗', '心'),
    ('⺝', '月'),
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺧', '牛'),
    ('⺩', '王'),
    ('⺫', '目'),
    ('⺬', '示'),
    ('⺼', '肉'),
    ('⻁', '虎'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻉', '贝'),
    ('⻊', '足'),
    ('⻋', '车'),
    ('⻑', '長'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻬', '齐'),
    ('⻮', '齿'),
    ('⻰', '龙'),
    ('⻳', '龟'),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(path: &mut BezPath, x0: f64, y0: f64, x1: f64, y1: f64) {
        path.move_to((x0, y0));
        path.line_to((x1, y0));
        path.line_to((x1, y1));
        path.line_to((x0, y1));
        path.close_path();
    }

    #[test]
    fn thin_fills_and_frames_are_rules_and_backgrounds_are_not() {
        let mut marks = PageMarks::default();
        let mut bar = BezPath::new();
        rect(&mut bar, 10.0, 50.0, 200.0, 50.5);
        marks.fill(&bar, Affine::IDENTITY);
        assert_eq!(marks.segments.len(), 1);
        // A cell border as a rectangle with a hole 0.5 pt inside it: its four sides.
        let mut frame = BezPath::new();
        rect(&mut frame, 10.0, 100.0, 110.0, 130.0);
        rect(&mut frame, 10.5, 100.5, 109.5, 129.5);
        marks.fill(&frame, Affine::IDENTITY);
        assert_eq!(marks.segments.len(), 5);
        let mut background = BezPath::new();
        rect(&mut background, 0.0, 0.0, 595.0, 842.0);
        marks.fill(&background, Affine::IDENTITY);
        assert_eq!(marks.segments.len(), 5);
    }

    #[test]
    fn glyphs_are_kept_as_shown_and_blank_or_unmapped_ones_are_told_apart() {
        let mut marks = PageMarks::default();
        let em = Vec2::new(10.0, 0.0);
        for text in ["⾦", " ", "", "\u{E001}", "1"] {
            assert_eq!(
                marks.glyph(text.into(), Point::ZERO, None, em, 10.0),
                Ok(())
            );
        }
        let texts: Vec<&str> = marks.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["金", "\u{FFFD}", "\u{FFFD}", "1"]);
        assert_eq!(marks.unreadable, 2);
        // A CJK glyph with no width is an em wide, a digit half of one.
        assert_eq!(marks.glyphs[0].advance, em);
        assert_eq!(marks.glyphs[3].advance, em * 0.5);
    }
}
