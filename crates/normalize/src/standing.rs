//! Where an agency stands: per report of a batch (the first of each agency and year), five key
//! figures, the same figures of the agency's report of the year before, and each figure's
//! percentile among the agencies of the same level ([`crate::agency::level`]) and year in the
//! batch — shown only where at least [`MIN_PEERS`] of them print the figure, since a rank among
//! a handful says nothing.

use crate::agency::{level, name_key};
use crate::cross::{Groups, Seen};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The key figures (key, 中文, English).
pub const FIGURES: [(&str, &str, &str); 5] = [
    ("received", "本年新收申请", "requests received"),
    (
        "granted_share",
        "予以公开占办理总数（%）",
        "granted, % of handled",
    ),
    (
        "not_held_share",
        "本机关不掌握占办理总数（%）",
        "not held, % of handled",
    ),
    ("contested", "行政复议和行政诉讼", "reviews and lawsuits"),
    ("corrected", "其中结果纠正", "of which corrected"),
];

/// Fewer agencies of a level and year than this printing a figure: no percentile.
pub const MIN_PEERS: usize = 10;

/// One figure of a report.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Figure {
    /// This year's value (None: the report does not print what it needs).
    pub value: Option<f64>,
    /// The value in the agency's report of the year before, where the batch has it.
    pub previous: Option<f64>,
    /// Percentile rank among the agencies of the same level and year (0–100: the share below,
    /// ties counted half), where at least [`MIN_PEERS`] print the figure.
    pub percentile: Option<u8>,
}

/// One agency's standing in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// The report (the first of its agency and year in input order).
    pub file: String,
    /// The agency as printed.
    pub agency: String,
    /// The agency key, completed across the batch.
    pub agency_key: String,
    /// Its level ([`crate::agency::LEVELS`]), where the name shows it.
    pub level: Option<&'static str>,
    /// The report year.
    pub year: i32,
    /// Agencies of the same level and year in the batch, this one included (None: no level).
    pub peers: Option<usize>,
    /// The agency's report of the year before, where the batch has it.
    pub previous_file: Option<String>,
    /// In [`FIGURES`] order.
    pub figures: [Figure; 5],
}

/// Positions in [`crate::Report::numbers`] order of the values the figures are made of.
struct Operands {
    received: usize,
    granted: usize,
    not_held: usize,
    handled: usize,
    totals: [usize; 3],
    corrected: [usize; 3],
}

static OPERANDS: LazyLock<Option<Operands>> = LazyLock::new(|| {
    let at = |name: String| xxgk_model::codebook().iter().position(|c| c.name == name);
    let app = |row: &str| at(format!("applications.{row}.total"));
    let rl = |column: &str| -> Option<[usize; 3]> {
        let mut out = [0; 3];
        for (slot, group) in out.iter_mut().zip(xxgk_model::RL_GROUPS) {
            *slot = at(format!("review_litigation.{group}.{column}"))?;
        }
        Some(out)
    };
    Some(Operands {
        received: app("new_received")?,
        granted: app("granted")?,
        not_held: app("unavailable_not_held")?,
        handled: app("total_handled")?,
        totals: rl("total")?,
        corrected: rl("corrected")?,
    })
});

/// The five figures of a report's values (NaN: not printed).
fn figures(values: &[f64]) -> [Option<f64>; 5] {
    let Some(o) = OPERANDS.as_ref() else {
        return [None; 5];
    };
    let get = |i: usize| values.get(i).copied().filter(|v| !v.is_nan());
    let share = |part: usize| {
        let (part, all) = (get(part)?, get(o.handled)?);
        // One decimal, as a percentage.
        (all > 0.0).then(|| (part / all * 1000.0).round() / 10.0)
    };
    let sum = |at: &[usize; 3]| at.iter().map(|&i| get(i)).sum::<Option<f64>>();
    [
        get(o.received),
        share(o.granted),
        share(o.not_held),
        sum(&o.totals),
        sum(&o.corrected),
    ]
}

/// The percentile rank of `value` among `sorted` (ascending): the share below it, ties counted
/// half.
fn percentile(value: f64, sorted: &[f64]) -> u8 {
    let below = sorted.partition_point(|v| *v < value);
    let equal = sorted[below..].partition_point(|v| *v <= value);
    let rank = (below as f64 + equal as f64 / 2.0) / sorted.len() as f64 * 100.0;
    rank.round().clamp(0.0, 100.0) as u8
}

/// The level of an agency: its key's, or where that shows none (a key from the user's
/// mapping, `320100-gov`), the name as printed.
fn level_of(key: &str, printed: &str) -> Option<&'static str> {
    match level(key) {
        Some(l) if l != "department" => Some(l),
        other => level(&name_key(printed)).or(other),
    }
}

/// The first report of an agency and year: its key, what was kept of it, its level, its figures.
type First<'a> = (&'a str, &'a Seen, Option<&'static str>, [Option<f64>; 5]);

/// Per level and year: the agencies, and each figure's printed values.
type Peers<'a> = BTreeMap<(&'a str, i32), (usize, [Vec<f64>; 5])>;

/// The standing of the first report of each agency and year, in input order.
pub(crate) fn standing(groups: &Groups<'_>) -> Vec<Standing> {
    let firsts: Vec<First<'_>> = groups
        .iter()
        .map(|((key, _), g)| {
            let s = g[0];
            (
                key.as_str(),
                s,
                level_of(key, &s.agency),
                figures(&s.values),
            )
        })
        .collect();
    let mut peers: Peers<'_> = BTreeMap::new();
    for (_, s, lvl, f) in &firsts {
        let Some(lvl) = lvl else { continue };
        let entry = peers.entry((lvl, s.year)).or_default();
        entry.0 += 1;
        for (all, v) in entry.1.iter_mut().zip(f) {
            all.extend(*v);
        }
    }
    for (_, all) in peers.values_mut() {
        for values in all {
            values.sort_by(f64::total_cmp);
        }
    }
    let mut out: Vec<(usize, Standing)> = firsts
        .iter()
        .map(|&(key, s, lvl, f)| {
            let prev = groups.get(&(key.to_string(), s.year - 1)).map(|g| g[0]);
            let before = prev.map(|p| figures(&p.values)).unwrap_or([None; 5]);
            let group = lvl.and_then(|l| peers.get(&(l, s.year)));
            let mut figs = [Figure::default(); 5];
            for (i, fig) in figs.iter_mut().enumerate() {
                fig.value = f[i];
                fig.previous = before[i];
                fig.percentile = group.and_then(|(_, all)| {
                    let (all, value) = (&all[i], f[i]?);
                    (all.len() >= MIN_PEERS).then(|| percentile(value, all))
                });
            }
            let standing = Standing {
                file: s.file.clone(),
                agency: s.agency.clone(),
                agency_key: key.to_string(),
                level: lvl,
                year: s.year,
                peers: group.map(|(n, _)| *n),
                previous_file: prev.map(|p| p.file.clone()),
                figures: figs,
            };
            (s.order, standing)
        })
        .collect();
    out.sort_by_key(|(order, _)| *order);
    out.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percentile_counts_ties_half() {
        let all: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(1.0, &all), 5);
        assert_eq!(percentile(10.0, &all), 95);
        assert_eq!(percentile(3.0, &[3.0; 12]), 50);
        assert_eq!(percentile(2.0, &[1.0, 2.0, 2.0, 3.0]), 50);
    }
}
