//! The review page in a real browser: headless Chromium loads `report.html` of a batch, the
//! filter from the URL fragment hides exactly the other rules' rows, the per-report view
//! highlights exactly the cells of the report's findings, and a screenshot is taken.
//!
//! `.ci/run` installs Debian's `chromium`; where no Chromium can be found (set `XXGK_CHROMIUM`
//! to point at one) the test says so and skips.

mod common;

use common::*;
use scraper::Html;
use std::collections::BTreeSet;
use std::process::Command;

#[test]
#[ignore = "needs chromium: .ci/run installs it and runs it with --ignored"]
fn the_page_filters_and_highlights_in_chromium() {
    let Some(bin) = chromium() else {
        panic!(
            "no Chromium found: install Debian's `chromium`, or set XXGK_CHROMIUM (.ci/run \
             installs it)"
        );
    };
    let dir = std::env::temp_dir().join(format!("xxgk-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "--quiet"])
        .arg(fixtures().join("inconsistent"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(run.status.code().is_some(), "{run:?}");
    let page = out.join("report.html");
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{e}"));
    let url = format!("file://{}", page.display());
    let profile = dir.join("profile");

    // The filter: `#rule=R3` shows the R3 rows and hides every other row.
    let dom = Html::parse_document(&run_chromium(
        &bin,
        &profile,
        &["--dump-dom".into()],
        &format!("{url}#rule=R3"),
    ));
    let rows: Vec<(String, bool)> = dom
        .select(&sel("#issues tbody tr"))
        .map(|tr| {
            let v = tr.value();
            (
                v.attr("data-rule").unwrap_or("").to_string(),
                v.attr("hidden").is_some(),
            )
        })
        .collect();
    let r3 = rows.iter().filter(|(r, _)| r == "R3").count();
    assert!(r3 > 0 && rows.len() > r3, "{rows:?}");
    for (rule, hidden) in &rows {
        assert_eq!(*hidden, rule != "R3", "row of {rule}");
    }
    let count: String = dom
        .select(&sel("#f-count"))
        .flat_map(|e| e.text())
        .collect();
    assert_eq!(count, r3.to_string());

    // Info rows are hidden until asked for; a rule the batch does not have is said so.
    let hidden_rows = |fragment: &str| -> (Vec<(String, bool)>, Option<String>) {
        let dom = Html::parse_document(&run_chromium(
            &bin,
            &profile,
            &["--dump-dom".into()],
            &format!("{url}{fragment}"),
        ));
        let rows = dom
            .select(&sel("#issues tbody tr"))
            .map(|tr| {
                let v = tr.value();
                let sev = v.attr("data-sev").unwrap_or("").to_string();
                (sev, v.attr("hidden").is_some())
            })
            .collect();
        let empty = dom
            .select(&sel("#f-empty"))
            .find(|e| e.value().attr("hidden").is_none())
            .map(|e| e.text().collect());
        (rows, empty)
    };
    let (rows, empty) = hidden_rows("");
    assert!(
        rows.iter().any(|(s, _)| s == "info"),
        "the batch has info rows"
    );
    for (sev, hidden) in &rows {
        assert_eq!(*hidden, sev == "info", "a {sev} row by default");
    }
    assert_eq!(empty, None);
    let (rows, _) = hidden_rows("#info=1");
    assert!(rows.iter().all(|(_, hidden)| !hidden));
    let (rows, empty) = hidden_rows("#rule=R9");
    assert!(rows.iter().all(|(_, hidden)| *hidden));
    assert!(empty.is_some_and(|t| t.contains("R9")));

    // The per-report view: the highlighted cells are the cells of the report's findings.
    let data = page_data(&Html::parse_document(&html));
    let reports = data["reports"].as_array().cloned().unwrap_or_default();
    let id = reports
        .iter()
        .position(|r| {
            r["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("inc01.R3-granted.docx"))
        })
        .unwrap_or_else(|| panic!("inc01 not on the page"));
    let want: BTreeSet<String> = reports[id]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["cells"].as_array().cloned().unwrap_or_default())
        .map(|c| c.to_string())
        .collect();
    let dom = Html::parse_document(&run_chromium(
        &bin,
        &profile,
        &["--dump-dom".into()],
        &format!("{url}#report={id}"),
    ));
    let got: BTreeSet<String> = dom
        .select(&sel("#view td.bad, #view td.warn"))
        .filter_map(|td| td.value().attr("data-i").map(str::to_string))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);
    let granted_total: String = dom
        .select(&sel("#view td[data-i=\"30\"]"))
        .flat_map(|e| e.text())
        .collect();
    assert_eq!(granted_total, "19", "予以公开 总计 as printed in inc01");

    // A screenshot of the same view.
    let shot = dir.join("report.png");
    run_chromium(
        &bin,
        &profile,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1800".into(),
        ],
        &format!("{url}#report={id}"),
    );
    let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot: {e}"));
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
