//! Metadata (title, agency, year, period, contacts), the six sections and the request count
//! stated in prose; the rules on what it finds (Y1, S1) are in `rules/`.

use crate::fold::fold;
use crate::labels::section_heading;
use crate::stream::Item;
use regex::{Captures, Regex};
use std::sync::LazyLock;
use xxgk_model::{Finding, Num, Period, Report, Section, SourceRef};

static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"((?:19|20)[0-9]{2})\s*年"));
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日(?:起)?(?:至|到|-|~)\s?(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})日",
    )
});
static WEBSITE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(https?://[A-Za-z0-9./:_\-?=&%#]+[A-Za-z0-9/]|www\.[A-Za-z0-9.\-]+[A-Za-z0-9](?:/[A-Za-z0-9./_\-]*)?)",
    )
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:联系电话|咨询电话|电话)[:：]?\s*(\(?0[0-9]{2,3}\)?[-－]?[0-9]{7,8}|1[0-9]{10})")
});
/// An address: the spaces after `地址：`, then the text up to the next delimiter (see
/// [`address`]).
static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:联系地址|通讯地址|地址)[:：](\s*)([^，,；;。）)\n]*)"));

/// The longest text, in bytes, a match of a bounded pattern below spans: its bounded group,
/// the words around it, and room for spaces (a sentence with more than about 800 bytes of
/// spaces between its year and `年` is not read as announcing the report).
const SPAN: usize = 1024;

/// The leftmost match of `re` whose lazily matched groups hold at most their number of
/// characters (`(group, most)`): what `re` finds with each such group written `{0,most}?`.
/// A bounded repetition of a Unicode class compiles to one copy of the class per repeat (an
/// announcing sentence's `{0,40}?` alone took 0.8 ms to compile, most of a small report's
/// parse); checking the bound here instead gives the same match. A match whose group is too
/// long at one start fails there, as the bounded pattern does, and the search goes on from the
/// next character. Each search looks at most `2 × SPAN` bytes ahead, so text that repeats a
/// pattern's first words costs time in proportion to its length, as the bounded pattern did:
/// a match starting in the first `SPAN` bytes of a window fits in it whole, and the shortest
/// match at a start (the lazy one) is the one a bounded pattern takes.
fn bounded<'t>(re: &Regex, text: &'t str, groups: &[(usize, usize)]) -> Option<Captures<'t>> {
    let boundary = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut at = 0;
    loop {
        let end = boundary(at + 2 * SPAN);
        let sure = if end == text.len() {
            end
        } else {
            boundary(end - SPAN)
        };
        let found = re
            .captures_at(&text[..end], at)
            .filter(|c| c.get(0).is_some_and(|m| m.start() < sure || sure == end));
        let Some(c) = found else {
            if end == text.len() {
                return None;
            }
            // No match starts before `sure`; one starting after it is searched for whole.
            at = sure;
            continue;
        };
        let fits = |&(g, most): &(usize, usize)| {
            c.get(g)
                .is_none_or(|m| m.as_str().chars().nth(most).is_none())
        };
        if groups.iter().all(fits) {
            return Some(c);
        }
        let start = c.get(0)?.start();
        at = start + text[start..].chars().next()?.len_utf8();
    }
}

/// The first address after `地址：` of 4 characters or more, its first 60 kept, as
/// `地址[:：]\s*([^，,；;。）)\n]{4,60})` reads it: the spaces give back as many of their last
/// characters as the text needs to reach four (a line break never), and the address is the
/// first 60 characters from there.
fn address(text: &str) -> Option<String> {
    let mut at = 0;
    while let Some(c) = ADDRESS.captures_at(text, at) {
        let (spaces, run) = (c.get(1)?.as_str(), c.get(2)?.as_str());
        let short = 4usize.saturating_sub(run.chars().count());
        let given: Vec<char> = spaces.chars().rev().take_while(|&c| c != '\n').collect();
        if given.len() >= short {
            let lead = given[..short].iter().rev();
            return Some(lead.copied().chain(run.chars()).take(60).collect());
        }
        // Too short here: the pattern fails at this start and is tried from the next
        // character (an address may start inside this one's label).
        let start = c.get(0)?.start();
        at = start + text[start..].chars().next()?.len_utf8();
    }
    None
}

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

fn re(pattern: &str) -> Regex {
    // The patterns are constants; a typo is caught by the unit tests on first use.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
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
    match YEAR.captures(text) {
        Some(c) => {
            let year = c.get(1).and_then(|m| m.as_str().parse().ok());
            let start = c.get(0).map_or(0, |m| m.start());
            let before = strip_title_prefix(&text[..start])
                .trim_end_matches(['《', '（', '(', '：', ':'])
                .trim();
            // `X关于2021年度…的报告`: the agency ends before `关于`.
            let before = before.strip_suffix("关于").unwrap_or(before).trim();
            // `2025年度X政府信息公开工作年度报告`: the agency comes after the year.
            let after = || {
                let rest = text[c.get(0).map_or(0, |m| m.end())..].trim_start_matches('度');
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

/// An early line of text: whether it may continue the line before (a wrapped paragraph, not a
/// cell beside another), and for a cell its grid column.
type Line<'a> = (&'a str, bool, Option<u32>);

/// Early lines of text in reading order: paragraphs, and each filled cell of a table row (a
/// spreadsheet or a page layout puts the title in a cell beside navigation).
fn early_lines<'a>(items: &'a [Item<'a>]) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut sheet: Option<&str> = None;
    for item in items.iter().take(200) {
        match item {
            // A text line may be a wrapped piece of the line before; a paragraph is whole.
            Item::Para { text, source } => {
                out.push((text.trim(), source.line_key().is_some(), None))
            }
            Item::Row { cells, .. } => {
                // A sheet's name can be the title (`XX局2023年政府信息公开工作年度报告`).
                if let Some(SourceRef::SheetCell { sheet: name, .. }) =
                    cells.first().map(|c| &c.source)
                {
                    if sheet != Some(name.as_str()) {
                        sheet = Some(name.as_str());
                        out.push((name.trim(), false, None));
                    }
                }
                out.extend(
                    cells
                        .iter()
                        .filter(|c| !c.text.trim().is_empty())
                        .map(|c| (c.text.trim(), false, Some(c.col))),
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

/// The report's title: an early line, or two or three consecutive short text lines joined,
/// that names an annual report and is not a sentence about one (`…年度报告格式》`). A title
/// with a year is preferred, since portal pages put navigation (`信息公开年报`) first, then
/// the one that joins the fewest lines.
fn find_title(lines: &[Line<'_>]) -> Option<Title> {
    let mut found: Vec<Title> = Vec::new();
    // Per line, once: short enough to be part of a title, and holding a piece of `报告`.
    let marks: Vec<(bool, bool)> = lines
        .iter()
        .map(|(t, ..)| (t.chars().nth(60).is_none(), t.contains(['报', '報'])))
        .collect();
    for i in 0..lines.len() {
        let window = (i..lines.len().min(i + 3))
            .take_while(|&j| marks[j].0 && (j == i || (lines[j].1 && lines[i].1)))
            .collect::<Vec<usize>>();
        if !window.iter().any(|&j| marks[j].1) {
            continue;
        }
        let mut joined = String::new();
        for (k, &j) in window.iter().enumerate() {
            let part = lines[j].0;
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
    let best =
        (0..found.len()).min_by_key(|&i| (!YEAR.is_match(&found[i].text), found[i].parts, i))?;
    Some(found.swap_remove(best))
}

/// The line above line `i`: the previous line, or for a cell the nearest earlier cell in the
/// same column.
fn line_above<'a>(lines: &[Line<'a>], i: usize) -> Option<&'a str> {
    match lines.get(i)?.2 {
        None => Some(lines.get(i.checked_sub(1)?)?.0),
        Some(col) => lines[..i]
            .iter()
            .rev()
            .find(|l| l.2 == Some(col))
            .map(|l| l.0),
    }
}

/// Group 1 holds at most 40 characters ([`bounded`]).
static COMPILED_BY: LazyLock<Regex> =
    LazyLock::new(|| re(r"本报告(?:是)?由(..+?)(?:按照|根据|依据|依照|遵照|编制)"));

static OPENING_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|。)\s*((?:19|20)[0-9]{2})\s*年\s*[，,]\s*(?:我|本)"));
/// Group 1 holds at most 40 characters ([`bounded`]).
static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:现公布|现发布|特编制|特向社会公布|现将|编制了?)([^，。；、：:,;()（）《》〔〕\s]*?)((?:19|20)[0-9]{2})\s*年度?(?:政府)?信息公开",
    )
});

/// The opening sentence that announces the report (`现公布区统计局2023年政府信息公开工作年度
/// 报告`, `现将我办2022年度政府信息公开情况报告如下`): the agency as it names itself (none for
/// `我办`, `本机关`), and the year.
fn announced(lines: &[Line<'_>]) -> (Option<String>, Option<i32>) {
    let joined: String = lines.iter().take(60).map(|l| l.0).collect();
    let Some(c) = bounded(&ANNOUNCED, &joined, &[(1, 40)]) else {
        return (None, None);
    };
    let year = c.get(2).and_then(|m| m.as_str().parse().ok());
    let name = c.get(1).map_or("", |m| m.as_str());
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
    (agency, year)
}

/// The agency named by the opening sentence `本报告由X按照…编制`, over wrapped lines.
fn compiled_by(lines: &[Line<'_>]) -> Option<String> {
    let joined: String = lines.iter().take(60).map(|l| l.0).collect();
    let c = bounded(&COMPILED_BY, &joined, &[(1, 40)])?;
    let name: String = c.get(1)?.as_str().split_whitespace().collect();
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
        report.metadata.title = Some(match (&before, YEAR.find(&title.text)) {
            (Some(p), Some(m)) if m.start() == 0 => format!("{p}{}", title.text),
            _ => title.text.clone(),
        });
        report.metadata.title_year = year;
        report.agency = agency;
    }
    let title_agency = report.agency.clone();
    let body_agency = compiled_by(&lines);
    let (announced_agency, announced_year) = announced(&lines);
    // `2024年，我局…`: the overview opens with the year it reports on.
    let opening_year = lines
        .iter()
        .take(60)
        .find_map(|l| OPENING_YEAR.captures(l.0))
        .and_then(|c| c.get(1)?.as_str().parse::<i32>().ok());
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

    // Prose: period, contacts, sections.
    let mut current: Option<usize> = None;
    let mut seen_numbers: Vec<u8> = Vec::new();
    for item in items {
        let Item::Para { text, source } = item else {
            continue;
        };
        // Long prose cannot be a heading (over 70 characters): once the period is known, it
        // needs no folding at all.
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
        if let Some((number, printed)) = section_heading(&folded).filter(|_| short) {
            if !report.sections.iter().any(|s| s.number == number) {
                crate::rules::s1::check(
                    lang,
                    number,
                    printed.as_deref(),
                    &seen_numbers,
                    text,
                    source,
                    findings,
                );
                seen_numbers.push(number);
                report.sections.push(Section {
                    number,
                    heading: text.trim().to_string(),
                    printed_number: printed,
                    text: String::new(),
                    source: (*source).clone(),
                });
                current = Some(report.sections.len() - 1);
                continue;
            }
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

/// The statistical period, website, phone and address, where a paragraph states them first.
fn read_contacts(metadata: &mut xxgk_model::Metadata, text: &str, folded: &str) {
    if metadata.period.is_none() {
        if let Some(c) = PERIOD.captures(folded) {
            let g = |i: usize| c.get(i).map_or("", |m| m.as_str());
            let start_year = g(1);
            let end_year = if g(4).is_empty() { start_year } else { g(4) };
            metadata.period = Some(Period {
                start: format!("{}-{:0>2}-{:0>2}", start_year, g(2), g(3)),
                end: format!("{}-{:0>2}-{:0>2}", end_year, g(5), g(6)),
            });
        }
    }
    if metadata.website.is_none() {
        if let Some(m) = WEBSITE.find(text) {
            metadata.website = Some(m.as_str().to_string());
        }
    }
    if metadata.phone.is_none() {
        if let Some(c) = PHONE.captures(text) {
            metadata.phone = c.get(1).map(|m| m.as_str().to_string());
        }
    }
    if metadata.address.is_none() {
        if let Some(found) = address(text) {
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

static PROSE_COUNT: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        re(
            r"(?:收到|受理|新收|接收)(?:了)?[^，。；,;]{0,12}?(?:政府信息公开申请|依申请公开|信息公开申请|公开申请)[^，。；,;[0-9]]{0,6}?([0-9]+)(?:件|条|项|个|份)",
        ),
        re(
            r"(?:收到|受理|新收|接收)(?:了)?[^，。；,;[0-9]]{0,8}?([0-9]+)(?:件|条|项|个|份)[^，。；,;]{0,12}?(?:政府信息公开申请|依申请公开|信息公开申请|公开申请|申请)",
        ),
    ]
});
/// Group 1 holds at most 10 characters ([`bounded`]).
static PROSE_NONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"未(?:收到|受理|接到)([^，。；,;[0-9]]*?)(?:申请|依申请公开)"));

/// The number of requests section 一 states, where the prose is unambiguous (one figure).
pub(crate) fn read_prose_figures(report: &mut Report) {
    let text = match report.sections.iter().find(|s| s.number == 1) {
        Some(s) => fold(&s.text),
        None => return,
    };
    let mut values: Vec<f64> = Vec::new();
    for pattern in PROSE_COUNT.iter() {
        for c in pattern.captures_iter(&text) {
            if let Some(v) = c.get(1).and_then(|m| m.as_str().parse::<f64>().ok()) {
                values.push(v);
            }
        }
    }
    if values.is_empty() && bounded(&PROSE_NONE, &text, &[(1, 10)]).is_some() {
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
        let lines = |t: &'static str| vec![(t, true, None)];
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
        .map(|t| (t, true, None))
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
    fn patterns_compile_and_match() {
        let p = fold("本报告所列数据统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。");
        assert!(PERIOD.is_match(&p));
        assert!(PERIOD.is_match("统计期限为2022年1月1日至12月31日"));
        assert!(PHONE.is_match("联系电话：0537-8876366"));
        assert_eq!(
            address("地址：号，联系地址：金乡县金乡街道金珠路 6 号，").as_deref(),
            Some("金乡县金乡街道金珠路 6 号")
        );
        assert_eq!(
            address(&format!("地址：{}", "路".repeat(70))).map(|a| a.chars().count()),
            Some(60)
        );
        // The spaces give back what a short address needs, as `\s*` backtracks.
        assert_eq!(address("地址：   1号，").as_deref(), Some("  1号"));
        assert_eq!(address("地址：\n1号，").as_deref(), None);
        // A label too short to hold an address, then one inside it that does.
        assert_eq!(
            address("地址：地址：\n北京市某路1号").as_deref(),
            Some("北京市某路1号")
        );
        assert!(WEBSITE.is_match("（www.jinxiang.gov.cn）"));
        assert_eq!(file_year("x_2023年报告"), Some(2023));
        assert_eq!(file_year("000_5bcf35f9dc66c78b"), None);
        assert_eq!(file_year("金乡县2023年报"), Some(2023));
        assert_eq!(file_year("report_2022"), Some(2022));
        assert_eq!(file_year("x20221"), None);
        for (text, n) in [
            (
                "2023年，县行政审批服务局收到1条政府信息公开申请，已按要求进行答复。",
                1,
            ),
            ("2022年，县政府办公室共收到政府信息公开申请16件", 16),
            ("2024年，我局受理依申请公开27件，其中4件", 27),
            ("共计收到政府信息依申请公开1项，已完成答复。", 1),
        ] {
            let got: Vec<&str> = PROSE_COUNT
                .iter()
                .filter_map(|p| p.captures(text).and_then(|c| c.get(1)).map(|m| m.as_str()))
                .collect();
            assert_eq!(got.first().copied(), Some(n.to_string().as_str()), "{text}");
        }
        assert!(bounded(
            &PROSE_NONE,
            "2.依申请公开。未收到依申请公开事项。",
            &[(1, 10)]
        )
        .is_some());
        // Too far apart at the first 未收到, near enough at the second.
        let far = format!("未收到{}申请。未收到过申请", "任何".repeat(6));
        let c = bounded(&PROSE_NONE, &far, &[(1, 10)]);
        assert_eq!(c.and_then(|c| c.get(1)).map(|m| m.as_str()), Some("过"));
    }

    #[test]
    fn a_repeated_opening_is_searched_in_windows_and_found_where_its_bound_allows() {
        // Each start reaches `编制` past 40 characters but the last eleven, the first of which
        // is the match: the search looks a window ahead at a time (a search per start to the
        // end would take minutes).
        let text = "本报告由".repeat(20_000) + "编制";
        let c = bounded(&COMPILED_BY, &text, &[(1, 40)]);
        let start = c.as_ref().and_then(|c| c.get(0)).map(|m| m.start());
        let tail = "本报告由".repeat(11) + "编制";
        assert_eq!(start, Some(text.len() - tail.len()));
        let group = "本报告由".repeat(10);
        assert_eq!(
            c.and_then(|c| c.get(1)).map(|m| m.as_str()),
            Some(group.as_str())
        );
        // A match crossing the first window's end is found whole in the next window; one
        // found in the first window after its first half is searched for again from there.
        for before in [2 * SPAN / 3 - 2, 400] {
            let late = format!(
                "{}本报告由某某局编制{}",
                "无".repeat(before),
                "有".repeat(600)
            );
            let c = bounded(&COMPILED_BY, &late, &[(1, 40)]);
            let start = c.as_ref().and_then(|c| c.get(0)).map(|m| m.start());
            assert_eq!(start, Some(before * 3), "{before}");
            assert_eq!(c.and_then(|c| c.get(1)).map(|m| m.as_str()), Some("某某局"));
        }
    }
}
