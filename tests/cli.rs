//! The command line contract: JSON shape of `parse`, exit codes of `parse` and `check`.

mod common;

use std::process::Command;

fn xxgk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xxgk: {e}"))
}

fn seed(prefix: &str) -> String {
    common::seed(prefix).to_string_lossy().into_owned()
}

#[test]
fn parse_prints_truth_shaped_json() {
    let out = xxgk(&["parse", &seed("003")]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(
        v["applications"]["new_received"],
        serde_json::json!([25, 2, 0, 0, 0, 0, 27])
    );
    assert_eq!(
        v["review_litigation"]["review"].as_array().map(Vec::len),
        Some(5)
    );
    assert_eq!(v["format"], "2021");
    assert_eq!(v["adapter"], "text");
}

#[test]
fn parse_of_an_unreadable_file_exits_2_naming_it() {
    let dir = std::env::temp_dir().join(format!("xxgk-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let png = dir.join("scan.txt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap_or_default();
    let out = xxgk(&["parse", &png.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("scan.txt") && err.contains("PNG"), "{err}");
    let missing = xxgk(&["parse", "no/such/file.docx"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/file.docx"));
}

#[test]
fn check_exit_codes_follow_error_findings() {
    // 003 is clean: exit 0. 000 has a truncated table 三 (C3 error): exit 1.
    assert_eq!(xxgk(&["check", &seed("003")]).status.code(), Some(0));
    let out = xxgk(&["check", &seed("000"), &seed("003")]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("C3") && text.contains("金乡县行政审批服务局"),
        "{text}"
    );
    // An unreadable file wins: exit 2, and the readable ones are still reported.
    let out = xxgk(&["check", &seed("003"), "missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("济宁市行政审批服务局"));
}

#[test]
fn check_json_and_english_messages() {
    let out = xxgk(&["check", "--format", "json", "--lang", "en", &seed("002")]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let f = &v[0]["findings"][0];
    assert_eq!(f["rule"], "S1");
    assert!(
        f["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("section numbered"),
        "{f}"
    );
}

#[test]
fn formats_lists_the_adapters() {
    let out = xxgk(&["formats"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("text"));
}

/// `check` takes folders and archives as `batch` does and prints instead of writing a dataset:
/// a reviewer points it at the folder of drafts.
#[test]
fn check_reads_a_folder_and_a_zip_of_drafts() {
    let dir = std::env::temp_dir().join(format!("xxgk-check-dir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("drafts")).unwrap_or_default();
    let docx = std::fs::read(common::fixtures().join("docx/003.docx")).unwrap_or_default();
    std::fs::write(dir.join("drafts/a.docx"), &docx).unwrap_or_default();
    std::fs::write(dir.join("drafts/notes.md"), "会议纪要\n").unwrap_or_default();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let _ = zip.start_file("b.docx", zip::write::SimpleFileOptions::default());
    let _ = std::io::Write::write_all(&mut zip, &docx);
    let bytes = zip.finish().map(|c| c.into_inner()).unwrap_or_default();
    std::fs::write(dir.join("drafts.zip"), bytes).unwrap_or_default();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("check")
        .arg(dir.join("drafts"))
        .arg(dir.join("drafts.zip"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("drafts/a.docx：济宁市行政审批服务局 2024"),
        "{stdout}"
    );
    assert!(
        stdout.contains("drafts.zip!/b.docx：济宁市行政审批服务局 2024"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("notes.md") && stderr.contains("跳过"),
        "{stderr}"
    );
    assert_eq!(run.status.code(), Some(0), "{stdout}{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// One rule for a document that is not an annual report (no title, no section heading, no
/// statutory table), in every command: `parse` refuses it (exit 2), `check` names it skipped
/// (exit 0), `batch` marks it skipped.
#[test]
fn a_notice_is_not_a_report_in_every_command() {
    let dir = std::env::temp_dir().join(format!("xxgk-notice-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).unwrap_or_default();
    let notice = dir.join("in/notice.txt");
    std::fs::write(
        &notice,
        "关于调整停车收费标准的通知\n\n各单位：\n现将有关事项通知如下。\n",
    )
    .unwrap_or_default();
    let xxgk = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let path = notice.to_string_lossy().into_owned();
    let parse = xxgk(&["parse", &path]);
    assert_eq!(parse.status.code(), Some(2));
    assert!(parse.stdout.is_empty());
    assert!(String::from_utf8_lossy(&parse.stderr).contains("不是政府信息公开工作年度报告"));
    let check = xxgk(&["check", &path]);
    assert_eq!(check.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&check.stderr).contains("（跳过）"));
    let out = dir.join("out").to_string_lossy().into_owned();
    let input = dir.join("in").to_string_lossy().into_owned();
    let batch = xxgk(&["batch", "-q", &input, "-o", &out]);
    assert_eq!(batch.status.code(), Some(0));
    let manifest = std::fs::read_to_string(dir.join("out/manifest.csv")).unwrap_or_default();
    assert!(
        manifest.contains("notice.txt,,skipped,不是政府信息公开工作年度报告"),
        "{manifest}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// docs/format.md is the format reference users read: it names every table key, every row
/// and column label as printed, and every rule id the code has.
#[test]
fn the_format_reference_names_every_key_and_rule() {
    let doc =
        std::fs::read_to_string(common::fixtures().join("../docs/format.md")).unwrap_or_default();
    for code in xxgk::model::codebook() {
        for key in [Some(code.table), Some(code.row), code.column]
            .into_iter()
            .flatten()
        {
            assert!(doc.contains(&format!("`{key}`")), "key {key}");
        }
        for label in [Some(code.row_label), code.column_label]
            .into_iter()
            .flatten()
        {
            assert!(doc.contains(label), "label {label}");
        }
    }
    for rule in xxgk::RULES {
        assert!(
            doc.contains(&format!("| {} |", rule.id)),
            "rule {}",
            rule.id
        );
    }
}

/// No command replaces what it reads: `render` and `check --html` refuse an output that is
/// one of their inputs (by any name), and `render` refuses what is not a report.
#[test]
fn outputs_never_replace_inputs_and_render_needs_a_report() {
    let dir = std::env::temp_dir().join(format!("xxgk-never-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let docx = common::fixtures().join("docx/003.docx");
    let a = dir.join("a.docx");
    std::fs::copy(&docx, &a).unwrap_or_default();
    let before = std::fs::read(&a).unwrap_or_default();
    let a_str = a.to_string_lossy().into_owned();
    let link = dir.join("b.docx");
    std::fs::hard_link(&a, &link).unwrap_or_default();
    let link_str = link.to_string_lossy().into_owned();
    for args in [
        vec![
            "render",
            a_str.as_str(),
            "-o",
            a_str.as_str(),
            "--lang",
            "en",
        ],
        vec![
            "render",
            a_str.as_str(),
            "-o",
            link_str.as_str(),
            "--lang",
            "en",
        ],
        vec![
            "check",
            a_str.as_str(),
            "--html",
            a_str.as_str(),
            "--lang",
            "en",
        ],
    ] {
        let out = xxgk(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is an input"), "{args:?}: {err}");
        assert_eq!(std::fs::read(&a).unwrap_or_default(), before, "{args:?}");
    }
    let empty = dir.join("empty.json");
    std::fs::write(&empty, "{}").unwrap_or_default();
    let txt = dir.join("out.txt");
    let out = xxgk(&[
        "render",
        &empty.to_string_lossy(),
        "-o",
        &txt.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(!txt.exists());
    // A real render leaves no temporary file beside its output.
    let out = xxgk(&["render", &a_str, "-o", &txt.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `xxgk compare`: two reports side by side, in text (the language asked for) and JSON.
#[test]
fn compare_shows_every_differing_value_and_the_sections_shared() {
    let f = common::fixtures();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .arg("compare")
            .arg(f.join("inconsistent/inc01.R3-granted.docx"))
            .arg(f.join("inconsistent/inc03.R2-natural.docx"))
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let zh = run(&[]);
    assert_eq!(zh.status.code(), Some(0), "{zh:?}");
    let text = String::from_utf8_lossy(&zh.stdout);
    assert!(text.contains("同一机关（济宁市行政审批服务局）"), "{text}");
    assert!(text.contains("数值不同 3 个，相同 197 个"), "{text}");
    assert!(
        text.contains("“（一）予以公开”行“总计”列：19 → 18"),
        "{text}"
    );
    assert!(text.contains("第五部分 100%"), "{text}");
    let json = run(&["--format", "json", "--lang", "en"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    assert_eq!(v["same_agency"], true);
    assert_eq!(v["differing"].as_array().map(Vec::len), Some(3), "{v}");
    assert_eq!(v["differing"][0]["value"], "applications.granted.total");
    assert_eq!(v["equal"], 197);
    // The page: every value of both, the three that differ marked; section 五 all shared.
    let page = std::env::temp_dir().join(format!("xxgk-compare-{}.html", std::process::id()));
    let html = run(&["--html", &page.display().to_string()]);
    assert_eq!(html.status.code(), Some(0), "{html:?}");
    let text = std::fs::read_to_string(&page).unwrap_or_default();
    let _ = std::fs::remove_file(&page);
    assert_eq!(text.matches("<tr class=diff>").count(), 3);
    assert_eq!(text.matches("<tr class=same>").count(), 197);
    assert!(
        text.contains("五、存在的主要问题及改进情况 — 100%"),
        "{text}"
    );
    assert!(text.contains("<mark>"));
}
