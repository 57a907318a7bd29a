//! The canonical `Report`: one annual report in the national format's terms, with provenance.
//!
//! The JSON of `active`, `applications` and `review_litigation` is shaped exactly like the
//! corpus truth files (format.md keys); a value the source does not show is `null`.

use crate::{Finding, SourceRef};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// Version of the `xxgk parse` JSON. Bump on any incompatible change (see README).
pub const SCHEMA_VERSION: u32 = 1;

/// Table 三 row keys, in table order (format.md §2.3).
pub const APP_ROWS: [&str; 25] = [
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_law_prohibited",
    "withheld_three_safeties",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_files",
    "withheld_query_matter",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "not_handled_petition",
    "not_handled_duplicate",
    "not_handled_publication",
    "not_handled_excessive",
    "not_handled_confirmation",
    "other_no_correction",
    "other_unpaid_fee",
    "other_misc",
    "total_handled",
    "carried_forward",
];

/// Table 三 column keys (applicant types, then the total).
pub const APP_COLUMNS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
    "total",
];

/// Table 三 column labels as printed.
pub const APP_COLUMN_LABELS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// Table 四 groups.
pub const RL_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];

/// Table 四 column keys within a group.
pub const RL_COLUMNS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

/// Column labels of table 四, as printed, in [`RL_COLUMNS`] order.
pub const RL_COLUMN_LABELS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// A number from a table: a count, or an amount (万元) that may have decimals.
/// Serialized as a JSON integer when it has no fractional part.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Num(pub f64);

impl Num {
    /// True when the value is a whole number.
    pub fn is_integer(self) -> bool {
        self.0.fract() == 0.0
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_integer() && self.0.abs() < 1e15 {
            write!(f, "{}", self.0 as i64)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_integer() && self.0.abs() < 9.0e15 {
            s.serialize_i64(self.0 as i64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(Num)
    }
}

/// The national format a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormatVersion {
    /// 国办公开办函〔2021〕30号, for 2021 reports onward.
    #[serde(rename = "2021")]
    V2021,
    /// The 2019 trial format (国办公开办函〔2019〕60号), for the 2019 and 2020 reports.
    #[serde(rename = "2019")]
    V2019,
}

/// Issued / repealed / in force (table 二, item (一)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Trio {
    /// 本年制发件数.
    pub issued: Option<Num>,
    /// 本年废止件数.
    pub repealed: Option<Num>,
    /// 现行有效件数.
    pub in_force: Option<Num>,
}

/// Table 二: active disclosure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Active {
    /// 规章.
    pub rules: Trio,
    /// 行政规范性文件.
    pub normative_documents: Trio,
    /// 行政许可 (decisions).
    pub licensing: Option<Num>,
    /// 行政处罚 (decisions).
    pub punishment: Option<Num>,
    /// 行政强制 (decisions).
    pub enforcement: Option<Num>,
    /// 行政事业性收费 (万元).
    pub fees: Option<Num>,
}

/// Table 三: 25 rows x 7 columns, in [`APP_ROWS`] x [`APP_COLUMNS`] order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Applications {
    rows: [[Option<Num>; 7]; 25],
}

impl Applications {
    /// The row with this key.
    pub fn get(&self, key: &str) -> Option<&[Option<Num>; 7]> {
        APP_ROWS
            .iter()
            .position(|k| *k == key)
            .map(|i| &self.rows[i])
    }
    /// Row by index in [`APP_ROWS`] order.
    pub fn row(&self, index: usize) -> &[Option<Num>; 7] {
        &self.rows[index]
    }
    /// Mutable row by index.
    pub fn row_mut(&mut self, index: usize) -> &mut [Option<Num>; 7] {
        &mut self.rows[index]
    }
    /// True when no value at all is known.
    pub fn is_empty(&self) -> bool {
        self.rows.iter().flatten().all(Option::is_none)
    }
}

impl Serialize for Applications {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(25))?;
        for (k, row) in APP_ROWS.iter().zip(self.rows.iter()) {
            m.serialize_entry(k, row)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Applications {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, Vec<Option<Num>>>::deserialize(d)?;
        let mut out = Applications::default();
        for (k, v) in map {
            let i = APP_ROWS
                .iter()
                .position(|r| *r == k)
                .ok_or_else(|| D::Error::custom(format!("unknown applications row {k}")))?;
            for (c, x) in v.into_iter().take(7).enumerate() {
                out.rows[i][c] = x;
            }
        }
        Ok(out)
    }
}

/// Table 四: three groups x 5 values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewLitigation {
    /// 行政复议.
    pub review: [Option<Num>; 5],
    /// 行政诉讼 未经复议直接起诉.
    pub litigation_direct: [Option<Num>; 5],
    /// 行政诉讼 复议后起诉.
    pub litigation_after_review: [Option<Num>; 5],
}

impl ReviewLitigation {
    /// Group by index in [`RL_GROUPS`] order.
    pub fn group(&self, i: usize) -> &[Option<Num>; 5] {
        match i {
            0 => &self.review,
            1 => &self.litigation_direct,
            _ => &self.litigation_after_review,
        }
    }
    /// Mutable group by index.
    pub fn group_mut(&mut self, i: usize) -> &mut [Option<Num>; 5] {
        match i {
            0 => &mut self.review,
            1 => &mut self.litigation_direct,
            _ => &mut self.litigation_after_review,
        }
    }
}

/// The statistical period stated in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// Start date, `YYYY-MM-DD`.
    pub start: String,
    /// End date, `YYYY-MM-DD`.
    pub end: String,
}

/// Facts about the report other than its tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// The title line as printed.
    pub title: Option<String>,
    /// The year named in the title.
    pub title_year: Option<i32>,
    /// The year named in the file name.
    pub file_year: Option<i32>,
    /// The statistical period, where stated.
    pub period: Option<Period>,
    /// Website named in the report.
    pub website: Option<String>,
    /// Contact address.
    pub address: Option<String>,
    /// Contact phone.
    pub phone: Option<String>,
    /// Number of requests the prose of section 一 states (依申请公开), where unambiguous.
    pub prose_new_requests: Option<Num>,
    /// Where that number is stated.
    pub prose_new_requests_source: Option<SourceRef>,
    /// Table 三's extra 法人或其他组织 小计 column, per row key, where the report has one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub org_subtotals: BTreeMap<String, Option<Num>>,
    /// The document is images with no text at all (a scan, or text drawn as outlines): its
    /// content needs OCR, and no OCR engine read it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub image_only: bool,
    /// The tables were recognised by OCR in scanned pages: every value carries its
    /// confidence in `provenance`, and arithmetic findings may be misreadings.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recognised: bool,
    /// The agency's key: its name folded for matching across reports (full-width forms,
    /// traditional characters, spaces and punctuation), with the place prefix where the title
    /// and the body name the office with and without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_key: Option<String>,
    /// Where the key came from: `title`, `body` (`本报告由…编制`), `title+body` (completed), or
    /// `other` (the announcing sentence, the file name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_key_from: Option<String>,
}

/// One of the six sections, as found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Canonical number 1..=6 (一..六), from the heading text.
    pub number: u8,
    /// The heading as printed.
    pub heading: String,
    /// The number printed before the heading (e.g. `二` where `三` is meant), if any.
    pub printed_number: Option<String>,
    /// The prose under the heading (tables excluded).
    pub text: String,
    /// Where the heading is.
    pub source: SourceRef,
}

/// Where one value came from: the cell's original text and place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The cell text as printed (blank, `/`, `无` and `0` stay distinguishable here).
    pub text: String,
    /// Where the cell is.
    pub source: SourceRef,
    /// The value's column was inferred, not read from the layout: the layout split the row
    /// and the statutory sums admit exactly one placement (see ARCHITECTURE.md).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// The cell was recognised from a scan (OCR), with this confidence (0..1): a value to
    /// check against the original before relying on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recognised: Option<f32>,
}

impl Provenance {
    /// True when the cell printed no digit: it was blank, or a mark of nothing (`/`, `无`, `—`)
    /// read as 0. Writers and the review page show such cells as printed.
    pub fn is_mark(&self) -> bool {
        !self
            .text
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    }
}

/// A value a reviewer corrected: a misread, or the agency's own fix. Kept beside the value,
/// never silently merged into what was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// The value, by its codebook name (`applications.granted.total`).
    pub value: String,
    /// The value as read (None: not shown).
    pub old: Option<Num>,
    /// The corrected value (None: cleared).
    pub new: Option<Num>,
    /// Why, in the reviewer's words.
    pub reason: String,
    /// When (UTC, `2026-12-02T14:30:00Z`).
    pub time: String,
}

/// One annual report, normalized. Reading JSON, missing fields take their defaults, so a corpus
/// truth file (tables, agency, year) reads as a Report too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Report {
    /// Version of this JSON shape.
    pub schema_version: u32,
    /// The file read, as given.
    pub file: Option<String>,
    /// The adapter that read it.
    pub adapter: Option<String>,
    /// Reporting agency.
    pub agency: Option<String>,
    /// Report year (the statistical year, not the publication year).
    pub year: Option<i32>,
    /// National format followed.
    pub format: Option<FormatVersion>,
    /// Table 二.
    pub active: Active,
    /// Table 三.
    pub applications: Applications,
    /// Table 四.
    pub review_litigation: ReviewLitigation,
    /// Title, period, contacts and prose figures.
    pub metadata: Metadata,
    /// The sections found, in document order.
    pub sections: Vec<Section>,
    /// Every finding: rule violations and extraction limits.
    pub findings: Vec<Finding>,
    /// Per value path (`applications.granted[6]`), the cell it came from.
    pub provenance: BTreeMap<String, Provenance>,
    /// Values a reviewer corrected (`xxgk serve`), each with the value read, the new one, why
    /// and when; the tables hold the new values, and finding K1 names each correction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

impl Default for Report {
    fn default() -> Self {
        Report {
            schema_version: SCHEMA_VERSION,
            file: None,
            adapter: None,
            agency: None,
            year: None,
            format: None,
            active: Active::default(),
            applications: Applications::default(),
            review_litigation: ReviewLitigation::default(),
            metadata: Metadata::default(),
            sections: Vec::new(),
            findings: Vec::new(),
            provenance: BTreeMap::new(),
            corrections: Vec::new(),
        }
    }
}

impl Report {
    /// The one rule for what is an annual report, used by every command: a report title, a
    /// section heading or a statutory table value. A document with none of them (a notice, a
    /// price list) is not one; a scan (`metadata.image_only`) is a report whose text is not
    /// readable.
    pub fn is_annual_report(&self) -> bool {
        self.metadata.image_only
            || self.metadata.title.is_some()
            || !self.sections.is_empty()
            || self.values().iter().any(|(_, v)| v.is_some())
    }

    /// Why a document is not an annual report, in the reader's language.
    pub fn not_a_report_reason(lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::En => {
                "not an annual report: no report title, no section heading, no statutory table"
            }
            _ => "不是政府信息公开工作年度报告：没有报告标题、章节标题和法定表格",
        }
    }

    /// Removes control characters (NUL, escapes, …; line breaks and tabs stay) from every
    /// text the report carries, so that none reaches a CSV cell, a SQLite row, the review page
    /// or a terminal: the text of a document is data, never a command to what shows it.
    pub fn scrub_controls(&mut self) {
        fn scrub(s: &mut String) {
            if s.chars().any(is_stray_control) {
                s.retain(|c| !is_stray_control(c));
            }
        }
        let m = &mut self.metadata;
        for s in [
            &mut self.file,
            &mut self.agency,
            &mut m.title,
            &mut m.website,
            &mut m.address,
            &mut m.phone,
        ]
        .into_iter()
        .flatten()
        {
            scrub(s);
        }
        for section in &mut self.sections {
            scrub(&mut section.heading);
            scrub(&mut section.text);
            if let Some(p) = &mut section.printed_number {
                scrub(p);
            }
        }
        for p in self.provenance.values_mut() {
            scrub(&mut p.text);
        }
        for f in &mut self.findings {
            scrub(&mut f.message);
        }
    }

    /// Every table value with its path, in a fixed order (table 二, 三, 四).
    pub fn values(&self) -> Vec<(String, Option<Num>)> {
        VALUE_PATHS.iter().cloned().zip(self.numbers()).collect()
    }

    /// Each table value's provenance, in the order of [`Report::values`] (`None` where the
    /// value has none): one walk along the sorted map, not a lookup per value.
    pub fn value_provenance(&self) -> Vec<Option<&Provenance>> {
        let mut out = vec![None; VALUE_PATHS.len()];
        let mut entries = self.provenance.iter().peekable();
        for &i in SORTED_PATHS.iter() {
            let path = VALUE_PATHS[i].as_str();
            while entries.next_if(|(k, _)| k.as_str() < path).is_some() {}
            if let Some((_, p)) = entries.next_if(|(k, _)| k.as_str() == path) {
                out[i] = Some(p);
            }
        }
        out
    }

    /// The table values without their paths, in the order of [`Report::values`].
    pub fn numbers(&self) -> Vec<Option<Num>> {
        let mut out = Vec::with_capacity(VALUE_PATHS.len());
        let a = &self.active;
        for t in [a.rules, a.normative_documents] {
            out.extend([t.issued, t.repealed, t.in_force]);
        }
        out.extend([a.licensing, a.punishment, a.enforcement, a.fees]);
        for i in 0..APP_ROWS.len() {
            out.extend(self.applications.row(i));
        }
        for g in 0..RL_GROUPS.len() {
            out.extend(self.review_litigation.group(g));
        }
        out
    }

    /// Value `index` in the order of [`Report::values`], to change it.
    pub fn number_mut(&mut self, index: usize) -> Option<&mut Option<Num>> {
        let a = &mut self.active;
        let docs = [&mut a.rules, &mut a.normative_documents];
        let (app, rl) = (APP_ROWS.len() * 7, RL_GROUPS.len() * 5);
        match index {
            0..6 => {
                let [rules, normative] = docs;
                let t = if index < 3 { rules } else { normative };
                Some(
                    [&mut t.issued, &mut t.repealed, &mut t.in_force]
                        .into_iter()
                        .nth(index % 3)?,
                )
            }
            6 => Some(&mut a.licensing),
            7 => Some(&mut a.punishment),
            8 => Some(&mut a.enforcement),
            9 => Some(&mut a.fees),
            i if i < 10 + app => self
                .applications
                .row_mut((i - 10) / 7)
                .get_mut((i - 10) % 7),
            i if i < 10 + app + rl => {
                let i = i - 10 - app;
                self.review_litigation.group_mut(i / 5).get_mut(i % 5)
            }
            _ => None,
        }
    }

    /// The path of value `index` in the order of [`Report::values`]
    /// (`applications.granted[6]`).
    pub fn value_path(index: usize) -> Option<&'static str> {
        VALUE_PATHS.get(index).map(String::as_str)
    }
}

/// `table.row[column]`, the path of a grid value (`applications.granted[2]`), made by
/// concatenation: paths are made for every value of every report, and `format!` costs about
/// ten times as much.
pub fn grid_path(table: &str, row: &str, column: usize) -> String {
    const INDEX: [&str; 8] = ["[0]", "[1]", "[2]", "[3]", "[4]", "[5]", "[6]", "[7]"];
    match INDEX.get(column) {
        Some(index) => [table, ".", row, index].concat(),
        None => format!("{table}.{row}[{column}]"),
    }
}

/// The value paths in the order of [`Report::values`], built once.
static VALUE_PATHS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let mut out = Vec::with_capacity(200);
    for item in ["rules", "normative_documents"] {
        for k in ["issued", "repealed", "in_force"] {
            out.push(["active.", item, ".", k].concat());
        }
    }
    for item in ["licensing", "punishment", "enforcement", "fees"] {
        out.push(["active.", item].concat());
    }
    for key in APP_ROWS {
        for c in 0..APP_COLUMNS.len() {
            out.push(grid_path("applications", key, c));
        }
    }
    for key in RL_GROUPS {
        for c in 0..RL_COLUMNS.len() {
            out.push(grid_path("review_litigation", key, c));
        }
    }
    out
});

/// The indices of [`VALUE_PATHS`] in the order of their paths (as a `BTreeMap` holds them).
static SORTED_PATHS: std::sync::LazyLock<Vec<usize>> = std::sync::LazyLock::new(|| {
    let mut order: Vec<usize> = (0..VALUE_PATHS.len()).collect();
    order.sort_by_key(|&i| VALUE_PATHS[i].as_str());
    order
});

/// A control character other than a line break or a tab (C0, DEL, C1).
fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_can_be_changed_by_its_index() {
        let mut r = Report::default();
        let n = r.numbers().len();
        for i in 0..n {
            *r.number_mut(i).unwrap_or_else(|| panic!("{i}")) = Some(Num(i as f64 + 1.0));
        }
        assert!(r.number_mut(n).is_none());
        let want: Vec<Option<Num>> = (0..n).map(|i| Some(Num(i as f64 + 1.0))).collect();
        assert_eq!(r.numbers(), want, "number_mut follows numbers()' order");
    }

    #[test]
    fn value_provenance_is_each_paths_lookup() {
        let mut r = Report::default();
        let cell = |text: &str| Provenance {
            text: text.into(),
            source: crate::SourceRef::Paragraph { paragraph: 1 },
            inferred: false,
            recognised: None,
        };
        // Every third value, and keys that are no value's path around and between them.
        for (i, path) in VALUE_PATHS.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
            r.provenance.insert(path.clone(), cell(&i.to_string()));
            r.provenance.insert(format!("{path}x"), cell("between"));
        }
        for key in ["", "a", "applications", "review_litigation.z", "zz"] {
            r.provenance.insert(key.into(), cell("other"));
        }
        let walked = r.value_provenance();
        assert_eq!(walked.len(), VALUE_PATHS.len());
        for (i, path) in VALUE_PATHS.iter().enumerate() {
            assert_eq!(walked[i], r.provenance.get(path), "{path}");
        }
        assert_eq!(
            walked.iter().flatten().count(),
            VALUE_PATHS.len().div_ceil(3)
        );
    }

    #[test]
    fn control_characters_are_scrubbed_and_line_breaks_kept() {
        let mut r = Report {
            agency: Some("某某\0局\u{1b}[31m".into()),
            ..Report::default()
        };
        r.sections.push(Section {
            number: 1,
            heading: "一、总体情况".into(),
            printed_number: None,
            text: "第一行\n第二行\t止\u{7f}".into(),
            source: crate::SourceRef::Paragraph { paragraph: 1 },
        });
        r.scrub_controls();
        assert_eq!(r.agency.as_deref(), Some("某某局[31m"));
        assert_eq!(r.sections[0].text, "第一行\n第二行\t止");
    }

    #[test]
    fn numbers_serialize_as_integers_when_whole() {
        assert_eq!(serde_json::to_string(&Num(3.0)).ok().as_deref(), Some("3"));
        assert_eq!(
            serde_json::to_string(&Num(0.25)).ok().as_deref(),
            Some("0.25")
        );
        assert_eq!(Num(-5.0).to_string(), "-5");
    }

    #[test]
    fn applications_round_trip_in_table_order() {
        let mut a = Applications::default();
        a.row_mut(23)[6] = Some(Num(16.0));
        let json = serde_json::to_string(&a).unwrap_or_default();
        assert!(json.starts_with("{\"new_received\":[null"));
        assert!(json.contains("\"total_handled\":[null,null,null,null,null,null,16]"));
        let back: Applications = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, a);
        assert!(!back.is_empty());
        assert!(Applications::default().is_empty());
    }

    #[test]
    fn report_values_cover_every_cell() {
        let r = Report::default();
        let v = r.values();
        assert_eq!(v.len(), 10 + 175 + 15);
        assert_eq!(v[0].0, "active.rules.issued");
        assert_eq!(v[199].0, "review_litigation.litigation_after_review[4]");
    }
}
