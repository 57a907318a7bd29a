//! A page as a person sees it, with the places read on it: the workbench shows the original
//! page beside a finding and outlines the cell the finding points at. Each format draws its
//! page (PDF through hayro, OFD from its marks); the places come from laying the page out
//! exactly as reading does — the same furniture dropped, the same line and table numbering —
//! so a place named in a finding (`第3页第1个表格第6行第9格`) is found on the drawing by
//! equality, never by searching for its text.

use crate::page::PageText;
use xxgk_model::SourceRef;

/// A page drawn as SVG, and where each place read on it is.
#[derive(Debug, Clone)]
pub struct PageView {
    /// The page as an SVG document, `width` × `height` user units.
    pub svg: String,
    /// The page's width in points (as drawn: a rotated page is turned).
    pub width: f32,
    /// The page's height in points.
    pub height: f32,
    /// Every place read on the page (each table cell, each line and positioned cell).
    pub places: Vec<Place>,
}

/// A place read on a page and its box on the drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The place as findings and provenance name it.
    pub source: SourceRef,
    /// Left, top, right, bottom in the drawing's units (points from the top-left corner).
    pub rect: [f32; 4],
}

/// Every place laid out on page `number` (1-based) of `width` × `height` points, with its box
/// in page space, cut to the page. `text` is the page as reading left it (furniture dropped).
pub fn places(text: &PageText, number: u32, width: f32, height: f32) -> Vec<Place> {
    let mut places = Vec::new();
    if text.glyphs == 0 {
        return places;
    }
    let frame = text.frame;
    crate::lay_out_page(
        text,
        number,
        &mut Vec::new(),
        &mut |source, [l, t, r, b]| {
            let (p, q) = (frame.unapply(l, t), frame.unapply(r, b));
            // Cut to the page: a table's rules may run past its edge.
            let (x, y) = (
                |v: f64| (v as f32).clamp(0.0, width),
                |v: f64| (v as f32).clamp(0.0, height),
            );
            places.push(Place {
                source: source.clone(),
                rect: [
                    x(p.x.min(q.x)),
                    y(p.y.min(q.y)),
                    x(p.x.max(q.x)),
                    y(p.y.max(q.y)),
                ],
            });
        },
    );
    places
}
