//! The statutory sums as proofreader of unsure readings. A cell whose digits were recognised
//! with doubt (`4�`: the engine unsure, or its two readings disagreeing) is left null by the
//! reader (X2). Two independent witnesses let it be taken, and said (X2, info):
//! - one of the sums R1–R4 has that value as its only unknown and gives exactly the digits
//!   read, and no other sum whose other values are all known gives anything else;
//! - or, the unsure readings of a table set to their digits together, at least two complete
//!   sums the value is part of (its row's and its column's) hold, and none fails.
//!
//! A sum that gives another number leaves the value null: the digits or the report may be
//! wrong, and which cannot be told.

use super::Reader;
use crate::notes::Note;
use crate::rules::Equation;
use std::collections::{BTreeMap, HashMap};
use xxgk_model::{Num, Report};

impl Reader<'_> {
    /// Takes the unsure readings the sums confirm (see the module's doc).
    pub(super) fn proofread(&mut self) {
        let index: HashMap<&str, usize> = (0..xxgk_model::layout::VALUE_COUNT)
            .filter_map(|i| Some((Report::value_path(i)?, i)))
            .collect();
        // Value index -> (the digits read, the provenance entry); the last entry of a path is
        // the one that counts, as when provenance becomes the report's map.
        let mut unsure: BTreeMap<usize, (f64, usize)> = BTreeMap::new();
        for (k, (path, p)) in self.provenance.iter().enumerate() {
            let Some(&i) = index.get(path.as_str()) else {
                continue;
            };
            match reading(&p.text).filter(|_| p.recognised.is_some()) {
                Some(v) => unsure.insert(i, (v, k)),
                None => unsure.remove(&i),
            };
        }
        if unsure.is_empty() {
            return;
        }
        let mut values = self.report.numbers();
        unsure.retain(|&i, _| values[i].is_none());
        let equations = crate::rules::equations(self.report.format);
        loop {
            // One value at a time, as long as one is its sum's only unknown (a value taken may
            // complete another sum); then the rest together.
            let taken: Vec<(usize, String)> = match unsure.iter().find_map(|(&i, &(v, _))| {
                confirmed(&equations, i, v, &values).map(|rule| (i, rule.to_string()))
            }) {
                Some(one) => vec![one],
                None => together(&equations, &unsure, &values),
            };
            if taken.is_empty() {
                break;
            }
            for (i, rule) in taken {
                let Some((v, k)) = unsure.remove(&i) else {
                    continue;
                };
                values[i] = Some(Num(v));
                if let Some(slot) = self.report.number_mut(i) {
                    *slot = Some(Num(v));
                }
                let p = &self.provenance[k].1;
                let note = Note::Proofread {
                    shown: p.text.trim().to_string(),
                    value: v,
                    index: i,
                    rule,
                    source: p.source.clone(),
                };
                let unread = self
                    .notes
                    .iter()
                    .position(|n| matches!(n, Note::Unread { source, .. } if *source == p.source));
                match unread {
                    Some(n) => self.notes[n] = note,
                    None => self.notes.push(note),
                }
            }
        }
    }
}

/// The unsure readings taken together: each set to its digits, a reading is taken where at
/// least two complete sums hold with it (its row's and its column's) and no complete sum it
/// is part of fails. A wrong reading would need others, wrong by as much the other way, in
/// its row and in its column. Each with the rules of its sums (`R3、R2`).
fn together(
    equations: &[Equation],
    unsure: &BTreeMap<usize, (f64, usize)>,
    values: &[Option<Num>],
) -> Vec<(usize, String)> {
    let mut all = values.to_vec();
    for (&i, &(v, _)) in unsure {
        all[i] = Some(Num(v));
    }
    // Each complete sum: whether it holds.
    let complete: Vec<(&Equation, bool)> = equations
        .iter()
        .filter_map(|e| {
            let side =
                |s: &[usize]| -> Option<f64> { s.iter().map(|&j| all[j].map(|n| n.0)).sum() };
            Some((e, side(&e.left)? == side(&e.right)?))
        })
        .collect();
    unsure
        .keys()
        .filter_map(|&i| {
            let mine = complete
                .iter()
                .filter(|(e, _)| e.left.contains(&i) || e.right.contains(&i));
            let mut rules = Vec::new();
            for (e, holds) in mine {
                if !holds {
                    return None;
                }
                rules.push(e.rule);
            }
            (rules.len() >= 2).then(|| (i, rules.join("、")))
        })
        .collect()
}

/// The digits of an unsure reading: digits then one `�` (`31�`), written as a number is (no
/// leading zero: `056�` is two rows' digits run together, not a reading of one value).
fn reading(text: &str) -> Option<f64> {
    let digits = text.trim().strip_suffix('\u{FFFD}')?;
    let plain = !digits.is_empty()
        && digits.len() <= 9
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    plain.then(|| digits.parse().ok()).flatten()
}

/// The rule of a sum that gives value `i` exactly `v`, where no sum gives it anything else.
fn confirmed(
    equations: &[Equation],
    i: usize,
    v: f64,
    values: &[Option<Num>],
) -> Option<&'static str> {
    let mut rule = None;
    for e in equations {
        match solve(e, i, values) {
            Some(x) if x == v => {
                rule.get_or_insert(e.rule);
            }
            Some(_) => return None,
            None => {}
        }
    }
    rule
}

/// Value `i` as `e` gives it, where `i` takes part in `e` and every other value of `e` is known.
fn solve(e: &Equation, i: usize, values: &[Option<Num>]) -> Option<f64> {
    let sum = |side: &[usize]| -> Option<f64> {
        side.iter()
            .filter(|&&j| j != i)
            .map(|&j| values.get(j).copied().flatten().map(|n| n.0))
            .sum()
    };
    let (left, right) = (sum(&e.left)?, sum(&e.right)?);
    if e.left.contains(&i) {
        Some(right - left)
    } else if e.right.contains(&i) {
        Some(left - right)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_is_digits_then_one_mark() {
        assert_eq!(reading("31\u{FFFD}"), Some(31.0));
        assert_eq!(reading(" 0\u{FFFD} "), Some(0.0));
        assert_eq!(
            reading("056\u{FFFD}"),
            None,
            "two rows' digits run together"
        );
        assert_eq!(reading("31"), None, "read for sure: not the proofreader's");
        assert_eq!(reading("3\u{FFFD}1"), None, "a digit unread inside");
        assert_eq!(reading("\u{FFFD}"), None);
        assert_eq!(reading("1.5\u{FFFD}"), None);
    }

    #[test]
    fn a_sum_confirms_only_its_only_unknown_and_none_may_contradict() {
        let e = |left: Vec<usize>, right: Vec<usize>| Equation {
            rule: "R3",
            left,
            right,
        };
        let n = |x: f64| Some(Num(x));
        // 0 + ? = 5, and ? + 2 = 6.
        let values = vec![n(0.0), None, n(5.0), n(2.0), n(6.0), None];
        let sums = [e(vec![0, 1], vec![2])];
        assert_eq!(confirmed(&sums, 1, 5.0, &values), Some("R3"));
        assert_eq!(confirmed(&sums, 1, 4.0, &values), None, "the sum says 5");
        let both = [e(vec![0, 1], vec![2]), e(vec![1, 3], vec![4])];
        assert_eq!(
            confirmed(&both, 1, 5.0, &values),
            None,
            "the second sum says 4"
        );
        let two_unknown = [e(vec![0, 1, 5], vec![2])];
        assert_eq!(confirmed(&two_unknown, 1, 5.0, &values), None);
    }

    #[test]
    fn unsure_readings_together_are_taken_where_their_row_and_column_hold() {
        // A 2 x 2 table with row and column totals: a b | 3 ; c d | 7 ; 4 6 | 10.
        // Values 0..9: a b ra c d rb ca cb total, unused; a and d unsure.
        let e = |rule, left: Vec<usize>, right: Vec<usize>| Equation { rule, left, right };
        let sums = [
            e("R3", vec![0, 1], vec![2]),
            e("R3", vec![3, 4], vec![5]),
            e("R2", vec![0, 3], vec![6]),
            e("R2", vec![1, 4], vec![7]),
        ];
        let n = |x: f64| Some(Num(x));
        let values = vec![None, n(2.0), n(3.0), n(3.0), None, n(7.0), n(4.0), n(6.0)];
        let unsure = |a: f64, d: f64| BTreeMap::from([(0, (a, 0)), (4, (d, 1))]);
        assert_eq!(
            together(&sums, &unsure(1.0, 4.0), &values),
            [(0, "R3、R2".to_string()), (4, "R3、R2".to_string())]
        );
        // A misread d: its row and column fail and it stays unsure; a's row and column do not
        // involve d, and a is taken.
        assert_eq!(
            together(&sums, &unsure(1.0, 5.0), &values),
            [(0, "R3、R2".to_string())]
        );
        // Only one complete sum for a value: not enough together.
        let row_only = &sums[..2];
        assert_eq!(together(row_only, &unsure(1.0, 4.0), &values), []);
    }
}
