//! Shared container code for the DOCX, XLSX and OFD adapters: opening the zip with the limits a
//! hostile file may not exceed (entry count, declared and real uncompressed size, compression
//! ratio), and telling encrypted or legacy OLE files from real packages.
//!
//! **Architecture invariant:** knows zip and OLE containers, nothing about the XML inside but
//! the one rule for its references (`xml.rs`).

pub mod ole;
pub mod xml;

use std::io::{Cursor, Read};
use xxgk_model::{Limits, Msg, ReadError};
use zip::ZipArchive;

/// An opened OOXML package.
pub type Package<'a> = ZipArchive<Cursor<&'a [u8]>>;

const OLE_MAGIC: &[u8] = ole::MAGIC;

/// True when the bytes start like a zip file.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// True for an OLE compound file holding an encrypted OOXML package (what Office writes when a
/// password is set): it carries an `EncryptionInfo` stream.
pub fn is_encrypted_ole(bytes: &[u8]) -> bool {
    ole_has_stream(bytes, &["EncryptionInfo"])
}

/// True for an OLE compound file whose root storage holds one of these streams: read from its
/// directory, or, where the directory cannot be read, by the names' bytes in the file.
pub fn ole_has_stream(bytes: &[u8], names: &[&str]) -> bool {
    if !bytes.starts_with(OLE_MAGIC) {
        return false;
    }
    match ole::Ole::open(bytes, "OLE") {
        Ok(file) => names.iter().any(|n| file.has_stream(n)),
        Err(_) => names.iter().any(|n| {
            let needle: Vec<u8> = n.encode_utf16().flat_map(u16::to_le_bytes).collect();
            bytes.windows(needle.len()).any(|w| w == needle.as_slice())
        }),
    }
}

/// True when a zip package has an entry with this name (cheap: central directory only). A
/// damaged package whose directory cannot be read is judged by its local headers, so that a
/// truncated DOCX is still recognised as one, and fails as corrupt rather than unknown.
pub fn has_entry(bytes: &[u8], name: &str) -> bool {
    if !is_zip(bytes) {
        return false;
    }
    // The names live in the central directory at the end: find it through the end-of-central-
    // directory record and search only there, without parsing the archive (sniffing runs for
    // every adapter on every file). A truncated zip has no directory: search the whole file.
    let region = central_directory(bytes).unwrap_or(bytes);
    let needle = name.as_bytes();
    region.windows(needle.len()).any(|w| w == needle)
}

/// The bytes of the central directory, located by the end-of-central-directory record.
fn central_directory(bytes: &[u8]) -> Option<&[u8]> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let eocd = tail_start + bytes[tail_start..].windows(4).rposition(|w| w == EOCD)?;
    let field = |at: usize| -> Option<usize> {
        let b = bytes.get(eocd + at..eocd + at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let (size, offset) = (field(12)?, field(16)?);
    bytes.get(offset..offset.checked_add(size)?)
}

/// What a package adapter says of bytes: `Yes` when they are its package (`ours`), `Maybe`
/// for an encrypted OOXML package (the extension then decides which adapter reports it), else
/// `No`.
pub fn sniff_package(bytes: &[u8], ours: bool) -> xxgk_model::Sniff {
    if ours {
        xxgk_model::Sniff::Yes
    } else if is_encrypted_ole(bytes) {
        xxgk_model::Sniff::Maybe
    } else {
        xxgk_model::Sniff::No
    }
}

/// Opens a package, refusing encrypted files, legacy OLE files and too many entries.
pub fn open<'a>(
    bytes: &'a [u8],
    format: &'static str,
    limits: &Limits,
) -> Result<Package<'a>, ReadError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("文件 {} 字节", bytes.len()),
                format!("file of {} bytes", bytes.len()),
            ),
            limit: limits.max_file_bytes,
        });
    }
    if is_encrypted_ole(bytes) {
        return Err(ReadError::Encrypted { format });
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Err(ReadError::Unsupported(Msg::new(
            format!("扩展名为 {format} 的旧版 OLE 文档（Word .doc / WPS / Excel .xls）；请另存为 {format}"),
            format!("a legacy OLE document (Word .doc / WPS / Excel .xls) named as {format}; save it as {format}"),
        )));
    }
    if !is_zip(bytes) {
        return Err(ReadError::NotThisFormat {
            format,
            detail: Msg::new("不是 zip 包", "not a zip package"),
        });
    }
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Corrupt {
        format,
        detail: Msg::quoting("无法打开 zip 容器", "cannot open the zip container", e),
    })?;
    if archive.len() > limits.max_entries {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("zip 条目 {} 个", archive.len()),
                format!("{} zip entries", archive.len()),
            ),
            limit: limits.max_entries as u64,
        });
    }
    Ok(archive)
}

/// Reads one XML part, enforcing the size and compression-ratio limits on what is actually
/// inflated (declared sizes can lie). A part is text, so it is bounded like a text file
/// (`max_text_bytes`, 32 MiB: a report's `document.xml` is well under 1 MiB), which keeps one
/// document under its memory budget. `Ok(None)` when the entry does not exist.
pub fn read_entry(
    package: &mut Package<'_>,
    name: &str,
    format: &'static str,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, ReadError> {
    let corrupt = |e: zip::result::ZipError| ReadError::Corrupt {
        format,
        detail: Msg::quoting(
            &format!("条目 {name} 无法读取"),
            &format!("entry {name}"),
            e,
        ),
    };
    let Some(index) = package.index_for_name(name) else {
        return Ok(None);
    };
    let entry = package.by_index(index).map_err(corrupt)?;
    if entry.encrypted() {
        return Err(ReadError::Encrypted { format });
    }
    let limit = limits.max_entry_bytes.min(limits.max_text_bytes);
    if entry.size() > limit {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("条目 {name} 声明解压后 {} 字节", entry.size()),
                format!("entry {name} declares {} bytes uncompressed", entry.size()),
            ),
            limit,
        });
    }
    let compressed = entry.compressed_size();
    let mut out = Vec::with_capacity(entry.size().min(limit) as usize);
    entry
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| ReadError::Corrupt {
            format,
            detail: Msg::quoting(
                &format!("条目 {name} 无法解压"),
                &format!("entry {name} cannot be inflated"),
                e,
            ),
        })?;
    let size = out.len() as u64;
    if size > limit {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("条目 {name} 解压后超过条目大小限制"),
                format!("entry {name} inflates past the entry size limit"),
            ),
            limit,
        });
    }
    if let Some(ratio) = limits.over_ratio(size, compressed) {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("条目 {name} 压缩比 {ratio}:1"),
                format!("entry {name} compression ratio {ratio}:1"),
            ),
            limit: limits.max_ratio,
        });
    }
    Ok(Some(out))
}
