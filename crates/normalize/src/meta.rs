//! Metadata (title, agency, year, period, contacts), the six sections, the request count stated
//! in prose, and the completeness / identity findings (C1, C2, C3 rows, Y1, F1, S1).

use crate::fold::{fold, fold_cow, numeral_value};
use crate::labels::section_heading;
use crate::msg::t;
use regex::Regex;
use std::sync::LazyLock;
use xxgk_model::{
    Block, Cell, Document, Finding, FormatVersion, Lang, Num, Origin, Period, Report, Section,
    Severity, SourceRef, APP_ROWS,
};

/// A document flattened into reading order.
pub(crate) enum Item<'a> {
    Para {
        text: &'a str,
        source: &'a SourceRef,
    },
    Row {
        table: usize,
        /// The row's cells are placed by extent on a line, not on a grid.
        positioned: bool,
        cells: &'a [Cell],
        /// Each cell's text folded once ([`fold`]), for every matcher.
        folded: Vec<std::borrow::Cow<'a, str>>,
    },
    Image,
}

/// The document in reading order. A layout table (`Table::is_container`) is not a table: its
/// cells are read as blocks, row by row, and the data tables inside it keep their rows.
pub(crate) fn flatten(doc: &Document) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    let mut table = 0;
    for b in &doc.blocks {
        push_block(b, &mut out, &mut table);
    }
    out
}

fn push_block<'a>(b: &'a Block, out: &mut Vec<Item<'a>>, table: &mut usize) {
    match b {
        Block::Paragraph(p) => out.push(Item::Para {
            text: &p.text,
            source: &p.source,
        }),
        Block::Table(tb) if tb.is_container() => {
            for cell in tb.rows.iter().flatten() {
                if cell.blocks.is_empty() {
                    if !cell.text.trim().is_empty() {
                        out.push(Item::Para {
                            text: &cell.text,
                            source: &cell.source,
                        });
                    }
                } else {
                    for inner in &cell.blocks {
                        push_block(inner, out, table);
                    }
                }
            }
        }
        Block::Table(tb) => {
            let positioned = tb.is_positioned();
            for r in &tb.rows {
                out.push(Item::Row {
                    table: *table,
                    positioned,
                    cells: r,
                    folded: r.iter().map(|c| fold_cow(&c.text)).collect(),
                });
            }
            *table += 1;
        }
        Block::Image { .. } => out.push(Item::Image),
    }
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"((?:19|20)[0-9]{2})\s*年"));
static FILE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^0-9A-Za-z])((?:19|20)[0-9]{2})(?:年|[^0-9A-Za-z]|$)"));
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
static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:联系地址|通讯地址|地址)[:：]\s*([^，,；;。）)\n]{4,60})"));

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
            let sentence = ["本报告", "格式", "条例", "。", "按照", "根据"]
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

static COMPILED_BY: LazyLock<Regex> =
    LazyLock::new(|| re(r"本报告(?:是)?由(.{2,40}?)(?:按照|根据|依据|依照|遵照|编制)"));

static OPENING_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|。)\s*((?:19|20)[0-9]{2})\s*年\s*[，,]\s*(?:我|本)"));
static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:现公布|现发布|特编制|特向社会公布|现将|编制了?)([^，。；、：:,;()（）《》〔〕\s]{0,40}?)((?:19|20)[0-9]{2})\s*年度?(?:政府)?信息公开",
    )
});

/// The opening sentence that announces the report (`现公布区统计局2023年政府信息公开工作年度
/// 报告`, `现将我办2022年度政府信息公开情况报告如下`): the agency as it names itself (none for
/// `我办`, `本机关`), and the year.
fn announced(lines: &[Line<'_>]) -> (Option<String>, Option<i32>) {
    let joined: String = lines.iter().take(60).map(|l| l.0).collect();
    let Some(c) = ANNOUNCED.captures(&joined) else {
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
    let c = COMPILED_BY.captures(&joined)?;
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
    let (announced_agency, announced_year) = announced(&lines);
    // `2024年，我局…`: the overview opens with the year it reports on.
    let opening_year = lines
        .iter()
        .take(60)
        .find_map(|l| OPENING_YEAR.captures(l.0))
        .and_then(|c| c.get(1)?.as_str().parse::<i32>().ok());
    if report.agency.is_none() {
        report.agency = compiled_by(&lines).or(announced_agency);
    }
    if let Some(name) = &opts.file_name {
        let stem = std::path::Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        report.metadata.file_year = FILE_YEAR
            .captures(&stem)
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok());
        if report.agency.is_none() && is_title(&fold(&stem)) {
            report.agency = agency_year(&stem).0;
        }
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
        if report.metadata.period.is_none() {
            if let Some(c) = PERIOD.captures(&folded) {
                let g = |i: usize| c.get(i).map_or("", |m| m.as_str());
                let start_year = g(1);
                let end_year = if g(4).is_empty() { start_year } else { g(4) };
                report.metadata.period = Some(Period {
                    start: format!("{}-{:0>2}-{:0>2}", start_year, g(2), g(3)),
                    end: format!("{}-{:0>2}-{:0>2}", end_year, g(5), g(6)),
                });
            }
        }
        if report.metadata.website.is_none() {
            if let Some(m) = WEBSITE.find(text) {
                report.metadata.website = Some(m.as_str().to_string());
            }
        }
        if report.metadata.phone.is_none() {
            if let Some(c) = PHONE.captures(text) {
                report.metadata.phone = c.get(1).map(|m| m.as_str().to_string());
            }
        }
        if report.metadata.address.is_none() {
            if let Some(c) = ADDRESS.captures(text) {
                report.metadata.address = c.get(1).map(|m| m.as_str().trim().to_string());
            }
        }
        if let Some((number, printed)) = section_heading(&folded).filter(|_| short) {
            if !report.sections.iter().any(|s| s.number == number) {
                check_numbering(
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
    let named = [
        ("标题", "title", report.metadata.title_year),
        ("统计期限", "statistical period", period_year),
        ("文件名", "file name", report.metadata.file_year),
    ];
    let known: Vec<_> = named.iter().filter(|(_, _, y)| y.is_some()).collect();
    if known.windows(2).any(|w| w[0].2 != w[1].2) {
        let zh: Vec<String> = known
            .iter()
            .map(|(z, _, y)| format!("{z}{}年", y.unwrap_or(0)))
            .collect();
        let en: Vec<String> = known
            .iter()
            .map(|(_, e, y)| format!("{e} {}", y.unwrap_or(0)))
            .collect();
        findings.push(Finding::new(
            "Y1",
            Severity::Error,
            Origin::Source,
            t(
                lang,
                format!("年份不一致：{}", zh.join("，")),
                format!("years disagree: {}", en.join(", ")),
            ),
        ));
    }
}

fn check_numbering(
    lang: Lang,
    number: u8,
    printed: Option<&str>,
    seen: &[u8],
    heading: &str,
    source: &SourceRef,
    findings: &mut Vec<Finding>,
) {
    let printed_value = printed.and_then(numeral_value);
    let problem = match printed_value {
        Some(p) if p != number => Some(t(
            lang,
            format!(
                "章节编号错误：「{}」应编为{}",
                heading.trim(),
                zh_numeral(number)
            ),
            format!(
                "section numbered {} but it is section {number}: \"{}\"",
                printed.unwrap_or(""),
                heading.trim()
            ),
        )),
        _ if seen.last().is_some_and(|&last| last > number) => Some(t(
            lang,
            format!("章节顺序错误：「{}」出现在后面章节之后", heading.trim()),
            format!(
                "section out of order: \"{}\" comes after a later section",
                heading.trim()
            ),
        )),
        _ => None,
    };
    if let Some(message) = problem {
        let mut f = Finding::new("S1", Severity::Warning, Origin::Source, message);
        f.source = Some(source.clone());
        f.expected = Some(Num(f64::from(number)));
        f.found = printed_value.map(|p| Num(f64::from(p)));
        findings.push(f);
    }
}

pub(crate) fn zh_numeral(n: u8) -> &'static str {
    [
        "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ]
    .get(n as usize)
    .copied()
    .unwrap_or("?")
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
static PROSE_NONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"未(?:收到|受理|接到)[^，。；,;[0-9]]{0,10}?(?:申请|依申请公开)"));

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
    if values.is_empty() && PROSE_NONE.is_match(&text) {
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

/// C1 (missing sections), C2 (missing tables), C3 (missing rows), F1 (old format).
pub(crate) fn completeness(
    items: &[Item<'_>],
    lang: Lang,
    report: &mut Report,
    findings: &mut Vec<Finding>,
) {
    let has_prose = items.iter().any(|i| matches!(i, Item::Para { .. }));
    let has_images = items.iter().any(|i| matches!(i, Item::Image));
    report.metadata.image_only = has_images
        && items.iter().all(|i| match i {
            Item::Para { text, .. } => text.trim().is_empty(),
            Item::Row { cells, .. } => cells.iter().all(|c| c.text.trim().is_empty()),
            Item::Image => true,
        });
    for n in 1..=6u8 {
        if report.sections.iter().any(|s| s.number == n) {
            continue;
        }
        let (zh, en) = SECTION_NAMES[n as usize - 1];
        let severity = if has_prose {
            Severity::Error
        } else {
            Severity::Info
        };
        findings.push(Finding::new(
            "C1",
            severity,
            Origin::Source,
            t(
                lang,
                format!("缺少第{}部分「{}」", zh_numeral(n), zh),
                format!("section {n} ({en}) is missing"),
            ),
        ));
    }
    let tables: [(&str, &str, &str, bool); 3] = [
        (
            "active",
            "表二（主动公开）",
            "table 2 (active disclosure)",
            report_active_empty(report),
        ),
        (
            "applications",
            "表三（收到和处理申请）",
            "table 3 (requests)",
            report.applications.is_empty(),
        ),
        (
            "review_litigation",
            "表四（行政复议、行政诉讼）",
            "table 4 (review and litigation)",
            (0..3).all(|g| {
                report
                    .review_litigation
                    .group(g)
                    .iter()
                    .all(Option::is_none)
            }),
        ),
    ];
    for (key, zh, en, empty) in tables {
        if !empty {
            continue;
        }
        // A table whose labels are there but whose value cells are all blank (a template not
        // filled in) is empty, not missing.
        let printed = match key {
            "active" => ["行政规范性文件", "本年制发件数"],
            "applications" => [
                "本年新收政府信息公开申请数量",
                "上年结转政府信息公开申请数量",
            ],
            _ => ["未经复议直接起诉", "复议后起诉"],
        };
        let has_labels = items.iter().any(|i| match i {
            Item::Row { folded, .. } => {
                folded.iter().any(|f| printed.iter().any(|p| f.contains(p)))
            }
            _ => false,
        });
        let (zh_msg, en_msg) = if has_labels {
            (
                format!("{zh}为空：表格在，但没有填写任何数值"),
                format!("{en} is empty: the table is there, but no value is filled in"),
            )
        } else if has_images {
            (
                format!("{zh}缺失：文档中的表格可能是图片，无法机读"),
                format!("{en} is missing: the document has images where tables may be; they are not machine-readable"),
            )
        } else {
            (format!("缺少{zh}"), format!("{en} is missing"))
        };
        let mut f = Finding::new(
            "C2",
            Severity::Error,
            Origin::Source,
            t(lang, zh_msg, en_msg),
        );
        f.table = Some(key.to_string());
        findings.push(f);
    }
    if !report.applications.is_empty() {
        let missing: Vec<usize> = (0..APP_ROWS.len())
            .filter(|&i| report.applications.row(i).iter().all(Option::is_none))
            .filter(|&i| !(report.format == Some(FormatVersion::V2019) && (i == 20 || i == 21)))
            .filter(|&i| {
                !report
                    .provenance
                    .contains_key(&format!("applications.{}[0]", APP_ROWS[i]))
            })
            .collect();
        if !missing.is_empty() {
            let labels: Vec<&str> = missing
                .iter()
                .map(|&i| xxgk_model::APP_ROW_LABELS[i])
                .collect();
            let keys: Vec<&str> = missing.iter().map(|&i| APP_ROWS[i]).collect();
            let mut f = Finding::new(
                "C3",
                Severity::Error,
                Origin::Source,
                t(
                    lang,
                    format!("表三不完整，缺少{}行：{}", missing.len(), labels.join("；")),
                    format!(
                        "table 3 is incomplete: {} rows missing: {}",
                        missing.len(),
                        keys.join(", ")
                    ),
                ),
            );
            // The place is the table's last row read (the missing ones belong after it, or
            // around it), not one of the missing rows: a finding about many rows names none.
            f.table = Some("applications".into());
            f.source = (0..APP_ROWS.len()).rev().find_map(|i| {
                (0..7).find_map(|c| {
                    report
                        .provenance
                        .get(&format!("applications.{}[{c}]", APP_ROWS[i]))
                        .map(|p| p.source.clone())
                })
            });
            findings.push(f);
        }
    }
    let rl = &report.review_litigation;
    let blank: Vec<(usize, usize)> = (0..3)
        .flat_map(|g| (0..5).map(move |k| (g, k)))
        .filter(|&(g, k)| rl.group(g)[k].is_none())
        .collect();
    if !blank.is_empty() && blank.len() < 15 {
        let names = |groups: &[&str], columns: &[&str], form: fn(&str, &str) -> String| {
            blank
                .iter()
                .map(|&(g, k)| form(groups[g], columns[k]))
                .collect::<Vec<String>>()
        };
        let zh = names(
            &xxgk_model::RL_GROUP_LABELS,
            &xxgk_model::RL_COLUMN_LABELS,
            |g, c| format!("{g}“{c}”"),
        );
        let en = names(&xxgk_model::RL_GROUPS, &xxgk_model::RL_COLUMNS, |g, c| {
            format!("{g}[{c}]")
        });
        let mut f = Finding::new(
            "C3",
            Severity::Warning,
            Origin::Source,
            t(
                lang,
                format!("表四有{}个数值空缺：{}", blank.len(), zh.join("、")),
                format!(
                    "table 4 shows {} blank values: {}",
                    blank.len(),
                    en.join(", ")
                ),
            ),
        );
        f.table = Some("review_litigation".into());
        let (g, k) = blank[0];
        f.row = Some(xxgk_model::RL_GROUPS[g].into());
        f.source = report
            .provenance
            .get(&format!(
                "review_litigation.{}[{k}]",
                xxgk_model::RL_GROUPS[g]
            ))
            .map(|p| p.source.clone());
        findings.push(f);
    }
    if let (Some(year), Some(FormatVersion::V2019)) = (report.year, report.format) {
        if year >= 2021 {
            findings.push(Finding::new(
                "F1",
                Severity::Error,
                Origin::Source,
                t(
                    lang,
                    format!(
                        "{year}年度报告仍使用2019年试行格式（未按国办公开办函〔2021〕30号新格式）"
                    ),
                    format!(
                        "a {year} report uses the 2019 trial format instead of the 2021 format"
                    ),
                ),
            ));
        }
    }
}

fn report_active_empty(report: &Report) -> bool {
    let a = &report.active;
    [a.rules, a.normative_documents]
        .iter()
        .all(|t| t.issued.is_none() && t.repealed.is_none() && t.in_force.is_none())
        && a.licensing.is_none()
        && a.punishment.is_none()
        && a.enforcement.is_none()
        && a.fees.is_none()
}

const SECTION_NAMES: [(&str, &str); 6] = [
    ("总体情况", "overview"),
    ("主动公开政府信息情况", "active disclosure"),
    (
        "收到和处理政府信息公开申请情况",
        "requests received and handled",
    ),
    (
        "政府信息公开行政复议、行政诉讼情况",
        "administrative review and litigation",
    ),
    ("存在的主要问题及改进情况", "problems and improvements"),
    ("其他需要报告的事项", "other matters"),
];

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
        assert!(ADDRESS.is_match("地址：金乡县金乡街道金珠路 6 号，"));
        assert!(WEBSITE.is_match("（www.jinxiang.gov.cn）"));
        assert_eq!(
            FILE_YEAR
                .captures("x_2023年报告")
                .and_then(|c| c.get(1))
                .map(|m| m.as_str()),
            Some("2023")
        );
        assert!(!FILE_YEAR.is_match("000_5bcf35f9dc66c78b"));
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
        assert!(PROSE_NONE.is_match("2.依申请公开。未收到依申请公开事项。"));
    }
}
