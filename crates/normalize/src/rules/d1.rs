//! D1 (warning): across reports: two reports for the same agency and year.
//!
//! Checked across the reports of a batch (`xxgk-batch`, `cross.rs`); the copies get the
//! batch status `duplicate`.

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "D1",
    severity: Severity::Warning,
    origin: Origin::Source,
    levels: "warning",
    summary: "across reports: two reports for the same agency and year",
    summary_zh: "同一机关同一年度有两份报告",
};
