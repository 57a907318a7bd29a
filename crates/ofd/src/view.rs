//! An OFD page drawn for a person, with the places read on it (`xxgk_pages::places`): the
//! workbench shows it beside a finding, the finding's cell outlined. Drawn from what reading
//! recorded — each glyph at its place, size and direction, each ruling line — as SVG, in
//! points with y down, as the PDF view is. Images are not drawn (a scanned page shows empty).

use crate::{read_pages, FORMAT};
use std::fmt::Write as _;
use xxgk_model::{Limits, Msg, ReadError};
use xxgk_pages::{PageMarks, PageView};

/// Draws page `number` (1-based) of an OFD and lays it out as reading does. Bounded as reading
/// is ([`Limits`]); a page that is not there is an error.
pub fn view_page(bytes: &[u8], number: u32, limits: &Limits) -> Result<PageView, ReadError> {
    let pages = read_pages(bytes, limits, Some(number))?;
    let mut texts = pages.texts;
    xxgk_pages::drop_furniture(&mut texts);
    let index = (number as usize).wrapping_sub(1);
    let (Some(text), Some((marks, width, height))) = (texts.get(index), pages.kept) else {
        return Err(ReadError::Unsupported(Msg::new(
            format!("{FORMAT} 共 {} 页，没有第{number}页", texts.len()),
            format!("the {FORMAT} has {} pages, no page {number}", texts.len()),
        )));
    };
    let (width, height) = (width as f32, height as f32);
    Ok(PageView {
        svg: svg(&marks, width, height),
        width,
        height,
        places: xxgk_pages::places(text, number, width, height),
    })
}

/// The page's glyphs and ruling lines as an SVG document.
fn svg(marks: &PageMarks, width: f32, height: f32) -> String {
    let mut out = String::with_capacity(64 * marks.glyphs.len() + 32 * marks.segments.len());
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <path fill=\"none\" stroke=\"#000\" stroke-width=\"0.6\" d=\""
    );
    for s in &marks.segments {
        let _ = write!(
            out,
            "M{:.1} {:.1}L{:.1} {:.1}",
            s.from.x, s.from.y, s.to.x, s.to.y
        );
    }
    out.push_str(
        "\"/><g fill=\"#000\" font-family=\"SimSun,'Songti SC','Noto Serif CJK SC',\
         'Source Han Serif SC',serif\">",
    );
    for g in &marks.glyphs {
        let (x, y) = (g.origin.x, g.origin.y);
        let angle = g.advance.y.atan2(g.advance.x).to_degrees();
        let _ = write!(
            out,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{:.1}\"",
            g.size
        );
        if angle.abs() > 0.5 {
            let _ = write!(out, " transform=\"rotate({angle:.1} {x:.1} {y:.1})\"");
        }
        out.push('>');
        for c in g.text.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out.push_str("</text>");
    }
    out.push_str("</g></svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use xxgk_model::{Adapter, Block, SourceRef};

    fn fixture(name: &str) -> Vec<u8> {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/ofd");
        std::fs::read(path.join(name)).unwrap_or_default()
    }

    #[test]
    fn a_page_is_drawn_with_every_place_read_on_it() {
        let bytes = fixture("r5151-000000.lo-pdf.pdf2ofd.ofd");
        assert!(!bytes.is_empty());
        let limits = Limits::default();
        let doc = crate::OfdAdapter.read(&bytes, &limits).unwrap_or_default();
        let view = view_page(&bytes, 2, &limits).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(view.svg.starts_with("<svg") && view.svg.contains("<text"));
        assert!(view.width > 500.0 && view.height > 800.0, "{view:?}");
        let on_page = |s: &SourceRef| matches!(s, SourceRef::Page { page: 2, .. });
        let read: Vec<&SourceRef> = doc
            .blocks
            .iter()
            .flat_map(|b| match b {
                Block::Table(t) => t.rows.iter().flatten().map(|c| &c.source).collect(),
                Block::Paragraph(p) => vec![&p.source],
                Block::Image { .. } => Vec::new(),
            })
            .filter(|s| on_page(s))
            .collect();
        assert!(read.len() > 20, "{}", read.len());
        for s in read {
            let Some(place) = view.places.iter().find(|p| &p.source == s) else {
                panic!("{s:?} not on the drawing")
            };
            let [l, t, r, b] = place.rect;
            assert!(0.0 <= l && l < r && r <= view.width && 0.0 <= t && t < b && b <= view.height);
        }
        assert!(matches!(
            view_page(&bytes, 99, &limits),
            Err(ReadError::Unsupported(_))
        ));
    }
}
