//! Bounds what a PDF's streams may expand to, before the interpreter decodes any of them (it
//! decodes a stream whole, into memory, and a failed allocation cannot be caught), and how
//! deep its functions nest, before the interpreter's recursive parsers see them.
//!
//! Two passes. [`check_raw`] runs before the file is opened, on the bytes: the streams the
//! parser decodes while opening it (cross-reference and object streams) are found by their
//! `stream` keyword and a `/FlateDecode` in the dictionary before it. [`check_objects`] runs
//! on the opened file, over every object as the interpreter's own parser reads it, so no
//! spelling hides a filter (abbreviations, `#` escapes, comments, long dictionaries, an
//! indirect `/Filter`, `endstream` inside the data, encryption: the data is decrypted first):
//! each stream's decoded size is bounded by its filters' ratios (`decode::max_ratio`), and
//! only where that bound passes a limit is the stream decoded by `decode.rs`, counting bytes
//! without keeping them. One stream over `max_entry_bytes`, or all of them over
//! `max_total_bytes`, is a limit error; so is a PostScript (type 4) function whose procedures
//! nest deeper than [`MAX_FUNCTION_DEPTH`], or stitching (type 3) functions that do. Images
//! are never decoded by the reader and are not measured.

use crate::decode;
use hayro_interpret::hayro_syntax::object::{Array, Dict, Object, ObjectIdentifier};
use hayro_interpret::hayro_syntax::{Filter, Pdf};
use std::collections::HashMap;
use xxgk_model::{Lang, Limits, Msg, ReadError};

/// How far back from `stream` the object's dictionary may start.
const DICT_WINDOW: usize = 4096;

/// The deepest nesting of functions, and of procedures in a PostScript function, that is
/// read (real documents use 1 to 3; the interpreter recurses once per level).
pub(crate) const MAX_FUNCTION_DEPTH: usize = 32;

/// Checks the decoded size of every plainly written Flate stream against the limits, before
/// the file is opened.
pub(crate) fn check_raw(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let streams = raw_streams(bytes);
    // Bounds first; exact sizes only where a bound is over a limit.
    let bound = |s: &RawStream| bound_of((s.end - s.data) as u64, &s.filters).unwrap_or(0);
    let bounded_total = streams.iter().map(bound).fold(0u64, u64::saturating_add);
    let exact_total = bounded_total > limits.max_total_bytes;
    let mut total: u64 = 0;
    for s in &streams {
        if let Some(n) = s.objects.filter(|n| *n > MAX_OBJECTS) {
            return Err(ReadError::LimitExceeded {
                what: Msg::new(
                    format!("PDF 交叉引用流声明了 {n} 个对象"),
                    format!("a PDF cross-reference stream declaring {n} objects"),
                ),
                limit: MAX_OBJECTS,
            });
        }
        let size = if exact_total || bound(s) > limits.max_entry_bytes {
            let data = &bytes[s.data..s.end];
            let m = decode::stream(
                decode::chain(data, &s.filters),
                limits.max_entry_bytes,
                |_| {},
            );
            if m.clean {
                m.bytes
            } else {
                bound(s) // what the data cannot tell, its bound says
            }
        } else {
            bound(s)
        };
        let at = Msg::new(
            format!("第 {} 字节处", s.data),
            format!("at byte {}", s.data),
        );
        total = add_size(total, size, &at, limits)?;
    }
    Ok(())
}

/// Adds one stream's decoded size to the total, refusing either over its limit.
fn add_size(total: u64, size: u64, at: &Msg, limits: &Limits) -> Result<u64, ReadError> {
    if size > limits.max_entry_bytes {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("PDF 压缩流（{}）解压后超过限制", at.get(Lang::Zh)),
                format!(
                    "a compressed PDF stream ({}) expands to more than the limit",
                    at.get(Lang::En)
                ),
            ),
            limit: limits.max_entry_bytes,
        });
    }
    let total = total.saturating_add(size);
    if total > limits.max_total_bytes {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                "PDF 的压缩流解压后合计超过限制",
                "the PDF's compressed streams expand to more than the limit in all",
            ),
            limit: limits.max_total_bytes,
        });
    }
    Ok(total)
}

/// Checks every stream of the opened file (its decoded size, and a PostScript function's
/// nesting) and every stitching function's depth.
pub(crate) fn check_objects(pdf: &Pdf, limits: &Limits) -> Result<(), ReadError> {
    let mut streams = Vec::new();
    let mut stitching = Vec::new();
    for object in pdf.objects() {
        match object {
            Object::Stream(s) => streams.push(s),
            Object::Dict(d) if d.get::<i32>(b"FunctionType".as_slice()) == Some(3) => {
                stitching.push(d)
            }
            _ => {}
        }
    }
    let bounds: Vec<Option<u64>> = streams
        .iter()
        .map(|s| bound_of(s.raw_data().len() as u64, &s.filters()))
        .collect();
    let exact_total = bounds
        .iter()
        .flatten()
        .fold(0u64, |a, b| a.saturating_add(*b))
        > limits.max_total_bytes;
    let mut total = 0u64;
    for (s, bound) in streams.iter().zip(&bounds) {
        let Some(bound) = *bound else { continue }; // an image
        let postscript = s.dict().get::<i32>(b"FunctionType".as_slice()) == Some(4);
        let size = if postscript || exact_total || bound > limits.max_entry_bytes {
            let raw = s.raw_data();
            let mut nesting = Nesting::default();
            let m = decode::stream(
                decode::chain(&raw, &s.filters()),
                limits.max_entry_bytes,
                |chunk| {
                    if postscript {
                        nesting.feed(chunk)
                    }
                },
            );
            if nesting.deepest > MAX_FUNCTION_DEPTH {
                return Err(too_deep(s.obj_id().obj_number));
            }
            if m.clean {
                m.bytes
            } else {
                bound // damaged data: the interpreter may read past it, up to the bound
            }
        } else {
            bound
        };
        let id = s.obj_id().obj_number;
        let at = Msg::new(format!("对象 {id}"), format!("object {id}"));
        total = add_size(total, size, &at, limits)?;
    }
    stitching_depth(&stitching)
}

/// The most `len` bytes can decode to through `filters`; `None` for an image filter (never
/// decoded by the reader).
fn bound_of(len: u64, filters: &[Filter]) -> Option<u64> {
    filters.iter().try_fold(len, |n, f| {
        decode::max_ratio(*f).map(|r| n.saturating_mul(r))
    })
}

/// The deepest `{` nesting of a PostScript procedure, read chunk by chunk.
#[derive(Default)]
struct Nesting {
    depth: usize,
    deepest: usize,
}

impl Nesting {
    fn feed(&mut self, chunk: &[u8]) {
        for b in chunk {
            match b {
                b'{' => {
                    self.depth += 1;
                    self.deepest = self.deepest.max(self.depth);
                }
                b'}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
    }
}

/// Refuses stitching functions nested deeper than [`MAX_FUNCTION_DEPTH`]: each function's
/// height (1 + its highest sub-function) is found without recursion, remembered per object,
/// so a chain or a shared sub-tree is walked once.
fn stitching_depth<'a>(roots: &[Dict<'a>]) -> Result<(), ReadError> {
    /// One function on the walk: its object, its sub-functions, the next one to visit, and
    /// the height of those visited.
    struct Level<'d> {
        id: Option<ObjectIdentifier>,
        subs: Vec<Dict<'d>>,
        next: usize,
        highest: usize,
    }
    let level = |d: &Dict<'a>| Level {
        id: d.obj_id(),
        subs: sub_functions(d),
        next: 0,
        highest: 0,
    };
    let mut height: HashMap<ObjectIdentifier, usize> = HashMap::new();
    for root in roots {
        let mut stack = vec![level(root)];
        while !stack.is_empty() {
            let depth = stack.len();
            let Some(top) = stack.last_mut() else { break };
            if depth > MAX_FUNCTION_DEPTH {
                return Err(too_deep(top.id.map_or(0, |i| i.obj_number)));
            }
            if let Some(sub) = top.subs.get(top.next).cloned() {
                top.next += 1;
                match sub.obj_id().and_then(|i| height.get(&i)) {
                    Some(h) => top.highest = top.highest.max(*h),
                    None => stack.push(level(&sub)),
                }
                continue;
            }
            let h = top.highest + 1;
            if h > MAX_FUNCTION_DEPTH {
                return Err(too_deep(top.id.map_or(0, |i| i.obj_number)));
            }
            if let Some(i) = top.id {
                height.insert(i, h);
            }
            stack.pop();
            if let Some(parent) = stack.last_mut() {
                parent.highest = parent.highest.max(h);
            }
        }
    }
    Ok(())
}

/// The stitching functions a stitching function is made of (other functions end the walk).
fn sub_functions<'a>(d: &Dict<'a>) -> Vec<Dict<'a>> {
    let Some(list) = d.get::<Array<'_>>(b"Functions".as_slice()) else {
        return Vec::new();
    };
    list.iter::<Dict<'_>>()
        .filter(|f| f.get::<i32>(b"FunctionType".as_slice()) == Some(3))
        .take(4096)
        .collect()
}

fn too_deep(object: u32) -> ReadError {
    ReadError::LimitExceeded {
        what: Msg::new(
            format!("PDF 函数（对象 {object}）的嵌套层数"),
            format!("nesting of a PDF function (object {object})"),
        ),
        limit: MAX_FUNCTION_DEPTH as u64,
    }
}

/// A compressed stream that the parser may decode while opening the file: where its data
/// starts and ends, its filters as its dictionary names them, and for a cross-reference stream
/// the objects it declares.
struct RawStream {
    data: usize,
    end: usize,
    filters: Vec<Filter>,
    objects: Option<u64>,
}

/// The most objects a PDF's cross-reference stream may declare: a report has a few thousand;
/// the parser keeps an entry for each.
pub(crate) const MAX_OBJECTS: u64 = 1_000_000;

/// The unsigned numbers after `key` in a dictionary's text: one, or those of an array.
fn numbers_after(dict: &[u8], key: &[u8]) -> Vec<u64> {
    let Some(at) = find(dict, key) else {
        return Vec::new();
    };
    let rest = dict[at + key.len()..].trim_ascii_start();
    let (text, one) = match rest.strip_prefix(b"[") {
        Some(inner) => (
            &inner[..inner.iter().position(|b| *b == b']').unwrap_or(inner.len())],
            false,
        ),
        None => (rest, true),
    };
    let numbers = text
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .map_while(|w| std::str::from_utf8(w).ok()?.parse::<u64>().ok());
    if one {
        numbers.take(1).collect()
    } else {
        numbers.collect()
    }
}

/// A dictionary's text with `#xx` escapes in names decoded (`/Fl#61teDecode` is
/// `/FlateDecode` to the parser).
fn unescaped(dict: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(dict.len());
    let mut i = 0;
    while i < dict.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            dict[i],
            dict.get(i + 1).copied().and_then(hex),
            dict.get(i + 2).copied().and_then(hex),
        ) {
            (b'#', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The filters a dictionary's text names after `/Filter` (a name or an array of names, full
/// or abbreviated); an indirect `/Filter` reads as LZW, the stage that expands most.
fn filters_of(dict: &[u8]) -> Vec<Filter> {
    let Some(at) = find(dict, b"/Filter") else {
        return Vec::new();
    };
    let rest = dict[at + 7..].trim_ascii_start();
    if rest.first().is_some_and(u8::is_ascii_digit) {
        return vec![Filter::LzwDecode];
    }
    let text = match rest.strip_prefix(b"[") {
        Some(inner) => &inner[..inner.iter().position(|b| *b == b']').unwrap_or(inner.len())],
        None => {
            &rest[..rest
                .iter()
                .skip(1)
                .position(|b| b"/>[ \t\r\n".contains(b))
                .map_or(rest.len(), |p| p + 1)]
        }
    };
    text.split(|b| *b == b'/' || b.is_ascii_whitespace())
        .filter_map(|name| match name {
            b"FlateDecode" | b"Fl" => Some(Filter::FlateDecode),
            b"LZWDecode" | b"LZW" => Some(Filter::LzwDecode),
            b"RunLengthDecode" | b"RL" => Some(Filter::RunLengthDecode),
            b"ASCII85Decode" | b"A85" => Some(Filter::Ascii85Decode),
            b"ASCIIHexDecode" | b"AHx" => Some(Filter::AsciiHexDecode),
            b"DCTDecode" | b"DCT" | b"JPXDecode" | b"JBIG2Decode" | b"CCITTFaxDecode" | b"CCF" => {
                Some(Filter::DctDecode)
            }
            _ => None,
        })
        .take(8)
        .collect()
}

/// Every stream with filters, in one pass over the file: each stream's data ends at its
/// `endstream` and the scan goes on after it, so the work is linear in the file's size.
fn raw_streams(bytes: &[u8]) -> Vec<RawStream> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = find(&bytes[from..], b"stream") {
        let at = from + found;
        let Some(data) = stream_data(bytes, at) else {
            from = at + 6;
            continue;
        };
        let end = find(&bytes[data..], b"endstream").map_or(bytes.len(), |e| data + e);
        let dict = unescaped(dictionary(
            &bytes[from.max(at.saturating_sub(DICT_WINDOW))..at],
        ));
        from = end;
        let filters = filters_of(&dict);
        let objects = find(&dict, b"/XRef").map(|_| {
            let size = numbers_after(&dict, b"/Size").first().copied().unwrap_or(0);
            let index: u64 = numbers_after(&dict, b"/Index")
                .iter()
                .skip(1)
                .step_by(2)
                .fold(0, |a, n| a.saturating_add(*n));
            size.max(index)
        });
        let measurable = !filters.is_empty() && !is_image(&dict);
        if measurable || objects.is_some() {
            out.push(RawStream {
                data,
                end,
                filters,
                objects,
            });
        }
    }
    out
}

/// Where a stream's data starts: `stream` ends a dictionary (`>>` before it) and is followed
/// by an end of line. `None` for the word inside other data or `endstream`.
fn stream_data(bytes: &[u8], at: usize) -> Option<usize> {
    let mut before = bytes[..at].trim_ascii_end();
    // Comments between the dictionary and `stream` (`>> % note`) are whitespace to a parser.
    for _ in 0..16 {
        let line = before
            .iter()
            .rposition(|b| *b == b'\n' || *b == b'\r')
            .map_or(0, |i| i + 1);
        match before[line..].iter().position(|b| *b == b'%') {
            Some(p) if !before[line..line + p].contains(&b'(') => {
                before = before[..line + p].trim_ascii_end();
            }
            _ => break,
        }
    }
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

/// The object's text before `stream`, from its `N G obj` keyword when the window holds it
/// (`obj` inside a name such as `/Xobj` is not one).
fn dictionary(window: &[u8]) -> &[u8] {
    let keyword = |i: usize| {
        let before = window[..i].trim_ascii_end();
        i > before.len()
            && before.last().is_some_and(u8::is_ascii_digit)
            && window
                .get(i + 3)
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'<')
    };
    let at = window
        .windows(3)
        .enumerate()
        .rev()
        .find(|(i, w)| *w == b"obj" && keyword(*i))
        .map(|(i, _)| i);
    match at {
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

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
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
        let err = check_raw(&bomb, &limits).err().map(|e| e.kind());
        assert_eq!(err, Some("limit_exceeded"));
        let fine = pdf_with(&zlib(b"BT /F1 12 Tf (x) Tj ET"), "/Filter /FlateDecode");
        assert!(check_raw(&fine, &limits).is_ok());
        // An image is never decoded by the reader, so its size does not count.
        let image = pdf_with(
            &zlib(&vec![0; 4 << 20]),
            "/Subtype /Image /Filter /FlateDecode",
        );
        assert!(check_raw(&image, &limits).is_ok());
    }

    #[test]
    fn chained_filters_are_counted_through_every_stage() {
        let limits = Limits {
            max_entry_bytes: 1 << 20,
            ..Limits::default()
        };
        let twice = zlib(&zlib(&vec![b'0'; 4 << 20]));
        let pdf = pdf_with(&twice, "/Filter [/FlateDecode /FlateDecode]");
        assert!(check_raw(&pdf, &limits).is_err());
    }
}
