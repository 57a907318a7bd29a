//! Bounds what a PDF's compressed streams may expand to, before the interpreter decodes any
//! of them (it decodes a stream whole, into memory, and a failed allocation cannot be caught).
//!
//! Every `stream` keyword after a dictionary that names `/FlateDecode` is a Flate stream. Its
//! decoded size is at most [`MAX_RATIO`] times its compressed size (per Flate stage); only
//! where that bound passes a limit is the stream inflated, counting bytes without keeping
//! them. One stream over `max_entry_bytes` or all of them over `max_total_bytes` is a limit
//! error. A report's streams are far too small to need inflating. Images are skipped (the reader never decodes
//! them). Streams of an encrypted file cannot be measured before decryption; they are bounded
//! only by the interpreter's own checks (ARCHITECTURE.md).

use flate2::read::{DeflateDecoder, ZlibDecoder};
use std::io::Read;
use xxgk_model::{Limits, Msg, ReadError};

/// The most a Flate stage can expand its input (DEFLATE's longest match in its shortest code).
const MAX_RATIO: u64 = 1032;

/// How far back from `stream` the object's dictionary may start.
const DICT_WINDOW: usize = 4096;

/// Checks the decoded size of every Flate stream against the limits.
pub(crate) fn check_streams(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let streams = flate_streams(bytes);
    // Bounds first; exact sizes only where a bound is over a limit.
    let bound = |s: &FlateStream| {
        let len = (s.end - s.data) as u64;
        (0..s.stages).fold(len, |n, _| n.saturating_mul(MAX_RATIO))
    };
    let bounded_total = streams.iter().map(bound).fold(0u64, u64::saturating_add);
    let exact_total = bounded_total > limits.max_total_bytes;
    let mut total: u64 = 0;
    for s in &streams {
        let size = if exact_total || bound(s) > limits.max_entry_bytes {
            inflated_size(&bytes[s.data..s.end], s.stages, limits.max_entry_bytes)
        } else {
            bound(s)
        };
        if size > limits.max_entry_bytes {
            return Err(ReadError::LimitExceeded {
                what: Msg::new(
                    format!("PDF 压缩流（第 {} 字节处）解压后超过限制", s.data),
                    format!(
                        "a compressed PDF stream (at byte {}) expands to more than the limit",
                        s.data
                    ),
                ),
                limit: limits.max_entry_bytes,
            });
        }
        total = total.saturating_add(size);
        if total > limits.max_total_bytes {
            return Err(ReadError::LimitExceeded {
                what: Msg::new(
                    "PDF 的压缩流解压后合计超过限制",
                    "the PDF's compressed streams expand to more than the limit in all",
                ),
                limit: limits.max_total_bytes,
            });
        }
    }
    Ok(())
}

/// A Flate-compressed stream that the interpreter may decode: where its data starts and
/// ends, and how many Flate stages its filter chain has.
struct FlateStream {
    data: usize,
    end: usize,
    stages: usize,
}

/// Every non-image Flate stream, in one pass over the file: each stream's data ends at its
/// `endstream` and the scan goes on after it, so the work is linear in the file's size.
fn flate_streams(bytes: &[u8]) -> Vec<FlateStream> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = find(&bytes[from..], b"stream") {
        let at = from + found;
        let Some(data) = stream_data(bytes, at) else {
            from = at + 6;
            continue;
        };
        let end = find(&bytes[data..], b"endstream").map_or(bytes.len(), |e| data + e);
        let dict = dictionary(&bytes[from.max(at.saturating_sub(DICT_WINDOW))..at]);
        from = end;
        let stages = count(dict, b"/FlateDecode").min(4);
        if stages > 0 && !is_image(dict) {
            out.push(FlateStream { data, end, stages });
        }
    }
    out
}

/// Where a stream's data starts: `stream` ends a dictionary (`>>` before it) and is followed
/// by an end of line. `None` for the word inside other data or `endstream`.
fn stream_data(bytes: &[u8], at: usize) -> Option<usize> {
    let before = bytes[..at].trim_ascii_end();
    if !before.ends_with(b">>") {
        return None;
    }
    let after = &bytes[at + 6..];
    match after {
        [b'\r', b'\n', ..] => Some(at + 8),
        [b'\n' | b'\r', ..] => Some(at + 7),
        _ => None,
    }
}

/// The object's text before `stream`, from its `obj` keyword when the window holds it.
fn dictionary(window: &[u8]) -> &[u8] {
    match rfind(window, b"obj") {
        Some(i) => &window[i..],
        None => window,
    }
}

fn is_image(dict: &[u8]) -> bool {
    let compact: Vec<u8> = dict
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    find(&compact, b"/Subtype/Image").is_some()
}

/// Decoded size of `flates` chained Flate filters over `data`, counted up to `cap + 1`.
fn inflated_size(data: &[u8], flates: usize, cap: u64) -> u64 {
    let mut reader: Box<dyn Read + '_> = Box::new(data);
    for _ in 0..flates {
        reader = inflater(reader);
    }
    let mut counted = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    let mut limited = reader.take(cap + 1);
    // A corrupt stream ends the count where it breaks: the interpreter will not get further.
    while let Ok(n) = limited.read(&mut buf) {
        if n == 0 {
            break;
        }
        counted += n as u64;
    }
    counted
}

/// A zlib stream, or raw deflate where the zlib header is missing (both occur in the wild).
fn inflater<'a>(mut inner: Box<dyn Read + 'a>) -> Box<dyn Read + 'a> {
    let mut head = [0u8; 2];
    let got = read_up_to(&mut inner, &mut head);
    let zlib =
        got == 2 && head[0] & 0x0F == 8 && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0;
    let whole = Box::new(std::io::Cursor::new(head[..got].to_vec()).chain(inner));
    if zlib {
        Box::new(ZlibDecoder::new(whole))
    } else {
        Box::new(DeflateDecoder::new(whole))
    }
}

fn read_up_to(r: &mut dyn Read, buf: &mut [u8]) -> usize {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    got
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::ZlibEncoder;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).ok();
        e.finish().unwrap_or_default()
    }

    fn pdf_with(stream: &[u8], dict: &str) -> Vec<u8> {
        let mut out = format!(
            "%PDF-1.7\n4 0 obj\n<< {dict} /Length {} >>\nstream\n",
            stream.len()
        )
        .into_bytes();
        out.extend_from_slice(stream);
        out.extend_from_slice(b"\nendstream\nendobj\n");
        out
    }

    #[test]
    fn a_flate_bomb_is_a_limit_error_and_a_normal_stream_passes() {
        let limits = Limits {
            max_entry_bytes: 1 << 20,
            ..Limits::default()
        };
        let bomb = pdf_with(&zlib(&vec![b'0'; 4 << 20]), "/Filter /FlateDecode");
        let err = check_streams(&bomb, &limits).err().map(|e| e.kind());
        assert_eq!(err, Some("limit_exceeded"));
        let fine = pdf_with(&zlib(b"BT /F1 12 Tf (x) Tj ET"), "/Filter /FlateDecode");
        assert!(check_streams(&fine, &limits).is_ok());
        // An image is never decoded by the reader, so its size does not count.
        let image = pdf_with(
            &zlib(&vec![0; 4 << 20]),
            "/Subtype /Image /Filter /FlateDecode",
        );
        assert!(check_streams(&image, &limits).is_ok());
    }

    #[test]
    fn chained_filters_are_counted_through_every_stage() {
        let limits = Limits {
            max_entry_bytes: 1 << 20,
            ..Limits::default()
        };
        let twice = zlib(&zlib(&vec![b'0'; 4 << 20]));
        let pdf = pdf_with(&twice, "/Filter [/FlateDecode /FlateDecode]");
        assert!(check_streams(&pdf, &limits).is_err());
    }
}
