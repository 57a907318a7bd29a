//! The generated DOCX/XLSX corpus (and LibreOffice-written files): every value equals the
//! truth, and `check` reports exactly the `expected_violations` of each truth file.

mod common;

use common::*;
use std::collections::BTreeSet;

#[test]
fn every_docx_value_equals_truth() {
    let mut n = 0;
    for dir in ["docx", "libreoffice", "inconsistent"] {
        for doc in documents(dir, &["docx"]) {
            assert_matches_truth(&doc, &parse_json(&doc));
            n += 1;
        }
    }
    assert_eq!(n, 20 + 2 + 7);
}

#[test]
fn every_spreadsheet_value_equals_truth() {
    let mut n = 0;
    for dir in ["xlsx", "libreoffice", "inconsistent"] {
        for doc in documents(dir, &["xlsx", "xls", "ods"]) {
            assert_matches_truth(&doc, &parse_json(&doc));
            n += 1;
        }
    }
    assert!(n >= 20 + 1 + 4, "{n}");
}

type Violation = (String, String, String);

fn expected_violations(doc: &std::path::Path) -> BTreeSet<Violation> {
    truth_for(doc)["expected_violations"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|v| {
                    matches!(
                        v["rule"].as_str(),
                        Some("R1" | "R2" | "R3" | "R4" | "R5" | "R10")
                    )
                })
                .map(|v| {
                    let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
                    (
                        s("rule"),
                        s("row").trim_start_matches("active.").to_string(),
                        s("column"),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn reported_violations(report: &serde_json::Value) -> BTreeSet<Violation> {
    report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| {
                    matches!(
                        f["rule"].as_str(),
                        Some("R1" | "R2" | "R3" | "R4" | "R5" | "R10")
                    )
                })
                .map(|f| {
                    let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
                    (s("rule"), s("row"), s("column"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn inconsistent_reports_get_exactly_their_violations() {
    let docs = documents("inconsistent", &["docx", "xlsx"]);
    assert_eq!(docs.len(), 11);
    for doc in docs {
        let want = expected_violations(&doc);
        assert!(!want.is_empty());
        let report = parse_json(&doc);
        assert_eq!(reported_violations(&report), want, "{}", doc.display());
        // Each arithmetic finding carries the numbers and points at a cell.
        for f in report["findings"].as_array().into_iter().flatten() {
            if matches!(f["rule"].as_str(), Some("R1" | "R2" | "R3" | "R4")) {
                assert!(f["expected"].is_number() && f["found"].is_number(), "{f}");
                assert!(f["source"].is_object(), "{f}");
                assert_eq!(f["origin"], "source");
            }
        }
    }
}

#[test]
fn consistent_documents_get_no_arithmetic_finding() {
    for dir in ["docx", "xlsx", "libreoffice"] {
        for doc in documents(dir, &["docx", "xlsx"]) {
            let r = parse_json(&doc);
            assert!(
                reported_violations(&r).is_empty(),
                "{}: {:?}",
                doc.display(),
                reported_violations(&r)
            );
        }
    }
}

#[test]
fn spreadsheet_findings_point_at_cells() {
    let doc = fixtures().join("inconsistent/inc11.R4-litigation.xlsx");
    let r = parse_json(&doc);
    let r4 = findings(&r, "R4");
    assert_eq!(r4.len(), 1);
    assert_eq!(r4[0]["source"]["kind"], "sheet_cell");
    assert!(r4[0]["source"]["cell"]
        .as_str()
        .is_some_and(|c| c.chars().next().is_some_and(|ch| ch.is_ascii_uppercase())));
    assert_eq!(r4[0]["expected"], 0);
    assert_eq!(r4[0]["found"], 3);
    // A spreadsheet has no prose: missing sections are info, not errors.
    let c1 = findings(&r, "C1");
    assert_eq!(c1.len(), 6);
    assert!(c1.iter().all(|f| f["severity"] == "info"));
}

#[test]
fn tracked_changes_read_the_accepted_text() {
    let doc = fixtures().join("docx/001.tracked.docx");
    let r = parse_json(&doc);
    assert_matches_truth(&doc, &r);
    let all = serde_json::to_string(&r["sections"]).unwrap_or_default();
    assert!(!all.contains("999件"), "deleted prose must not be read");
}

#[test]
fn an_ole_file_that_is_neither_word_nor_excel_is_named_as_such() {
    // a Word file whose WordDocument stream is renamed: what a Works or old WPS file looks like
    let mut bytes = std::fs::read(fixtures().join("libreoffice/003.doc")).unwrap_or_default();
    let name: Vec<u8> = "WordDocument"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let at = bytes
        .windows(name.len())
        .position(|w| w == name.as_slice())
        .unwrap_or_else(|| panic!("no WordDocument entry"));
    bytes[at + 22] = b'X';
    let registry = xxgk::Registry::with_builtin();
    let err = xxgk::parse_bytes(
        &registry,
        &bytes,
        std::path::Path::new("old.wps"),
        &xxgk::ParseOptions::default(),
    )
    .err()
    .map(|e| (e.kind(), e.to_string()));
    let (kind, msg) = err.unwrap_or_default();
    assert_eq!(kind, "unknown_format");
    assert!(
        msg.contains("old.wps") && msg.contains("neither a Word document"),
        "{msg}"
    );
}

#[test]
fn xls_and_ods_made_by_libreoffice_give_the_same_values_as_xlsx() {
    let xlsx = parse_json(&fixtures().join("xlsx/001.xlsx"));
    for name in ["001.lo.xls", "001.lo.ods"] {
        let doc = fixtures().join("spreadsheets").join(name);
        let r = parse_json(&doc);
        assert_matches_truth(&doc, &r);
        assert_eq!(table_values(&r), table_values(&xlsx), "{name}");
    }
    let doc = fixtures().join("spreadsheets/003.sheets3.lo.ods");
    assert_matches_truth(&doc, &parse_json(&doc));
}
