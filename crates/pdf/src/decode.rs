//! Streaming decoders for the PDF stream filters the interpreter decodes whole: Flate, LZW,
//! RunLength, ASCIIHex and ASCII85, chained as the stream's `/Filter` says. They exist to
//! *measure*: the guard streams a stream's decoded bytes through them, counting and scanning
//! without keeping more than a buffer, before the interpreter is allowed to allocate them
//! (`guard.rs`). Each is a `Read` over the previous stage, so a chain costs one buffer per
//! stage whatever it expands to. A stage that meets data it cannot decode returns an error:
//! the interpreter's decoders are more lenient (hayro's Flate falls back to a decoder that
//! reads past damage), so a count that ended on an error is not a measurement ([`Measure`]).

use flate2::read::{DeflateDecoder, ZlibDecoder};
use hayro_interpret::hayro_syntax::Filter;
use std::io::{self, Read};

/// The most one stage can expand its input, per filter (DEFLATE's longest match in its
/// shortest code; an LZW code of 9 bits naming a string of 4,096; a RunLength pair of 128;
/// an ASCII85 `z` of 4). `None` for the image filters, which the reader never decodes.
pub(crate) fn max_ratio(filter: Filter) -> Option<u64> {
    match filter {
        Filter::FlateDecode => Some(1032),
        Filter::LzwDecode => Some(3641),
        Filter::RunLengthDecode => Some(64),
        Filter::Ascii85Decode => Some(4),
        Filter::AsciiHexDecode | Filter::Crypt => Some(1),
        _ => None,
    }
}

/// The decoded bytes of `data` through `filters`, as a reader.
pub(crate) fn chain<'a>(data: &'a [u8], filters: &[Filter]) -> Box<dyn Read + 'a> {
    let mut reader: Box<dyn Read + 'a> = Box::new(data);
    for f in filters {
        reader = match f {
            Filter::FlateDecode => inflater(reader),
            Filter::LzwDecode => Box::new(Lzw::new(reader)),
            Filter::RunLengthDecode => Box::new(RunLength::new(reader)),
            Filter::AsciiHexDecode => Box::new(Bytewise::new(reader, Hex::default())),
            Filter::Ascii85Decode => Box::new(Bytewise::new(reader, A85::default())),
            _ => reader,
        };
    }
    reader
}

/// What streaming a stream's decoded bytes found: how many (at most `cap + 1`), and whether
/// the data ended where its encoding says it ends (else the count is only a lower bound).
pub(crate) struct Measure {
    pub bytes: u64,
    pub clean: bool,
}

/// Streams a reader's bytes to `visit`, at most `cap + 1` of them.
pub(crate) fn stream(
    reader: Box<dyn Read + '_>,
    cap: u64,
    mut visit: impl FnMut(&[u8]),
) -> Measure {
    let mut bytes = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    let mut limited = reader.take(cap.saturating_add(1));
    loop {
        match limited.read(&mut buf) {
            Ok(0) => return Measure { bytes, clean: true },
            Ok(n) => {
                visit(&buf[..n]);
                bytes += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => {
                return Measure {
                    bytes,
                    clean: false,
                }
            }
        }
    }
}

/// The error a stage returns on data it cannot decode.
fn undecodable() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "undecodable stream data")
}

/// A zlib stream, or raw deflate where the zlib header is missing (both occur in the wild).
fn inflater<'a>(mut inner: Box<dyn Read + 'a>) -> Box<dyn Read + 'a> {
    let mut head = [0u8; 2];
    let mut got = 0;
    while got < 2 {
        match inner.read(&mut head[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    let zlib =
        got == 2 && head[0] & 0x0F == 8 && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0;
    let whole = Box::new(io::Cursor::new(head[..got].to_vec()).chain(inner));
    if zlib {
        Box::new(ZlibDecoder::new(whole))
    } else {
        Box::new(DeflateDecoder::new(whole))
    }
}

/// Reads one byte; `None` at the end or on an error.
fn byte(r: &mut dyn Read) -> Option<u8> {
    let mut b = [0u8; 1];
    loop {
        match r.read(&mut b) {
            Ok(1) => return Some(b[0]),
            Ok(_) => return None,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        }
    }
}

/// Copies what is pending into `out`; the number of bytes copied.
fn drain(pending: &mut Vec<u8>, at: &mut usize, out: &mut [u8]) -> usize {
    let n = (pending.len() - *at).min(out.len());
    out[..n].copy_from_slice(&pending[*at..*at + n]);
    *at += n;
    if *at == pending.len() {
        pending.clear();
        *at = 0;
    }
    n
}

/// RunLength: a length byte, then that many + 1 bytes, or one byte repeated 257 − length
/// times; 128 ends the data.
struct RunLength<'a> {
    inner: io::BufReader<Box<dyn Read + 'a>>,
    pending: Vec<u8>,
    at: usize,
    done: bool,
}

impl<'a> RunLength<'a> {
    fn new(inner: Box<dyn Read + 'a>) -> Self {
        RunLength {
            inner: io::BufReader::new(inner),
            pending: Vec::new(),
            at: 0,
            done: false,
        }
    }
}

impl Read for RunLength<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pending.is_empty() && !self.done {
            match byte(&mut self.inner) {
                None | Some(128) => self.done = true,
                Some(n) if n < 128 => {
                    for _ in 0..=n {
                        match byte(&mut self.inner) {
                            Some(b) => self.pending.push(b),
                            None => {
                                self.done = true;
                                break;
                            }
                        }
                    }
                }
                Some(n) => match byte(&mut self.inner) {
                    Some(b) => self.pending.resize(257 - usize::from(n), b),
                    None => self.done = true,
                },
            }
        }
        Ok(drain(&mut self.pending, &mut self.at, out))
    }
}

/// LZW as PDF writes it: codes of 9 to 12 bits, most significant bit first, 256 clears the
/// table, 257 ends the data, the code width grows one code early (`/EarlyChange 1`, the
/// default).
struct Lzw<'a> {
    inner: io::BufReader<Box<dyn Read + 'a>>,
    /// Each table entry: the entry it extends, and its last byte.
    table: Vec<(u16, u8)>,
    previous: Option<u16>,
    bits: u32,
    nbits: u32,
    pending: Vec<u8>,
    at: usize,
    done: bool,
}

impl<'a> Lzw<'a> {
    fn new(inner: Box<dyn Read + 'a>) -> Self {
        Lzw {
            inner: io::BufReader::new(inner),
            table: Self::fresh(),
            previous: None,
            bits: 0,
            nbits: 0,
            pending: Vec::new(),
            at: 0,
            done: false,
        }
    }

    fn fresh() -> Vec<(u16, u8)> {
        let mut t: Vec<(u16, u8)> = (0..=255u8).map(|b| (u16::MAX, b)).collect();
        t.extend([(u16::MAX, 0), (u16::MAX, 0)]); // 256 clear, 257 end
        t
    }

    fn width(&self) -> u32 {
        match self.table.len() + 1 {
            n if n >= 2048 => 12,
            n if n >= 1024 => 11,
            n if n >= 512 => 10,
            _ => 9,
        }
    }

    fn code(&mut self) -> Option<u16> {
        let width = self.width();
        while self.nbits < width {
            self.bits = (self.bits << 8) | u32::from(byte(&mut self.inner)?);
            self.nbits += 8;
        }
        self.nbits -= width;
        let code = (self.bits >> self.nbits) & ((1 << width) - 1);
        self.bits &= (1 << self.nbits) - 1;
        Some(code as u16)
    }

    /// The string of entry `code`, appended to `pending` (walked back, then reversed).
    fn emit(&mut self, code: u16) -> Option<u8> {
        let start = self.pending.len();
        let mut c = code;
        loop {
            let (prefix, last) = *self.table.get(usize::from(c))?;
            self.pending.push(last);
            if prefix == u16::MAX {
                break;
            }
            c = prefix;
        }
        self.pending[start..].reverse();
        self.pending.get(start).copied()
    }
}

impl Read for Lzw<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pending.is_empty() && !self.done {
            // Data that ends without its end code, or names a code not yet defined, is not
            // LZW as this reads it (`/EarlyChange 0`, damage): not a measurement.
            let Some(code) = self.code() else {
                return Err(undecodable());
            };
            match code {
                256 => {
                    self.table = Self::fresh();
                    self.previous = None;
                }
                257 => self.done = true,
                _ => {
                    let known = usize::from(code) < self.table.len();
                    let first = match (known, self.previous) {
                        (true, _) => self.emit(code),
                        // The code being defined: the previous string and its own first byte.
                        (false, Some(p)) if usize::from(code) == self.table.len() => {
                            let first = self.emit(p);
                            if let Some(f) = first {
                                self.pending.push(f);
                            }
                            first
                        }
                        _ => None,
                    };
                    let Some(first) = first else {
                        return Err(undecodable());
                    };
                    if let Some(p) = self.previous {
                        if self.table.len() < 4096 {
                            self.table.push((p, first));
                        }
                    }
                    self.previous = Some(code);
                }
            }
        }
        Ok(drain(&mut self.pending, &mut self.at, out))
    }
}

/// A decoder that turns each input byte into zero or more output bytes.
trait Step {
    /// Feeds one byte; returns false at the end of the data.
    fn feed(&mut self, b: u8, out: &mut Vec<u8>) -> bool;
    /// Flushes what is left at the end.
    fn finish(&mut self, out: &mut Vec<u8>);
}

struct Bytewise<'a, S> {
    inner: io::BufReader<Box<dyn Read + 'a>>,
    step: S,
    pending: Vec<u8>,
    at: usize,
    done: bool,
}

impl<'a, S: Step> Bytewise<'a, S> {
    fn new(inner: Box<dyn Read + 'a>, step: S) -> Self {
        Bytewise {
            inner: io::BufReader::new(inner),
            step,
            pending: Vec::new(),
            at: 0,
            done: false,
        }
    }
}

impl<S: Step> Read for Bytewise<'_, S> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pending.len() < 4096 && !self.done {
            match byte(&mut self.inner) {
                Some(b) if self.step.feed(b, &mut self.pending) => {}
                _ => {
                    self.step.finish(&mut self.pending);
                    self.done = true;
                }
            }
        }
        Ok(drain(&mut self.pending, &mut self.at, out))
    }
}

/// ASCIIHex: pairs of hex digits, whitespace skipped, `>` ends.
#[derive(Default)]
struct Hex {
    high: Option<u8>,
}

impl Step for Hex {
    fn feed(&mut self, b: u8, out: &mut Vec<u8>) -> bool {
        let digit = match b {
            b'>' => return false,
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => return true,
        };
        match self.high.take() {
            Some(h) => out.push(h << 4 | digit),
            None => self.high = Some(digit),
        }
        true
    }

    fn finish(&mut self, out: &mut Vec<u8>) {
        if let Some(h) = self.high.take() {
            out.push(h << 4);
        }
    }
}

/// ASCII85: groups of five characters `!`..`u` make four bytes, `z` four zeros, `~>` ends.
#[derive(Default)]
struct A85 {
    group: [u8; 5],
    n: usize,
}

impl A85 {
    fn flush(&mut self, out: &mut Vec<u8>) {
        if self.n < 2 {
            self.n = 0;
            return;
        }
        for i in self.n..5 {
            self.group[i] = 84;
        }
        let value = self.group.iter().fold(0u64, |v, d| v * 85 + u64::from(*d)) as u32;
        out.extend_from_slice(&value.to_be_bytes()[..self.n - 1]);
        self.n = 0;
    }
}

impl Step for A85 {
    fn feed(&mut self, b: u8, out: &mut Vec<u8>) -> bool {
        match b {
            b'~' => return false,
            b'z' => {
                // Mid-group, the group so far ends first (as the interpreter reads it).
                self.flush(out);
                out.extend_from_slice(&[0; 4]);
            }
            b'!'..=b'u' => {
                self.group[self.n] = b - b'!';
                self.n += 1;
                if self.n == 5 {
                    self.flush(out);
                }
            }
            _ => {}
        }
        true
    }

    fn finish(&mut self, out: &mut Vec<u8>) {
        self.flush(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(data: &[u8], filters: &[Filter]) -> Vec<u8> {
        let mut out = Vec::new();
        stream(chain(data, filters), u64::MAX - 1, |b| {
            out.extend_from_slice(b)
        });
        out
    }

    #[test]
    fn run_length_literal_and_repeated_runs() {
        assert_eq!(
            all(
                &[2, b'a', b'b', b'c', 254, b'x', 128, 9],
                &[Filter::RunLengthDecode]
            ),
            b"abcxxx"
        );
    }

    #[test]
    fn ascii_hex_and_ascii85() {
        assert_eq!(
            all(b"48 65 6c6C6f 7>", &[Filter::AsciiHexDecode]),
            b"Hellop"
        );
        assert_eq!(all(b"87cURDZ~>", &[Filter::Ascii85Decode]), b"Hello");
        assert_eq!(all(b"z~>", &[Filter::Ascii85Decode]), [0; 4]);
    }

    #[test]
    fn lzw_of_the_specification_example() {
        // PDF 32000-1:2008 7.4.4.2: "-----A---B" encoded with EarlyChange 1.
        let codes: [u16; 8] = [256, 45, 258, 258, 65, 259, 66, 257];
        let mut bits = 0u128;
        for c in codes {
            bits = bits << 9 | u128::from(c);
        }
        let total = 9 * codes.len();
        let padded = bits << ((8 - total % 8) % 8);
        let bytes: Vec<u8> = (0..total.div_ceil(8))
            .rev()
            .map(|i| (padded >> (8 * i)) as u8)
            .collect();
        assert_eq!(all(&bytes, &[Filter::LzwDecode]), b"-----A---B");
    }

    #[test]
    fn counting_stops_past_the_cap() {
        let runs = [129u8, 0].repeat(1000); // 128,000 zeros
        let m = stream(chain(&runs, &[Filter::RunLengthDecode]), 999, |_| {});
        assert_eq!(m.bytes, 1000);
    }

    #[test]
    fn damage_is_not_a_measurement() {
        // A stored deflate block whose length check fails, before anything else.
        let m = stream(
            chain(b"\x78\x9c\x00\x05\x00\x00\x00", &[Filter::FlateDecode]),
            1 << 20,
            |_| {},
        );
        assert!(!m.clean);
        // LZW that names a code it never defined.
        let m = stream(
            chain(&[0x80, 0x7f, 0xff, 0xff], &[Filter::LzwDecode]),
            1 << 20,
            |_| {},
        );
        assert!(!m.clean);
        let fine = stream(
            chain(b"87cURDZ~>", &[Filter::Ascii85Decode]),
            1 << 20,
            |_| {},
        );
        assert!(fine.clean && fine.bytes == 5);
    }
}
