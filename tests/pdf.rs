//! PDF: reports read from their text layer. LibreOffice's PDFs of the layout reports
//! (`fixtures/layouts/*.lo-pdf.pdf`, `fixtures/libreoffice/001.topdf.pdf`) and PDFs of other
//! producers (`fixtures/pdf`: wkhtmltopdf/Qt, cairo via pdftocairo (one with the pages drawn on
//! their side), Ghostscript's pdfwrite,
//! copy-protected files from qpdf) read every value, agency and year; scans, text drawn as
//! outlines and garbled text layers are named and never read as values.

mod common;

use common::*;

#[test]
fn libreoffice_pdfs_read_every_value_agency_and_year() {
    let mut docs = documents("layouts", &["pdf"]);
    docs.push(fixtures().join("libreoffice/001.topdf.pdf"));
    assert_eq!(docs.len(), 9);
    for doc in docs {
        assert_reads_like_truth(&doc);
    }
}

#[test]
fn pdfs_of_other_producers_and_copy_protected_pdfs_read_every_value() {
    let docs: Vec<_> = documents("pdf", &["pdf"])
        .into_iter()
        .filter(|d| fixtures().join("pdf").join(truth_name(d)).exists())
        .collect();
    assert_eq!(docs.len(), 15, "{docs:?}");
    for doc in docs {
        let r = assert_reads_like_truth(&doc);
        assert_eq!(r["adapter"], "pdf");
    }
}

fn truth_name(doc: &std::path::Path) -> String {
    let stem = doc.file_stem().map(|s| s.to_string_lossy().to_string());
    format!("{}.truth.json", stem.unwrap_or_default())
}

#[test]
fn values_name_their_page_table_row_and_cell() {
    let r = parse_json(&fixtures().join("layouts/r5151-000000.lo-pdf.pdf"));
    let source = &r["provenance"]["applications.granted[6]"]["source"];
    assert_eq!(source["kind"], "page", "{source}");
    assert!(source["page"].as_u64().is_some_and(|p| p >= 2), "{source}");
    assert_eq!(source["at"]["kind"], "table_cell", "{source}");
    // A finding's place reads 第N页第1个表格第R行第C格 in the check output.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "--lang", "zh"])
        .arg(fixtures().join("libreoffice/001.topdf.pdf"))
        .output()
        .expect("xxgk runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("page 5 table 2 row 4 cell 1") || text.contains("第5页"),
        "{text}"
    );
}

#[test]
fn a_scanned_pdf_and_text_drawn_as_outlines_are_named_not_read() {
    for name in ["scanned.pdf", "outlines.pdf"] {
        let r = parse_json(&fixtures().join("pdf").join(name));
        assert_eq!(r["metadata"]["image_only"], true, "{name}");
        let c2 = findings(&r, "C2");
        assert_eq!(c2.len(), 3, "{name}");
        assert!(
            c2.iter()
                .all(|f| f["message"].as_str().is_some_and(|m| m.contains("图片"))),
            "{name}: {c2:?}"
        );
        let x1 = findings(&r, "X1");
        assert!(
            x1.iter()
                .any(|f| f["message"].as_str().is_some_and(|m| m.contains("OCR"))),
            "{name}: {x1:?}"
        );
        assert!(table_values(&r).iter().all(|(_, v)| v.is_null()), "{name}");
    }
}

#[test]
fn an_ocr_text_layer_over_a_scan_is_read_and_named() {
    // Invisible text over a page image (what OCR software adds to a scan): read, with an X1
    // saying its values may carry recognition errors.
    let r = parse_json(&fixtures().join("pdf/ocr-layer.pdf"));
    assert_eq!(r["agency"], "某某县人民政府办公室");
    assert!(r["metadata"]["image_only"].is_null());
    let x1 = findings(&r, "X1");
    assert!(
        x1.iter().any(|f| f["message"]
            .as_str()
            .is_some_and(|m| m.contains("OCR 文字层"))),
        "{x1:?}"
    );
}

#[test]
fn a_garbled_text_layer_is_named_and_reads_no_wrong_value() {
    // Ghostscript re-wrote this file's fonts with a wrong Unicode map: every extractor
    // (pdftotext too) reads mojibake.
    let r = parse_json(&fixtures().join("pdf/garbled-tounicode.gs.pdf"));
    let x1 = findings(&r, "X1");
    assert!(
        x1.iter()
            .any(|f| f["message"].as_str().is_some_and(|m| m.contains("乱码"))),
        "{x1:?}"
    );
    let truth = truth_for(&fixtures().join("pdf/001.utf8.wk.pdf"));
    let want: std::collections::BTreeMap<_, _> = table_values(&truth).into_iter().collect();
    for (path, got) in table_values(&r) {
        if !got.is_null() {
            assert_eq!(Some(&got), want.get(&path), "{path}");
        }
    }
}

#[test]
fn a_batch_counts_scans_apart_and_reads_pdfs_in_zips() {
    let dir = std::env::temp_dir().join(format!("xxgk-pdf-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::copy(fixtures().join("pdf/scanned.pdf"), dir.join("scan.pdf")).expect("copy");
    let pdf = std::fs::read(fixtures().join("layouts/r5151-000003.lo-pdf.pdf")).expect("pdf");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("reports/r3.pdf", opts).expect("entry");
    std::io::Write::write_all(&mut zip, &pdf).expect("write");
    let bytes = zip.finish().expect("zip").into_inner();
    std::fs::write(dir.join("downloads.zip"), bytes).expect("zip file");
    let out = dir.join("out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "-q", "--lang", "en", "-o"])
        .arg(&out)
        .arg(dir.join("scan.pdf"))
        .arg(dir.join("downloads.zip"))
        .output()
        .expect("xxgk runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains("files 2, ok 1,") && stdout.contains("scanned 1"),
        "{stdout}"
    );
    let manifest = std::fs::read_to_string(out.join("manifest.csv")).unwrap_or_default();
    assert!(manifest.contains("scan.pdf,pdf,scanned,"), "{manifest}");
    assert!(
        manifest.contains("r3.pdf,pdf,ok,,温州市瓯海区新华街道人民政府,2021"),
        "{manifest}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
