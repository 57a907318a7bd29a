//! Image files -> grey pages with their resolution: PNG (`png`), JPEG (`zune-jpeg`), TIFF with
//! all its pages (`tiff`: uncompressed, PackBits, LZW, Deflate, JPEG, CCITT Group 4). Each page's
//! size is checked against [`MAX_PIXELS`] before its pixels are decoded.

use std::io::Cursor;
use xxgk_model::{Limits, Msg, ReadError};
use xxgk_scan::{Grey, MAX_PIXELS};

/// One page of an image file.
pub(crate) struct Page {
    pub image: Grey,
    /// A colour page's ink, seals and signatures turned to paper.
    pub ink: Option<Grey>,
    /// Dots per inch where the file says (horizontal, vertical).
    pub dpi: Option<(f64, f64)>,
}

/// The kinds of image file read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Png,
    Jpeg,
    Tiff,
}

impl Kind {
    pub fn of(bytes: &[u8]) -> Option<Kind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Kind::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Kind::Jpeg)
        } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
            Some(Kind::Tiff)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Png => "PNG",
            Kind::Jpeg => "JPEG",
            Kind::Tiff => "TIFF",
        }
    }
}

fn corrupt(kind: Kind, e: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt {
        format: kind.name(),
        detail: Msg::new("图像无法解码", format!("the image cannot be decoded: {e}")),
    }
}

fn too_large(width: u64, height: u64) -> ReadError {
    ReadError::LimitExceeded {
        what: Msg::new(
            format!("{width}×{height} 像素的图像"),
            format!("an image of {width}×{height} pixels"),
        ),
        limit: MAX_PIXELS,
    }
}

fn check_size(width: u64, height: u64) -> Result<(), ReadError> {
    if width.saturating_mul(height) > MAX_PIXELS {
        return Err(too_large(width, height));
    }
    Ok(())
}

/// The pages of an image file.
pub(crate) fn pages(bytes: &[u8], kind: Kind, limits: &Limits) -> Result<Vec<Page>, ReadError> {
    match kind {
        Kind::Png => png_page(bytes).map(|p| vec![p]),
        Kind::Jpeg => jpeg_page(bytes).map(|p| vec![p]),
        Kind::Tiff => tiff_pages(bytes, limits),
    }
}

fn png_page(bytes: &[u8]) -> Result<Page, ReadError> {
    let e = |e| corrupt(Kind::Png, e);
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let header = decoder.read_header_info().map_err(e)?;
    check_size(u64::from(header.width), u64::from(header.height))?;
    let dpi = header.pixel_dims.and_then(|d| {
        (d.unit == png::Unit::Meter && d.xppu > 0 && d.yppu > 0)
            .then(|| (f64::from(d.xppu) * 0.0254, f64::from(d.yppu) * 0.0254))
    });
    let mut reader = decoder.read_info().map_err(e)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| too_large(u64::MAX, 1))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(e)?;
    buf.truncate(info.buffer_size());
    let channels = info.color_type.samples();
    let (w, h) = (info.width, info.height);
    let (image, ink) = match channels {
        1 | 2 => (
            Grey::from_luma(w, h, buf.chunks_exact(channels).map(|p| p[0]).collect()),
            None,
        ),
        _ => (
            Grey::from_colour(w, h, &buf, channels),
            Grey::from_colour_ink(w, h, &buf, channels),
        ),
    };
    Ok(Page {
        image: image.ok_or_else(|| corrupt(Kind::Png, "pixel data of the wrong size"))?,
        ink,
        dpi,
    })
}

fn jpeg_page(bytes: &[u8]) -> Result<Page, ReadError> {
    use zune_core::bytestream::ZCursor;
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    let e = |e| corrupt(Kind::Jpeg, e);
    let header = |space| {
        let options = DecoderOptions::default()
            .jpeg_set_out_colorspace(space)
            .set_max_width(1 << 16)
            .set_max_height(1 << 16);
        let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
        decoder.decode_headers().map(|()| decoder)
    };
    let mut decoder = header(ColorSpace::Luma).map_err(e)?;
    let info = decoder
        .info()
        .ok_or_else(|| corrupt(Kind::Jpeg, "no header"))?;
    let colour = info.components >= 3;
    if colour {
        decoder = header(ColorSpace::RGB).map_err(e)?;
    }
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    check_size(u64::from(w), u64::from(h))?;
    let dpi = match info.pixel_density {
        1 => Some((f64::from(info.x_density), f64::from(info.y_density))),
        2 => Some((
            f64::from(info.x_density) * 2.54,
            f64::from(info.y_density) * 2.54,
        )),
        _ => None,
    }
    .filter(|(x, y)| *x > 0.0 && *y > 0.0);
    let pixels = decoder.decode().map_err(e)?;
    let (image, ink) = if colour {
        (
            Grey::from_colour(w, h, &pixels, 3),
            Grey::from_colour_ink(w, h, &pixels, 3),
        )
    } else {
        (Grey::from_luma(w, h, pixels), None)
    };
    let image = image.ok_or_else(|| corrupt(Kind::Jpeg, "pixel data of the wrong size"))?;
    Ok(Page { image, ink, dpi })
}

fn tiff_pages(bytes: &[u8], limits: &Limits) -> Result<Vec<Page>, ReadError> {
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::tags::Tag;
    use tiff::ColorType;
    let e = |e| corrupt(Kind::Tiff, e);
    let mut bounds = tiff::decoder::Limits::default();
    bounds.decoding_buffer_size = (MAX_PIXELS * 4) as usize;
    let mut decoder = Decoder::new(Cursor::new(bytes))
        .map_err(e)?
        .with_limits(bounds);
    let mut pages = Vec::new();
    loop {
        if pages.len() >= limits.max_pages {
            return Err(ReadError::LimitExceeded {
                what: Msg::new("TIFF 的页数", "pages in the TIFF"),
                limit: limits.max_pages as u64,
            });
        }
        let (w, h) = decoder.dimensions().map_err(e)?;
        check_size(u64::from(w), u64::from(h))?;
        let colour = decoder.colortype().map_err(e)?;
        let mut resolution = |tag| {
            decoder
                .find_tag(tag)
                .ok()
                .flatten()
                .and_then(|v| v.into_f64().ok())
        };
        let (xr, yr) = (resolution(Tag::XResolution), resolution(Tag::YResolution));
        let unit = decoder
            .find_tag_unsigned::<u16>(Tag::ResolutionUnit)
            .ok()
            .flatten()
            .unwrap_or(2);
        let dpi = match (xr, yr, unit) {
            (Some(x), Some(y), 2) if x > 0.0 && y > 0.0 => Some((x, y)),
            (Some(x), Some(y), 3) if x > 0.0 && y > 0.0 => Some((x * 2.54, y * 2.54)),
            _ => None,
        };
        let data = match decoder.read_image().map_err(e)? {
            DecodingResult::U8(d) => d,
            DecodingResult::U16(d) => d.into_iter().map(|v| (v >> 8) as u8).collect(),
            _ => return Err(corrupt(Kind::Tiff, "samples that are not 8 or 16 bits")),
        };
        let (image, ink) = match colour {
            ColorType::Gray(8) | ColorType::Gray(16) => (Grey::from_luma(w, h, data), None),
            ColorType::GrayA(_) => (
                Grey::from_luma(w, h, data.chunks_exact(2).map(|p| p[0]).collect()),
                None,
            ),
            ColorType::Gray(1) => (Some(unpack_bits(&data, w, h)), None),
            ColorType::RGB(_) => (
                Grey::from_colour(w, h, &data, 3),
                Grey::from_colour_ink(w, h, &data, 3),
            ),
            ColorType::RGBA(_) => (
                Grey::from_colour(w, h, &data, 4),
                Grey::from_colour_ink(w, h, &data, 4),
            ),
            other => return Err(corrupt(Kind::Tiff, format!("colour type {other:?}"))),
        };
        // The decoder gives WhiteIsZero pages already turned: higher is whiter.
        let image = image.ok_or_else(|| corrupt(Kind::Tiff, "pixel data of the wrong size"))?;
        pages.push(Page { image, ink, dpi });
        if !decoder.more_images() {
            break;
        }
        decoder.next_image().map_err(e)?;
    }
    Ok(pages)
}

/// Bits packed eight to a byte, rows padded to whole bytes, a set bit white (the decoder
/// turns WhiteIsZero pages): a clear bit as black (0).
fn unpack_bits(data: &[u8], width: u32, height: u32) -> Grey {
    let row = (width as usize).div_ceil(8);
    let mut out = Grey::white(width, height);
    for y in 0..height as usize {
        for x in 0..width as usize {
            let byte = data.get(y * row + x / 8).copied().unwrap_or(0xFF);
            if byte & (0x80 >> (x % 8)) == 0 {
                out.pixels[y * width as usize + x] = 0;
            }
        }
    }
    out
}
