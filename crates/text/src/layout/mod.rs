//! Text layout: which lines are prose and which are table rows, in the layouts web copies show.
//!
//! A *table region* is a run of table-like lines (tab-separated, pipe rows, one-cell lines)
//! with blank and `---` lines allowed inside. A region is read in one of two modes:
//! - **row per line**: each line is a row, cells split on tabs (or pipes);
//! - **cell per line**: each line `\tcell` (or `cell |`) is one cell, a blank line ends the row,
//!   and a plain line right after a cell continues that cell (a label broken over two lines).
//!
//! Every other line is laid out by position, as converters print tables (`pdftotext -layout`,
//! w3m, lynx, html2text): it splits into cells on runs of two or more spaces (or U+3000), and
//! each cell keeps its display-column extent (a CJK character is 2 wide). A line of two or more
//! cells is a *positioned row*; consecutive positioned rows form one table with no grid. A line
//! of one cell is a paragraph. Which positioned cells belong together is the normalizer's job:
//! this module only reports where the text is.

mod clean;
mod furniture;
mod grid;
mod positioned;
mod region;
use clean::*;
use furniture::*;
use grid::*;
use positioned::*;
use region::*;

use unicode_width::UnicodeWidthChar;
use xxgk_model::furniture::is_page_number;
use xxgk_model::{Block, Cell, Document, Extent, Paragraph, SourceRef, Table};

#[derive(Debug, Clone, PartialEq)]
enum Line {
    Blank,
    Separator,
    /// Split on tabs; `["", x]` is a one-cell line.
    Tabbed(Vec<String>),
    /// Cells between pipes: `| a | b |`, `a | b | c |`, `a | b`.
    PipeRow(Vec<String>),
    /// One cell closed by a pipe: `cell |` (a merged cell's padding `cell | |||` included).
    PipeCell(String),
    /// A line of one pipe and nothing else: an empty cell, or the mark that opens a row.
    EmptyCell,
    /// Two or more pipes and nothing else: the padding an extractor writes for merged cells.
    Padding,
    /// A page number, or a running head beside one: not content, and no boundary either.
    Furniture,
    /// `<tr>` or `</tr>` of an HTML table a markdown writer left in the text: a row ends.
    RowMark,
    Plain(String),
}

impl Line {
    fn is_one_cell(&self) -> bool {
        match self {
            Line::Tabbed(parts) => parts.len() == 2 && parts[0].trim().is_empty(),
            Line::PipeCell(_) | Line::EmptyCell => true,
            _ => false,
        }
    }
    fn is_row(&self) -> bool {
        matches!(self, Line::Tabbed(_) | Line::PipeRow(_)) && !self.is_one_cell()
    }
    fn is_table_like(&self) -> bool {
        self.is_one_cell()
            || matches!(
                self,
                Line::Tabbed(_)
                    | Line::PipeRow(_)
                    | Line::Separator
                    | Line::Padding
                    | Line::RowMark
            )
    }
    /// A line that closes the cell it holds: a plain line after it starts the next cell.
    fn closes_cell(&self) -> bool {
        matches!(self, Line::PipeCell(_) | Line::EmptyCell | Line::Padding)
    }
}

fn classify(raw: &str) -> Line {
    let line = strip_noise(raw.trim_end_matches('\r'));
    if is_blank(&line) && !line.contains('\t') {
        return Line::Blank;
    }
    let trimmed = line.trim();
    if trimmed.matches('-').count() >= 3
        && trimmed
            .chars()
            .all(|c| matches!(c, '-' | '|' | ':' | '+' | ' ' | '\t'))
    {
        return Line::Separator;
    }
    if line.contains('\t') {
        let parts: Vec<String> = line.split('\t').map(str::to_string).collect();
        if parts.len() > 1 && !parts[0].trim().is_empty() && parts[1..].iter().all(|p| is_blank(p))
        {
            // `cell\t`: one cell closed by a tab, as `cell |` is by a pipe
            return Line::PipeCell(parts[0].trim().to_string());
        }
        return Line::Tabbed(parts);
    }
    if trimmed.starts_with('<') {
        if let Some(l) = html_table_line(trimmed) {
            return l;
        }
    }
    if trimmed.contains(is_pipe) {
        return pipe_line(trimmed);
    }
    Line::Plain(line)
}

/// Splits text into paragraphs and tables.
pub(crate) fn read_lines(text: &str) -> Document {
    read_nested(text, 0)
}

/// How deep grid tables may nest in grid tables' cells.
const MAX_GRID_DEPTH: usize = 4;

fn read_nested(text: &str, depth: usize) -> Document {
    let mut lines: Vec<Line> = text.split('\n').map(classify).collect();
    // The raw lines are kept only where a grid table may be (its border has `+-`).
    let raw: Vec<&str> = if text.contains("+-") {
        text.split('\n').collect()
    } else {
        Vec::new()
    };
    join_html_cells(text, &mut lines);
    mark_furniture(&mut lines);
    tab_closed_cells(&mut lines);
    close_cells_by_separator_lines(&mut lines);
    let mut doc = Document::default();
    let mut i = 0;
    while i < lines.len() {
        if depth < MAX_GRID_DEPTH && raw.get(i).is_some_and(|l| is_grid_border(l)) {
            let end = (i + 1..raw.len())
                .find(|&j| !raw[j].trim_start().starts_with(['|', '+']))
                .unwrap_or(raw.len());
            doc.blocks
                .push(Block::Table(read_grid(&raw[i..end], i, depth)));
            i = end;
            continue;
        }
        match &lines[i] {
            Line::Blank | Line::Separator | Line::Furniture => i += 1,
            Line::Plain(t) => {
                // A line with no gap is one cell (prose, mostly): it joins a positioned table
                // only right under one of its rows, as a number (a piece a converter wrapped)
                // or with a positioned row below it too (a header word between header lines).
                let gap = has_gap(t.trim());
                let decorated = heading_text(t) != t.trim();
                let in_table = !gap
                    && !decorated
                    && matches!(doc.blocks.last(), Some(Block::Table(t)) if t.is_positioned() && ends_on(t, i))
                    && (is_digits(t.trim())
                        || matches!(lines.get(i + 1), Some(Line::Plain(next)) if has_gap(next.trim())));
                if !gap && !in_table && !decorated {
                    if let Some(pieces) = spaced_row(t, lines.get(i + 1)) {
                        // A row as PDF text extractors write it: flowing pieces, each on
                        // this line, placed by the reader by count (single spaces say
                        // nothing about columns).
                        for (k, piece) in pieces.into_iter().enumerate() {
                            doc.blocks.push(Block::Paragraph(Paragraph {
                                text: piece.to_string(),
                                source: line_ref(i, Some(k)),
                            }));
                        }
                        i += 1;
                        continue;
                    }
                }
                let cells = if gap || in_table {
                    positioned_cells(t, i)
                } else {
                    Vec::new()
                };
                if cells.len() >= 2 || (in_table && cells.len() == 1) {
                    match doc.blocks.last_mut() {
                        Some(Block::Table(table))
                            if table.is_positioned() && only_blank_since(&lines, table, i) =>
                        {
                            table.rows.push(cells);
                        }
                        _ => doc.blocks.push(Block::Table(Table {
                            rows: vec![cells],
                            source: line_ref(i, None),
                        })),
                    }
                } else {
                    doc.blocks.push(Block::Paragraph(Paragraph {
                        text: heading_text(t).to_string(),
                        source: line_ref(i, None),
                    }));
                }
                i += 1;
            }
            _ => {
                let end = region_end(&lines, i);
                let table = read_region(&lines, i, end);
                if !table.rows.is_empty() {
                    doc.blocks.push(Block::Table(table));
                }
                i = end;
            }
        }
    }
    doc
}

/// True when the last row of `table` is on the line right before line `index` (0-based).
fn ends_on(table: &Table, index: usize) -> bool {
    let last = table.rows.last().and_then(|r| r.first()).map(|c| &c.source);
    matches!(last, Some(SourceRef::LineColumn { line, .. }) if *line as usize == index)
}

/// Digits and thousands separators only (half- or full-width).
fn is_digits(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && text.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || ",，.．".contains(c)
                || c.is_whitespace()
        })
}

/// True when only blank lines lie between the last row of `table` and line `index`.
fn only_blank_since(lines: &[Line], table: &Table, index: usize) -> bool {
    let last = table
        .rows
        .last()
        .and_then(|r| r.first())
        .map_or(0, |c| match c.source {
            SourceRef::LineColumn { line, .. } => line as usize,
            _ => 0,
        });
    lines.get(last..index).is_some_and(|between| {
        between
            .iter()
            .all(|l| matches!(l, Line::Blank | Line::Furniture))
    })
}

/// A paragraph's text without the decoration some converters put around headings
/// (html2text's `****** 一、总体情况 ******`).
fn heading_text(line: &str) -> &str {
    let t = line.trim();
    // Markdown ATX headings: `# 一、总体情况`, `## 二、… ##`.
    let hashes = t.len() - t.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(char::is_whitespace) {
        return t[hashes..].trim().trim_end_matches('#').trim();
    }
    // Emphasis around a heading: `**四、…**`, html2text's `****** 一、总体情况 ******`, `__…__`.
    for mark in ['*', '_'] {
        let inner = t.trim_matches(mark).trim();
        let doubled = |s: &str| s.chars().take_while(|&c| c == mark).count() >= 2;
        if inner.len() < t.len() && doubled(t) && doubled(&t.chars().rev().collect::<String>()) {
            return inner;
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(doc: &Document) -> Vec<Vec<Vec<String>>> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(
                    t.rows
                        .iter()
                        .map(|r| r.iter().map(|c| c.text.clone()).collect())
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn tab_separated_rows_with_blank_lines_and_separators() {
        let text = "二、主动公开\n\n规章\t0\t1\t2\n\n行政许可\t5\n---\t---\n三、收到\n";
        let doc = read_lines(text);
        assert_eq!(
            tables(&doc),
            vec![vec![vec!["规章", "0", "1", "2"], vec!["行政许可", "5"]]]
        );
        let paras: Vec<_> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some((p.text.as_str(), p.source.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(paras[0].0, "二、主动公开");
        assert_eq!(paras[1], ("三、收到", line_ref(6, None)));
    }

    #[test]
    fn one_cell_per_line_with_continuations_and_bookmarks() {
        let text = "标题\n\t[bookmark: _Hlk1]5.要求行政机关确认或重新\n出具已获取信息\n\t0\n\t7\n\n\t\n\t（七）总计\n\t1\n\n\n五、存在的主要问题\n";
        let doc = read_lines(text);
        assert_eq!(
            tables(&doc),
            vec![vec![
                vec!["5.要求行政机关确认或重新\n出具已获取信息", "0", "7"],
                vec!["", "（七）总计", "1"]
            ]]
        );
        let last = doc.blocks.last();
        assert!(matches!(last, Some(Block::Paragraph(p)) if p.text == "五、存在的主要问题"));
    }

    #[test]
    fn markdown_pipe_rows_and_pipe_cells() {
        let text = "| 规章 | 0 | 0 | 3 |\n|---|---|---|---|\n| 行政许可 | 9 |\n";
        assert_eq!(
            tables(&read_lines(text)),
            vec![vec![vec!["规章", "0", "0", "3"], vec!["行政许可", "9"]]]
        );
        let cells = "规章 |\n0 |\n3 |\n\n行政许可 |\n9 |\n";
        assert_eq!(
            tables(&read_lines(cells)),
            vec![vec![vec!["规章", "0", "3"], vec!["行政许可", "9"]]]
        );
    }

    #[test]
    fn laid_out_lines_split_on_wide_gaps_with_display_extents() {
        let doc = read_lines("一、总体情况\n  规章  0\u{3000}12\n行政 许可     7\n");
        assert!(matches!(&doc.blocks[0], Block::Paragraph(p) if p.text == "一、总体情况"));
        let Some(Block::Table(t)) = doc.blocks.get(1) else {
            panic!("expected a positioned table, got {:?}", doc.blocks);
        };
        assert!(t.is_positioned());
        let row: Vec<(&str, f32, f32)> = t.rows[0]
            .iter()
            .map(|c| {
                (
                    c.text.as_str(),
                    c.extent.map_or(-1.0, |e| e.start),
                    c.extent.map_or(-1.0, |e| e.end),
                )
            })
            .collect();
        // 规章 is 4 columns wide (CJK characters are 2), U+3000 separates cells
        assert_eq!(
            row,
            vec![("规章", 2.0, 6.0), ("0", 8.0, 9.0), ("12", 11.0, 13.0)]
        );
        assert_eq!(
            t.rows[0][1].source,
            SourceRef::LineColumn { line: 2, column: 9 }
        );
        // a single space does not split a cell
        assert_eq!(t.rows[1][0].text, "行政 许可");
    }

    #[test]
    fn a_lone_number_under_a_laid_out_row_stays_in_its_table() {
        let doc = read_lines("规章    1,2    3\n         34\n二、主动公开\n");
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("{:?}", doc.blocks);
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][0].text, "34");
        assert!(matches!(doc.blocks.last(), Some(Block::Paragraph(p)) if p.text == "二、主动公开"));
    }

    #[test]
    fn cells_closed_by_a_pipe_or_a_tab_one_a_line() {
        for text in [
            "规章 |\n0 |\n|\n3 |\n行政许可 |\n9 |\n||\n",
            "规章\t\n0\t\n\t\n3\t\n行政许可\t\n9\t\n\t\t\n",
            "规章\n|\n0\n|\n|\n3\n|\n行政许可\n|\n9\n|\n||\n",
        ] {
            assert_eq!(
                tables(&read_lines(text)),
                vec![vec![vec!["规章", "0", "", "3"], vec!["行政许可", "9"]]],
                "{text:?}"
            );
        }
    }

    #[test]
    fn headings_in_any_dress() {
        for (line, text) in [
            ("# 一、总体情况", "一、总体情况"),
            ("## 二、主动公开政府信息情况 ##", "二、主动公开政府信息情况"),
            (
                "**四、政府信息公开行政复议、行政诉讼情况**",
                "四、政府信息公开行政复议、行政诉讼情况",
            ),
            (
                "****** 五、存在的主要问题及改进情况 ******",
                "五、存在的主要问题及改进情况",
            ),
            ("__六、其他需要报告的事项__", "六、其他需要报告的事项"),
            ("#标签", "#标签"),
            ("*注：单位为件", "*注：单位为件"),
        ] {
            assert_eq!(heading_text(line), text, "{line}");
        }
        // A decorated heading right under a laid-out table row is not one of its cells.
        let doc = read_lines("规章    0    3\n****** 四、行政复议 ******\n行政复议    行政诉讼\n");
        assert!(doc
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(p) if p.text == "四、行政复议")));
    }

    #[test]
    fn cells_keep_their_line_and_position() {
        let doc = read_lines("x\n行政处罚\t\u{3000}0\t\n");
        let Some(Block::Table(t)) = doc.blocks.get(1) else {
            panic!("expected a table, got {:?}", doc.blocks);
        };
        assert_eq!(t.rows[0][1].text, "\u{3000}0");
        assert_eq!(t.rows[0][1].source, line_ref(1, Some(1)));
        assert_eq!(t.rows[0][1].col, 1);
    }
}
