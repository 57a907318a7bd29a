//! The interpreter's device: what a page draws, as hayro reports it, recorded as
//! [`PageMarks`] (glyphs with their Unicode text, origin, advance and size; path segments), in
//! page space with the origin at the top left and y growing downwards (`/Rotate` applied).
//!
//! Every drawing call counts against [`xxgk_model::Limits::max_drawn`]; past it the device
//! stops the interpreter by unwinding with [`LimitHit`] (without the panic hook), which the
//! adapter turns into a limit error. Forms that draw forms count on every use, since each one
//! pushes its bounding box as a clip.

use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::kurbo::{Affine, BezPath, Point};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageData, ImageDrawProps,
    RasterImage, SoftMask,
};
use xxgk_pages::PageMarks;
use xxgk_scan::{Grey, PageImage, MAX_PIXELS};

/// The payload the device unwinds with when a document draws more than the limit allows, or
/// takes longer than its time.
pub(crate) enum LimitHit {
    Drawn,
    Time,
    PageGlyphs,
}

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

    /// Time spent elsewhere (recognising a scanned page) does not count against the budget.
    pub fn pause(&mut self, spent: std::time::Duration) {
        self.deadline += spent;
    }

    /// Stops the reading (as the device does) once the time is spent: called between the
    /// phases after interpretation, page by page.
    pub fn check_time(&self) {
        if std::time::Instant::now() > self.deadline {
            std::panic::resume_unwind(Box::new(LimitHit::Time));
        }
    }
}

/// The `Device` that records a page's marks.
pub(crate) struct Recorder<'l> {
    pub marks: PageMarks,
    /// What the document may still spend (shared by all its pages).
    pub budget: &'l mut Budget,
    /// Where OCR may read the page: the page's largest image covering a quarter of it or
    /// more, decoded (`None` when no OCR engine is at hand: nothing is decoded).
    pub scan: Option<(f64, PageImage)>,
    /// The page's area, when a scan is to be kept.
    keep_scans_over: Option<f64>,
    /// Glyphs kept that were drawn visibly (an OCR layer's page has none).
    pub visible: usize,
}

impl<'l> Recorder<'l> {
    /// A recorder; `page_area` given where a scanned page can be recognised.
    pub fn new(budget: &'l mut Budget, page_area: Option<f64>) -> Self {
        Recorder {
            marks: PageMarks::default(),
            budget,
            scan: None,
            visible: 0,
            keep_scans_over: page_area.map(|a| a / 4.0),
        }
    }

    /// Keeps a raster image as the page's scan if it is the largest one yet, and large.
    fn keep_scan(&mut self, image: &RasterImage<'_>, transform: Affine) {
        let Some(over) = self.keep_scans_over else {
            return;
        };
        let (w, h) = (image.width(), image.height());
        let area = (transform * Point::new(f64::from(w), 0.0) - transform * Point::ZERO).hypot()
            * (transform * Point::new(0.0, f64::from(h)) - transform * Point::ZERO).hypot();
        let larger = self.scan.as_ref().is_none_or(|(a, _)| area > *a);
        if area < over || !larger || u64::from(w) * u64::from(h) > MAX_PIXELS {
            return;
        }
        image.with_rgba(
            |data, _| {
                let (sx, sy) = data.scale_factors();
                let (grey, ink) = match data {
                    ImageData::Luma(l) => (Grey::from_luma(l.width, l.height, l.data), None),
                    ImageData::Rgb(c) => (
                        Grey::from_colour(c.width, c.height, &c.data, 3),
                        Grey::from_colour_ink(c.width, c.height, &c.data, 3),
                    ),
                };
                if let Some(image) = grey {
                    let to_page =
                        transform * Affine::scale_non_uniform(f64::from(sx), f64::from(sy));
                    self.scan = Some((
                        area,
                        PageImage {
                            image,
                            ink,
                            to_page,
                        },
                    ));
                }
            },
            None,
        );
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
}

impl<'a> Device<'a> for Recorder<'_> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        match mode {
            DrawMode::Invisible => self.spend(1),
            DrawMode::Fill(_) => {
                self.spend(path.elements().len().max(1));
                self.marks.fill(path, props.transform)
            }
            DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => {
                self.spend(path.elements().len().max(1));
                self.marks.stroke(path, props.transform)
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
        let invisible = matches!(mode, DrawMode::Invisible);
        if invisible {
            self.marks.invisible += glyphs.len();
        }
        let kept = self.marks.glyphs.len();
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
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => String::new(),
            };
            let advance = match width {
                Some(w) if w > 0.0 => Some(t * Point::new(f64::from(w), 0.0) - origin),
                _ => None,
            };
            if self.marks.glyph(text, origin, advance, em, size).is_err() {
                std::panic::resume_unwind(Box::new(LimitHit::PageGlyphs));
            }
        }
        if !invisible {
            self.visible += self.marks.glyphs.len() - kept;
        }
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        self.spend(1);
        self.marks.images += 1;
        if let Image::Raster(raster) = &image {
            self.keep_scan(raster, props.transform);
        }
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drawing_budget_stops_the_interpreter_with_a_limit() {
        let mut budget = Budget::new(3, 5);
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut rec = Recorder::new(&mut budget, None);
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
