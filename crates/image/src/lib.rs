//! Image adapter: page images (a PNG or JPEG page, a TIFF of many pages) -> `Document`.
//!
//! Each page is decoded to grey (`decode.rs`) and, where an OCR engine is at hand
//! (`xxgk-scan`), recognised into page marks — its ruling lines found in the pixels, each
//! cell and line read — which `xxgk-pages` reads exactly as a PDF page. Without an engine the
//! pages stay images: the document is a scan, and says how to enable OCR. A page's size in
//! points comes from the resolution the file gives, else the page is taken for A4 (its
//! shorter side 210 mm).

mod decode;

use decode::Kind;
use kurbo::Affine;
use xxgk_model::{Adapter, Document, Limits, ReadError, Sniff};
use xxgk_pages::PageMarks;
use xxgk_scan::{PageImage, Recogniser};

/// The shorter side of A4, in points.
const A4_SHORT: f64 = 595.28;

/// Reads page images, by OCR.
#[derive(Debug, Default, Clone, Copy)]
pub struct ImageAdapter;

impl Adapter for ImageAdapter {
    fn name(&self) -> &'static str {
        "image"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["png", "jpg", "jpeg", "tif", "tiff"]
    }

    fn sniff(&self, bytes: &[u8]) -> Sniff {
        if Kind::of(bytes).is_some() {
            Sniff::Yes
        } else {
            Sniff::No
        }
    }

    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
        let Some(kind) = Kind::of(bytes) else {
            return Err(ReadError::Corrupt {
                format: "image",
                detail: xxgk_model::Msg::new(
                    "不是 PNG、JPEG 或 TIFF 图像",
                    "not a PNG, JPEG or TIFF image",
                ),
            });
        };
        let pages = decode::pages(bytes, kind, limits)?;
        let mut ocr = Recogniser::new(limits);
        let mut texts = Vec::with_capacity(pages.len());
        for (i, page) in pages.into_iter().enumerate() {
            let (w, h) = (f64::from(page.image.width), f64::from(page.image.height));
            // A resolution no scanner uses (a wrong header) is taken for no resolution.
            let dpi = page
                .dpi
                .filter(|(x, y)| (50.0..=1200.0).contains(x) && (50.0..=1200.0).contains(y));
            let (sx, sy) = match dpi {
                Some((x, y)) => (72.0 / x, 72.0 / y),
                None => {
                    let s = A4_SHORT / w.min(h).max(1.0);
                    (s, s)
                }
            };
            let marks = PageMarks {
                images: 1,
                ..PageMarks::default()
            };
            let image = PageImage {
                image: page.image,
                ink: page.ink,
                to_page: Affine::scale_non_uniform(sx, sy),
            };
            let marks = ocr.page(i as u32 + 1, &image, marks);
            texts.push(xxgk_pages::read_page(marks, w * sx, h * sy));
        }
        let mut doc = xxgk_pages::document(texts, kind.name(), &mut || {});
        ocr.finish(&mut doc);
        Ok(doc)
    }
}
