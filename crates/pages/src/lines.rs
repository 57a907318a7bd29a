//! From glyphs to text: the page's reading frame, lines (glyphs on one baseline), and the
//! chunks a line splits into at wide gaps (a table's columns when it has no ruling lines).

use crate::marks::Glyph;
use kurbo::{Point, Vec2};

/// A gap of at least this many ems between two glyphs on a line separates two cells.
const CELL_GAP_EM: f32 = 1.0;
/// A gap of at least this many ems between two glyphs is a space (and between two digits, a
/// cell boundary).
const SPACE_GAP_EM: f32 = 0.2;

/// A reading frame: `x` along the reading direction, `y` towards the next line.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// The reading direction: one unit along a line, in page space.
    pub along: Vec2,
    /// One unit towards the next line, in page space.
    pub down: Vec2,
}

impl Frame {
    /// The frame of a reading direction in quarter turns clockwise (0 = left to right).
    pub fn new(direction: u8) -> Self {
        let along = match direction % 4 {
            0 => Vec2::new(1.0, 0.0),
            1 => Vec2::new(0.0, 1.0),
            2 => Vec2::new(-1.0, 0.0),
            _ => Vec2::new(0.0, -1.0),
        };
        Frame {
            along,
            down: Vec2::new(-along.y, along.x),
        }
    }

    /// A page-space point in this frame.
    pub fn apply(&self, p: Point) -> (f32, f32) {
        let v = p.to_vec2();
        (v.dot(self.along) as f32, v.dot(self.down) as f32)
    }

    /// The page-space point of a point in this frame (the inverse of [`Frame::apply`]: the
    /// frame is a quarter turn, its axes of unit length).
    pub fn unapply(&self, x: f32, y: f32) -> Point {
        (self.along * f64::from(x) + self.down * f64::from(y)).to_point()
    }
}

/// A glyph in some frame: its extent along the line, its baseline and size.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    pub(crate) text: String,
    pub(crate) x0: f32,
    pub(crate) x1: f32,
    pub(crate) base: f32,
    pub(crate) size: f32,
    /// OCR's confidence where the glyph was recognised in an image.
    pub(crate) confidence: Option<f32>,
}

impl Mark {
    /// A glyph in `frame`.
    pub(crate) fn of(glyph: &Glyph, frame: Frame) -> Self {
        let (x0, base) = frame.apply(glyph.origin);
        let x1 = x0 + glyph.advance.dot(frame.along) as f32;
        Mark {
            text: glyph.text.clone(),
            x0: x0.min(x1),
            x1: x0.max(x1),
            base,
            size: glyph.size as f32,
            confidence: glyph.confidence,
        }
    }
}

/// Glyphs on one baseline, left to right.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub(crate) base: f32,
    pub(crate) size: f32,
    pub(crate) marks: Vec<Mark>,
}

/// A run of text on a line between wide gaps, with its extent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chunk {
    pub(crate) text: String,
    pub(crate) x0: f32,
    pub(crate) x1: f32,
    /// The least OCR confidence of its glyphs, where they were recognised.
    pub(crate) confidence: Option<f32>,
}

/// Groups marks into lines: marks whose baselines lie within 0.4 em of a line's first mark
/// join it. Glyphs drawn twice at almost the same place (fake bold, shadows) are kept once.
pub(crate) fn lines(mut marks: Vec<Mark>) -> Vec<Line> {
    marks.sort_by(|a, b| a.base.total_cmp(&b.base).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Line> = Vec::new();
    for m in marks {
        match out.last_mut() {
            Some(line) if m.base - line.base <= 0.4 * line.size.max(m.size) => {
                line.size = line.size.max(m.size);
                line.marks.push(m);
            }
            _ => out.push(Line {
                base: m.base,
                size: m.size,
                marks: vec![m],
            }),
        }
    }
    for line in &mut out {
        line.marks.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut kept: Vec<Mark> = Vec::with_capacity(line.marks.len());
        for m in line.marks.drain(..) {
            let twice = kept.iter().rev().take(4).any(|k| {
                k.text == m.text
                    && (k.x0 - m.x0).abs() < 0.2 * m.size
                    && (k.base - m.base).abs() < 0.2 * m.size
            });
            if !twice {
                kept.push(m);
            }
        }
        line.marks = kept;
    }
    out
}

impl Line {
    /// Where the line's text starts and ends along it.
    pub(crate) fn x0(&self) -> f32 {
        self.marks.first().map_or(0.0, |m| m.x0)
    }

    pub(crate) fn x1(&self) -> f32 {
        self.marks.iter().map(|m| m.x1).fold(self.x0(), f32::max)
    }

    /// The box of the line's text from `x0` to `x1`: left, top, right, bottom (an em above the
    /// baseline to a quarter below).
    pub(crate) fn rect(&self, x0: f32, x1: f32) -> [f32; 4] {
        [x0, self.base - self.size, x1, self.base + 0.25 * self.size]
    }

    /// The line's chunks: text between gaps of at least [`CELL_GAP_EM`].
    pub(crate) fn chunks(&self) -> Vec<Chunk> {
        self.chunks_at(&[])
    }

    /// The line's chunks, also split where a number starts right after a label at one of the
    /// page's number columns (`columns`: where numbers standing alone start on several lines):
    /// a table without rules whose label runs up to its first number (`行政规范性文件3`).
    /// Such a split stands only when what follows is a number alone.
    pub(crate) fn chunks_at(&self, columns: &[f32]) -> Vec<Chunk> {
        let mut out: Vec<Chunk> = Vec::new();
        let mut split_at_column: Vec<bool> = Vec::new();
        let mut last_x1 = f32::NEG_INFINITY;
        for m in &self.marks {
            let digit = m.text.starts_with(|c: char| c.is_ascii_digit());
            let at_column = digit
                && near_column(columns, m.x0)
                && out
                    .last()
                    .and_then(|c| c.text.chars().last())
                    .is_some_and(is_wide);
            let gap = m.x0 - last_x1;
            let em = m.size.max(1.0);
            // A space between two digits separates two numbers (no number here has one).
            let numbers_apart = gap >= SPACE_GAP_EM * em
                && m.text.starts_with(|c: char| c.is_ascii_digit())
                && out
                    .last()
                    .is_some_and(|c| c.text.ends_with(|c: char| c.is_ascii_digit()));
            match out.last_mut() {
                Some(c) if gap < CELL_GAP_EM * em && !numbers_apart && !at_column => {
                    if gap >= SPACE_GAP_EM * em {
                        c.text.push(' ');
                    }
                    c.text.push_str(&m.text);
                    c.x1 = c.x1.max(m.x1);
                    c.confidence = least(c.confidence, m.confidence);
                }
                _ => {
                    split_at_column.push(at_column && !out.is_empty());
                    out.push(Chunk {
                        text: m.text.clone(),
                        x0: m.x0,
                        x1: m.x1,
                        confidence: m.confidence,
                    });
                }
            }
            last_x1 = last_x1.max(m.x1);
        }
        // A split at a column that is not followed by a number alone was prose: join it back.
        let mut joined: Vec<Chunk> = Vec::with_capacity(out.len());
        for (chunk, split) in out.into_iter().zip(split_at_column) {
            match joined.last_mut() {
                Some(prev) if split && !is_number(&chunk.text) => {
                    prev.text.push_str(&chunk.text);
                    prev.x1 = prev.x1.max(chunk.x1);
                    prev.confidence = least(prev.confidence, chunk.confidence);
                }
                _ => joined.push(chunk),
            }
        }
        joined
    }

    /// The whole line as text, chunks joined by a space.
    pub(crate) fn text(&self) -> String {
        let chunks = self.chunks();
        let parts: Vec<&str> = chunks.iter().map(|c| c.text.as_str()).collect();
        parts.join(" ")
    }
}

/// The lesser of two OCR confidences, either of which may be absent (text not recognised).
pub(crate) fn least(a: Option<f32>, b: Option<f32>) -> Option<f32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Number columns closer than this (points) to a glyph's start are its column.
const COLUMN_SNAP: f32 = 1.0;

/// Digits with number punctuation only.
pub(crate) fn is_number(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ",.，．".contains(c) || c.is_whitespace())
}

/// True when `x` is within [`COLUMN_SNAP`] of one of the sorted `columns` (a binary search: a
/// page may have many).
fn near_column(columns: &[f32], x: f32) -> bool {
    let i = columns.partition_point(|&c| c < x - COLUMN_SNAP);
    columns.get(i).is_some_and(|&c| c <= x + COLUMN_SNAP)
}

/// Where numbers standing alone start on at least three lines of a page: its number columns,
/// sorted.
pub(crate) fn number_columns(lines: &[Line]) -> Vec<f32> {
    let mut starts: Vec<f32> = lines
        .iter()
        .flat_map(|l| l.chunks())
        .filter(|c| is_number(&c.text))
        .map(|c| c.x0)
        .collect();
    starts.sort_by(f32::total_cmp);
    let mut columns = Vec::new();
    let mut i = 0;
    while i < starts.len() {
        let j = i + starts[i..].partition_point(|&x| x - starts[i] <= COLUMN_SNAP);
        if j - i >= 3 {
            columns.push(starts[i]);
        }
        i = j;
    }
    columns
}

/// A wide (CJK) character: an em wide when a font gives no width.
pub fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}' | '\u{20000}'..='\u{3FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(text: &str, x0: f32, base: f32) -> Mark {
        Mark {
            text: text.into(),
            x0,
            x1: x0 + 10.0,
            base,
            confidence: None,
            size: 10.0,
        }
    }

    #[test]
    fn glyphs_on_a_baseline_form_a_line_and_wide_gaps_split_it() {
        let marks = vec![
            mark("予", 0.0, 100.0),
            mark("以", 10.0, 100.5),
            mark("1", 60.0, 100.0),
            mark("2", 70.0, 99.8),
            mark("下", 0.0, 120.0),
        ];
        let lines = lines(marks);
        assert_eq!(lines.len(), 2);
        let chunks = lines[0].chunks();
        let texts: Vec<&str> = chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["予以", "12"]);
        assert_eq!((chunks[1].x0, chunks[1].x1), (60.0, 80.0));
        assert_eq!(lines[1].text(), "下");
    }

    #[test]
    fn a_glyph_drawn_twice_for_bold_is_read_once() {
        let marks = vec![
            mark("总", 0.0, 50.0),
            mark("总", 0.4, 50.0),
            mark("计", 10.0, 50.0),
            mark("计", 10.4, 50.2),
            // Two equal characters side by side are both kept.
            mark("0", 30.0, 50.0),
            mark("0", 36.0, 50.0),
        ];
        assert_eq!(lines(marks)[0].text(), "总计 00");
    }

    #[test]
    fn frames_turn_page_space_into_reading_order() {
        let p = Point::new(30.0, 200.0);
        assert_eq!(Frame::new(0).apply(p), (30.0, 200.0));
        // Text read bottom to top (a landscape table on a portrait page).
        assert_eq!(Frame::new(3).apply(p), (-200.0, 30.0));
        assert_eq!(Frame::new(1).apply(p), (200.0, -30.0));
    }
}
