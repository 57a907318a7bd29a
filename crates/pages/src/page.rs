//! One page's marks read as text: the reading frame (the direction most glyphs read in, so a
//! landscape table drawn on its side reads like any other), ruled tables with the glyphs in
//! their cells, and the remaining glyphs as lines.

use crate::lattice::{grids, Grid};
use crate::lines::{lines, Frame, Line, Mark};
use crate::marks::PageMarks;

/// A page read as text, in its reading frame.
#[derive(Debug)]
pub struct PageText {
    /// The reading frame: page space turned so that the text reads left to right.
    pub frame: Frame,
    /// Ruled tables, top to bottom, each cell's text with its grid place.
    pub(crate) tables: Vec<RuledTable>,
    /// Lines outside the tables, top to bottom.
    pub(crate) lines: Vec<Line>,
    /// Lines read in another direction than the page's (a side note), top to bottom.
    pub(crate) side_lines: Vec<Line>,
    /// Half the body text's em: the unit of positioned cells' extents, so that a CJK
    /// character is 2 wide as in laid-out text.
    pub(crate) en: f32,
    /// The page's top and bottom edge in the frame.
    pub(crate) top: f32,
    pub(crate) bottom: f32,
    /// Images drawn.
    pub(crate) images: usize,
    /// Glyphs with no Unicode text.
    pub(crate) unreadable: usize,
    /// Most of the page's text is an invisible OCR layer over an image.
    pub(crate) ocr: bool,
    /// The page's text was recognised in its image by xxgk's OCR.
    pub(crate) recognised: bool,
    /// Glyphs drawn at an angle (watermarks, stamps), not read.
    pub(crate) angled: usize,
    /// Glyphs drawn, and line segments (a page of text drawn as outlines has many segments
    /// and no glyphs).
    pub glyphs: usize,
    pub(crate) segments: usize,
    /// Glyphs read as accented Latin letters: in a Chinese report, the sign of a font whose
    /// Unicode map is wrong (the text reads as mojibake in every extractor).
    pub(crate) latin: usize,
}

/// A ruled table: rows of (cell text, grid column, row span, column span).
#[derive(Debug)]
pub(crate) struct RuledTable {
    pub(crate) top: f32,
    pub(crate) rows: Vec<Vec<RuledCell>>,
}

/// One merged cell of a ruled table.
#[derive(Debug, PartialEq)]
pub(crate) struct RuledCell {
    pub(crate) text: String,
    /// Its box in the reading frame: left, top, right, bottom.
    pub(crate) rect: [f32; 4],
    pub(crate) col: u32,
    pub(crate) row_span: u32,
    pub(crate) col_span: u32,
    /// The least OCR confidence of its glyphs, where they were recognised.
    pub(crate) confidence: Option<f32>,
}

/// Reads one page's marks. `width` and `height` are the page's size in page space.
pub fn read(marks: PageMarks, width: f64, height: f64) -> PageText {
    let mut counts = [0usize; 4];
    let mut angled = 0;
    for g in &marks.glyphs {
        match g.direction() {
            Some(d) => counts[usize::from(d)] += 1,
            None => angled += 1,
        }
    }
    let direction = (0..4u8)
        .max_by_key(|&d| (counts[usize::from(d)], std::cmp::Reverse(d)))
        .unwrap_or(0);
    let frame = Frame::new(direction);
    let grids = grids(&marks.segments, frame);
    let mut main_cells: Vec<Vec<Vec<Mark>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cells.len()])
        .collect();
    let mut side_cells: Vec<Vec<Vec<Mark>>> = main_cells.clone();
    let (mut free, mut side_free) = (Vec::new(), Vec::new());
    let mut sizes = Vec::new();
    for g in &marks.glyphs {
        let Some(d) = g.direction() else { continue };
        let own = Mark::of(g, Frame::new(d));
        // The glyph's body centre in page space, then in the page's frame.
        let up = Frame::new(d).down * (-0.35 * g.size);
        let (cx, cy) = frame.apply(g.origin + g.advance * 0.5 + up);
        let place = grids
            .iter()
            .enumerate()
            .find_map(|(t, grid)| grid.locate(cx, cy).map(|c| (t, c)));
        let main = d == direction;
        if main {
            sizes.push(own.size);
        }
        match (place, main) {
            (Some((t, c)), true) => main_cells[t][c].push(own),
            (Some((t, c)), false) => side_cells[t][c].push(own),
            (None, true) => free.push(own),
            (None, false) => side_free.push(own),
        }
    }
    sizes.sort_by(f32::total_cmp);
    let en = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0) / 2.0;
    let tables = grids
        .iter()
        .zip(main_cells.into_iter().zip(side_cells))
        .map(|(grid, (main, side))| ruled_table(grid, main, side))
        .collect();
    let corners = [(0.0, 0.0), (width, 0.0), (0.0, height), (width, height)]
        .map(|(x, y)| frame.apply(kurbo::Point::new(x, y)).1);
    PageText {
        frame,
        tables,
        lines: lines(free),
        side_lines: lines(side_free),
        en,
        top: corners.iter().copied().fold(f32::INFINITY, f32::min),
        bottom: corners.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        images: marks.images,
        unreadable: marks.unreadable,
        ocr: marks.images > 0 && marks.invisible * 2 > marks.glyphs.len(),
        recognised: marks.recognised,
        angled,
        glyphs: marks.glyphs.len(),
        segments: marks.segments.len(),
        latin: marks
            .glyphs
            .iter()
            .filter(|g| {
                g.text
                    .starts_with(|c| ('\u{00C0}'..='\u{024F}').contains(&c))
            })
            .count(),
    }
}

/// A grid's cells with their text: lines inside a cell are joined by a line break (a label
/// wrapped in its cell; a vertical label is one character per line).
fn ruled_table(grid: &Grid, main: Vec<Vec<Mark>>, side: Vec<Vec<Mark>>) -> RuledTable {
    let mut rows: Vec<Vec<RuledCell>> = Vec::new();
    let mut row_of = Vec::new();
    for (cell, (main, side)) in grid.cells.iter().zip(main.into_iter().zip(side)) {
        let confidence = main
            .iter()
            .chain(&side)
            .fold(None, |c, m| crate::lines::least(c, m.confidence));
        let mut texts: Vec<String> = lines(main).iter().map(Line::text).collect();
        texts.extend(lines(side).iter().map(Line::text));
        let ruled = RuledCell {
            text: texts.join("\n"),
            rect: [
                grid.xs[cell.c0],
                grid.ys[cell.r0],
                grid.xs[cell.c1],
                grid.ys[cell.r1],
            ],
            col: cell.c0 as u32,
            row_span: (cell.r1 - cell.r0) as u32,
            col_span: (cell.c1 - cell.c0) as u32,
            confidence,
        };
        match row_of.iter().position(|&r| r == cell.r0) {
            Some(i) => rows[i].push(ruled),
            None => {
                row_of.push(cell.r0);
                rows.push(vec![ruled]);
            }
        }
    }
    RuledTable {
        top: grid.top(),
        rows,
    }
}
