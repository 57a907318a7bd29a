//! A photographed page's perspective taken out. A phone held over a page sees its rectangle
//! as a quadrilateral: a table's lines converge, and ruling lines read along rows and columns
//! of pixels break into steps. The page is a plane, so one homography maps it back. Its four
//! points are the corners of the page's largest ruled table: the largest connected part of
//! ink, its four border lines fitted to the part's outermost ink along the middle of each side
//! (a seal stamped over a corner stays out of the fit), and each border checked to be ink
//! along its length. A page whose table is a rectangle already (a scan, turned or not) is left
//! as it is.

use crate::raster::Grey;

/// Corners a border may leave a rectangle by, in degrees, before the page is rectified.
const BENT: f64 = 0.3;
/// The longer side of the copy the table is looked for on, in pixels.
const LOOK: f64 = 2400.0;

/// A point (x, y) in pixels.
type Pt = (f64, f64);

/// The page with its perspective taken out, or `None` where its largest table is a rectangle
/// already or no table's border can be trusted. `level` is the ink level of `decide`, the page
/// with its light evened out; `images` are warped alike (the page and its ink).
pub fn rectified(decide: &Grey, level: u8, images: &[&Grey]) -> Option<Vec<Grey>> {
    let corners = table_corners(decide, level)?;
    if !bent(&corners) {
        return None;
    }
    let [tl, tr, br, bl] = corners;
    let width = (dist(tl, tr) + dist(bl, br)) / 2.0;
    let height = (dist(tl, bl) + dist(tr, br)) / 2.0;
    let target = [
        tl,
        (tl.0 + width, tl.1),
        (tl.0 + width, tl.1 + height),
        (tl.0, tl.1 + height),
    ];
    // From each pixel of the rectified page back to the photo.
    let back = homography(target, corners)?;
    Some(
        images
            .iter()
            .map(|g| {
                g.warped(g.width, g.height, |x, y| {
                    let (sx, sy) = apply(&back, (x, y));
                    // Off the photo (and never a NaN or an infinity): paper.
                    if sx.is_finite() && sy.is_finite() {
                        (
                            sx.clamp(-1.0, f64::from(g.width) + 1.0),
                            sy.clamp(-1.0, f64::from(g.height) + 1.0),
                        )
                    } else {
                        (-1.0, -1.0)
                    }
                })
            })
            .collect(),
    )
}

/// The corners (top left, top right, bottom right, bottom left) of the largest ruled table.
fn table_corners(image: &Grey, level: u8) -> Option<[Pt; 4]> {
    let f = (LOOK / f64::from(image.width.max(image.height))).min(1.0);
    let small = if f < 1.0 {
        std::borrow::Cow::Owned(image.scaled(f))
    } else {
        std::borrow::Cow::Borrowed(image)
    };
    let (w, h) = (small.width, small.height);
    // Ink touching the image's edge is no table on the page (a scanner's dark margin, the
    // desk around a photographed sheet).
    let part = crate::recognise::components(&small, level)
        .into_iter()
        .filter(|p| {
            let (x0, y0, x1, y1) = bounds(p);
            x0 > 0 && y0 > 0 && x1 + 1 < w && y1 + 1 < h
        })
        .max_by_key(|p| {
            let (x0, y0, x1, y1) = bounds(p);
            u64::from(x1 - x0) * u64::from(y1 - y0)
        })?;
    let (x0, y0, x1, y1) = bounds(&part);
    // A table: at least a third of the page wide and a twentieth high.
    if f64::from(x1 - x0) < f64::from(small.width) / 3.0
        || f64::from(y1 - y0) < f64::from(small.height) / 20.0
    {
        return None;
    }
    let (across, down) = ((x1 - x0 + 1) as usize, (y1 - y0 + 1) as usize);
    let (mut top, mut bottom) = (vec![u32::MAX; across], vec![u32::MAX; across]);
    let (mut left, mut right) = (vec![u32::MAX; down], vec![u32::MAX; down]);
    for &(x, y) in &part {
        let (i, j) = ((x - x0) as usize, (y - y0) as usize);
        top[i] = top[i].min(y);
        bottom[i] = if bottom[i] == u32::MAX {
            y
        } else {
            bottom[i].max(y)
        };
        left[j] = left[j].min(x);
        right[j] = if right[j] == u32::MAX {
            x
        } else {
            right[j].max(x)
        };
    }
    // Each border as y = a + b x (top, bottom) or x = a + b y (left, right), fitted along the
    // middle of its side.
    let middle = |n: usize| (n / 5)..(n - n / 5);
    let along = |v: &[u32], from: u32| -> Vec<Pt> {
        middle(v.len())
            .filter(|&i| v[i] != u32::MAX)
            .map(|i| (f64::from(from) + i as f64, f64::from(v[i])))
            .collect()
    };
    let [t, b] = [&top, &bottom].map(|v| fit(&along(v, x0)));
    let [l, r] = [&left, &right].map(|v| fit(&along(v, y0)));
    let (t, b, l, r) = (t?, b?, l?, r?);
    let meet = |row: (f64, f64), col: (f64, f64)| -> Pt {
        // y = a + b x and x = c + d y.
        let y = (row.0 + row.1 * col.0) / (1.0 - row.1 * col.1);
        (col.0 + col.1 * y, y)
    };
    // A table seen roughly square: borders within about 11° of the page's axes, and their
    // corners on the page (else no rectangle was seen, and nothing is done).
    if [t, b, l, r].iter().any(|line| line.1.abs() > 0.2) {
        return None;
    }
    let corners = [meet(t, l), meet(t, r), meet(b, r), meet(b, l)];
    let (w, h) = (f64::from(w), f64::from(h));
    if !corners
        .iter()
        .all(|&(x, y)| (-1.0..=w + 1.0).contains(&x) && (-1.0..=h + 1.0).contains(&y))
    {
        return None;
    }
    // Each border is ink along its length (a table's, not the outline of text or a seal).
    for k in 0..4 {
        if !inked(&small, level, corners[k], corners[(k + 1) % 4]) {
            return None;
        }
    }
    Some(corners.map(|(x, y)| (x / f, y / f)))
}

/// A part's bounding box (x0, y0, x1, y1), inclusive.
fn bounds(part: &[(u32, u32)]) -> (u32, u32, u32, u32) {
    part.iter().fold((u32::MAX, u32::MAX, 0, 0), |b, &(x, y)| {
        (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y))
    })
}

/// The line v = a + b u that most of `points` (u, v) lie on: of the lines through pairs of
/// points half the list apart, the one with the most points within two pixels, then fitted
/// to those by least squares. Half of the side at least must be on it: text or a seal's ring
/// touching the border (the outermost ink there) is no border, however long.
fn fit(points: &[Pt]) -> Option<(f64, f64)> {
    let n = points.len();
    if n < 10 {
        return None;
    }
    let near = |(a, b): (f64, f64)| {
        points
            .iter()
            .filter(move |p| (p.1 - (a + b * p.0)).abs() <= 2.0)
    };
    const TRIES: usize = 48;
    let half = n / 2;
    let (best, count) = (0..TRIES)
        .map(|k| (points[k * half / TRIES], points[k * half / TRIES + half]))
        .filter(|(p, q)| q.0 != p.0)
        .map(|(p, q)| {
            let b = (q.1 - p.1) / (q.0 - p.0);
            let line = (p.1 - b * p.0, b);
            (line, near(line).count())
        })
        .max_by_key(|&(_, count)| count)?;
    if count * 2 < n {
        return None;
    }
    let on: Vec<&Pt> = near(best).collect();
    let m = on.len() as f64;
    let (su, sv) = on.iter().fold((0.0, 0.0), |s, p| (s.0 + p.0, s.1 + p.1));
    let (mu, mv) = (su / m, sv / m);
    let (suu, suv) = on.iter().fold((0.0, 0.0), |s, p| {
        (s.0 + (p.0 - mu).powi(2), s.1 + (p.0 - mu) * (p.1 - mv))
    });
    (suu > 0.0).then(|| {
        let b = suv / suu;
        (mv - b * mu, b)
    })
}

/// Ink within a pixel of the segment at 9 in 10 of the points along it.
fn inked(image: &Grey, level: u8, a: Pt, b: Pt) -> bool {
    let n = (dist(a, b) as usize).max(1);
    let hits = (0..=n)
        .filter(|&i| {
            let t = i as f64 / n as f64;
            let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            (-1..=1).any(|dy| {
                (-1..=1).any(|dx| image.at(x.round() as i64 + dx, y.round() as i64 + dy) <= level)
            })
        })
        .count();
    hits * 10 >= (n + 1) * 9
}

/// Whether the quadrilateral leaves a rectangle (turned or not) by more than [`BENT`].
fn bent(c: &[Pt; 4]) -> bool {
    let angle = |a: Pt, b: Pt| (b.1 - a.1).atan2(b.0 - a.0).to_degrees();
    let top = angle(c[0], c[1]);
    let bottom = angle(c[3], c[2]);
    // The sides turned a quarter back, to compare with the top.
    let left = angle(c[0], c[3]) - 90.0;
    let right = angle(c[1], c[2]) - 90.0;
    [bottom, left, right].iter().any(|a| (a - top).abs() > BENT)
}

fn dist(a: Pt, b: Pt) -> f64 {
    (b.0 - a.0).hypot(b.1 - a.1)
}

/// The homography taking each point of `from` to the same point of `to` (row-major, the last
/// entry 1), or `None` for points three of which are in a line.
fn homography(from: [Pt; 4], to: [Pt; 4]) -> Option<[f64; 9]> {
    // Eight equations in the eight unknowns h0..h7, Gaussian elimination with pivoting.
    let mut m = [[0.0f64; 9]; 8];
    for (k, ((x, y), (u, v))) in from.into_iter().zip(to).enumerate() {
        m[2 * k] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        m[2 * k + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    for col in 0..8 {
        let pivot = (col..8).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        if m[pivot][col].abs() < 1e-9 {
            return None;
        }
        m.swap(col, pivot);
        let lead = m[col];
        for (row, line) in m.iter_mut().enumerate() {
            if row != col {
                let factor = line[col] / lead[col];
                for (x, l) in line.iter_mut().zip(lead).skip(col) {
                    *x -= factor * l;
                }
            }
        }
    }
    let h: Vec<f64> = (0..8).map(|i| m[i][8] / m[i][i]).collect();
    Some([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1.0])
}

fn apply(h: &[f64; 9], (x, y): Pt) -> Pt {
    let w = h[6] * x + h[7] * y + h[8];
    (
        (h[0] * x + h[1] * y + h[2]) / w,
        (h[3] * x + h[4] * y + h[5]) / w,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_homography_takes_four_points_to_four() {
        let from = [(10.0, 12.0), (200.0, 5.0), (210.0, 150.0), (4.0, 140.0)];
        let to = [(0.0, 0.0), (200.0, 0.0), (200.0, 140.0), (0.0, 140.0)];
        let h = homography(from, to).expect("four points in general position");
        for (a, b) in from.into_iter().zip(to) {
            let (x, y) = apply(&h, a);
            assert!(
                (x - b.0).abs() < 1e-6 && (y - b.1).abs() < 1e-6,
                "{a:?} -> {x},{y}"
            );
        }
        assert_eq!(
            homography([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0), (0.0, 5.0)], to),
            None
        );
    }

    /// A ruled table drawn on white, its corners at `c`, with `rows` lines across.
    fn table(c: [Pt; 4], rows: usize) -> Grey {
        let mut g = Grey::white(400, 300);
        let mut line = |a: Pt, b: Pt| {
            let n = dist(a, b) as usize * 2;
            for i in 0..=n {
                let t = i as f64 / n as f64;
                let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                // Two pixels thick, as a scanned line is.
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let (x, y) = (x.round() as u32 + dx, y.round() as u32 + dy);
                    g.pixels[(y * 400 + x) as usize] = 0;
                }
            }
        };
        let lerp = |a: Pt, b: Pt, t: f64| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        for k in 0..=rows {
            let t = k as f64 / rows as f64;
            line(lerp(c[0], c[3], t), lerp(c[1], c[2], t));
        }
        for k in 0..=3 {
            let t = f64::from(k) / 3.0;
            line(lerp(c[0], c[1], t), lerp(c[3], c[2], t));
        }
        g
    }

    #[test]
    fn a_photographed_table_is_found_and_set_square() {
        // Converging sides: the top 300 wide, the bottom 330.
        let photo = [(60.0, 40.0), (360.0, 50.0), (375.0, 260.0), (45.0, 255.0)];
        let g = table(photo, 6);
        let found = table_corners(&g, 128).expect("the table's corners");
        for (f, c) in found.iter().zip(photo) {
            assert!(dist(*f, c) < 2.0, "{found:?}");
        }
        assert!(bent(&found));
        let out = rectified(&g, 128, &[&g]).expect("rectified");
        // Now a rectangle: its corners square.
        let square = table_corners(&out[0], 200).expect("the table again");
        assert!(!bent(&square), "{square:?}");
    }

    #[test]
    fn a_heading_touching_the_top_border_is_no_border() {
        // The heading printed just above the table touches its top line in the photo: along
        // 40% of the top's middle the outermost ink is the heading's, 12 pixels higher.
        let photo = [(60.0, 40.0), (360.0, 50.0), (375.0, 260.0), (45.0, 255.0)];
        let mut g = table(photo, 6);
        for x in 130..210u32 {
            let top = 40.0 + 10.0 * (f64::from(x) - 60.0) / 300.0;
            for y in (top as u32 - 12)..(top as u32) {
                g.pixels[(y * 400 + x) as usize] = 0;
            }
        }
        let found = table_corners(&g, 128).expect("the table's corners");
        for (f, c) in found.iter().zip(photo) {
            assert!(dist(*f, c) < 2.0, "{found:?}");
        }
    }

    #[test]
    fn any_image_is_left_or_warped_without_a_panic() {
        // Ink everywhere, a lone diagonal, stripes, noise: no table square enough, or a warp
        // of finite pixels.
        let mut diagonal = Grey::white(300, 300);
        for i in 0..300 {
            diagonal.pixels[i * 300 + i] = 0;
        }
        let mut stripes = Grey::white(300, 300);
        for (i, p) in stripes.pixels.iter_mut().enumerate() {
            *p = if (i / 300) % 7 == 0 || (i % 300) % 11 == 0 {
                0
            } else {
                255
            };
        }
        let mut noise = Grey::white(300, 300);
        let mut seed = 7u32;
        for p in &mut noise.pixels {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            *p = if seed >> 28 == 0 { 0 } else { 255 };
        }
        let black = Grey::from_luma(300, 300, vec![0; 90_000]).expect("grey");
        for g in [diagonal, stripes, noise, black] {
            if let Some(out) = rectified(&g, 128, &[&g]) {
                assert_eq!((out[0].width, out[0].height), (300, 300));
            }
        }
    }

    #[test]
    fn a_turned_scan_is_left_as_it_is() {
        // A rectangle turned by 1.5 degrees: deskewing is the scan's own step.
        let (s, c) = (1.5f64.to_radians().sin(), 1.5f64.to_radians().cos());
        let turn = |(x, y): Pt| {
            (
                200.0 + (x - 200.0) * c - (y - 150.0) * s,
                150.0 + (x - 200.0) * s + (y - 150.0) * c,
            )
        };
        let g = table(
            [(60.0, 50.0), (340.0, 50.0), (340.0, 250.0), (60.0, 250.0)].map(turn),
            5,
        );
        assert!(table_corners(&g, 128).is_some());
        assert!(rectified(&g, 128, &[&g]).is_none());
        // No table: nothing done.
        assert!(rectified(&Grey::white(100, 100), 128, &[]).is_none());
    }
}
