//! S1 (warning): section numbering is wrong, out of order or repeated.
//!
//! Checked on each section heading as the metadata reader finds it (`meta.rs`).

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "S1",
    severity: Severity::Warning,
    origin: Origin::Source,
    levels: "warning",
    summary: "section numbering is wrong, out of order or repeated",
    summary_zh: "部分编号错误、顺序错乱或重复",
};

/// A heading numbered `printed` that is section `number`, after the sections `seen`: wrong
/// number, or out of order.
pub(crate) fn check(
    lang: Lang,
    number: u8,
    printed: Option<&str>,
    seen: &[u8],
    heading: &str,
    source: &SourceRef,
    findings: &mut Vec<Finding>,
) {
    let printed_value = printed.and_then(numeral_value);
    let problem = match printed_value {
        Some(p) if p != number => Some(t(
            lang,
            format!(
                "章节编号错误：「{}」应编为{}",
                heading.trim(),
                zh_numeral(number)
            ),
            format!(
                "section numbered {} but it is section {number}: \"{}\"",
                printed.unwrap_or(""),
                heading.trim()
            ),
        )),
        _ if seen.last().is_some_and(|&last| last > number) => Some(t(
            lang,
            format!("章节顺序错误：「{}」出现在后面章节之后", heading.trim()),
            format!(
                "section out of order: \"{}\" comes after a later section",
                heading.trim()
            ),
        )),
        _ => None,
    };
    if let Some(message) = problem {
        let mut f = Finding::new("S1", Severity::Warning, Origin::Source, message);
        f.source = Some(source.clone());
        f.expected = Some(Num(f64::from(number)));
        f.found = printed_value.map(|p| Num(f64::from(p)));
        findings.push(f);
    }
}
