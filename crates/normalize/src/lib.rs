//! Normalizer and validator: `Document -> Report`, then `Report -> findings`.
//!
//! One code path for every file format: tables are found by their row and column labels (the
//! format is fixed by law, so labels are the anchor, not positions), tolerating split runs,
//! merged cells, full-width digits, blank/—/"/"/无 cells, tables split across pages, shifted
//! cells and wrong section numbering.
//!
//! **Architecture invariant:** knows the national format and nothing about file formats; it
//! never sees bytes, zip or XML.

pub mod agency;
pub mod cross;
mod flow;
mod fold;
mod labels;
mod meta;
mod msg;
mod notes;
mod number;
mod phrases;
mod rules;
pub mod standing;
mod stream;
mod tables;
mod template;

pub use fold::fold;
pub use number::{parse_cell, CellValue};
pub use rules::k1::correct;
pub use rules::{operands, validate, RULES};

use xxgk_model::{Document, Finding, Lang, Report};

/// What the normalizer needs besides the document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Language of finding messages.
    pub lang: Lang,
    /// The file name, for agency and year when the content has no title.
    pub file_name: Option<String>,
}

/// Builds the Report from a Document: metadata, sections, the three tables, provenance, and
/// the findings of extraction and completeness. Arithmetic rules are [`validate`]'s job.
pub fn normalize(doc: &Document, opts: &Options) -> Report {
    let mut report = Report {
        file: opts.file_name.clone(),
        ..Report::default()
    };
    let mut findings: Vec<Finding> = Vec::new();
    let items = stream::flatten(doc);
    meta::read_metadata(&items, opts, &mut report, &mut findings);
    tables::read_tables(&items, opts.lang, &mut report, &mut findings);
    meta::read_prose_figures(&mut report);
    report.metadata.image_only = meta::image_only(&items);
    report.metadata.recognised = report.provenance.values().any(|p| p.recognised.is_some());
    rules::completeness(&items, opts.lang, &report, &mut findings);
    rules::x1::check(doc, opts.lang, &mut findings);
    report.findings = findings;
    report
}

/// Normalizes and validates: the Report with every finding, in a stable order.
pub fn process(doc: &Document, opts: &Options) -> Report {
    let mut report = normalize(doc, opts);
    report.scrub_controls();
    let mut more = validate(&report, opts.lang);
    report.findings.append(&mut more);
    // Every finding about a row or column carries its label as printed, for people.
    for f in &mut report.findings {
        if let (None, Some(t), Some(r)) = (&f.row_label, &f.table, &f.row) {
            f.row_label = xxgk_model::row_label(t, r).map(str::to_string);
        }
        if let (None, Some(t), Some(c)) = (&f.column_label, &f.table, &f.column) {
            f.column_label = xxgk_model::column_label(t, c).map(str::to_string);
        }
    }
    report.findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| rule_order(&a.rule).cmp(&rule_order(&b.rule)))
    });
    report
}

fn rule_order(rule: &str) -> usize {
    RULES
        .iter()
        .position(|r| r.id == rule)
        .unwrap_or(RULES.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{Block, Cell, FormatVersion, Num, Paragraph, Severity, SourceRef, Table};

    fn para(text: &str, n: u32) -> Block {
        Block::Paragraph(Paragraph {
            text: text.into(),
            source: SourceRef::Paragraph { paragraph: n },
        })
    }

    fn table(rows: &[&[&str]]) -> Block {
        let rows = rows
            .iter()
            .enumerate()
            .map(|(r, cells)| {
                cells
                    .iter()
                    .enumerate()
                    .map(|(c, t)| {
                        let src = SourceRef::TableCell {
                            table: 1,
                            row: r as u32 + 1,
                            col: c as u32 + 1,
                        };
                        Cell::new(*t, c as u32, src)
                    })
                    .collect()
            })
            .collect();
        Block::Table(Table {
            rows,
            source: SourceRef::TableCell {
                table: 1,
                row: 1,
                col: 1,
            },
        })
    }

    /// A document of table `t` whose cells below its head row were recognised so.
    fn recognised_below_head(mut t: Block, recognised: Option<f32>) -> Document {
        if let Block::Table(t) = &mut t {
            for row in &mut t.rows[1..] {
                row.iter_mut().for_each(|c| c.recognised = recognised);
            }
        }
        Document {
            blocks: vec![t],
            diagnostics: Vec::new(),
        }
    }

    fn report(blocks: Vec<Block>, file: &str) -> Report {
        let doc = Document {
            blocks,
            diagnostics: Vec::new(),
        };
        process(
            &doc,
            &Options {
                lang: Lang::En,
                file_name: Some(file.into()),
            },
        )
    }

    fn rules(r: &Report) -> Vec<&str> {
        r.findings.iter().map(|f| f.rule.as_str()).collect()
    }

    fn sections(numbers: &[&str]) -> Vec<Block> {
        let names = [
            "总体情况",
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项",
        ];
        numbers
            .iter()
            .zip(names)
            .enumerate()
            .map(|(i, (n, name))| para(&format!("{n}、{name}"), i as u32 + 2))
            .collect()
    }

    #[test]
    fn a_scans_misread_title_agency_is_proofread_by_the_body() {
        // The title in large type misread, the body's sentence read right: in a recognised
        // document the body's name is the agency (and in the title); in a file's own text the
        // title is kept as printed.
        let doc = |recognised: Option<f32>, signed: &str| {
            let mut t = table(&[&["项目", "本年新收政府信息公开申请数量"], &["一", "5"]]);
            if let Block::Table(t) = &mut t {
                t.rows[1][1].recognised = recognised;
            }
            Document {
                blocks: vec![
                    para("亮伞县目然资产和规划局2022年政府信息公开工作年度报告", 1),
                    para("本报告由嘉祥县自然资源和规划局按照《条例》要求编制。", 2),
                    t,
                    para(signed, 3),
                ],
                diagnostics: Vec::new(),
            }
        };
        let read = normalize(&doc(Some(0.9), "2023年1月"), &Options::default());
        assert_eq!(read.agency.as_deref(), Some("嘉祥县自然资源和规划局"));
        assert_eq!(
            read.metadata.title.as_deref(),
            Some("嘉祥县自然资源和规划局2022年政府信息公开工作年度报告")
        );
        assert_eq!(
            read.metadata.agency_key.as_deref(),
            Some("嘉祥县自然资源和规划局")
        );
        let printed = normalize(&doc(None, "2023年1月"), &Options::default());
        assert_eq!(printed.agency.as_deref(), Some("亮伞县目然资产和规划局"));
        // The title's name printed again (its signature): the body names another office (a
        // sentence copied from a template), and the title is kept.
        let signed = normalize(
            &doc(Some(0.9), "亮伞县目然资产和规划局"),
            &Options::default(),
        );
        assert_eq!(signed.agency.as_deref(), Some("亮伞县目然资产和规划局"));
    }

    #[test]
    fn a_heading_with_its_numbering_garbled_stands_between_its_neighbours() {
        let numbers = |r: &Report| r.sections.iter().map(|s| s.number).collect::<Vec<_>>();
        // `一、` read as one ideograph; a line lost `公开`: both between their neighbours.
        let mut blocks = sections(&["", "二", "三", "", "五", "六"]);
        blocks[0] = para("人总体情况", 2);
        blocks[3] = para("四、政府信息行政复议、行政诉讼情况", 5);
        let read = report(blocks, "a.txt");
        assert_eq!(numbers(&read), [1, 2, 3, 4, 5, 6]);
        assert_eq!(read.sections[0].printed_number, None);
        assert!(!rules(&read).contains(&"C1"), "{:?}", rules(&read));
        // No heading after it: prose as well (`无其他需要报告的事项`), no heading.
        let mut blocks = sections(&["一", "二", "三", "四", "五"]);
        blocks.push(para("无其他需要报告的事项", 9));
        assert_eq!(numbers(&report(blocks, "b.txt")), [1, 2, 3, 4, 5]);
        // …but numbered as a heading is, its numeral misread (`六` as `入`), it is one.
        let mut blocks = sections(&["一", "二", "三", "四", "五"]);
        blocks.push(para("入、其他需要报告的事项", 9));
        assert_eq!(numbers(&report(blocks, "b2.txt")), [1, 2, 3, 4, 5, 6]);
        // Out of place (before section 一), or the section's own heading printed: no heading.
        let mut blocks = sections(&["一", "", "三", "四", "五", "六"]);
        blocks[1] = para("正文", 3);
        blocks.insert(0, para("人主动公开政府信息情况", 1));
        assert_eq!(numbers(&report(blocks, "c.txt")), [1, 3, 4, 5, 6]);
        let mut blocks = sections(&["一", "二", "三", "四", "五", "六"]);
        blocks.insert(2, para("人主动公开政府信息情况", 9));
        let read = report(blocks, "d.txt");
        assert_eq!(numbers(&read), [1, 2, 3, 4, 5, 6]);
        assert!(read.sections[1].text.contains("人主动公开"));
        // A heading with marks after a wide gap (a seal's strokes read beside it) is laid out
        // as a line of cells: its first cell heads the section; with a number, it is a row.
        let line = |marks: &str| {
            let mut t = table(&[&["二、主动公开政府信息情况", marks]]);
            if let Block::Table(t) = &mut t {
                for (i, c) in t.rows[0].iter_mut().enumerate() {
                    let start = i as f32 * 40.0;
                    c.extent = Some(xxgk_model::Extent {
                        start,
                        end: start + 24.0,
                    });
                }
            }
            let mut blocks = sections(&["一", "", "三", "四", "五", "六"]);
            blocks[1] = t;
            report(blocks, "e.txt")
        };
        let read = line("务公开专用、");
        assert_eq!(numbers(&read), [1, 2, 3, 4, 5, 6]);
        assert_eq!(read.sections[1].heading, "二、主动公开政府信息情况");
        assert_eq!(numbers(&line("12")), [1, 3, 4, 5, 6]);
    }

    #[test]
    fn a_recognised_table_two_label_one_character_off_names_its_item() {
        let t = || {
            table(&[
                &["信息内容", "本年处理决定数量"],
                &["行政处区", "14"],
                &["行政强制", "268"],
            ])
        };
        let read = normalize(&recognised_below_head(t(), Some(0.9)), &Options::default());
        assert_eq!(read.active.punishment, Some(Num(14.0)));
        assert_eq!(read.active.enforcement, Some(Num(268.0)));
        // A file's own text is matched exactly.
        let read = normalize(&recognised_below_head(t(), None), &Options::default());
        assert_eq!(read.active.punishment, None);
        // An item some row names exactly is that row's: the one resembling it is another's.
        let both = table(&[
            &["信息内容", "本年处理决定数量"],
            &["行政处区", "14"],
            &["行政处罚", "99"],
        ]);
        let read = normalize(&recognised_below_head(both, Some(0.9)), &Options::default());
        assert_eq!(read.active.punishment, Some(Num(99.0)));
    }

    #[test]
    fn a_seal_read_over_a_rows_last_value_is_a_value_unread() {
        // A seal stamped over the last cell of 规章's row: OCR read its strokes as 和.
        fn rows(first: &[&str], last: &[&str], recognised: Option<f32>) -> Document {
            let head: &[&str] = &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"];
            let t = table(&[head, first, &["行政规范性文件", "3", "4", "AN"], last]);
            recognised_below_head(t, recognised)
        }
        let doc = |recognised| {
            rows(
                &["规章", "1", "2", "和"],
                &["1", "张三", "科长"],
                recognised,
            )
        };
        let read = normalize(&doc(Some(0.9)), &Options::default());
        let rules = read.active.rules;
        assert_eq!(
            (rules.issued, rules.repealed),
            (Some(Num(1.0)), Some(Num(2.0)))
        );
        assert_eq!(rules.in_force, None);
        let docs = read.active.normative_documents;
        assert_eq!(
            (docs.issued, docs.repealed, docs.in_force),
            (Some(Num(3.0)), Some(Num(4.0)), None)
        );
        let unread = |r: &Report| {
            r.findings
                .iter()
                .filter(|f| {
                    f.rule == "X2" && (f.message.contains("AN") || f.message.contains('和'))
                })
                .count()
        };
        assert_eq!(
            unread(&read),
            2,
            "each said unread, the non-statutory row's 科长 not"
        );
        // In a file's own text the row ends in text: not read as values (as before).
        let printed = normalize(&doc(None), &Options::default());
        assert_eq!(printed.active.rules.issued, None);
        // A row numbered before its label keeps its label, and its last value.
        let numbered = rows(&["1", "规章", "0", "0", "5"], &["1"], Some(0.9));
        let rules = normalize(&numbered, &Options::default()).active.rules;
        assert_eq!(rules.in_force, Some(Num(5.0)));
    }

    #[test]
    fn a_recognised_table_two_value_the_overview_states_otherwise_is_left_null() {
        let doc = |recognised| {
            let t = table(&[
                &["信息内容", "本年处理决定数量"],
                &["行政许可", "22412"],
                &["行政处罚", "728"],
            ]);
            let mut doc = recognised_below_head(t, recognised);
            doc.blocks.splice(
                0..0,
                [
                    para("一、总体情况", 1),
                    para("作出行政许可决定22412件、行政处罚决定723件。", 2),
                    para("二、主动公开政府信息情况", 3),
                ],
            );
            doc
        };
        let read = process(&doc(Some(0.87)), &Options::default());
        assert_eq!(read.active.licensing, Some(Num(22412.0)));
        assert_eq!(read.active.punishment, None);
        assert!(
            read.findings
                .iter()
                .any(|f| f.rule == "X2" && f.message.contains("723")),
            "{:?}",
            read.findings
        );
        // A file's own text is as printed.
        let read = process(&doc(None), &Options::default());
        assert_eq!(read.active.punishment, Some(Num(728.0)));
        // Digits read with doubt that the overview states alike are taken, said once (info).
        let mut unsure = doc(Some(0.4));
        if let Some(Block::Table(t)) = unsure.blocks.last_mut() {
            t.rows[2][1].text = "723\u{FFFD}".into();
        }
        let read = process(&unsure, &Options::default());
        assert_eq!(read.active.punishment, Some(Num(723.0)));
        let x2: Vec<_> = read.findings.iter().filter(|f| f.rule == "X2").collect();
        assert_eq!(x2.len(), 1, "{x2:?}");
        assert_eq!(x2[0].severity, Severity::Info);
    }

    #[test]
    fn a_seal_over_a_table_three_rows_last_value_is_no_blank_of_the_source() {
        // A table 三 row's total read as a seal's strokes: a value unread (X2), not a column
        // the agency left blank (C3).
        let head: Vec<&str> = std::iter::once("项目")
            .chain(xxgk_model::APP_COLUMN_LABELS)
            .collect();
        let row: &[&str] = &["（一）予以公开", "1", "0", "0", "0", "0", "2", "BR"];
        let read = normalize(
            &recognised_below_head(table(&[&head, row]), Some(0.9)),
            &Options::default(),
        );
        let granted = read.applications.row(2);
        assert_eq!(granted[0], Some(Num(1.0)));
        assert_eq!(granted[5], Some(Num(2.0)));
        assert_eq!(granted[6], None);
        let said = read
            .findings
            .iter()
            .filter(|f| f.rule == "X2" && f.message.contains("BR"))
            .count();
        assert_eq!(said, 1, "{:?}", read.findings);
        assert!(
            !read
                .findings
                .iter()
                .any(|f| f.rule == "C3" && f.message.contains("予以公开")),
            "{:?}",
            read.findings
        );
    }

    #[test]
    fn a_recognised_cell_misread_as_ideographs_amid_values_is_a_value_unread() {
        // Table 四's row of numbers, its first total read as two ideographs.
        let head: &[&str] = &[
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
        ];
        let values: &[&str] = &[
            "5", "2", "1", "3", "渤反", "0", "0", "0", "0", "0", "2", "1", "2", "0", "5",
        ];
        let doc = |recognised| recognised_below_head(table(&[head, values]), recognised);
        let read = normalize(&doc(Some(0.9)), &Options::default());
        let rl = &read.review_litigation;
        assert_eq!(
            rl.review[..4],
            [
                Some(Num(5.0)),
                Some(Num(2.0)),
                Some(Num(1.0)),
                Some(Num(3.0))
            ]
        );
        assert_eq!(rl.review[4], None);
        assert_eq!(rl.litigation_after_review[4], Some(Num(5.0)));
        assert!(read
            .findings
            .iter()
            .any(|f| f.rule == "X2" && f.message.contains("渤反")));
        // In a file's own text, two characters between numbers are not taken for a value.
        let printed = normalize(&doc(None), &Options::default());
        assert_eq!(printed.review_litigation.review[0], None);
    }

    #[test]
    fn c1_and_s1_on_sections() {
        let all = report(sections(&["一", "二", "三", "四", "五", "六"]), "a.docx");
        assert!(
            !rules(&all).contains(&"C1") && !rules(&all).contains(&"S1"),
            "{:?}",
            rules(&all)
        );
        let missing = report(sections(&["一", "二", "三", "四", "五"]), "a.docx");
        assert_eq!(rules(&missing).iter().filter(|r| **r == "C1").count(), 1);
        let misnumbered = report(sections(&["一", "二", "二", "四", "五", "六"]), "a.docx");
        let s1: Vec<_> = misnumbered
            .findings
            .iter()
            .filter(|f| f.rule == "S1")
            .collect();
        assert_eq!(s1.len(), 1);
        assert_eq!(
            (s1[0].expected, s1[0].found),
            (Some(Num(3.0)), Some(Num(2.0)))
        );
    }

    #[test]
    fn c2_names_missing_tables_and_images() {
        let r = report(sections(&["一", "二", "三", "四", "五", "六"]), "a.docx");
        assert_eq!(rules(&r).iter().filter(|x| **x == "C2").count(), 3);
        let mut blocks = sections(&["一", "二", "三", "四", "五", "六"]);
        blocks.push(Block::Image {
            source: SourceRef::Paragraph { paragraph: 9 },
            alt: String::new(),
        });
        let r = report(blocks, "a.docx");
        assert!(r
            .findings
            .iter()
            .any(|f| f.rule == "C2" && f.message.contains("not machine-readable")));
        let with_table = report(vec![table(&[&["行政许可", "5"]])], "a.xlsx");
        assert_eq!(with_table.active.licensing, Some(Num(5.0)));
        assert_eq!(rules(&with_table).iter().filter(|x| **x == "C2").count(), 2);
    }

    #[test]
    fn c3_names_missing_rows_and_blank_values() {
        let r = report(
            vec![table(&[
                &[
                    "一、本年新收政府信息公开申请数量",
                    "1",
                    "0",
                    "0",
                    "0",
                    "0",
                    "0",
                    "1",
                ],
                &["（一）予以公开", "1", "0", "0", "", "0", "0", "1"],
            ])],
            "a.xlsx",
        );
        let c3: Vec<_> = r.findings.iter().filter(|f| f.rule == "C3").collect();
        assert_eq!(c3.len(), 2, "{c3:?}");
        assert!(c3
            .iter()
            .any(|f| f.severity == Severity::Error && f.message.contains("23 rows missing")));
        assert!(c3
            .iter()
            .any(|f| f.severity == Severity::Warning && f.row.as_deref() == Some("granted")));
        assert_eq!(r.applications.row(2)[3], None);
        let full = report(
            vec![table(&[&[
                "一、本年新收政府信息公开申请数量",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0",
                "1",
            ]])],
            "a.xlsx",
        );
        assert!(!full
            .findings
            .iter()
            .any(|f| f.rule == "C3" && f.severity == Severity::Warning));
    }

    #[test]
    fn y1_on_disagreeing_years() {
        let title = |t: &str| {
            vec![
                para(t, 1),
                para(
                    "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。",
                    2,
                ),
            ]
        };
        let ok = report(
            title("某局2023年政府信息公开工作年度报告"),
            "某局2023年政府信息公开工作年度报告.docx",
        );
        assert!(!rules(&ok).contains(&"Y1"));
        assert_eq!((ok.agency.as_deref(), ok.year), (Some("某局"), Some(2023)));
        let bad = report(title("某局2022年政府信息公开工作年度报告"), "x.docx");
        assert!(rules(&bad).contains(&"Y1"));
        let from_name = report(vec![], "某县人民政府2021年政府信息公开工作年度报告.xlsx");
        assert_eq!(
            (from_name.agency.as_deref(), from_name.year),
            (Some("某县人民政府"), Some(2021))
        );
    }

    #[test]
    fn f1_on_old_format_after_2021() {
        let old = |year: i32| {
            vec![
                para(&format!("某局{year}年政府信息公开工作年度报告"), 1),
                table(&[
                    &[
                        "信息内容",
                        "本年新制作数量",
                        "本年新公开数量",
                        "对外公开总数量",
                    ],
                    &["规章", "1", "1", "5"],
                    &["行政许可", "10", "2", "7"],
                ]),
            ]
        };
        let r2022 = report(old(2022), "x.docx");
        assert_eq!(r2022.format, Some(FormatVersion::V2019));
        assert!(rules(&r2022).contains(&"F1"));
        assert_eq!(
            r2022.active.rules.issued, None,
            "2019 columns measure other things"
        );
        assert_eq!(
            r2022.active.licensing,
            Some(Num(7.0)),
            "处理决定数量 is the third column"
        );
        assert!(!rules(&report(old(2020), "x.docx")).contains(&"F1"));
    }

    fn lines(text: &str) -> Vec<Block> {
        text.lines()
            .enumerate()
            .map(|(i, t)| {
                Block::Paragraph(Paragraph {
                    text: t.into(),
                    source: SourceRef::Line {
                        line: i as u32 + 1,
                        cell: None,
                    },
                })
            })
            .collect()
    }

    #[test]
    fn one_cell_per_line_reads_rows_by_their_labels() {
        let text = "本年制发件数\n规章\n0\n1\n2\n一、本年新收政府信息公开申请数量\n3\n0\n0\n0\n0\n1\n4\n二、上年结转政府信息公开申请数量\n0\n0\n";
        let r = report(lines(text), "a.txt");
        assert_eq!(r.active.rules.in_force, Some(Num(2.0)));
        assert_eq!(
            r.applications.row(0).map(|v| v.map(|n| n.0)),
            [3.0, 0.0, 0.0, 0.0, 0.0, 1.0, 4.0].map(Some)
        );
        // two values of seven, with no positions: left null, with a finding
        assert_eq!(r.applications.row(1), &[None; 7]);
        assert!(r
            .findings
            .iter()
            .any(|f| f.rule == "X2" && f.row.as_deref() == Some("carried_over")));
    }

    #[test]
    fn a_label_wrapped_around_its_numbers() {
        let text = "（二）部分公开（区分处理的，只计这一情\n53\n3\n24\n8\n0\n0\n88\n形，不计其他情形）\n1.属于国家秘密\n2\n0\n0\n0\n0\n0\n2\n";
        let r = report(lines(text), "a.txt");
        assert_eq!(r.applications.row(3)[6], Some(Num(88.0)));
        assert_eq!(r.applications.row(4)[0], Some(Num(2.0)));
    }

    #[test]
    fn an_unsure_reading_is_taken_where_a_sum_confirms_it() {
        // Two recognised rows of table 三, each with one digit read with doubt (`�`): the
        // row's sum (R3) gives 3 for new_received's total, as read; for granted's first
        // column it gives 2, while 4 was read.
        let doc = |recognised: Option<f32>| {
            let mut head = vec![""];
            head.extend(xxgk_model::APP_COLUMN_LABELS);
            let t = table(&[
                &head,
                &[
                    "一、本年新收政府信息公开申请数量",
                    "2",
                    "1",
                    "0",
                    "0",
                    "0",
                    "0",
                    "3\u{FFFD}",
                ],
                &["（一）予以公开", "4\u{FFFD}", "1", "0", "0", "0", "0", "3"],
            ]);
            recognised_below_head(t, recognised)
        };
        let read = process(&doc(Some(0.3)), &Options::default());
        assert_eq!(read.applications.row(0)[6], Some(Num(3.0)), "R3 confirms 3");
        assert_eq!(
            read.applications.row(2)[0],
            None,
            "R3 says 2, not the 4 read"
        );
        let x2: Vec<_> = read.findings.iter().filter(|f| f.rule == "X2").collect();
        assert_eq!(x2.len(), 2, "{x2:?}");
        let taken = x2.iter().find(|f| f.severity == Severity::Info).unwrap();
        assert_eq!(
            (taken.row.as_deref(), taken.column.as_deref()),
            (Some("new_received"), Some("total"))
        );
        assert!(taken.message.contains("R3"), "{}", taken.message);
        assert!(x2
            .iter()
            .any(|f| f.severity == Severity::Warning && f.message.contains('4')));
        // Not recognised (a font without a Unicode map): the digits shown are not a reading.
        let printed = process(&doc(None), &Options::default());
        assert_eq!(printed.applications.row(0)[6], None);
    }

    #[test]
    fn a_recognised_row_whose_label_was_not_read_is_placed_by_its_position() {
        let head: Vec<&str> = std::iter::once("")
            .chain(xxgk_model::APP_COLUMN_LABELS)
            .collect();
        // Table 三's header, row 二, the row `between` (if any), then the row `next` names.
        let rows = |between: Option<&[&str]>, next: &str, recognised| {
            let carried: &[&str] = &[
                "二、上年结转政府信息公开申请数量",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
            ];
            let next: &[&str] = &[next, "1", "0", "0", "0", "0", "0", "1"];
            let mut rows: Vec<&[&str]> = vec![&head, carried];
            rows.extend(between);
            rows.push(next);
            recognised_below_head(table(&rows), recognised)
        };
        let doc = |garbled: &[&str], next: &str, recognised| {
            process(&rows(Some(garbled), next, recognised), &Options::default())
        };
        let garbled: &[&str] = &["（一）于以杰开", "5", "2", "0", "0", "0", "0", "7"];
        let read = doc(garbled, "（二）部分公开（区分处理的）", Some(0.9));
        assert_eq!(
            read.applications.row(2).map(|v| v.map(|n| n.0)),
            [5.0, 2.0, 0.0, 0.0, 0.0, 0.0, 7.0].map(Some)
        );
        let x2 = read
            .findings
            .iter()
            .find(|f| {
                f.rule == "X2" && f.message.contains("于以杰开") && f.message.contains("位置")
            })
            .map(|f| (f.severity, f.row.clone()));
        assert_eq!(x2, Some((Severity::Info, Some("granted".into()))));
        let unread = |r: &Report| r.applications.row(2).iter().all(Option::is_none);
        // Its total read with doubt: the row is placed, the total stays unread (X2).
        let doubt: &[&str] = &["（一）于以杰开", "5", "2", "0", "0", "0", "0", "7\u{FFFD}"];
        let placed = doc(doubt, "（二）部分公开（区分处理的）", Some(0.9));
        let row = placed.applications.row(2);
        assert_eq!(
            row.map(|v| v.map(|n| n.0)),
            [
                Some(5.0),
                Some(2.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                None
            ]
        );
        // Two rows of the template between its neighbours: which one it is is unknown.
        assert!(unread(&doc(garbled, "（三）1.属于国家秘密", Some(0.9))));
        // Its total is not the sum of its values: not placed.
        let wrong: &[&str] = &["（一）于以杰开", "5", "2", "0", "0", "0", "0", "8"];
        assert!(unread(&doc(
            wrong,
            "（二）部分公开（区分处理的）",
            Some(0.9)
        )));
        // A file's own text: a label that names no row is no row.
        assert!(unread(&doc(garbled, "（二）部分公开（区分处理的）", None)));
        // Between two rows a second table repeats (the first table's count): not placed.
        let next = "（二）部分公开（区分处理的）";
        let mut twice = rows(None, next, Some(0.9));
        twice
            .blocks
            .extend(rows(Some(garbled), next, Some(0.9)).blocks);
        assert!(unread(&process(&twice, &Options::default())));
    }

    #[test]
    fn traditional_characters_and_subtotal_column() {
        let r = report(
            vec![
                para("某局2023年政府信息公開工作年度報告", 1),
                table(&[
                    &[
                        "",
                        "自然人",
                        "商业企业",
                        "科研机构",
                        "社会公益组织",
                        "法律服务机构",
                        "其他",
                        "小计",
                        "总计",
                    ],
                    &[
                        "一、本年新收政府信息公開申請數量",
                        "1",
                        "2",
                        "0",
                        "0",
                        "0",
                        "1",
                        "3",
                        "4",
                    ],
                    &["（一）予以公開", "1", "2", "0", "0", "0", "1", "4", "4"],
                ]),
            ],
            "x.docx",
        );
        assert_eq!(
            r.applications.row(0).map(|v| v.map(|n| n.0)),
            [1.0, 2.0, 0.0, 0.0, 0.0, 1.0, 4.0].map(Some)
        );
        assert_eq!(
            r.metadata.org_subtotals.get("new_received"),
            Some(&Some(Num(3.0)))
        );
        assert_eq!(r.agency.as_deref(), Some("某局"));
        let r11: Vec<_> = r.findings.iter().filter(|f| f.rule == "R11").collect();
        assert_eq!(r11.len(), 1);
        assert_eq!(r11[0].row.as_deref(), Some("granted"));
    }
}
