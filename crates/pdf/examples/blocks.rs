//! Prints what the PDF adapter reads from a file, block by block: paragraphs, ruled tables
//! (grid cells with spans) and positioned rows (cells with extents). For adapter developers.
//!
//! `cargo run --release -p xxgk-pdf --example blocks -- FILE.pdf`

use xxgk_model::{Adapter, Block, Limits};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: blocks FILE.pdf")?;
    let bytes = std::fs::read(&path)?;
    let doc = xxgk_pdf::PdfAdapter.read(&bytes, &Limits::default())?;
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => println!("{}  {}", p.source, p.text),
            Block::Image { source, alt } => println!("{source}  [image {alt}]"),
            Block::Table(t) => {
                println!("{}  table", t.source);
                for row in &t.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| match c.extent {
                            Some(e) => format!("{}@{:.0}-{:.0}", c.text, e.start, e.end),
                            None if c.row_span > 1 || c.col_span > 1 => {
                                format!("{}[{}:{}x{}]", c.text, c.col, c.row_span, c.col_span)
                            }
                            None => format!("{}[{}]", c.text, c.col),
                        })
                        .collect();
                    println!("    | {}", cells.join(" | ").replace('\n', "⏎"));
                }
            }
        }
    }
    for d in &doc.diagnostics {
        println!("! {}", d.message);
    }
    Ok(())
}
