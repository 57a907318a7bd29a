//! Byte -> text decoding for the adapters that read text (plain text and HTML): BOM, then UTF-8
//! validity, then UTF-16 by NUL pattern, then chardetng (with the `.cn` hint) for legacy
//! Chinese encodings, decoded as GB18030 when GBK is guessed.
//!
//! **Architecture invariant:** knows bytes and encodings, nothing about reports or markup.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use xxgk_model::{Msg, ReadError};

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Name of the encoding used (`UTF-8`, `UTF-16LE`, `gb18030`, …).
    pub encoding: &'static str,
    /// Some bytes were malformed and replaced.
    pub had_errors: bool,
}

/// True for bytes that are plainly not text: known binary magic numbers, or NUL bytes that do
/// not follow a UTF-16 pattern.
pub fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 6] = [
        b"PK\x03\x04",
        b"\xD0\xCF\x11\xE0",
        b"%PDF",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    if bom(bytes).is_some() || utf16_without_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
        .count();
    controls * 100 > head.len().max(1) * 2
}

fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// UTF-16 without a BOM: most ASCII-range characters leave every other byte NUL.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Chinese text in UTF-16 has few NULs; newlines and digits give some. Demand a clear skew.
    if odd_nul * 5 >= pairs && even_nul * 20 < pairs.max(1) {
        Some(UTF_16LE)
    } else if even_nul * 5 >= pairs && odd_nul * 20 < pairs.max(1) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Valid UTF-8, or UTF-8 with a few broken sequences (a converter that cut multi-byte
/// characters at a column edge, as html2text does): at least 8 well-formed non-ASCII
/// characters for each broken sequence. Text in GBK almost never forms valid UTF-8 sequences,
/// so it fails this test at once.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += std::str::from_utf8(valid)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                bad += 1;
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = after.get(skip..).unwrap_or_default();
            }
        }
    }
    bad == 0 || good >= bad * 8
}

/// Decodes bytes to text, detecting the encoding (never assuming one).
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    let (encoding, skip) = if let Some((enc, len)) = bom(bytes) {
        (enc, len)
    } else if mostly_utf8(bytes) {
        (UTF_8, 0)
    } else if let Some(enc) = utf16_without_bom(bytes) {
        (enc, 0)
    } else if looks_binary(bytes) {
        return Err(ReadError::Encoding(Msg::new(
            "文件像是二进制数据，不是文本",
            "the file looks binary, not text",
        )));
    } else {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        let guess = det.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
        // GBK and GB2312 files are decoded as GB18030, their superset.
        let enc = if guess == encoding_rs::GBK {
            GB18030
        } else {
            guess
        };
        (enc, 0)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[skip..]);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        had_errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "金乡县人民政府办公室2022年政府信息公开工作年度报告\n一、总体情况\n行政许可\t0\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SAMPLE.as_bytes()).map(|d| (d.text, d.encoding));
        assert_eq!(plain.ok(), Some((SAMPLE.to_string(), "UTF-8")));
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&bytes).map(|d| d.text).ok().as_deref(), Some(SAMPLE));
    }

    #[test]
    fn utf8_with_a_few_cut_characters_stays_utf8() {
        let mut bytes = SAMPLE.repeat(3).into_bytes();
        let at = SAMPLE.find("行政许可").map_or(0, |i| i + 1);
        bytes.remove(at); // a character cut in the middle, as html2text does at column edges
        let d = decode(&bytes).ok();
        assert_eq!(d.as_ref().map(|d| d.encoding), Some("UTF-8"));
        assert!(d.is_some_and(|d| d.had_errors && d.text.contains("金乡县人民政府办公室")));
        let gbk = GB18030.encode(&SAMPLE.repeat(3)).0.into_owned();
        assert_eq!(decode(&gbk).ok().map(|d| d.encoding), Some("gb18030"));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        for (enc, bom) in [(UTF_16LE, [0xFF, 0xFE]), (UTF_16BE, [0xFE, 0xFF])] {
            let mut bytes = bom.to_vec();
            for u in SAMPLE.encode_utf16() {
                let b = if enc == UTF_16LE {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                };
                bytes.extend_from_slice(&b);
            }
            let d = decode(&bytes).ok();
            assert_eq!(d.as_ref().map(|d| d.text.as_str()), Some(SAMPLE));
            assert_eq!(d.map(|d| d.encoding), Some(enc.name()));
        }
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let text = "2023 年报告\nline 1\t0\nline 2\t0\n";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&bytes).ok();
        assert_eq!(d.as_ref().map(|d| d.text.as_str()), Some(text));
        assert_eq!(d.map(|d| d.encoding), Some("UTF-16LE"));
    }

    #[test]
    fn gbk_is_detected_not_assumed() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        let d = decode(&bytes).ok();
        assert_eq!(d.as_ref().map(|d| d.text.as_str()), Some(SAMPLE));
        assert_eq!(d.map(|d| d.encoding), Some("gb18030"));
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(looks_binary(png));
        let garbage: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(looks_binary(&garbage));
        assert!(decode(&garbage).is_err());
        assert!(!looks_binary(SAMPLE.as_bytes()));
    }
}
