//! P1 (warning): across reports: section 五 at least 90% the same as the same agency's of the year before, or as another agency's of the same year in the batch.
//!
//! Checked across the reports of a batch (`cross.rs`). The national notice punishes reports
//! whose content is copied (内容雷同), and section 五 (problems and improvements) is the one
//! that must be the agency's own each year. Section 六 is not compared: it is mostly standard
//! statements (the fee rules of 国办函〔2020〕109号, `无其他需要报告的事项`) that every agency
//! may print word for word. A section is compared as its characters without spaces or
//! punctuation and with every digit the same (a copy with this year's numbers is still a copy),
//! cut into overlapping runs of [`SHINGLE`] characters; two sections are the same by the share
//! of runs they have in common (Jaccard). Sections under [`MIN_CHARS`] characters are standard
//! phrases, not prose, and are left out.

use super::prelude::*;
use crate::cross::{Groups, Seen};
use std::collections::BTreeMap;

pub(crate) const RULE: Rule = Rule {
    id: "P1",
    severity: Severity::Warning,
    origin: Origin::Source,
    levels: "warning",
    summary: "across reports: section 五 at least 90% the same as the same agency's of the year before, or as another agency's of the same year in the batch",
    summary_zh: "第五部分与本机关上一年度或本批次其他机关的报告雷同（90%以上相同）",
};

/// Sections compared.
const SECTIONS: [u8; 1] = [5];
/// Shorter sections are standard phrases.
pub(crate) const MIN_CHARS: usize = 100;
/// Characters kept of a section (the rest is not compared).
const MAX_CHARS: usize = 3000;
/// Characters per run.
const SHINGLE: usize = 5;
/// A sampled run held by more sections than this is a common phrase and points at no pair
/// (so a section copied by more agencies than this in one year of a batch is not found: a
/// known limit, against a quadratic count of pairs).
const COMMON: usize = 200;
/// The share of runs in common from which a section is a copy.
pub(crate) const SAME: f64 = 0.9;

/// The sections of a report that are compared, as printed (trimmed, cut at [`MAX_CHARS`]).
pub(crate) fn kept(r: &Report) -> Vec<(u8, String)> {
    SECTIONS
        .iter()
        .filter_map(|&n| {
            let s = r.sections.iter().find(|s| s.number == n)?;
            let text: String = s.text.trim().chars().take(MAX_CHARS).collect();
            (letters(&text).len() >= MIN_CHARS).then_some((n, text))
        })
        .collect()
}

/// The characters compared: no spaces or punctuation, every digit `0`.
fn letters(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| if c.is_numeric() { '0' } else { c })
        .collect()
}

/// A run of characters, hashed (FNV-1a).
fn run_hash(run: &[char]) -> u64 {
    run.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, c| {
        (h ^ u64::from(*c)).wrapping_mul(0x100_0000_01b3)
    })
}

/// The runs of a text, hashed, sorted, each once.
fn shingles(text: &str) -> Vec<u64> {
    let mut runs: Vec<u64> = letters(text).windows(SHINGLE).map(run_hash).collect();
    runs.sort_unstable();
    runs.dedup();
    runs
}

/// The passages of `text` it shares with `other`, for people to see: per character of `text`,
/// whether it is part of a run of [`SHINGLE`] letters (spaces and punctuation skipped, as for
/// the share) that `other` has too. Digits are compared as printed here, so that a number
/// changed in a copy shows as changed.
pub(crate) fn shared_chars(text: &str, other: &str) -> Vec<bool> {
    let kept = |t: &str| -> Vec<(usize, char)> {
        t.chars()
            .enumerate()
            .filter(|(_, c)| c.is_alphanumeric())
            .collect()
    };
    let letters = |k: &[(usize, char)]| -> Vec<char> { k.iter().map(|(_, c)| *c).collect() };
    let theirs: std::collections::HashSet<u64> = letters(&kept(other))
        .windows(SHINGLE)
        .map(run_hash)
        .collect();
    let mine = kept(text);
    let mut marks = vec![false; text.chars().count()];
    for (start, run) in letters(&mine).windows(SHINGLE).enumerate() {
        if theirs.contains(&run_hash(run)) {
            let (from, to) = (mine[start].0, mine[start + SHINGLE - 1].0);
            marks[from..=to].iter_mut().for_each(|m| *m = true);
        }
    }
    marks
}

/// The runs that index a section for finding candidates: one in eight, by the hash's high
/// bits (FNV's low bits follow the last character's).
fn sample(runs: &[u64]) -> Vec<u64> {
    runs.iter().copied().filter(|h| h >> 61 == 0).collect()
}

/// The share of runs two texts have in common (Jaccard), over sorted runs.
fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let all = a.len() + b.len() - common;
    if all == 0 {
        0.0
    } else {
        common as f64 / all as f64
    }
}

/// One finding on `now`'s file: its section `n` is `share` the same as `other`'s.
fn copied(n: u8, share: f64, now: &Seen, other: &Seen, lang: Lang) -> (String, Finding) {
    let (zh_name, en_name) = super::c1::SECTION_NAMES[usize::from(n) - 1];
    let excerpt: String = text(now, n).unwrap_or("").chars().take(40).collect();
    let pct = (share * 100.0).floor();
    let f = Finding::new(
        "P1",
        Severity::Warning,
        Origin::Source,
        t(
            lang,
            format!(
                "第{}部分「{zh_name}」与{}（{}{}年）的同一部分{pct}%相同：“{excerpt}…”",
                zh_numeral(n),
                other.file,
                other.agency,
                other.year
            ),
            format!(
                "section {n} ({en_name}) is {pct}% the same as in {} ({} {}): \"{excerpt}…\"",
                other.file, other.agency, other.year
            ),
        ),
    );
    (now.file.clone(), f)
}

/// The share of runs two sections have in common, where both are long enough to compare.
pub(crate) fn share(a: &str, b: &str) -> Option<f64> {
    let long = |t: &str| letters(t).len() >= MIN_CHARS;
    (long(a) && long(b)).then(|| similarity(&shingles(a), &shingles(b)))
}

/// Section `n` of a report, where it is kept.
fn text(s: &Seen, n: u8) -> Option<&str> {
    s.prose
        .iter()
        .find(|(m, _)| *m == n)
        .map(|(_, t)| t.as_str())
}

/// Each agency's section against its own of the year before; then, within each year, against
/// the other agencies' (candidates by sampled runs in common, confirmed by the share of all
/// runs). Runs are computed when a pair is compared; only the samples are kept for the index.
pub(crate) fn cross(groups: &Groups<'_>, lang: Lang, out: &mut Vec<(String, Finding)>) {
    let same = |a: &Seen, b: &Seen, n: u8| -> Option<f64> {
        let share = similarity(&shingles(text(a, n)?), &shingles(text(b, n)?));
        (share >= SAME).then_some(share)
    };
    for ((key, year), reports) in groups {
        let Some(prev) = groups.get(&(key.clone(), year - 1)) else {
            continue;
        };
        for n in SECTIONS {
            if let Some(share) = same(reports[0], prev[0], n) {
                out.push(copied(n, share, reports[0], prev[0], lang));
            }
        }
    }
    // Across agencies of one year: runs shared by two sections point at the pairs to compare.
    let firsts: Vec<&Seen> = groups.values().map(|g| g[0]).collect();
    for n in SECTIONS {
        let mut by_year: BTreeMap<i32, Vec<(&Seen, Vec<u64>)>> = BTreeMap::new();
        for s in &firsts {
            if let Some(t) = text(s, n) {
                by_year.entry(s.year).or_default().push((s, shingles(t)));
            }
        }
        for reports in by_year.values() {
            let samples: Vec<Vec<u64>> = reports.iter().map(|(_, runs)| sample(runs)).collect();
            let mut index: BTreeMap<u64, Vec<u32>> = BTreeMap::new();
            for (i, sampled) in samples.iter().enumerate() {
                for h in sampled {
                    index.entry(*h).or_default().push(i as u32);
                }
            }
            let mut shared: std::collections::HashMap<(u32, u32), u32> = Default::default();
            for holders in index.values().filter(|h| h.len() > 1 && h.len() <= COMMON) {
                for (x, &i) in holders.iter().enumerate() {
                    for &j in &holders[x + 1..] {
                        *shared.entry((i, j)).or_default() += 1;
                    }
                }
            }
            // Each section is reported once, against the earliest section it copies.
            let mut copies: BTreeMap<usize, (usize, f64)> = BTreeMap::new();
            for ((i, j), count) in shared {
                let (i, j) = (i as usize, j as usize);
                let least = samples[i].len().min(samples[j].len()) as f64;
                // Sections this much the same share most of their sampled runs.
                if f64::from(count) < 0.8 * SAME * least {
                    continue;
                }
                let share = similarity(&reports[i].1, &reports[j].1);
                if share < SAME {
                    continue;
                }
                let (later, earlier) = if reports[i].0.order > reports[j].0.order {
                    (i, j)
                } else {
                    (j, i)
                };
                let best = copies.entry(later).or_insert((earlier, share));
                if reports[earlier].0.order < reports[best.0].0.order {
                    *best = (earlier, share);
                }
            }
            for (later, (earlier, share)) in copies {
                out.push(copied(n, share, reports[later].0, reports[earlier].0, lang));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_the_same_and_rewrites_are_not() {
        let base = "本机关政府信息公开工作仍存在一些不足：一是主动公开的深度和广度有待加强，二是政策解读形式较为单一，三是依申请公开答复的规范性有待提高。下一步，我们将加强业务培训，完善工作机制，提高公开质量，切实保障公众知情权。";
        let next_year = base.replace("2022", "2023");
        let rewritten = "今年我局重点推进了基层政务公开标准化规范化建设，围绕重大建设项目、公共资源配置和社会公益事业建设等领域细化公开目录，新增专栏三个，并通过政务新媒体开展在线访谈两次，群众满意度明显提升，明年将继续深化。";
        let (a, b, c) = (shingles(base), shingles(&next_year), shingles(rewritten));
        assert!(similarity(&a, &b) >= SAME);
        assert!(similarity(&a, &c) < 0.2);
        // Numbers updated for the year do not hide a copy.
        let with_numbers = base.replace("三是", "3是");
        assert!(similarity(&a, &shingles(&with_numbers)) >= 0.85);
        assert!(letters("无其他需要报告的事项。").len() < MIN_CHARS);
    }

    #[test]
    fn shared_passages_are_marked_character_by_character() {
        let marks = shared_chars("甲乙丙丁戊，己庚辛壬癸。子丑寅卯辰", "己庚辛壬癸子丑");
        let shown: String = "甲乙丙丁戊，己庚辛壬癸。子丑寅卯辰"
            .chars()
            .zip(&marks)
            .map(|(c, m)| if *m { c } else { '_' })
            .collect();
        assert_eq!(shown, "______己庚辛壬癸。子丑___");
        // A number changed in a copy is not shared.
        let marks = shared_chars("共收到申请12件，均已办结", "共收到申请15件，均已办结");
        let unshared: Vec<usize> = (0..marks.len()).filter(|&i| !marks[i]).collect();
        assert_eq!(unshared, [6], "the 2 of 12");
    }
}
