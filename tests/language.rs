//! Every message speaks the language asked for: with the default `--lang zh`, no English
//! sentence reaches the terminal or the dataset; with `--lang en`, no Chinese one does. Names
//! are not messages: file paths, format and tool names, rule ids, the report's own words
//! (agencies, quoted labels and headings) and a foreign library's text quoted as `（原文：…）`.

mod common;

use common::fixtures;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Names that stay as they are in Chinese text.
const NAMES: &[&str] = &[
    "xxgk",
    "batch",
    "manifest",
    "csv",
    "CSV",
    "SQLite",
    "docx",
    "xlsx",
    "pdf",
    "PDF",
    "doc",
    "html",
    "HTML",
    "zip",
    "OLE",
    "XML",
    "xml",
    "UTF",
    "Unicode",
    "OCR",
    // Settings and commands named in messages (`XXGK_OCR=off`, `apt install tesseract-ocr`).
    "XXGK",
    "off",
    "apt",
    "install",
    "tesseract",
    "ocr",
    "chi",
    "sim",
    "PNG",
    "JPEG",
    "TIFF",
    "FFFD",
    "JSON",
    "Word",
    "WPS",
    "Excel",
    "FIB",
    "WordDocument",
    "Workbook",
    "Microsoft",
    "Works",
    "DOCX",
    "XLSX",
    "word",
    "document",
    "RAR",
];

/// A folder of drafts as a reviewer gets them: good, inconsistent, broken and foreign files.
fn drafts(dir: &Path) -> PathBuf {
    let input = dir.join("drafts");
    std::fs::create_dir_all(&input).unwrap_or_default();
    let f = fixtures();
    for (from, to) in [
        ("docx/003.docx", "good.docx"),
        ("inconsistent/inc02.R1-total.docx", "inconsistent.docx"),
        ("inconsistent/inc05.R5-licensing.docx", "negative.docx"),
        ("seeds/004_ad9f0d6ea18bc191.txt", "web.txt"),
        ("hostile/zip-bomb.docx", "bomb.docx"),
        ("hostile/encrypted.docx", "locked.docx"),
        ("hostile/far-cell.xlsx", "far.xlsx"),
        ("hostile/png-renamed.xlsx", "scan.xlsx"),
        ("hostile/doc-word95.doc", "old.doc"),
        ("pdf/scanned.pdf", "scanned.pdf"),
        // A converter's text whose layout leaves values unplaced (X2 names the row).
        ("layouts/stress/r99-000001.w3m.txt", "converted.txt"),
    ] {
        let _ = std::fs::copy(f.join(from), input.join(to));
    }
    std::fs::write(
        input.join("notice.txt"),
        "关于调整停车收费标准的通知\n\n各单位：\n现通知如下。\n",
    )
    .unwrap_or_default();
    std::fs::write(input.join("cut.zip"), b"PK\x03\x04\x14\0\0\0").unwrap_or_default();
    input
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// English words left in Chinese text once paths and quoted originals are taken out.
fn english(text: &str, dir: &Path) -> Vec<String> {
    let mut text = text.replace(&dir.to_string_lossy().into_owned(), "");
    while let Some(start) = text.find("（原文：") {
        let end = text[start..]
            .find('）')
            .map_or(text.len(), |e| start + e + '）'.len_utf8());
        text.replace_range(start..end, "");
    }
    let mut words = Vec::new();
    for line in text.lines() {
        // File names (`drafts/good.docx`) are not words.
        let line: String = line
            .split_whitespace()
            .filter(|w| !w.contains('/'))
            .collect::<Vec<_>>()
            .join(" ");
        let mut word = String::new();
        for c in line.chars().chain([' ']) {
            if c.is_ascii_alphabetic() {
                word.push(c);
            } else {
                if word.len() >= 3 && !NAMES.contains(&word.as_str()) {
                    words.push(word.clone());
                }
                word.clear();
            }
        }
    }
    words.sort();
    words.dedup();
    words
}

/// Chinese left in English messages once the report's own words are taken out: the lines
/// naming a file (its agency), and quoted text.
fn chinese(text: &str) -> Vec<String> {
    let is_cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    text.lines()
        .filter(|l| l.starts_with("  ") || l.starts_with("xxgk:"))
        .map(|l| {
            let mut out = String::new();
            let mut quoted = false;
            for c in l.chars() {
                if c == '"' {
                    quoted = !quoted;
                } else if !quoted {
                    out.push(c);
                }
            }
            out
        })
        .filter(|l| l.chars().any(is_cjk))
        .collect()
}

fn column(csv: &Path, index: usize) -> String {
    let text = std::fs::read_to_string(csv).unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(index))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn chinese_is_whole_by_default_and_english_when_asked() {
    let dir = std::env::temp_dir().join(format!("xxgk-lang-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = drafts(&dir);
    let inp = input.to_string_lossy().into_owned();

    let check = run(&["check", &inp]);
    assert!(check.contains("共 2 个错误"), "{check}");
    assert!(
        check.contains("超出限制") && check.contains("已加密"),
        "{check}"
    );
    assert_eq!(english(&check, &dir), Vec::<String>::new(), "{check}");

    let out = dir.join("out");
    let batch = run(&["batch", &inp, "-o", &out.to_string_lossy()]);
    let files = std::fs::read_dir(&input).map_or(0, |d| d.count());
    assert!(batch.contains(&format!("文件 {files}，")), "{batch}");
    let reasons = column(&out.join("manifest.csv"), 3);
    let messages = column(&out.join("findings.csv"), 10);
    let places = column(&out.join("findings.csv"), 7);
    let value_places = column(&out.join("values.csv"), 6);
    assert!(
        places.contains("第") && value_places.contains("第"),
        "{places}"
    );
    // The SQLite database holds the same words as the CSV files.
    let db = rusqlite::Connection::open(out.join("xxgk.sqlite")).unwrap_or_else(|e| panic!("{e}"));
    let sql = |q: &str| -> String {
        db.prepare(q)
            .and_then(|mut s| {
                s.query_map([], |r| r.get::<_, Option<String>>(0))
                    .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            })
            .unwrap_or_else(|e| panic!("{q}: {e}"))
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n")
    };
    let db_messages = sql("SELECT message FROM findings");
    let db_places =
        sql("SELECT location FROM findings UNION ALL SELECT location FROM report_values");
    assert!(
        db_messages.contains("总计") && db_places.contains("第"),
        "{db_messages}"
    );
    for text in [
        &batch,
        &reasons,
        &messages,
        &places,
        &value_places,
        &db_messages,
        &db_places,
    ] {
        assert_eq!(english(text, &dir), Vec::<String>::new(), "{text}");
    }
    // The review page's own words.
    let page = std::fs::read_to_string(out.join("report.html")).unwrap_or_default();
    assert!(
        page.contains("概览") && page.contains("问题清单"),
        "report.html"
    );
    assert!(!page.contains(">Summary<") && !page.contains(">with findings<"));

    let check_en = run(&["check", "--lang", "en", &inp]);
    assert!(check_en.contains("2 errors"), "{check_en}");
    assert_eq!(chinese(&check_en), Vec::<String>::new(), "{check_en}");
    let out_en = dir.join("out-en");
    let batch_en = run(&[
        "batch",
        "--lang",
        "en",
        &inp,
        "-o",
        &out_en.to_string_lossy(),
    ]);
    assert!(batch_en.contains(&format!("files {files},")), "{batch_en}");
    let reasons = column(&out_en.join("manifest.csv"), 3);
    assert!(
        !reasons
            .chars()
            .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
        "{reasons}"
    );
    let page = std::fs::read_to_string(out_en.join("report.html")).unwrap_or_default();
    assert!(
        page.contains("Summary") && !page.contains("概览"),
        "report.html (en)"
    );
    // The workbook's sheets and headers follow the language; its cells show labels, not keys.
    let zh = workbook_text(&out.join("xxgk.xlsx"));
    for word in [
        "汇总",
        "问题清单",
        "级别",
        "错误",
        "表三（收到和处理申请）",
        "“总计”",
    ] {
        assert!(zh.contains(word), "{word}");
    }
    assert!(!zh.contains(">total_handled<") && !zh.contains(">error<"));
    let en = workbook_text(&out_en.join("xxgk.xlsx"));
    for word in ["Summary", "Findings", "Severity", ">error<"] {
        assert!(en.contains(word), "{word}");
    }
    assert!(!en.contains("问题清单") && !en.contains("级别"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The workbook's sheet names and shared strings, as XML text.
fn workbook_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_default();
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return String::new();
    };
    let mut out = String::new();
    for name in ["xl/workbook.xml", "xl/sharedStrings.xml"] {
        if let Ok(mut f) = zip.by_name(name) {
            let _ = std::io::Read::read_to_string(&mut f, &mut out);
        }
    }
    for i in 0..zip.len() {
        if let Ok(mut f) = zip.by_index(i) {
            if f.name().is_ok_and(|n| n.starts_with("xl/worksheets/")) {
                let _ = std::io::Read::read_to_string(&mut f, &mut out);
            }
        }
    }
    out
}

/// Words of a usage message once the command line's own symbols are taken out: flags
/// (`--out`), placeholders (`<OUTDIR>`, `[OPTIONS]`) and command names.
fn usage_words(text: &str, dir: &Path) -> Vec<String> {
    let commands = [
        "parse", "check", "compare", "batch", "serve", "render", "formats", "frob", "bogus",
    ];
    let kept: String = text
        .split(|c: char| c.is_whitespace() || "、，：“”".contains(c))
        .filter(|w| !w.starts_with(['-', '<', '['].as_slice()) && !commands.contains(w))
        .collect::<Vec<_>>()
        .join(" ");
    english(&kept, dir)
}

/// clap's own words follow `--lang` too: usage errors (exit 2, what is wrong, the usage,
/// where to read more) and the help's headings and flags.
#[test]
fn usage_errors_and_help_speak_the_language_asked_for() {
    let dir = std::env::temp_dir();
    let cases: [&[&str]; 6] = [
        &["batch"],
        &["parse", "x.docx", "--lang", "fr"],
        &["frob"],
        &[],
        &["check", "--bogus"],
        &["render", "a.docx", "--blank", "-o", "x.txt"],
    ];
    for args in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let zh = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            zh.contains("用法：") && zh.contains("详见"),
            "{args:?}: {zh}"
        );
        assert_eq!(
            usage_words(&zh, &dir),
            Vec::<String>::new(),
            "{args:?}: {zh}"
        );
        let en_args: Vec<&str> = args.iter().copied().chain(["--lang", "en"]).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(&en_args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let en = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(en.contains("usage: "), "{en_args:?}: {en}");
        assert_eq!(chinese(&en), Vec::<String>::new(), "{en_args:?}: {en}");
    }
    let help = run(&["batch", "--help"]);
    for word in ["用法：", "选项", "参数", "显示帮助", "不显示进度"] {
        assert!(help.contains(word), "{word}: {help}");
    }
    assert!(
        !help.contains("Print help") && !help.contains("Usage:"),
        "{help}"
    );
}
