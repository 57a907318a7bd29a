//! Scanned pages -> page marks, by a local OCR engine: what a scan shows, read as a PDF's text
//! layer would say it, so that `xxgk-pages` reads a scanned page exactly as any other page.
//!
//! - `raster.rs`: a grey image and its pixel operations (colour to grey, crop, scale, turn,
//!   Otsu's threshold).
//! - `rules.rs`: how far a scan is turned, and its ruling lines as long runs of ink.
//! - `perspective.rs`: a photographed page's perspective taken out (one homography, from the
//!   corners of its largest table).
//! - `engine.rs`: Tesseract's command line, found by itself (`XXGK_OCR`), run as a child
//!   process with a deadline.
//! - `reader.rs`: what a format's reader does with its scanned pages (the document's OCR time,
//!   pages that fail kept as they were, the line that says how to enable OCR).
//! - `recognise.rs`: a page image straightened, its cells cut out along the lattice and
//!   recognised (digits twice), the rest of the page recognised, all as glyphs with their
//!   confidence.
//!
//! Knows pixels and OCR, not file formats and not reports.

mod engine;
mod perspective;
mod raster;
mod reader;
mod recognise;
mod rules;

pub use engine::{Absent, Engine, EngineError, Mode, Word, OCR_VAR};
pub use raster::{Grey, MAX_PIXELS};
pub use reader::{absent_message, Recogniser};
pub use recognise::{recognise, PageImage, MIN_DIGIT_CONFIDENCE};
