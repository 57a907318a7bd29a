//! One line before it is classified: page noise, markdown escapes, bookmarks and the pinyin mirror
//! sites print are dropped; the HTML table rows markdown writers leave in are read as rows; pipe
//! rows split.

use super::*;

/// The characters extractors draw between cells: ASCII and full-width vertical bars and the
/// box-drawing verticals.
pub(super) fn is_pipe(c: char) -> bool {
    matches!(c, '|' | '｜' | '│' | '┃')
}

/// Removes web-copy noise: `[bookmark: _Hlk66973412]`, markdown's escapes (`3\.其他`), and
/// the pinyin that mirror sites print after characters (`數(shù)量` is `數量`).
pub(super) fn strip_noise(line: &str) -> String {
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
pub(super) fn unescape_markdown(line: &str) -> String {
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

pub(super) fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// A letter of pinyin with tone marks: at least one marked vowel makes the word pinyin, so
/// an English word in brackets stays.
pub(super) fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

pub(super) fn strip_bookmarks(line: &str) -> String {
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

pub(super) fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

/// A line of an HTML table that a markdown writer (pandoc's gfm) leaves in text, one tag a
/// line: `<tr>` and `</tr>` end rows, `<td>…</td>` and `<th>…</th>` are cells, the table's
/// other tags are padding.
pub(super) fn html_table_line(t: &str) -> Option<Line> {
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
pub(super) fn join_html_cells(text: &str, lines: &mut [Line]) {
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
pub(super) fn html_text(t: &str) -> String {
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
pub(super) fn pipe_line(trimmed: &str) -> Line {
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
