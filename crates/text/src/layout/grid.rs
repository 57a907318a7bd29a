//! Pandoc grid tables (`+---+` borders): cells joined over their lines, a report inside a grid
//! cell read as text again.

use super::*;

/// `+-----+-----+`: a border of a grid table (pandoc's plain and markdown writers).
pub(super) fn is_grid_border(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.starts_with('+')
        && t.ends_with('+')
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

/// A grid table: rows between borders, cells between pipes, a cell's text over as many lines
/// as its row has. A cell that holds a table or prose of its own (a page laid out in a grid:
/// a report inside a cell) is read as text again, its blocks kept in the cell, every place in
/// them a place in the whole text.
pub(super) fn read_grid(block: &[&str], offset: usize, depth: usize) -> Table {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut start = 0;
    for (k, line) in block.iter().enumerate().skip(1) {
        if is_grid_border(line) {
            if k > start + 1 {
                rows.push(grid_row(&block[start + 1..k], offset + start + 1, depth));
            }
            start = k;
        }
    }
    if block.len() > start + 1 {
        rows.push(grid_row(&block[start + 1..], offset + start + 1, depth));
    }
    Table {
        rows,
        source: line_ref(offset, None),
    }
}

/// One row of a grid table: `lines` (0-based from `first`) split at their pipes.
pub(super) fn grid_row(lines: &[&str], first: usize, depth: usize) -> Vec<Cell> {
    let split = |l: &str| -> Vec<String> {
        let t = l.trim();
        let t = t.strip_prefix('|').unwrap_or(t);
        let t = t.strip_suffix('|').unwrap_or(t);
        t.split('|').map(|c| c.trim_end().to_string()).collect()
    };
    let pieces: Vec<Vec<String>> = lines.iter().map(|l| split(l)).collect();
    let columns = pieces.iter().map(Vec::len).max().unwrap_or(0);
    // Display column where each cell's text starts, from the row's first line.
    let starts: Vec<usize> = {
        let first_line = lines.first().copied().unwrap_or("");
        let mut at = Vec::new();
        let mut col = 0;
        for c in first_line.chars() {
            col += c.width().unwrap_or(0);
            if c == '|' {
                at.push(col);
            }
        }
        at
    };
    // Each column's text, line by line, in one pass over the row's pieces.
    let mut by_column: Vec<Vec<&str>> = vec![Vec::new(); columns];
    for (n, p) in pieces.iter().enumerate() {
        for (k, piece) in p.iter().enumerate() {
            let col = &mut by_column[k];
            col.resize(n, "");
            col.push(piece.as_str());
        }
    }
    by_column
        .into_iter()
        .enumerate()
        .map(|(k, mut text_lines)| {
            text_lines.resize(pieces.len(), "");
            let filled = text_lines.iter().filter(|t| !t.trim().is_empty()).count();
            let source = line_ref(first, Some(k));
            let mut cell = Cell::new(
                text_lines
                    .iter()
                    .map(|t| t.trim())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n"),
                k as u32,
                source,
            );
            if filled > 1 {
                let inner = read_nested(&text_lines.join("\n"), depth + 1);
                let structured = inner.blocks.iter().any(|b| matches!(b, Block::Table(_)))
                    || cell.text.chars().count() > 60;
                if structured {
                    let column = starts.get(k).copied().unwrap_or(0);
                    cell.blocks = inner.blocks;
                    for b in &mut cell.blocks {
                        shift_block(b, first, column);
                    }
                }
            }
            cell
        })
        .collect()
}

/// Moves the places of a cell's blocks from the cell's own lines to the whole text's.
pub(super) fn shift_block(b: &mut Block, lines: usize, columns: usize) {
    let shift = |s: &mut SourceRef| match s {
        SourceRef::Line { line, .. } => *line += lines as u32,
        SourceRef::LineColumn { line, column } => {
            *line += lines as u32;
            *column += columns as u32;
        }
        _ => {}
    };
    match b {
        Block::Paragraph(p) => shift(&mut p.source),
        Block::Table(t) => {
            shift(&mut t.source);
            for c in t.rows.iter_mut().flatten() {
                shift(&mut c.source);
                if let Some(e) = c.extent.as_mut() {
                    e.start += columns as f32;
                    e.end += columns as f32;
                }
                for inner in &mut c.blocks {
                    shift_block(inner, lines, columns);
                }
            }
        }
        Block::Image { .. } => {}
    }
}
