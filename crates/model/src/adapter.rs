//! The `Adapter` trait: one file format in, one `Document` out; plus its errors and limits.

use crate::catalogue::{format_name, Msg, Text};
use crate::{Document, Lang};
use thiserror::Error;

/// How sure an adapter is that some bytes are its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sniff {
    /// Certainly not this format.
    No,
    /// Could be (e.g. any decodable text).
    Maybe,
    /// Certainly this format (a magic number or container manifest says so).
    Yes,
}

/// What a hostile file may cost. Every adapter honours the ones that apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Largest uncompressed size of one archive entry.
    pub max_entry_bytes: u64,
    /// Largest uncompressed size of all entries read from one archive.
    pub max_total_bytes: u64,
    /// Largest compression ratio of an entry, enforced once it is above `ratio_floor_bytes`.
    pub max_ratio: u64,
    /// Entries smaller than this are never refused for their ratio.
    pub ratio_floor_bytes: u64,
    /// Most entries in one archive.
    pub max_entries: usize,
    /// Deepest XML element nesting.
    pub max_depth: usize,
    /// Largest text or HTML file (a report's text is well under 1 MB).
    pub max_text_bytes: u64,
    /// Largest area (rows x columns) one worksheet's cells may span (a report sheet spans
    /// about 1,000; readers allocate the whole area).
    pub max_sheet_cells: u64,
    /// Most pages read from one PDF or OFD.
    pub max_pages: usize,
    /// Most drawing operations (glyphs, paths, clips, images) interpreted in one PDF or OFD: bounds
    /// the work of content streams and of forms that draw forms.
    pub max_drawn: usize,
    /// Most seconds one PDF or OFD may take to interpret: the drawing budget bounds the operations,
    /// this bounds what each costs (a broken cross-reference table makes every object lookup
    /// a search).
    pub max_seconds: u64,
    /// Most table cells one document may hold (a report has about 400; a long document with
    /// many tables a few thousand): bounds what text, HTML and DOCX files cost in memory.
    pub max_cells: usize,
    /// Most memory (bytes of heap and other private data) a worker process may use to read
    /// one file, beyond three times the file's size; enforced by the operating system where
    /// files are read in worker processes (`xxgk-isolate`), so a file over it costs that file
    /// only.
    pub max_memory: u64,
    /// Most seconds OCR may spend on one document's scanned pages (a page takes a few), past
    /// which the pages left stay unread; the engine runs in child processes stopped at it.
    #[serde(default = "default_ocr_seconds")]
    pub max_ocr_seconds: u64,
}

fn default_ocr_seconds() -> u64 {
    120
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 << 20,
            max_entry_bytes: 128 << 20,
            max_total_bytes: 256 << 20,
            max_ratio: 200,
            ratio_floor_bytes: 1 << 20,
            max_entries: 10_000,
            max_depth: 256,
            max_text_bytes: 32 << 20,
            max_sheet_cells: 200_000,
            max_pages: 2_000,
            max_drawn: 1_000_000,
            max_seconds: 5,
            max_cells: 100_000,
            max_memory: 192 << 20,
            max_ocr_seconds: default_ocr_seconds(),
        }
    }
}

impl Limits {
    /// The compression ratio of a zip entry of `size` bytes (declared or inflated) packed in
    /// `packed`, where it breaks the ratio limit: over `max_ratio` once the entry is past
    /// `ratio_floor_bytes`. The one ratio rule of every zip reader (packages and archives).
    pub fn over_ratio(&self, size: u64, packed: u64) -> Option<u64> {
        let ratio = size / packed.max(1);
        (size > self.ratio_floor_bytes && ratio > self.max_ratio).then_some(ratio)
    }

    /// Refuses a document once it holds more than `max_cells` cells; `what` names them
    /// (Chinese, English).
    pub fn check_cells(&self, cells: usize, what: (&str, &str)) -> Result<(), ReadError> {
        if cells > self.max_cells {
            return Err(ReadError::LimitExceeded {
                what: Msg::new(
                    format!("{}（{cells} 个或更多）", what.0),
                    format!("{} ({cells} or more)", what.1),
                ),
                limit: self.max_cells as u64,
            });
        }
        Ok(())
    }

    /// Refuses a text or HTML file over `max_text_bytes`; `what` names it (Chinese, English).
    pub fn check_text(&self, len: usize, what: (&str, &str)) -> Result<(), ReadError> {
        if len as u64 > self.max_text_bytes {
            return Err(ReadError::LimitExceeded {
                what: Msg::new(
                    format!("{} {len} 字节", what.0),
                    format!("{} of {len} bytes", what.1),
                ),
                limit: self.max_text_bytes,
            });
        }
        Ok(())
    }
}

/// Why a file could not be read at all. Content problems are never errors: they become
/// [`crate::Diagnostic`]s inside the `Document`. Only an unreadable container fails.
///
/// `Display` is English; [`ReadError::describe`] says it in the reader's language.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The bytes are not this adapter's format.
    #[error("not a {format} file: {detail}")]
    NotThisFormat {
        /// The format expected.
        format: &'static str,
        /// What was found instead.
        detail: Msg,
    },
    /// The document is password-protected.
    #[error("the {format} file is encrypted (password-protected); save it without a password")]
    Encrypted {
        /// The format.
        format: &'static str,
    },
    /// The container or its XML is damaged.
    #[error("the {format} file is corrupt: {detail}")]
    Corrupt {
        /// The format.
        format: &'static str,
        /// What is broken, and where.
        detail: Msg,
    },
    /// A limit in [`Limits`] was exceeded.
    #[error("limit exceeded: {what} (limit {limit})")]
    LimitExceeded {
        /// Which quantity.
        what: Msg,
        /// The limit in force.
        limit: u64,
    },
    /// A format xxgk recognises but does not read (yet), such as a Word 95 document.
    #[error("unsupported format: {0}")]
    Unsupported(Msg),
    /// The text could not be decoded.
    #[error("cannot decode text: {0}")]
    Encoding(Msg),
}

impl ReadError {
    /// A short stable name of the error class, for manifests and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            ReadError::NotThisFormat { .. } => "not_this_format",
            ReadError::Encrypted { .. } => "encrypted",
            ReadError::Corrupt { .. } => "corrupt",
            ReadError::LimitExceeded { .. } => "limit_exceeded",
            ReadError::Unsupported(_) => "unsupported",
            ReadError::Encoding(_) => "encoding",
        }
    }

    /// The error in the reader's language (English is the same as `Display`).
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ReadError::NotThisFormat { format, detail } => {
                Text::ErrNotThisFormat.fill(lang, &[&format_name(format, lang), &detail.get(lang)])
            }
            ReadError::Encrypted { format } => {
                Text::ErrEncrypted.fill(lang, &[&format_name(format, lang)])
            }
            ReadError::Corrupt { format, detail } => {
                Text::ErrCorrupt.fill(lang, &[&format_name(format, lang), &detail.get(lang)])
            }
            ReadError::LimitExceeded { what, limit } => {
                Text::ErrLimit.fill(lang, &[&what.get(lang), limit])
            }
            ReadError::Unsupported(m) => Text::ErrUnsupported.fill(lang, &[&m.get(lang)]),
            ReadError::Encoding(m) => Text::ErrEncoding.fill(lang, &[&m.get(lang)]),
        }
    }
}

/// A reader of one file format. One required method, `read`; the rest describe the format.
///
/// **Architecture invariant:** an adapter knows its file format and nothing about annual
/// reports; it never builds a `Report`.
pub trait Adapter: Send + Sync {
    /// Short name, e.g. `"docx"`.
    fn name(&self) -> &'static str;
    /// File extensions (lower case, no dot) this adapter usually reads.
    fn extensions(&self) -> &'static [&'static str];
    /// Looks at the bytes (the whole file) and says whether they are this format.
    fn sniff(&self, bytes: &[u8]) -> Sniff;
    /// Reads the bytes into a `Document`.
    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError>;
}
