//! Real text, value by value: report pages as a web-page text extractor keeps them
//! (`fixtures/realtext`, hand-written truth; see its README) and the text that ordinary
//! extractors make of known reports (`fixtures/extractors`: pypdf, pdfminer, pdfplumber,
//! PyMuPDF, mutool, pdftotext, markitdown, docx2txt, mammoth, pandoc, catdoc; written by
//! `scripts/make_extractor_texts.py`). Never a wrong value, nor a value where the truth has
//! none; and at least the share of the values each family shows.

mod common;

use common::*;
use std::collections::BTreeMap;

/// Values read right, values the truth has, and what was read wrong, for one document.
fn score(doc: &std::path::Path) -> (usize, usize, Vec<String>) {
    let got: BTreeMap<String, serde_json::Value> =
        table_values(&parse_json(doc)).into_iter().collect();
    let (mut read, mut shown, mut wrong) = (0, 0, Vec::new());
    for (path, want) in table_values(&truth_for(doc)) {
        let have = got.get(&path).cloned().unwrap_or(serde_json::Value::Null);
        match (want.as_f64(), have.as_f64()) {
            (Some(a), Some(b)) if (a - b).abs() < 1e-9 => {
                read += 1;
                shown += 1;
            }
            (Some(_), None) => shown += 1,
            (_, None) => {}
            _ => wrong.push(format!(
                "{}: {path}: truth {want}, read {have}",
                doc.display()
            )),
        }
    }
    (read, shown, wrong)
}

#[test]
fn real_web_pages_read_every_value_they_show() {
    let docs = documents("realtext", &["txt"]);
    assert_eq!(docs.len(), 17);
    let (mut read, mut shown, mut wrong) = (0, 0, Vec::new());
    for doc in &docs {
        let (r, s, w) = score(doc);
        read += r;
        shown += s;
        wrong.extend(w);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!((read, shown), (333, 333));
}

/// The least share of its values each extractor's text must read here; the rest of what they
/// show is left null for a reason: pdfminer writes the tables' values column by column, away
/// from their labels; catdoc garbles the top of table 三; markitdown glues two cells into one
/// where the row's sum cannot confirm the split; mammoth leaves out the cells under table 四's
/// merged words (`001`), so whether it prints every empty cell is not shown, and the blank
/// review cells leave the row's numbers with no certain place (docx2txt prints those cells as
/// empty lines, pandoc aligns the numbers under their words: both read).
const FLOORS: [(&str, f64); 15] = [
    ("catdoc", 0.85),
    ("docx2txt", 1.0),
    ("mammoth-md", 0.98),
    ("mammoth-raw", 0.98),
    ("markitdown", 0.95),
    ("mutool", 1.0),
    ("pandoc-gfm", 1.0),
    ("pandoc-markdown", 1.0),
    ("pandoc-plain", 1.0),
    ("pdfminer", 0.0),
    ("pdfplumber", 1.0),
    ("pdftotext", 1.0),
    ("pdftotext-raw", 1.0),
    ("pymupdf", 1.0),
    ("pypdf", 1.0),
];

#[test]
fn extractors_text_never_reads_a_wrong_value() {
    let docs = documents("extractors", &["txt"]);
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut wrong = Vec::new();
    for doc in &docs {
        let name = doc
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tool = name
            .trim_end_matches(".txt")
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_string();
        let (r, s, w) = score(doc);
        let t = tally.entry(tool).or_default();
        t.0 += r;
        t.1 += s;
        wrong.extend(w);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        tally.keys().collect::<Vec<_>>(),
        FLOORS.iter().map(|(t, _)| t).collect::<Vec<_>>(),
        "every extractor in fixtures/extractors has a floor"
    );
    for (tool, floor) in FLOORS {
        let (read, shown) = tally[tool];
        let rate = read as f64 / shown.max(1) as f64;
        assert!(
            rate >= floor,
            "{tool}: read {read} of {shown} ({rate:.3}), floor {floor}"
        );
    }
}

/// Table 四 of `001` as pandoc aligns it (`-t plain`): the review group's cells are blank, so
/// the value line prints 10 numbers for 15 columns, each under its column word; `edit` changes
/// that line. Returns the table's 15 values and the X2 findings.
fn pandoc_table_four(edit: impl Fn(&str) -> String) -> (Vec<serde_json::Value>, usize) {
    let path = fixtures().join("extractors/001.pandoc-plain.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let heading = text.find("四、政府信息公开行政复议").unwrap_or(0);
    let (before, after) = text.split_at(heading);
    let line = after
        .lines()
        .find(|l| l.trim_start().starts_with("0 "))
        .unwrap_or_else(|| panic!("no value line in table 四"));
    let edited = format!("{before}{}", after.replacen(line, &edit(line), 1));
    table_four(&edited)
}

/// Table 四's 15 values read from `text`, and the count of X2 findings.
fn table_four(text: &str) -> (Vec<serde_json::Value>, usize) {
    let registry = xxgk::Registry::with_builtin();
    let report = xxgk::parse_bytes(
        &registry,
        text.as_bytes(),
        std::path::Path::new("report.txt"),
        &xxgk::ParseOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let json = serde_json::to_value(&report).unwrap_or_else(|e| panic!("{e}"));
    let rl = &json["review_litigation"];
    let values = ["review", "litigation_direct", "litigation_after_review"]
        .iter()
        .flat_map(|g| rl[g].as_array().cloned().unwrap_or_default())
        .collect();
    (values, findings(&json, "X2").len())
}

/// The review group blank, both litigation groups 0: table 四 of `001`.
fn review_blank_litigation_zero() -> Vec<serde_json::Value> {
    let mut want = vec![serde_json::Value::Null; 5];
    want.extend(std::iter::repeat_n(serde_json::json!(0), 10));
    want
}

#[test]
fn numbers_under_table_four_column_words_are_placed_and_blank_columns_stay_null() {
    let (values, x2) = pandoc_table_four(str::to_string);
    assert_eq!(values, review_blank_litigation_zero());
    assert_eq!(x2, 0);
}

#[test]
fn a_table_four_number_between_two_column_words_leaves_the_line_null() {
    // The first number moved right, into the gap after `结果维持`: under no column word.
    assert_left_null(pandoc_table_four(|line| moved(line, 0, 10)));
}

/// The value line with its `nth` number (a single digit) moved `by` columns right.
fn moved(line: &str, nth: usize, by: usize) -> String {
    let mut bytes = line.as_bytes().to_vec();
    if let Some((at, _)) = line.match_indices('0').nth(nth) {
        bytes.swap(at, at + by);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Table 四 left null, with one X2 finding saying why.
fn assert_left_null((values, x2): (Vec<serde_json::Value>, usize)) {
    assert!(values.iter().all(serde_json::Value::is_null), "{values:?}");
    assert_eq!(x2, 1);
}

#[test]
fn a_table_four_group_that_does_not_add_up_leaves_the_line_null() {
    // The direct-litigation total says 5 where its four results are 0: which number is whose
    // is then in doubt, and nothing is placed.
    assert_left_null(pandoc_table_four(|line| {
        let mut cells: Vec<&str> = line.split_inclusive(' ').collect();
        if let Some(c) = cells.iter_mut().filter(|c| c.trim() == "0").nth(4) {
            *c = "5 ";
        }
        cells.concat()
    }));
}

#[test]
fn table_four_numbers_sitting_unlike_under_their_words_leave_the_line_null() {
    // The second number three columns right, still under `结果纠正`, the others at their
    // words' left edges: how numbers sit under a header shifted against them (pdftotext
    // counts a CJK character as one column), so no placement is certain.
    assert_left_null(pandoc_table_four(|line| moved(line, 1, 3)));
}

#[test]
fn table_four_cells_one_per_line_are_counted_by_their_blank_lines_or_left_null() {
    let path = fixtures().join("extractors/001.docx2txt.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    // docx2txt: each cell then a blank line; the five blank review cells are five empty lines
    // with theirs, before the ten zeros.
    let (values, x2) = table_four(&text);
    assert_eq!(values, review_blank_litigation_zero());
    assert_eq!(x2, 0);
    // One blank line fewer before the zeros: the empty cells no longer count whole.
    let total = text.rfind("总计\n").unwrap_or(0);
    let mut short = text.clone();
    short.replace_range(total..total + "总计\n\n".len(), "总计\n");
    assert_left_null(table_four(&short));
}

#[test]
fn a_table_four_line_with_text_among_its_numbers_leaves_all_of_it_null() {
    // `暂无` in place of the sixth number: the numbers before it are not the whole line.
    let (values, x2) = pandoc_table_four(|line| {
        let mut cells: Vec<&str> = line.split_inclusive(' ').collect();
        if let Some(c) = cells.iter_mut().filter(|c| c.trim() == "0").nth(5) {
            *c = "暂无 ";
        }
        cells.concat()
    });
    assert!(values.iter().all(serde_json::Value::is_null), "{values:?}");
    assert!(x2 >= 1);
}

/// A minimal report text holding table 四 as `header` and `values` lines.
fn table_four_text(lines: &[String]) -> String {
    let mut text = String::from("四、政府信息公开行政复议、行政诉讼情况\n\n");
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    text + "五、存在的主要问题及改进情况\n"
}

#[test]
fn table_four_words_laid_out_a_character_a_column_do_not_place_its_numbers() {
    // As pdftotext -layout prints: each word padded to 12 characters, a CJK character one
    // column, so in display columns the words drift right of the numbers beneath them. The
    // numbers are upheld and total of the review group (columns 0 and 4 counted in characters);
    // in display columns the second sits under `尚未审结` just as the first sits under its word.
    let words: String = RL_WORDS
        .iter()
        .cycle()
        .take(15)
        .map(|w| format!("{w}{}", " ".repeat(12 - w.chars().count())))
        .collect();
    let values = format!("3{}3", " ".repeat(47));
    let lines = [
        format!("行政复议{}行政诉讼", " ".repeat(56)),
        String::new(),
        words.trim_end().to_string(),
        String::new(),
        values,
        String::new(),
    ];
    assert_left_null(table_four(&table_four_text(&lines)));
}

#[test]
fn table_four_numbers_of_a_partly_blank_group_are_left_null() {
    // The direct-litigation group's first number blank: its other four have no sum to
    // confirm where they sit (a layout drifting against its header can sit alike by chance).
    assert_left_null(pandoc_table_four(|line| line.replacen('0', " ", 1)));
}

#[test]
fn table_four_cells_one_per_line_with_covered_cells_left_out_are_not_counted() {
    // Each cell then a blank line, the cells under the review group's merged words left out
    // (as mammoth writes), and a page number the reader drops before the numbers: the blank
    // cells cannot be told from it.
    let mut lines: Vec<String> = ["行政复议", "行政诉讼"]
        .into_iter()
        .chain(RL_WORDS)
        .chain(["未经复议直接起诉", "复议后起诉"])
        .chain(RL_WORDS)
        .chain(RL_WORDS)
        .map(str::to_string)
        .chain(["- 7 -".to_string()])
        .chain(["2", "1", "0", "3"].map(str::to_string))
        .chain(std::iter::repeat_n("0".to_string(), 10))
        .flat_map(|l| [l, String::new()])
        .collect();
    lines.pop();
    lines.push(String::new());
    assert_left_null(table_four(&table_four_text(&lines)));
}

/// Table 四's column words, as printed.
const RL_WORDS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
