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

/// The characters extractors draw between cells: ASCII and full-width vertical bars and the
/// box-drawing verticals.
fn is_pipe(c: char) -> bool {
    matches!(c, '|' | '｜' | '│' | '┃')
}

/// Removes web-copy noise: `[bookmark: _Hlk66973412]`, markdown's escapes (`3\.其他`), and
/// the pinyin that mirror sites print after characters (`數(shù)量` is `數量`).
fn strip_noise(line: &str) -> String {
    if !line.contains(['[', '\\', '(']) {
        return line.to_string();
    }
    let line = unescape_markdown(&strip_bookmarks(line));
    if !line.contains('(') {
        return line;
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line.as_str();
    while let Some(open) = rest.find('(') {
        let after_ideograph = rest[..open].chars().next_back().is_some_and(is_ideograph);
        // Pinyin is a few letters: look for the bracket's end that near only.
        let pinyin = rest[open + 1..]
            .char_indices()
            .take(8)
            .find(|&(_, c)| c == ')')
            .map(|(close, _)| close)
            .filter(|&close| {
                let inner = &rest[open + 1..open + 1 + close];
                (1..=6).contains(&inner.chars().count())
                    && inner.chars().all(is_pinyin_letter)
                    && !inner.is_ascii()
            });
        match pinyin {
            Some(close) if after_ideograph => {
                out.push_str(&rest[..open]);
                rest = &rest[open + close + 2..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `\.` → `.`: a backslash before ASCII punctuation is a markdown writer's escape.
fn unescape_markdown(line: &str) -> String {
    if !line.contains('\\') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&n) if c == '\\' && n.is_ascii_punctuation() => {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// A letter of pinyin with tone marks: at least one marked vowel makes the word pinyin, so
/// an English word in brackets stays.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

fn strip_bookmarks(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("[bookmark:") {
        out.push_str(&rest[..start]);
        match rest[start..].find(']') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
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

/// A line of an HTML table that a markdown writer (pandoc's gfm) leaves in text, one tag a
/// line: `<tr>` and `</tr>` end rows, `<td>…</td>` and `<th>…</th>` are cells, the table's
/// other tags are padding.
fn html_table_line(t: &str) -> Option<Line> {
    let name: String = t
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    match name.as_str() {
        "tr" => Some(Line::RowMark),
        "table" | "thead" | "tbody" | "tfoot" | "colgroup" | "col" | "caption" => {
            Some(Line::Padding)
        }
        "td" | "th" if t.ends_with("</td>") || t.ends_with("</th>") => {
            Some(Line::PipeCell(html_text(t)))
        }
        _ => None,
    }
}

/// An HTML cell over several lines (`<td><br />` … `（五）项</td>`): one cell on its first
/// line, the lines it covers padding.
fn join_html_cells(text: &str, lines: &mut [Line]) {
    if !text.contains("<t") {
        return;
    }
    let raw: Vec<&str> = text.split('\n').collect();
    let mut i = 0;
    while i < raw.len() {
        let t = raw[i].trim();
        let opens = t.starts_with("<td") || t.starts_with("<th");
        if opens && !(t.ends_with("</td>") || t.ends_with("</th>")) {
            let end = (i + 1..raw.len().min(i + 20))
                .take_while(|&j| {
                    let u = raw[j].trim_start();
                    !["<td", "<th", "<tr", "</tr"]
                        .iter()
                        .any(|t| u.starts_with(t))
                })
                .find(|&j| {
                    let u = raw[j].trim();
                    u.ends_with("</td>") || u.ends_with("</th>")
                });
            if let Some(end) = end {
                let joined: Vec<String> = raw[i..=end].iter().map(|l| html_text(l)).collect();
                lines[i] = Line::PipeCell(joined.join("\n").trim().to_string());
                for line in &mut lines[i + 1..=end] {
                    *line = Line::Padding;
                }
                i = end;
            }
        }
        i += 1;
    }
}

/// The text of a line of HTML: tags dropped, the common entities decoded.
fn html_text(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut in_tag = false;
    for c in t.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// A line with pipes: cells between them, a leading and a trailing pipe optional.
fn pipe_line(trimmed: &str) -> Line {
    if trimmed.chars().all(|c| is_pipe(c) || c.is_whitespace()) {
        return if trimmed.chars().filter(|&c| is_pipe(c)).count() == 1 {
            Line::EmptyCell
        } else {
            Line::Padding
        };
    }
    let inner = trimmed.strip_prefix(is_pipe).unwrap_or(trimmed);
    let inner = inner.strip_suffix(is_pipe).unwrap_or(inner);
    let cells: Vec<String> = inner.split(is_pipe).map(|c| c.trim().to_string()).collect();
    if cells.iter().skip(1).all(String::is_empty) {
        // `cell |` or `cell | |||`: one cell, and the padding of its merged neighbours
        Line::PipeCell(cells.into_iter().next().unwrap_or_default())
    } else {
        Line::PipeRow(cells)
    }
}

/// Page breaks that PDF-to-text converters keep: a page number (`- 3 -`, `第 3 页 共 9 页`), and
/// a line next to it that the text repeats elsewhere (a running head or footer).
fn mark_furniture(lines: &mut [Line]) {
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
fn tab_closed_cells(lines: &mut [Line]) {
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
fn close_cells_by_separator_lines(lines: &mut [Line]) {
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

/// A label and its values separated by single spaces (`（一）予以公开 189 0 10 54 26 15 294`,
/// `规章 0 0 0`), or two values or more alone (`53 3 24 8 0 0 88`): the label, then each value.
/// A sentence is not a row: values must end the line, the label has no sentence punctuation
/// outside brackets, and the next line does not go on with a unit (`434` / `件，…`).
fn spaced_row<'a>(line: &'a str, next: Option<&Line>) -> Option<Vec<&'a str>> {
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
fn is_sentence(text: &str) -> bool {
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

/// `+-----+-----+`: a border of a grid table (pandoc's plain and markdown writers).
fn is_grid_border(line: &str) -> bool {
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
fn read_grid(block: &[&str], offset: usize, depth: usize) -> Table {
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
fn grid_row(lines: &[&str], first: usize, depth: usize) -> Vec<Cell> {
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
fn shift_block(b: &mut Block, lines: usize, columns: usize) {
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

/// A gap that separates two cells on a laid-out line: two or more spaces, or an ideographic
/// space (U+3000), which converters use for wide gaps.
fn is_gap(line: &str, at: usize) -> bool {
    let rest = &line[at..];
    rest.starts_with("  ") || rest.starts_with('\u{3000}') || rest.starts_with(" \u{3000}")
}

/// A gap between two cells somewhere inside the text.
fn has_gap(text: &str) -> bool {
    text.contains("  ") || text.contains('\u{3000}')
}

/// Splits a laid-out line into cells with their display-column extents.
fn positioned_cells(line: &str, index: usize) -> Vec<Cell> {
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

fn line_ref(index: usize, cell: Option<usize>) -> SourceRef {
    SourceRef::Line {
        line: index as u32 + 1,
        cell: cell.map(|c| c as u32 + 1),
    }
}

/// First line after the table region starting at `start`. A plain line belongs to the region
/// only where it continues an open cell (`\tcell` has no closing mark, so a label broken over
/// lines goes on); after a cell closed by a pipe, a plain line is text of its own.
fn region_end(lines: &[Line], start: usize) -> usize {
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
fn starts_next_cell(lines: &[Line], j: usize) -> bool {
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
fn is_outline_heading(t: &str) -> bool {
    let mut chars = t.chars();
    let numeral = chars
        .next()
        .is_some_and(|c| "一二三四五六七八九十".contains(c));
    numeral && chars.next() == Some('、')
}

fn read_region(lines: &[Line], start: usize, end: usize) -> Table {
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

fn row_per_line(region: &[Line], offset: usize) -> Vec<Vec<Cell>> {
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
enum Kind {
    Empty,
    Value,
    Text,
}

fn kind(text: &str) -> Kind {
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
fn cell_per_line(region: &[Line], offset: usize) -> Vec<Vec<Cell>> {
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
fn end_row(rows: &mut Vec<Vec<Cell>>, row: &mut Vec<Cell>) {
    if row.iter().any(|c| kind(&c.text) != Kind::Empty) {
        rows.push(std::mem::take(row));
    } else {
        row.clear();
    }
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
