//! End-to-end over the five real seed reports (raw web text): every value equals the truth,
//! and `check` reports exactly the defects the truth supports.

mod common;

use common::*;

#[test]
fn every_seed_value_equals_truth() {
    let docs = documents("seeds", &["txt"]);
    assert_eq!(docs.len(), 5);
    for doc in docs {
        assert_matches_truth(&doc, &parse_json(&doc));
    }
}

#[test]
fn seeds_have_no_arithmetic_findings() {
    for doc in documents("seeds", &["txt"]) {
        let r = parse_json(&doc);
        assert!(
            arithmetic(&r).is_empty(),
            "{}: {:?}",
            doc.display(),
            arithmetic(&r)
        );
        assert!(findings(&r, "R5").is_empty() && findings(&r, "R10").is_empty());
    }
}

#[test]
fn seed_000_table_three_is_incomplete_naming_the_missing_rows() {
    let r = parse_json(&seed("000"));
    let c3 = findings(&r, "C3");
    assert_eq!(c3.len(), 1, "{c3:?}");
    let msg = c3[0]["message"].as_str().unwrap_or("");
    assert!(msg.contains("缺少22行"), "{msg}");
    for label in ["（二）部分公开", "（七）总计", "四、结转下年度继续办理"] {
        assert!(msg.contains(label), "{label} not named in {msg}");
    }
    assert!(!msg.contains("予以公开"), "granted is present: {msg}");
    // No heading for section 四 in the source.
    assert_eq!(findings(&r, "C1").len(), 1);
    assert_eq!(r["agency"], "金乡县行政审批服务局");
    assert_eq!(r["year"], 2023);
}

#[test]
fn seed_004_carried_forward_misses_natural_person() {
    let r = parse_json(&seed("004"));
    let c3 = findings(&r, "C3");
    assert_eq!(c3.len(), 1, "{c3:?}");
    assert_eq!(c3[0]["row"], "carried_forward");
    assert_eq!(c3[0]["severity"], "warning");
    assert!(c3[0]["message"].as_str().unwrap_or("").contains("自然人"));
    assert_eq!(
        r["applications"]["carried_forward"][0],
        serde_json::Value::Null
    );
    // The statistical period sits in section 六 and agrees with the title.
    assert_eq!(r["metadata"]["period"]["start"], "2023-01-01");
    assert!(findings(&r, "Y1").is_empty());
    assert_eq!(r["metadata"]["phone"], "0635-6882375");
}

#[test]
fn seed_002_section_numbering_is_reported() {
    let r = parse_json(&seed("002"));
    let s1 = findings(&r, "S1");
    assert_eq!(s1.len(), 1, "{s1:?}");
    assert_eq!(s1[0]["expected"], 3);
    assert_eq!(s1[0]["found"], 2);
    assert!(findings(&r, "C1").is_empty(), "all six sections are there");
    assert_eq!(r["agency"], "肥城市行政审批服务局");
    assert_eq!(r["active"]["licensing"], 32558);
}

#[test]
fn seeds_keep_the_cell_text_in_provenance() {
    let r = parse_json(&seed("003"));
    let p = &r["provenance"]["active.punishment"];
    assert_eq!(p["text"], "\u{3000}0");
    assert_eq!(p["source"]["kind"], "line");
    let r = parse_json(&seed("001"));
    assert_eq!(r["metadata"]["prose_new_requests"], 16);
    assert_eq!(r["review_litigation"]["review"][0], serde_json::Value::Null);
    assert_eq!(r["provenance"]["review_litigation.review[0]"]["text"], "");
}

#[test]
fn only_the_truthful_findings_on_clean_seeds() {
    // 003 has all sections, all tables, consistent numbers: nothing to say.
    let r = parse_json(&seed("003"));
    let rules: Vec<&str> = r["findings"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["rule"].as_str()).collect())
        .unwrap_or_default();
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(r["metadata"]["prose_new_requests"], 27);
}
