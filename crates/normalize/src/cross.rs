//! Checks across the reports of a batch (their rules, one file each, are in `rules/`): D1 (two
//! reports of one agency and year), R8 (carried over = last year's carried forward), J1 (a value
//! that jumped more than fivefold from last year) and P1 (section 五 copied from last year or
//! from another agency). Reports meet by their agency key (`agency.rs`). A bare name meets its
//! full one across years only on evidence: a report of the batch whose title prints the bare
//! name and whose body the full one (`洪泽区人民政府` / `淮安市洪泽区人民政府`) teaches that the
//! bare name is that office, unless another report teaches otherwise; and by the user's
//! mapping of names to keys. No name is completed by its shape alone: `鼓楼区人民政府` may be in
//! Nanjing or in Fuzhou, `高新区管委会` in any city.
//!
//! Only what the rules need is kept of each report (its values and section 五, a few
//! kilobytes), so memory stays small however large the batch.

use crate::agency::name_key;
use crate::rules::{d1, j1, p1, r8};
use std::collections::BTreeMap;
use xxgk_model::{Finding, Lang, Report};

/// What the cross-report rules keep of one report.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    /// Its place in input order.
    pub(crate) order: usize,
    pub(crate) file: String,
    /// The agency as printed.
    pub(crate) agency: String,
    /// The agency key (before completion across the batch).
    pub(crate) key: String,
    /// The name printed in the title, where the key completed it with the body's place.
    pub(crate) bare: Option<String>,
    pub(crate) year: i32,
    /// Every table value in [`Report::numbers`] order; NaN where the report shows none.
    pub(crate) values: Vec<f64>,
    /// Prose sections compared for copies: (section number, text as printed).
    pub(crate) prose: Vec<(u8, String)>,
}

/// Reports of one agency (by key) and year, in input order.
pub(crate) type Groups<'a> = BTreeMap<(String, i32), Vec<&'a Seen>>;

/// The cross-report checks of one batch: reports are added as they are read.
#[derive(Debug, Default)]
pub struct Cross {
    seen: Vec<Seen>,
    /// The user's mapping: a name's key -> the agency key it stands for.
    map: BTreeMap<String, String>,
}

impl Cross {
    /// Checks with the user's mapping of agency names (as printed, or their keys) to keys, for
    /// what no rule can decide.
    pub fn with_names(names: &BTreeMap<String, String>) -> Self {
        Cross {
            seen: Vec::new(),
            map: names
                .iter()
                .map(|(name, key)| (name_key(name), name_key(key)))
                .collect(),
        }
    }

    /// Keeps what the rules need of one report (one with an agency and a year).
    pub fn add(&mut self, file: &str, r: &Report) {
        let (Some(agency), Some(year)) = (&r.agency, r.year) else {
            return;
        };
        let printed = name_key(agency);
        let key = r
            .metadata
            .agency_key
            .clone()
            .unwrap_or_else(|| printed.clone());
        // The mapping by the key, or by the name as printed.
        let mapped = self
            .map
            .get(&key)
            .or_else(|| self.map.get(&printed))
            .cloned();
        let completed = r.metadata.agency_key_from.as_deref() == Some("title+body");
        let bare = (completed && printed != key && mapped.is_none()).then_some(printed);
        let key = mapped.unwrap_or(key);
        let values = r
            .numbers()
            .into_iter()
            .map(|v| v.map_or(f64::NAN, |n| n.0))
            .collect();
        self.seen.push(Seen {
            order: self.seen.len(),
            file: file.to_string(),
            agency: agency.clone(),
            key,
            bare,
            year,
            values,
            prose: p1::kept(r),
        });
    }

    /// The agency key of each report after completion across the batch: a key that some
    /// report's title and body showed to be the bare name of one full key (and no report
    /// showed to be another's) is that full key.
    fn resolved(&self) -> Vec<String> {
        let mut full: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        for s in &self.seen {
            if let Some(bare) = &s.bare {
                full.entry(bare)
                    .and_modify(|k| {
                        if *k != Some(s.key.as_str()) {
                            *k = None; // two offices print this bare name: it stays bare
                        }
                    })
                    .or_insert(Some(&s.key));
            }
        }
        self.seen
            .iter()
            .map(|s| match full.get(s.key.as_str()) {
                Some(Some(k)) => k.to_string(),
                _ => s.key.clone(),
            })
            .collect()
    }

    fn groups(&self) -> Groups<'_> {
        let mut groups: Groups<'_> = BTreeMap::new();
        for (s, key) in self.seen.iter().zip(self.resolved()) {
            groups.entry((key, s.year)).or_default().push(s);
        }
        groups
    }

    /// The copies: every report of an agency and year but the first in input order (D1 names
    /// the one kept).
    pub fn copies(&self) -> Vec<String> {
        self.groups()
            .values()
            .flat_map(|g| g.iter().skip(1).map(|s| s.file.clone()))
            .collect()
    }

    /// Where each agency stands in each year: its key figures, last year's, and its
    /// percentile among the agencies of its level (`standing.rs`).
    pub fn standing(&self) -> Vec<crate::standing::Standing> {
        crate::standing::standing(&self.groups())
    }

    /// The findings, each with the file it is reported on: D1, R8, J1, P1.
    pub fn findings(&self, lang: Lang) -> Vec<(String, Finding)> {
        let groups = self.groups();
        let mut out = Vec::new();
        d1::cross(&groups, lang, &mut out);
        r8::cross(&groups, lang, &mut out);
        j1::cross(&groups, lang, &mut out);
        p1::cross(&groups, lang, &mut out);
        out
    }
}

/// Two reports side by side (`xxgk compare`): whether they are one agency's, every value that
/// differs, and how much of each prose section they share.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Both reports have the same agency key.
    pub same_agency: bool,
    /// The values that differ: index in [`Report::numbers`] (and in `codebook()`), the first
    /// report's value and the second's (`None`: not shown).
    pub differing: Vec<(usize, Option<f64>, Option<f64>)>,
    /// Values shown by both and equal.
    pub equal: usize,
    /// Per section (1..=6) both print at least [`p1::MIN_CHARS`] characters of: the share of
    /// runs in common (P1's measure).
    pub sections: Vec<(u8, f64)>,
}

/// The passages of `text` that `other` has too: per character of `text`, whether it is part of
/// a run of characters the two share (P1's runs), for showing what a copy copied.
pub fn shared_passages(text: &str, other: &str) -> Vec<bool> {
    p1::shared_chars(text, other)
}

/// Compares two reports value by value and section by section.
pub fn compare(a: &Report, b: &Report) -> Comparison {
    let key = |r: &Report| {
        r.metadata
            .agency_key
            .clone()
            .or_else(|| r.agency.as_deref().map(name_key))
    };
    let (va, vb) = (a.numbers(), b.numbers());
    let mut differing = Vec::new();
    let mut equal = 0;
    for (i, (x, y)) in va.iter().zip(&vb).enumerate() {
        let (x, y) = (x.map(|n| n.0), y.map(|n| n.0));
        if x == y {
            equal += usize::from(x.is_some());
        } else {
            differing.push((i, x, y));
        }
    }
    let sections = (1..=6u8)
        .filter_map(|n| {
            let text = |r: &Report| {
                r.sections
                    .iter()
                    .find(|s| s.number == n)
                    .map(|s| s.text.clone())
            };
            Some((n, p1::share(&text(a)?, &text(b)?)?))
        })
        .collect();
    Comparison {
        same_agency: key(a).is_some() && key(a) == key(b),
        differing,
        equal,
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{Num, Section, SourceRef};

    const PROBLEMS: &str = "本机关政府信息公开工作仍存在一些不足：一是主动公开的深度和广度有待加强，部分栏目更新不够及时；二是政策解读形式较为单一，图解、视频等形式运用不多；三是依申请公开答复的规范性有待提高。下一步，我们将加强业务培训，完善工作机制，提高公开质量，切实保障公众知情权、参与权和监督权。";

    /// A report of `agency` (as printed, and its key as the normalizer forms it) for `year`:
    /// 10 new requests and 2 carried over (natural persons), and section 五.
    fn report(
        agency: &str,
        year: i32,
        carried_over: f64,
        carried_forward: f64,
        five: &str,
    ) -> Report {
        let mut r = Report {
            agency: Some(agency.into()),
            year: Some(year),
            ..Report::default()
        };
        r.metadata.agency_key = Some(name_key(agency));
        let row = |v: f64| {
            let mut row = [Some(Num(0.0)); 7];
            row[0] = Some(Num(v));
            row[6] = Some(Num(v));
            row
        };
        *r.applications.row_mut(0) = row(40.0);
        *r.applications.row_mut(1) = row(carried_over);
        *r.applications.row_mut(24) = row(carried_forward);
        r.sections.push(Section {
            number: 5,
            heading: "五、存在的主要问题及改进情况".into(),
            printed_number: None,
            text: five.into(),
            source: SourceRef::Paragraph { paragraph: 1 },
        });
        r
    }

    fn rules(cross: &Cross) -> Vec<(String, String)> {
        cross
            .findings(Lang::Zh)
            .into_iter()
            .map(|(file, f)| (f.rule, file))
            .collect()
    }

    #[test]
    fn a_title_name_and_a_body_name_meet_and_similar_offices_stay_apart() {
        let mut cross = Cross::default();
        // 2021: the title alone, bare. 2022: the title bare, the body with its city (the
        // normalizer completed the key). 2023: the full name.
        cross.add("a2021", &report("洪泽区人民政府", 2021, 0.0, 4.0, ""));
        let mut b = report("洪泽区人民政府", 2022, 4.0, 3.0, "");
        b.metadata.agency_key = Some("淮安市洪泽区人民政府".into());
        b.metadata.agency_key_from = Some("title+body".into());
        cross.add("b2022", &b);
        // Carried over 5, but 3 were carried forward.
        cross.add("c2023", &report("淮安市洪泽区人民政府", 2023, 5.0, 0.0, ""));
        // Another office whose name holds the first one's.
        cross.add("d2023", &report("洪泽区人民政府办公室", 2023, 9.0, 0.0, ""));
        let found = rules(&cross);
        let r8: Vec<&(String, String)> = found.iter().filter(|(r, _)| r == "R8").collect();
        assert_eq!(r8.len(), 2, "natural_person and total: {found:?}");
        assert!(r8.iter().all(|(_, f)| f == "c2023"), "{found:?}");
        assert!(!found.iter().any(|(r, _)| r == "D1"), "{found:?}");
        // a2021 meets b2022 through what b2022 showed: 1 carried forward, 4 carried over.
        let mut alone = Cross::default();
        alone.add("a2021", &report("洪泽区人民政府", 2021, 0.0, 1.0, ""));
        alone.add("b2022", &b);
        assert!(rules(&alone).iter().any(|(r, f)| r == "R8" && f == "b2022"));
    }

    #[test]
    fn a_bare_name_is_not_completed_by_its_shape() {
        // Two districts named 鼓楼区 in two cities: the bare name meets neither.
        let mut cross = Cross::default();
        cross.add("a2022", &report("鼓楼区人民政府", 2022, 0.0, 3.0, ""));
        cross.add("b2023", &report("福州市鼓楼区人民政府", 2023, 5.0, 0.0, ""));
        assert!(!rules(&cross).iter().any(|(r, _)| r == "R8" || r == "D1"));
    }

    #[test]
    fn two_reports_compare_value_by_value_and_section_by_section() {
        let a = report("甲县财政局", 2022, 0.0, 3.0, PROBLEMS);
        let mut b = report("甲县财政局", 2023, 3.0, 1.0, PROBLEMS);
        b.active.licensing = Some(Num(7.0));
        let c = compare(&a, &b);
        assert!(c.same_agency);
        let names: Vec<&str> = c
            .differing
            .iter()
            .map(|(i, ..)| xxgk_model::codebook()[*i].name.as_str())
            .collect();
        assert!(names.contains(&"active.licensing"), "{names:?}");
        assert!(
            names.contains(&"applications.carried_over.natural_person"),
            "{names:?}"
        );
        assert_eq!(c.sections, [(5, 1.0)]);
        assert!(!compare(&a, &report("乙县财政局", 2022, 0.0, 3.0, "")).same_agency);
    }

    #[test]
    fn a_mapping_joins_what_no_rule_can() {
        let names =
            BTreeMap::from([("洪泽区政府".to_string(), "淮安市洪泽区人民政府".to_string())]);
        let mut cross = Cross::with_names(&names);
        cross.add("a2022", &report("洪泽区政府", 2022, 0.0, 3.0, ""));
        cross.add("b2023", &report("淮安市洪泽区人民政府", 2023, 5.0, 0.0, ""));
        assert!(rules(&cross).iter().any(|(r, f)| r == "R8" && f == "b2023"));
        let mut plain = Cross::default();
        plain.add("a2022", &report("洪泽区政府", 2022, 0.0, 3.0, ""));
        plain.add("b2023", &report("淮安市洪泽区人民政府", 2023, 5.0, 0.0, ""));
        assert!(!rules(&plain).iter().any(|(r, _)| r == "R8"));
    }

    #[test]
    fn agencies_stand_among_their_level_with_last_year_beside() {
        let mut cross = Cross::default();
        // Twelve county governments in 2023 receiving 10, 20, … 120 requests; one of them in
        // 2022 too; two departments (too few to rank).
        for i in 1..=12 {
            let mut r = report(&format!("某市{i}号县人民政府"), 2023, 0.0, 0.0, "");
            r.applications.row_mut(0)[6] = Some(Num(f64::from(i) * 10.0));
            r.applications.row_mut(2)[6] = Some(Num(10.0));
            r.applications.row_mut(23)[6] = Some(Num(40.0));
            cross.add(&format!("c{i}"), &r);
        }
        cross.add("c1-2022", &report("某市1号县人民政府", 2022, 0.0, 0.0, ""));
        cross.add("d1", &report("某市财政局", 2023, 0.0, 0.0, ""));
        cross.add("d2", &report("某市教育局", 2023, 0.0, 0.0, ""));
        let all = cross.standing();
        assert_eq!(all.len(), 15);
        let c12 = all
            .iter()
            .find(|s| s.file == "c12")
            .unwrap_or_else(|| panic!());
        assert_eq!((c12.level, c12.peers), (Some("county"), Some(12)));
        assert_eq!(c12.figures[0].value, Some(120.0));
        assert_eq!(c12.figures[0].percentile, Some(96));
        let c1 = all
            .iter()
            .find(|s| s.file == "c1")
            .unwrap_or_else(|| panic!());
        assert_eq!(c1.previous_file.as_deref(), Some("c1-2022"));
        assert_eq!(c1.figures[0].previous, Some(40.0));
        // 10 granted of 40 handled.
        assert_eq!(c1.figures[1].value, Some(25.0));
        let d1 = all
            .iter()
            .find(|s| s.file == "d1")
            .unwrap_or_else(|| panic!());
        assert_eq!((d1.level, d1.peers), (Some("city_department"), Some(2)));
        assert_eq!(d1.figures[0].percentile, None, "two departments: no rank");
        // Table 四 not printed: no sum.
        assert_eq!(d1.figures[3].value, None);
    }

    #[test]
    fn jumps_over_fivefold_are_noted_and_small_counts_are_not() {
        let mut cross = Cross::default();
        let mut before = report("某县财政局", 2022, 0.0, 0.0, "");
        before.active.licensing = Some(Num(12.0));
        before.active.punishment = Some(Num(3.0));
        let mut now = report("某县财政局", 2023, 0.0, 0.0, "");
        now.active.licensing = Some(Num(100.0)); // 12 -> 100: more than fivefold
        now.active.punishment = Some(Num(20.0)); // 3 -> 20: under the floor of 10
        cross.add("2022", &before);
        cross.add("2023", &now);
        let j1: Vec<Finding> = cross
            .findings(Lang::Zh)
            .into_iter()
            .filter(|(_, f)| f.rule == "J1")
            .map(|(_, f)| f)
            .collect();
        assert_eq!(j1.len(), 1, "{j1:?}");
        assert_eq!(j1[0].row.as_deref(), Some("licensing"));
        assert_eq!(
            (j1[0].expected, j1[0].found),
            (Some(Num(12.0)), Some(Num(100.0)))
        );
        assert_eq!(j1[0].severity, xxgk_model::Severity::Info);
    }

    #[test]
    fn a_copied_section_is_found_and_a_rewritten_one_is_not() {
        let rewritten = "今年我局重点推进了基层政务公开标准化规范化建设，围绕重大建设项目、公共资源配置和社会公益事业建设等领域细化公开目录，新增专栏三个，并通过政务新媒体开展在线访谈两次，群众满意度明显提升，明年将继续深化，持续推进公开工作。";
        let mut cross = Cross::default();
        cross.add("a2022", &report("甲县财政局", 2022, 0.0, 0.0, PROBLEMS));
        cross.add("a2023", &report("甲县财政局", 2023, 0.0, 0.0, PROBLEMS));
        cross.add("b2023", &report("乙县财政局", 2023, 0.0, 0.0, PROBLEMS));
        cross.add("c2023", &report("丙县财政局", 2023, 0.0, 0.0, rewritten));
        let p1: Vec<(String, String)> = rules(&cross)
            .into_iter()
            .filter(|(r, _)| r == "P1")
            .collect();
        // 甲 2023 copies 甲 2022; 乙 2023 copies 甲 2023 (same year, another agency).
        assert_eq!(
            p1,
            [
                ("P1".to_string(), "a2023".to_string()),
                ("P1".to_string(), "b2023".to_string())
            ]
        );
        let message = &cross.findings(Lang::Zh)[0].1.message;
        assert!(message.contains("100%"), "{message}");
    }
}
