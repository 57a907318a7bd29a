//! The OFD writer (GB/T 33190-2016): the report laid out on A4 pages as a word processor would
//! print it — the title, the six sections with their prose wrapped to the text width, and the
//! three tables in the official layout with every cell's border drawn — and written as an OFD
//! package (`OFD.xml`, `Doc_0/Document.xml`, `PublicRes.xml` naming the font, one
//! `Content.xml` per page).
//!
//! Each line of text is one `TextObject` whose `TextCode` places its characters with `DeltaX`
//! (runs of equal advances in the `g` form); each cell border is a stroked `PathObject`. A
//! table runs onto the next page between rows that no merged cell joins, its header rows
//! repeated there; pages carry their number at the foot. The font is named (宋体), not
//! embedded: an OFD reader draws it with the system's font of that name.

use crate::{Content, RenderError};
use std::fmt::Write as _;
use std::io::Write as _;
use xxgk_model::layout::{official_tables, LayoutKind, LayoutTable};
use zip::write::SimpleFileOptions;

/// A4 and its margins, in millimetres.
const PAGE_W: f64 = 210.0;
const PAGE_H: f64 = 297.0;
const LEFT: f64 = 25.0;
const TOP: f64 = 25.0;
const BOTTOM: f64 = 270.0;
const TEXT_W: f64 = PAGE_W - 2.0 * LEFT;

/// Type sizes (millimetres): the title (二号), headings and prose (三号), tables (小五).
const TITLE: f64 = 7.76;
const BODY: f64 = 5.64;
const CELL: f64 = 3.18;
/// The thinnest lines a printer draws, for cell borders.
const RULE: f64 = 0.25;

/// Each table's column widths as shares of the text width (as the other writers lay them out).
fn shares(t: &LayoutTable) -> Vec<f64> {
    let units: Vec<f64> = match t.columns {
        4 => vec![24.0, 12.0, 12.0, 12.0],
        10 => [4.0, 6.0, 22.0].into_iter().chain([4.0; 7]).collect(),
        n => vec![1.0; n],
    };
    let sum: f64 = units.iter().sum();
    units.iter().map(|u| u / sum).collect()
}

/// How far a character advances at `size`: a CJK character an em, others half.
fn advance(c: char, size: f64) -> f64 {
    if c.is_ascii() {
        size * 0.5
    } else {
        size
    }
}

fn width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| advance(c, size)).sum()
}

/// `text` broken into lines at most `room` wide (character by character, as CJK text breaks).
fn wrap(text: &str, size: f64, room: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for part in text.split('\n') {
        let mut line = String::new();
        let mut used = 0.0;
        for c in part.chars() {
            let w = advance(c, size);
            if used + w > room + 1e-6 && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            line.push(c);
            used += w;
        }
        lines.push(line);
    }
    lines
}

/// Text usable in XML content and attributes.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A number as OFD writes it: millimetres to a hundredth, no trailing zeros.
fn mm(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// A `DeltaX` list with runs of three or more equal advances in the `g` form.
fn delta_x(text: &str, size: f64) -> String {
    let steps: Vec<String> = text.chars().map(|c| mm(advance(c, size))).collect();
    let steps = &steps[..steps.len().saturating_sub(1)];
    let mut out = Vec::new();
    let mut i = 0;
    while i < steps.len() {
        let run = steps[i..].iter().take_while(|s| **s == steps[i]).count();
        if run >= 3 {
            out.push(format!("g {run} {}", steps[i]));
        } else {
            out.extend(steps[i..i + run].iter().cloned());
        }
        i += run;
    }
    out.join(" ")
}

/// The pages being written.
struct Pages {
    /// Finished pages' objects.
    done: Vec<String>,
    /// The current page's objects.
    page: String,
    /// Where the next block starts on the current page.
    y: f64,
    /// The last object ID used.
    id: u32,
}

impl Pages {
    fn new() -> Self {
        Pages {
            done: Vec::new(),
            page: String::new(),
            y: TOP,
            id: 10,
        }
    }

    fn next_id(&mut self) -> u32 {
        self.id += 1;
        self.id
    }

    /// Starts a new page unless the current one is still empty.
    fn break_page(&mut self) {
        if !self.page.is_empty() {
            self.done.push(std::mem::take(&mut self.page));
        }
        self.y = TOP;
    }

    /// Makes room for `height` on this page, or starts the next.
    fn room(&mut self, height: f64) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.break_page();
        }
    }

    /// One line of text with its baseline at `base`, from `x`.
    fn text(&mut self, x: f64, base: f64, text: &str, size: f64) {
        if text.is_empty() {
            return;
        }
        let id = self.next_id();
        let _ = write!(
            self.page,
            "<ofd:TextObject ID=\"{id}\" Boundary=\"{} {} {} {}\" Font=\"1\" Size=\"{}\">\
             <ofd:TextCode X=\"0\" Y=\"{}\" DeltaX=\"{}\">{}</ofd:TextCode></ofd:TextObject>",
            mm(x),
            mm(base - size),
            mm(width(text, size)),
            mm(size * 1.25),
            mm(size),
            mm(size),
            delta_x(text, size),
            xml(text)
        );
    }

    /// A cell's border: the rectangle from (x0, y0) to (x1, y1).
    fn frame(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        let id = self.next_id();
        let (w, h) = (x1 - x0, y1 - y0);
        let _ = write!(
            self.page,
            "<ofd:PathObject ID=\"{id}\" Boundary=\"{} {} {} {}\" LineWidth=\"{RULE}\">\
             <ofd:AbbreviatedData>M 0 0 L {w} 0 L {w} {h} L 0 {h} C</ofd:AbbreviatedData>\
             </ofd:PathObject>",
            mm(x0),
            mm(y0),
            mm(w),
            mm(h),
            w = mm(w),
            h = mm(h)
        );
    }

    /// A paragraph wrapped to the text width: centred, or from the left margin with its first
    /// line indented two characters.
    fn paragraph(&mut self, text: &str, size: f64, center: bool) {
        let pitch = size * 1.6;
        let indent = if center { 0.0 } else { 2.0 * size };
        let mut lines = wrap(text, size, TEXT_W - indent).into_iter();
        let first = lines.next().unwrap_or_default();
        // The first line as wrapped with the indent; the rest wrapped to the full width.
        let rest: String = lines.collect();
        let mut all = vec![(first, indent)];
        all.extend(wrap(&rest, size, TEXT_W).into_iter().map(|l| (l, 0.0)));
        for (line, indent) in all.into_iter().filter(|(l, _)| !l.is_empty()) {
            self.room(pitch);
            let x = if center {
                LEFT + (TEXT_W - width(&line, size)) / 2.0
            } else {
                LEFT + indent
            };
            self.text(x, self.y + size, &line, size);
            self.y += pitch;
        }
        self.y += size * 0.4;
    }

    /// A table in the official layout, centred, over as many pages as it needs.
    fn table(&mut self, t: &LayoutTable, content: &Content) {
        let widths: Vec<f64> = shares(t).iter().map(|s| s * TEXT_W).collect();
        let lefts: Vec<f64> = widths
            .iter()
            .scan(LEFT, |x, w| {
                let at = *x;
                *x += w;
                Some(at)
            })
            .collect();
        let cells: Vec<(usize, Vec<String>, f64)> = t
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let room: f64 = widths[c.col..c.col + c.col_span].iter().sum::<f64>() - 1.6;
                let (text, size) = cell_text(c.kind, content, room);
                (i, wrap(&text, size, room), size)
            })
            .collect();
        let heights = row_heights(t, &cells);
        let header_rows = (0..t.rows)
            .take_while(|&r| {
                t.cells
                    .iter()
                    .filter(|c| c.row == r)
                    .all(|c| matches!(c.kind, LayoutKind::Header(_)))
            })
            .count();
        let draw_rows = |pages: &mut Pages, rows: std::ops::Range<usize>| {
            let top = pages.y;
            for &(i, ref lines, size) in &cells {
                let c = &t.cells[i];
                if !rows.contains(&c.row) {
                    continue;
                }
                let y0 = top + heights[rows.start..c.row].iter().sum::<f64>();
                let y1 = y0 + heights[c.row..c.row + c.row_span].iter().sum::<f64>();
                let x0 = lefts[c.col];
                let x1 = x0 + widths[c.col..c.col + c.col_span].iter().sum::<f64>();
                pages.frame(x0, y0, x1, y1);
                let pitch = size * 1.3;
                let block = pitch * lines.len() as f64;
                let mut base = y0 + (y1 - y0 - block) / 2.0 + size;
                for line in lines {
                    let x = match c.kind {
                        LayoutKind::Label(_) => x0 + 0.8,
                        _ => x0 + (x1 - x0 - width(line, size)) / 2.0,
                    };
                    pages.text(x, base, line, size);
                    base += pitch;
                }
            }
            pages.y = top + heights[rows].iter().sum::<f64>();
        };
        let mut start = 0;
        for end in group_ends(t) {
            let height: f64 = heights[start..end].iter().sum();
            if self.y + height > BOTTOM && self.y > TOP {
                self.break_page();
                if start >= header_rows && header_rows > 0 {
                    draw_rows(self, 0..header_rows);
                }
            }
            draw_rows(self, start..end);
            start = end;
        }
        self.y += BODY * 0.8;
    }

    /// The finished pages, each with its number at the foot, and the last ID given.
    fn finish(mut self) -> (Vec<String>, u32) {
        self.break_page();
        let mut pages = std::mem::take(&mut self.done);
        for (n, page) in pages.iter_mut().enumerate() {
            let number = format!("- {} -", n + 1);
            let x = (PAGE_W - width(&number, CELL * 1.2)) / 2.0;
            self.text(x, PAGE_H - 15.0, &number, CELL * 1.2);
            page.push_str(&std::mem::take(&mut self.page));
        }
        (pages, self.id)
    }
}

/// A cell's text and type size: a value that does not fit its cell is set smaller (never
/// wrapped: a number broken over two lines would read as two).
fn cell_text(kind: LayoutKind, content: &Content, room: f64) -> (String, f64) {
    match kind {
        LayoutKind::Header(s) | LayoutKind::Label(s) => (s.to_string(), CELL),
        LayoutKind::Value(v) => {
            let text = content.cell(v).text();
            let size = match width(&text, CELL) {
                w if w > room => CELL * room / w,
                _ => CELL,
            };
            (text, size)
        }
    }
}

/// Each row's height: tall enough for the wrapped text of its cells, a merged cell's text
/// spread over the rows it covers (the last of them grows when they are not enough).
fn row_heights(t: &LayoutTable, cells: &[(usize, Vec<String>, f64)]) -> Vec<f64> {
    let need = |lines: &Vec<String>, size: f64| lines.len() as f64 * size * 1.3 + 2.4;
    let mut heights = vec![7.0f64; t.rows];
    for (i, lines, size) in cells {
        let c = &t.cells[*i];
        if c.row_span == 1 {
            heights[c.row] = heights[c.row].max(need(lines, *size));
        }
    }
    for (i, lines, size) in cells {
        let c = &t.cells[*i];
        let span = c.row..c.row + c.row_span;
        let have: f64 = heights[span.clone()].iter().sum();
        let short = need(lines, *size) - have;
        if c.row_span > 1 && short > 0.0 {
            heights[span.end - 1] += short;
        }
    }
    heights
}

/// Where the table may run onto the next page: the ends of the groups of rows that merged
/// cells join.
fn group_ends(t: &LayoutTable) -> Vec<usize> {
    (1..=t.rows)
        .filter(|&r| r == t.rows || !t.cells.iter().any(|c| c.row < r && r < c.row + c.row_span))
        .collect()
}

/// The title as an author sets it: on one line where it fits, else broken before its year
/// (the agency's name above, `2023年政府信息公开工作年度报告` below), as official documents are.
fn title_lines(title: &str) -> Vec<String> {
    if width(title, TITLE) <= TEXT_W {
        return vec![title.to_string()];
    }
    let chars: Vec<char> = title.chars().collect();
    let year = (0..chars.len().saturating_sub(4)).find(|&i| {
        chars[i..i + 4].iter().all(char::is_ascii_digit) && chars.get(i + 4) == Some(&'年')
    });
    match year {
        Some(i) if i > 0 => {
            let (agency, rest): (String, String) =
                (chars[..i].iter().collect(), chars[i..].iter().collect());
            vec![agency, rest]
        }
        _ => vec![title.to_string()],
    }
}

/// The pages' objects, and the last ID they use.
fn lay_out(content: &Content) -> (Vec<String>, u32) {
    let mut pages = Pages::new();
    for line in title_lines(&content.title) {
        pages.paragraph(&line, TITLE, true);
    }
    let tables = official_tables();
    for (i, (heading, paragraphs)) in content.sections.iter().enumerate() {
        // A heading stays with at least two lines of what follows it.
        pages.room(BODY * 1.6 * 3.0);
        pages.paragraph(heading, BODY, false);
        for p in paragraphs {
            pages.paragraph(p, BODY, false);
        }
        for t in tables.iter().filter(|t| t.section == i) {
            pages.table(t, content);
        }
    }
    pages.finish()
}

const OFD_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\" DocType=\"OFD\">\
<ofd:DocBody><ofd:DocInfo><ofd:DocID>TITLE_ID</ofd:DocID><ofd:Title>TITLE</ofd:Title>\
<ofd:Creator>xxgk</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>\
</ofd:DocBody></ofd:OFD>";

const PUBLIC_RES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<ofd:Res xmlns:ofd=\"http://www.ofdspec.org/2016\" BaseLoc=\"Res\"><ofd:Fonts>\
<ofd:Font ID=\"1\" FontName=\"宋体\" FamilyName=\"宋体\"/></ofd:Fonts></ofd:Res>";

pub(crate) fn write(content: &Content) -> Result<Vec<u8>, RenderError> {
    let (pages, last) = lay_out(content);
    // Every ID in the document is unique: the pages' and layers' come after the objects'.
    let page_id = |n: usize| last + 1 + n as u32;
    let layer_id = |n: usize| last + 1 + (pages.len() + n) as u32;
    let mut document = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\">",
    );
    let _ = write!(
        document,
        "<ofd:CommonData><ofd:MaxUnitID>{}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>",
        layer_id(pages.len()) - 1,
    );
    for n in 0..pages.len() {
        let _ = write!(
            document,
            "<ofd:Page ID=\"{}\" BaseLoc=\"Pages/Page_{n}/Content.xml\"/>",
            page_id(n)
        );
    }
    document.push_str("</ofd:Pages></ofd:Document>");
    // A stable document ID: the title's digest, so the same report writes the same bytes.
    let digest = content
        .title
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    let ofd = OFD_XML
        .replace("TITLE_ID", &format!("{digest:016x}"))
        .replace("TITLE", &xml(&content.title));
    let mut parts = vec![
        ("OFD.xml".to_string(), ofd),
        ("Doc_0/Document.xml".to_string(), document),
        ("Doc_0/PublicRes.xml".to_string(), PUBLIC_RES.to_string()),
    ];
    for (n, objects) in pages.iter().enumerate() {
        parts.push((
            format!("Doc_0/Pages/Page_{n}/Content.xml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\">\
                 <ofd:Content><ofd:Layer ID=\"{}\">{objects}</ofd:Layer></ofd:Content></ofd:Page>",
                layer_id(n)
            ),
        ));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let err = |e: &dyn std::fmt::Display| RenderError::Zip(e.to_string());
    for (name, body) in parts {
        zip.start_file(name, opts).map_err(|e| err(&e))?;
        zip.write_all(body.as_bytes()).map_err(|e| err(&e))?;
    }
    let cursor = zip.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_repeat_in_the_g_form_and_lines_wrap_by_width() {
        assert_eq!(delta_x("年度报告12", 4.0), "g 4 4 2");
        assert_eq!(delta_x("年度1", 4.0), "4 4");
        assert_eq!(delta_x("一", 4.0), "");
        assert_eq!(wrap("一二三四五", 4.0, 8.0), ["一二", "三四", "五"]);
        assert_eq!(wrap("", 4.0, 8.0), [""]);
        assert_eq!(mm(3.0), "3");
        assert_eq!(mm(2.54), "2.54");
    }

    #[test]
    fn a_table_breaks_only_between_rows_no_merge_joins() {
        let [_, applications, _] = official_tables();
        let ends = group_ends(&applications);
        assert_eq!(ends.last(), Some(&applications.rows));
        for r in &ends {
            assert!(!applications
                .cells
                .iter()
                .any(|c| c.row < *r && *r < c.row + c.row_span));
        }
        assert!(ends.len() > 3, "{ends:?}");
    }

    #[test]
    fn every_id_is_unique_and_the_largest_is_max_unit_id() {
        use std::io::Read as _;
        let report = crate::sample::report(3);
        let bytes = write(&Content::new(Some(&report))).unwrap_or_default();
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let (mut ids, mut max_unit) = (Vec::new(), 0u32);
        for i in 0..zip.len() {
            let mut text = String::new();
            if let Ok(mut f) = zip.by_index(i) {
                let _ = f.read_to_string(&mut text);
            }
            for (j, _) in text.match_indices(" ID=\"") {
                let digits: String = text[j + 5..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                ids.push(digits.parse::<u32>().unwrap_or_default());
            }
            if let Some(j) = text.find("<ofd:MaxUnitID>") {
                let digits: String = text[j + 15..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                max_unit = digits.parse().unwrap_or_default();
            }
        }
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert!(
            count > 100 && ids.len() == count,
            "{count} IDs, {} distinct",
            ids.len()
        );
        assert_eq!(ids.last().copied(), Some(max_unit));
    }
}
