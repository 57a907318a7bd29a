//! A page drawn for a person, with the places read on it: the workbench shows the original
//! page beside a finding and outlines the cell the finding points at.
//!
//! The page is drawn as SVG by hayro (`hayro-svg`, the same interpreter that reads it), in the
//! space the reader records marks in (points, y down, the page's rotation applied). The places
//! come from laying the page out exactly as reading does — the same furniture dropped, the same
//! line and table numbering — so a place named in a finding (`第3页第1个表格第6行第9格`) is
//! found on the drawing by equality, never by searching for its text.

use crate::{contained, guard, marks, open, page_texts};
use hayro_interpret::InterpreterSettings;
use hayro_svg::{RenderCache, SvgRenderSettings};
use xxgk_model::{Limits, Msg, ReadError, SourceRef};

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

/// Draws page `number` (1-based) of a PDF and lays it out as reading does. Bounded as reading
/// is ([`Limits`]); a page that is not there is an error.
pub fn view_page(bytes: &[u8], number: u32, limits: &Limits) -> Result<PageView, ReadError> {
    guard::check_raw(bytes, limits)?;
    contained(limits, || view(bytes, number, limits))
}

fn view(bytes: &[u8], number: u32, limits: &Limits) -> Result<PageView, ReadError> {
    let pdf = open(bytes, limits)?;
    let mut budget = marks::Budget::new(limits.max_drawn, limits.max_seconds);
    let mut texts = page_texts(&pdf, &mut budget);
    xxgk_pages::drop_furniture(&mut texts);
    let index = (number as usize).wrapping_sub(1);
    let pages = pdf.pages();
    let (Some(page), Some(text)) = (pages.get(index), texts.get(index)) else {
        return Err(ReadError::Unsupported(Msg::new(
            format!("PDF 共 {} 页，没有第{number}页", pages.len()),
            format!("the PDF has {} pages, no page {number}", pages.len()),
        )));
    };
    let (width, height) = page.render_dimensions();
    let mut places = Vec::new();
    if text.glyphs > 0 {
        let frame = text.frame;
        xxgk_pages::lay_out_page(
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
    }
    let settings = SvgRenderSettings {
        bg_color: [255, 255, 255, 255],
    };
    let svg = hayro_svg::convert(
        page,
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &settings,
    );
    Ok(PageView {
        svg,
        width,
        height,
        places,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn fixture(name: &str) -> Vec<u8> {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
        std::fs::read(path.join(name)).unwrap_or_default()
    }

    #[test]
    fn a_page_is_drawn_with_every_place_read_on_it() {
        let bytes = fixture("000.utf8.wk.pdf");
        assert!(!bytes.is_empty());
        let limits = Limits::default();
        let doc = crate::read_pdf(&bytes, &limits).unwrap_or_default();
        let view = view_page(&bytes, 1, &limits).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(view.svg.starts_with("<svg") && view.svg.len() > 1000);
        assert!(view.width > 500.0 && view.height > 800.0, "{view:?}");
        // Every place of page 1 the reader gave a block or cell is on the drawing, inside it.
        let on_page_one = |s: &SourceRef| matches!(s, SourceRef::Page { page: 1, .. });
        let read: Vec<&SourceRef> = doc
            .blocks
            .iter()
            .flat_map(|b| match b {
                xxgk_model::Block::Table(t) => t.rows.iter().flatten().map(|c| &c.source).collect(),
                xxgk_model::Block::Paragraph(p) => vec![&p.source],
                _ => Vec::new(),
            })
            .filter(|s| on_page_one(s))
            .collect();
        assert!(read.len() > 20);
        for s in read {
            let place = view.places.iter().find(|p| &p.source == s);
            let Some(place) = place else {
                panic!("{s:?} not on the drawing")
            };
            let [l, t, r, b] = place.rect;
            let inside = 0.0 <= l && l < r && r <= view.width && 0.0 <= t && t < b;
            assert!(
                inside && b <= view.height,
                "{s:?} {:?} in {}x{}",
                place.rect,
                view.width,
                view.height
            );
        }
    }

    #[test]
    fn a_page_that_is_not_there_is_an_error() {
        let bytes = fixture("000.utf8.wk.pdf");
        for n in [0, 99] {
            assert!(matches!(
                view_page(&bytes, n, &Limits::default()),
                Err(ReadError::Unsupported(_))
            ));
        }
    }
}
