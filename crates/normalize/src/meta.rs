//! Metadata (title, agency, year, period, contacts), the six sections and the request count
//! stated in prose; the rules on what it finds (Y1, S1) are in `rules/`.

use crate::fold::fold;
use crate::labels::{garbled_section_heading, section_heading};
use crate::phrases;
use crate::stream::Item;
use xxgk_model::{Finding, Num, Period, Report, Section, SourceRef};

/// A year in a file name: `19xx` or `20xx` not inside a longer run of letters and digits, then
/// `年` or a separator (`2023年报`, `report_2022.docx`), as `(?:^|[^0-9A-Za-z])((?:19|20)[0-9]{2})
/// (?:年|[^0-9A-Za-z]|$)` reads it.
fn file_year(stem: &str) -> Option<i32> {
    let bytes = stem.as_bytes();
    let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = &bytes[i..i + 4];
        let century = digits.starts_with(b"19") || digits.starts_with(b"20");
        let ok = century
            && digits.iter().all(u8::is_ascii_digit)
            && (i == 0 || !alnum(i - 1))
            && !alnum(i + 4);
        ok.then(|| stem[i..i + 4].parse().ok()).flatten()
    })
}

fn is_title(folded: &str) -> bool {
    folded.contains("年度报告") || (folded.contains("信息公开") && folded.ends_with("报告"))
}

/// Words of a portal's page furniture or a crawler's labels: never part of an agency name.
const CHROME: [&str; 9] = [
    "登录",
    "注册",
    "首页",
    "当前位置",
    "标题",
    "来源",
    "发布时间",
    "浏览次数",
    ">",
];

/// Prefixes a crawler or portal puts before a title (`标题：`, `【`, `《`).
fn strip_title_prefix(text: &str) -> &str {
    let mut t = text.trim();
    for p in ["标题：", "标题:", "题目：", "名称："] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest.trim();
        }
    }
    t.trim_start_matches(['【', '《', '“']).trim()
}

/// Agency and year from a title line or file name: the text before the year is the agency.
fn agency_year(text: &str) -> (Option<String>, Option<i32>) {
    match phrases::year(text) {
        Some((year, start, end)) => {
            let year = Some(year);
            let before = strip_title_prefix(&text[..start])
                .trim_end_matches(['《', '（', '(', '：', ':'])
                .trim();
            // `X关于2021年度…的报告`: the agency ends before `关于`.
            let before = before.strip_suffix("关于").unwrap_or(before).trim();
            // `2025年度X政府信息公开工作年度报告`: the agency comes after the year.
            let after = || {
                let rest = text[end..].trim_start_matches('度');
                let end = rest.find("政府信息公开")?;
                Some(rest[..end].trim()).filter(|a| plausible_agency(a))
            };
            let agency = if before.is_empty() {
                after()
            } else {
                Some(before).filter(|a| plausible_agency(a))
            };
            (agency.map(str::to_string), year)
        }
        None => (None, None),
    }
}

/// A name that can be an agency: short, no sentence punctuation, no digits, no page chrome.
fn plausible_agency(text: &str) -> bool {
    short_name(text) && !CHROME.iter().any(|c| text.contains(c))
}

fn short_name(text: &str) -> bool {
    let n = text.chars().count();
    (2..=40).contains(&n)
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || "，。；：《》".contains(c))
}

/// An early line of text.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    /// It may continue the line before: a wrapped paragraph, not a cell beside another.
    wraps: bool,
    /// For a cell: its grid column, and (for a row of recognised cells) which row it is in.
    col: Option<u32>,
    row: Option<usize>,
}

impl<'a> Line<'a> {
    fn text(text: &'a str, wraps: bool) -> Self {
        Line {
            text,
            wraps,
            col: None,
            row: None,
        }
    }

    /// Whether `next` may be read as the rest of this line: both are wrapped text, or both are
    /// recognised cells of one row (a scan's spaced-out title is cut into cells at its wide
    /// gaps; a file's own cells are never joined).
    fn joins(&self, next: &Line<'_>) -> bool {
        (self.wraps && next.wraps) || (self.row.is_some() && self.row == next.row)
    }
}

/// Early lines of text in reading order: paragraphs, and each filled cell of a table row (a
/// spreadsheet or a page layout puts the title in a cell beside navigation).
fn early_lines<'a>(items: &'a [Item<'a>]) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut sheet: Option<&str> = None;
    for (n, item) in items.iter().take(200).enumerate() {
        match item {
            // A text line may be a wrapped piece of the line before; a paragraph is whole.
            Item::Para { text, source } => {
                out.push(Line::text(text.trim(), source.line_key().is_some()))
            }
            Item::Row { cells, .. } => {
                // A row of recognised cells may be a title cut at its wide gaps.
                let row = cells.iter().any(|c| c.recognised.is_some()).then_some(n);
                // A sheet's name can be the title (`XX局2023年政府信息公开工作年度报告`).
                if let Some(SourceRef::SheetCell { sheet: name, .. }) =
                    cells.first().map(|c| &c.source)
                {
                    if sheet != Some(name.as_str()) {
                        sheet = Some(name.as_str());
                        out.push(Line::text(name.trim(), false));
                    }
                }
                out.extend(
                    cells
                        .iter()
                        .filter(|c| !c.text.trim().is_empty())
                        .map(|c| Line {
                            text: c.text.trim(),
                            wraps: false,
                            col: Some(c.col),
                            row,
                        }),
                );
            }
            Item::Image => {}
        }
    }
    out
}

/// A title found in the first lines: the lines it spans joined (a converter wraps long
/// titles), how many, and the line before it.
struct Title {
    text: String,
    parts: usize,
    before: Option<String>,
}

/// The report's title: an early line, or two or three consecutive short text lines (or cells
/// of one row) joined,
/// that names an annual report and is not a sentence about one (`…年度报告格式》`). A title
/// with a year is preferred, since portal pages put navigation (`信息公开年报`) first, then
/// the one that joins the fewest lines.
fn find_title(lines: &[Line<'_>]) -> Option<Title> {
    let mut found: Vec<Title> = Vec::new();
    // Per line, once: short enough to be part of a title, and holding a piece of `报告`.
    let marks: Vec<(bool, bool)> = lines
        .iter()
        .map(|l| {
            (
                l.text.chars().nth(60).is_none(),
                l.text.contains(['报', '報']),
            )
        })
        .collect();
    for i in 0..lines.len() {
        let window = (i..lines.len().min(i + 3))
            .take_while(|&j| marks[j].0 && (j == i || lines[j - 1].joins(&lines[j])))
            .collect::<Vec<usize>>();
        if !window.iter().any(|&j| marks[j].1) {
            continue;
        }
        let mut joined = String::new();
        for (k, &j) in window.iter().enumerate() {
            let part = lines[j].text;
            joined.push_str(part);
            if !(joined.contains("报告") || joined.contains("報告")) {
                continue; // folding cannot make a title of text that names no report
            }
            let folded = fold(&joined);
            let sentence = ["本报告", "本年度报告", "格式", "条例", "。", "按照", "根据"]
                .iter()
                .any(|w| folded.contains(w));
            if sentence || folded.chars().count() > 80 {
                break;
            }
            if is_title(&folded) {
                found.push(Title {
                    text: strip_title_prefix(&joined).to_string(),
                    parts: k + 1,
                    before: line_above(lines, i).map(str::to_string),
                });
                break;
            }
        }
    }
    // A year first, then the fewest lines joined, then the earliest.
    let best = (0..found.len())
        .min_by_key(|&i| (phrases::year(&found[i].text).is_none(), found[i].parts, i))?;
    Some(found.swap_remove(best))
}

/// The line above line `i`: the previous line, or for a cell the nearest earlier cell in the
/// same column.
fn line_above<'a>(lines: &[Line<'a>], i: usize) -> Option<&'a str> {
    match lines.get(i)?.col {
        None => Some(lines.get(i.checked_sub(1)?)?.text),
        Some(col) => lines[..i]
            .iter()
            .rev()
            .find(|l| l.col == Some(col))
            .map(|l| l.text),
    }
}

/// The opening sentence that announces the report (`现公布区统计局2023年政府信息公开工作年度
/// 报告`, `现将我办2022年度政府信息公开情况报告如下`): the agency as it names itself (none for
/// `我办`, `本机关`), and the year.
fn announced(lines: &[Line<'_>]) -> (Option<String>, Option<i32>) {
    let joined: String = lines.iter().take(60).map(|l| l.text).collect();
    let Some((name, year)) = phrases::announced(&joined) else {
        return (None, None);
    };
    // `我办`, `本机关`: the agency speaks of itself without its name (`本溪市…` is a name).
    let own = name.is_empty()
        || name.starts_with('我')
        || [
            "本机关",
            "本单位",
            "本局",
            "本办",
            "本委",
            "本部门",
            "本镇",
            "本街道",
            "本院",
        ]
        .iter()
        .any(|w| name.starts_with(w));
    let agency = (!own && plausible_agency(name)).then(|| name.to_string());
    (agency, Some(year))
}

/// How many paragraphs and cells print `name`.
fn printed(items: &[Item<'_>], name: &str) -> usize {
    items
        .iter()
        .map(|i| match i {
            Item::Para { text, .. } => usize::from(text.contains(name)),
            Item::Row { cells, .. } => cells.iter().filter(|c| c.text.contains(name)).count(),
            Item::Image => 0,
        })
        .sum()
}

/// Whether `seen` can be a misreading of `name`: as many ideographs (four or more), most of
/// them the same in the same places, not all, or all the same beside a stray mark or gap
/// (`邹|城市…`); or one or two ideographs fewer, lost where `seen` shows a gap or a mark
/// (`辽宁省大连市城 管理局`): its pieces between them are `name`'s, in order, with only those
/// ideographs missing at their joins.
fn misread(seen: &str, name: &str) -> bool {
    use crate::labels::ideographs;
    let (a, b) = (ideographs(seen), ideographs(name));
    if a.len() < 4 || b.len() < 4 {
        return false;
    }
    if a.len() == b.len() {
        let differ = a.iter().zip(&b).filter(|(x, y)| x != y).count();
        let marked = seen.chars().any(|c| !name.contains(c));
        return (differ > 0 && differ * 2 <= a.len()) || (differ == 0 && marked);
    }
    if b.len() < a.len() || b.len() - a.len() > 2 {
        return false;
    }
    let pieces: Vec<Vec<char>> = seen
        .split(|c: char| ideographs(&c.to_string()).is_empty())
        .map(ideographs)
        .filter(|p| !p.is_empty())
        .collect();
    // `name` as the pieces in order, up to `lost` ideographs between two of them.
    fn joins(pieces: &[Vec<char>], name: &[char], lost: usize, first: bool) -> bool {
        let Some((piece, rest)) = pieces.split_first() else {
            return name.is_empty();
        };
        let most = if first { 0 } else { lost.min(name.len()) };
        (0..=most).any(|skip| {
            name[skip..].starts_with(piece)
                && joins(rest, &name[skip + piece.len()..], lost - skip, false)
        })
    }
    joins(&pieces, &b, b.len() - a.len(), true)
}

/// The agency named by the opening sentence `本报告由X按照…编制`, over wrapped lines.
fn compiled_by(lines: &[Line<'_>]) -> Option<String> {
    let joined: String = lines.iter().take(60).map(|l| l.text).collect();
    let name: String = phrases::compiled_by(&joined)?.split_whitespace().collect();
    plausible_agency(&name).then_some(name)
}

pub(crate) fn read_metadata(
    items: &[Item<'_>],
    opts: &crate::Options,
    report: &mut Report,
    findings: &mut Vec<Finding>,
) {
    let lang = opts.lang;
    let lines = early_lines(items);
    if let Some(title) = find_title(&lines) {
        let (agency, year) = agency_year(&title.text);
        let before = title.before.filter(|p| plausible_agency(p));
        let agency = agency.or_else(|| before.clone());
        report.metadata.title = Some(match (&before, phrases::year(&title.text)) {
            (Some(p), Some((_, 0, _))) => format!("{p}{}", title.text),
            _ => title.text.clone(),
        });
        report.metadata.title_year = year;
        report.agency = agency;
    }
    let mut title_agency = report.agency.clone();
    let body_agency = compiled_by(&lines);
    // A scan's title is large, bold type that OCR misreads more often than the body's: where
    // the title's name is a misreading ([`misread`]: most characters the same, or one or two
    // lost at a gap) of the sentence `本报告由…编制`'s or the overview's first (`2024年，X坚持…`)
    // and is printed nowhere else (a report whose body names another office, copied from its
    // template, names its own office elsewhere too), the body's reading is the name, in the
    // title too.
    let recognised = items.iter().any(
        |i| matches!(i, Item::Row { cells, .. } if cells.iter().any(|c| c.recognised.is_some())),
    );
    // The overview's first sentence, where no sentence says who compiled the report.
    let opening = || {
        (0..lines.len().min(60)).find_map(|i| {
            let text = match lines.get(i + 1) {
                Some(next) => format!("{}{}", lines[i].text, next.text),
                None => lines[i].text.to_string(),
            };
            let name: String = phrases::opening_agency(&text)?.split_whitespace().collect();
            plausible_agency(&name).then_some(name)
        })
    };
    let body_reading = body_agency
        .clone()
        .or_else(|| recognised.then(opening).flatten());
    if let (true, Some(t), Some(b)) = (recognised, &title_agency, &body_reading) {
        let bare: String = crate::labels::ideographs(t).into_iter().collect();
        if misread(t, b) && printed(items, &bare) <= 1 {
            if let Some(title) = &mut report.metadata.title {
                *title = title.replacen(t.as_str(), b, 1);
            }
            report.agency = Some(b.clone());
            title_agency = Some(b.clone());
        }
    }
    let (announced_agency, announced_year) = announced(&lines);
    // `2024年，我局…`: the overview opens with the year it reports on.
    let opening_year = lines
        .iter()
        .take(60)
        .find_map(|l| phrases::opening_year(l.text));
    if report.agency.is_none() {
        report.agency = body_agency.clone().or(announced_agency);
    }
    if let Some(name) = &opts.file_name {
        from_file_name(report, name);
    }
    let other = report
        .agency
        .as_deref()
        .filter(|_| title_agency.is_none() && body_agency.is_none());
    if let Some((key, from)) =
        crate::agency::identity(title_agency.as_deref(), body_agency.as_deref(), other)
    {
        report.metadata.agency_key = Some(key);
        report.metadata.agency_key_from = Some(from.to_string());
    }

    // Prose: period, contacts, and which paragraphs head the sections.
    let mut named: Vec<(usize, u8, Option<String>)> = Vec::new();
    let mut garbled: Vec<(usize, u8, bool)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let folded = match item {
            Item::Para { text, .. } => {
                // Long prose cannot be a heading (over 70 characters): once the period is
                // known, it needs no folding at all.
                let short = text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .nth(70)
                    .is_none();
                let folded = if short || report.metadata.period.is_none() {
                    fold(text)
                } else {
                    String::new()
                };
                read_contacts(&mut report.metadata, text, &folded);
                if !short {
                    continue;
                }
                std::borrow::Cow::Owned(folded)
            }
            Item::Row { folded, .. } if heading_with_marks(item).is_some() => folded[0].clone(),
            Item::Row { .. } | Item::Image => continue,
        };
        if let Some((number, printed)) = section_heading(&folded) {
            if !named.iter().any(|&(_, n, _)| n == number) {
                named.push((i, number, printed));
            }
        } else if let Some((number, numbered)) = garbled_section_heading(&folded) {
            garbled.push((i, number, numbered));
        }
    }
    let headings = with_garbled_headings(named, &garbled);
    let mut current: Option<usize> = None;
    let mut seen_numbers: Vec<u8> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let heading = headings.iter().find(|h| h.0 == i);
        // A row is here only as a heading with marks beside it: its first cell is the heading.
        let (text, source) = match (item, heading) {
            (Item::Para { text, source }, _) => (*text, *source),
            (Item::Row { cells, .. }, Some(_)) => (cells[0].text.as_str(), &cells[0].source),
            _ => continue,
        };
        if let Some((_, number, printed)) = heading {
            crate::rules::s1::check(
                lang,
                *number,
                printed.as_deref(),
                &seen_numbers,
                text,
                source,
                findings,
            );
            seen_numbers.push(*number);
            report.sections.push(Section {
                number: *number,
                heading: text.trim().to_string(),
                printed_number: printed.clone(),
                text: String::new(),
                source: (*source).clone(),
            });
            current = Some(report.sections.len() - 1);
            continue;
        }
        if let Some(i) = current {
            let s = &mut report.sections[i].text;
            if !s.is_empty() {
                s.push('\n');
            }
            s.push_str(text.trim());
        }
    }

    let period_year = report
        .metadata
        .period
        .as_ref()
        .and_then(|p| p.start.get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    report.year = report
        .metadata
        .title_year
        .or(period_year)
        .or(announced_year)
        .or(report.metadata.file_year)
        .or(opening_year);
    crate::rules::y1::check(report, period_year, lang, findings);
}

/// A line laid out in cells whose first cell may be a heading and whose others hold no
/// number: marks after a wide gap (a seal's or a stain's strokes read beside a scanned
/// heading, a page's running text on the heading's line).
fn heading_with_marks<'a>(item: &Item<'a>) -> Option<&'a xxgk_model::Cell> {
    match item {
        Item::Row {
            positioned: true,
            cells,
            folded,
            ..
        } if cells.len() >= 2
            && !folded[1..]
                .iter()
                .any(|c| c.contains(|ch: char| ch.is_ascii_digit())) =>
        {
            cells.first()
        }
        _ => None,
    }
}

/// The items that head sections (item index, number, numeral printed): each section's first
/// heading, and where a section's heading is nowhere, a line that names it with its numbering
/// garbled (`人总体情况`: OCR read `一、` as one ideograph; a word lost), standing after the
/// headings of the sections before it and before those after it, the ones taken so included.
/// Lines numbered as headings are (`入、其他需要报告的事项`) are taken first; a line after the
/// last heading must be one: `无其他需要报告的事项` is prose.
fn with_garbled_headings(
    mut named: Vec<(usize, u8, Option<String>)>,
    garbled: &[(usize, u8, bool)],
) -> Vec<(usize, u8, Option<String>)> {
    for numbered_first in [true, false] {
        for &(at, number, numbered) in garbled.iter().filter(|g| g.2 == numbered_first) {
            if named.iter().any(|h| h.1 == number) {
                continue;
            }
            let placed = named.iter().all(|&(i, n, _)| (n < number) == (i < at));
            if placed && (numbered || named.iter().any(|&(_, n, _)| n > number)) {
                named.push((at, number, None));
            }
        }
    }
    named
}

/// The statistical period, website, phone and address, where a paragraph states them first.
fn read_contacts(metadata: &mut xxgk_model::Metadata, text: &str, folded: &str) {
    if metadata.period.is_none() {
        if let Some([year, month, day, end_year, end_month, end_day]) = phrases::period(folded) {
            let end_year = if end_year.is_empty() { year } else { end_year };
            metadata.period = Some(Period {
                start: format!("{year}-{month:0>2}-{day:0>2}"),
                end: format!("{end_year}-{end_month:0>2}-{end_day:0>2}"),
            });
        }
    }
    if metadata.website.is_none() {
        metadata.website = phrases::website(text).map(str::to_string);
    }
    if metadata.phone.is_none() {
        metadata.phone = phrases::phone(text).map(str::to_string);
    }
    if metadata.address.is_none() {
        if let Some(found) = phrases::address(text) {
            metadata.address = Some(found.trim().to_string());
        }
    }
}

/// The year in the file name, and the agency where the name is a report title.
fn from_file_name(report: &mut Report, name: &str) {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    report.metadata.file_year = file_year(&stem);
    if report.agency.is_none() && is_title(&fold(&stem)) {
        report.agency = agency_year(&stem).0;
    }
}

/// The number of requests section 一 states, where the prose is unambiguous (one figure).
pub(crate) fn read_prose_figures(report: &mut Report) {
    let text = match report.sections.iter().find(|s| s.number == 1) {
        Some(s) => fold(&s.text),
        None => return,
    };
    let mut values: Vec<f64> = phrases::request_counts(&text)
        .iter()
        .filter_map(|n| n.parse().ok())
        .collect();
    if values.is_empty() && phrases::none_received(&text) {
        values.push(0.0);
    }
    values.dedup();
    if let [v] = values.as_slice() {
        report.metadata.prose_new_requests = Some(Num(*v));
        report.metadata.prose_new_requests_source = report
            .sections
            .iter()
            .find(|s| s.number == 1)
            .map(|s| s.source.clone());
    }
}

/// Whether the document is only images (a scan): it has images and no text.
pub(crate) fn image_only(items: &[Item<'_>]) -> bool {
    items.iter().any(|i| matches!(i, Item::Image))
        && items.iter().all(|i| match i {
            Item::Para { text, .. } => text.trim().is_empty(),
            Item::Row { cells, .. } => cells.iter().all(|c| c.text.trim().is_empty()),
            Item::Image => true,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_and_year_from_titles_and_the_announcing_sentence() {
        assert_eq!(
            agency_year("宁强县自然资源局关于2021年度政府信息公开情况的报告"),
            (Some("宁强县自然资源局".to_string()), Some(2021))
        );
        assert_eq!(
            agency_year("2025年度长春新区管委会政府信息公开工作年度报告"),
            (Some("长春新区管委会".to_string()), Some(2025))
        );
        let lines = |t: &'static str| vec![Line::text(t, true)];
        assert_eq!(
            announced(&lines(
                "根据《条例》规定，现公布区统计局2023年政府信息公开工作年度报告。"
            )),
            (Some("区统计局".to_string()), Some(2023))
        );
        assert_eq!(
            announced(&lines("现将我办2022年度政府信息公开情况报告如下：")),
            (None, Some(2022))
        );
    }

    #[test]
    fn a_title_cut_into_cells_of_one_row_is_joined() {
        // A scan's spaced-out title, cut at its wide gaps into a row of two cells: the whole
        // title (with its year) wins over its second half alone; cells of different rows are
        // never joined.
        let cell = |text, col, row| Line {
            text,
            wraps: false,
            col: Some(col),
            row: Some(row),
        };
        let lines = [
            cell("2022 年政府信息", 0, 1),
            cell("公开工作年度报告", 1, 1),
        ];
        let title = find_title(&lines).map(|t| t.text);
        assert_eq!(title.as_deref(), Some("2022 年政府信息公开工作年度报告"));
        let apart = [
            cell("2022 年政府信息", 0, 1),
            cell("公开工作年度报告", 0, 2),
        ];
        let title = find_title(&apart).map(|t| t.text);
        assert_eq!(title.as_deref(), Some("公开工作年度报告"));
    }

    #[test]
    fn a_misread_agency_is_mostly_the_same_or_shows_a_lost_characters_trace() {
        assert!(misread("亮伞县目然资产和规划局", "嘉祥县自然资源和规划局"));
        assert!(!misread("嘉祥县自然资源和规划局", "嘉祥县自然资源和规划局"));
        // Another office, or the same one named longer, is no misreading.
        assert!(!misread("嘉祥县自然资源局", "嘉祥县自然资源和规划局"));
        assert!(!misread("金乡县财政局", "嘉祥县教育局"));
        // A character lost to a gap, or a stray mark beside one.
        assert!(misread("辽宁省大连市城 管理局", "辽宁省大连市城市管理局"));
        assert!(misread("邹|城市行政审批服务局", "邹城市行政审批服务局"));
        // A name two characters shorter with no trace of a loss is another name; so is one
        // whose gap is elsewhere than the characters it lacks, or one longer.
        assert!(!misread("辽宁省大连市管理局", "辽宁省大连市城市管理局"));
        assert!(!misread("辽宁 省大连市管理局", "辽宁省大连市城市管理局"));
        assert!(!misread("辽宁省 大连市城市管理局", "辽宁省大连市城管理局"));
    }

    #[test]
    fn a_title_wrapped_by_width_wins_over_the_templates_opening_sentence() {
        // A page-layout converter breaks the title where the line is full, and the national
        // template's first sentence, broken after its dates, names a year and `年度报告`.
        let lines: Vec<Line<'_>> = [
            "武汉市江汉区人民政府办公室2023年政府信息",
            "公开工作年度报告",
            "一、总体情况",
            "本年度报告中所列数据统计期限为2023年1月1日至12月31日",
        ]
        .into_iter()
        .map(|t| Line::text(t, true))
        .collect();
        let title = find_title(&lines).map(|t| t.text);
        assert_eq!(
            title.as_deref(),
            Some("武汉市江汉区人民政府办公室2023年政府信息公开工作年度报告")
        );
    }

    #[test]
    fn agency_and_year_from_titles() {
        assert_eq!(
            agency_year("金乡县行政审批服务局 2023 年政府信息公开 公开工作年度报告"),
            (Some("金乡县行政审批服务局".into()), Some(2023))
        );
        assert_eq!(
            agency_year("2023年政府信息公开工作年度报告"),
            (None, Some(2023))
        );
    }

    #[test]
    fn a_year_in_a_file_name() {
        assert_eq!(file_year("x_2023年报告"), Some(2023));
        assert_eq!(file_year("000_5bcf35f9dc66c78b"), None);
        assert_eq!(file_year("金乡县2023年报"), Some(2023));
        assert_eq!(file_year("report_2022"), Some(2022));
        assert_eq!(file_year("x20221"), None);
    }
}
