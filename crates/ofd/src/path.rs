//! A path's `AbbreviatedData` (GB/T 33190 §9.1): `S`/`M` start a subpath, `L` a line, `Q` and
//! `B` quadratic and cubic curves, `A` an elliptical arc, `C` closes. Only straight segments
//! can be ruling lines, so an arc is kept as a curve to its end point (a round seal never
//! becomes chords). At most `max` elements are read: past that the path is refused.

use kurbo::{BezPath, Point};

/// The path drawn by `data`, in the object's space; `None` past `max` elements.
pub(crate) fn parse(data: &str, max: usize) -> Option<BezPath> {
    let mut path = BezPath::new();
    let mut tokens = data.split_ascii_whitespace().peekable();
    let mut started = false;
    let mut elements = 0usize;
    while let Some(command) = tokens.next() {
        elements += 1;
        if elements > max {
            return None;
        }
        let ok = match command {
            "S" | "M" => point(&mut tokens).map(|p| path.move_to(p)).is_some(),
            "L" => point(&mut tokens)
                .map(|p| line(&mut path, started, p))
                .is_some(),
            "Q" => match (point(&mut tokens), point(&mut tokens)) {
                (Some(c), Some(p)) if started => {
                    path.quad_to(c, p);
                    true
                }
                _ => false,
            },
            "B" => match (point(&mut tokens), point(&mut tokens), point(&mut tokens)) {
                (Some(a), Some(b), Some(p)) if started => {
                    path.curve_to(a, b, p);
                    true
                }
                _ => false,
            },
            "A" => {
                // rx ry angle large-arc sweep x y: only the end point matters here.
                (&mut tokens).take(5).for_each(drop);
                match point(&mut tokens) {
                    Some(p) if started => {
                        path.quad_to(p, p);
                        true
                    }
                    _ => false,
                }
            }
            "C" => {
                if started {
                    path.close_path();
                }
                true
            }
            _ => false,
        };
        if !ok {
            // A malformed command ends the path: what came before it is kept.
            break;
        }
        started = started || matches!(command, "S" | "M" | "L");
    }
    Some(path)
}

/// The next two numbers as a point.
fn point<'a>(tokens: &mut impl Iterator<Item = &'a str>) -> Option<Point> {
    let x = tokens.next()?.parse::<f64>().ok()?;
    let y = tokens.next()?.parse::<f64>().ok()?;
    (x.is_finite() && y.is_finite()).then(|| Point::new(x, y))
}

/// A line to `p`, starting a subpath at `p` when none is open (producers write `L` first).
fn line(path: &mut BezPath, started: bool, p: Point) {
    if started {
        path.line_to(p);
    } else {
        path.move_to(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurbo::PathEl;

    #[test]
    fn lines_curves_and_arcs_are_read_and_a_bad_command_ends_the_path() {
        let path = parse(
            "S 0 0 L 10 0 L 10 5 C M 20 20 A 5 5 0 0 1 30 20 L 40 20 X 1 1 L 9 9",
            100,
        )
        .unwrap_or_default();
        let els = path.elements();
        assert_eq!(els.len(), 7, "{els:?}");
        assert!(matches!(els[3], PathEl::ClosePath));
        assert!(matches!(els[5], PathEl::QuadTo(_, p) if p == Point::new(30.0, 20.0)));
        assert!(matches!(els[6], PathEl::LineTo(p) if p == Point::new(40.0, 20.0)));
    }

    #[test]
    fn a_path_longer_than_allowed_is_refused() {
        let data = "M 0 0 ".to_string() + &"L 1 1 ".repeat(50);
        assert!(parse(&data, 10).is_none());
        assert!(parse(&data, 51).is_some());
    }
}
