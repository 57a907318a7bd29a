//! The original beside a finding: what the place a finding names looks like in its file. A
//! PDF's, OFD's or image file's page is drawn (the views of `xxgk-pdf`, `xxgk-ofd` and
//! `xxgk-image`) with the place's box; a structured file's (DOCX, HTML, spreadsheet) table
//! holding the place is given as read, the place's cell marked; a paragraph comes with the
//! paragraphs around it. The place is found by equality with the
//! places reading gave, never by searching for text.

use crate::{Error, ParseOptions, Registry};
use std::path::Path;
use xxgk_model::{Block, SourceRef};
use xxgk_pdf::PageView;

/// Paragraphs shown on each side of a paragraph a finding points at.
const AROUND: usize = 3;

/// A place of a report as its file shows it.
#[derive(Debug, Clone)]
pub enum Original {
    /// A PDF, OFD or image file's page drawn, and the place's box on it (left, top, right, bottom; `None` where the
    /// place is not drawn on it).
    Page {
        /// The page.
        view: PageView,
        /// The place's box.
        mark: Option<[f32; 4]>,
    },
    /// The table holding the place, as read: rows of cells, the place's cell marked.
    Table {
        /// The rows.
        rows: Vec<Vec<OriginalCell>>,
    },
    /// The paragraphs around the place (text, whether it is the place).
    Paragraphs {
        /// The paragraphs in order.
        items: Vec<(String, bool)>,
    },
}

/// A cell of an [`Original::Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct OriginalCell {
    /// Its text.
    pub text: String,
    /// Rows and columns it spans.
    pub row_span: u32,
    /// Columns it spans.
    pub col_span: u32,
    /// It is the place asked for.
    pub marked: bool,
}

/// What place `at` of the file `bytes` (named `name`) looks like; `None` where reading gives
/// no such place.
pub fn original(
    registry: &Registry,
    bytes: &[u8],
    name: &Path,
    opts: &ParseOptions,
    at: &SourceRef,
) -> Result<Option<Original>, Error> {
    let adapter = crate::adapter(registry, bytes, name, opts)?;
    // A page of a fixed-layout file is drawn; any other place is shown as read.
    let view = match (at, adapter.name()) {
        (SourceRef::Page { page, .. }, "pdf") => {
            Some(xxgk_pdf::view_page(bytes, *page, &opts.limits))
        }
        (SourceRef::Page { page, .. }, "ofd") => {
            Some(xxgk_ofd::view_page(bytes, *page, &opts.limits))
        }
        (SourceRef::Page { page, .. }, "image") => {
            Some(xxgk_image::view_page(bytes, *page, &opts.limits))
        }
        _ => None,
    };
    if let Some(view) = view {
        let view = view.map_err(|source| Error::Read {
            path: name.to_path_buf(),
            adapter: adapter.name(),
            source,
        })?;
        let mark = view.places.iter().find(|p| &p.source == at).map(|p| p.rect);
        return Ok(Some(Original::Page { view, mark }));
    }
    let (_, doc) = crate::document(registry, bytes, name, opts)?;
    Ok(find(&doc.blocks, at))
}

/// The table or the paragraphs holding `at`, searching tables' cells' blocks too (a page's
/// layout table holds the report).
fn find(blocks: &[Block], at: &SourceRef) -> Option<Original> {
    let paragraphs: Vec<&xxgk_model::Paragraph> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
        .collect();
    if let Some(i) = paragraphs.iter().position(|p| &p.source == at) {
        let items = paragraphs[i.saturating_sub(AROUND)..(i + AROUND + 1).min(paragraphs.len())]
            .iter()
            .map(|p| (p.text.clone(), &p.source == at))
            .collect();
        return Some(Original::Paragraphs { items });
    }
    blocks.iter().find_map(|b| {
        let Block::Table(t) = b else { return None };
        let cells = t.rows.iter().flatten();
        if cells.clone().any(|c| &c.source == at) {
            let rows = t
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|c| OriginalCell {
                            text: c.text.clone(),
                            row_span: c.row_span,
                            col_span: c.col_span,
                            marked: &c.source == at,
                        })
                        .collect()
                })
                .collect();
            return Some(Original::Table { rows });
        }
        cells.filter_map(|c| find(&c.blocks, at)).next()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn show(file: &str, at: SourceRef) -> Option<Original> {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures")
            .join(file);
        let bytes = std::fs::read(&path).unwrap_or_default();
        let registry = Registry::with_builtin();
        original(&registry, &bytes, &path, &ParseOptions::default(), &at).unwrap_or(None)
    }

    #[test]
    fn a_docx_cell_is_shown_in_its_table_marked() {
        // inc01's R3: table 三's granted row, its total (第2个表格第6行第9格 in the DOCX).
        let at = SourceRef::TableCell {
            table: 2,
            row: 6,
            col: 9,
        };
        let Some(Original::Table { rows }) = show("inconsistent/inc01.R3-granted.docx", at) else {
            panic!("no table")
        };
        let marked: Vec<&OriginalCell> = rows.iter().flatten().filter(|c| c.marked).collect();
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].text, "19");
        assert!(rows.len() > 20 && rows.iter().any(|r| r.iter().any(|c| c.row_span > 1)));
    }

    #[test]
    fn a_paragraph_comes_with_its_neighbours() {
        let at = SourceRef::Paragraph { paragraph: 5 };
        let Some(Original::Paragraphs { items }) = show("docx/003.docx", at) else {
            panic!("no paragraphs")
        };
        assert_eq!(items.iter().filter(|(_, m)| *m).count(), 1);
        assert_eq!(items.len(), 2 * AROUND + 1);
    }

    #[test]
    fn a_pdf_place_is_its_page_drawn_and_a_place_read_nowhere_is_none() {
        let at = SourceRef::Page {
            page: 2,
            at: Box::new(SourceRef::TableCell {
                table: 1,
                row: 26,
                col: 1,
            }),
        };
        let Some(Original::Page { view, mark }) = show("pdf/004.labels.utf8.wk.pdf", at) else {
            panic!("no page")
        };
        assert!(view.svg.starts_with("<svg") && mark.is_some());
        let nowhere = SourceRef::TableCell {
            table: 40,
            row: 1,
            col: 1,
        };
        assert!(show("docx/003.docx", nowhere).is_none());
    }

    #[test]
    fn an_ofd_place_is_its_page_drawn_with_the_cells_box() {
        let at = SourceRef::Page {
            page: 2,
            at: Box::new(SourceRef::TableCell {
                table: 1,
                row: 3,
                col: 2,
            }),
        };
        let Some(Original::Page { view, mark }) = show("ofd/r5151-000000.lo-pdf.pdf2ofd.ofd", at)
        else {
            panic!("no page")
        };
        let Some([l, t, r, b]) = mark else {
            panic!("no box")
        };
        assert!(view.svg.contains("<text") && l < r && t < b && r <= view.width);
    }
}
