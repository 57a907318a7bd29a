//! X2 (warning): xxgk had to align a table row's cells, or could not place some values (they are null).
//!
//! Raised by the table reader where it aligns a row or leaves values null (`tables.rs`).

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "X2",
    severity: Severity::Warning,
    origin: Origin::Extraction,
    levels: "warning",
    summary:
        "xxgk had to align a table row's cells, or could not place some values (they are null)",
    summary_zh: "提取：表格行的单元格需对齐或无法定位",
};
