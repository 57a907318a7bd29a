//! Word 97–2003 `.doc` read directly: LibreOffice-written reports value by value, parity with
//! the same report saved as `.docx`, and refusals that say exactly what a file is.

mod common;

use common::*;

#[test]
fn every_doc_value_equals_truth_with_agency_and_year() {
    let mut docs = documents("layouts", &["doc"]);
    docs.extend(documents("libreoffice", &["doc"]));
    assert_eq!(docs.len(), 9);
    for doc in docs {
        let r = assert_reads_like_truth(&doc);
        assert_eq!(r["adapter"], "doc", "{}", doc.display());
        assert_eq!(r["sections"].as_array().map(Vec::len), Some(6));
    }
}

#[test]
fn a_doc_reads_as_its_docx_twin() {
    let f = fixtures().join("libreoffice");
    let doc = parse_json(&f.join("003.doc"));
    let docx = parse_json(&f.join("003.lo.docx"));
    assert_eq!(table_values(&doc), table_values(&docx));
    for key in ["agency", "year", "format"] {
        assert_eq!(doc[key], docx[key], "{key}");
    }
    let headings = |r: &serde_json::Value| -> Vec<serde_json::Value> {
        r["sections"]
            .as_array()
            .map(|s| s.iter().map(|x| x["heading"].clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(headings(&doc), headings(&docx));
    // a cell's place names its table, row and cell, as for DOCX
    let source = &doc["provenance"]["applications.granted[0]"]["source"];
    assert_eq!(source["kind"], "table_cell", "{source}");
}

fn parse_err(bytes: &[u8], name: &str) -> String {
    let registry = xxgk::Registry::with_builtin();
    match xxgk::parse_bytes(
        &registry,
        bytes,
        std::path::Path::new(name),
        &xxgk::ParseOptions::default(),
    ) {
        Ok(_) => panic!("{name} was read"),
        Err(e) => e.to_string(),
    }
}

/// The byte offset of the WordDocument stream's FIB in a compound file (its signature at a
/// sector boundary).
fn fib_offset(bytes: &[u8]) -> usize {
    (512..bytes.len())
        .step_by(512)
        .find(|&o| bytes[o..].starts_with(&[0xEC, 0xA5]))
        .unwrap_or_else(|| panic!("no FIB"))
}

#[test]
fn encrypted_and_old_word_files_are_named_exactly() {
    let original = std::fs::read(fixtures().join("libreoffice/003.doc")).unwrap_or_default();
    let fib = fib_offset(&original);
    let mut encrypted = original.clone();
    encrypted[fib + 0x0B] |= 0x01; // fEncrypted: bit 8 of the little-endian flags word at 0x0A
    let e = parse_err(&encrypted, "x.doc");
    assert!(e.contains("encrypted"), "{e}");
    let mut word95 = original.clone();
    word95[fib + 2] = 0x68; // nFib of Word 95
    word95[fib + 3] = 0x00;
    let e = parse_err(&word95, "x.doc");
    assert!(e.contains("Word 6.0/95"), "{e}");
}

#[test]
fn damaged_doc_files_fail_cleanly() {
    let original = std::fs::read(fixtures().join("libreoffice/003.doc")).unwrap_or_default();
    for cut in [600, 5_000, original.len() / 2, original.len() - 100] {
        let registry = xxgk::Registry::with_builtin();
        let _ = xxgk::parse_bytes(
            &registry,
            &original[..cut],
            std::path::Path::new("cut.doc"),
            &xxgk::ParseOptions::default(),
        );
    }
    // bytes flipped all over the file: read or refused, never a panic or a hang
    let mut state = 0x2545_F491_u32;
    for _ in 0..300 {
        let mut bytes = original.clone();
        for _ in 0..8 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let at = state as usize % bytes.len();
            bytes[at] = (state >> 8) as u8;
        }
        let registry = xxgk::Registry::with_builtin();
        let _ = xxgk::parse_bytes(
            &registry,
            &bytes,
            std::path::Path::new("flipped.doc"),
            &xxgk::ParseOptions::default(),
        );
    }
}

#[test]
fn tracked_deletions_are_not_content() {
    // DOCX fixtures with tracked changes, saved as .doc by LibreOffice: wrong old numbers are
    // deleted revisions, and the truth is the "accept all changes" view, as for DOCX.
    let docs = documents("doc", &["doc"]);
    assert_eq!(docs.len(), 2);
    for doc in docs {
        let r = parse_json(&doc);
        assert_matches_truth(&doc, &r);
        let prose = serde_json::to_string(&r["sections"]).unwrap_or_default();
        assert!(
            !prose.contains("999件"),
            "{}: deleted prose read",
            doc.display()
        );
    }
}
