//! Lines laid out with spaces, as converters print tables: cells split on gaps of two or more
//! spaces, each keeping its display-column extent; a label and its values separated by single
//! spaces.

use super::*;

/// A label and its values separated by single spaces (`（一）予以公开 189 0 10 54 26 15 294`,
/// `规章 0 0 0`), or two values or more alone (`53 3 24 8 0 0 88`): the label, then each value.
/// A sentence is not a row: values must end the line, the label has no sentence punctuation
/// outside brackets, and the next line does not go on with a unit (`434` / `件，…`).
pub(super) fn spaced_row<'a>(line: &'a str, next: Option<&Line>) -> Option<Vec<&'a str>> {
    if !line
        .split_whitespace()
        .next_back()
        .is_some_and(is_value_token)
    {
        return None;
    }
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let values = tokens
        .iter()
        .rev()
        .take_while(|t| is_value_token(t))
        .count();
    let label_tokens = tokens.len() - values;
    if values == 0 || (label_tokens == 0 && values < 2) {
        return None;
    }
    if label_tokens == 0 && tokens.iter().all(|t| !t.chars().any(|c| c.is_numeric())) {
        return None; // marks alone (`— —`) are a rule, not a row
    }
    let continues_with_unit = matches!(next, Some(Line::Plain(n)) if n.trim_start().starts_with(
        |c: char| "件项个条次人宗元万，。；、,;".contains(c)));
    if continues_with_unit {
        return None;
    }
    let mut pieces = Vec::with_capacity(values + 1);
    if label_tokens > 0 {
        // Tokens are slices of `line`: their offsets bound the label exactly.
        let offset = |t: &str| t.as_ptr() as usize - line.as_ptr() as usize;
        let last = tokens[label_tokens - 1];
        let label = &line[offset(tokens[0])..offset(last) + last.len()];
        if is_value_token(tokens[0]) || is_sentence(label) {
            return None;
        }
        pieces.push(label);
    }
    pieces.extend(&tokens[label_tokens..]);
    Some(pieces)
}

/// Sentence punctuation outside brackets: prose, not a row label (a label may carry a
/// bracketed note with commas: `（区分处理的，只计这一情形，不计其他情形）`).
pub(super) fn is_sentence(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth -= 1,
            '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' if depth <= 0 => return true,
            _ => {}
        }
    }
    false
}

/// A gap that separates two cells on a laid-out line: two or more spaces, or an ideographic
/// space (U+3000), which converters use for wide gaps.
pub(super) fn is_gap(line: &str, at: usize) -> bool {
    let rest = &line[at..];
    rest.starts_with("  ") || rest.starts_with('\u{3000}') || rest.starts_with(" \u{3000}")
}

/// A gap between two cells somewhere inside the text.
pub(super) fn has_gap(text: &str) -> bool {
    text.contains("  ") || text.contains('\u{3000}')
}

/// Splits a laid-out line into cells with their display-column extents.
pub(super) fn positioned_cells(line: &str, index: usize) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut column = 0usize; // display column of the next character
    let mut start: Option<(usize, usize)> = None; // (byte, column) where the open cell starts
    let mut end = (0usize, 0usize); // (byte, column) after the open cell's last non-space
    let close = |cells: &mut Vec<Cell>, from: (usize, usize), to: (usize, usize)| {
        let text = line[from.0..to.0].to_string();
        let col = cells.len() as u32;
        let source = SourceRef::LineColumn {
            line: index as u32 + 1,
            column: from.1 as u32 + 1,
        };
        let extent = Extent {
            start: from.1 as f32,
            end: to.1 as f32,
        };
        cells.push(Cell::on_line(text, col, source, extent));
    };
    for (at, c) in line.char_indices() {
        let width = if c == '\t' { 1 } else { c.width().unwrap_or(0) };
        if c.is_whitespace() {
            if let Some(from) = start {
                if is_gap(line, at) {
                    close(&mut cells, from, end);
                    start = None;
                }
            }
        } else {
            if start.is_none() {
                start = Some((at, column));
            }
            end = (at + c.len_utf8(), column + width);
        }
        column += width;
    }
    if let Some(from) = start {
        close(&mut cells, from, end);
    }
    cells
}

pub(super) fn line_ref(index: usize, cell: Option<usize>) -> SourceRef {
    SourceRef::Line {
        line: index as u32 + 1,
        cell: cell.map(|c| c as u32 + 1),
    }
}
