//! Spreadsheets that must fail cleanly, each with its own error kind, and sniffing.

use std::io::{Cursor, Write};
use xxgk_model::{Adapter, Limits, Sniff};
use xxgk_xlsx::XlsxAdapter;
use zip::write::SimpleFileOptions;

fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(*name, SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        zip.write_all(data).unwrap_or_else(|e| panic!("{e}"));
    }
    zip.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
}

fn kind(bytes: &[u8], limits: &Limits) -> &'static str {
    match XlsxAdapter.read(bytes, limits) {
        Err(e) => e.kind(),
        Ok(d) => panic!("expected an error, got {d:?}"),
    }
}

#[test]
fn not_a_spreadsheet_corrupt_and_encrypted() {
    let limits = Limits::default();
    assert_ne!(kind(b"just some text", &limits), "");
    let broken = package(&[("xl/workbook.xml", b"<workbook><sheets><sheet name=")]);
    assert_eq!(kind(&broken, &limits), "corrupt");
    let real = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/xlsx/001.xlsx"
    ))
    .unwrap_or_default();
    assert!(!real.is_empty());
    assert_eq!(kind(&real[..real.len() / 2], &limits), "corrupt");
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend_from_slice(&[0; 512]);
    ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(kind(&ole, &limits), "encrypted");
    assert_eq!(XlsxAdapter.sniff(&ole), Sniff::Maybe);
    assert_eq!(XlsxAdapter.sniff(&real), Sniff::Yes);
    assert_eq!(XlsxAdapter.sniff(b"plain"), Sniff::No);
}

#[test]
fn limits_apply_before_calamine_inflates() {
    let bomb = vec![b'0'; 32 << 20];
    let bytes = package(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", &bomb),
    ]);
    assert_eq!(kind(&bytes, &Limits::default()), "limit_exceeded");
    let few = Limits {
        max_entries: 1,
        ..Limits::default()
    };
    let two = package(&[("xl/workbook.xml", b"<workbook/>"), ("a", b"b")]);
    assert_eq!(kind(&two, &few), "limit_exceeded");
}

#[test]
fn cells_carry_sheet_addresses_and_merges_become_spans() {
    let real = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/xlsx/001.xlsx"
    ))
    .unwrap_or_default();
    let doc = XlsxAdapter
        .read(&real, &Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let xxgk_model::Block::Table(t) = &doc.blocks[0] else {
        panic!("expected a table");
    };
    let merged: Vec<_> = t
        .rows
        .iter()
        .flatten()
        .filter(|c| c.col_span > 1 || c.row_span > 1)
        .collect();
    assert!(
        merged
            .iter()
            .any(|c| c.text == "申请人情况" && c.col_span == 7),
        "{merged:?}"
    );
    assert!(merged
        .iter()
        .any(|c| c.text.contains("本年度办理结果") && c.row_span == 22));
    assert!(
        matches!(&t.rows[0][0].source, xxgk_model::SourceRef::SheetCell { cell, .. } if cell == "A1")
    );
}
