//! `xxgk batch` end to end: a mixed archive built here (DOCX, XLSX, text, a GBK-named entry, a
//! nested zip, a corrupt file, a PNG) plus loose files, checked through every output.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

/// The text outputs compared between two runs.
const OUTPUTS: [&str; 8] = [
    "manifest.csv",
    "values.csv",
    "values.parquet",
    "findings.csv",
    "reports_wide.csv",
    "compare.csv",
    "codebook.csv",
    "reports.jsonl",
];

/// A stored (uncompressed) zip whose entry names are raw bytes with no UTF-8 flag, as archives
/// made on Chinese Windows are.
fn raw_zip(entries: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data) in entries {
        let offset = out.len() as u32;
        let (crc, len, nlen) = (crc32(data), data.len() as u32, name.len() as u16);
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for v in [crc, len, len] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&nlen.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for v in [crc, len, len] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&nlen.to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let (cd_offset, cd_len, n) = (out.len() as u32, central.len() as u32, entries.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Builds the inputs; returns (input dir, number of inputs).
fn build(dir: &Path) -> usize {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("in")).unwrap_or_default();
    let f = fixtures();
    let docx = read(&f.join("docx/003.docx"));
    let broken = docx[..docx.len() / 2].to_vec();
    let inner = raw_zip(&[(b"002.docx".to_vec(), read(&f.join("docx/002.docx")))]);
    let (gbk_name, _, _) = encoding_rs::GBK.encode("肥城市行政审批服务局2023年报.txt");
    let outer = raw_zip(&[
        (b"003.docx".to_vec(), docx),
        (b"001.xlsx".to_vec(), read(&f.join("xlsx/001.xlsx"))),
        (b"004.txt".to_vec(), read(&seed("004"))),
        (gbk_name.to_vec(), read(&seed("002"))),
        (b"inner.zip".to_vec(), inner),
        (b"broken.docx".to_vec(), broken),
        (
            b"scan.png".to_vec(),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec(),
        ),
    ]);
    let w = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join("in").join(name), bytes).unwrap_or_default()
    };
    w("departments.zip", &outer);
    // Consecutive years: 003 (2024) with a 2023 copy whose carried_forward matches; 001 (2022)
    // with a 2023 copy whose carried_over does not.
    let s003 = String::from_utf8(read(&seed("003"))).unwrap_or_default();
    w("jn2024.txt", s003.as_bytes());
    w("jn2023.txt", s003.replace("2024", "2023").as_bytes());
    let s001 = String::from_utf8(read(&seed("001"))).unwrap_or_default();
    w("jx2022.txt", s001.as_bytes());
    let changed = s001.replace("2022", "2023").replace(
        "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t",
        "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\t",
    );
    assert_ne!(changed, s001.replace("2022", "2023"));
    w("jx2023.txt", changed.as_bytes());
    7 + 4
}

fn batch(input: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "--quiet", "--lang", "en"])
        .arg(input)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn csv_rows(p: &Path) -> Vec<Vec<String>> {
    let text = String::from_utf8(read(p)).unwrap_or_default();
    let text = text.trim_start_matches('\u{feff}');
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn a_mixed_archive_is_fully_accounted_for() {
    let dir = std::env::temp_dir().join(format!("xxgk-batch-{}", std::process::id()));
    let n = build(&dir);
    let out = dir.join("out");
    let run = batch(&dir.join("in"), &out);
    assert_eq!(
        run.status.code(),
        Some(2),
        "a corrupt file makes the run exit 2"
    );
    let last = String::from_utf8_lossy(&run.stdout);
    assert!(
        last.contains(&format!("files {n}"))
            && last.contains("failed 2")
            && last.contains("skipped 0"),
        "{last}"
    );

    // Manifest: one row per input, each status right.
    let manifest = csv_rows(&out.join("manifest.csv"));
    assert_eq!(manifest.len(), n);
    let status = |suffix: &str| {
        manifest
            .iter()
            .find(|r| r[0].ends_with(suffix))
            .map(|r| r[2].clone())
            .unwrap_or_else(|| panic!("{suffix} not in manifest: {manifest:?}"))
    };
    assert_eq!(status("broken.docx"), "failed");
    // An image is read as a scan (adapter `image`); this one is cut short.
    assert_eq!(status("scan.png"), "failed");
    // D1 (counted in since the cross-report findings are): of two reports of one agency and
    // year, the first in input order keeps its status and the other is a `duplicate`.
    let copy = |a: &str, b: &str| {
        let at = |s: &str| manifest.iter().position(|r| r[0].ends_with(s));
        let (first, second) = if at(a) < at(b) { (a, b) } else { (b, a) };
        assert_eq!(
            (status(first).as_str(), status(second).as_str()),
            ("findings", "duplicate"),
            "{a} and {b}"
        );
    };
    // Read from the nested zip, and the GBK name decoded: the same agency and year.
    copy("inner.zip!/002.docx", "肥城市行政审批服务局2023年报.txt");
    copy("departments.zip!/003.docx", "jn2024.txt");
    assert!(last.contains("duplicates 2"), "{last}");
    assert_eq!(
        status("departments.zip!/001.xlsx"),
        "findings",
        "table 四 review is blank (C3)"
    );

    // values.csv equals the truth for the DOCX inside the archive.
    let values = csv_rows(&out.join("values.csv"));
    let truth = table_values(&truth_for(&fixtures().join("docx/003.docx")));
    let mine: Vec<&Vec<String>> = values
        .iter()
        .filter(|r| r[0].ends_with("departments.zip!/003.docx"))
        .collect();
    assert_eq!(mine.len(), truth.len());
    for (path, want) in &truth {
        let (table, rest) = path.split_once('.').unwrap_or_default();
        let found = mine.iter().any(|r| {
            r[1] == table
                && (rest.starts_with(&format!("{}[", r[2]))
                    || rest == r[2]
                    || rest == format!("{}.{}", r[2], r[3]))
                && r[4]
                    == want
                        .as_f64()
                        .map(|n| xxgk::model::Num(n).to_string())
                        .unwrap_or_default()
        });
        assert!(found, "{path} = {want} not in values.csv");
    }

    // values.parquet holds SQLite's value rows, typed, in the same order.
    let db = rusqlite::Connection::open(out.join("xxgk.sqlite")).unwrap_or_else(|e| panic!("{e}"));
    type Row = (
        String,
        String,
        String,
        String,
        Option<f64>,
        String,
        String,
        String,
    );
    let stored: Vec<Row> = db
        .prepare("SELECT r.path, v.tbl, v.row_key, v.col_key, v.value, v.text, v.location, v.source FROM report_values v JOIN reports r ON r.id = v.report_id ORDER BY v.rowid")
        .and_then(|mut s| {
            s.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })?
            .collect()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let pq = std::fs::File::open(out.join("values.parquet")).unwrap_or_else(|e| panic!("{e}"));
    let pq = parquet::file::reader::SerializedFileReader::new(pq).unwrap_or_else(|e| panic!("{e}"));
    use parquet::file::reader::FileReader;
    use parquet::record::Field;
    let text = |f: &Field| match f {
        Field::Str(s) => s.clone(),
        other => panic!("{other:?} is not text"),
    };
    let typed: Vec<Row> = pq
        .get_row_iter(None)
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|row| {
            let row = row.unwrap_or_else(|e| panic!("{e}"));
            let f: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
            let value = match f[4] {
                Field::Double(v) => Some(*v),
                Field::Null => None,
                other => panic!("{other:?} is not a value"),
            };
            let t = |i: usize| text(f[i]);
            (t(0), t(1), t(2), t(3), value, t(5), t(6), t(7))
        })
        .collect();
    assert!(stored.len() > 1000, "{}", stored.len());
    assert!(
        stored.iter().any(|r| r.4.is_none()),
        "a value not shown is null"
    );
    assert_eq!(typed, stored);

    // SQLite holds the same values for the spreadsheet.
    let db = rusqlite::Connection::open(out.join("xxgk.sqlite")).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(String, String, Option<f64>)> = db
        .prepare("SELECT v.row_key, v.col_key, v.value FROM report_values v JOIN reports r ON r.id = v.report_id WHERE r.path LIKE '%001.xlsx' AND v.tbl = 'applications' ORDER BY v.rowid")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .unwrap_or_default();
    assert_eq!(got.len(), 175);
    let xlsx_truth = truth_for(&fixtures().join("xlsx/001.xlsx"));
    for (row, col, v) in &got {
        let c = xxgk::model::APP_COLUMNS
            .iter()
            .position(|k| k == col)
            .unwrap_or(9);
        assert_eq!(
            xlsx_truth["applications"][row][c].as_f64(),
            *v,
            "{row}[{col}]"
        );
    }
    let reports: i64 = db
        .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .unwrap_or(0);
    assert_eq!(reports as usize, n);

    // Continuity: fires for 金乡 2022 -> 2023 (changed carried_over), not for 济宁 2023 -> 2024.
    let findings = String::from_utf8(read(&out.join("findings.csv"))).unwrap_or_default();
    let r8: Vec<&str> = findings.lines().filter(|l| l.contains(",R8,")).collect();
    assert_eq!(r8.len(), 2, "{r8:?}");
    assert!(r8
        .iter()
        .all(|l| l.contains("jx2023.txt") && l.contains("jx2022.txt")));
    assert!(!findings
        .lines()
        .any(|l| l.contains(",R8,") && l.contains("jn20")));
    assert!(out.join("xxgk.xlsx").exists() && out.join("reports.jsonl").exists());
    let jsonl = String::from_utf8(read(&out.join("reports.jsonl"))).unwrap_or_default();
    assert_eq!(
        jsonl.lines().count(),
        n - 2,
        "one report per readable input"
    );

    // A second run into the same folder gives the same files; no partial files are left.
    let first: Vec<Vec<u8>> = OUTPUTS.iter().map(|f| read(&out.join(f))).collect();
    batch(&dir.join("in"), &out);
    for (i, f) in OUTPUTS.iter().enumerate() {
        assert_eq!(read(&out.join(f)), first[i], "{f} differs between runs");
    }
    let leftovers = std::fs::read_dir(&out)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(leftovers, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

fn deflated_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        z.write_all(data).unwrap_or_default();
    }
    z.finish().map(|c| c.into_inner()).unwrap_or_default()
}

#[test]
fn hostile_files_fail_without_stopping_the_batch() {
    let dir = std::env::temp_dir().join(format!("xxgk-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap_or_default();
    let f = fixtures();
    let w = |name: &str, bytes: &[u8]| std::fs::write(input.join(name), bytes).unwrap_or_default();
    w("good.docx", &read(&f.join("docx/003.docx")));
    w("good.txt", &read(&seed("004")));
    w("empty.docx", b"");
    w("scan.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    w("renamed.docx", &read(&f.join("libreoffice/003.doc")));
    let bomb = vec![b'a'; 64 << 20];
    w("bomb.docx", &deflated_zip(&[("word/document.xml", &bomb)]));
    let deep = format!(
        "<w:document>{}{}</w:document>",
        "<w:p>".repeat(100_000),
        "</w:p>".repeat(100_000)
    );
    w(
        "deep.docx",
        &deflated_zip(&[("word/document.xml", deep.as_bytes())]),
    );
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend_from_slice(&[0; 512]);
    ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    w("encrypted.docx", &ole);
    w(
        "cycle.xls",
        &read(&f.join("fuzz/xlsx-calamine-cfb-cycle.xls")),
    );
    w("far-cell.xlsx", &read(&f.join("hostile/far-cell.xlsx")));
    w("garbage.xlsx", &read(&f.join("hostile/garbage.xlsx")));
    // 300 entries of 1 MB of zeros: each under the ratio floor, 300 MB from 300 KB in all.
    let mb = vec![0u8; 1 << 20];
    let names: Vec<String> = (0..300).map(|i| format!("{i}.txt")).collect();
    let small: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &mb[..])).collect();
    w("small-bombs.zip", &deflated_zip(&small));
    // An entry that declares 100 bytes and inflates to 8 MB.
    let mut liar = deflated_zip(&[("liar.txt", &vec![b' '; 8 << 20])]);
    for (magic, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        if let Some(i) = liar.windows(4).position(|w| w == magic) {
            liar[i + at..i + at + 4].copy_from_slice(&100u32.to_le_bytes());
        }
    }
    w("liar.zip", &liar);
    let out = dir.join("out");
    let run = batch(&input, &out);
    assert_eq!(run.status.code(), Some(2));
    let manifest = csv_rows(&out.join("manifest.csv"));
    assert_eq!(manifest.len(), 13);
    let row = |name: &str| {
        manifest
            .iter()
            .find(|r| r[0].ends_with(name))
            .cloned()
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    for (name, reason) in [
        ("bomb.docx", "limit exceeded"),
        ("deep.docx", "limit exceeded"),
        ("encrypted.docx", "encrypted"),
        ("empty.docx", "empty"),
        ("cycle.xls", "OLE"),
        ("far-cell.xlsx", "spans 1048576 rows x 16384 columns"),
        ("garbage.xlsx", "binary data"),
        ("scan.xlsx", "PNG"),
        ("small-bombs.zip", "inflate to 314572800 bytes"),
        ("liar.txt", "larger than its declared uncompressed size"),
    ] {
        let r = row(name);
        assert_eq!(r[2], "failed", "{r:?}");
        assert!(r[3..].join(",").contains(reason), "{name}: {r:?}");
    }
    // D1 (the .doc named .docx is the same report): counted in the manifest.
    assert_eq!(row("good.docx")[2], "findings");
    assert_eq!(row("good.txt")[2], "findings");
    // a Word 97-2003 file named .docx is read by its content
    assert_eq!(
        (
            row("renamed.docx")[1].as_str(),
            row("renamed.docx")[2].as_str()
        ),
        ("doc", "duplicate")
    );
    let values = csv_rows(&out.join("values.csv"));
    assert_eq!(
        values
            .iter()
            .filter(|r| r[0].ends_with("good.docx"))
            .count(),
        200
    );
    assert_eq!(
        values.iter().filter(|r| r[0].ends_with("good.txt")).count(),
        200
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn markup_in_names_cannot_break_the_review_page() {
    let tmp = std::env::temp_dir().join(format!("xxgk-inert-{}", std::process::id()));
    let (input, out) = (tmp.join("in"), tmp.join("out"));
    std::fs::create_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));
    let seed = read(&seed("001"));
    for name in ["=HYPERLINK(1).txt", "<!--<script>x.txt"] {
        std::fs::write(input.join(name), &seed).unwrap_or_else(|e| panic!("{e}"));
    }
    let o = batch(&input, &out);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{o:?}");
    assert_eq!(csv_rows(&out.join("manifest.csv")).len(), 2);
    // numbers are never touched
    let values = csv_rows(&out.join("values.csv"));
    assert!(values.iter().all(|r| !r[4].starts_with('\'')));
    // the review page's embedded JSON has no markup that could end or hide its script
    let page = std::fs::read_to_string(out.join("report.html")).unwrap_or_default();
    let data = page
        .split("id=data>")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap_or_default();
    assert!(
        data.contains("\\u003c!--\\u003cscript\\u003e"),
        "{}",
        &data[..data.len().min(300)]
    );
    assert!(!data.contains('<'));
    let _ = std::fs::remove_dir_all(&tmp);
}

/// Every input gets a row with its real reason, whatever it is: links to folders (a loop),
/// FIFOs and devices, repeated entry names, broken and foreign archives, a zip three levels
/// deep, an entry whose header is broken; the output folder inside the input is never read.
#[cfg(unix)]
#[test]
fn every_input_is_a_row_and_the_output_folder_is_not_read() {
    let dir = std::env::temp_dir().join(format!("xxgk-inputs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap_or_default();
    let docx = read(&fixtures().join("docx/003.docx"));
    let w = |name: &str, bytes: &[u8]| std::fs::write(input.join(name), bytes).unwrap_or_default();
    w("good.docx", &docx);
    std::os::unix::fs::symlink(".", input.join("loop")).unwrap_or_default();
    std::os::unix::fs::symlink("/dev/zero", input.join("zero.docx")).unwrap_or_default();
    let fifo = Command::new("mkfifo").arg(input.join("pipe.txt")).status();
    assert!(fifo.is_ok_and(|s| s.success()));
    w(
        "dup.zip",
        &raw_zip(&[
            (b"r.docx".to_vec(), docx.clone()),
            (b"r.docx".to_vec(), docx.clone()),
        ]),
    );
    w("rar.zip", b"Rar!\x1a\x07\x00 not a zip");
    let whole = raw_zip(&[(b"a.docx".to_vec(), docx.clone())]);
    w("cut.zip", &whole[..whole.len() / 2]);
    let level3 = raw_zip(&[(b"deep.docx".to_vec(), docx.clone())]);
    let level2 = raw_zip(&[(b"l3.zip".to_vec(), level3)]);
    w("nest.zip", &raw_zip(&[(b"l2.zip".to_vec(), level2)]));
    let mut bad_header = raw_zip(&[(b"a.docx".to_vec(), docx.clone())]);
    bad_header[0] = b'X'; // the local header signature
    w("badheader.zip", &bad_header);
    // A file name written by a Chinese Windows tool: GB18030 bytes, not UTF-8.
    let (gbk, _, _) = encoding_rs::GBK.encode("肥城市2023年报.docx");
    let gbk_name = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&gbk);
    std::fs::write(input.join(gbk_name), &docx).unwrap_or_default();
    // An entry name past Excel's 32,767-character cell limit.
    let long = format!("{}.docx", "x".repeat(33_000));
    w(
        "long.zip",
        &raw_zip(&[(long.clone().into_bytes(), docx.clone())]),
    );
    let out = input.join("out");
    for _ in 0..2 {
        let run = batch(&input, &out);
        assert_eq!(run.status.code(), Some(2), "{run:?}");
    }
    // The workbook was written; the CSV keeps the whole name.
    assert!(out.join("xxgk.xlsx").metadata().is_ok_and(|m| m.len() > 0));
    let manifest_text = String::from_utf8(read(&out.join("manifest.csv"))).unwrap_or_default();
    assert!(manifest_text.contains(&long));
    let manifest = csv_rows(&out.join("manifest.csv"));
    let row = |name: &str| {
        manifest
            .iter()
            .find(|r| r[0].ends_with(name))
            .cloned()
            .unwrap_or_else(|| panic!("{name} missing: {manifest:?}"))
    };
    for (name, status, reason) in [
        ("in/loop", "skipped", "link to a folder"),
        ("zero.docx", "skipped", "not a regular file"),
        ("pipe.txt", "skipped", "not a regular file"),
        (
            "dup.zip!/(1 entries with repeated names)",
            "failed",
            "repeat the name",
        ),
        ("rar.zip", "failed", "RAR archive"),
        ("cut.zip", "failed", "corrupt zip"),
        ("nest.zip!/l2.zip!/l3.zip", "failed", "limit exceeded"),
        ("badheader.zip!/a.docx", "failed", "local file header"),
    ] {
        let r = row(name);
        assert_eq!(r[2], status, "{r:?}");
        assert!(r[3].contains(reason), "{name}: {r:?}");
    }
    // The same report twice: D1 on both, counted in their rows; the second in input order is
    // the duplicate.
    for (name, status) in [("dup.zip!/r.docx", "findings"), ("good.docx", "duplicate")] {
        let r = row(name);
        assert_eq!((r[2].as_str(), r[7].as_str()), (status, "1"), "{r:?}");
    }
    // The second run did not read the first run's outputs.
    assert!(
        manifest.iter().all(|r| !r[0].contains("/out/")),
        "{manifest:?}"
    );
    assert_eq!(row("肥城市2023年报.docx")[1], "docx");
    assert_eq!(manifest.len(), 12, "{manifest:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A second batch on a busy OUTDIR exits 3 and leaves it alone; a stale lock (its process is
/// gone, or is not xxgk) is taken over; failed inputs are listed on stderr; a missing input path is a failed
/// row, not silence; no staging folder or lock is left behind.
#[test]
fn a_busy_output_folder_is_refused_and_failures_reach_stderr() {
    let dir = std::env::temp_dir().join(format!("xxgk-lock-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap_or_default();
    let lock = out.join(".xxgk.lock");
    // A running xxgk holds it (a worker waiting for work stands in for a batch).
    let mut holder = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("worker")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&lock, holder.id().to_string()).unwrap_or_default();
    let good = fixtures().join("docx/003.docx");
    let run = batch(&good, &out);
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(run.status.code(), Some(3), "{run:?}");
    assert!(String::from_utf8_lossy(&run.stderr).contains("in use by another xxgk batch"));
    assert!(!out.join("manifest.csv").exists());
    // A live process that is not xxgk (PID 1 after a reboot) holds nothing.
    std::fs::write(&lock, "1").unwrap_or_default();
    let run = batch(&good, &out);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    std::fs::write(&lock, "4294967295").unwrap_or_default();
    let missing = dir.join("no-such-folder");
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "--quiet", "-o"])
        .arg(&out)
        .arg(&good)
        .arg(&missing)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("xxgk: 失败：") && stderr.contains("no-such-folder：文件不存在"),
        "{stderr}"
    );
    let manifest = csv_rows(&out.join("manifest.csv"));
    assert_eq!(manifest.len(), 2);
    assert!(!lock.exists() && !out.join(".xxgk-staging").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--resume` continues from the journal an interrupted run left: inputs it records as read are
/// not read again (a.docx is garbage now, yet keeps its recorded row), the input it stopped on
/// fails with that reason, inputs of the chunk in flight are read; the journal is removed once
/// the batch completes.
/// `--resume` takes an input's outcome from the journal only while its content is what was
/// read (a changed file is read again); the input it stopped on fails with that reason.
#[test]
fn a_resumed_batch_skips_what_was_read_and_fails_the_file_it_stopped_on() {
    let dir = std::env::temp_dir().join(format!("xxgk-resume-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (input, out) = (dir.join("in"), dir.join("out"));
    std::fs::create_dir_all(&input).unwrap_or_default();
    std::fs::create_dir_all(&out).unwrap_or_default();
    let docx = read(&fixtures().join("docx/003.docx"));
    for name in ["a.docx", "b.docx", "c.docx"] {
        std::fs::write(input.join(name), &docx).unwrap_or_default();
    }
    let parsed = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["parse", "--compact"])
        .arg(input.join("a.docx"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let report: serde_json::Value = serde_json::from_slice(&parsed.stdout).unwrap_or_default();
    let marked = |mark: &str| {
        let mut r = report.clone();
        r["agency"] = mark.into();
        r
    };
    let shown = |name: &str| input.join(name).to_string_lossy().into_owned();
    let digest = format!("{:08x}-{}", crc32(&docx), docx.len());
    let lines = [
        serde_json::json!({ "chunk": [shown("a.docx"), shown("b.docx"), shown("c.docx")] }),
        serde_json::json!({ "done": shown("a.docx"), "status": "ok", "reason": "",
                            "report": marked("日志里的甲"), "digest": digest }),
        serde_json::json!({ "done": shown("c.docx"), "status": "ok", "reason": "",
                            "report": marked("日志里的丙"), "digest": digest }),
        serde_json::json!({ "one": shown("b.docx") }),
    ];
    let journal: String = lines.iter().map(|l| format!("{l}\n")).collect();
    // The crash cut the last line short.
    std::fs::write(
        out.join(".xxgk-journal.jsonl"),
        format!("{journal}{{\"done\":"),
    )
    .unwrap_or_default();
    // c.docx changed after it was read.
    std::fs::write(
        input.join("c.docx"),
        read(&fixtures().join("docx/001.docx")),
    )
    .unwrap_or_default();
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "--quiet", "--lang", "en", "--resume", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    let manifest = csv_rows(&out.join("manifest.csv"));
    let status = |name: &str| {
        let r = manifest
            .iter()
            .find(|r| r[0].ends_with(name))
            .cloned()
            .unwrap_or_default();
        (r[2].clone(), r[3].clone())
    };
    let (b, why) = status("b.docx");
    assert_eq!(b, "failed");
    assert!(why.contains("stopped on this file"), "{why}");
    let jsonl = String::from_utf8(read(&out.join("reports.jsonl"))).unwrap_or_default();
    assert!(
        jsonl.contains("日志里的甲"),
        "a.docx unchanged: from the journal"
    );
    assert!(!jsonl.contains("日志里的丙"), "c.docx changed: read again");
    assert!(matches!(status("c.docx").0.as_str(), "ok" | "findings"));
    assert!(!out.join(".xxgk-journal.jsonl").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// OUTDIR equal to an input folder, or holding one, is refused before anything is written
/// (the dataset would be read as input next time, and switching it in could replace the
/// inputs); a killed run's staging folder left inside an input folder is never read.
#[cfg(unix)]
#[test]
fn an_output_folder_holding_an_input_is_refused_and_staging_is_never_read() {
    let dir = std::env::temp_dir().join(format!("xxgk-outin-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap_or_default();
    let docx = read(&fixtures().join("docx/003.docx"));
    std::fs::write(input.join("a.docx"), &docx).unwrap_or_default();
    std::fs::write(input.join("sub/b.docx"), &docx).unwrap_or_default();
    for (inp, out) in [
        (input.clone(), input.clone()),
        (input.join("sub"), input.clone()),
    ] {
        let run = batch(&inp, &out);
        assert_eq!(run.status.code(), Some(3), "{run:?}");
        assert!(String::from_utf8_lossy(&run.stderr).contains("choose an output folder"));
        assert!(!input.join("manifest.csv").exists());
    }
    assert!(input.join("a.docx").exists() && input.join("sub/b.docx").exists());
    // A dead run's staging folders, beside and inside an OUTDIR in the input folder.
    for leftover in [".out.xxgk-staging-99999", "out/.xxgk-staging"] {
        std::fs::create_dir_all(input.join(leftover)).unwrap_or_default();
        std::fs::write(input.join(leftover).join("x.docx"), &docx).unwrap_or_default();
    }
    let run = batch(&input, &input.join("out"));
    assert!(matches!(run.status.code(), Some(0 | 1)), "{run:?}");
    let manifest = csv_rows(&input.join("out/manifest.csv"));
    assert_eq!(manifest.len(), 2, "{manifest:?}");
    assert!(
        manifest.iter().all(|r| !r[0].contains("staging")),
        "{manifest:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Names that differ only in bytes that are neither UTF-8 nor GB18030 stay two rows, each
/// byte shown as `\xNN`.
#[cfg(unix)]
#[test]
fn names_with_stray_bytes_stay_apart() {
    use std::os::unix::ffi::OsStrExt;
    let dir = std::env::temp_dir().join(format!("xxgk-bytes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap_or_default();
    let docx = read(&fixtures().join("docx/003.docx"));
    for raw in [&b"r\xff.docx"[..], &b"r\xfe.docx"[..]] {
        let name = std::ffi::OsStr::from_bytes(raw);
        std::fs::write(input.join(name), &docx).unwrap_or_default();
    }
    let run = batch(&input, &dir.join("out"));
    assert!(run.status.code().is_some(), "{run:?}");
    let manifest = csv_rows(&dir.join("out/manifest.csv"));
    let names: Vec<&str> = manifest.iter().map(|r| r[0].as_str()).collect();
    assert!(
        names.iter().any(|n| n.ends_with("r\\xFF.docx")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with("r\\xFE.docx")),
        "{names:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// SIGTERM stops a batch between chunks: exit 143, no staging folder left, the journal kept;
/// `--resume` then completes the dataset.
#[cfg(unix)]
#[test]
fn a_terminated_batch_cleans_up_and_resumes() {
    let dir = std::env::temp_dir().join(format!("xxgk-term-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (input, out) = (dir.join("in"), dir.join("out"));
    std::fs::create_dir_all(&input).unwrap_or_default();
    let docx = read(&fixtures().join("docx/003.docx"));
    let n = 2000;
    for i in 0..n {
        std::fs::write(input.join(format!("{i:04}.docx")), &docx).unwrap_or_default();
    }
    let child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "--quiet", "-o"])
        .arg(&out)
        .arg(&input)
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Wait until it is under way: the journal has its first chunk.
    let journal = out.join(".xxgk-journal.jsonl");
    let start = std::time::Instant::now();
    while !journal.exists() && start.elapsed().as_secs() < 30 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    assert!(kill.is_ok_and(|s| s.success()));
    let done = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(done.status.code(), Some(143), "{done:?}");
    assert!(journal.exists(), "the journal stays for --resume");
    assert!(!out.join("manifest.csv").exists());
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        leftovers.iter().all(|n| !n.contains("staging")),
        "{leftovers:?}"
    );
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "--quiet", "--resume", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(run.status.code(), Some(0 | 1)), "{run:?}");
    assert_eq!(csv_rows(&out.join("manifest.csv")).len(), n);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The READMEs' example queries (Chinese and English), run on the quick start's batch, print
/// what the READMEs show.
#[test]
fn the_readme_sql_examples_print_what_the_readme_says() {
    let root = fixtures().join("..");
    let block = |name: &str| {
        let readme = std::fs::read_to_string(root.join(name)).unwrap_or_default();
        readme
            .split("```sql\n")
            .nth(2)
            .and_then(|b| b.split("```").next())
            .unwrap_or_default()
            .to_string()
    };
    let (zh, en) = (block("README.md"), block("README.en.md"));
    // The same queries and outputs in both (their comments are in either language).
    let code = |b: &str| -> Vec<String> {
        b.lines()
            .filter(|l| !l.starts_with("--") || l.contains('|'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(code(&zh), code(&en));
    let block = zh;
    let dir = std::env::temp_dir().join(format!("xxgk-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(&root)
        .args([
            "batch",
            "-q",
            "fixtures/inconsistent",
            "fixtures/seeds",
            "-o",
        ])
        .arg(dir.join("out"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(run.status.code().is_some_and(|c| c < 3), "{run:?}");
    let db =
        rusqlite::Connection::open(dir.join("out/xxgk.sqlite")).unwrap_or_else(|e| panic!("{e}"));
    let mut queries = 0;
    // Each query is followed by its output as `-- ` lines, up to a blank line.
    for part in block.split("\n\n") {
        let sql: String = part
            .lines()
            .filter(|l| !l.starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        let Some(select) = sql.find("SELECT") else {
            continue;
        };
        let shown: Vec<String> = part
            .lines()
            .skip_while(|l| !l.trim_end().ends_with(';'))
            .filter_map(|l| l.strip_prefix("-- "))
            .map(str::to_string)
            .collect();
        let mut stmt = db
            .prepare(&sql[select..])
            .unwrap_or_else(|e| panic!("{e}: {sql}"));
        let columns = stmt.column_count();
        let got: Vec<String> = stmt
            .query_map([], |row| {
                let cells = (0..columns).map(|i| match row.get_ref(i) {
                    Ok(rusqlite::types::ValueRef::Integer(n)) => n.to_string(),
                    Ok(rusqlite::types::ValueRef::Real(f)) => format!("{f:?}"),
                    Ok(rusqlite::types::ValueRef::Text(t)) => String::from_utf8_lossy(t).into(),
                    _ => String::new(),
                });
                Ok(cells.collect::<Vec<_>>().join("|"))
            })
            .and_then(|rows| rows.collect())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got, shown, "{sql}");
        queries += 1;
    }
    assert_eq!(queries, 3);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Across years and agencies (#26), through the whole batch: an office named without its city
/// in one year's title and with it in the next meets itself (R8 continuity, J1 jump, P1
/// section 五 copied from last year); an office whose name holds the first one's stays apart;
/// another agency printing the same section 五 the same year is a copy too; a rewritten
/// section is not.
#[test]
fn reports_meet_by_agency_across_years_and_copies_are_found() {
    use xxgk::model::{Num, Report};
    use xxgk_render::{render, sample, Target};
    const PROBLEMS: &str = "本机关政府信息公开工作仍存在一些不足：一是主动公开的深度和广度有待加强，部分栏目更新不够及时；二是政策解读形式较为单一，图解、视频等形式运用不多；三是依申请公开答复的规范性有待提高。下一步，我们将加强业务培训，完善工作机制，提高公开质量，切实保障公众知情权、参与权和监督权。";
    const REWRITTEN: &str = "今年我局重点推进了基层政务公开标准化规范化建设，围绕重大建设项目、公共资源配置和社会公益事业建设等领域细化公开目录，新增专栏三个，并通过政务新媒体开展在线访谈两次，群众满意度明显提升。明年将继续深化公开内容，拓展公开渠道，完善解读回应机制，持续提升公开实效。";
    let dir = std::env::temp_dir().join(format!("xxgk-across-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));
    let make = |seed: u64, agency: &str, body: Option<&str>, year: i32, five: &str| {
        let mut r: Report = sample::report(seed);
        r.agency = Some(agency.into());
        r.year = Some(year);
        r.metadata.title = None;
        if let Some(body) = body {
            r.sections[0].text = format!(
                "本报告由{body}根据《中华人民共和国政府信息公开条例》编制。\n{}",
                r.sections[0].text
            );
        }
        r.sections[4].text = five.into();
        r
    };
    let mut a = make(
        1,
        "洪泽区人民政府",
        Some("淮安市洪泽区人民政府"),
        2022,
        PROBLEMS,
    );
    a.active.licensing = Some(Num(12.0));
    let mut b = make(2, "淮安市洪泽区人民政府", None, 2023, PROBLEMS);
    b.active.licensing = Some(Num(100.0));
    // Carried over this year is not what was carried forward last year.
    let forward = a.applications.row(24)[0].map_or(0.0, |n| n.0);
    b.applications.row_mut(1)[0] = Some(Num(forward + 7.0));
    let c = make(3, "洪泽区人民政府办公室", None, 2023, REWRITTEN);
    let d = make(4, "某县财政局", None, 2023, PROBLEMS);
    for (name, r) in [
        ("a.docx", &a),
        ("b.docx", &b),
        ("c.docx", &c),
        ("d.docx", &d),
    ] {
        let bytes = render(Some(r), Target::Docx).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(input.join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = dir.join("out");
    let run = batch(&input, &out);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{run:?}");
    let findings = csv_rows(&out.join("findings.csv"));
    let on = |rule: &str, file: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|r| r[1] == rule && r[0].ends_with(file))
            .map(|r| r.join(","))
            .collect()
    };
    assert!(!on("R8", "b.docx").is_empty(), "R8: {findings:?}");
    assert!(on("R8", "c.docx").is_empty(), "{:?}", on("R8", "c.docx"));
    assert!(
        on("J1", "b.docx").iter().any(|r| r.contains("licensing")),
        "{:?}",
        on("J1", "b.docx")
    );
    let p1_b = on("P1", "b.docx");
    assert!(p1_b.iter().any(|r| r.contains("a.docx")), "{p1_b:?}");
    let p1_d = on("P1", "d.docx");
    assert!(p1_d.iter().any(|r| r.contains("b.docx")), "{p1_d:?}");
    assert!(on("P1", "c.docx").is_empty() && on("P1", "a.docx").is_empty());
    // The key and how it was formed are in the report.
    let jsonl = std::fs::read_to_string(out.join("reports.jsonl")).unwrap_or_default();
    let first: serde_json::Value = jsonl
        .lines()
        .next()
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or_default();
    assert_eq!(first["metadata"]["agency_key"], "淮安市洪泽区人民政府");
    assert_eq!(first["metadata"]["agency_key_from"], "title+body");
    // Where each agency stands: one row per agency and year, last year's beside it, in the
    // CSV, the SQLite table and the 对比 sheet; the page shows the agency's years side by side.
    let compare = csv_rows(&out.join("compare.csv"));
    assert_eq!(compare.len(), 4, "one row per report: {compare:?}");
    let b_row = compare
        .iter()
        .find(|r| r[0].ends_with("b.docx"))
        .unwrap_or_else(|| panic!("{compare:?}"));
    assert_eq!(b_row[2], "淮安市洪泽区人民政府");
    assert_eq!(b_row[3], "county");
    assert!(b_row[6].ends_with("a.docx"), "{b_row:?}");
    let received = |r: &Report| r.applications.row(0)[6].map(|n| n.to_string());
    assert_eq!(Some(b_row[7].clone()), received(&b));
    assert_eq!(Some(b_row[8].clone()), received(&a));
    assert_eq!(b_row[9], "", "one county: no percentile");
    let c_row = compare.iter().find(|r| r[0].ends_with("c.docx"));
    assert_eq!(c_row.map(|r| r[3].as_str()), Some("county_department"));
    let db = rusqlite::Connection::open(out.join("xxgk.sqlite")).unwrap_or_else(|e| panic!("{e}"));
    let previous: String = db
        .query_row(
            "SELECT previous_path FROM compare WHERE agency_key = ?1 AND year = 2023",
            ["淮安市洪泽区人民政府"],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(previous.ends_with("a.docx"));
    // The codebook describes compare.csv's columns too, under the table `compare`.
    let codebook = csv_rows(&out.join("codebook.csv"));
    let header = std::fs::read_to_string(out.join("compare.csv")).unwrap_or_default();
    let header = header
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    for column in header.split(',') {
        assert!(
            codebook.iter().any(|r| r[0] == column && r[1] == "compare"),
            "{column}"
        );
    }
    let page = std::fs::read_to_string(out.join("report.html")).unwrap_or_default();
    let years = page
        .split("<section id=years>")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_default();
    assert!(
        years.contains("a.docx") && years.contains("b.docx") && !years.contains("c.docx"),
        "{years}"
    );
    // `check` over last year's report and this year's: the same checks across them.
    let check = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["check", "--format", format])
            .arg(input.join("a.docx"))
            .arg(input.join("b.docx"))
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let text = String::from_utf8_lossy(&check("text").stdout).to_string();
    let across = text.split("跨报告检查").nth(1).unwrap_or_default();
    for rule in [" R8 ", " J1 ", " P1 "] {
        assert!(across.contains(rule), "{rule}: {text}");
    }
    let json: serde_json::Value = serde_json::from_slice(&check("json").stdout).unwrap_or_default();
    let rules: Vec<&str> = json[1]["findings"]
        .as_array()
        .map(|l| l.iter().filter_map(|f| f["rule"].as_str()).collect())
        .unwrap_or_default();
    assert!(rules.contains(&"R8") && rules.contains(&"J1"), "{json}");
    // A mapping joins what no rule can: the office is then the same agency and year as b.
    let map = dir.join("map.csv");
    std::fs::write(
        &map,
        "name,key\n洪泽区人民政府办公室,淮安市洪泽区人民政府\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mapped = dir.join("mapped");
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "-q", "--agencies"])
        .arg(&map)
        .arg(&input)
        .arg("-o")
        .arg(&mapped)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(run.status.code(), Some(0 | 1)), "{run:?}");
    let manifest = csv_rows(&mapped.join("manifest.csv"));
    let status = |f: &str| {
        manifest
            .iter()
            .find(|r| r[0].ends_with(f))
            .map(|r| r[2].clone())
    };
    assert_eq!(
        status("c.docx").as_deref(),
        Some("duplicate"),
        "{manifest:?}"
    );
    // A mapping with an empty key is refused, naming the line.
    std::fs::write(&map, "name,key\n洪泽区人民政府办公室,\n").unwrap_or_else(|e| panic!("{e}"));
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "-q", "--agencies"])
        .arg(&map)
        .arg(&input)
        .arg("-o")
        .arg(dir.join("refused"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("第 2 行"),
        "{run:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_reviewers_corrections_make_the_dataset_and_are_named() {
    let dir = std::env::temp_dir().join(format!("xxgk-corrections-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = fixtures().join("inconsistent/inc01.R3-granted.docx");
    let name = file.display().to_string();
    // As the workbench keeps them: 19 granted, where the applicants add up to 18.
    let fixes = serde_json::json!({ &name: [{
        "value": "applications.granted.total", "old": null, "new": 18,
        "reason": "原件为18", "time": "2026-12-02T14:30:00Z"
    }]});
    let path = dir.join("corrections.json");
    std::fs::write(&path, fixes.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let run = |fixes: &Path, out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["batch", "--quiet", "--corrections"])
            .arg(fixes)
            .arg(&file)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = dir.join("out");
    let done = run(&path, &out);
    assert_eq!(done.status.code(), Some(0), "no error left: {done:?}");
    let rules: Vec<String> = csv_rows(&out.join("findings.csv"))
        .into_iter()
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(rules, ["K1"], "R2 and R3 gone, the correction named");
    let values = csv_rows(&out.join("reports_wide.csv"));
    let at = xxgk::model::codebook()
        .iter()
        .position(|c| c.name == "applications.granted.total")
        .unwrap_or_default();
    assert_eq!(values[0][5 + at], "18");
    let jsonl = std::fs::read_to_string(out.join("reports.jsonl")).unwrap_or_default();
    assert!(jsonl.contains(
        "\"corrections\":[{\"value\":\"applications.granted.total\",\"old\":19,\"new\":18"
    ));
    // A file that is not corrections is refused, named.
    std::fs::write(&path, "[1,2").unwrap_or_else(|e| panic!("{e}"));
    let refused = run(&path, &dir.join("refused"));
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("corrections.json"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every output file of a batch over the fixtures, byte for byte, as `fixtures/batch-outputs.tsv`
/// records it (size and CRC-32 of each): the batch engine may be rebuilt for speed, never change
/// what it writes by accident. The workbook's creation time comes from SOURCE_DATE_EPOCH, so the
/// same inputs give the same bytes. After a change on purpose, record the new outputs with
/// `XXGK_BLESS=1 cargo test --test batch` and say why in the commit.
#[test]
fn a_batch_over_the_fixtures_writes_the_recorded_bytes() {
    let root = fixtures().join("..");
    let out = std::env::temp_dir().join(format!("xxgk-golden-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let inputs = [
        "fixtures/docx",
        "fixtures/xlsx",
        "fixtures/seeds",
        "fixtures/html",
        "fixtures/inconsistent",
        "fixtures/pdf",
        "fixtures/ofd",
    ];
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .current_dir(&root)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .args(["batch", "--quiet", "--lang", "zh"])
        .args(inputs)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(run.status.code().is_some_and(|c| c <= 1), "{run:?}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut got =
        String::from("# file\tbytes\tcrc32 (tests/batch.rs: a batch over the fixtures)\n");
    for name in &names {
        let bytes = read(&out.join(name));
        got.push_str(&format!("{name}\t{}\t{:08x}\n", bytes.len(), crc32(&bytes)));
    }
    let _ = std::fs::remove_dir_all(&out);
    let recorded = fixtures().join("batch-outputs.tsv");
    if std::env::var_os("XXGK_BLESS").is_some() {
        std::fs::write(&recorded, &got).unwrap_or_else(|e| panic!("{e}"));
    }
    let want = std::fs::read_to_string(&recorded).unwrap_or_default();
    assert_eq!(names.len(), xxgk_batch::OUTPUT_FILES.len(), "{names:?}");
    assert_eq!(got, want, "the batch's outputs changed");
}
