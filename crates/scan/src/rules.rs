//! What a scan shows before it is read: how far it is turned (deskew), and its ruling lines,
//! found in the pixels as long runs of ink — the same lines a PDF draws as paths, handed to
//! the same lattice (`xxgk-pages`).

use crate::raster::Grey;

/// Estimates how many degrees a scan is turned clockwise (within ±3°): the angle along which
/// the ink's row profile is sharpest (ruling lines and text lines each fall into one row).
pub fn skew(image: &Grey, level: u8) -> f64 {
    // A copy about 800 pixels wide is enough to see a tenth of a degree.
    let small = image.no_wider_than(800);
    let ink: Vec<(f64, f64)> = small
        .pixels
        .iter()
        .enumerate()
        .filter(|(_, &p)| p <= level)
        .map(|(i, _)| {
            let w = small.width as usize;
            ((i % w) as f64, (i / w) as f64)
        })
        .collect();
    if ink.is_empty() {
        return 0.0;
    }
    let rows = small.height as usize + small.width as usize / 10 + 2;
    let sharpness = |degrees: f64| {
        let t = degrees.to_radians().tan();
        let mut hist = vec![0u32; rows];
        let offset = f64::from(small.width) * 0.06;
        for &(x, y) in &ink {
            let r = (y - x * t + offset).round();
            if r >= 0.0 && (r as usize) < rows {
                hist[r as usize] += 1;
            }
        }
        hist.iter()
            .map(|&n| f64::from(n) * f64::from(n))
            .sum::<f64>()
    };
    let best = |from: f64, to: f64, step: f64| {
        let mut a = from;
        let (mut best_a, mut best_s) = (0.0, f64::MIN);
        while a <= to + 1e-9 {
            let s = sharpness(a);
            if s > best_s {
                (best_a, best_s) = (a, s);
            }
            a += step;
        }
        best_a
    };
    let coarse = best(-3.0, 3.0, 0.2);
    best(coarse - 0.2, coarse + 0.2, 0.02)
}

/// Whether a page looks turned a quarter (its text lines run down the image): the ink's
/// column profile varies much more than its row profile (upright text lines and gaps make the
/// rows alternate; scans of upright pages measured at most 1.4 times, sideways ones 1.4 to 7).
/// Only a sign: the engine's orientation detection decides.
pub fn sideways(image: &Grey, level: u8) -> bool {
    let small = image.no_wider_than(800);
    let (w, h) = (small.width as usize, small.height as usize);
    let (mut rows, mut cols) = (vec![0f64; h], vec![0f64; w]);
    for (i, &p) in small.pixels.iter().enumerate() {
        if p <= level {
            rows[i / w] += 1.0;
            cols[i % w] += 1.0;
        }
    }
    // The squared coefficient of variation of a profile.
    let spread = |v: &[f64]| {
        let n = v.len().max(1) as f64;
        let mean = v.iter().sum::<f64>() / n;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        if mean > 0.0 {
            var / (mean * mean)
        } else {
            0.0
        }
    };
    spread(&cols) > 1.25 * spread(&rows)
}

/// A ruling line found in the pixels: from and to, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    /// Start (x, y).
    pub from: (f32, f32),
    /// End (x, y).
    pub to: (f32, f32),
}

/// The ruling lines of a (deskewed) scan: runs of thin ink (at or below `faint`: a scan blurs
/// a line into grey) at least `min_h` pixels long along a row, or `min_v` down a column,
/// allowing gaps of `gap` pixels (a copier's broken line, a crossing line). Thin: the dark ink
/// (at or below `level`) across the run is at most `thick` pixels, so the strokes of a large
/// bold title, as long as a narrow cell's border but thicker, are no lines.
///
/// `through` = (`long`, `reach`): a thin run at least `long` pixels long goes on, at either
/// end, through up to `reach` pixels of ink of any thickness along its own row or column — a
/// seal stamped over a table's corner crosses its lines with thick strokes, and the lines
/// would stop at the seal. It stops where the ink does (past a gap of `gap`): at the table's
/// corner, or where the seal leaves white. Only long runs go on, so the strokes of a title
/// (short, thin and thick in turn) are never chained into a line.
pub fn lines(
    image: &Grey,
    levels: (u8, u8),
    (min_h, min_v): (u32, u32),
    gap: u32,
    thick: u32,
    through: (u32, u32),
) -> Vec<Line> {
    let (level, faint) = levels;
    let (w, h) = (image.width as usize, image.height as usize);
    let ink = |x: usize, y: usize| image.pixels[y * w + x] <= level;
    let faint = |x: usize, y: usize| image.pixels[y * w + x] <= faint;
    // The length of the ink run through each pixel, down its column and along its row.
    let mut down = vec![0u16; w * h];
    let mut along = vec![0u16; w * h];
    for x in 0..w {
        for (a, b) in runs((0..h).map(|y| ink(x, y)), 0) {
            let n = (b - a).min(usize::from(u16::MAX)) as u16;
            for y in a..b {
                down[y * w + x] = n;
            }
        }
    }
    for y in 0..h {
        for (a, b) in runs((0..w).map(|x| ink(x, y)), 0) {
            let n = (b - a).min(usize::from(u16::MAX)) as u16;
            along[y * w + a..y * w + b].iter_mut().for_each(|v| *v = n);
        }
    }
    let thin = |n: u16| u32::from(n) <= thick;
    let mut out = Vec::new();
    for y in 0..h {
        let row = runs((0..w).map(|x| faint(x, y) && thin(down[y * w + x])), gap);
        for (a, b) in go_on(row, w, through, gap, |x| faint(x, y)) {
            if b - a >= min_h as usize {
                out.push(Line {
                    from: (a as f32, y as f32 + 0.5),
                    to: (b as f32, y as f32 + 0.5),
                });
            }
        }
    }
    for x in 0..w {
        let column = runs((0..h).map(|y| faint(x, y) && thin(along[y * w + x])), gap);
        for (a, b) in go_on(column, h, through, gap, |y| faint(x, y)) {
            if b - a >= min_v as usize {
                out.push(Line {
                    from: (x as f32 + 0.5, a as f32),
                    to: (x as f32 + 0.5, b as f32),
                });
            }
        }
    }
    out
}

/// The runs of one row (or column) of `n` pixels, each run at least `long` long carried on at
/// both ends through inked pixels (gaps up to `gap`) for up to `reach`; runs that then overlap
/// are one.
fn go_on(
    runs: Vec<(usize, usize)>,
    n: usize,
    (long, reach): (u32, u32),
    gap: u32,
    inked: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let (long, reach, gap) = (long as usize, reach as usize, gap as usize);
    // How far ink goes on from `from` (exclusive) by `step`, within `reach`.
    let carry = |from: usize, forward: bool| {
        let (mut end, mut blank) = (from, 0);
        for k in 1..=reach {
            let at = match forward {
                true => from + k - 1,
                false => match from.checked_sub(k) {
                    Some(at) => at,
                    None => break,
                },
            };
            if at >= n {
                break;
            }
            if inked(at) {
                (end, blank) = (if forward { at + 1 } else { at }, 0);
            } else {
                blank += 1;
                if blank > gap {
                    break;
                }
            }
        }
        end
    };
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(runs.len());
    for (a, b) in runs {
        let (mut a, mut b) = match b - a >= long {
            true => (carry(a, false), carry(b, true)),
            false => (a, b),
        };
        // Carried back, a run may reach over several before it.
        while let Some(&(la, lb)) = out.last() {
            if a > lb {
                break;
            }
            (a, b) = (a.min(la), b.max(lb));
            out.pop();
        }
        out.push((a, b));
    }
    out
}

/// Runs of `true` (start, end exclusive), bridging gaps up to `gap` long.
fn runs(bits: impl Iterator<Item = bool>, gap: u32) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, on) in bits.enumerate() {
        n = i + 1;
        match (on, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_run(&mut out, (s, i), gap);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push_run(&mut out, (s, n), gap);
    }
    out
}

fn push_run(out: &mut Vec<(usize, usize)>, run: (usize, usize), gap: u32) {
    match out.last_mut() {
        Some(last) if run.0 - last.1 <= gap as usize => last.1 = run.1,
        _ => out.push(run),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ruled(width: u32, height: u32) -> Grey {
        let mut g = Grey::white(width, height);
        for x in 10..width - 10 {
            for y in [20, 60] {
                g.pixels[(y * width + x) as usize] = 0;
            }
        }
        for y in 20..=60 {
            for x in [10, width / 2, width - 11] {
                g.pixels[(y * width + x) as usize] = 0;
            }
        }
        g
    }

    #[test]
    fn long_runs_are_lines_and_short_ones_are_not() {
        let mut g = ruled(200, 80);
        // A short stroke (a character's) inside a cell, and a gap in a line.
        for x in 30..40 {
            g.pixels[(40 * 200 + x) as usize] = 0;
        }
        g.pixels[(20 * 200 + 100) as usize] = 255;
        let found = lines(&g, (128, 128), (50, 30), 2, 3, (1000, 0));
        let horizontal = found.iter().filter(|l| l.from.1 == l.to.1).count();
        let vertical = found.iter().filter(|l| l.from.0 == l.to.0).count();
        assert_eq!((horizontal, vertical), (2, 3), "{found:?}");
        assert!(
            lines(&g, (128, 128), (50, 30), 0, 3, (1000, 0)).len() > 5,
            "without bridging the gap splits a line"
        );
        // A bar as long but 8 pixels thick (a bold title's stroke) is no line.
        let mut bold = Grey::white(200, 80);
        for y in 30..38 {
            for x in 20..180 {
                bold.pixels[y * 200 + x] = 0;
            }
        }
        assert!(lines(&bold, (128, 128), (50, 30), 2, 3, (1000, 0)).is_empty());
    }

    #[test]
    fn a_long_line_goes_on_under_a_seals_strokes_and_stops_where_the_ink_does() {
        // A line from x = 10 to 150, under a "seal" from x = 120 to 170: its thick strokes
        // cross the line at 120..130 and 140..150 (the line goes on between them), and ink
        // goes on past the line's end at 150 only after a white gap.
        let (w, h) = (200usize, 80usize);
        let mut g = Grey::white(w as u32, h as u32);
        for x in 10..150 {
            g.pixels[40 * w + x] = 0;
        }
        for x in (120..130).chain(140..150).chain(155..170) {
            for y in 25..55 {
                g.pixels[y * w + x] = 0;
            }
        }
        let horizontal = |found: &[Line]| -> Vec<(f32, f32)> {
            found
                .iter()
                .filter(|l| l.from.1 == l.to.1 && l.from.1 == 40.5)
                .map(|l| (l.from.0, l.to.0))
                .collect()
        };
        let plain = lines(&g, (128, 128), (50, 60), 1, 3, (1000, 0));
        assert_eq!(horizontal(&plain), [(10.0, 120.0)], "stops at the seal");
        let through = lines(&g, (128, 128), (50, 60), 1, 3, (60, 80));
        assert_eq!(horizontal(&through), [(10.0, 150.0)], "goes on to its end");
        // Carried back over a short piece and the seal's strokes to the line's start.
        let mut back = Grey::white(w as u32, h as u32);
        for x in 20..190 {
            back.pixels[40 * w + x] = 0;
        }
        for x in (24..30).chain(40..50) {
            for y in 25..55 {
                back.pixels[y * w + x] = 0;
            }
        }
        let found = lines(&back, (128, 128), (50, 60), 1, 3, (60, 80));
        assert_eq!(horizontal(&found), [(20.0, 190.0)]);
        // A short thin stroke between thick ones (a title's) is not carried on.
        let mut title = Grey::white(w as u32, h as u32);
        for x in 40..200 {
            if x % 40 < 30 {
                title.pixels[40 * w + x] = 0;
            }
            if x % 40 >= 30 {
                for y in 30..50 {
                    title.pixels[y * w + x] = 0;
                }
            }
        }
        assert!(horizontal(&lines(&title, (128, 128), (50, 60), 1, 3, (60, 80))).is_empty());
    }

    #[test]
    fn text_lines_running_down_the_image_look_sideways() {
        // Twenty lines of "text" (short dashes with gaps), upright, then turned a quarter.
        let mut g = Grey::white(400, 600);
        for line in 0..20 {
            for y in 40 + line * 25..48 + line * 25 {
                for x in 20..380 {
                    if x % 12 < 9 {
                        g.pixels[y * 400 + x] = 0;
                    }
                }
            }
        }
        assert!(!sideways(&g, 128));
        assert!(sideways(&g.turned(1), 128));
        assert!(sideways(&g.turned(3), 128));
    }

    #[test]
    fn the_skew_of_a_turned_table_is_found() {
        let g = ruled(600, 300);
        assert!(skew(&g, 128).abs() < 0.05);
        let turned = g.rotated(1.5);
        let a = skew(&turned, 128);
        assert!((a - 1.5).abs() < 0.15, "{a}");
    }
}
