//! A PDF page drawn for a person, with the places read on it (`xxgk_pages::places`): drawn
//! as SVG by hayro (`hayro-svg`, the same interpreter that reads it), in the space the reader
//! records marks in (points, y down, the page's rotation applied).

use crate::{contained, guard, marks, open, page_texts};
use hayro_interpret::InterpreterSettings;
use hayro_svg::{RenderCache, SvgRenderSettings};
use xxgk_model::{Limits, Msg, ReadError};
use xxgk_pages::PageView;

/// Draws page `number` (1-based) of a PDF and lays it out as reading does. Bounded as reading
/// is ([`Limits`]); a page that is not there is an error.
pub fn view_page(bytes: &[u8], number: u32, limits: &Limits) -> Result<PageView, ReadError> {
    guard::check_raw(bytes, limits)?;
    contained(limits, || view(bytes, number, limits))
}

fn view(bytes: &[u8], number: u32, limits: &Limits) -> Result<PageView, ReadError> {
    let pdf = open(bytes, limits)?;
    let mut budget = marks::Budget::new(limits.max_drawn, limits.max_seconds);
    // A scanned page is recognised as reading recognises it, so its places are the same.
    let mut ocr = xxgk_scan::Recogniser::new(limits);
    let mut texts = page_texts(&pdf, &mut budget, &mut ocr);
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
    let places = xxgk_pages::places(text, number, width, height);
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
    use xxgk_model::SourceRef;

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
