//! Ruled tables rebuilt from the lines a page draws, as pdfplumber's lines mode and Camelot's
//! lattice do: horizontal and vertical segments are snapped to shared positions and joined,
//! segments that cross form one table, the positions of its lines cut it into a fine grid, and
//! fine cells with no line between them are one merged cell.

use crate::lines::Frame;
use crate::marks::Segment;

/// Positions closer than this (points) are one line.
const SNAP: f32 = 2.0;
/// Collinear segments with a gap up to this (points) are one line.
const JOIN: f32 = 3.0;
/// A segment more slanted than this (points over its length) is not a ruling line.
const SLANT: f32 = 1.0;
/// The most fine cells one ruled table may have (a report's largest table has about 250):
/// lines drawn closer and more often (a chart, a hatched area, an attack) are not a table, and
/// are not cut into cells.
const MAX_FINE_CELLS: usize = 20_000;
/// A table spans at least this (points) one way or the other: the strokes of a heading's
/// character in a scan pass for ruling lines, and 口 or 主 closes cells of them.
const MIN_TABLE_SPAN: f32 = 36.0;

/// A ruling line: `at` across, `from..to` along.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rule {
    at: f32,
    from: f32,
    to: f32,
}

/// A merged cell of a ruled table: fine rows `r0..r1` and fine columns `c0..c1` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GridCell {
    pub(crate) r0: usize,
    pub(crate) r1: usize,
    pub(crate) c0: usize,
    pub(crate) c1: usize,
}

/// A ruled table in the page's reading frame.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// Column lines, left to right.
    pub(crate) xs: Vec<f32>,
    /// Row lines, top to bottom.
    pub(crate) ys: Vec<f32>,
    /// Merged cells, row by row.
    pub(crate) cells: Vec<GridCell>,
    /// For each fine cell (row-major), the merged cell holding it.
    owner: Vec<usize>,
}

impl Grid {
    /// The merged cell a point lies in, if it lies inside the table.
    pub(crate) fn locate(&self, x: f32, y: f32) -> Option<usize> {
        let c = interval(&self.xs, x)?;
        let r = interval(&self.ys, y)?;
        self.owner.get(r * (self.xs.len() - 1) + c).copied()
    }

    /// The top edge, for reading order.
    pub(crate) fn top(&self) -> f32 {
        self.ys[0]
    }
}

/// The index of the interval of sorted `edges` holding `v`.
fn interval(edges: &[f32], v: f32) -> Option<usize> {
    if v < edges[0] || v > edges[edges.len() - 1] {
        return None;
    }
    let i = edges.partition_point(|&e| e <= v);
    Some(i.saturating_sub(1).min(edges.len() - 2))
}

/// The ruled tables among a page's segments (in page space), in the page's frame.
pub(crate) fn grids(segments: &[Segment], frame: Frame) -> Vec<Grid> {
    let mut horizontal = Vec::new();
    let mut vertical = Vec::new();
    for s in segments {
        let (x0, y0) = frame.apply(s.from);
        let (x1, y1) = frame.apply(s.to);
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        if dy <= SLANT && dx > SNAP {
            horizontal.push(Rule {
                at: (y0 + y1) / 2.0,
                from: x0.min(x1),
                to: x0.max(x1),
            });
        } else if dx <= SLANT && dy > SNAP {
            vertical.push(Rule {
                at: (x0 + x1) / 2.0,
                from: y0.min(y1),
                to: y0.max(y1),
            });
        }
    }
    let horizontal = join(horizontal);
    let vertical = join(vertical);
    // Tables are the groups of rules that cross (union-find over crossings).
    let n = horizontal.len();
    let mut parent: Vec<usize> = (0..n + vertical.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, h) in horizontal.iter().enumerate() {
        for (j, v) in vertical.iter().enumerate() {
            if crosses(h, v) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, n + j));
                parent[a] = b;
            }
        }
    }
    let mut groups: Vec<(usize, Vec<Rule>, Vec<Rule>)> = Vec::new();
    for i in 0..parent.len() {
        let r = root(&mut parent, i);
        let at = match groups.iter().position(|g| g.0 == r) {
            Some(at) => at,
            None => {
                groups.push((r, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if i < n {
            groups[at].1.push(horizontal[i]);
        } else {
            groups[at].2.push(vertical[i - n]);
        }
    }
    let mut out: Vec<Grid> = groups
        .into_iter()
        .filter_map(|(_, h, v)| grid(&h, &v))
        .collect();
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

/// The merged cells of each ruled table `segments` draw, table by table, in page space as the
/// page reads (left, top, right, bottom): for a reader that must find the cells before it can
/// read their text (a scan, whose cells are recognised one by one).
pub fn ruled_cells(segments: &[Segment]) -> Vec<Vec<[f32; 4]>> {
    grids(segments, Frame::new(0))
        .iter()
        .map(|g| {
            g.cells
                .iter()
                .map(|c| [g.xs[c.c0], g.ys[c.r0], g.xs[c.c1], g.ys[c.r1]])
                .collect()
        })
        .collect()
}

/// A horizontal and a vertical rule that meet (within the snap distance).
fn crosses(h: &Rule, v: &Rule) -> bool {
    v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP
}

/// Snaps rules to shared positions and joins collinear pieces.
fn join(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at));
    // Snap: runs of positions within SNAP of the run's first become their mean.
    let mut i = 0;
    while i < rules.len() {
        let mut j = i + 1;
        while j < rules.len() && rules[j].at - rules[i].at <= SNAP {
            j += 1;
        }
        let mean = rules[i..j].iter().map(|r| r.at).sum::<f32>() / (j - i) as f32;
        for r in &mut rules[i..j] {
            r.at = mean;
        }
        i = j;
    }
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Rule> = Vec::new();
    for r in rules {
        match out.last_mut() {
            Some(last) if last.at == r.at && r.from <= last.to + JOIN => {
                last.to = last.to.max(r.to);
            }
            _ => out.push(r),
        }
    }
    out
}

/// Distinct positions, snapped.
fn positions(rules: &[Rule]) -> Vec<f32> {
    let mut at: Vec<f32> = rules.iter().map(|r| r.at).collect();
    at.sort_by(f32::total_cmp);
    at.dedup_by(|a, b| (*a - *b).abs() <= SNAP);
    at
}

/// Adds an edge where crossing rules run on past the outer edges: the nearest of their ends
/// (a table cut by a page break often has no bottom border, but its column lines reach the
/// end of its last row; a frame around the whole page reaches further).
fn close_ends(edges: &mut Vec<f32>, crossing: &[Rule]) {
    let (Some(&first), Some(&last)) = (edges.first(), edges.last()) else {
        return;
    };
    let before = crossing
        .iter()
        .filter(|r| r.from < first - 3.0 * SNAP)
        .map(|r| r.from)
        .fold(f32::NEG_INFINITY, f32::max);
    let after = crossing
        .iter()
        .filter(|r| r.to > last + 3.0 * SNAP)
        .map(|r| r.to)
        .fold(f32::INFINITY, f32::min);
    if before.is_finite() {
        edges.insert(0, before);
    }
    if after.is_finite() {
        edges.push(after);
    }
}

/// True when some rule at `at` covers `from..to` (its middle half at least).
fn ruled(rules: &[Rule], at: f32, from: f32, to: f32) -> bool {
    let quarter = (to - from) / 4.0;
    rules
        .iter()
        .any(|r| (r.at - at).abs() <= SNAP && r.from <= from + quarter && r.to >= to - quarter)
}

/// The grid of one group of crossing rules: at least two fine cells (a lone box is a frame
/// around text, not a table), bigger than a character.
fn grid(horizontal: &[Rule], vertical: &[Rule]) -> Option<Grid> {
    let mut xs = positions(vertical);
    let mut ys = positions(horizontal);
    // Rules that run past the last crossing line close the table there (a table cut by a
    // page break often has no bottom border, but its column lines reach its last row).
    close_ends(&mut ys, vertical);
    close_ends(&mut xs, horizontal);
    if xs.len() < 2 || ys.len() < 2 || xs.len() + ys.len() < 5 {
        return None;
    }
    let span = |at: &[f32]| at[at.len() - 1] - at[0];
    if span(&xs) < MIN_TABLE_SPAN && span(&ys) < MIN_TABLE_SPAN {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows.saturating_mul(cols) > MAX_FINE_CELLS {
        return None;
    }
    // Union fine cells with no rule between them.
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut unite = |a: usize, b: usize| {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    };
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !ruled(vertical, xs[c + 1], ys[r], ys[r + 1]) {
                unite(r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !ruled(horizontal, ys[r + 1], xs[c], xs[c + 1]) {
                unite(r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let mut cells: Vec<GridCell> = Vec::new();
    let mut index = vec![usize::MAX; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let rt = root(&mut parent, r * cols + c);
            if index[rt] == usize::MAX {
                index[rt] = cells.len();
                cells.push(GridCell {
                    r0: r,
                    r1: r + 1,
                    c0: c,
                    c1: c + 1,
                });
            } else {
                let g = &mut cells[index[rt]];
                g.r1 = g.r1.max(r + 1);
                g.c0 = g.c0.min(c);
                g.c1 = g.c1.max(c + 1);
            }
        }
    }
    let owner = (0..rows * cols)
        .map(|i| index[root(&mut parent, i)])
        .collect();
    Some(Grid {
        xs,
        ys,
        cells,
        owner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurbo::Point;

    fn seg(x0: f64, y0: f64, x1: f64, y1: f64) -> Segment {
        Segment {
            from: Point::new(x0, y0),
            to: Point::new(x1, y1),
        }
    }

    /// A 3x3 table whose first row is one merged cell, drawn as separate borders.
    fn ruled_table() -> Vec<Segment> {
        let mut s = vec![
            seg(0.0, 0.0, 90.0, 0.0),
            seg(0.0, 20.0, 90.0, 20.0),
            seg(0.0, 40.5, 45.0, 40.5),
            seg(45.0, 40.0, 90.0, 40.0),
            seg(0.0, 60.0, 90.0, 60.0),
        ];
        for x in [0.0, 90.0] {
            s.push(seg(x, 0.0, x, 60.0));
        }
        for x in [30.0, 60.0] {
            s.push(seg(x, 20.0, x, 60.0));
        }
        s
    }

    #[test]
    fn crossing_rules_make_a_grid_with_merged_cells() {
        let grids = grids(&ruled_table(), Frame::new(0));
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.xs, [0.0, 30.0, 60.0, 90.0]);
        assert_eq!(g.ys.len(), 4);
        assert_eq!(
            g.cells[0],
            GridCell {
                r0: 0,
                r1: 1,
                c0: 0,
                c1: 3
            }
        );
        assert_eq!(g.cells.len(), 7);
        assert_eq!(g.locate(75.0, 10.0), Some(0));
        assert_eq!(g.locate(75.0, 50.0), Some(6));
        assert_eq!(g.locate(95.0, 50.0), None);
    }

    #[test]
    fn lone_lines_and_single_boxes_are_not_tables() {
        let underline = [seg(0.0, 10.0, 200.0, 10.0)];
        assert!(grids(&underline, Frame::new(0)).is_empty());
        let frame = [
            seg(0.0, 0.0, 100.0, 0.0),
            seg(100.0, 0.0, 100.0, 50.0),
            seg(100.0, 50.0, 0.0, 50.0),
            seg(0.0, 50.0, 0.0, 0.0),
        ];
        assert!(grids(&frame, Frame::new(0)).is_empty());
        // A heading's 主 in a scan at 16 pt: three strokes across, one down.
        let glyph = [
            seg(2.0, 1.0, 14.0, 1.0),
            seg(2.0, 7.0, 14.0, 7.0),
            seg(1.0, 14.0, 15.0, 14.0),
            seg(8.0, 1.0, 8.0, 14.0),
        ];
        assert!(grids(&glyph, Frame::new(0)).is_empty());
        // The same lines drawn 40 pt wide are a table (a row of a table cut by a page break).
        let row: Vec<Segment> = glyph
            .iter()
            .map(|s| seg(s.from.x * 3.0, s.from.y, s.to.x * 3.0, s.to.y))
            .collect();
        assert_eq!(grids(&row, Frame::new(0)).len(), 1);
    }

    #[test]
    fn a_table_drawn_on_its_side_reads_in_the_text_frame() {
        // The same table turned a quarter counter-clockwise: text reads bottom to top.
        let turned: Vec<Segment> = ruled_table()
            .iter()
            .map(|s| seg(s.from.y, -s.from.x, s.to.y, -s.to.x))
            .collect();
        let g = &grids(&turned, Frame::new(3))[0];
        assert_eq!(g.cells.len(), 7);
        assert_eq!(g.cells[0].c1, 3);
    }
}
