//! The document as the normalizer reads it: one stream of paragraphs, table rows (each cell's
//! text folded once) and images, in reading order, whatever the file format.

use crate::fold::fold_cow;
use xxgk_model::{Block, Cell, Document, SourceRef};

/// A document flattened into reading order.
pub(crate) enum Item<'a> {
    Para {
        text: &'a str,
        source: &'a SourceRef,
    },
    Row {
        table: usize,
        /// The row's cells are placed by extent on a line, not on a grid.
        positioned: bool,
        cells: &'a [Cell],
        /// Each cell's text folded once ([`fold`]), for every matcher.
        folded: Vec<std::borrow::Cow<'a, str>>,
    },
    Image,
}

/// The document in reading order. A layout table (`Table::is_container`) is not a table: its
/// cells are read as blocks, row by row, and the data tables inside it keep their rows.
pub(crate) fn flatten(doc: &Document) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    let mut table = 0;
    for b in &doc.blocks {
        push_block(b, &mut out, &mut table);
    }
    out
}

fn push_block<'a>(b: &'a Block, out: &mut Vec<Item<'a>>, table: &mut usize) {
    match b {
        Block::Paragraph(p) => out.push(Item::Para {
            text: &p.text,
            source: &p.source,
        }),
        Block::Table(tb) if tb.is_container() => {
            for cell in tb.rows.iter().flatten() {
                if cell.blocks.is_empty() {
                    if !cell.text.trim().is_empty() {
                        out.push(Item::Para {
                            text: &cell.text,
                            source: &cell.source,
                        });
                    }
                } else {
                    for inner in &cell.blocks {
                        push_block(inner, out, table);
                    }
                }
            }
        }
        Block::Table(tb) => {
            let positioned = tb.is_positioned();
            for r in &tb.rows {
                out.push(Item::Row {
                    table: *table,
                    positioned,
                    cells: r,
                    folded: r.iter().map(|c| fold_cow(&c.text)).collect(),
                });
            }
            *table += 1;
        }
        Block::Image { .. } => out.push(Item::Image),
    }
}
