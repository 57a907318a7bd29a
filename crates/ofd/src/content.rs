//! A page's content (`Content.xml` of a page or a page template) recorded as marks: every
//! `TextObject`'s glyphs placed by its `TextCode`s (`X`, `Y`, `DeltaX`/`DeltaY` with the `g`
//! repeat form), every `PathObject`'s straight segments, images counted — each through the
//! object's `Boundary` (its origin) and `CTM`, in points on the page. Layers and page blocks
//! nest; clips, colours and fonts do not change what is read. The page's own size
//! (`Area/PhysicalBox`) and the templates it draws are told to the caller.

use crate::path;
use crate::xml::{attr, attrs, flag, kept, numbers, walk, Item};
use crate::{page_box, Budget, MM};
use kurbo::{Affine, Point, Vec2};
use xxgk_model::{Limits, ReadError};
use xxgk_pages::PageMarks;

/// What a page part says besides its marks.
#[derive(Debug, Default)]
pub(crate) struct PageInfo {
    /// `Area/PhysicalBox`: x, y, width, height in millimetres.
    pub physical_box: Option<[f64; 4]>,
    /// The templates the page draws (`Template/@TemplateID`).
    pub templates: Vec<String>,
}

/// A text object being read.
struct Text {
    /// Object space -> page points.
    to_page: Affine,
    size: f64,
    /// Horizontal scale of the glyphs (`HScale`).
    hscale: f64,
    /// Neither filled nor stroked: drawn invisibly (an OCR layer).
    invisible: bool,
    /// The last `TextCode`'s `X` and `Y`: a code without one takes the one before's
    /// (GB/T 33190 §11.2).
    last: Point,
}

/// A `TextCode` being read: its place and spacing, and its characters.
struct Code {
    x: Option<f64>,
    y: Option<f64>,
    delta_x: String,
    delta_y: String,
    text: String,
}

/// A path object being read.
struct Path {
    to_page: Affine,
    stroke: bool,
    fill: bool,
    data: String,
}

/// Reads one content part into `marks`.
pub(crate) fn read(
    xml: &str,
    part: &str,
    marks: &mut PageMarks,
    budget: &mut Budget,
    limits: &Limits,
) -> Result<PageInfo, ReadError> {
    let mut info = PageInfo::default();
    // The open elements, by the names this reader looks at (others are "").
    let mut open: Vec<&'static str> = Vec::new();
    let (mut text, mut code, mut path) = (None::<Text>, None::<Code>, None::<Path>);
    let mut data = String::new();
    walk(xml, part, limits, |item| {
        match item {
            Item::Open(name, e) => {
                let parent = open.last().copied();
                match name {
                    "TextObject" => {
                        budget.spend(1)?;
                        let [boundary, ctm, size, hscale, fill, stroke] =
                            attrs(e, ["Boundary", "CTM", "Size", "HScale", "Fill", "Stroke"]);
                        text = Some(Text {
                            to_page: placement(&boundary, &ctm),
                            size: number(&size).unwrap_or(3.5),
                            hscale: number(&hscale).unwrap_or(1.0),
                            invisible: !flag(&fill, true) && !flag(&stroke, false),
                            last: Point::ZERO,
                        });
                    }
                    "TextCode" if text.is_some() => {
                        let [x, y, delta_x, delta_y] = attrs(e, ["X", "Y", "DeltaX", "DeltaY"]);
                        code = Some(Code {
                            x: number(&x),
                            y: number(&y),
                            delta_x: delta_x.unwrap_or_default(),
                            delta_y: delta_y.unwrap_or_default(),
                            text: String::new(),
                        })
                    }
                    "PathObject" => {
                        budget.spend(1)?;
                        let [boundary, ctm, stroke, fill] =
                            attrs(e, ["Boundary", "CTM", "Stroke", "Fill"]);
                        path = Some(Path {
                            to_page: placement(&boundary, &ctm),
                            stroke: flag(&stroke, true),
                            fill: flag(&fill, false),
                            data: String::new(),
                        });
                    }
                    "ImageObject" => {
                        budget.spend(1)?;
                        marks.images += 1;
                    }
                    "CompositeObject" => budget.spend(1)?,
                    "Template" if parent == Some("Page") => {
                        if let Some(id) = attr(e, "TemplateID") {
                            info.templates.push(id);
                        }
                    }
                    "PhysicalBox" if parent == Some("Area") => data.clear(),
                    "AbbreviatedData" if parent == Some("PathObject") => data.clear(),
                    _ => {}
                }
                open.push(kept(name, &WATCHED));
            }
            Item::Text(t) => match (open.last().copied(), code.as_mut()) {
                (Some("TextCode"), Some(c)) => c.text.push_str(t),
                (Some("PhysicalBox" | "AbbreviatedData"), _) => data.push_str(t),
                _ => {}
            },
            Item::Close(name) => {
                open.pop();
                let parent = open.last().copied();
                match name {
                    "TextCode" => {
                        if let (Some(t), Some(c)) = (text.as_mut(), code.take()) {
                            glyphs(t, &c, marks, budget)?;
                        }
                    }
                    "TextObject" => text = None,
                    "AbbreviatedData" => {
                        if let Some(p) = path.as_mut() {
                            p.data = std::mem::take(&mut data);
                        }
                    }
                    "PathObject" => {
                        if let Some(p) = path.take() {
                            draw(&p, marks, budget)?;
                        }
                    }
                    "PhysicalBox" if parent == Some("Area") => {
                        info.physical_box = page_box(&data).or(info.physical_box);
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    })?;
    Ok(info)
}

/// The elements whose place in the tree the reader looks at.
const WATCHED: [&str; 6] = [
    "Page",
    "Area",
    "PhysicalBox",
    "TextCode",
    "PathObject",
    "AbbreviatedData",
];

/// An object's space to page points: its `CTM`, then its `Boundary`'s origin.
fn placement(boundary: &Option<String>, ctm: &Option<String>) -> Affine {
    let origin = match boundary.as_deref().map(numbers).as_deref() {
        Some([x, y, ..]) => Vec2::new(*x, *y),
        _ => Vec2::ZERO,
    };
    let ctm = match ctm.as_deref().map(numbers).as_deref() {
        Some(&[a, b, c, d, e, f, ..]) => Affine::new([a, b, c, d, e, f]),
        _ => Affine::IDENTITY,
    };
    Affine::scale(MM) * Affine::translate(origin) * ctm
}

fn number(value: &Option<String>) -> Option<f64> {
    value
        .as_deref()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

/// Records a `TextCode`'s glyphs: each at the code's `X`/`Y` (or the previous code's) plus the
/// deltas before it; a glyph with no delta after it advances by its font's width, taken as an
/// em for CJK and half an em for others.
fn glyphs(
    text: &mut Text,
    code: &Code,
    marks: &mut PageMarks,
    budget: &mut Budget,
) -> Result<(), ReadError> {
    let chars: Vec<char> = code.text.chars().collect();
    budget.spend(chars.len())?;
    let gaps = chars.len().saturating_sub(1);
    let (dx, dy) = (deltas(&code.delta_x, gaps), deltas(&code.delta_y, gaps));
    let linear = text.to_page * Point::new(1.0, 0.0) - text.to_page * Point::ZERO;
    let em = linear * (text.size * text.hscale);
    let up = text.to_page * Point::new(0.0, text.size) - text.to_page * Point::ZERO;
    let mut pen = Point::new(code.x.unwrap_or(text.last.x), code.y.unwrap_or(text.last.y));
    text.last = pen;
    for (i, &c) in chars.iter().enumerate() {
        let next = match (dx.get(i), dy.get(i)) {
            (None, None) => None,
            (x, y) => Some(pen + Vec2::new(*x.unwrap_or(&0.0), *y.unwrap_or(&0.0))),
        };
        let origin = text.to_page * pen;
        let advance = next.map(|n| text.to_page * n - origin);
        if text.invisible {
            marks.invisible += 1;
        }
        marks
            .glyph(c.to_string(), origin, advance, em, up.hypot())
            .map_err(|_| crate::too_many_glyphs())?;
        let width = if xxgk_pages::is_wide(c) { 1.0 } else { 0.5 };
        pen = next.unwrap_or(pen + Vec2::new(width * text.size * text.hscale, 0.0));
    }
    Ok(())
}

/// A `DeltaX`/`DeltaY` list, at most `n` values: numbers, and `g N V` for `N` times `V`
/// (never expanded past `n`, however large `N`).
fn deltas(list: &str, n: usize) -> Vec<f64> {
    let mut out = Vec::new();
    let mut tokens = list.split_ascii_whitespace();
    while out.len() < n {
        let Some(t) = tokens.next() else { break };
        let (count, value) = if t == "g" {
            let count = tokens.next().and_then(|c| c.parse::<usize>().ok());
            (count, tokens.next())
        } else {
            (Some(1), Some(t))
        };
        let (Some(count), Some(value)) = (count, value.and_then(|v| v.parse::<f64>().ok())) else {
            break;
        };
        let value = if value.is_finite() { value } else { 0.0 };
        out.extend(std::iter::repeat_n(value, count.min(n - out.len())));
    }
    out
}

/// Records a path's straight segments (stroked) or thin shapes (filled).
fn draw(path: &Path, marks: &mut PageMarks, budget: &mut Budget) -> Result<(), ReadError> {
    let shape = path::parse(&path.data, budget.left()).ok_or_else(|| budget.over())?;
    budget.spend(shape.elements().len())?;
    if path.stroke {
        marks.stroke(&shape, path.to_page);
    } else if path.fill {
        marks.fill(&shape, path.to_page);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_repeat_within_the_glyphs_there_are() {
        assert_eq!(deltas("1 g 3 2.5 4", 10), [1.0, 2.5, 2.5, 2.5, 4.0]);
        assert_eq!(deltas("g 4000000000 1", 3), [1.0, 1.0, 1.0]);
        assert_eq!(deltas("1 x 2", 5), [1.0]);
        assert!(deltas("", 4).is_empty());
    }

    #[test]
    fn glyphs_are_placed_through_boundary_ctm_and_deltas() {
        let xml = r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area>
<ofd:Content><ofd:Layer><ofd:PageBlock>
<ofd:TextObject ID="1" Boundary="10 20 100 10" Size="5" Font="2">
<ofd:TextCode X="0" Y="4" DeltaX="g 2 5 2.5">年度报告1</ofd:TextCode></ofd:TextObject>
<ofd:PathObject Boundary="10 40 100 1"><ofd:AbbreviatedData>M 0 0 L 100 0</ofd:AbbreviatedData></ofd:PathObject>
</ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>"#;
        let mut marks = PageMarks::default();
        let limits = Limits::default();
        let mut budget = Budget::new(&limits);
        let info = read(xml, "p.xml", &mut marks, &mut budget, &limits).unwrap_or_default();
        assert_eq!(info.physical_box, Some([0.0, 0.0, 210.0, 297.0]));
        let text: String = marks.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "年度报告1");
        let xs: Vec<f64> = marks
            .glyphs
            .iter()
            .map(|g| (g.origin.x / MM * 10.0).round() / 10.0)
            .collect();
        assert_eq!(xs, [10.0, 15.0, 20.0, 22.5, 22.5 + 5.0]);
        assert!((marks.glyphs[0].origin.y / MM - 24.0).abs() < 1e-9);
        assert!((marks.glyphs[0].size / MM - 5.0).abs() < 1e-9);
        assert_eq!(marks.segments.len(), 1);
        assert!((marks.segments[0].to.x / MM - 110.0).abs() < 1e-9);
    }
}
