//! The 54 OFD files of `fixtures/ofd-samples/` (written by real producers: 数科, 金格, 安证通
//! and others; none is an annual report) each read as `outcomes.tsv` says: its text, with a
//! passage that must be found in it in reading order, or its pages as scanned images. None
//! fails, crashes or hangs.

use std::path::PathBuf;
use xxgk_model::{Adapter, Block, Document, Limits};
use xxgk_ofd::OfdAdapter;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/ofd-samples")
}

/// The document's text in reading order: paragraphs, and table rows with cells joined by `|`.
fn text(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => out.push_str(&p.text),
            Block::Table(t) => {
                for row in &t.rows {
                    let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                    out.push_str(&cells.join("|"));
                    out.push('\n');
                }
            }
            Block::Image { alt, .. } => out.push_str(alt),
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_sample_reads_as_its_outcome_says() {
    let list = std::fs::read_to_string(samples().join("outcomes.tsv")).unwrap_or_default();
    let mut checked = 0;
    for line in list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [name, outcome, passage] = fields[..] else {
            panic!("bad line {line:?}")
        };
        let bytes = std::fs::read(samples().join(name)).unwrap_or_default();
        assert!(!bytes.is_empty(), "{name} missing");
        let doc = OfdAdapter
            .read(&bytes, &Limits::default())
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let text = text(&doc);
        let said: Vec<String> = doc
            .diagnostics
            .iter()
            .map(|d| d.message.get(xxgk_model::Lang::Zh).to_string())
            .collect();
        match outcome {
            "text" => assert!(
                text.contains(&passage.replace("\\n", "\n")),
                "{name}: {passage:?} not in\n{text}"
            ),
            "scanned" => assert!(said.iter().any(|d| d.contains(passage)), "{name}: {said:?}"),
            _ => panic!("unknown outcome {outcome}"),
        }
        checked += 1;
    }
    assert_eq!(checked, 54);
}

#[test]
fn a_signed_file_says_so_and_its_content_is_read() {
    let bytes = std::fs::read(samples().join("reader_src_test_resources_SESV4SignDoc.ofd"))
        .unwrap_or_default();
    let doc = OfdAdapter
        .read(&bytes, &Limits::default())
        .unwrap_or_default();
    assert!(text(&doc).contains("你好呀"));
    let said: Vec<&str> = doc
        .diagnostics
        .iter()
        .map(|d| d.message.get(xxgk_model::Lang::Zh))
        .collect();
    assert_eq!(
        said,
        ["文件带有 1 个电子签章或签名（已读取内容，未验证签章）"]
    );
}
