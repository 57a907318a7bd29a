//! Real text, value by value: report pages as a web-page text extractor keeps them
//! (`fixtures/realtext`, hand-written truth; see its README) and the text that ordinary
//! extractors make of known reports (`fixtures/extractors`: pypdf, pdfminer, pdfplumber,
//! PyMuPDF, mutool, pdftotext, markitdown, docx2txt, mammoth, pandoc, catdoc; written by
//! `scripts/make_extractor_texts.py`). Never a wrong value, nor a value where the truth has
//! none; and at least the share of the values each family shows.

mod common;

use common::*;
use std::collections::BTreeMap;

/// Values read right, values the truth has, and what was read wrong, for one document.
fn score(doc: &std::path::Path) -> (usize, usize, Vec<String>) {
    let got: BTreeMap<String, serde_json::Value> =
        table_values(&parse_json(doc)).into_iter().collect();
    let (mut read, mut shown, mut wrong) = (0, 0, Vec::new());
    for (path, want) in table_values(&truth_for(doc)) {
        let have = got.get(&path).cloned().unwrap_or(serde_json::Value::Null);
        match (want.as_f64(), have.as_f64()) {
            (Some(a), Some(b)) if (a - b).abs() < 1e-9 => {
                read += 1;
                shown += 1;
            }
            (Some(_), None) => shown += 1,
            (_, None) => {}
            _ => wrong.push(format!(
                "{}: {path}: truth {want}, read {have}",
                doc.display()
            )),
        }
    }
    (read, shown, wrong)
}

#[test]
fn real_web_pages_read_every_value_they_show() {
    let docs = documents("realtext", &["txt"]);
    assert_eq!(docs.len(), 17);
    let (mut read, mut shown, mut wrong) = (0, 0, Vec::new());
    for doc in &docs {
        let (r, s, w) = score(doc);
        read += r;
        shown += s;
        wrong.extend(w);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!((read, shown), (333, 333));
}

/// The least share of its values each extractor's text must read here; the rest of what they
/// show is left null for a reason: pdfminer writes the tables' values column by column, away
/// from their labels; catdoc garbles the top of table 三; markitdown glues two cells into one
/// where the row's sum cannot confirm the split; blank cells that docx2txt, mammoth and pandoc
/// write as blank lines cannot be told from the lines between cells (table 四 of `001`).
const FLOORS: [(&str, f64); 15] = [
    ("catdoc", 0.85),
    ("docx2txt", 0.98),
    ("mammoth-md", 0.98),
    ("mammoth-raw", 0.98),
    ("markitdown", 0.95),
    ("mutool", 1.0),
    ("pandoc-gfm", 1.0),
    ("pandoc-markdown", 0.98),
    ("pandoc-plain", 0.98),
    ("pdfminer", 0.0),
    ("pdfplumber", 1.0),
    ("pdftotext", 1.0),
    ("pdftotext-raw", 1.0),
    ("pymupdf", 1.0),
    ("pypdf", 1.0),
];

#[test]
fn extractors_text_never_reads_a_wrong_value() {
    let docs = documents("extractors", &["txt"]);
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for doc in &docs {
        let name = doc
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tool = name
            .trim_end_matches(".txt")
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_string();
        let (r, s, w) = score(doc);
        let t = tally.entry(tool).or_default();
        t.0 += r;
        t.1 += s;
        wrong.extend(w);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        tally.keys().collect::<Vec<_>>(),
        FLOORS.iter().map(|(t, _)| t).collect::<Vec<_>>(),
        "every extractor in fixtures/extractors has a floor"
    );
    for (tool, floor) in FLOORS {
        let (read, shown) = tally[tool];
        let rate = read as f64 / shown.max(1) as f64;
        assert!(
            rate >= floor,
            "{tool}: read {read} of {shown} ({rate:.3}), floor {floor}"
        );
    }
}
