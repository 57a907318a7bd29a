//! The xxgk library: the adapter registry, content sniffing and the parse pipeline.
//!
//! ```text
//! bytes --sniff--> Adapter::read --> Document --normalize--> Report --validate--> findings
//! ```
//!
//! A user's crate can add its own adapter at run time with [`Registry::register`]; see
//! `examples/custom_adapter.rs`.

mod original;
mod registry;

pub use original::{original, Original, OriginalCell};
pub use registry::Registry;
pub use xxgk_model as model;
pub use xxgk_normalize::cross::{compare, Comparison, Cross};
pub use xxgk_normalize::{agency, correct, standing, validate, Options, RULES};
pub use xxgk_pdf::{PageView, Place};

use std::path::{Path, PathBuf};
use thiserror::Error;
use xxgk_model::{Lang, Limits, Msg, ReadError, Report, Text};

/// Why a file could not be parsed at all (its findings are never errors). `Display` is
/// English; [`Error::describe`] says it in the reader's language.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read from disk.
    #[error("{path}: cannot read file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// No registered adapter recognises the content.
    #[error("{path}: not a format xxgk reads ({reason})")]
    UnknownFormat {
        /// The file.
        path: PathBuf,
        /// What the content looks like instead.
        reason: Msg,
    },
    /// The adapter chosen for the content could not read it.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The adapter that tried.
        adapter: &'static str,
        /// What went wrong.
        source: ReadError,
    },
    /// The file was read in a worker process (`xxgk-isolate`): the worker's own read error as
    /// it said it, or why the worker stopped (a crash, its memory or time limit).
    #[error("{path}: {reason}")]
    Isolated {
        /// The file.
        path: PathBuf,
        /// The error class, as [`Error::kind`] names it (`crashed` when the worker died).
        kind: &'static str,
        /// What went wrong, without the file name.
        reason: Msg,
    },
}

impl Error {
    /// Every name [`Error::kind`] can give (`crashed`: a worker process died reading the file).
    pub const KINDS: [&'static str; 9] = [
        "io",
        "unknown_format",
        "not_this_format",
        "encrypted",
        "corrupt",
        "limit_exceeded",
        "unsupported",
        "encoding",
        "crashed",
    ];

    /// What went wrong, in both languages, without the file name (for a list that names the
    /// file in a column of its own).
    pub fn reason(&self) -> Msg {
        match self {
            Error::Read { source, .. } => {
                Msg::new(source.describe(Lang::Zh), source.describe(Lang::En))
            }
            Error::UnknownFormat { reason, .. } | Error::Isolated { reason, .. } => reason.clone(),
            Error::Io { source, .. } => Msg::io(source),
        }
    }

    /// A short stable name of the error class (`io`, `unknown_format`, or the read error kind).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::UnknownFormat { .. } => "unknown_format",
            Error::Read { source, .. } => source.kind(),
            Error::Isolated { kind, .. } => kind,
        }
    }

    /// The error in the reader's language, naming the file.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Error::Io { path, source } => {
                Text::ErrIo.fill(lang, &[&path.display(), &Msg::io(source).get(lang)])
            }
            Error::UnknownFormat { path, reason } => {
                Text::ErrUnknownFormat.fill(lang, &[&path.display(), &reason.get(lang)])
            }
            Error::Read { path, source, .. } => {
                format!("{}: {}", path.display(), source.describe(lang))
            }
            Error::Isolated { path, reason, .. } => {
                format!("{}: {}", path.display(), reason.get(lang))
            }
        }
    }
}

/// Options of one parse.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions {
    /// Language of finding messages.
    pub lang: Lang,
    /// Limits on what a hostile file may cost.
    pub limits: Limits,
    /// The adapter to read with, by its name ([`Registry::named`]); `None`: the content
    /// decides (sniffing).
    pub format: Option<&'static str>,
}

impl ParseOptions {
    /// The environment variable that sets a worker's memory limit, in MiB (a small machine, or
    /// files known to be large).
    pub const MEMORY_VAR: &'static str = "XXGK_MEMORY_MIB";

    /// The environment variable that sets the OCR time of one document, in seconds.
    pub const OCR_SECONDS_VAR: &'static str = "XXGK_OCR_SECONDS";

    /// The default options in `lang`, but for the memory limit where [`Self::MEMORY_VAR`] sets
    /// it and the OCR time where [`Self::OCR_SECONDS_VAR`] does.
    pub fn from_env(lang: Lang) -> Self {
        let mut opts = ParseOptions {
            lang,
            ..ParseOptions::default()
        };
        if let Some(mib) = std::env::var(Self::MEMORY_VAR)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|&mib| mib > 0)
        {
            opts.limits.max_memory = mib.saturating_mul(1 << 20);
        }
        if let Some(seconds) = std::env::var(Self::OCR_SECONDS_VAR)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            opts.limits.max_ocr_seconds = seconds;
        }
        opts
    }
}

/// The seconds reading one document may take: interpretation (`max_seconds`), and OCR of
/// scanned pages (`max_ocr_seconds`) where an OCR program is found (`Engine::program`, without
/// asking it whether it has the Chinese model). What a supervisor waits for.
pub fn reading_seconds(limits: &Limits) -> u64 {
    let ocr = if xxgk_scan::Engine::program().is_ok() {
        limits.max_ocr_seconds
    } else {
        0
    };
    limits.max_seconds.saturating_add(ocr)
}

/// Parses bytes: sniff (unless `opts.format` names the adapter), read, normalize, validate. `name` is the file name (for agency/year
/// when the content has no title, and for the extension as a tie-breaker).
pub fn parse_bytes(
    registry: &Registry,
    bytes: &[u8],
    name: &Path,
    opts: &ParseOptions,
) -> Result<Report, Error> {
    let (adapter, doc) = document(registry, bytes, name, opts)?;
    let norm = Options {
        lang: opts.lang,
        file_name: Some(name.to_string_lossy().into_owned()),
    };
    let mut report = xxgk_normalize::process(&doc, &norm);
    report.adapter = Some(adapter.name().to_string());
    Ok(report)
}

/// The adapter for some bytes: `opts.format`'s, else sniffed.
fn adapter<'r>(
    registry: &'r Registry,
    bytes: &[u8],
    name: &Path,
    opts: &ParseOptions,
) -> Result<&'r dyn xxgk_model::Adapter, Error> {
    match opts.format {
        None => registry.detect(bytes, name),
        Some(format) => registry.named(format).ok_or_else(|| Error::UnknownFormat {
            path: name.to_path_buf(),
            reason: unknown_format(format),
        }),
    }
}

/// The adapter for some bytes and what it reads of them.
fn document<'r>(
    registry: &'r Registry,
    bytes: &[u8],
    name: &Path,
    opts: &ParseOptions,
) -> Result<(&'r dyn xxgk_model::Adapter, xxgk_model::Document), Error> {
    let adapter = adapter(registry, bytes, name, opts)?;
    let doc = adapter
        .read(bytes, &opts.limits)
        .map_err(|source| Error::Read {
            path: name.to_path_buf(),
            adapter: adapter.name(),
            source,
        })?;
    Ok((adapter, doc))
}

/// Why a format named by a caller cannot be read: no adapter has that name.
pub fn unknown_format(name: &str) -> Msg {
    Msg::quoting("没有这种格式的读取器", "no reader of this format", name)
}

/// Reads a file from disk (refusing files over the size limit) and parses it.
pub fn parse_path(registry: &Registry, path: &Path, opts: &ParseOptions) -> Result<Report, Error> {
    let bytes = read_file(path, &opts.limits)?;
    parse_bytes(registry, &bytes, path, opts)
}

/// Reads a file to parse, refusing before reading it all what is over a limit: a file over
/// `max_file_bytes`, and a file over `max_text_bytes` whose first bytes are not a document
/// container (zip, OLE, PDF) — text or HTML that large is not a report, and reading it would
/// cost its whole size in memory.
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, Error> {
    use std::io::Read as _;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let refuse = |what: Msg, limit: u64| Error::Read {
        path: path.to_path_buf(),
        adapter: "-",
        source: ReadError::LimitExceeded { what, limit },
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::ErrorKind::IsADirectory.into()));
    }
    if !meta.is_file() {
        // A FIFO, socket or device: opening it could wait forever or never end.
        return Err(Error::UnknownFormat {
            path: path.to_path_buf(),
            reason: Msg::from_text(Text::NotRegularFile, &[]),
        });
    }
    let size = meta.len();
    if size > limits.max_file_bytes {
        return Err(refuse(
            Msg::new(format!("文件 {size} 字节"), format!("file of {size} bytes")),
            limits.max_file_bytes,
        ));
    }
    let mut file = std::fs::File::open(path).map_err(io)?;
    if size > limits.max_text_bytes {
        let mut head = [0u8; 8];
        let n = file.read(&mut head).map_err(io)?;
        let head = &head[..n];
        let container = head.starts_with(b"PK")
            || head.starts_with(b"\xD0\xCF\x11\xE0")
            || head.starts_with(b"%PDF");
        if !container {
            return Err(refuse(
                Msg::new(
                    format!("文本文件 {size} 字节"),
                    format!("text file of {size} bytes"),
                ),
                limits.max_text_bytes,
            ));
        }
        let mut bytes = head.to_vec();
        (&mut file)
            .take(limits.max_file_bytes + 1 - n as u64)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        return Ok(bytes);
    }
    // The size on disk is only a hint: a device (`/dev/zero`) or a growing file reads on.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        let max = limits.max_file_bytes;
        return Err(refuse(
            Msg::new(
                format!("文件超过 {max} 字节"),
                format!("file of more than {max} bytes"),
            ),
            max,
        ));
    }
    Ok(bytes)
}
