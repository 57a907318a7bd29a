//! The text writer: the report as a web page copies to plain text — title, headings and prose as
//! lines, each table row as one line of tab-separated grid positions (a merged cell's text at its
//! first position, the positions it covers empty, as the seeds show), so a blank value keeps its
//! column.

use crate::Content;
use xxgk_model::layout::{official_tables, LayoutKind};

pub(crate) fn write(content: &Content) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(&content.title);
    out.push('\n');
    let tables = official_tables();
    for (i, (heading, paragraphs)) in content.sections.iter().enumerate() {
        out.push_str(heading);
        out.push('\n');
        for p in paragraphs {
            out.push_str(p);
            out.push('\n');
        }
        for t in tables.iter().filter(|t| t.section == i) {
            let mut grid = vec![vec![String::new(); t.columns]; t.rows];
            for c in &t.cells {
                grid[c.row][c.col] = match c.kind {
                    LayoutKind::Header(s) | LayoutKind::Label(s) => s.to_string(),
                    LayoutKind::Value(v) => content.cell(v).text(),
                };
            }
            for row in grid {
                out.push_str(&row.join("\t"));
                out.push('\n');
            }
        }
    }
    out
}
