//! The statutory sums as proofreader of unsure readings. A cell whose digits were recognised
//! with doubt (`4�`: the engine unsure, or its two readings disagreeing) is left null by the
//! reader (X2). Where the sums R1–R4 and R11 determine that value from the values read for
//! sure alone — the unknowns (unsure and blank cells) solved together, the value's own
//! solution free of any other unknown — and give exactly the digits read, two independent
//! witnesses agree: the reading is taken, and said (X2, info, naming the sums). Other unsure
//! readings are never a witness (two cells misread alike would confirm each other).
//!
//! Nothing is taken where the sums contradict each other, or a sum of sure values fails (the
//! report's arithmetic, or a sure reading, is wrong), where the sums give another number, or
//! where the digits read are 0 (the sums cannot tell a 0 from a blank cell). Values the sums
//! placed themselves (`inferred`), or in rows whose columns were guessed, are no witnesses.
//!
//! Table 二 has no sums; where section 一's prose states a recognised value otherwise, the
//! value is left null ([`Reader::stated_in_prose`]).

use super::Reader;
use crate::notes::{Alignment, Note};
use crate::rules::{app, Equation};
use std::collections::{BTreeMap, HashMap};
use xxgk_model::{Num, Report, SourceRef, APP_ROWS};

impl Reader<'_> {
    /// Table 二's values have no sum to proofread them, but section 一's prose often states
    /// the year's licensing and punishment decisions (`作出行政许可决定434件、行政处罚决定14件`):
    /// a second reading of the same number. Where it states one number and a recognised cell
    /// reads another, one of the two readings is wrong, and the cell is left null (X2); where
    /// the cell's digits were read with doubt (`44�`) and are the number stated (not 0, which a
    /// blank cell's speck can be), two readings agree and it is taken (X2 info). A file's own
    /// text is as printed: there the two are the agency's to reconcile.
    pub(super) fn stated_in_prose(&mut self) {
        let Some(overview) = self.report.sections.iter().find(|s| s.number == 1) else {
            return;
        };
        if !self.provenance.iter().any(|(_, p)| p.recognised.is_some()) {
            return;
        }
        let text = crate::fold::fold(&overview.text);
        for (item, path) in [
            ("行政许可", "active.licensing"),
            ("行政处罚", "active.punishment"),
        ] {
            let mut stated = crate::phrases::decisions(&text, item);
            stated.dedup();
            let ([stated], Some((_, cell))) = (
                stated.as_slice(),
                self.provenance.iter().rev().find(|(p, _)| p == path),
            ) else {
                continue;
            };
            let value = match path {
                "active.licensing" => &mut self.report.active.licensing,
                _ => &mut self.report.active.punishment,
            };
            if cell.recognised.is_none() {
                continue;
            }
            let number = stated.parse::<f64>().ok();
            let shown = cell.text.trim().to_string();
            match *value {
                Some(v) if Some(v.0) != number => {
                    *value = None;
                    self.notes.push(Note::Contradicted {
                        shown,
                        stated: (*stated).to_string(),
                        source: cell.source.clone(),
                    });
                }
                None if number.is_some() && reading(&shown) == number => {
                    *value = number.map(Num);
                    let source = cell.source.clone();
                    let note = Note::Stated {
                        shown: shown.clone(),
                        stated: (*stated).to_string(),
                        source: source.clone(),
                    };
                    self.instead_of_unread(&source, &shown, note);
                }
                _ => {}
            }
        }
    }

    /// Takes the unsure readings the sums confirm (see the module's doc).
    pub(super) fn proofread(&mut self) {
        // Only recognised cells carry unsure readings: a file's own text costs nothing here.
        if !self.provenance.iter().any(|(_, p)| p.recognised.is_some()) {
            return;
        }
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
        // Witnesses are values read for sure and placed as laid out: a value placed by the
        // sums themselves (`inferred`), in a row whose columns were guessed or placed by its
        // position is no witness.
        for (path, p) in &self.provenance {
            if let (true, Some(&i)) = (p.inferred, index.get(path.as_str())) {
                values[i] = None;
            }
        }
        let guessed: Vec<usize> = self
            .notes
            .iter()
            .filter_map(|note| match note {
                Note::Aligned { row, how, .. } => {
                    (!matches!(how, Alignment::Exact | Alignment::Header)).then_some(*row)
                }
                Note::PlacedByOrder { row, .. } => Some(*row),
                _ => None,
            })
            .collect();
        for &row in &guessed {
            (0..7).for_each(|c| values[app(row, c)] = None);
        }
        // Numbers this large are no counts, and elimination in floating point could blur them.
        if values.iter().flatten().any(|n| n.0.abs() > 1e9) {
            return;
        }
        let mut sums = crate::rules::equations(self.report.format);
        // A 2019 report's R2 leaves out rows （五）3–4; where they were seen, the format may be
        // misjudged, and R2 is not a witness.
        let old = self.report.format == Some(xxgk_model::FormatVersion::V2019);
        if old && (self.app_seen[20] || self.app_seen[21]) {
            sums.retain(|e| e.rule != "R2");
        }
        let mut system: Vec<Constraint> = sums.iter().map(|e| Constraint::of(e, &values)).collect();
        // R11: a row's printed 法人或其他组织 subtotal is the sum of its five columns (not for a
        // row whose places were guessed: its subtotal is no witness either).
        for (r, key) in APP_ROWS
            .iter()
            .enumerate()
            .filter(|(r, _)| !guessed.contains(r))
        {
            if let Some(Some(total)) = self.report.metadata.org_subtotals.get(*key) {
                let sum = Equation {
                    rule: "R11",
                    left: (1..6).map(|c| app(r, c)).collect(),
                    right: Vec::new(),
                };
                let mut c = Constraint::of(&sum, &values);
                c.rhs += total.0;
                system.push(c);
            }
        }
        for (i, v, rules) in determined(&system) {
            let Some(&(read, k)) = unsure.get(&i) else {
                continue;
            };
            if (v - read).abs() > 1e-6 {
                continue;
            }
            if let Some(slot) = self.report.number_mut(i) {
                *slot = Some(Num(read));
            }
            let p = &self.provenance[k].1;
            let (shown, source) = (p.text.trim().to_string(), p.source.clone());
            let note = Note::Proofread {
                shown: shown.clone(),
                value: read,
                index: i,
                rule: rules,
                source: source.clone(),
            };
            self.instead_of_unread(&source, &shown, note);
        }
    }

    /// Says `note` in place of the note that said the cell at `source` was not read.
    fn instead_of_unread(&mut self, at: &SourceRef, shown: &str, note: Note) {
        let unread = self.notes.iter().position(
            |n| matches!(n, Note::Unread { source, shown: s } if source == at && s == shown),
        );
        match unread {
            Some(n) => self.notes[n] = note,
            None => self.notes.push(note),
        }
    }
}

/// A sum over the values not known: Σ coefficient × value = `rhs`.
#[derive(Debug, Clone)]
struct Constraint {
    rule: &'static str,
    /// Value index -> coefficient (+1 left, −1 right).
    terms: BTreeMap<usize, f64>,
    rhs: f64,
}

impl Constraint {
    /// Equation `e` with the values known moved to the right-hand side.
    fn of(e: &Equation, values: &[Option<Num>]) -> Constraint {
        let mut c = Constraint {
            rule: e.rule,
            terms: BTreeMap::new(),
            rhs: 0.0,
        };
        for (side, sign) in [(&e.left, 1.0), (&e.right, -1.0)] {
            for &j in side {
                match values.get(j).copied().flatten() {
                    Some(n) => c.rhs -= sign * n.0,
                    None => *c.terms.entry(j).or_insert(0.0) += sign,
                }
            }
        }
        c.terms.retain(|_, a| *a != 0.0);
        c
    }
}

/// The values the sums determine from the values known alone, each with the rules of the
/// sums it takes part in (`R3、R2`): Gauss–Jordan elimination over the unknowns; a value is
/// determined where its pivot row holds no other unknown. Sums without an unknown say nothing
/// of the unknowns and are left out; sums that contradict each other over the unknowns
/// (the report's arithmetic, or a reading, is wrong) determine nothing.
fn determined(system: &[Constraint]) -> Vec<(usize, f64, String)> {
    const EPS: f64 = 1e-9;
    // A sum of values read for sure that fails says one of them is wrong, and a wrong value
    // could determine another: then nothing is taken.
    if system
        .iter()
        .any(|c| c.terms.is_empty() && c.rhs.abs() > 1e-6)
    {
        return Vec::new();
    }
    let rows: Vec<&Constraint> = system.iter().filter(|c| !c.terms.is_empty()).collect();
    let unknowns: Vec<usize> = rows
        .iter()
        .flat_map(|c| c.terms.keys().copied())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let column: HashMap<usize, usize> = unknowns.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let n = unknowns.len();
    // Each row: its coefficients, its right-hand side, then how much of each sum it is made
    // of (to name the sums that determine a value).
    let mut m: Vec<Vec<f64>> = rows
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let mut row = vec![0.0; n + 1 + rows.len()];
            for (i, a) in &c.terms {
                row[column[i]] = *a;
            }
            row[n] = c.rhs;
            row[n + 1 + k] = 1.0;
            row
        })
        .collect();
    let mut pivots = Vec::new();
    let mut r = 0;
    for col in 0..n {
        let Some(p) = (r..m.len()).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))
        else {
            break;
        };
        if m[p][col].abs() < EPS {
            continue;
        }
        m.swap(r, p);
        let lead = m[r][col];
        for x in &mut m[r] {
            *x /= lead;
        }
        let pivot_row = m[r].clone();
        for (k, row) in m.iter_mut().enumerate() {
            let f = row[col];
            if k != r && f.abs() > EPS {
                for (x, p) in row.iter_mut().zip(&pivot_row) {
                    *x -= f * p;
                }
            }
        }
        pivots.push((r, col));
        r += 1;
    }
    // A row of no unknowns left with a right-hand side: the sums contradict each other.
    if m[r..].iter().any(|row| row[n].abs() > 1e-6) {
        return Vec::new();
    }
    pivots
        .into_iter()
        .filter(|&(row, col)| (0..n).all(|k| k == col || m[row][k].abs() < EPS))
        .map(|(row, col)| {
            let mut rules: Vec<&str> = rows
                .iter()
                .enumerate()
                .filter(|(k, _)| m[row][n + 1 + k].abs() > EPS)
                .map(|(_, c)| c.rule)
                .collect();
            rules.sort_unstable();
            rules.dedup();
            (unknowns[col], m[row][n], rules.join("、"))
        })
        .collect()
}

/// The digits of an unsure reading: digits then one `�` (`31�`), written as a number is (no
/// leading zero: `056�` is two rows' digits run together, not a reading of one value), and not
/// 0: the sums cannot tell a 0 from a blank cell, and a smudge or a seal's stroke reads as `0`.
fn reading(text: &str) -> Option<f64> {
    let digits = text.trim().strip_suffix('\u{FFFD}')?;
    let plain = !digits.is_empty()
        && digits.len() <= 9
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    plain.then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_is_digits_then_one_mark() {
        assert_eq!(reading("31\u{FFFD}"), Some(31.0));
        assert_eq!(reading(" 7\u{FFFD} "), Some(7.0));
        assert_eq!(
            reading("0\u{FFFD}"),
            None,
            "a 0 is what a blank cell sums to"
        );
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

    fn sum(rule: &'static str, left: &[usize], right: &[usize]) -> Equation {
        Equation {
            rule,
            left: left.to_vec(),
            right: right.to_vec(),
        }
    }

    fn solve(sums: &[Equation], values: &[Option<Num>]) -> Vec<(usize, f64)> {
        let system: Vec<Constraint> = sums.iter().map(|e| Constraint::of(e, values)).collect();
        determined(&system)
            .into_iter()
            .map(|(i, v, _)| (i, v))
            .collect()
    }

    #[test]
    fn the_sums_determine_a_value_only_from_values_known() {
        let n = |x: f64| Some(Num(x));
        // 0 + ? = 5.
        assert_eq!(
            solve(&[sum("R3", &[0, 1], &[2])], &[n(0.0), None, n(5.0)]),
            [(1, 5.0)]
        );
        // ? + ? = 5: neither.
        assert_eq!(
            solve(&[sum("R3", &[0, 1], &[2])], &[None, None, n(5.0)]),
            []
        );
        // A 2 x 2 table with its row and column totals, a and d unknown:
        // a 2 | 3 ; 3 d | 7 ; 4 6 | 10 (values 0..8: a b ra c d rb ca cb).
        let table = [
            sum("R3", &[0, 1], &[2]),
            sum("R3", &[3, 4], &[5]),
            sum("R2", &[0, 3], &[6]),
            sum("R2", &[1, 4], &[7]),
        ];
        let values = [None, n(2.0), n(3.0), n(3.0), None, n(7.0), n(4.0), n(6.0)];
        assert_eq!(solve(&table, &values), [(0, 1.0), (4, 4.0)]);
        // The sums contradict each other (a = 1 by its row, 2 by its column): nothing.
        let broken = [None, n(2.0), n(3.0), n(2.0), None, n(7.0), n(4.0), n(6.0)];
        assert_eq!(solve(&table, &broken), []);
    }

    #[test]
    fn readings_that_agree_with_each_other_are_no_witness() {
        // One request, granted, to a natural person: new[0], granted[0], granted[6] and
        // total_handled[0] all print 3; the last three are read 8 with doubt. Set together
        // the readings satisfy their row and column; determined from the values known alone
        // (new 3, nothing carried over or forward) each is 3, not the 8 read.
        // Values: 0 new0, 1 carried0, 2 handled0, 3 forward0, 4 granted0, 5 granted6.
        let n = |x: f64| Some(Num(x));
        let sums = [
            sum("R1", &[0, 1], &[2, 3]),
            sum("R2", &[4], &[2]),
            sum("R3", &[4], &[5]),
        ];
        let values = [n(3.0), n(0.0), None, n(0.0), None, None];
        assert_eq!(solve(&sums, &values), [(2, 3.0), (4, 3.0), (5, 3.0)]);
    }
}
