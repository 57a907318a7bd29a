//! A grey page image (8 bits, 0 black .. 255 white) and the pixel operations reading a scan
//! needs: from colour, crop, scale, rotate, a global threshold (Otsu), and PGM for the engine.

/// The most pixels one page image may have: a page of A3 at 600 dpi is 70 million; a scan is
/// read at its own resolution, so a bigger image is refused before it is decoded.
pub const MAX_PIXELS: u64 = 80_000_000;

/// A grey image, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct Grey {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height` grey levels, row by row.
    pub pixels: Vec<u8>,
}

impl Grey {
    /// A white image.
    pub fn white(width: u32, height: u32) -> Self {
        Grey {
            width,
            height,
            pixels: vec![255; width as usize * height as usize],
        }
    }

    /// Grey levels as they are; `None` where `pixels` is not `width * height` long.
    pub fn from_luma(width: u32, height: u32, pixels: Vec<u8>) -> Option<Self> {
        (pixels.len() as u64 == u64::from(width) * u64::from(height)).then_some(Grey {
            width,
            height,
            pixels,
        })
    }

    /// Colour pixels (`channels` bytes each, the first three red, green, blue) as grey
    /// (ITU-R BT.601 weights). The red of a seal turns mid-grey, as the eye sees it.
    pub fn from_colour(width: u32, height: u32, data: &[u8], channels: usize) -> Option<Self> {
        Self::from_pixels(width, height, data, channels, |p| {
            let y = 299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2]);
            (y / 1000) as u8
        })
    }

    /// Colour pixels as the ink a table's digits are printed in: each pixel's lightest channel,
    /// so that a red seal or a blue signature over a cell turns to paper and black print
    /// stays black.
    pub fn from_colour_ink(width: u32, height: u32, data: &[u8], channels: usize) -> Option<Self> {
        Self::from_pixels(width, height, data, channels, |p| p[0].max(p[1]).max(p[2]))
    }

    /// Colour pixels made grey by `grey`; `None` where `data` is not `channels` bytes a pixel.
    fn from_pixels(
        width: u32,
        height: u32,
        data: &[u8],
        channels: usize,
        grey: impl Fn(&[u8]) -> u8,
    ) -> Option<Self> {
        let n = width as usize * height as usize;
        if channels < 3 || data.len() != n * channels {
            return None;
        }
        Some(Grey {
            width,
            height,
            pixels: data.chunks_exact(channels).map(grey).collect(),
        })
    }

    /// Uneven light and a tinted paper taken out: each pixel divided by the mean of the
    /// square of `radius` around it (paper becomes white, print stays dark; a photo's
    /// shadow or a copier's grey tone no longer looks like ink). The mean is not let below
    /// half white, so large dark areas stay dark.
    pub fn flattened(&self, radius: u32) -> Grey {
        let (w, h) = (self.width as usize, self.height as usize);
        // Summed-area table, one row and column of zeros ahead.
        let mut sums = vec![0u64; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0u64;
            for x in 0..w {
                row += u64::from(self.pixels[y * w + x]);
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
            }
        }
        let r = radius as usize;
        let mut out = Grey::white(self.width, self.height);
        for y in 0..h {
            let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
            for x in 0..w {
                let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
                let total = sums[y1 * (w + 1) + x1] + sums[y0 * (w + 1) + x0]
                    - sums[y0 * (w + 1) + x1]
                    - sums[y1 * (w + 1) + x0];
                let mean = (total / ((x1 - x0) * (y1 - y0)) as u64).max(128);
                let p = u64::from(self.pixels[y * w + x]);
                out.pixels[y * w + x] = (p * 255 / mean).min(255) as u8;
            }
        }
        out
    }

    /// The level at (x, y); white outside the image.
    pub fn at(&self, x: i64, y: i64) -> u8 {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return 255;
        }
        self.pixels[y as usize * self.width as usize + x as usize]
    }

    /// The part `x0..x1` by `y0..y1`, clamped to the image.
    pub fn crop(&self, x0: u32, y0: u32, x1: u32, y1: u32) -> Grey {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        let (x0, y0) = (x0.min(x1), y0.min(y1));
        let mut out = Grey::white(x1 - x0, y1 - y0);
        for y in y0..y1 {
            let from = y as usize * self.width as usize;
            let to = (y - y0) as usize * out.width as usize;
            out.pixels[to..to + out.width as usize]
                .copy_from_slice(&self.pixels[from + x0 as usize..from + x1 as usize]);
        }
        out
    }

    /// This image, or a copy scaled down to `width` pixels wide where it is wider (what a
    /// profile of the whole page needs).
    pub fn no_wider_than(&self, width: u32) -> std::borrow::Cow<'_, Grey> {
        let factor = f64::from(width) / f64::from(self.width.max(1));
        if factor < 1.0 {
            std::borrow::Cow::Owned(self.scaled(factor))
        } else {
            std::borrow::Cow::Borrowed(self)
        }
    }

    /// Scaled by `factor` (bilinear).
    pub fn scaled(&self, factor: f64) -> Grey {
        let w = ((f64::from(self.width) * factor).round() as u32).max(1);
        let h = ((f64::from(self.height) * factor).round() as u32).max(1);
        self.warped(w, h, |x, y| (x / factor, y / factor))
    }

    /// Turned clockwise by `quarters` quarter turns, exactly (pixels moved, not resampled).
    pub fn turned(&self, quarters: u32) -> Grey {
        let (w, h) = (self.width as usize, self.height as usize);
        match quarters % 4 {
            0 => self.clone(),
            2 => Grey {
                pixels: self.pixels.iter().rev().copied().collect(),
                ..self.clone()
            },
            q => {
                let mut out = Grey::white(self.height, self.width);
                for y in 0..h {
                    for x in 0..w {
                        // A quarter clockwise: (x, y) goes to (h - 1 - y, x); three, to (y, w - 1 - x).
                        let (nx, ny) = if q == 1 {
                            (h - 1 - y, x)
                        } else {
                            (y, w - 1 - x)
                        };
                        out.pixels[ny * h + nx] = self.pixels[y * w + x];
                    }
                }
                out
            }
        }
    }

    /// Turned by `degrees` clockwise about its centre, the same size, white where nothing
    /// was (deskewing a scan turns it by a degree or two).
    pub fn rotated(&self, degrees: f64) -> Grey {
        let (s, c) = degrees.to_radians().sin_cos();
        let (cx, cy) = (f64::from(self.width) / 2.0, f64::from(self.height) / 2.0);
        self.warped(self.width, self.height, |x, y| {
            let (dx, dy) = (x - cx, y - cy);
            (cx + c * dx + s * dy, cy - s * dx + c * dy)
        })
    }

    /// A `w` x `h` image whose pixel centre (x, y) takes this image's level at `source(x, y)`.
    pub(crate) fn warped(&self, w: u32, h: u32, source: impl Fn(f64, f64) -> (f64, f64)) -> Grey {
        let mut out = Grey::white(w, h);
        for y in 0..h {
            for x in 0..w {
                let (sx, sy) = source(f64::from(x) + 0.5, f64::from(y) + 0.5);
                out.pixels[y as usize * w as usize + x as usize] =
                    self.bilinear(sx - 0.5, sy - 0.5);
            }
        }
        out
    }

    fn bilinear(&self, x: f64, y: f64) -> u8 {
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as i64, y0 as i64);
        let p = |dx: i64, dy: i64| f64::from(self.at(x0 + dx, y0 + dy));
        let top = p(0, 0) * (1.0 - fx) + p(1, 0) * fx;
        let bottom = p(0, 1) * (1.0 - fx) + p(1, 1) * fx;
        (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8
    }

    /// The level that best splits ink from paper (Otsu's method over the histogram).
    pub fn otsu(&self) -> u8 {
        let mut hist = [0u64; 256];
        for &p in &self.pixels {
            hist[usize::from(p)] += 1;
        }
        let total = self.pixels.len() as f64;
        let sum: f64 = hist
            .iter()
            .enumerate()
            .map(|(i, &n)| i as f64 * n as f64)
            .sum();
        let (mut below, mut below_sum, mut best, mut level) = (0.0, 0.0, -1.0, 128u8);
        for (i, &n) in hist.iter().enumerate() {
            below += n as f64;
            below_sum += i as f64 * n as f64;
            let above = total - below;
            if below == 0.0 || above == 0.0 {
                continue;
            }
            let (m0, m1) = (below_sum / below, (sum - below_sum) / above);
            let between = below * above * (m0 - m1) * (m0 - m1);
            if between > best {
                best = between;
                level = i as u8;
            }
        }
        level
    }

    /// Ink as true: levels at or below `level`.
    pub fn ink(&self, level: u8) -> Vec<bool> {
        self.pixels.iter().map(|&p| p <= level).collect()
    }

    /// The image as a binary PGM (P5), which every OCR engine reads.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.pixels);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_turn_moves_pixels_exactly() {
        // 3 x 2: a dark pixel at the top left goes to the top right, turned clockwise.
        let mut g = Grey::white(3, 2);
        g.pixels[0] = 0;
        let q = g.turned(1);
        assert_eq!((q.width, q.height), (2, 3));
        assert_eq!(q.pixels[1], 0);
        assert_eq!(g.turned(1).turned(3), g);
        assert_eq!(g.turned(2).turned(2), g);
        assert_eq!(
            g.turned(3).pixels[2 * 2],
            0,
            "counter-clockwise: to the bottom left"
        );
    }

    #[test]
    fn otsu_splits_ink_from_paper() {
        let mut g = Grey::white(10, 10);
        for p in g.pixels.iter_mut().take(30) {
            *p = 20;
        }
        let level = g.otsu();
        assert!((20..255).contains(&level), "{level}");
        assert_eq!(g.ink(level).iter().filter(|&&b| b).count(), 30);
    }

    #[test]
    fn crop_scale_and_rotate_keep_what_is_drawn() {
        let mut g = Grey::white(40, 20);
        for x in 5..35 {
            g.pixels[10 * 40 + x] = 0;
        }
        let c = g.crop(4, 8, 36, 12);
        assert_eq!((c.width, c.height), (32, 4));
        assert_eq!(c.at(1, 2), 0);
        assert_eq!(g.scaled(2.0).width, 80);
        // A quarter turn of a horizontal line through the centre is vertical.
        let mut sq = Grey::white(21, 21);
        for x in 2..19 {
            sq.pixels[10 * 21 + x] = 0;
        }
        let r = sq.rotated(90.0);
        assert!(r.at(10, 4) < 128 && r.at(4, 10) > 128);
        assert_eq!(Grey::from_luma(2, 2, vec![0; 3]), None);
        let rgb = Grey::from_colour(1, 1, &[255, 0, 0], 3).map(|g| g.pixels[0]);
        assert_eq!(rgb, Some(76));
        let seal = Grey::from_colour_ink(2, 1, &[215, 30, 35, 20, 20, 20], 3).map(|g| g.pixels);
        assert_eq!(
            seal,
            Some(vec![215, 20]),
            "a red seal is paper, black print stays"
        );
    }

    #[test]
    fn flattening_takes_out_a_shadow_and_keeps_print() {
        // Paper darkening from 240 to 140 across the page, print at 40% of the paper.
        let mut g = Grey::white(100, 10);
        for x in 0..100u32 {
            for y in 0..10u32 {
                let paper = 240 - x;
                let ink = y == 5 && x % 10 == 0;
                g.pixels[(y * 100 + x) as usize] = if ink {
                    (paper * 2 / 5) as u8
                } else {
                    paper as u8
                };
            }
        }
        let f = g.flattened(8);
        assert!(
            f.at(90, 0) > 235,
            "paper in the shadow is white: {}",
            f.at(90, 0)
        );
        assert!(
            f.at(90, 5) < 120,
            "print in the shadow is dark: {}",
            f.at(90, 5)
        );
    }
}
