//! The statutory sums as proofreader of unsure readings. A cell whose digits were recognised
//! with doubt (`4�`: the engine unsure, or its two readings disagreeing) is left null by the
//! reader (X2). Where one of the sums R1–R4 has that value as its only unknown and gives
//! exactly the digits read, and no other sum whose other values are all known gives anything
//! else, the reading is taken, and said (X2, info): two independent witnesses agree. A sum that
//! gives another number leaves the value null: the digits or the report may be wrong, and
//! which cannot be told.

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
        // One value at a time: a value taken may complete another sum.
        while let Some((i, v, k, rule)) = unsure.iter().find_map(|(&i, &(v, k))| {
            confirmed(&equations, i, v, &values).map(|rule| (i, v, k, rule))
        }) {
            unsure.remove(&i);
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
}
