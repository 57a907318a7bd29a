//! The review page (`report.html` of `xxgk batch`, `xxgk check --html`), checked structurally:
//! the HTML parses, every finding of the batch is a row of the issue list, the highlighted cells
//! of each report are exactly the cells of its broken equations, blank and `/` cells are marked,
//! and a 1,000-report page stays under 5 MB.

mod common;

use common::*;
use scraper::Html;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use xxgk::model::{Status, APP_COLUMNS, APP_ROWS, RL_COLUMNS, RL_GROUPS};

/// A batch input folder: the inconsistent reports, the seeds, and two consecutive years of one
/// agency whose carried-over column does not continue (R8).
fn inputs(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));
    let mut docs = documents("inconsistent", &["docx", "xlsx", "txt"]);
    docs.extend(documents("seeds", &["txt"]));
    for d in &docs {
        let to = input.join(d.file_name().unwrap_or_default());
        std::fs::copy(d, to).unwrap_or_else(|e| panic!("{e}"));
    }
    let s001 = std::fs::read_to_string(seed("001")).unwrap_or_default();
    let next = s001.replace("2022", "2023").replace(
        "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t",
        "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t",
    );
    std::fs::write(input.join("next-year.txt"), next).unwrap_or_else(|e| panic!("{e}"));
    input
}

/// The value indexes of the equation a rule checks, defined here from format.md §4 (not from
/// xxgk's code): R1 a column's four rows, R2 a column's result rows and total, R3 a row, R4 a
/// group, R5 the one cell.
fn equation(rule: &str, row: &str, column: &str) -> Vec<usize> {
    let app = |r: usize, c: usize| 10 + r * 7 + c;
    let row = row.trim_start_matches("active.");
    let row_i = APP_ROWS.iter().position(|k| *k == row);
    let col_i = APP_COLUMNS.iter().position(|k| *k == column);
    match (rule, row_i, col_i) {
        ("R1", _, Some(c)) => vec![app(0, c), app(1, c), app(23, c), app(24, c)],
        ("R2", _, Some(c)) => (2..24).map(|r| app(r, c)).collect(),
        ("R3", Some(r), _) => (0..7).map(|c| app(r, c)).collect(),
        ("R4", _, _) => {
            let g = RL_GROUPS.iter().position(|k| *k == row).unwrap_or(9);
            (0..5).map(|i| 185 + g * 5 + i).collect()
        }
        ("R5", Some(r), Some(c)) => vec![app(r, c)],
        ("R5", _, _) => {
            let active = [
                "rules.issued",
                "rules.repealed",
                "rules.in_force",
                "normative_documents.issued",
                "normative_documents.repealed",
                "normative_documents.in_force",
                "licensing",
                "punishment",
                "enforcement",
                "fees",
            ];
            let g = RL_GROUPS.iter().position(|k| *k == row);
            let i = RL_COLUMNS.iter().position(|k| *k == column);
            match (g, i) {
                (Some(g), Some(i)) => vec![185 + g * 5 + i],
                _ => active.iter().position(|k| *k == row).into_iter().collect(),
            }
        }
        _ => panic!("no equation for {rule} {row} {column}"),
    }
}

#[test]
fn the_batch_page_lists_every_finding_and_highlights_the_broken_equations() {
    let dir = std::env::temp_dir().join(format!("xxgk-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = inputs(&dir);
    let out = dir.join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "--quiet"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !html.contains("<script src") && !html.contains("<link"),
        "self-contained"
    );
    assert!(!html.contains("http://fonts") && !html.contains("https://"));
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    for id in ["summary", "list", "files", "ranking", "continuity", "view"] {
        assert!(
            doc.select(&sel(&format!("#{id}"))).next().is_some(),
            "#{id}"
        );
    }

    // Every finding of the batch (the SQLite output, cross-report ones included) is one row.
    let db = rusqlite::Connection::open(out.join("xxgk.sqlite")).unwrap_or_else(|e| panic!("{e}"));
    let mut stmt = db
        .prepare("SELECT path, rule, message FROM findings")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut expected: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .collect();
    let mut rows: Vec<(String, String, String)> = doc
        .select(&sel("#issues tbody tr"))
        .map(|tr| {
            let td: Vec<String> = tr.select(&sel("td")).map(text).collect();
            (td[4].clone(), td[1].clone(), td[6].clone())
        })
        .collect();
    expected.sort();
    rows.sort();
    assert!(
        expected.iter().any(|f| f.1 == "R8"),
        "the R8 pair is in the batch"
    );
    assert_eq!(rows, expected);

    // One report entry and one list row per input file.
    let data = page_data(&doc);
    let reports = data["reports"].as_array().cloned().unwrap_or_default();
    let files = std::fs::read_dir(&input).map(|d| d.count()).unwrap_or(0);
    assert_eq!(reports.len(), files);
    assert_eq!(doc.select(&sel("#files tbody tr")).count(), files);

    // The template holds each of the 200 values once, in the official layout.
    let cells: Vec<usize> = doc
        .select(&sel("template#tables"))
        .next()
        .map(|t| t.inner_html())
        .map(|inner| {
            let frag = Html::parse_fragment(&inner);
            frag.select(&sel("td[data-i]"))
                .filter_map(|td| td.value().attr("data-i")?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(cells.iter().copied().collect::<BTreeSet<_>>().len(), 200);
    assert_eq!(cells.len(), 200);

    // Highlighted cells: for each deliberately inconsistent report, the cells of the
    // arithmetic findings are exactly the cells of the expected violations' equations.
    let mut checked = 0;
    for doc_path in documents("inconsistent", &["docx", "xlsx", "txt"]) {
        let truth = truth_for(&doc_path);
        let Some(violations) = truth["expected_violations"].as_array() else {
            continue;
        };
        let name = doc_path.file_name().unwrap_or_default().to_string_lossy();
        let Some(report) = reports.iter().find(|r| {
            r["file"]
                .as_str()
                .is_some_and(|f| f.ends_with(name.as_ref()))
        }) else {
            panic!("{name} not on the page")
        };
        let arithmetic =
            |rule: Option<&str>| matches!(rule, Some("R1" | "R2" | "R3" | "R4" | "R5"));
        let want: BTreeSet<usize> = violations
            .iter()
            .filter(|v| arithmetic(v["rule"].as_str()))
            .flat_map(|v| {
                let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
                equation(&s("rule"), &s("row"), &s("column"))
            })
            .collect();
        let got: BTreeSet<usize> = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| arithmetic(f["rule"].as_str()))
            .flat_map(|f| f["cells"].as_array().cloned().unwrap_or_default())
            .filter_map(|c| c.as_u64().map(|c| c as usize))
            .collect();
        assert_eq!(got, want, "{name}");
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} inconsistent reports checked");

    // Continuity shows the pair of years side by side, the changed column marked.
    let pair = doc
        .select(&sel("#continuity table.pair"))
        .next()
        .unwrap_or_else(|| panic!("no continuity table"));
    let bad: Vec<String> = pair.select(&sel("td.bad")).map(text).collect();
    assert_eq!(bad, ["0", "0", "1", "1"], "自然人 and 总计, in both rows");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn blank_and_slash_cells_are_marked_with_their_source_text() {
    let registry = xxgk::Registry::with_builtin();
    let opts = xxgk::ParseOptions::default();
    let mut page = xxgk_review::ReviewPage::new(xxgk::model::Lang::Zh, "t");
    let mut expected_marks = 0;
    let mut docs = documents("seeds", &["txt"]);
    docs.push(fixtures().join("docx/002.wu.docx"));
    docs.push(fixtures().join("xlsx/004.dash.xlsx"));
    for doc in docs {
        let report = xxgk::parse_path(&registry, &doc, &opts).unwrap_or_else(|e| panic!("{e}"));
        expected_marks += report
            .provenance
            .values()
            .filter(|p| {
                !p.text
                    .chars()
                    .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            })
            .count();
        page.add(&doc.display().to_string(), Status::Ok, "", Some(&report));
    }
    let data = page_data(&Html::parse_document(&page.finish()));
    let marks: Vec<String> = data["reports"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["marks"].as_object().cloned().unwrap_or_default())
        .filter_map(|(_, t)| t.as_str().map(str::to_string))
        .collect();
    assert_eq!(marks.len(), expected_marks);
    assert!(
        marks.iter().any(String::is_empty),
        "a blank cell among the seeds"
    );
    assert!(marks.iter().any(|m| m == "无"), "the 无 cells of 002.wu");
    assert!(
        marks.iter().any(|m| m == "—" || m == "-"),
        "the dash cells of 004.dash"
    );
}

#[test]
fn a_thousand_report_page_stays_under_five_megabytes() {
    let registry = xxgk::Registry::with_builtin();
    let opts = xxgk::ParseOptions::default();
    let docs = documents("inconsistent", &["docx"]);
    let reports: Vec<_> = docs
        .iter()
        .map(|d| xxgk::parse_path(&registry, d, &opts).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let mut page = xxgk_review::ReviewPage::new(xxgk::model::Lang::Zh, "t");
    for i in 0..1000 {
        let r = &reports[i % reports.len()];
        page.add(&format!("部门/{i:04}.docx"), Status::Findings, "", Some(r));
    }
    let html = page.finish();
    assert!(html.len() < 5_000_000, "{} bytes", html.len());
    let doc = Html::parse_document(&html);
    assert_eq!(
        page_data(&doc)["reports"].as_array().map(Vec::len),
        Some(1000)
    );
}

#[test]
fn check_writes_a_page_for_one_file() {
    let file = fixtures().join("inconsistent/inc01.R3-granted.docx");
    let out = std::env::temp_dir().join(format!("xxgk-check-{}.html", std::process::id()));
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("check")
        .arg(&file)
        .arg("--html")
        .arg(&out)
        .args(["--lang", "en"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(1));
    let html = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    let doc = Html::parse_document(&html);
    let data = page_data(&doc);
    assert_eq!(data["reports"].as_array().map(Vec::len), Some(1));
    let rules: Vec<String> = doc
        .select(&sel("#issues tbody tr"))
        .filter_map(|tr| tr.value().attr("data-rule").map(str::to_string))
        .collect();
    assert_eq!(rules, ["R2", "R3"]);
    assert!(html.contains("<html lang=\"en\">") && html.contains("Issue list"));
    let _ = std::fs::remove_file(&out);
}
