//! Image adapter: page images (a PNG or JPEG page, a TIFF of many pages) -> `Document`.
//!
//! Each page is decoded to grey (`decode.rs`) and, where an OCR engine is at hand
//! (`xxgk-scan`), recognised into page marks — its ruling lines found in the pixels, each
//! cell and line read — which `xxgk-pages` reads exactly as a PDF page. Without an engine the
//! pages stay images: the document is a scan, and says how to enable OCR. A page's size in
//! points comes from the resolution the file gives, else the page is taken for A4 (its
//! shorter side 210 mm). `view_page` draws a page with its places, for the original beside a
//! finding.

mod decode;

use decode::Kind;
use kurbo::Affine;
use xxgk_model::{Adapter, Document, Limits, ReadError, Sniff};
use xxgk_pages::{PageMarks, PageView};
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
        let kind = kind_of(bytes)?;
        let pages = decode::pages(bytes, kind, limits)?;
        let mut ocr = Recogniser::new(limits);
        let texts = (1..)
            .zip(pages)
            .map(|(number, page)| read_page(number, page, &mut ocr))
            .collect();
        let mut doc = xxgk_pages::document(texts, kind.name(), &mut || {});
        ocr.finish(&mut doc);
        Ok(doc)
    }
}

/// The kind of image file `bytes` is, or why it is none.
fn kind_of(bytes: &[u8]) -> Result<Kind, ReadError> {
    Kind::of(bytes).ok_or_else(|| ReadError::Corrupt {
        format: "image",
        detail: xxgk_model::Msg::new(
            "不是 PNG、JPEG 或 TIFF 图像",
            "not a PNG, JPEG or TIFF image",
        ),
    })
}

/// The size in points of a page of `width` × `height` pixels: from the resolution the file
/// gives, else the page taken for A4 (a resolution no scanner uses, a wrong header, is none).
fn points_per_pixel(page: &decode::Page) -> (f64, f64) {
    let (w, h) = (f64::from(page.image.width), f64::from(page.image.height));
    let dpi = page
        .dpi
        .filter(|(x, y)| (50.0..=1200.0).contains(x) && (50.0..=1200.0).contains(y));
    match dpi {
        Some((x, y)) => (72.0 / x, 72.0 / y),
        None => {
            let s = A4_SHORT / w.min(h).max(1.0);
            (s, s)
        }
    }
}

/// Page `number` recognised (where an engine is at hand) and read as a PDF page is.
fn read_page(number: u32, page: decode::Page, ocr: &mut Recogniser) -> xxgk_pages::PageText {
    let (w, h) = (f64::from(page.image.width), f64::from(page.image.height));
    let (sx, sy) = points_per_pixel(&page);
    let marks = PageMarks {
        images: 1,
        ..PageMarks::default()
    };
    let image = PageImage {
        image: page.image,
        ink: page.ink,
        to_page: Affine::scale_non_uniform(sx, sy),
    };
    let marks = ocr.page(number, &image, marks);
    xxgk_pages::read_page(marks, w * sx, h * sy)
}

/// Page `number` (1-based) of an image file drawn as SVG — its pixels as read, a grey PNG —
/// with every place reading gives it: the pages are recognised as reading recognises them, so
/// a finding's cell is outlined over the cell's pixels.
pub fn view_page(bytes: &[u8], number: u32, limits: &Limits) -> Result<PageView, ReadError> {
    let kind = kind_of(bytes)?;
    let pages = decode::pages(bytes, kind, limits)?;
    let count = pages.len();
    let index = (number as usize).wrapping_sub(1);
    let Some(page) = pages.get(index) else {
        return Err(ReadError::Unsupported(xxgk_model::Msg::new(
            format!("图像共 {count} 页，没有第{number}页"),
            format!("the image has {count} pages, no page {number}"),
        )));
    };
    let (sx, sy) = points_per_pixel(page);
    let width = (f64::from(page.image.width) * sx) as f32;
    let height = (f64::from(page.image.height) * sy) as f32;
    // The page as read (not the file: a browser turns a JPEG by its EXIF orientation, which
    // reading does not, and draws no TIFF).
    let picture = grey_png(&page.image)?;
    let mut ocr = Recogniser::new(limits);
    let mut texts: Vec<_> = (1..)
        .zip(pages)
        .map(|(n, page)| read_page(n, page, &mut ocr))
        .collect();
    xxgk_pages::drop_furniture(&mut texts);
    let places = xxgk_pages::places(&texts[index], number, width, height);
    use base64::Engine as _;
    let svg = format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" "#,
            r#"width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#,
            r#"<image x="0" y="0" width="{w}" height="{h}" preserveAspectRatio="none" "#,
            r#"xlink:href="data:image/png;base64,{data}"/></svg>"#
        ),
        w = width,
        h = height,
        data = base64::engine::general_purpose::STANDARD.encode(picture),
    );
    Ok(PageView {
        svg,
        width,
        height,
        places,
    })
}

/// A grey page as an 8-bit grey PNG.
fn grey_png(image: &xxgk_scan::Grey) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, image.width, image.height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(&image.pixels))
        .map_err(|e| ReadError::Corrupt {
            format: "image",
            detail: xxgk_model::Msg::new(
                "页面无法编码为 PNG",
                format!("the page cannot be encoded as PNG: {e}"),
            ),
        })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_drawn_from_its_pixels_at_its_size() {
        // 100 x 50 pixels, no resolution: the shorter side is A4's.
        let mut grey = xxgk_scan::Grey::white(100, 50);
        grey.pixels[0] = 0;
        let png = grey_png(&grey).expect("encode");
        let view = view_page(&png, 1, &Limits::default()).expect("view");
        assert!((view.height - 595.28).abs() < 0.01 && (view.width - 1190.56).abs() < 0.01);
        assert!(view.svg.starts_with("<svg") && view.svg.contains("data:image/png;base64,iVBOR"));
        let decoded = decode::pages(&png, Kind::Png, &Limits::default()).expect("decode");
        assert_eq!(
            decoded[0].image.pixels, grey.pixels,
            "the PNG holds the page"
        );
        assert!(matches!(
            view_page(&png, 2, &Limits::default()),
            Err(ReadError::Unsupported(_))
        ));
    }
}
