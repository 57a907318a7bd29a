//! What a page draws, as the PDF interpreter reports it: glyphs (Unicode text, origin, advance
//! and size) and the straight segments of paths (ruling lines, cell borders), in page space
//! with the origin at the top left and y growing downwards (the page's `/Rotate` applied).
//!
//! Every drawing call counts against [`xxgk_model::Limits::max_drawn`]; past it the device
//! stops the interpreter by unwinding with [`LimitHit`] (without the panic hook), which the
//! adapter turns into a limit error. Forms that draw forms count on every use, since each one
//! pushes its bounding box as a clip.

use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Vec2};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};
use unicode_normalization::UnicodeNormalization;

/// The payload the device unwinds with when a document draws more than the limit allows, or
/// takes longer than its time.
pub(crate) enum LimitHit {
    Drawn,
    Time,
    PageGlyphs,
}

/// The most glyphs one page may draw: a dense A4 page of small print has about 5,000; the
/// reader keeps every glyph of a page until the page is read.
pub(crate) const MAX_PAGE_GLYPHS: usize = 50_000;

/// What a document may still spend: drawing operations, and time (checked every few hundred
/// operations).
pub(crate) struct Budget {
    pub drawn: usize,
    pub deadline: std::time::Instant,
    calls: usize,
}

impl Budget {
    pub fn new(drawn: usize, seconds: u64) -> Self {
        Budget {
            drawn,
            deadline: std::time::Instant::now() + std::time::Duration::from_secs(seconds),
            calls: 0,
        }
    }

    /// Stops the reading (as the device does) once the time is spent: called between the
    /// phases after interpretation, page by page.
    pub fn check_time(&self) {
        if std::time::Instant::now() > self.deadline {
            std::panic::resume_unwind(Box::new(LimitHit::Time));
        }
    }
}

/// One glyph with its text and geometry, in page space.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    /// The Unicode text (U+FFFD where the font has no Unicode map for it).
    pub text: String,
    /// The origin on the baseline.
    pub origin: Point,
    /// The advance: where the next glyph starts, relative to `origin`.
    pub advance: Vec2,
    /// The em size along the glyph's up direction.
    pub size: f64,
}

impl Glyph {
    /// The glyph's reading direction in quarter turns clockwise from left-to-right (0..4),
    /// or `None` for text drawn at another angle (a watermark).
    pub fn direction(&self) -> Option<u8> {
        let a = self.advance;
        let (ax, ay) = (a.x.abs(), a.y.abs());
        if ax.max(ay) == 0.0 {
            return Some(0);
        }
        // Within about 8 degrees of an axis.
        let axis = |major: f64, minor: f64| minor <= major * 0.14;
        match (axis(ax, ay), axis(ay, ax)) {
            (true, _) if a.x > 0.0 => Some(0),
            (true, _) => Some(2),
            (_, true) if a.y > 0.0 => Some(1),
            (_, true) => Some(3),
            _ => None,
        }
    }
}

/// A straight segment of a drawn path, in page space.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment {
    pub from: Point,
    pub to: Point,
}

/// Everything one page draws that the reader uses.
#[derive(Debug, Default)]
pub(crate) struct PageMarks {
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    /// Images drawn (a scanned page is one).
    pub images: usize,
    /// Glyphs whose font gives no Unicode text.
    pub unreadable: usize,
    /// Glyphs drawn invisibly (text render mode 3): the OCR layer of a scanned page.
    pub invisible: usize,
}

/// The `Device` that records a page's marks.
pub(crate) struct Recorder<'l> {
    pub marks: PageMarks,
    /// What the document may still spend (shared by all its pages).
    pub budget: &'l mut Budget,
}

impl<'l> Recorder<'l> {
    pub fn new(budget: &'l mut Budget) -> Self {
        Recorder {
            marks: PageMarks::default(),
            budget,
        }
    }

    fn spend(&mut self, n: usize) {
        match self.budget.drawn.checked_sub(n) {
            Some(left) => self.budget.drawn = left,
            None => std::panic::resume_unwind(Box::new(LimitHit::Drawn)),
        }
        self.budget.calls += 1;
        if self.budget.calls.is_multiple_of(256) && std::time::Instant::now() > self.budget.deadline
        {
            std::panic::resume_unwind(Box::new(LimitHit::Time));
        }
    }

    /// Keeps the straight segments of a stroked path: ruling lines and stroked boxes.
    fn record_stroke(&mut self, path: &BezPath, transform: Affine) {
        self.spend(path.elements().len().max(1));
        let (mut start, mut at) = (None::<Point>, None::<Point>);
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    let p = transform * p;
                    start = Some(p);
                    at = Some(p);
                }
                PathEl::LineTo(p) => {
                    let p = transform * p;
                    if let Some(from) = at {
                        self.marks.segments.push(Segment { from, to: p });
                    }
                    at = Some(p);
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => at = Some(transform * p),
                PathEl::ClosePath => {
                    if let (Some(from), Some(to)) = (at, start) {
                        self.marks.segments.push(Segment { from, to });
                    }
                    at = start;
                }
            }
        }
    }

    /// Keeps each thin filled shape of a path (a border drawn as a bar, a trapezoid at a
    /// bevelled corner) as the line through its middle, and a frame (a rectangle with a
    /// rectangular hole a few points inside it: a cell border filled even-odd) as its four
    /// sides. Wider fills (backgrounds, shaded cells) are not lines: a page's white
    /// background would frame everything on it.
    fn record_fill(&mut self, path: &BezPath, transform: Affine) {
        self.spend(path.elements().len().max(1));
        let mut shapes: Vec<Rect> = Vec::new();
        for el in path.elements() {
            let p = match *el {
                PathEl::MoveTo(p) => {
                    shapes.push(Rect::from_points(transform * p, transform * p));
                    continue;
                }
                PathEl::LineTo(p) | PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => p,
                PathEl::ClosePath => continue,
            };
            if let Some(b) = shapes.last_mut() {
                *b = b.union_pt(transform * p);
            }
        }
        let segments = &mut self.marks.segments;
        let mut bar = |from: Point, to: Point| segments.push(Segment { from, to });
        for (i, b) in shapes.iter().enumerate() {
            let (w, h, c) = (b.width(), b.height(), b.center());
            if h <= THIN && w > h {
                bar(Point::new(b.x0, c.y), Point::new(b.x1, c.y));
            } else if w <= THIN && h > w {
                bar(Point::new(c.x, b.y0), Point::new(c.x, b.y1));
            } else if let Some(hole) = shapes.get(i + 1).filter(|h| frames(b, h)) {
                let (x0, x1) = ((b.x0 + hole.x0) / 2.0, (b.x1 + hole.x1) / 2.0);
                let (y0, y1) = ((b.y0 + hole.y0) / 2.0, (b.y1 + hole.y1) / 2.0);
                bar(Point::new(x0, y0), Point::new(x1, y0));
                bar(Point::new(x0, y1), Point::new(x1, y1));
                bar(Point::new(x0, y0), Point::new(x0, y1));
                bar(Point::new(x1, y0), Point::new(x1, y1));
            }
        }
    }
}

/// `hole` lies inside `outer` with a thin margin on every side.
fn frames(outer: &Rect, hole: &Rect) -> bool {
    let margins = [
        hole.x0 - outer.x0,
        outer.x1 - hole.x1,
        hole.y0 - outer.y0,
        outer.y1 - hole.y1,
    ];
    margins.iter().all(|&m| (0.0..=THIN).contains(&m)) && hole.area() > 0.0
}

/// A filled shape at most this thick (points) is a line.
const THIN: f64 = 3.0;

impl<'a> Device<'a> for Recorder<'_> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        match mode {
            DrawMode::Invisible => self.spend(1),
            DrawMode::Fill(_) => self.record_fill(path, props.transform),
            DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => {
                self.record_stroke(path, props.transform)
            }
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {
        self.spend(1);
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {
        self.spend(1);
    }

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        let glyphs = run.glyphs();
        self.spend(glyphs.len().max(1));
        if matches!(mode, DrawMode::Invisible) {
            self.marks.invisible += glyphs.len();
        }
        for g in glyphs {
            let t = props.transform * g.transform();
            let origin = t * Point::ZERO;
            let width = match &**g {
                HayroGlyph::Outline(o) => o.advance_width(),
                HayroGlyph::Type3(t3) => t3.advance_width(),
            };
            // Glyph space is 1000 units per em.
            let size = (t * Point::new(0.0, 1000.0) - origin).hypot();
            let em = t * Point::new(1000.0, 0.0) - origin;
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => as_shown(c.to_string()),
                Some(BfString::String(s)) => as_shown(s),
                None => String::new(),
            };
            let readable = !text.is_empty() && !text.chars().any(unreadable_char);
            if !readable {
                self.marks.unreadable += 1;
            } else if text.chars().all(char::is_whitespace) {
                continue;
            }
            let advance = match width {
                Some(w) if w > 0.0 => t * Point::new(f64::from(w), 0.0) - origin,
                // No width: a CJK glyph is an em wide, others about half.
                _ if !readable || text.chars().next().is_some_and(crate::lines::is_wide) => em,
                _ => em * 0.5,
            };
            if self.marks.glyphs.len() >= MAX_PAGE_GLYPHS {
                std::panic::resume_unwind(Box::new(LimitHit::PageGlyphs));
            }
            self.marks.glyphs.push(Glyph {
                text: if readable { text } else { "\u{FFFD}".into() },
                origin,
                advance,
                size,
            });
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.spend(1);
        self.marks.images += 1;
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

/// A code point no reader can use as text: a control character, a private-use code point (a
/// font's own numbering) or the replacement character.
fn unreadable_char(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
        || c == '\u{FFFD}'
}

/// The character a glyph shows. CJK fonts share one outline between a radical and the
/// ideograph it looks like, and their Unicode maps often name the radical (`⾦` U+2F26 for
/// `金`, `⺠` U+2EA0 for `民`): a Kangxi radical is read as its compatibility ideograph
/// (NFKC), a supplementary radical that is drawn as a whole character as that character
/// (Unicode's EquivalentUnifiedIdeograph.txt; component forms such as `⺅` stay).
fn as_shown(text: String) -> String {
    let radical = |c: char| ('\u{2E80}'..='\u{2FDF}').contains(&c);
    if !text.chars().any(radical) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match SUPPLEMENT.iter().find(|(r, _)| *r == c) {
            Some((_, whole)) => out.push(*whole),
            None if radical(c) => out.extend(std::iter::once(c).nfkc()),
            None => out.push(c),
        }
    }
    out
}

/// CJK Radicals Supplement characters drawn as whole characters, and those characters.
const SUPPLEMENT: [(char, char); 40] = [
    ('⺁', '厂'),
    ('⺌', '小'),
    ('⺗', '心'),
    ('⺝', '月'),
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺧', '牛'),
    ('⺩', '王'),
    ('⺫', '目'),
    ('⺬', '示'),
    ('⺼', '肉'),
    ('⻁', '虎'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻉', '贝'),
    ('⻊', '足'),
    ('⻋', '车'),
    ('⻑', '長'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻬', '齐'),
    ('⻮', '齿'),
    ('⻰', '龙'),
    ('⻳', '龟'),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(path: &mut BezPath, x0: f64, y0: f64, x1: f64, y1: f64) {
        path.move_to((x0, y0));
        path.line_to((x1, y0));
        path.line_to((x1, y1));
        path.line_to((x0, y1));
        path.close_path();
    }

    #[test]
    fn thin_fills_and_frames_are_rules_and_backgrounds_are_not() {
        let mut budget = Budget::new(1_000, 5);
        let mut rec = Recorder::new(&mut budget);
        let mut bar = BezPath::new();
        rect(&mut bar, 10.0, 50.0, 200.0, 50.5);
        rec.record_fill(&bar, Affine::IDENTITY);
        assert_eq!(rec.marks.segments.len(), 1);
        // A cell border as a rectangle with a hole 0.5 pt inside it: its four sides.
        let mut frame = BezPath::new();
        rect(&mut frame, 10.0, 100.0, 110.0, 130.0);
        rect(&mut frame, 10.5, 100.5, 109.5, 129.5);
        rec.record_fill(&frame, Affine::IDENTITY);
        assert_eq!(rec.marks.segments.len(), 5);
        let mut background = BezPath::new();
        rect(&mut background, 0.0, 0.0, 595.0, 842.0);
        rec.record_fill(&background, Affine::IDENTITY);
        assert_eq!(rec.marks.segments.len(), 5);
    }

    #[test]
    fn the_drawing_budget_stops_the_interpreter_with_a_limit() {
        let mut budget = Budget::new(3, 5);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut rec = Recorder::new(&mut budget);
            for _ in 0..10 {
                rec.spend(1);
            }
        }));
        let payload = caught.err();
        assert!(matches!(
            payload.as_ref().and_then(|p| p.downcast_ref::<LimitHit>()),
            Some(LimitHit::Drawn)
        ));
    }
}
