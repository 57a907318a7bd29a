//! Hand-built DOCX files, one per WordprocessingML construct the adapter must handle, plus
//! hostile and broken packages that must fail cleanly with a distinct error.

use std::io::{Cursor, Write};
use xxgk_docx::DocxAdapter;
use xxgk_model::{Adapter, Block, Document, Limits, ReadError, Sniff};
use zip::write::SimpleFileOptions;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(*name, SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        zip.write_all(data).unwrap_or_else(|e| panic!("{e}"));
    }
    zip.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
}

fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    );
    package(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", xml.as_bytes()),
    ])
}

fn read(body: &str) -> Document {
    DocxAdapter
        .read(&docx(body), &Limits::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn paragraphs(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.clone()),
            _ => None,
        })
        .collect()
}

fn first_table(doc: &Document) -> &xxgk_model::Table {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no table in {doc:?}"))
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

/// A table cell with these properties, holding one run.
fn cell(props: &str, text: &str) -> String {
    format!(
        "<w:tc><w:tcPr>{props}</w:tcPr><w:p>{}</w:p></w:tc>",
        run(text)
    )
}

#[test]
fn runs_tabs_breaks_symbols_are_joined() {
    let body = format!(
        "<w:p>{}<w:proofErr/>{}<w:r><w:tab/><w:t>3</w:t><w:br/><w:t>&lt;x&gt; &#x4E00;</w:t><w:sym w:font=\"Symbol\" w:char=\"0041\"/></w:r></w:p>",
        run("行政"),
        run("许可")
    );
    assert_eq!(paragraphs(&read(&body)), vec!["行政许可\t3\n<x> 一A"]);
}

#[test]
fn content_controls_hyperlinks_and_fields_read_their_result() {
    let body = format!(
        r#"<w:sdt><w:sdtContent><w:p>{a}</w:p></w:sdtContent></w:sdt>
        <w:p><w:hyperlink>{b}</w:hyperlink></w:p>
        <w:p><w:fldSimple w:instr="PAGE">{c}</w:fldSimple></w:p>
        <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{d}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        a = run("控件"),
        b = run("链接"),
        c = run("7"),
        d = run("结果")
    );
    assert_eq!(paragraphs(&read(&body)), vec!["控件", "链接", "7", "结果"]);
}

#[test]
fn tracked_changes_keep_insertions_only() {
    let body = format!(
        r#"<w:p><w:del><w:r><w:delText>全部</w:delText></w:r></w:del><w:ins>{}</w:ins>{}<w:moveFrom>{}</w:moveFrom><w:moveTo>{}</w:moveTo></w:p>
        <w:p><w:del><w:r><w:delText>收到999件</w:delText></w:r></w:del></w:p>"#,
        run("予以"),
        run("公开"),
        run("旧"),
        run("新")
    );
    let doc = read(&body);
    assert_eq!(paragraphs(&doc), vec!["予以公开新"]);
}

#[test]
fn properties_are_skipped_whole_whatever_they_hold() {
    // Formatting changes tracked inside the properties hold properties of the same name;
    // a comment there sends the reader through them event by event; both read the same.
    let change = r#"<w:rPr><w:b/><w:rPrChange w:id="1"><w:rPr><w:i/><w:t>不是正文</w:t></w:rPr></w:rPrChange></w:rPr>"#;
    let para = r#"<w:pPr><w:jc w:val="center"/><w:pPrChange w:id="2"><w:pPr><w:ind w:left="2"/></w:pPr></w:pPrChange><w:rPr/></w:pPr>"#;
    let comment = r#"<w:rPr><!-- </w:rPr> --><w:sz w:val="24"/></w:rPr>"#;
    let body = format!(
        r#"<w:p>{para}<w:r>{change}<w:t>收到</w:t></w:r><w:r>{comment}<w:t>申请</w:t></w:r><w:r><w:rPr/><w:t>3件</w:t></w:r></w:p><w:p><w:r><w:rPr><w:rFonts w:ascii="x>y"/></w:rPr><w:t>其后</w:t></w:r></w:p>"#
    );
    assert_eq!(paragraphs(&read(&body)), vec!["收到申请3件", "其后"]);
    // A quoted value holding `/>` or `>` ends no tag, nested or not.
    let quoted = r#"<w:p><w:r><w:rPr><w:rPrChange><w:rPr w:x="/>"><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>A</w:t></w:r><w:r><w:rPr><w:rPrChange><w:rPr w:x=">"/></w:rPrChange></w:rPr><w:t>B</w:t></w:r><w:r><w:rPr w:y="/>"></w:rPr><w:t>C</w:t></w:r></w:p>"#;
    assert_eq!(paragraphs(&read(quoted)), vec!["ABC"]);
    // Line ends inside tags; an unclosed element leaves the rest to the event walk, which
    // says where the document breaks.
    let spaced = "<w:p><w:r><w:rPr\n><w:rPrChange><w:rPr\n w:x=\"1\"\n></w:rPr\n></w:rPrChange></w:rPr\n><w:t>甲</w:t></w:r></w:p>";
    assert_eq!(paragraphs(&read(spaced)), vec!["甲"]);
    let unclosed = r#"<w:p><w:r><w:rPr><w:b/><w:t>乙</w:t></w:r></w:p>"#;
    let xml = format!(r#"<w:document {W}><w:body>{unclosed}</w:body></w:document>"#);
    let e = read_err(
        &package(&[("word/document.xml", xml.as_bytes())]),
        &Limits::default(),
    );
    assert_eq!(e.kind(), "corrupt", "{e}");
    // An error after skipped properties is placed at its byte in the part.
    let broken = format!(r#"<w:p><w:r>{change}<w:t>收到</w:t></w:r></w:q>"#);
    let xml = format!(r#"<w:document {W}><w:body>{broken}</w:body></w:document>"#);
    let at = xml.find("</w:q>").unwrap_or_default();
    let e = read_err(
        &package(&[("word/document.xml", xml.as_bytes())]),
        &Limits::default(),
    );
    let shown = e.to_string();
    let near = (at..=at + 6).any(|b| shown.contains(&format!("byte {b}:")));
    assert!(near, "{shown} (the end tag is at byte {at})");
}

#[test]
fn alternate_content_is_read_once_and_text_boxes_join_their_paragraph() {
    let body = format!(
        r#"<w:p>{}<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p>{}</w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>{}</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        run("标题"),
        run("框内"),
        run("框内")
    );
    assert_eq!(paragraphs(&read(&body)), vec!["标题\n框内"]);
}

#[test]
fn merged_cells_become_spans_and_nested_tables_stay_tables_in_their_cell() {
    let nested = format!(
        "<w:tc><w:tbl><w:tr>{}</w:tr></w:tbl><w:p>{}</w:p></w:tc>",
        cell("", "内"),
        run("外")
    );
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        cell(r#"<w:gridSpan w:val="2"/>"#, "申请人情况"),
        cell(r#"<w:vMerge w:val="restart"/>"#, "总计"),
        cell(r#"<w:vMerge w:val="restart"/>"#, "三、本年度办理结果"),
        cell("", "（一）予以公开"),
        cell("<w:vMerge/>", ""),
        cell(r#"<w:vMerge w:val="continue"/>"#, ""),
        cell("", "（二）部分公开"),
        nested,
    );
    let doc = read(&body);
    let t = first_table(&doc);
    assert_eq!(t.rows[0].len(), 2);
    assert_eq!(
        (
            t.rows[0][0].col_span,
            t.rows[0][1].col,
            t.rows[0][1].row_span
        ),
        (2, 2, 2)
    );
    assert_eq!(t.rows[1][0].text, "三、本年度办理结果");
    assert_eq!(t.rows[1][0].row_span, 2);
    assert_eq!(t.rows[1].len(), 2, "the continued 总计 cell is not emitted");
    assert_eq!(t.rows[2].len(), 2);
    assert_eq!(
        (t.rows[2][0].text.as_str(), t.rows[2][0].col),
        ("（二）部分公开", 1)
    );
    // the cell's own text, and its content in order: the nested table, then the paragraph
    assert_eq!(t.rows[2][1].text, "外");
    let inner = match t.rows[2][1].blocks.first() {
        Some(Block::Table(inner)) => inner,
        other => panic!("{other:?}"),
    };
    assert_eq!(inner.rows[0][0].text, "内");
    assert!(matches!(t.rows[2][1].blocks.get(1), Some(Block::Paragraph(p)) if p.text == "外"));
    assert!(t.is_container(), "a table holding a table lays out a page");
    assert_eq!(
        t.rows[2][1].source,
        xxgk_model::SourceRef::TableCell {
            table: 1,
            row: 3,
            col: 3
        }
    );
}

#[test]
fn a_cells_merges_before_a_tracked_change_are_not_its_merges_now() {
    // Cells merged and unmerged with changes tracked: the old properties follow the new ones
    // inside `w:tcPrChange` and must not undo them (a span of 1, a merge with the cell above).
    let change = |old: &str| {
        format!(r#"<w:tcPrChange w:id="7" w:author="审核"><w:tcPr>{old}</w:tcPr></w:tcPrChange>"#)
    };
    let body = format!(
        "<w:tbl><w:tr>{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell(
            &format!(
                r#"<w:gridSpan w:val="2"/>{}"#,
                change(r#"<w:gridSpan w:val="1"/>"#)
            ),
            "申请人情况"
        ),
        cell(&change("<w:vMerge/>"), "自然人"),
        cell("", "法人")
    );
    let doc = read(&body);
    let t = first_table(&doc);
    assert_eq!((t.rows[0][0].col_span, t.rows[0][0].row_span), (2, 1));
    assert_eq!(t.rows[1].len(), 2);
    assert_eq!(t.rows[1][0].text, "自然人");
}

/// `depth` tables, each the only cell of the one around it; the innermost holds `inside`.
fn nested_tables(depth: usize, inside: &str) -> String {
    let open = "<w:tbl><w:tr><w:tc>".repeat(depth);
    let close = "<w:p/></w:tc></w:tr></w:tbl>".repeat(depth);
    format!("{open}{inside}{close}")
}

#[test]
fn three_deep_nesting_keeps_the_innermost_table_and_its_path() {
    let cell = |text: &str| format!("<w:tc><w:p>{}</w:p></w:tc>", run(text));
    let data = format!(
        "<w:p>{}</w:p><w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        run("二、主动公开政府信息情况"),
        cell("行政许可"),
        cell("7")
    );
    let doc = read(&nested_tables(2, &data));
    let outer = first_table(&doc);
    assert!(outer.is_container());
    let Some(Block::Table(middle)) = outer.rows[0][0].blocks.first() else {
        panic!("{:?}", outer.rows[0][0]);
    };
    let cell = &middle.rows[0][0];
    assert!(matches!(&cell.blocks[0], Block::Paragraph(p) if p.text == "二、主动公开政府信息情况"));
    let Some(Block::Table(innermost)) = cell.blocks.get(1) else {
        panic!("{cell:?}");
    };
    assert_eq!(innermost.rows[0][1].text, "7");
    assert_eq!(
        innermost.rows[0][1].source.describe(xxgk_model::Lang::Zh),
        "第1个表格第1行第1格 › 第2个表格第1行第1格 › 第3个表格第1行第2格"
    );
}

#[test]
fn nesting_past_the_depth_limit_is_refused_clearly() {
    // 100 nested tables are 300 levels of XML (tbl, tr, tc): past the limit of 256.
    let bytes = docx(&nested_tables(100, "<w:p/>"));
    let e = read_err(&bytes, &Limits::default());
    assert_eq!(e.kind(), "limit_exceeded");
    assert!(e.to_string().contains("nesting depth"), "{e}");
    // 60 are read, whatever they hold
    let doc = read(&nested_tables(60, &format!("<w:p>{}</w:p>", run("深"))));
    assert!(first_table(&doc).is_container());
}

#[test]
fn pictures_become_image_blocks() {
    let doc = read("<w:p><w:r><w:drawing/></w:r></w:p>");
    assert!(matches!(doc.blocks.as_slice(), [Block::Image { .. }]));
}

#[test]
fn sniffing_tells_docx_from_other_zips() {
    assert_eq!(DocxAdapter.sniff(&docx("<w:p/>")), Sniff::Yes);
    assert_eq!(
        DocxAdapter.sniff(&package(&[("xl/workbook.xml", b"<x/>")])),
        Sniff::No
    );
    assert_eq!(DocxAdapter.sniff(b"plain text"), Sniff::No);
}

fn read_err(bytes: &[u8], limits: &Limits) -> ReadError {
    match DocxAdapter.read(bytes, limits) {
        Err(e) => e,
        Ok(d) => panic!("expected an error, got {d:?}"),
    }
}

#[test]
fn broken_and_foreign_files_fail_with_distinct_errors() {
    let limits = Limits::default();
    assert_eq!(
        read_err(b"not a zip at all", &limits).kind(),
        "not_this_format"
    );
    let no_doc = package(&[("xl/workbook.xml", b"<x/>")]);
    assert_eq!(read_err(&no_doc, &limits).kind(), "not_this_format");
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend_from_slice(&[0; 512]);
    assert_eq!(
        read_err(&ole, &limits).kind(),
        "unsupported",
        "a .doc renamed .docx"
    );
    let needle: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    ole.extend_from_slice(&needle);
    assert_eq!(read_err(&ole, &limits).kind(), "encrypted");
    let whole = docx(&"<w:p><w:r><w:t>正文</w:t></w:r></w:p>".repeat(200));
    let truncated = &whole[..whole.len() / 2];
    assert_eq!(read_err(truncated, &limits).kind(), "corrupt");
    let unclosed = package(&[(
        "word/document.xml",
        format!("<w:document {W}><w:body><w:p>").as_bytes(),
    )]);
    assert_eq!(read_err(&unclosed, &limits).kind(), "corrupt");
    // Bytes that are not UTF-8 (here GBK) in a run's text: refused, saying so.
    let mut xml = format!("<w:document {W}><w:body><w:p><w:r><w:t>").into_bytes();
    xml.extend_from_slice(b"\xb1\xa8\xb8\xe6</w:t></w:r></w:p></w:body></w:document>");
    let gbk = package(&[("word/document.xml", &xml)]);
    let e = read_err(&gbk, &limits);
    assert_eq!(e.kind(), "corrupt");
    assert!(e.to_string().contains("UTF-8"), "{e}");
}

#[test]
fn a_zip_bomb_hits_the_limits_fast() {
    let bomb = vec![b'a'; 64 << 20];
    let bytes = package(&[("word/document.xml", &bomb)]);
    assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
    let start = std::time::Instant::now();
    let e = read_err(&bytes, &Limits::default());
    assert_eq!(e.kind(), "limit_exceeded", "{e}");
    let tight = Limits {
        max_entry_bytes: 1 << 20,
        ..Limits::default()
    };
    assert_eq!(read_err(&bytes, &tight).kind(), "limit_exceeded");
    assert!(start.elapsed().as_secs() < 20);
}

#[test]
fn a_document_part_is_bounded_like_a_text_file() {
    // `document.xml` is text: over `max_text_bytes` it is refused before it is inflated (a
    // 100 MB part cost 271 MB and 1.6 s; a report's part is well under 1 MB).
    let xml = format!(
        "<w:document {W}><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
        "年度报告".repeat(1000)
    );
    let bytes = package(&[("word/document.xml", xml.as_bytes())]);
    let tight = Limits {
        max_text_bytes: 4_000,
        ..Limits::default()
    };
    let e = read_err(&bytes, &tight);
    assert_eq!(e.kind(), "limit_exceeded", "{e}");
    assert!(e.to_string().contains("word/document.xml"), "{e}");
    assert!(DocxAdapter.read(&bytes, &Limits::default()).is_ok());
}

#[test]
fn deep_nesting_hits_the_depth_limit() {
    let depth = 100_000;
    let xml = format!(
        "<w:document {W}><w:body>{}{}</w:body></w:document>",
        "<w:sdt>".repeat(depth),
        "</w:sdt>".repeat(depth)
    );
    let bytes = package(&[("word/document.xml", xml.as_bytes())]);
    let e = read_err(&bytes, &Limits::default());
    assert_eq!(e.kind(), "limit_exceeded");
    assert!(e.to_string().contains("nesting"), "{e}");
}

#[test]
fn too_many_entries_are_refused() {
    let names: Vec<String> = (0..50).map(|i| format!("x/{i}.xml")).collect();
    let mut entries: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), b"<x/>" as &[u8]))
        .collect();
    let doc = format!("<w:document {W}><w:body/></w:document>");
    entries.push(("word/document.xml", doc.as_bytes()));
    let limits = Limits {
        max_entries: 10,
        ..Limits::default()
    };
    assert_eq!(
        read_err(&package(&entries), &limits).kind(),
        "limit_exceeded"
    );
}

#[test]
fn dtd_entities_are_not_expanded() {
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document {W}><w:body><w:p><w:r><w:t>x&b;y</w:t></w:r></w:p></w:body></w:document>"#
    );
    let bytes = package(&[("word/document.xml", xml.as_bytes())]);
    let doc = DocxAdapter
        .read(&bytes, &Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(paragraphs(&doc), vec!["xy"]);
}
