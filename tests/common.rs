//! Shared test helpers: fixture paths and value-by-value comparison with `.truth.json` files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `fixtures/` at the workspace root.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// The documents in a fixture folder whose name ends with one of `exts`, sorted.
pub fn documents(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(fixtures().join(dir))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| {
        p.extension()
            .is_some_and(|e| exts.contains(&e.to_string_lossy().as_ref()))
    });
    out.sort();
    out
}

/// The truth file beside a document.
pub fn truth_for(doc: &Path) -> serde_json::Value {
    let name = doc
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    let path = doc.with_file_name(format!("{stem}.truth.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every table value of a report or truth JSON, flattened to `path -> value`.
pub fn table_values(v: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    let mut out = Vec::new();
    let active = &v["active"];
    for item in ["rules", "normative_documents"] {
        for k in ["issued", "repealed", "in_force"] {
            out.push((format!("active.{item}.{k}"), active[item][k].clone()));
        }
    }
    for item in ["licensing", "punishment", "enforcement", "fees"] {
        out.push((format!("active.{item}"), active[item].clone()));
    }
    for (key, width) in [("applications", 7), ("review_litigation", 5)] {
        let Some(map) = v[key].as_object() else {
            panic!("{key} missing in {v}");
        };
        for (row, values) in map {
            for i in 0..width {
                out.push((format!("{key}.{row}[{i}]"), values[i].clone()));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Asserts that a parsed report equals the truth in every value, null exactly where null.
pub fn assert_matches_truth(doc: &Path, report: &serde_json::Value) {
    let truth = truth_for(doc);
    let expected = table_values(&truth);
    let got: std::collections::BTreeMap<String, serde_json::Value> =
        table_values(report).into_iter().collect();
    let mut wrong = Vec::new();
    for (path, want) in &expected {
        let have = got.get(path).cloned().unwrap_or(serde_json::Value::Null);
        let same = match (want.as_f64(), have.as_f64()) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            _ => want.is_null() && have.is_null(),
        };
        if !same {
            wrong.push(format!("{path}: expected {want}, got {have}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{}: {} of {} values differ:\n{}",
        doc.display(),
        wrong.len(),
        expected.len(),
        wrong.join("\n")
    );
}

/// Parses a document and asserts every value, the agency and the year equal its truth file;
/// returns the report for more checks.
pub fn assert_reads_like_truth(doc: &Path) -> serde_json::Value {
    let r = parse_json(doc);
    assert_matches_truth(doc, &r);
    let truth = truth_for(doc);
    assert_eq!(r["agency"], truth["agency"], "{}", doc.display());
    assert_eq!(r["year"], truth["year"], "{}", doc.display());
    r
}

/// Parses a document with the built-in registry and returns the report as JSON.
pub fn parse_json(doc: &Path) -> serde_json::Value {
    let registry = xxgk::Registry::with_builtin();
    let report = xxgk::parse_path(&registry, doc, &xxgk::ParseOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_value(&report).unwrap_or_else(|e| panic!("{e}"))
}

/// The rule ids of a report's findings whose origin is the source (not extraction).
pub fn findings<'a>(report: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["rule"] == rule).collect())
        .unwrap_or_default()
}

/// Arithmetic findings (R1–R4) of a report.
pub fn arithmetic(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| matches!(f["rule"].as_str(), Some("R1" | "R2" | "R3" | "R4")))
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap_or("").to_string(),
                        f["row"].as_str().unwrap_or("").to_string(),
                        f["column"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The seed text whose file name starts with `prefix` (`"003"`).
pub fn seed(prefix: &str) -> PathBuf {
    documents("seeds", &["txt"])
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("seed {prefix} missing from fixtures/seeds"))
}

/// A CSS selector (review page tests).
pub fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

/// An element's text.
pub fn text(e: scraper::ElementRef) -> String {
    e.text().collect::<String>()
}

/// The JSON the review page embeds in `<script id=data>`.
pub fn page_data(doc: &scraper::Html) -> serde_json::Value {
    let script = doc
        .select(&sel("script#data"))
        .next()
        .unwrap_or_else(|| panic!("no #data script"));
    serde_json::from_str(&text(script)).unwrap_or_else(|e| panic!("page data: {e}"))
}

/// Headless Chromium: `XXGK_CHROMIUM`, or `chromium`, `chromium-browser` or `google-chrome` on
/// the PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("XXGK_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `url` with `args`, killed after 90 s; returns stdout.
pub fn run_chromium(bin: &Path, profile: &Path, args: &[String], url: &str) -> String {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
    let mut out = String::new();
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut o) = stdout {
            let _ = std::io::Read::read_to_string(&mut o, &mut s);
        }
        s
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish on {url}");
            }
        }
    }
    if let Ok(s) = reader.join() {
        out = s;
    }
    out
}

/// CRC-32 (ISO-HDLC, as zip and PNG use it).
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}
