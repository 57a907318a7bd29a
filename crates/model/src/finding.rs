//! `Finding`: one rule violation (a defect of the report) or extraction limit (a limit of xxgk).

use crate::{Num, SourceRef};
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; not a defect.
    Info,
    /// Probably wrong; check it.
    Warning,
    /// Wrong: a rule of the national format is broken.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`: the key machines read.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The word a person reads: `错误` / `error`.
    pub fn label(self, lang: Lang) -> &'static str {
        use crate::Text;
        match self {
            Severity::Info => Text::Info.get(lang),
            Severity::Warning => Text::Warning.get(lang),
            Severity::Error => Text::Error.get(lang),
        }
    }
}

impl Origin {
    /// The word a person reads: `报告` / `提取`.
    pub fn label(self, lang: Lang) -> &'static str {
        use crate::Text;
        match self {
            Origin::Source => Text::OriginSource.get(lang),
            Origin::Extraction => Text::OriginExtraction.get(lang),
        }
    }
}

/// Whether a finding is about the report or about xxgk's reading of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The report itself breaks a rule (its numbers, its structure, its year).
    Source,
    /// xxgk could not read something with certainty (a limit of extraction).
    Extraction,
}

/// Language of finding messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

/// One finding, with everything needed to locate and understand it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id (format.md §4, plus the project's own ids listed in the README).
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// Report defect or extraction limit.
    pub origin: Origin,
    /// `active`, `applications` or `review_litigation`, when the finding is about a table.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub table: Option<String>,
    /// Row key (format.md keys), when about a row.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub row: Option<String>,
    /// Row label as printed in the national format.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub row_label: Option<String>,
    /// Column key, when about a column.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<String>,
    /// Column label as printed in the national format.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column_label: Option<String>,
    /// Where in the source file.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<SourceRef>,
    /// The value that would make the rule hold, where it is determined.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub expected: Option<Num>,
    /// The value found.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub found: Option<Num>,
    /// Human-readable message.
    pub message: String,
}

impl Finding {
    /// A finding with only rule, severity, origin and message; fill the rest with the setters.
    pub fn new(rule: &str, severity: Severity, origin: Origin, message: String) -> Self {
        Finding {
            rule: rule.to_string(),
            severity,
            origin,
            table: None,
            row: None,
            row_label: None,
            column: None,
            column_label: None,
            source: None,
            expected: None,
            found: None,
            message,
        }
    }

    /// The place, as one line in the reader's language: in English the keys,
    /// `applications.granted[total] (line 57 cell 9)`; in Chinese the labels as printed,
    /// `表三（收到和处理申请）“（一）予以公开”行“总计”列（第57行第9格）`.
    pub fn place(&self, lang: Lang) -> String {
        let mut s = String::new();
        let (table, row, column) = (&self.table, &self.row, &self.column);
        if lang == Lang::Zh {
            if let Some(t) = table {
                s.push_str(crate::catalogue::table_name(t, lang));
            }
            if let Some(r) = self.row_label.as_ref().or(row.as_ref()) {
                s.push_str(&format!("“{r}”行"));
            }
            if let Some(c) = self.column_label.as_ref().or(column.as_ref()) {
                s.push_str(&format!("“{c}”列"));
            }
        } else {
            let keys: Vec<&str> = [table, row]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            s.push_str(&keys.join("."));
            if let Some(c) = column {
                s.push_str(&format!("[{c}]"));
            }
        }
        if let Some(src) = self.source.as_ref().map(|src| src.describe(lang)) {
            match (s.is_empty(), lang) {
                (true, _) => s = src,
                (false, Lang::Zh) => s.push_str(&format!("（{src}）")),
                (false, Lang::En) => s.push_str(&format!(" ({src})")),
            }
        }
        s
    }
}
