//! `xxgk render`: a [`Report`] — or a blank template — written back in the official national
//! layout (国办公开办函〔2021〕30号): the title, the six section headings with their prose, and
//! the three statutory tables with their real merged headers, as DOCX, XLSX, OFD or text.
//!
//! Every writer draws the tables from [`xxgk_model::layout`], the one description of the
//! official layout, so the three outputs cannot disagree. A value shows as its number; a 0 that
//! the source printed as `/`, `无` or `—` shows as printed; a null is an empty cell.
//!
//! [`sample`] makes seeded random valid reports (and reports breaking one chosen rule): the
//! project's own test data, used by the round-trip tests and the benchmark corpus.

mod docx;
mod ofd;
pub mod sample;
mod text;
mod xlsx;

use thiserror::Error;
use xxgk_model::layout::SECTION_HEADINGS;
use xxgk_model::{Num, Report};

/// An output format of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Word (OOXML) document.
    Docx,
    /// Excel workbook: one sheet 年度报告.
    Xlsx,
    /// OFD (GB/T 33190): A4 pages as printed, text objects and ruled tables.
    Ofd,
    /// Plain text as copied from a web page: tables as tab-separated rows.
    Text,
}

/// Why a document could not be written.
#[derive(Debug, Error)]
pub enum RenderError {
    /// The zip container could not be written.
    #[error("cannot write the zip container: {0}")]
    Zip(String),
    /// The workbook could not be written.
    #[error("cannot write the XLSX workbook: {0}")]
    Xlsx(String),
}

/// What a writer puts in one value cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellOut {
    Empty,
    Number(f64),
    Text(String),
}

impl CellOut {
    /// The cell as printed text (numbers without a trailing `.0`).
    pub(crate) fn text(self) -> String {
        match self {
            CellOut::Empty => String::new(),
            CellOut::Number(n) => Num(n).to_string(),
            CellOut::Text(s) => s,
        }
    }
}

/// The document content shared by every writer.
pub(crate) struct Content<'a> {
    pub title: String,
    /// The six sections: heading and paragraphs.
    pub sections: Vec<(String, Vec<String>)>,
    report: Option<&'a Report>,
    /// `Report::numbers()`, computed once.
    numbers: Vec<Option<Num>>,
}

impl<'a> Content<'a> {
    fn new(report: Option<&'a Report>) -> Self {
        let title = match report.map(|r| (&r.agency, r.year, &r.metadata.title)) {
            Some((_, _, Some(t))) => t.clone(),
            Some((a, y, None)) => format!(
                "{}{}年政府信息公开工作年度报告",
                a.as_deref().unwrap_or(""),
                y.map(|y| y.to_string()).unwrap_or_default()
            ),
            None => "（机关名称）（年度）年政府信息公开工作年度报告".to_string(),
        };
        let sections = SECTION_HEADINGS
            .iter()
            .enumerate()
            .map(|(i, default)| {
                let found =
                    report.and_then(|r| r.sections.iter().find(|s| s.number as usize == i + 1));
                let heading = found.map_or(default.to_string(), |s| s.heading.clone());
                let paragraphs = found
                    .map(|s| {
                        s.text
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default();
                (heading, paragraphs)
            })
            .collect();
        Content {
            title,
            sections,
            report,
            numbers: report.map(Report::numbers).unwrap_or_default(),
        }
    }

    /// The cell content of value `index` (an index into `Report::values()`).
    pub fn cell(&self, index: usize) -> CellOut {
        let Some(r) = self.report else {
            return CellOut::Empty;
        };
        let Some(Some(Num(n))) = self.numbers.get(index) else {
            return CellOut::Empty;
        };
        let mark = Report::value_path(index)
            .and_then(|path| r.provenance.get(path))
            .filter(|p| p.is_mark() && !p.text.trim().is_empty());
        if let (0.0, Some(p)) = (*n, mark) {
            CellOut::Text(p.text.trim().to_string())
        } else {
            CellOut::Number(*n)
        }
    }
}

/// Writes `report` (or, with `None`, a blank template to fill) as `target`.
pub fn render(report: Option<&Report>, target: Target) -> Result<Vec<u8>, RenderError> {
    let content = Content::new(report);
    match target {
        Target::Docx => docx::write(&content),
        Target::Xlsx => xlsx::write(&content),
        Target::Ofd => ofd::write(&content),
        Target::Text => Ok(text::write(&content).into_bytes()),
    }
}
