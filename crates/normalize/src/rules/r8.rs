//! R8 (warning): across reports: an agency's `carried_over` of year N equals its `carried_forward` of year N−1, column by column (batch and check over several files).
//!
//! Checked across the reports of a batch (`xxgk-batch`, `cross.rs`).

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "R8",
    severity: Severity::Warning,
    origin: Origin::Source,
    levels: "warning",
    summary: "across reports: an agency's `carried_over` of year N equals its `carried_forward` of year N−1, column by column (batch and check over several files)",
    summary_zh: "本年上年结转＝上一年度报告结转下年度（同一机关，逐列）",
};
