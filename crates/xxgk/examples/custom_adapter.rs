//! A user's own adapter, registered at run time without forking xxgk: here a toy CSV reader.
//!
//! Run: `cargo run -p xxgk --example custom_adapter -- FILE.csv`

use std::path::PathBuf;
use xxgk::model::{
    Adapter, Block, Cell, Document, Limits, Msg, ReadError, Sniff, SourceRef, Table,
};
use xxgk::{ParseOptions, Registry};

/// Reads comma-separated rows as one table.
struct CsvAdapter;

impl Adapter for CsvAdapter {
    fn name(&self) -> &'static str {
        "csv"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["csv"]
    }
    fn sniff(&self, bytes: &[u8]) -> Sniff {
        match std::str::from_utf8(bytes) {
            Ok(s) if s.lines().take(5).all(|l| l.contains(',')) => Sniff::Maybe,
            _ => Sniff::No,
        }
    }
    fn read(&self, bytes: &[u8], _limits: &Limits) -> Result<Document, ReadError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            ReadError::Encoding(Msg::quoting("不是 UTF-8 文本", "not UTF-8 text", e))
        })?;
        let rows = text
            .lines()
            .enumerate()
            .map(|(i, line)| {
                line.split(',')
                    .enumerate()
                    .map(|(c, t)| {
                        let source = SourceRef::Line {
                            line: i as u32 + 1,
                            cell: Some(c as u32 + 1),
                        };
                        Cell::new(t, c as u32, source)
                    })
                    .collect()
            })
            .collect();
        let source = SourceRef::Line {
            line: 1,
            cell: None,
        };
        Ok(Document {
            blocks: vec![Block::Table(Table { rows, source })],
            diagnostics: Vec::new(),
        })
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut registry = Registry::with_builtin();
    registry.register(Box::new(CsvAdapter));
    let path: PathBuf = std::env::args()
        .nth(1)
        .ok_or("usage: custom_adapter FILE.csv")?
        .into();
    let report = xxgk::parse_path(&registry, &path, &ParseOptions::default())?;
    println!("{}", serde_json::to_string_pretty(&report.applications)?);
    Ok(())
}
