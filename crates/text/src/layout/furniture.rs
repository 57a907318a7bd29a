//! Lines that are not content (page numbers, running heads at page breaks) and the separators that
//! close cells (a cell closed by a tab, lines of one pipe or tab between cells).

use super::*;

/// Page breaks that PDF-to-text converters keep: a page number (`- 3 -`, `第 3 页 共 9 页`), and
/// a line next to it that the text repeats elsewhere (a running head or footer).
pub(super) fn mark_furniture(lines: &mut [Line]) {
    let numbers: Vec<usize> = (0..lines.len())
        .filter(|&i| matches!(&lines[i], Line::Plain(t) if is_page_number(t, false)))
        .collect();
    if numbers.is_empty() {
        return;
    }
    let text = |l: &Line| match l {
        Line::Plain(t) => Some(t.trim().to_string()),
        _ => None,
    };
    // The lines beside each page number; how often each of their texts stands beside one,
    // and how often anywhere.
    let beside: Vec<(usize, Vec<usize>)> = numbers
        .iter()
        .map(|&i| {
            let before = (0..i).rev().find(|&j| lines[j] != Line::Blank);
            let after = (i + 1..lines.len()).find(|&j| lines[j] != Line::Blank);
            (i, before.into_iter().chain(after).collect())
        })
        .collect();
    let mut near: std::collections::HashMap<String, (usize, usize)> =
        std::collections::HashMap::new();
    for (_, js) in &beside {
        for t in js.iter().filter_map(|&j| text(&lines[j])) {
            near.entry(t).or_default().0 += 1;
        }
    }
    for t in lines.iter().filter_map(text) {
        if let Some(n) = near.get_mut(&t) {
            n.1 += 1;
        }
    }
    // A running head or footer: text beside page numbers on two pages, or a report's title
    // repeated (the first page's title has no page number beside it). Never a value.
    let running = |t: &String| {
        !is_value_token(t)
            && t.chars().count() >= 4
            && near
                .get(t)
                .is_some_and(|&(pages, all)| pages >= 2 || t.contains("报告") && all >= 2)
    };
    for (i, js) in beside {
        lines[i] = Line::Furniture;
        let mut from = i;
        let mut to = i;
        for j in js {
            if text(&lines[j]).is_some_and(|t| running(&t)) {
                lines[j] = Line::Furniture;
                (from, to) = (from.min(j), to.max(j));
            }
        }
        // The page break's blank lines are part of it, not the end of a table row.
        for line in &mut lines[from..to] {
            if *line == Line::Blank {
                *line = Line::Furniture;
            }
        }
    }
}

/// Cells closed by tabs (`cell\t` one a line, or a line of one tab after each cell; no cell
/// opened by one): a line of one tab is an empty cell or a separator and a line of several is
/// merge padding, as lines of pipes are.
pub(super) fn tab_closed_cells(lines: &mut [Line]) {
    let one_tab =
        |l: &Line| matches!(l, Line::Tabbed(p) if p.len() == 2 && p.iter().all(|x| is_blank(x)));
    let closed = lines.iter().any(|l| matches!(l, Line::PipeCell(_)))
        || lines
            .windows(2)
            .any(|w| matches!(w[0], Line::Plain(_)) && one_tab(&w[1]));
    let opened = lines
        .iter()
        .any(|l| matches!(l, Line::Tabbed(p) if p.len() >= 2 && p[0].trim().is_empty() && !p[1..].iter().all(|x| is_blank(x))));
    if !closed || opened {
        return;
    }
    for line in lines.iter_mut() {
        if let Line::Tabbed(parts) = line {
            if parts.iter().all(|p| is_blank(p)) {
                *line = if parts.len() == 2 {
                    Line::EmptyCell
                } else {
                    Line::Padding
                };
            }
        }
    }
}

/// Separator-line style (`规章` / `|` / `0` / `|`): where no cell closes itself with a pipe but
/// plain lines are followed by a line of one pipe, that pipe closes the plain line's cell.
pub(super) fn close_cells_by_separator_lines(lines: &mut [Line]) {
    if lines.iter().any(|l| matches!(l, Line::PipeCell(_))) {
        return;
    }
    for i in 1..lines.len() {
        if lines[i] == Line::EmptyCell {
            // An empty line between two pipes is an empty cell.
            let empty_cell = lines[i - 1] == Line::Blank && i >= 2 && lines[i - 2].closes_cell();
            if let Line::Plain(t) = &lines[i - 1] {
                lines[i - 1] = Line::PipeCell(t.trim().to_string());
                lines[i] = Line::Padding;
            } else if empty_cell {
                lines[i - 1] = Line::PipeCell(String::new());
                lines[i] = Line::Padding;
            }
        }
    }
}
