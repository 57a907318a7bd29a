//! Fuzz target: the normalizer and validator on arbitrary Documents. The bytes are cut into
//! blocks (0x00), rows (0x01) and cells (0x02); a block starting with 0x03 is a paragraph, 0x04
//! an image; cell spans come from the cell's first byte when it is below 0x20.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk_model::{Block, Cell, Document, Paragraph, SourceRef, Table};

fuzz_target!(|data: &[u8]| {
    let src = SourceRef::Line {
        line: 1,
        cell: None,
    };
    let mut doc = Document::default();
    for block in data.split(|&b| b == 0) {
        match block.first() {
            Some(3) => doc.blocks.push(Block::Paragraph(Paragraph {
                text: String::from_utf8_lossy(&block[1..]).into_owned(),
                source: src.clone(),
            })),
            Some(4) => doc.blocks.push(Block::Image {
                source: src.clone(),
                alt: String::new(),
            }),
            _ => {
                let rows = block
                    .split(|&b| b == 1)
                    .map(|row| {
                        let mut col = 0;
                        row.split(|&b| b == 2)
                            .map(|cell| {
                                let span = cell
                                    .first()
                                    .filter(|&&b| b < 0x20)
                                    .map_or(1, |&b| u32::from(b % 4) + 1);
                                let mut c =
                                    Cell::new(String::from_utf8_lossy(cell), col, src.clone());
                                c.col_span = span;
                                c.row_span = span;
                                col += span;
                                c
                            })
                            .collect()
                    })
                    .collect();
                doc.blocks.push(Block::Table(Table {
                    rows,
                    source: src.clone(),
                }));
            }
        }
    }
    let _ = xxgk_normalize::process(&doc, &xxgk_normalize::Options::default());
});
