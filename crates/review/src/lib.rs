//! The review page: one self-contained HTML file (no network, no external script, style or font)
//! that a 政务公开办 reviewer works from — a summary with inline SVG charts, the issue list
//! (问题清单) filterable and sortable, every report in the official table layout with the cells
//! of failed rules highlighted, an agency ranking, each agency's years side by side with its
//! percentile among its peers, and the year-to-year continuity check.
//!
//! Built incrementally ([`ReviewPage::add`] once per input, in batch order) and written once at
//! the end. Per report it keeps only the table values, the marks of blank and `/`/`无` cells and
//! the findings, so a 10,000-report batch stays small. Everything a reader must see without
//! scripting (summary, issue list, report list, ranking, continuity) is static HTML; the
//! per-report table view is drawn by one inline script from compact JSON into a single
//! `<template>` of the official layout, which keeps a 1,000-report page to a few MB.
//!
//! The page's state lives in the URL fragment (`#rule=R1&sev=error`, `#report=12`), so a
//! filtered list or one report can be sent as a link.

mod compare;
mod html;

pub use compare::compare_page;

use html::{bar_chart, esc, tables_template, tr, Bar};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use xxgk_model::{Finding, Lang, Num, Report, Status, Text, APP_COLUMN_LABELS};
use xxgk_normalize::standing::{Standing, FIGURES, MIN_PEERS};
use xxgk_normalize::{operands, RULES};

/// One finding as the page shows it.
#[derive(Debug, Clone, Serialize)]
struct FindingView {
    rule: String,
    #[serde(rename = "sev")]
    severity: &'static str,
    #[serde(rename = "msg")]
    message: String,
    place: String,
    #[serde(rename = "exp")]
    expected: Option<Num>,
    found: Option<Num>,
    /// Indexes (into `Report::values()`) of the cells that take part.
    cells: Vec<usize>,
    /// The 1-based line of a text file the finding points at, where it points at one (the
    /// workbench shows the original lines around it).
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    /// The place the finding points at where it is not a text file's line (the workbench shows
    /// it in its file: a PDF's page drawn with the place outlined, a table with its cell marked).
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<xxgk_model::SourceRef>,
}

/// The line of a text file a place is on, where it is one.
fn text_line(source: &xxgk_model::SourceRef) -> Option<u32> {
    match source {
        xxgk_model::SourceRef::Line { line, .. }
        | xxgk_model::SourceRef::LineColumn { line, .. } => Some(*line),
        _ => None,
    }
}

/// The part of a report the script draws, serialized once when the report is added.
#[derive(Serialize)]
struct ReportData<'a> {
    file: &'a str,
    reason: &'a str,
    /// Metadata as (label, value) pairs, in display order.
    meta: Vec<(&'static str, String)>,
    /// The table values (empty when the file could not be read).
    values: Vec<Option<Num>>,
    /// Cells whose source text is not a plain number: blank (`""`), `/`, `无`, `—`, …
    marks: BTreeMap<usize, String>,
    /// Null cells the source does not show at all (row or table not found).
    missing: Vec<usize>,
    /// Values a reviewer corrected: what the cell says of it (value read → corrected, why,
    /// when).
    corrected: BTreeMap<usize, String>,
}

/// What the page keeps of one input: a few fields for the static lists, the 14 numbers of the
/// continuity check, the findings, and the rest already serialized (about 1 KB a report).
#[derive(Debug, Clone)]
struct ReportView {
    file: String,
    status: Status,
    reason: String,
    agency: Option<String>,
    year: Option<i32>,
    /// Table 三's carried_over and carried_forward rows, when the report was read.
    carried: Option<[[Option<Num>; 7]; 2]>,
    /// [`ReportData`] as a JSON object.
    data: String,
    findings: Vec<FindingView>,
}

impl ReportView {
    fn count(&self, severity: &str) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// A report's key figures ([`FIGURES`]), each with its percentile among its peers.
type Figures = [(Option<f64>, Option<u8>); 5];

/// The review page under construction.
#[derive(Debug)]
pub struct ReviewPage {
    lang: Lang,
    title: String,
    reports: Vec<ReportView>,
    by_file: HashMap<String, usize>,
    /// Per report (by index): its agency key and key figures with their percentiles.
    standing: BTreeMap<usize, (String, Figures)>,
}

impl ReviewPage {
    /// An empty page; `title` heads it (e.g. the batch's input folder).
    pub fn new(lang: Lang, title: &str) -> Self {
        ReviewPage {
            lang,
            title: title.to_string(),
            reports: Vec::new(),
            by_file: HashMap::new(),
            standing: BTreeMap::new(),
        }
    }

    /// Adds one input: its display name, batch status, the reason it failed or was skipped,
    /// and its report when it was read.
    pub fn add(&mut self, file: &str, status: Status, reason: &str, report: Option<&Report>) {
        let lang = self.lang;
        let mut data = ReportData {
            file,
            reason,
            meta: Vec::new(),
            values: Vec::new(),
            marks: BTreeMap::new(),
            missing: Vec::new(),
            corrected: BTreeMap::new(),
        };
        let mut view = ReportView {
            file: file.to_string(),
            status,
            reason: reason.to_string(),
            agency: None,
            year: None,
            carried: None,
            data: String::new(),
            findings: Vec::new(),
        };
        if let Some(r) = report {
            view.agency = r.agency.clone();
            view.year = r.year;
            let row = |i: usize| *r.applications.row(i);
            view.carried = Some([row(1), row(24)]);
            let m = &r.metadata;
            let sections: Vec<String> = r.sections.iter().map(|s| s.heading.clone()).collect();
            for (label, value) in [
                (Text::PageTitle.get(lang), m.title.clone()),
                (Text::ColAgency.get(lang), r.agency.clone()),
                (Text::ColYear.get(lang), r.year.map(|y| y.to_string())),
                (
                    Text::ColFormat.get(lang),
                    r.format.map(|f| match f {
                        xxgk_model::FormatVersion::V2021 => "2021".to_string(),
                        xxgk_model::FormatVersion::V2019 => "2019".to_string(),
                    }),
                ),
                (
                    Text::PagePeriod.get(lang),
                    m.period
                        .as_ref()
                        .map(|p| format!("{} – {}", p.start, p.end)),
                ),
                (Text::PageWebsite.get(lang), m.website.clone()),
                (Text::PagePhone.get(lang), m.phone.clone()),
                (Text::PageAddress.get(lang), m.address.clone()),
                (Text::PageReadBy.get(lang), r.adapter.clone()),
                (
                    Text::PageSectionsFound.get(lang),
                    Some(sections.join(" · ")).filter(|s| !s.is_empty()),
                ),
            ] {
                if let Some(v) = value {
                    data.meta.push((label, v));
                }
            }
            let provenance = r.value_provenance();
            for (i, (v, p)) in r.numbers().into_iter().zip(provenance).enumerate() {
                data.values.push(v);
                match p {
                    Some(p) if p.is_mark() => {
                        data.marks.insert(i, p.text.trim().to_string());
                    }
                    None if v.is_none() => data.missing.push(i),
                    _ => {}
                }
            }
            let codes = xxgk_model::codebook();
            for c in &r.corrections {
                if let Some(i) = codes.iter().position(|code| code.name == c.value) {
                    let show = |v: Option<Num>| v.map_or_else(|| "—".into(), |n| n.to_string());
                    let note = format!(
                        "{}：{} → {}（{}，{}）",
                        Text::PageCorrected.get(lang),
                        show(c.old),
                        show(c.new),
                        c.reason,
                        c.time
                    );
                    data.corrected.insert(i, note);
                }
            }
            for f in &r.findings {
                view.findings.push(self.finding(r, f));
            }
        }
        view.data = serde_json::to_string(&data).unwrap_or_else(|_| "{}".into());
        self.by_file.insert(file.to_string(), self.reports.len());
        self.reports.push(view);
    }

    /// Adds a cross-report finding (R8, D1) to the report of `file`, added before.
    pub fn add_cross(&mut self, file: &str, f: &Finding) {
        let Some(&id) = self.by_file.get(file) else {
            return;
        };
        // Cross findings name one cell by row and column: no report values are needed.
        let view = self.finding(&Report::default(), f);
        let report = &mut self.reports[id];
        report.findings.push(view);
        if report.status == Status::Ok && f.severity >= xxgk_model::Severity::Warning {
            report.status = Status::Findings;
        }
    }

    /// Sets where each agency stands (the batch's cross-report view, once every report is
    /// added): the year view and the continuity check meet reports by agency key.
    pub fn add_standing(&mut self, standing: &[Standing]) {
        for s in standing {
            if let Some(&id) = self.by_file.get(&s.file) {
                let figures = s.figures.map(|f| (f.value, f.percentile));
                self.standing.insert(id, (s.agency_key.clone(), figures));
            }
        }
    }

    /// The agency of a report as reports meet: its key where the batch has it, else its name.
    fn agency_key(&self, id: usize) -> Option<&str> {
        self.standing
            .get(&id)
            .map(|(k, _)| k.as_str())
            .or(self.reports[id].agency.as_deref())
    }

    /// Sets the batch status of `file`, added before (a copy becomes `duplicate` once the
    /// batch has read every report).
    pub fn set_status(&mut self, file: &str, status: Status) {
        if let Some(&id) = self.by_file.get(file) {
            self.reports[id].status = status;
        }
    }

    fn finding(&self, r: &Report, f: &Finding) -> FindingView {
        FindingView {
            rule: f.rule.clone(),
            severity: f.severity.as_str(),
            message: f.message.clone(),
            place: f
                .source
                .as_ref()
                .map(|s| s.describe(self.lang))
                .unwrap_or_default(),
            expected: f.expected,
            found: f.found,
            cells: operands(r, f),
            line: f.source.as_ref().and_then(text_line),
            at: f.source.clone().filter(|s| text_line(s).is_none()),
        }
    }

    /// The finished page as a string (see [`ReviewPage::write_to`]).
    pub fn finish(&self) -> String {
        let mut out = Vec::with_capacity(64 * 1024 + self.reports.len() * 2048);
        // Writing to a Vec cannot fail.
        let _ = self.write_to(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the finished page, section by section (a large batch is never one string).
    pub fn write_to(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let lang = self.lang;
        write!(
            w,
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\
             <style>{}</style></head><body>",
            match lang {
                Lang::En => "en",
                _ => "zh-CN",
            },
            esc(&format!("{} — {}", Text::PageReview.get(lang), self.title)),
            include_str!("assets/page.css")
        )?;
        write!(
            w,
            "<header><h1>{}</h1><p class=sub>{}</p><nav><a href=\"#\">{}</a>\
             <a href=\"#list\">{}</a><a href=\"#files\">{}</a><a href=\"#ranking\">{}</a>\
             <a href=\"#years\">{}</a><a href=\"#continuity\">{}</a></nav></header><main>",
            Text::PageAnnualReportReview.get(lang),
            esc(&self.title),
            Text::PageSummary.get(lang),
            Text::PageIssues.get(lang),
            Text::PageReports.get(lang),
            Text::PageRanking.get(lang),
            Text::PageYears.get(lang),
            Text::PageContinuity.get(lang),
        )?;
        // The per-report view, filled by the script.
        w.write_all(b"<section id=view hidden></section>")?;
        w.write_all(self.summary().as_bytes())?;
        w.write_all(self.issue_list().as_bytes())?;
        w.write_all(self.file_list().as_bytes())?;
        w.write_all(self.ranking().as_bytes())?;
        w.write_all(self.years().as_bytes())?;
        w.write_all(self.continuity().as_bytes())?;
        write!(
            w,
            "</main><footer>xxgk {}</footer>{}",
            env!("CARGO_PKG_VERSION"),
            tables_template(lang)
        )?;
        let ui = serde_json::json!({
            "mark": Text::PageSourceText.get(lang),
            "blank": Text::PageBlankInTheSource.get(lang),
            "missing": Text::PageNotFoundInTheSource.get(lang),
            "expected": Text::PageExpected.get(lang),
            "found": Text::PageFound.get(lang),
            "none": Text::PageNoFindings.get(lang),
            "failed": Text::PageCouldNotBeRead.get(lang),
            "skipped": Text::PageSkippedNotAnAnnualReport.get(lang),
            "scanned": Text::PageScannedImagesNeedsOCR.get(lang),
            "findings": Text::PageFindings.get(lang),
            "place": Text::PagePlace.get(lang),
            "back": Text::PageBackToTheIssueList.get(lang),
            "empty": Text::PageNoFindingMatches.get(lang),
            "no_such": Text::PageNotInThisBatch.get(lang),
            "correct_value": Text::PageCorrectValue.get(lang),
            "correct_undo": Text::PageCorrectUndo.get(lang),
            "department_issues": Text::PageDepartmentIssues.get(lang),
            "correct_reason": Text::PageCorrectReason.get(lang),
            "correct_hint": Text::PageCorrectHint.get(lang),
            "download_report": Text::PageDownloadReport.get(lang),
            "original": Text::PageOriginal.get(lang),
        });
        // JSON inside <script>: no `<`, `>` or `&` at all (`</script>` or `<!--` in a name or
        // message would end or hide the script). They only occur inside JSON strings, where
        // `\u003c` means the same character.
        let safe = |s: String| {
            s.replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026")
        };
        write!(
            w,
            "<script type=\"application/json\" id=data>{{\"ui\":{},\"reports\":[",
            safe(ui.to_string())
        )?;
        for (i, r) in self.reports.iter().enumerate() {
            let findings = serde_json::to_string(&r.findings).unwrap_or_else(|_| "[]".into());
            // `data` is a JSON object: add the findings as its last member.
            let body = r.data.strip_suffix('}').unwrap_or("{");
            let sep = if body.len() > 1 { "," } else { "" };
            write!(
                w,
                "{}{}{sep}\"status\":\"{}\",\"findings\":{}}}",
                if i > 0 { "," } else { "" },
                safe(body.to_string()),
                r.status.as_str(),
                safe(findings)
            )?;
        }
        write!(
            w,
            "]}}</script><script>{}</script></body></html>",
            include_str!("assets/page.js")
        )
    }

    fn summary(&self) -> String {
        let lang = self.lang;
        let count = |st: Status| self.reports.iter().filter(|r| r.status == st).count();
        let all = || self.reports.iter().flat_map(|r| &r.findings);
        let sev = |sv: &str| all().filter(|f| f.severity == sv).count();
        let mut s = format!(
            "<section id=summary><h2>{}</h2><div class=tiles>",
            Text::PageSummary.get(lang)
        );
        for (label, n, class) in [
            (Text::SummaryFiles.get(lang), self.reports.len(), ""),
            (Status::Ok.label(lang), count(Status::Ok), "ok"),
            (
                Status::Findings.label(lang),
                count(Status::Findings),
                "warn",
            ),
            (Status::Duplicate.label(lang), count(Status::Duplicate), ""),
            (Status::Failed.label(lang), count(Status::Failed), "bad"),
            (Status::Skipped.label(lang), count(Status::Skipped), ""),
            (Status::Scanned.label(lang), count(Status::Scanned), "warn"),
            (Text::PageErrors.get(lang), sev("error"), "bad"),
            (Text::PageWarnings.get(lang), sev("warning"), "warn"),
        ] {
            let _ = write!(s, "<div class=\"tile {class}\"><b>{n}</b>{label}</div>");
        }
        s.push_str("</div>");
        // Per rule, in the documented order.
        let mut rows = String::new();
        let mut bars = Vec::new();
        for rule in RULES.iter() {
            let of = |sv: &str| {
                all()
                    .filter(|f| f.rule == rule.id && f.severity == sv)
                    .count()
            };
            let (e, w, i) = (of("error"), of("warning"), of("info"));
            if e + w + i == 0 {
                continue;
            }
            let summary = tr(lang, rule.summary_zh, rule.summary);
            let _ = write!(
                rows,
                "<tr><td><a href=\"#rule={id}\">{id}</a></td><td>{}</td><td class=n>{e}</td>\
                 <td class=n>{w}</td><td class=n>{i}</td></tr>",
                esc(summary),
                id = rule.id
            );
            if e + w > 0 {
                bars.push(Bar {
                    label: rule.id.to_string(),
                    errors: e,
                    warnings: w,
                });
            }
        }
        if rows.is_empty() {
            let _ = write!(s, "<p>{}</p>", Text::PageNoFindingsSentence.get(lang));
        } else {
            let _ = write!(
                s,
                "<div class=charts>{}{}</div><table class=list><thead><tr><th>{}</th><th>{}</th>\
                 <th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{rows}</tbody></table>",
                bar_chart(Text::PageFindingsPerRule.get(lang), &bars),
                bar_chart(
                    Text::PageAgenciesWithMostFindings.get(lang),
                    &self.agency_bars(15)
                ),
                Text::ColRule.get(lang),
                Text::PageChecks.get(lang),
                Text::ColErrors.get(lang),
                Text::ColWarnings.get(lang),
                Text::PageInfo.get(lang),
            );
        }
        s.push_str("</section>");
        s
    }

    /// Agencies by (errors, warnings) descending, then name: (agency, reports, errors, warnings).
    fn agencies(&self) -> Vec<(String, usize, usize, usize)> {
        let mut by: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        for r in &self.reports {
            let Some(a) = &r.agency else { continue };
            let e = by.entry(a.clone()).or_default();
            e.0 += 1;
            e.1 += r.count("error");
            e.2 += r.count("warning");
        }
        let mut v: Vec<_> = by.into_iter().map(|(a, (n, e, w))| (a, n, e, w)).collect();
        v.sort_by(|x, y| (y.2, y.3).cmp(&(x.2, x.3)).then(x.0.cmp(&y.0)));
        v
    }

    fn agency_bars(&self, n: usize) -> Vec<Bar> {
        self.agencies()
            .into_iter()
            .filter(|a| a.2 + a.3 > 0)
            .take(n)
            .map(|(label, _, errors, warnings)| Bar {
                label,
                errors,
                warnings,
            })
            .collect()
    }

    fn issue_list(&self) -> String {
        let lang = self.lang;
        let mut rules = BTreeSet::new();
        let mut agencies = BTreeSet::new();
        let mut body = String::new();
        let (mut total, mut infos) = (0, 0);
        for (id, r) in self.reports.iter().enumerate() {
            let agency = r.agency.as_deref().unwrap_or("");
            for f in &r.findings {
                total += 1;
                infos += usize::from(f.severity == "info");
                rules.insert(f.rule.as_str());
                if !agency.is_empty() {
                    agencies.insert(agency);
                }
                let sev = match f.severity {
                    "error" => Text::Error.get(lang),
                    "warning" => Text::Warning.get(lang),
                    _ => Text::Info.get(lang),
                };
                let num = |v: Option<Num>| v.map(|n| n.to_string()).unwrap_or_default();
                let _ = write!(
                    body,
                    "<tr class={sv} data-sev={sv} data-rule=\"{rule}\" data-agency=\"{ag}\">\
                     <td>{sev}</td><td>{rule}</td><td>{ag}</td><td>{year}</td>\
                     <td><a href=\"#report={id}\">{file}</a></td><td>{place}</td><td>{msg}</td>\
                     <td class=n>{exp}</td><td class=n>{found}</td></tr>",
                    sv = f.severity,
                    rule = esc(&f.rule),
                    ag = esc(agency),
                    year = r.year.map(|y| y.to_string()).unwrap_or_default(),
                    file = esc(&r.file),
                    place = esc(&f.place),
                    msg = esc(&f.message),
                    exp = num(f.expected),
                    found = num(f.found),
                );
            }
        }
        let options = |items: &BTreeSet<&str>| {
            items.iter().fold(String::new(), |mut o, v| {
                let _ = write!(o, "<option value=\"{0}\">{0}</option>", esc(v));
                o
            })
        };
        let mut s = format!(
            "<section id=list><h2>{}</h2><div class=filters>\
             <label>{} <select id=f-sev><option value=\"\">{all}</option>\
             <option value=error>{}</option><option value=warning>{}</option>\
             <option value=info>{}</option></select></label>\
             <label>{} <select id=f-rule><option value=\"\">{all}</option>{}</select></label>\
             <label>{} <select id=f-agency><option value=\"\">{all}</option>{}</select></label>\
             <label>{} <input id=f-q type=search></label>\
             <label class=toggle><input id=f-info type=checkbox> {} ({infos})</label>\
             <span class=count><b id=f-count>{total}</b> / {total}</span></div>\
             <p id=f-empty class=empty hidden></p>",
            Text::PageIssueList.get(lang),
            Text::ColSeverity.get(lang),
            Text::Error.get(lang),
            Text::Warning.get(lang),
            Text::Info.get(lang),
            Text::ColRule.get(lang),
            options(&rules),
            Text::ColAgency.get(lang),
            options(&agencies),
            Text::PageSearch.get(lang),
            Text::PageShowInfo.get(lang),
            all = Text::PageAll.get(lang),
        );
        let _ = write!(
            s,
            "<table class=\"list sortable\" id=issues><thead><tr>{}</tr></thead><tbody>{body}\
             </tbody></table></section>",
            [
                Text::ColSeverity.get(lang),
                Text::ColRule.get(lang),
                Text::ColAgency.get(lang),
                Text::ColYear.get(lang),
                Text::ColFile.get(lang),
                Text::PagePlaceHeader.get(lang),
                Text::ColMessage.get(lang),
                Text::ColExpected.get(lang),
                Text::ColFound.get(lang),
            ]
            .iter()
            .fold(String::new(), |mut o, h| {
                let _ = write!(o, "<th>{h}</th>");
                o
            })
        );
        s
    }

    fn file_list(&self) -> String {
        let lang = self.lang;
        let mut s = format!(
            "<section id=files><h2>{}</h2><table class=\"list sortable\"><thead><tr><th>#</th>\
             <th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\
             </thead><tbody>",
            Text::PageReports.get(lang),
            Text::ColFile.get(lang),
            Text::ColAgency.get(lang),
            Text::ColYear.get(lang),
            Text::ColStatus.get(lang),
            Text::ColErrors.get(lang),
            Text::ColWarnings.get(lang),
            Text::ColReason.get(lang),
        );
        for (id, r) in self.reports.iter().enumerate() {
            let status = r.status.label(lang);
            let _ = write!(
                s,
                "<tr class=\"st-{}\"><td class=n>{}</td><td><a href=\"#report={id}\">{}</a></td>\
                 <td>{}</td><td>{}</td><td>{status}</td><td class=n>{}</td><td class=n>{}</td>\
                 <td>{}</td></tr>",
                r.status.as_str(),
                id + 1,
                esc(&r.file),
                esc(r.agency.as_deref().unwrap_or("")),
                r.year.map(|y| y.to_string()).unwrap_or_default(),
                r.count("error"),
                r.count("warning"),
                esc(&r.reason),
            );
        }
        s.push_str("</tbody></table></section>");
        s
    }

    fn ranking(&self) -> String {
        let lang = self.lang;
        let mut s = format!(
            "<section id=ranking><h2>{}</h2><table class=\"list sortable\"><thead><tr><th>{}</th>\
             <th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            Text::PageAgenciesByErrorCount.get(lang),
            Text::PageRank.get(lang),
            Text::ColAgency.get(lang),
            Text::PageReportCount.get(lang),
            Text::ColErrors.get(lang),
            Text::ColWarnings.get(lang),
        );
        for (i, (agency, n, e, w)) in self.agencies().iter().enumerate() {
            let _ = write!(
                s,
                "<tr><td class=n>{}</td><td><a href=\"#agency={a}\">{a}</a></td><td class=n>{n}</td>\
                 <td class=n>{e}</td><td class=n>{w}</td></tr>",
                i + 1,
                a = esc(agency)
            );
        }
        s.push_str("</tbody></table></section>");
        s
    }

    /// For agencies with reports for consecutive years: year N−1's 结转下年度 beside year N's
    /// 上年结转, column by column (R8), differences marked.
    fn continuity(&self) -> String {
        let lang = self.lang;
        let mut by: BTreeMap<(&str, i32), usize> = BTreeMap::new();
        for (id, r) in self.reports.iter().enumerate() {
            if let (Some(a), Some(y), Some(_)) = (self.agency_key(id), r.year, r.carried) {
                by.entry((a, y)).or_insert(id);
            }
        }
        let mut s = format!(
            "<section id=continuity><h2>{}</h2>",
            Text::PageContinuityCarriedForwardYearN1.get(lang)
        );
        let head = APP_COLUMN_LABELS.iter().fold(String::new(), |mut o, h| {
            let _ = write!(o, "<th>{h}</th>");
            o
        });
        let row_of = |id: usize, which: usize| -> Vec<Option<Num>> {
            self.reports[id]
                .carried
                .map(|c| c[which].to_vec())
                .unwrap_or_default()
        };
        let mut pairs = 0;
        for (&(agency, year), &now) in &by {
            let Some(&before) = by.get(&(agency, year - 1)) else {
                continue;
            };
            pairs += 1;
            let forward = row_of(before, 1);
            let over = row_of(now, 0);
            let cells = |v: &[Option<Num>], other: &[Option<Num>]| {
                v.iter().zip(other).fold(String::new(), |mut o, (a, b)| {
                    let bad = a.is_some() && b.is_some() && a != b;
                    let text = a.map(|n| n.to_string()).unwrap_or_default();
                    let _ = write!(
                        o,
                        "<td class=\"n{}\">{text}</td>",
                        if bad { " bad" } else { "" }
                    );
                    o
                })
            };
            let agency = self.reports[now].agency.as_deref().unwrap_or(agency);
            let _ = write!(
                s,
                "<table class=\"list pair\"><caption>{a}</caption><thead><tr><th></th>{head}</tr>\
                 </thead><tbody><tr><th><a href=\"#report={before}\">{}</a></th>{}</tr>\
                 <tr><th><a href=\"#report={now}\">{}</a></th>{}</tr></tbody></table>",
                match lang {
                    Lang::En => format!("{} carried forward", year - 1),
                    Lang::Zh => format!("{}年 结转下年度", year - 1),
                },
                cells(&forward, &over),
                match lang {
                    Lang::En => format!("{year} carried over"),
                    Lang::Zh => format!("{year}年 上年结转"),
                },
                cells(&over, &forward),
                a = esc(agency),
            );
        }
        if pairs == 0 {
            let _ = write!(
                s,
                "<p>{}</p>",
                Text::PageNoAgencyHasReportsForConsecutive.get(lang)
            );
        }
        s.push_str("</section>");
        s
    }

    /// Each agency (by key) with reports for two or more years: one row per year, its key
    /// figures with their percentiles among the same level's agencies of that year.
    fn years(&self) -> String {
        let lang = self.lang;
        let mut by: BTreeMap<&str, BTreeMap<i32, usize>> = BTreeMap::new();
        for (&id, (key, _)) in &self.standing {
            if let Some(y) = self.reports[id].year {
                by.entry(key.as_str()).or_default().entry(y).or_insert(id);
            }
        }
        let mut s = format!(
            "<section id=years><h2>{}</h2><p class=sub>{}</p>",
            Text::PageYears.get(lang),
            Text::PageYearsNote.fill(lang, &[&MIN_PEERS])
        );
        let head = FIGURES.iter().fold(String::new(), |mut o, (_, zh, en)| {
            let _ = write!(o, "<th>{}</th>", tr(lang, zh, en));
            o
        });
        let mut shown = 0;
        for years in by.values().filter(|y| y.len() > 1) {
            shown += 1;
            let last = *years.values().last().unwrap_or(&0);
            let name = self.reports[last].agency.as_deref().unwrap_or("");
            let _ = write!(
                s,
                "<table class=\"list pair\"><caption>{}</caption><thead><tr><th>{}</th><th>{}</th>\
                 {head}</tr></thead><tbody>",
                esc(name),
                Text::ColYear.get(lang),
                Text::ColFile.get(lang),
            );
            for (year, &id) in years {
                let _ = write!(
                    s,
                    "<tr><td class=n>{year}</td><td><a href=\"#report={id}\">{}</a></td>",
                    esc(&self.reports[id].file)
                );
                let figures = self.standing.get(&id).map(|(_, f)| *f).unwrap_or_default();
                for (value, pct) in figures {
                    let value = value.map(|v| Num(v).to_string()).unwrap_or_default();
                    let pct = pct
                        .map(|p| format!(" <small>(P{p})</small>"))
                        .unwrap_or_default();
                    let _ = write!(s, "<td class=n>{value}{pct}</td>");
                }
                s.push_str("</tr>");
            }
            s.push_str("</tbody></table>");
        }
        if shown == 0 {
            let _ = write!(s, "<p>{}</p>", Text::PageNoAgencyHasTwoYears.get(lang));
        }
        s.push_str("</section>");
        s
    }
}
