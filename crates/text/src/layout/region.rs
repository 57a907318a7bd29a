//! Table regions (runs of tab-separated, pipe and one-cell lines): read a row per line or a cell
//! per line, a blank line ending a row.

use super::*;

/// First line after the table region starting at `start`. A plain line belongs to the region
/// only where it continues an open cell (`\tcell` has no closing mark, so a label broken over
/// lines goes on); after a cell closed by a pipe, a plain line is text of its own.
pub(super) fn region_end(lines: &[Line], start: usize) -> usize {
    let mut end = start;
    let mut j = start;
    let open_cell = |l: &Line| l.is_one_cell() && !l.closes_cell();
    while j < lines.len() {
        let l = &lines[j];
        let continuation = matches!(l, Line::Plain(_))
            && j > start
            && (open_cell(&lines[j - 1])
                || matches!(lines[j - 1], Line::Plain(_))
                    && j >= start + 2
                    && open_cell(&lines[j - 2])
                || starts_next_cell(lines, j));
        if l.is_table_like() || continuation {
            j += 1;
            end = j;
        } else if matches!(l, Line::Blank | Line::Furniture) {
            j += 1;
        } else {
            break;
        }
    }
    end
}

/// A plain line after a closed cell and right before a cell closed by a pipe is the start of
/// that cell (a label broken over lines: `行政许` / `可 |`), unless it is a heading or prose
/// of its own (`三、收到和处理…`, a sentence).
pub(super) fn starts_next_cell(lines: &[Line], j: usize) -> bool {
    let Some(Line::Plain(t)) = lines.get(j) else {
        return false;
    };
    let previous = lines[..j].iter().rev().find(|l| **l != Line::Furniture);
    let t = t.trim();
    previous.is_some_and(Line::closes_cell)
        && matches!(lines.get(j + 1), Some(Line::PipeCell(_)))
        && !is_outline_heading(t)
        && !t.ends_with('。')
        && t.chars().count() <= 40
}

/// `一、…` to `十、…`: a numbered heading of the document's outline.
pub(super) fn is_outline_heading(t: &str) -> bool {
    let mut chars = t.chars();
    let numeral = chars
        .next()
        .is_some_and(|c| "一二三四五六七八九十".contains(c));
    numeral && chars.next() == Some('、')
}

pub(super) fn read_region(lines: &[Line], start: usize, end: usize) -> Table {
    let region = &lines[start..end];
    let rows = region.iter().filter(|l| l.is_row()).count();
    let one_cells = region.iter().filter(|l| l.is_one_cell()).count();
    let rows = if one_cells > rows {
        cell_per_line(region, start)
    } else {
        row_per_line(region, start)
    };
    Table {
        rows,
        source: line_ref(start, None),
    }
}

pub(super) fn row_per_line(region: &[Line], offset: usize) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (k, l) in region.iter().enumerate() {
        let idx = offset + k;
        match l {
            Line::Tabbed(parts) | Line::PipeRow(parts) => rows.push(
                parts
                    .iter()
                    .enumerate()
                    .map(|(c, t)| Cell::new(t.clone(), c as u32, line_ref(idx, Some(c))))
                    .collect(),
            ),
            Line::PipeCell(t) => rows.push(vec![Cell::new(t.clone(), 0, line_ref(idx, Some(0)))]),
            Line::Plain(t) => {
                if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.text.push('\n');
                    cell.text.push_str(t.trim());
                }
            }
            Line::Blank
            | Line::Separator
            | Line::EmptyCell
            | Line::Padding
            | Line::Furniture
            | Line::RowMark => {}
        }
    }
    rows
}

/// What a cell's text looks like to a layout reader: a value (a number, or a mark of nothing
/// such as `/` or `-`), empty, or text.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Empty,
    Value,
    Text,
}

pub(super) fn kind(text: &str) -> Kind {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        Kind::Empty
    } else if is_value_token(t) {
        Kind::Value
    } else {
        Kind::Text
    }
}

/// A number as a table prints it (`12`, `1,234`, `５`, `-3`, `0.5`) or a mark of nothing
/// (`-`, `/`, `—`, `无`).
pub(crate) fn is_value_token(t: &str) -> bool {
    if t.is_empty() {
        return false;
    }
    if matches!(t, "/" | "／" | "\\" | "无" | "無") || t.chars().all(|c| "-－—–".contains(c))
    {
        return true;
    }
    let mapped: String;
    let ascii = if t.is_ascii() {
        t
    } else {
        mapped = t
            .chars()
            .map(|c| match c {
                '０'..='９' | '，' | '．' | '－' | '＋' => {
                    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                }
                c => c,
            })
            .collect();
        &mapped
    };
    let body = ascii.strip_prefix(['-', '+']).unwrap_or(ascii);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int_ok = if int.contains(',') {
        let mut groups = int.split(',');
        groups
            .next()
            .is_some_and(|g| (1..=3).contains(&g.len()) && digits(g))
            && groups.all(|g| g.len() == 3 && digits(g))
    } else {
        digits(int)
    };
    int_ok && frac.is_none_or(digits)
}

/// One cell per line. A row ends at a blank line, and where a text cell follows the values of
/// the row or a line of one pipe (extractors that write every cell on its own line without
/// marking rows write a pipe for an empty cell, or to open a row).
/// A cell closed by a pipe is complete: a plain line after it starts the next cell.
pub(super) fn cell_per_line(region: &[Line], offset: usize) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    // What each cell of the open row is; `None` for a line of one pipe.
    let mut kinds: Vec<Option<Kind>> = Vec::new();
    // The start of the next cell's text, from plain lines after a closed cell.
    let mut opening: Option<(String, usize)> = None;
    let mut push =
        |rows: &mut Vec<Vec<Cell>>, row: &mut Vec<Cell>, text: &str, idx: usize, pipe: bool| {
            if row.is_empty() {
                kinds.clear();
            }
            let k = kind(text);
            if k == Kind::Text
                && kinds
                    .iter()
                    .rev()
                    .take_while(|k| **k != Some(Kind::Text))
                    .any(|k| *k != Some(Kind::Empty))
            {
                end_row(rows, row);
                kinds.clear();
            }
            kinds.push((!pipe).then_some(k));
            let col = row.len();
            row.push(Cell::new(text, col as u32, line_ref(idx, Some(col))));
        };
    for (k, l) in region.iter().enumerate() {
        let idx = offset + k;
        let mut cell =
            |rows: &mut Vec<Vec<Cell>>, row: &mut Vec<Cell>, t: &str, pipe: bool| match opening
                .take()
            {
                Some((start, at)) => push(rows, row, &format!("{start}\n{t}"), at, pipe),
                None => push(rows, row, t, idx, pipe),
            };
        match l {
            Line::Tabbed(parts) => {
                let skip = usize::from(parts.first().is_some_and(|p| p.trim().is_empty()));
                for p in &parts[skip..] {
                    cell(&mut rows, &mut row, p, false);
                }
            }
            Line::PipeCell(t) => cell(&mut rows, &mut row, t, false),
            Line::EmptyCell => cell(&mut rows, &mut row, "", true),
            Line::PipeRow(parts) => {
                for p in parts {
                    cell(&mut rows, &mut row, p, false);
                }
            }
            Line::Plain(t) => {
                let previous = region[..k].iter().rev().find(|l| **l != Line::Furniture);
                let closed = previous.is_some_and(Line::closes_cell) || opening.is_some();
                match (closed, row.last_mut(), opening.as_mut()) {
                    (true, _, Some((start, _))) => {
                        start.push('\n');
                        start.push_str(t.trim());
                    }
                    (false, Some(c), _) => {
                        c.text.push('\n');
                        c.text.push_str(t.trim());
                    }
                    _ => opening = Some((t.trim().to_string(), idx)),
                }
            }
            Line::Blank | Line::Separator | Line::RowMark => end_row(&mut rows, &mut row),
            Line::Padding | Line::Furniture => {}
        }
    }
    if let Some((t, at)) = opening {
        push(&mut rows, &mut row, &t, at, false);
    }
    end_row(&mut rows, &mut row);
    rows
}

/// Closes a row: one with nothing but empty cells is a row mark, not a row.
pub(super) fn end_row(rows: &mut Vec<Vec<Cell>>, row: &mut Vec<Cell>) {
    if row.iter().any(|c| kind(&c.text) != Kind::Empty) {
        rows.push(std::mem::take(row));
    } else {
        row.clear();
    }
}
