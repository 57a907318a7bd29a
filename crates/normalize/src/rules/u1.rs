//! U1 (warning): a unit written in a cell contradicts the column's unit (元 in the 万元 column).
//!
//! Raised by the table reader when it reads a cell with its unit (`tables.rs`).

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "U1",
    severity: Severity::Warning,
    origin: Origin::Source,
    levels: "warning",
    summary: "a unit written in a cell contradicts the column's unit (元 in the 万元 column)",
    summary_zh: "单位与列单位矛盾（万元列中写元）",
};
