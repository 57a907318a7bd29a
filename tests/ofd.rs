//! OFD: reports read from their text objects. `fixtures/ofd/` holds OFDs of the PDF fixtures'
//! reports made by a second writer (`scripts/make_ofd_fixtures.py`: a glyph per text object,
//! a CTM each, rules as filled bars, no namespace prefix), in the PDFs' own layouts
//! (LibreOffice, wkhtmltopdf, cairo, Ghostscript, one drawn on its side): every value, agency
//! and year. `xxgk render --to ofd`'s own OFDs are covered by the round trips in
//! `tests/render.rs`. Batch and check treat OFD as PDF: page-cell places, scans counted apart.

mod common;

use common::*;
use std::process::Command;

#[test]
fn ofds_of_a_second_writer_read_every_value_agency_and_year() {
    let docs = documents("ofd", &["ofd"]);
    assert_eq!(docs.len(), 24, "{docs:?}");
    for doc in docs {
        let r = assert_reads_like_truth(&doc);
        assert_eq!(r["adapter"], "ofd");
    }
}

#[test]
fn values_name_their_page_table_row_and_cell() {
    let doc = fixtures().join("ofd/r5151-000000.lo-pdf.pdf2ofd.ofd");
    let r = parse_json(&doc);
    let source = &r["provenance"]["applications.granted[6]"]["source"];
    assert_eq!(source["kind"], "page", "{source}");
    assert!(source["page"].as_u64().is_some_and(|p| p >= 2), "{source}");
    assert_eq!(source["at"]["kind"], "table_cell", "{source}");
    // The same place as the PDF it was made from.
    let pdf = parse_json(&fixtures().join("layouts/r5151-000000.lo-pdf.pdf"));
    assert_eq!(
        source, &pdf["provenance"]["applications.granted[6]"]["source"],
        "the OFD's place is the PDF's"
    );
}

#[test]
fn a_batch_reads_ofds_and_counts_a_scanned_one_apart() {
    let dir = std::env::temp_dir().join(format!("xxgk-ofd-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));
    let copy = |from: &str, to: &str| {
        std::fs::copy(fixtures().join(from), input.join(to)).unwrap_or_else(|e| panic!("{e}"));
    };
    copy("ofd/001.utf8.wk.pdf2ofd.ofd", "report.ofd");
    copy(
        "ofd-samples/converter_src_test_resources_V4RideRight.ofd",
        "scan.ofd",
    );
    copy(
        "ofd-samples/converter_src_test_resources_n.ofd",
        "notice.ofd",
    );
    let out = dir.join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "--quiet", "--lang", "en"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let last = String::from_utf8_lossy(&run.stdout);
    assert!(last.contains("files 3"), "{last}");
    let manifest = std::fs::read_to_string(out.join("manifest.csv")).unwrap_or_default();
    let status = |name: &str| {
        manifest
            .lines()
            .find(|l| l.contains(name))
            .and_then(|l| l.split(',').nth(2))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        ["ok", "findings"].contains(&status("report.ofd").as_str()),
        "{manifest}"
    );
    assert_eq!(status("scan.ofd"), "scanned", "{manifest}");
    assert_eq!(status("notice.ofd"), "skipped", "{manifest}");
    let _ = std::fs::remove_dir_all(&dir);
}
