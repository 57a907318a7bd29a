//! Layout-independent reading: the same reports as ordinary tools write or convert them
//! (`fixtures/layouts`: LibreOffice's text export, pdftotext in both modes, w3m, lynx,
//! html2text, pandoc, Calc) read every value, agency and year; harder variants
//! (`fixtures/layouts/stress`: blank cells, full-width digits, wrapped and cut numbers, other
//! seeds) never read a wrong value: what cannot be placed is null with an X2 finding.

mod common;

use common::*;
use std::path::Path;

fn layout_documents(dir: &str) -> Vec<std::path::PathBuf> {
    documents(dir, &["txt", "md", "xlsx"])
}

#[test]
fn every_layout_reads_every_value_agency_and_year() {
    let docs = layout_documents("layouts");
    assert_eq!(docs.len(), 8 * 8, "8 reports in 8 layouts");
    for doc in docs {
        assert_reads_like_truth(&doc);
    }
}

/// Values that differ from the truth where the report shows a number (a wrong or invented
/// value), and how many truth values were read.
fn wrong_and_read(doc: &Path, r: &serde_json::Value) -> (Vec<String>, usize) {
    let got: std::collections::BTreeMap<String, serde_json::Value> =
        table_values(r).into_iter().collect();
    let mut wrong = Vec::new();
    let mut read = 0;
    for (path, want) in table_values(&truth_for(doc)) {
        let have = got.get(&path).cloned().unwrap_or(serde_json::Value::Null);
        match (want.as_f64(), have.as_f64()) {
            (_, None) => {}
            (Some(a), Some(b)) if (a - b).abs() < 1e-9 => read += 1,
            _ => wrong.push(format!("{path}: expected {want}, got {have}")),
        }
    }
    (wrong, read)
}

#[test]
fn hard_layouts_never_read_a_wrong_value() {
    let docs = layout_documents("layouts/stress");
    assert!(docs.len() >= 12, "{}", docs.len());
    for doc in docs {
        let r = parse_json(&doc);
        let (wrong, _) = wrong_and_read(&doc, &r);
        assert!(wrong.is_empty(), "{}:\n{}", doc.display(), wrong.join("\n"));
        let truth_values = table_values(&truth_for(&doc))
            .iter()
            .filter(|(_, v)| !v.is_null())
            .count();
        let shown = table_values(&r)
            .iter()
            .filter(|(_, v)| !v.is_null())
            .count();
        if shown < truth_values {
            assert!(
                !findings(&r, "X2").is_empty() || !findings(&r, "C3").is_empty(),
                "{}: {} of {truth_values} values left null without a finding",
                doc.display(),
                truth_values - shown
            );
        }
    }
}

#[test]
fn rows_split_by_reading_order_are_rejoined_and_marked_inferred() {
    let doc = fixtures().join("layouts/stress/r42-000002.pdftotext.txt");
    let r = parse_json(&doc);
    assert_matches_truth(&doc, &r);
    let inferred: Vec<&String> = r["provenance"]
        .as_object()
        .map(|p| {
            p.iter()
                .filter(|(_, v)| v["inferred"] == true)
                .map(|(k, _)| k)
                .collect()
        })
        .unwrap_or_default();
    assert!(
        inferred.iter().any(|k| k.starts_with("applications.")),
        "{inferred:?}"
    );
    // values read where the layout keeps the row together are not marked
    assert!(r["provenance"]["applications.withheld_state_secret[0]"]["inferred"].is_null());
}

#[test]
fn a_number_wrapped_by_the_converter_is_null_with_x2() {
    // w3m wraps `３，１０１` over two lines: `０１` on the row's line, `８` below it.
    let doc = fixtures().join("layouts/stress/r5-000002.w3m.txt");
    let r = parse_json(&doc);
    assert_eq!(
        r["applications"]["new_received"][3],
        serde_json::Value::Null
    );
    assert_eq!(r["applications"]["new_received"][0], 16743.0);
    assert!(findings(&r, "X2")
        .iter()
        .any(|f| f["message"].as_str().is_some_and(|m| m.contains("０１"))));
}

#[test]
fn values_read_from_a_layout_line_point_at_line_and_column() {
    let doc = fixtures().join("layouts/r5151-000000.pdftotext-layout.txt");
    let r = parse_json(&doc);
    let source = &r["provenance"]["applications.new_received[0]"]["source"];
    assert_eq!(source["kind"], "line_column");
    let line = source["line"].as_u64().unwrap_or(0) as usize;
    let column = source["column"].as_u64().unwrap_or(0) as usize;
    let text = std::fs::read_to_string(&doc).unwrap_or_default();
    let printed = text.lines().nth(line - 1).unwrap_or("");
    // the display column (CJK characters 2 wide) where the value starts
    let mut col = 1;
    let mut at = None;
    for (i, c) in printed.char_indices() {
        if col == column {
            at = Some(i);
            break;
        }
        col += if c.is_ascii() { 1 } else { 2 };
    }
    let at = at.unwrap_or_else(|| panic!("column {column} not on line {line}"));
    assert!(printed[at..].starts_with("461"), "{}", &printed[at..]);
}

#[test]
fn reports_inside_a_page_layout_table_read_every_value() {
    // Portal pages opened and saved as DOCX by LibreOffice Writer: the report's tables are
    // nested in one cell of the page's layout table.
    let docs = documents("layouts", &["docx"]);
    assert_eq!(docs.len(), 8);
    for doc in docs {
        let r = assert_reads_like_truth(&doc);
        assert_eq!(
            r["sections"].as_array().map(Vec::len),
            Some(6),
            "{}",
            doc.display()
        );
        let source = &r["provenance"]["applications.granted[0]"]["source"];
        assert_eq!(source["kind"], "nested", "{source}");
        assert_eq!(source["outer"]["kind"], "table_cell");
    }
}
