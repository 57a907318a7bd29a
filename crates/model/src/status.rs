//! The outcome of one input, as every front end names it: the batch's manifest, `check`'s
//! totals, the review page and the workbook, in the catalogue's words.

use crate::{Lang, Text};

/// What happened to one input (a file or an archive entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Read, no error or warning finding.
    Ok,
    /// Read, with error or warning findings.
    Findings,
    /// Could not be read (corrupt, encrypted, over a limit, …).
    Failed,
    /// Not an annual report (an image, another document): left out, with the reason.
    Skipped,
    /// A document of page images with no text (a scanned PDF): read, but its content needs
    /// OCR. Counted apart from failed files.
    Scanned,
    /// A copy of a report read earlier in the batch: same agency and year (D1). The first in
    /// input order keeps its status; the copies get this one, decided when all are read.
    Duplicate,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 6] = [
        Status::Ok,
        Status::Findings,
        Status::Failed,
        Status::Skipped,
        Status::Scanned,
        Status::Duplicate,
    ];

    /// The word a person reads: `正常`, `有问题`, `失败`, `跳过`, `扫描件`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Ok => Text::StatusOk,
            Status::Findings => Text::StatusFindings,
            Status::Failed => Text::StatusFailed,
            Status::Skipped => Text::StatusSkipped,
            Status::Scanned => Text::StatusScanned,
            Status::Duplicate => Text::StatusDuplicate,
        }
        .get(lang)
    }

    /// The manifest spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Findings => "findings",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
            Status::Scanned => "scanned",
            Status::Duplicate => "duplicate",
        }
    }
}
