//! Bounded mutation tests over the fixtures (stable, seconds): every truncation at a tenth of
//! the file's bytes and every tenth byte, seeded byte flips, and zip entries deleted. Each
//! mutant must parse or fail with an error — never panic. Plus hostile inputs with their error
//! kinds.

mod common;

use common::fixtures;
use std::io::{Cursor, Read, Write};
use std::path::Path;

fn parse(bytes: &[u8], name: &str) -> Result<(), String> {
    let registry = xxgk::Registry::with_builtin();
    let opts = xxgk::ParseOptions::default();
    let name = Path::new(name);
    let run = std::panic::AssertUnwindSafe(|| {
        xxgk::parse_bytes(&registry, bytes, name, &opts).map(|_| ())
    });
    match std::panic::catch_unwind(run) {
        Ok(_) => Ok(()),
        Err(_) => Err(format!(
            "panic on {} ({} bytes)",
            name.display(),
            bytes.len()
        )),
    }
}

const SAMPLES: [&str; 7] = [
    "docx/003.kitchen.docx",
    "docx/001.split.docx",
    "xlsx/001.formulas.xlsx",
    "spreadsheets/001.lo.ods",
    "seeds/001_14b84441463284c7.txt",
    "html/004.labels.gbk.html",
    "pdf/003.utf8.wk.pdf",
];

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn truncated_files_never_panic() {
    let mut panics = Vec::new();
    for rel in SAMPLES {
        let bytes = read(rel);
        let step = (bytes.len() / 400).max(10);
        for cut in (0..bytes.len()).step_by(step) {
            if let Err(e) = parse(&bytes[..cut], rel) {
                panics.push(format!("{e} cut at {cut}"));
            }
        }
    }
    assert!(panics.is_empty(), "{panics:#?}");
}

#[test]
fn flipped_bytes_never_panic() {
    let mut seed: u64 = 0x5eed_1234;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut panics = Vec::new();
    for rel in SAMPLES {
        let bytes = read(rel);
        for round in 0..150 {
            let mut m = bytes.clone();
            for _ in 0..(1 + round % 8) {
                let i = (next() as usize) % m.len();
                m[i] ^= (next() % 255 + 1) as u8;
            }
            if let Err(e) = parse(&m, rel) {
                panics.push(format!("{e} round {round}"));
            }
        }
    }
    assert!(panics.is_empty(), "{panics:#?}");
}

/// The package with entry `skip` left out.
fn without_entry(bytes: &[u8], skip: usize) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        if i == skip {
            continue;
        }
        let mut e = src.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let name = e.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap_or_default();
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        out.write_all(&data).unwrap_or_default();
    }
    out.finish().map(|c| c.into_inner()).unwrap_or_default()
}

#[test]
fn packages_missing_an_entry_never_panic() {
    for rel in [
        "docx/003.kitchen.docx",
        "xlsx/001.formulas.xlsx",
        "xlsx/003.sheets3.xlsx",
    ] {
        let bytes = read(rel);
        let n = zip::ZipArchive::new(Cursor::new(bytes.as_slice()))
            .map(|z| z.len())
            .unwrap_or(0);
        assert!(n > 3);
        for skip in 0..n {
            parse(&without_entry(&bytes, skip), rel)
                .unwrap_or_else(|e| panic!("{e} without entry {skip}"));
        }
    }
}

fn kind(bytes: &[u8], name: &str) -> String {
    let registry = xxgk::Registry::with_builtin();
    match xxgk::parse_bytes(
        &registry,
        bytes,
        Path::new(name),
        &xxgk::ParseOptions::default(),
    ) {
        Ok(r) => format!("ok:{}", r.adapter.unwrap_or_default()),
        Err(e) => e.kind().to_string(),
    }
}

/// fixtures/hostile/ (made by scripts/make_hostile_fixtures.py): each file gets the outcome its
/// EXPECTED.tsv line names, and an error names the file.
#[test]
fn the_hostile_corpus_fails_cleanly_with_each_files_kind() {
    let dir = fixtures().join("hostile");
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap_or_default();
    let registry = xxgk::Registry::with_builtin();
    let opts = xxgk::ParseOptions::default();
    let mut n = 0;
    for line in expected.lines().filter(|l| !l.starts_with('#')) {
        let Some((file, want)) = line.split_once('\t') else {
            continue;
        };
        let path = dir.join(file);
        let got = match xxgk::parse_path(&registry, &path, &opts) {
            Ok(_) => "ok".to_string(),
            Err(e) => {
                assert!(
                    e.to_string().contains(file),
                    "{file}: the error names it: {e}"
                );
                e.kind().to_string()
            }
        };
        assert_eq!(got, want, "{file}");
        n += 1;
    }
    assert_eq!(n, 60);
}

#[test]
fn hostile_and_mislabelled_inputs_get_their_error_kind() {
    assert_eq!(kind(b"", "empty.docx"), "unknown_format");
    assert_eq!(
        kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "scan.xlsx"),
        "corrupt"
    );
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(kind(&garbage, "x.bin"), "unknown_format");
    // a Word 97-2003 file named .docx is read by its content
    let doc = read("libreoffice/003.doc");
    assert_eq!(kind(&doc, "renamed.docx"), "ok:doc");
    // UTF-16 without BOM is text, read as such.
    let utf16: Vec<u8> = "某局2023年政府信息公开工作年度报告\n行政许可\t5\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(kind(&utf16, "u16.txt"), "ok:text");
    // A zip entry of 0 bytes as the document body.
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let empty_body = z.finish().map(|c| c.into_inner()).unwrap_or_default();
    assert_eq!(kind(&empty_body, "empty-body.docx"), "ok:docx");
    // 100,000 zip entries: refused by the entry limit before anything is inflated.
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("word/document.xml", opts)
        .unwrap_or_else(|e| panic!("{e}"));
    for i in 0..100_000 {
        z.start_file(format!("x/{i}"), opts)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let many = z.finish().map(|c| c.into_inner()).unwrap_or_default();
    assert_eq!(kind(&many, "many.docx"), "limit_exceeded");
}

#[test]
fn fuzz_found_inputs_fail_cleanly() {
    // See FUZZING.md: each file here once crashed a target.
    let dir = fixtures().join("fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let p = entry.path();
        let bytes = std::fs::read(&p).unwrap_or_default();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        parse(&bytes, &name).unwrap_or_else(|e| panic!("{e}"));
        n += 1;
    }
    assert!(n >= 1);
    // The spreadsheet adapter itself (the fuzz target's entry point) reports it as corrupt.
    let crash = std::fs::read(dir.join("xlsx-calamine-cfb-slice.xls")).unwrap_or_default();
    let registry = xxgk::Registry::with_builtin();
    let xlsx = registry.adapters().find(|a| a.name() == "xlsx");
    let err = xlsx.map(|a| {
        a.read(&crash, &xxgk::model::Limits::default())
            .err()
            .map(|e| e.kind())
    });
    assert_eq!(err, Some(Some("corrupt")));
    // An OLE file with a zip package appended: calamine's auto-detection read it as the XLSX
    // the guards never measured (1.1 GB, 3 s); now opened only as the .xls it starts as.
    let ole_zip = std::fs::read(dir.join("xlsx-ole-with-zip-appended.xls")).unwrap_or_default();
    let kind = xlsx.and_then(|a| a.read(&ole_zip, &xxgk::model::Limits::default()).err());
    assert_eq!(kind.map(|e| e.kind()), Some("corrupt"));
    // A form tree whose cross-reference table a mutation broke: every object lookup became a
    // search, so each drawing operation cost microseconds more; refused by the time limit.
    let slow = std::fs::read(dir.join("pdf-broken-xref-form-fanout.pdf")).unwrap_or_default();
    let limits = xxgk::model::Limits {
        max_seconds: 1,
        ..xxgk::model::Limits::default()
    };
    let start = std::time::Instant::now();
    let err = registry
        .adapters()
        .find(|a| a.name() == "pdf")
        .map(|a| a.read(&slow, &limits).err().map(|e| e.to_string()));
    assert!(
        err.as_ref()
            .is_some_and(|e| e.as_ref().is_some_and(|e| e.contains("seconds"))),
        "{err:?}"
    );
    assert!(start.elapsed().as_secs() < 5);
    // A looping, inconsistent sector table: refused by the OLE guard before calamine would
    // allocate without end.
    let cycle = std::fs::read(dir.join("xlsx-calamine-cfb-cycle.xls")).unwrap_or_default();
    let err = xlsx.map(|a| {
        a.read(&cycle, &xxgk::model::Limits::default())
            .err()
            .map(|e| e.to_string())
    });
    let err = err.flatten();
    assert!(err.as_deref().is_some_and(|e| e.contains("OLE")), "{err:?}");
    // A far cell, and a DIMENSIONS record declaring 805 million rows: calamine would allocate
    // gigabytes; the OLE guard refuses them from the BIFF records first.
    for (file, outcome) in [
        ("xlsx-calamine-far-cell-a.xls", "corrupt"),
        ("xlsx-calamine-far-cell-b.xls", "limit_exceeded"),
        ("xlsx-calamine-dimensions.xls", "limit_exceeded"),
        ("xlsx-wide-sheet.xls", "limit_exceeded"),
    ] {
        let bytes = std::fs::read(dir.join(file)).unwrap_or_default();
        let got = xlsx.map(|a| {
            a.read(&bytes, &xxgk::model::Limits::default())
                .err()
                .map(|e| e.kind())
        });
        assert_eq!(got, Some(Some(outcome)), "{file}");
    }
}

/// A document of hundreds of thousands of cells (a report has about 400) is refused before its
/// cells are built: text by its separators, HTML by its cell tags, DOCX by its cells as they
/// stream past (each once cost 0.3–3 GB).
#[test]
fn documents_of_too_many_cells_are_refused_early() {
    let tabs = "a\t".repeat(200).repeat(1_000);
    assert_eq!(kind(tabs.as_bytes(), "tabs.txt"), "limit_exceeded");
    let rows = format!(
        "<html><body><table>{}</table></body></html>",
        "<tr><td>1</td><td>2</td></tr>".repeat(60_000)
    );
    assert_eq!(kind(rows.as_bytes(), "rows.html"), "limit_exceeded");
    // A workbook of 150,000 shared strings (calamine keeps them all).
    let strings: String = (0..150_000)
        .map(|i| format!("<si><t>{i}</t></si>"))
        .collect();
    let mut book = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let parts = [
        ("[Content_Types].xml", r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#.to_string()),
        ("xl/workbook.xml", "<workbook/>".to_string()),
        ("xl/sharedStrings.xml", format!("<sst>{strings}</sst>")),
    ];
    for (name, text) in parts {
        let _ = book.start_file(name, zip::write::SimpleFileOptions::default());
        let _ = book.write_all(text.as_bytes());
    }
    let bytes = book.finish().map(|c| c.into_inner()).unwrap_or_default();
    assert_eq!(kind(&bytes, "strings.xlsx"), "limit_exceeded");
    // A text laid out with long runs of spaces (pdftotext -layout) is not many cells.
    let layout = format!("{:>60}{:>60}\n", "予以公开", "12").repeat(3_000);
    assert_ne!(kind(layout.as_bytes(), "layout.txt"), "limit_exceeded");
}
