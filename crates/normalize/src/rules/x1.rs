//! X1 (info): xxgk skipped content or could not read it with certainty (hidden sheets, scans, fonts without a Unicode map, …).

use super::prelude::*;

pub(crate) const RULE: Rule = Rule {
    id: "X1",
    severity: Severity::Info,
    origin: Origin::Extraction,
    levels: "info",
    summary: "xxgk skipped content or could not read it with certainty (hidden sheets, scans, fonts without a Unicode map, …)",
    summary_zh: "提取：读取时跳过或无法确定的内容",
};

/// One finding per diagnostic the adapter left on the document.
pub(crate) fn check(doc: &Document, lang: Lang, findings: &mut Vec<Finding>) {
    for d in &doc.diagnostics {
        let mut f = Finding::new(
            "X1",
            Severity::Info,
            Origin::Extraction,
            t(
                lang,
                format!("读取时跳过或无法确定的内容：{}", d.message.get(Lang::Zh)),
                format!(
                    "content skipped or uncertain while reading: {}",
                    d.message.get(Lang::En)
                ),
            ),
        );
        f.source = d.source.clone();
        findings.push(f);
    }
}
