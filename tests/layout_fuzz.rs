//! Layout fuzzer: seeded valid reports (`xxgk_render::sample`) written as text in the layout
//! families real extractors produce, parsed back, and compared value by value with what was
//! written.
//!
//! Each seed makes one document: the title (agency and year), the six section headings with
//! their prose, and the three statutory tables (二 active disclosure, 三 applications 25 × 7,
//! 四 review and litigation 15 values). The tables come from the official layout
//! (`xxgk::model::layout`): every row is the label (or header) cells and value cells an HTML
//! table row has — cells covered by a merge from a row above are absent — and one *family*
//! function turns the rows into lines. The family is `seed % 10`, so every family gets the same
//! number of documents; its style options (padding, gaps, alignment) are drawn once per
//! document, so the three tables of one document look like one extractor wrote them.
//!
//! Families (a new one is one function and one line in [`FAMILIES`]):
//! 1. `1-pipes-after`: pipes between and after cells, none before: `规章 | 0 | 0 | 0 |`, and
//!    sometimes `| |||` padding for merged cells (`行政许可 | 460 | ||`);
//! 2. `2-markdown`: `| 规章 | 0 | 0 | 0 |` with a `|---|` line after each table's first row;
//! 3. `3-cell-pipe`: one cell per line, each followed by ` |`, a line with only `|` for a blank
//!    cell, and `|||` padding lines for merged cells;
//! 4. `4-cell-bar`: one cell per line with a line holding only `|` after each cell and a `||…`
//!    line ending the row (`规章` / `|` / `0` / `|` / … / `||`);
//! 5. `5-cell-plain`: one cell per line, plain, with no blank lines, a blank line between rows,
//!    or a blank line after every cell, and then also every grid position a merge from a row
//!    above covers printed as an empty cell (docx2txt);
//! 6. `6-tabs`: tab-separated rows, either grid positions (merged positions empty) or the cells
//!    followed by padding tabs;
//! 7. `7-single-spaces`: label then values separated by single spaces, blanks left out
//!    (`（一）予以公开 189 0 10 54 26 15 294`, as pypdf, pdfminer and `pdftotext -raw` write);
//! 8. `8-aligned`: cells separated by two or more spaces, columns aligned on the official grid
//!    (as `pdftotext -layout` writes), CJK characters 2 columns wide, values left- or
//!    right-aligned;
//! 9. `9-columns`: each table's labels first, then its values column by column (pdfminer's
//!    content order): only "never wrong" is asked of it;
//! 10. `10-cell-tab`: one cell per line, each closed by a tab, a line of one tab for a blank
//!     cell, tab padding for merged cells.
//!
//! Modifiers, each drawn at random per document:
//! - `blanks`: 1–5 value cells printed empty — the text shows no value, so the truth is null;
//!   in a third of these documents also one whole group of table 四;
//! - `marks`: about half the zeros printed as `-`, `/` or `无` (marks of nothing, read as 0);
//! - `pages`: a page number line (`- 3 -`, `第 3 页 共 9 页`) and a repeated running head
//!   between two rows of each table;
//! - `broken`: labels broken across two lines at a random character (one-cell-per-line
//!   families only; the family is tallied as `<family>+broken`);
//! - `header_words`: table 三's header words one per line (row-per-line families only);
//! - `prose`: a sentence with numbers and units right after each table
//!   (`全年共收到申请 12 件，办结 12 件。`);
//! - `glued`: two neighbouring values of a few table 三 rows in one cell (`| 409 47 |`; pipe
//!   and tab families): never one number, and the row's values never shift;
//! - `above`: a few rows with their numbers on the line above their label (single spaces);
//! - `repeat_header`: table 三's header printed again after a page break inside it (row
//!   families, with `pages`);
//! - `wrap`: table lines wrapped at a fixed width, at spaces, numbers never cut (single
//!   spaces).
//!
//! What is asserted:
//! - **no wrong value, ever**: a value read that differs from the one written, or a value read
//!   where the text shows none (a blank cell), fails the test; the failure names the seed, the
//!   family and the modifiers, shows the document's first 80 lines and saves the whole text
//!   under `CARGO_TARGET_TMPDIR`;
//! - every value shown is read, for the families in [`FULL_READ`] (aggregated over their
//!   documents); read rates of every family and modifier are printed with `eprintln!`
//!   (`cargo test -p xxgk-cli --test layout_fuzz -- --nocapture`).
//!
//! `XXGK_FUZZ_SEEDS=N` (seeds `0..N`) or `XXGK_FUZZ_SEEDS=A..B` runs other seeds, e.g. one
//! failing seed, or thousands in a release build.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;
use xxgk::model::layout::{official_tables, LayoutKind, SECTION_HEADINGS};
use xxgk::model::{Num, Report};
use xxgk_render::sample;

type Rng = fastrand::Rng;

/// Seeds run by default (`0..SEEDS`): about 110 documents per family.
const SEEDS: u64 = 1000;

/// Families that must read every value they show (their `+broken` variants are not held to
/// it). Adjust after seeing the printed read rates.
const FULL_READ: [&str; 9] = [
    "10-cell-tab",
    "1-pipes-after",
    "2-markdown",
    "3-cell-pipe",
    "4-cell-bar",
    "5-cell-plain",
    "6-tabs",
    "7-single-spaces",
    "8-aligned",
];

/// Failing documents shown in full in the failure message.
const MAX_SHOWN: usize = 3;

// ---------------------------------------------------------------------------------------------
// The tables as rows of cells
// ---------------------------------------------------------------------------------------------

/// One cell as printed, with its place in the official grid.
#[derive(Debug, Clone)]
struct Cell {
    /// The text (`""` for a blank value; a broken label holds a `\n`).
    text: String,
    /// Grid column of its first position.
    col: usize,
    /// Grid columns it covers.
    span: usize,
}

/// One row as an HTML table row has it: label (or header) cells, then value cells.
#[derive(Debug, Clone, Default)]
struct Row {
    labels: Vec<Cell>,
    values: Vec<Cell>,
}

impl Row {
    fn cells(&self) -> impl Iterator<Item = &Cell> {
        self.labels.iter().chain(&self.values)
    }

    /// Grid positions the row's cells cover beyond their first (what `|||` padding counts).
    fn pad(&self) -> usize {
        self.cells().map(|c| c.span.saturating_sub(1)).sum()
    }

    /// A row of column headers or a caption: no values.
    fn is_header(&self) -> bool {
        self.values.is_empty()
    }
}

/// One statutory table.
#[derive(Debug, Clone)]
struct Table {
    /// `active`, `applications` or `review_litigation`.
    key: &'static str,
    /// Index of the section it belongs to.
    section: usize,
    /// Grid width.
    columns: usize,
    rows: Vec<Row>,
}

/// The three tables of the official layout, value cells holding `printed[index]`.
fn layout_tables(printed: &[String]) -> Vec<Table> {
    official_tables()
        .into_iter()
        .map(|t| {
            let mut rows = vec![Row::default(); t.rows];
            for c in &t.cells {
                let (text, value) = match c.kind {
                    LayoutKind::Header(s) | LayoutKind::Label(s) => (s.to_string(), None),
                    LayoutKind::Value(i) => (printed.get(i).cloned().unwrap_or_default(), Some(i)),
                };
                let cell = Cell {
                    text,
                    col: c.col,
                    span: c.col_span,
                };
                if value.is_some() {
                    rows[c.row].values.push(cell);
                } else {
                    rows[c.row].labels.push(cell);
                }
            }
            Table {
                key: t.key,
                section: t.section,
                columns: t.columns,
                rows,
            }
        })
        .collect()
}

/// Display columns as the text reader counts them (`unicode-width`): ASCII and
/// ambiguous-width punctuation (`“ ” · — …`) 1, CJK and full-width forms 2.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            c if c.is_ascii() => 1,
            '“' | '”' | '‘' | '’' | '·' | '—' | '…' => 1,
            _ => 2,
        })
        .sum()
}

// ---------------------------------------------------------------------------------------------
// Families: each turns a table into lines, one `Vec<String>` per row
// ---------------------------------------------------------------------------------------------

type WriteTable = fn(&Table, &mut Rng) -> Vec<Vec<String>>;

/// A layout family.
struct Family {
    name: &'static str,
    write: WriteTable,
    /// One cell per line: labels may break over two lines, header words are one per line
    /// already.
    cell_per_line: bool,
}

static FAMILIES: [Family; 10] = [
    Family {
        name: "1-pipes-after",
        write: pipes_after,
        cell_per_line: false,
    },
    Family {
        name: "2-markdown",
        write: markdown,
        cell_per_line: false,
    },
    Family {
        name: "3-cell-pipe",
        write: cell_pipe,
        cell_per_line: true,
    },
    Family {
        name: "4-cell-bar",
        write: cell_bar,
        cell_per_line: true,
    },
    Family {
        name: "5-cell-plain",
        write: cell_plain,
        cell_per_line: true,
    },
    Family {
        name: "6-tabs",
        write: tabs,
        cell_per_line: false,
    },
    Family {
        name: "7-single-spaces",
        write: single_spaces,
        cell_per_line: false,
    },
    Family {
        name: "8-aligned",
        write: aligned,
        cell_per_line: false,
    },
    Family {
        name: "9-columns",
        write: column_order,
        cell_per_line: false,
    },
    Family {
        name: "10-cell-tab",
        write: cell_tab,
        cell_per_line: true,
    },
];

/// `|` padding for merged cells, after a space: `行政许可 | 460 | ||`.
fn padding(row: &Row) -> String {
    match row.pad() {
        0 => String::new(),
        n => format!(" {}", "|".repeat(n)),
    }
}

/// Family 1: `规章 | 0 | 0 | 0 |`, a blank cell as `|  |`.
fn pipes_after(t: &Table, rng: &mut Rng) -> Vec<Vec<String>> {
    let pad = rng.bool();
    t.rows
        .iter()
        .map(|row| {
            let mut line: String = row.cells().map(|c| format!("{} | ", c.text)).collect();
            let end = line.trim_end().len();
            line.truncate(end);
            if pad {
                line.push_str(&padding(row));
            }
            vec![line]
        })
        .collect()
}

/// Family 2: `| 规章 | 0 | 0 | 0 |`, with `|---|---|…` after the table's first row.
fn markdown(t: &Table, rng: &mut Rng) -> Vec<Vec<String>> {
    let pad = rng.bool();
    let trailing = if rng.bool() { " " } else { "" };
    t.rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let texts: Vec<&str> = row.cells().map(|c| c.text.as_str()).collect();
            let mut line = format!("| {} |", texts.join(" | "));
            if pad {
                line.push_str(&padding(row));
            }
            line.push_str(trailing);
            let mut lines = vec![line];
            if i == 0 {
                lines.push(format!("|{}", "---|".repeat(t.columns)));
            }
            lines
        })
        .collect()
}

/// A cell's text as lines (a broken label is two).
fn text_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split('\n').map(str::to_string)
}

/// Family 3: `规章 |` / `0 |` / `|` (blank) / …, then `|||` padding for merged cells.
fn cell_pipe(t: &Table, rng: &mut Rng) -> Vec<Vec<String>> {
    cells_closed_by(t, rng, '|')
}

/// Family 10: `规章\t` / `0\t` / `\t` (blank) / …: each cell closed by a tab, as a page's
/// text is copied cell by cell, then tab padding for merged cells.
fn cell_tab(t: &Table, rng: &mut Rng) -> Vec<Vec<String>> {
    cells_closed_by(t, rng, '\t')
}

/// One cell per line, each closed by `mark` (` |`, or a tab), merged cells padded with marks.
fn cells_closed_by(t: &Table, rng: &mut Rng, mark: char) -> Vec<Vec<String>> {
    let pad = rng.u32(..4) != 0;
    t.rows
        .iter()
        .map(|row| {
            let mut lines = Vec::new();
            for c in row.cells() {
                let mut cell: Vec<String> = text_lines(&c.text).collect();
                if let Some(last) = cell.last_mut() {
                    let closed = match mark {
                        '|' => format!("{last} |").trim().to_string(),
                        _ => format!("{}{mark}", last.trim()),
                    };
                    *last = closed;
                }
                lines.extend(cell);
            }
            if pad && row.pad() > 0 {
                lines.push(mark.to_string().repeat(row.pad()));
            }
            lines
        })
        .collect()
}

/// Family 4: `规章` / `|` / `0` / `|` / … / `||`: a `|` line after every cell (a blank cell is an
/// empty line), the row ended by `|` × (padding + 2).
fn cell_bar(t: &Table, _rng: &mut Rng) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|row| {
            let mut lines = Vec::new();
            for c in row.cells() {
                lines.extend(text_lines(&c.text));
                lines.push("|".to_string());
            }
            lines.push("|".repeat(row.pad() + 2));
            lines
        })
        .collect()
}

/// Family 5: One plain cell per line (a blank cell is an empty line); no blank lines, a blank line
/// between rows, or a blank line after every cell.
fn cell_plain(t: &Table, rng: &mut Rng) -> Vec<Vec<String>> {
    let gaps = rng.usize(0..4);
    let empty = Cell {
        text: String::new(),
        col: 0,
        span: 1,
    };
    t.rows
        .iter()
        .map(|row| {
            let mut lines = Vec::new();
            // docx2txt (gaps 3) prints the positions a merge from a row above covers as empty
            // cells; the others leave them out.
            let mut cells: Vec<&Cell> = Vec::new();
            let mut col = 0;
            for c in row.cells() {
                while gaps == 3 && col < c.col {
                    cells.push(&empty);
                    col += 1;
                }
                cells.push(c);
                col = c.col + c.span;
            }
            while gaps == 3 && col < t.columns {
                cells.push(&empty);
                col += 1;
            }
            for c in cells {
                lines.extend(text_lines(&c.text));
                if gaps >= 2 {
                    lines.push(String::new());
                }
            }
            if gaps == 1 {
                lines.push(String::new());
            }
            lines
        })
        .collect()
}

/// Family 6: Tab-separated: grid positions (merged positions empty, as the render writer and
/// LibreOffice write), or the cells followed by one tab per merged position (as browsers copy).
fn tabs(t: &Table, rng: &mut Rng) -> Vec<Vec<String>> {
    let grid = rng.bool();
    t.rows
        .iter()
        .map(|row| {
            let line = if grid {
                let mut positions = vec![""; t.columns];
                for c in row.cells() {
                    if let Some(slot) = positions.get_mut(c.col) {
                        *slot = c.text.as_str();
                    }
                }
                positions.join("\t")
            } else {
                let mut parts: Vec<&str> = row.cells().map(|c| c.text.as_str()).collect();
                parts.extend(std::iter::repeat_n("", row.pad()));
                parts.join("\t")
            };
            vec![line]
        })
        .collect()
}

/// Family 7: `（一）予以公开 189 0 10 54 26 15 294`: single spaces, a blank cell leaves no trace.
fn single_spaces(t: &Table, _rng: &mut Rng) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|row| {
            let parts: Vec<&str> = row
                .cells()
                .map(|c| c.text.as_str())
                .filter(|s| !s.is_empty())
                .collect();
            vec![parts.join(" ")]
        })
        .collect()
}

/// Family 8: Columns aligned on the official grid, two or more spaces between cells: each grid
/// column as wide as its widest one-column cell; a merged cell starts at its first column
/// (pushed right when the text before it runs long); values left- or right-aligned.
fn aligned(t: &Table, rng: &mut Rng) -> Vec<Vec<String>> {
    let indent = rng.usize(0..6);
    let gap = rng.usize(2..5);
    let right = rng.bool();
    let mut width = vec![1usize; t.columns];
    for row in &t.rows {
        for c in row.cells().filter(|c| c.span == 1) {
            if let Some(w) = width.get_mut(c.col) {
                *w = (*w).max(display_width(&c.text));
            }
        }
    }
    let mut start = vec![indent; t.columns + 1];
    for (c, w) in width.iter().enumerate() {
        start[c + 1] = start[c] + w + gap;
    }
    t.rows
        .iter()
        .map(|row| {
            let mut line = String::new();
            let mut at = 0usize; // display column after the text so far
            let cells = row
                .labels
                .iter()
                .map(|c| (c, false))
                .chain(row.values.iter().map(|c| (c, true)));
            for (c, is_value) in cells {
                if c.text.is_empty() {
                    continue;
                }
                let w = display_width(&c.text);
                let from = start[c.col.min(t.columns)];
                let to = start[(c.col + c.span).min(t.columns)].saturating_sub(gap);
                let mut want = if right && is_value {
                    to.saturating_sub(w).max(from)
                } else {
                    from
                };
                if !line.is_empty() {
                    want = want.max(at + 2);
                }
                line.push_str(&" ".repeat(want.saturating_sub(at)));
                line.push_str(&c.text);
                at = want.max(at) + w;
            }
            vec![line]
        })
        .collect()
}

/// Family 9: a content-order dump (pdfminer): each table's labels one per line, then its
/// values column by column, top to bottom, blanks left out. Which value is whose cannot be
/// told from the text: never a wrong value is all that is asked.
fn column_order(t: &Table, _rng: &mut Rng) -> Vec<Vec<String>> {
    let mut lines: Vec<String> = t
        .rows
        .iter()
        .flat_map(|r| r.labels.iter().flat_map(|c| text_lines(&c.text)))
        .collect();
    for col in 0..t.columns {
        for row in &t.rows {
            let at = row
                .values
                .iter()
                .filter(|c| c.col == col && !c.text.is_empty());
            lines.extend(at.map(|c| c.text.clone()));
        }
    }
    let mut rows = vec![Vec::new(); t.rows.len()];
    rows[0] = lines;
    rows
}

// ---------------------------------------------------------------------------------------------
// Modifiers and the document
// ---------------------------------------------------------------------------------------------

/// The modifiers of one document.
#[derive(Debug, Clone, Copy, Default)]
struct Mods {
    blanks: bool,
    marks: bool,
    pages: bool,
    broken: bool,
    header_words: bool,
    prose: bool,
    /// Two neighbouring values of a few table 三 rows in one cell (`| 409 47 |`, a converter
    /// that merged cells).
    glued: bool,
    /// A few rows print their values on the line above their label (a label centred on its
    /// numbers, single-space family).
    above: bool,
    /// Table 三's header rows printed again after a page break inside it.
    repeat_header: bool,
    /// Table lines wrapped at this display width, at a space where there is one (single-space
    /// family: a converter's fixed page width).
    wrap: Option<usize>,
}

impl Mods {
    fn random(rng: &mut Rng, family: &Family) -> Self {
        Mods {
            blanks: rng.u32(..10) < 3,
            marks: rng.u32(..10) < 4,
            pages: rng.u32(..10) < 3,
            broken: family.cell_per_line && rng.u32(..10) < 4,
            header_words: !family.cell_per_line && rng.u32(..10) < 3,
            prose: rng.bool(),
            glued: matches!(family.name, "1-pipes-after" | "2-markdown" | "6-tabs")
                && rng.u32(..10) < 3,
            above: family.name == "7-single-spaces" && rng.u32(..10) < 4,
            repeat_header: !family.cell_per_line && family.name != "9-columns" && rng.bool(),
            wrap: (family.name == "7-single-spaces" && rng.u32(..10) < 3)
                .then(|| rng.usize(24..60)),
        }
    }

    fn names(&self) -> Vec<&'static str> {
        [
            (self.blanks, "blanks"),
            (self.marks, "marks"),
            (self.pages, "pages"),
            (self.broken, "broken"),
            (self.header_words, "header_words"),
            (self.prose, "prose"),
            (self.glued, "glued"),
            (self.above, "above"),
            (self.pages && self.repeat_header, "repeat_header"),
            (self.wrap.is_some(), "wrap"),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| name)
        .collect()
    }
}

/// Breaks labels (and table 三's header words) over two lines at a random character, at
/// least three characters on the first line so no piece reads as a number (`1.` / `属于…`).
fn break_labels(t: &mut Table, rng: &mut Rng) {
    let key = t.key;
    for row in &mut t.rows {
        if row.is_header() && key != "applications" {
            continue;
        }
        for c in &mut row.labels {
            let chars: Vec<char> = c.text.chars().collect();
            if chars.len() >= 4 && rng.u32(..3) == 0 {
                let at = rng.usize(3..chars.len());
                let first: String = chars[..at].iter().collect();
                let second: String = chars[at..].iter().collect();
                c.text = format!("{first}\n{second}");
            }
        }
    }
}

/// Joins two neighbouring values into one cell in 1–3 data rows. They keep their order, so
/// they may be read where the row's sum confirms them; never as one number.
fn glue_values(t: &mut Table, rng: &mut Rng) {
    for _ in 0..rng.usize(1..=3) {
        let r = rng.usize(..t.rows.len());
        let row = &mut t.rows[r];
        let n = row.values.len();
        if n < 2 || row.values.iter().any(|c| c.text.is_empty()) {
            continue;
        }
        let k = rng.usize(..n - 1);
        let next = row.values.remove(k + 1);
        let cell = &mut row.values[k];
        cell.text = format!("{} {}", cell.text, next.text);
        cell.span += next.span;
    }
}

/// A line wrapped at `width` display columns: at the last space that fits, else (a run of
/// ideographs) at the width; a number is never cut.
fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line.trim_end().to_string();
    while display_width(&rest) > width {
        let mut cut = 0; // byte offset where the width is reached
        let mut w = 0;
        for (i, c) in rest.char_indices() {
            w += display_width(&c.to_string());
            if w > width {
                break;
            }
            cut = i + c.len_utf8();
        }
        let at_space = rest[..cut].rfind(' ').filter(|&i| i > 0);
        let at = match at_space {
            Some(i) => i,
            None => {
                // Never inside a number: back up to the start of a digit run.
                let digits = rest[..cut].len()
                    - rest[..cut]
                        .trim_end_matches(|c: char| c.is_ascii_digit())
                        .len();
                if digits == cut || cut == 0 {
                    break;
                }
                cut - digits
            }
        };
        if at == 0 {
            break;
        }
        out.push(rest[..at].trim_end().to_string());
        rest = rest[at..].trim_start().to_string();
    }
    out.push(rest);
    out
}

/// A page footer and the next page's running head.
fn page_break(page: usize, head: &str, rng: &mut Rng) -> Vec<String> {
    let number = if rng.bool() {
        format!("- {page} -")
    } else {
        format!("第 {page} 页 共 9 页")
    };
    let head = if rng.bool() {
        format!("\u{c}{head}") // pdftotext's form feed
    } else {
        head.to_string()
    };
    let mut lines = vec![number, head];
    if rng.bool() {
        lines.insert(1, String::new());
    }
    lines
}

/// A sentence with numbers and units, as reports put under a table.
fn prose_after(report: &Report, key: &str) -> String {
    let num = |v: Option<Num>| v.unwrap_or(Num(0.0)).to_string();
    let a = &report.active;
    let rl = &report.review_litigation;
    match key {
        "active" => format!(
            "全年作出行政许可决定 {} 件，行政处罚决定 {} 件。",
            num(a.licensing),
            num(a.punishment)
        ),
        "applications" => format!(
            "全年共收到申请 {} 件，办结 {} 件。",
            num(report.applications.row(0)[6]),
            num(report.applications.row(23)[6])
        ),
        _ => {
            let litigation: f64 = [rl.litigation_direct[4], rl.litigation_after_review[4]]
                .iter()
                .flatten()
                .map(|x| x.0)
                .sum();
            format!(
                "全年被申请行政复议 {} 件，提起行政诉讼 {} 件。",
                num(rl.review[4]),
                Num(litigation)
            )
        }
    }
}

/// The document: title, headings and prose as lines, the tables in `family`.
fn write_document(
    report: &Report,
    tables: &[Table],
    family: &Family,
    mods: &Mods,
    rng: &mut Rng,
) -> String {
    let agency = report.agency.as_deref().unwrap_or("");
    let year = report.year.unwrap_or(2023);
    let title = format!("{agency}{year}年政府信息公开工作年度报告");
    let head = if rng.bool() {
        title.clone()
    } else {
        format!("{year}年政府信息公开工作年度报告")
    };
    // Every table is written with a generator from this seed: the same style draws, as one
    // extractor wrote the whole document.
    let style_seed = rng.u64(..);
    let mut page = 1usize;
    let mut lines = vec![title];
    for (i, heading) in SECTION_HEADINGS.iter().enumerate() {
        lines.push(heading.to_string());
        if let Some(s) = report.sections.iter().find(|s| s.number as usize == i + 1) {
            lines.extend(s.text.lines().map(str::to_string));
        }
        for t in tables.iter().filter(|t| t.section == i) {
            let written = (family.write)(t, &mut Rng::with_seed(style_seed));
            let header: Vec<String> = t
                .rows
                .iter()
                .zip(&written)
                .take_while(|(row, _)| row.is_header())
                .flat_map(|(_, l)| l.clone())
                .collect();
            let breaks: Vec<usize> = if mods.pages {
                (0..rng.usize(1..=2))
                    .map(|_| rng.usize(1..t.rows.len()))
                    .collect()
            } else {
                Vec::new()
            };
            for (r, (row, row_lines)) in t.rows.iter().zip(written).enumerate() {
                if breaks.contains(&r) {
                    page += 1;
                    lines.extend(page_break(page, &head, rng));
                    if mods.repeat_header && t.key == "applications" {
                        lines.extend(header.iter().cloned());
                    }
                }
                if mods.header_words && t.key == "applications" && row.is_header() {
                    for c in &row.labels {
                        lines.extend(text_lines(&c.text));
                    }
                } else if mods.above && !row.is_header() && rng.u32(..4) == 0 {
                    // The numbers first, then the labels on the line below.
                    let values: Vec<&str> = row
                        .values
                        .iter()
                        .map(|c| c.text.as_str())
                        .filter(|v| !v.is_empty())
                        .collect();
                    let labels: Vec<&str> = row.labels.iter().map(|c| c.text.as_str()).collect();
                    lines.push(values.join(" "));
                    lines.push(labels.join(" "));
                } else if let Some(width) = mods.wrap {
                    lines.extend(row_lines.iter().flat_map(|l| wrap(l, width)));
                } else {
                    lines.extend(row_lines);
                }
            }
            if mods.prose {
                lines.push(prose_after(report, t.key));
            }
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// One generated document and what it shows.
struct Generated {
    seed: u64,
    family: &'static Family,
    mods: Mods,
    report: Report,
    text: String,
    /// Per value of `Report::values()`: the number the text shows, `None` for a blank.
    truth: Vec<Option<f64>>,
}

impl Generated {
    /// The family, with the modifiers that can leave a value unplaceable (`+blanks`,
    /// `+broken`, `+glued`, `+above`, `+wrap`): the read-everything check holds only without
    /// them.
    fn key(&self) -> String {
        let mut key = self.family.name.to_string();
        if self.mods.blanks {
            key.push_str("+blanks");
        }
        if self.mods.broken {
            key.push_str("+broken");
        }
        if self.mods.glued {
            key.push_str("+glued");
        }
        if self.mods.above {
            key.push_str("+above");
        }
        if self.mods.wrap.is_some() {
            key.push_str("+wrap");
        }
        key
    }
}

fn generate(seed: u64) -> Generated {
    let family = &FAMILIES[(seed % FAMILIES.len() as u64) as usize];
    let mut rng = Rng::with_seed(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x1A70_F022);
    let mods = Mods::random(&mut rng, family);
    let report = sample::report(seed);
    let numbers = report.numbers();
    let mut blank = vec![false; numbers.len()];
    if mods.blanks && !numbers.is_empty() {
        for _ in 0..rng.usize(1..=5) {
            blank[rng.usize(..numbers.len())] = true;
        }
        // Table 四's last 15 numbers: a whole group left blank, as an agency with no cases
        // of a kind prints it, in a third of these documents.
        if numbers.len() >= 15 && rng.u32(..3) == 0 {
            let group = numbers.len() - 15 + 5 * rng.usize(..3);
            blank[group..group + 5].fill(true);
        }
    }
    let mut printed = Vec::with_capacity(numbers.len());
    let mut truth = Vec::with_capacity(numbers.len());
    for (i, v) in numbers.iter().enumerate() {
        match v {
            Some(n) if !blank[i] => {
                let text = if mods.marks && n.0 == 0.0 && rng.bool() {
                    ["-", "/", "无"][rng.usize(..3)].to_string()
                } else {
                    n.to_string()
                };
                printed.push(text);
                truth.push(Some(n.0));
            }
            _ => {
                printed.push(String::new());
                truth.push(None);
            }
        }
    }
    let mut tables = layout_tables(&printed);
    if mods.broken {
        for t in &mut tables {
            break_labels(t, &mut rng);
        }
    }
    if mods.glued {
        if let Some(t) = tables.iter_mut().find(|t| t.key == "applications") {
            glue_values(t, &mut rng);
        }
    }
    let text = write_document(&report, &tables, family, &mods, &mut rng);
    Generated {
        seed,
        family,
        mods,
        report,
        text,
        truth,
    }
}

// ---------------------------------------------------------------------------------------------
// Judging
// ---------------------------------------------------------------------------------------------

/// How one parsed document compares with what was written.
#[derive(Debug, Default)]
struct Verdict {
    /// Values the text shows.
    shown: usize,
    /// Of those, read right.
    read: usize,
    /// Wrong values and values read from blank cells.
    wrong: Vec<String>,
    /// Values shown but read as null.
    missed: Vec<String>,
}

fn judge(truth: &[Option<f64>], got: &Report) -> Verdict {
    let have = got.numbers();
    let mut v = Verdict::default();
    for (i, want) in truth.iter().enumerate() {
        let path = Report::value_path(i).unwrap_or("?");
        let read = have.get(i).copied().flatten().map(|n| n.0);
        match (*want, read) {
            (Some(a), Some(b)) if (a - b).abs() < 1e-9 => {
                v.shown += 1;
                v.read += 1;
            }
            (Some(a), Some(b)) => {
                v.shown += 1;
                v.wrong.push(format!("{path}: wrote {a}, read {b}"));
            }
            (Some(_), None) => {
                v.shown += 1;
                v.missed.push(path.to_string());
            }
            (None, Some(b)) => v.wrong.push(format!("{path}: blank in the text, read {b}")),
            (None, None) => {}
        }
    }
    v
}

/// Saves the whole text where it can be parsed again; returns where (or why not).
fn save(g: &Generated) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("layout_fuzz-{}.txt", g.seed));
    match std::fs::write(&path, &g.text) {
        Ok(()) => path.display().to_string(),
        Err(e) => format!("not saved: {e}"),
    }
}

/// Seed, family, modifiers, the problems and the text's first 80 lines.
fn describe(g: &Generated, problems: &[String]) -> String {
    let more = problems.len().saturating_sub(20);
    let more_line = format!("… and {more} more");
    let mut listed: Vec<&str> = problems.iter().take(20).map(String::as_str).collect();
    if more > 0 {
        listed.push(more_line.as_str());
    }
    let head: Vec<&str> = g.text.lines().take(80).collect();
    format!(
        "seed {} · family {} · modifiers [{}]\n  {}\nwhole text: {}\n--- first 80 lines ---\n{}\n---",
        g.seed,
        g.family.name,
        g.mods.names().join(", "),
        listed.join("\n  "),
        save(g),
        head.join("\n")
    )
}

/// Values shown and read over some documents.
#[derive(Debug, Default)]
struct Tally {
    docs: usize,
    shown: usize,
    read: usize,
    /// The first document that missed values.
    example: Option<String>,
}

impl Tally {
    fn add(&mut self, v: &Verdict) {
        self.docs += 1;
        self.shown += v.shown;
        self.read += v.read;
    }

    fn rate(&self) -> f64 {
        if self.shown == 0 {
            100.0
        } else {
            100.0 * self.read as f64 / self.shown as f64
        }
    }

    fn line(&self, name: &str) -> String {
        format!(
            "  {name:<30} {:>5} {:>8} {:>8} {:>7.2}%",
            self.docs,
            self.shown,
            self.read,
            self.rate()
        )
    }
}

/// The seeds to run: `XXGK_FUZZ_SEEDS` (`N` or `A..B`), else `0..SEEDS`.
fn seeds() -> std::ops::Range<u64> {
    let Ok(spec) = std::env::var("XXGK_FUZZ_SEEDS") else {
        return 0..SEEDS;
    };
    match spec.split_once("..") {
        Some((a, b)) => a.trim().parse().unwrap_or(0)..b.trim().parse().unwrap_or(SEEDS),
        None => 0..spec.trim().parse().unwrap_or(SEEDS),
    }
}

#[test]
fn layout_families_never_read_a_wrong_value() {
    let registry = xxgk::Registry::with_builtin();
    let opts = xxgk::ParseOptions::default();
    let range = seeds();
    let started = Instant::now();
    let mut families: BTreeMap<String, Tally> = BTreeMap::new();
    let mut modifiers: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut combos: BTreeMap<(String, &'static str), Tally> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    let mut wrong_docs = 0usize;
    let mut docs = 0usize;
    let mut agency_year = 0usize;
    for seed in range.clone() {
        let g = generate(seed);
        docs += 1;
        let parsed = xxgk::parse_bytes(
            &registry,
            g.text.as_bytes(),
            Path::new("layout-fuzz.txt"),
            &opts,
        );
        let report = match parsed {
            Ok(r) => r,
            Err(e) => {
                wrong_docs += 1;
                if failures.len() < MAX_SHOWN {
                    failures.push(describe(&g, &[format!("parse error: {e}")]));
                }
                continue;
            }
        };
        let v = judge(&g.truth, &report);
        if !v.wrong.is_empty() {
            wrong_docs += 1;
            eprintln!(
                "wrong: seed {seed} · {} · {:?} · {} values",
                g.key(),
                g.mods.names(),
                v.wrong.len()
            );
            if failures.len() < MAX_SHOWN {
                failures.push(describe(&g, &v.wrong));
            }
        }
        if report.agency == g.report.agency && report.year == g.report.year {
            agency_year += 1;
        }
        let key = g.key();
        let tally = families.entry(key.clone()).or_default();
        tally.add(&v);
        if tally.example.is_none() && !v.missed.is_empty() {
            let missed: Vec<String> = v.missed.iter().map(|p| format!("not read: {p}")).collect();
            tally.example = Some(describe(&g, &missed));
        }
        let mut names = g.mods.names();
        if names.is_empty() {
            names.push("(none)");
        }
        for name in names {
            modifiers.entry(name).or_default().add(&v);
            combos.entry((key.clone(), name)).or_default().add(&v);
        }
    }

    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "layout fuzz: {docs} documents (seeds {}..{}) in {secs:.1} s ({:.1} ms each); \
         agency and year read in {agency_year}",
        range.start,
        range.end,
        1000.0 * secs / docs.max(1) as f64
    );
    let header = format!(
        "  {:<30} {:>5} {:>8} {:>8} {:>8}",
        "", "docs", "shown", "read", "rate"
    );
    eprintln!("read rates by family:\n{header}");
    for (name, t) in &families {
        let held = if FULL_READ.contains(&name.as_str()) {
            "  (must be 100%)"
        } else {
            ""
        };
        eprintln!("{}{held}", t.line(name));
    }
    eprintln!("read rates by modifier:\n{header}");
    for (name, t) in &modifiers {
        eprintln!("{}", t.line(name));
    }
    let partial: Vec<String> = combos
        .iter()
        .filter(|(_, t)| t.read < t.shown)
        .map(|((family, modifier), t)| t.line(&format!("{family} × {modifier}")))
        .collect();
    if !partial.is_empty() {
        eprintln!(
            "family × modifier below 100%:\n{header}\n{}",
            partial.join("\n")
        );
    }

    assert!(
        failures.is_empty(),
        "{wrong_docs} of {docs} documents read a wrong value (or failed to parse); the first \
         {}:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    let short: Vec<String> = families
        .iter()
        .filter(|(name, t)| FULL_READ.contains(&name.as_str()) && t.read < t.shown)
        .map(|(name, t)| {
            format!(
                "{name}: read {} of {} values shown; first document with a miss:\n{}",
                t.read,
                t.shown,
                t.example.as_deref().unwrap_or("(none kept)")
            )
        })
        .collect();
    assert!(
        short.is_empty(),
        "families in FULL_READ left values unread:\n\n{}",
        short.join("\n\n")
    );
}
