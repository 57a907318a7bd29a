//! HTML pages (official layout with real rowspan/colspan, inside portal noise; UTF-8, GBK with
//! a meta declaration, GBK without): every value equals the truth; noise makes no finding.
//! The pages are made by `scripts/make_html_fixtures.py`.

mod common;

use common::*;

#[test]
fn every_html_value_equals_truth_in_every_encoding() {
    let docs: Vec<_> = documents("html", &["html"])
        .into_iter()
        .filter(|p| !p.ends_with("imagetables.html"))
        .collect();
    assert_eq!(docs.len(), 11);
    for doc in docs {
        let r = parse_json(&doc);
        assert_eq!(r["adapter"], "html");
        assert_matches_truth(&doc, &r);
    }
}

#[test]
fn gbk_and_utf8_pages_read_the_same() {
    let utf8 = parse_json(&fixtures().join("html/001.utf8.html"));
    for name in ["001.gbk.html", "001.nometa.gbk.html"] {
        let gbk = parse_json(&fixtures().join("html").join(name));
        assert_eq!(table_values(&gbk), table_values(&utf8), "{name}");
        assert_eq!(gbk["agency"], "金乡县人民政府办公室");
        assert_eq!(gbk["sections"], utf8["sections"]);
    }
}

#[test]
fn portal_noise_creates_no_finding() {
    let r = parse_json(&fixtures().join("html/003.utf8.html"));
    assert_eq!(r["findings"], serde_json::json!([]), "{}", r["findings"]);
    assert_eq!(r["year"], 2024);
    assert_eq!(r["sections"].as_array().map(Vec::len), Some(6));
    // the data table sits in a cell of the page's layout table: the place names the path
    let cell = &r["provenance"]["applications.granted[0]"]["source"];
    assert_eq!(cell["kind"], "nested", "{cell}");
    assert_eq!(cell["outer"]["kind"], "table_cell");
    assert_eq!(cell["inner"]["kind"], "table_cell");
}

#[test]
fn tables_published_as_images_are_reported_not_machine_readable() {
    let r = parse_json(&fixtures().join("html/imagetables.html"));
    let c2 = findings(&r, "C2");
    assert_eq!(c2.len(), 3);
    assert!(c2
        .iter()
        .all(|f| f["message"].as_str().unwrap_or("").contains("无法机读")));
    assert!(findings(&r, "C1").is_empty());
}
