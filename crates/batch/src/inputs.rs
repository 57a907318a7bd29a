//! Inputs of a batch: files, folders (recursive, sorted) and zip archives (entries in archive
//! order, a zip inside a zip one level deep), each becoming one [`Input`] whose bytes are loaded
//! only when a worker processes it. Entry names without the UTF-8 flag (Chinese Windows) are
//! decoded as GB18030.
//!
//! Every input is accounted for: what cannot be listed or read (an unreadable folder, a corrupt
//! or over-limit archive, an entry whose header is broken, a FIFO or device, a link to a
//! folder) is an input too, with the reason it fails or is skipped. Links to folders are not
//! followed (two `ln -s . a` would list forever); the output folder is never read.
//!
//! Archives are opened once: [`Archives`] keeps the last few opened archives (their bytes and
//! parsed central directory, an inner zip inflated once), and a batch reads an archive's
//! entries one after another, so each entry costs its own inflation only.

use crate::folder;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use xxgk::model::{Lang, Limits, Msg, Text};
use zip::ZipArchive;

/// Zip levels opened: an archive, and zips inside it.
const ZIP_LEVELS: usize = 2;

/// One file to process: a file on disk, or an entry of an archive (possibly nested).
#[derive(Debug, Clone)]
pub struct Input {
    /// What the manifest shows: `dir/a.zip!/inner.zip!/报告.docx`.
    pub display: String,
    /// The file on disk.
    pub path: PathBuf,
    /// Zip entry indexes from the outer archive inward (empty for a plain file).
    pub entries: Vec<usize>,
    /// Why this input is not read at all (listed only to account for it), and whether that is
    /// a failure (a broken archive) rather than a skip (a link to a folder, a FIFO).
    pub refused: Option<(Refusal, Msg)>,
}

/// How an input that is not read counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It should have been readable: a corrupt archive, an unreadable folder, a limit.
    Failed,
    /// It is not a file to read: a link to a folder, a FIFO, a device.
    Skipped,
}

impl Input {
    fn file(path: &Path) -> Self {
        Input {
            display: shown(path),
            path: path.to_path_buf(),
            entries: Vec::new(),
            refused: None,
        }
    }

    fn refused(path: &Path, display: String, how: Refusal, why: Msg) -> Self {
        Input {
            display,
            path: path.to_path_buf(),
            entries: Vec::new(),
            refused: Some((how, why)),
        }
    }

    /// The name used for format tie-breaks and agency/year fallback: the last path element.
    pub fn name(&self) -> PathBuf {
        PathBuf::from(
            self.display
                .rsplit(['/', '\\', '!'])
                .next()
                .unwrap_or(&self.display),
        )
    }

    /// Loads the bytes, inflating archive entries within the limits.
    pub fn load(&self, limits: &Limits, archives: &Archives) -> Result<Vec<u8>, Msg> {
        if self.entries.is_empty() {
            return xxgk::read_file(&self.path, limits).map_err(|e| why(&e));
        }
        let (last, prefix) = self
            .entries
            .split_last()
            .ok_or_else(|| Msg::new("没有条目", "no entry"))?;
        let mut zip = archives.open(&self.path, prefix, limits)?;
        read_entry(&mut zip, *last, limits)
    }
}

type Zip = ZipArchive<Cursor<Arc<[u8]>>>;

/// Opened archives by (file, entry indexes of the zip inside it), oldest first.
type OpenArchives = Vec<((PathBuf, Vec<usize>), Zip)>;

/// The archives opened last, shared by the workers of a batch.
#[derive(Default)]
pub struct Archives {
    open: Mutex<OpenArchives>,
}

/// Archives kept open at a time (an archive and a zip inside it, for a few workers).
const KEEP_OPEN: usize = 4;

impl Archives {
    /// The archive at `path` and, inside it, the zip at entry indexes `inner`; cached.
    fn open(&self, path: &Path, inner: &[usize], limits: &Limits) -> Result<Zip, Msg> {
        let key = (path.to_path_buf(), inner.to_vec());
        if let Some((_, zip)) = self.lock().iter().find(|(k, _)| *k == key) {
            return Ok(zip.clone());
        }
        let zip = match inner.split_last() {
            None => parse_zip(read_limited(path, limits)?)?,
            Some((last, outer)) => {
                let mut outer = self.open(path, outer, limits)?;
                parse_zip(read_entry(&mut outer, *last, limits)?)?
            }
        };
        let mut open = self.lock();
        if open.len() >= KEEP_OPEN {
            open.remove(0);
        }
        open.push((key, zip.clone()));
        Ok(zip)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, OpenArchives> {
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn parse_zip(bytes: Vec<u8>) -> Result<Zip, Msg> {
    let other = if bytes.starts_with(b"Rar!") {
        Some("RAR")
    } else if bytes.starts_with(b"7z\xBC\xAF") {
        Some("7-Zip")
    } else {
        None
    };
    if let Some(kind) = other {
        return Err(Msg::new(
            format!("扩展名为 .zip 的 {kind} 压缩包：xxgk 只打开 zip 压缩包，请先解压"),
            format!("a {kind} archive named .zip: xxgk opens zip archives only; extract it first"),
        ));
    }
    ZipArchive::new(Cursor::new(Arc::from(bytes)))
        .map_err(|e| Msg::quoting("zip 压缩包已损坏", "corrupt zip", e))
}

/// A file's bytes, refused past the file limit before and while reading (a device such as
/// `/dev/zero` reports no size).
fn read_limited(path: &Path, limits: &Limits) -> Result<Vec<u8>, Msg> {
    xxgk::read_file(path, limits).map_err(|e| why(&e))
}

/// Why a file was not read, in both languages (a read error without the path the manifest
/// row already names).
pub(crate) fn why(e: &xxgk::Error) -> Msg {
    e.reason()
}

/// A path as the manifest shows it: UTF-8, or GB18030 for names written by Chinese Windows
/// tools (as for zip entry names), never replacement characters where the bytes decode.
fn shown(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        entry_name(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

fn is_zip_name(name: &str) -> bool {
    name.to_lowercase().ends_with(".zip")
}

/// Decodes a file or zip entry name: UTF-8 when valid, else GB18030 (names written by Chinese
/// Windows tools), else — bytes that are neither — UTF-8 with each stray byte written as
/// `\xNN`: two names never collapse into one, and what cannot be read is visible. Control
/// characters are written as `\xNN` too.
pub fn entry_name(raw: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(raw) {
        return visible(s);
    }
    let (gb, broken) = encoding_rs::GB18030.decode_without_bom_handling(raw);
    if !broken {
        return visible(&gb);
    }
    let mut out = String::new();
    for chunk in raw.utf8_chunks() {
        out.push_str(&visible(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// A name with its control characters (a line break, an escape sequence) written as `\xNN`:
/// a name is shown in terminals, CSV cells and pages, and must not act on them.
fn visible(name: &str) -> String {
    if !name.chars().any(char::is_control) {
        return name.to_string();
    }
    name.chars()
        .map(|c| match c {
            c if c.is_control() => format!("\\x{:02X}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

fn read_entry(zip: &mut Zip, index: usize, limits: &Limits) -> Result<Vec<u8>, Msg> {
    let entry = zip.by_index(index).map_err(|e| entry_error(index, e))?;
    if entry.size() > limits.max_entry_bytes {
        let size = entry.size();
        return Err(limit(
            format!("zip 条目声明 {size} 字节"),
            format!("zip entry declares {size} bytes"),
            limits.max_entry_bytes,
        ));
    }
    if let Some(ratio) = limits.over_ratio(entry.size(), entry.compressed_size()) {
        return Err(limit(
            format!("zip 条目压缩比 {ratio}:1"),
            format!("zip entry compressed {ratio}:1"),
            format!("{}:1", limits.max_ratio),
        ));
    }
    // The zip reader also stops an entry that inflates past the size it declares.
    let mut out = Vec::new();
    entry
        .take(limits.max_entry_bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| {
            Msg::quoting(
                &format!("zip 条目 {index} 无法解压"),
                &format!("zip entry {index} cannot be inflated"),
                e,
            )
        })?;
    if out.len() as u64 > limits.max_entry_bytes {
        return Err(limit(
            "zip 条目解压后过大".into(),
            "zip entry inflates past the entry limit".into(),
            limits.max_entry_bytes,
        ));
    }
    Ok(out)
}

/// A limit a batch archive exceeded, said as read errors say it.
fn limit(zh: String, en: String, limit: impl std::fmt::Display) -> Msg {
    Msg::new(
        Text::ErrLimit.fill(Lang::Zh, &[&zh, &limit]),
        Text::ErrLimit.fill(Lang::En, &[&en, &limit]),
    )
}

/// A zip entry the reader cannot open.
fn entry_error(index: usize, e: impl std::fmt::Display) -> Msg {
    Msg::quoting(
        &format!("zip 条目 {index} 无法读取"),
        &format!("zip entry {index}"),
        e,
    )
}

/// The entry count the archive's end record declares (ZIP64 files excepted: 0).
fn declared_entries(bytes: &[u8]) -> usize {
    let from = bytes.len().saturating_sub(22 + 65_535);
    let end = bytes[from..]
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .map(|i| from + i);
    match end.and_then(|e| bytes.get(e + 10..e + 12)) {
        Some(n) if n != [0xFF, 0xFF] => usize::from(u16::from_le_bytes([n[0], n[1]])),
        _ => 0,
    }
}

/// Lists every input; nothing under `exclude` (the output folder) is listed.
pub fn collect(paths: &[PathBuf], limits: &Limits, exclude: Option<&Path>) -> Vec<Input> {
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let archives = Archives::default();
    let mut out = Vec::new();
    for p in paths {
        // A path named on the command line is followed even when it is a link.
        if p.is_dir() {
            walk_dir(p, &mut out, limits, exclude.as_deref(), &archives);
        } else {
            walk_file(p, &mut out, limits, &archives);
        }
    }
    out
}

fn walk_dir(
    dir: &Path,
    out: &mut Vec<Input>,
    limits: &Limits,
    exclude: Option<&Path>,
    archives: &Archives,
) {
    if exclude.is_some_and(|x| dir.canonicalize().is_ok_and(|d| d.starts_with(x))) {
        return;
    }
    let mut children: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            let why = Msg::io(&e);
            out.push(Input::refused(dir, shown(dir), Refusal::Failed, why));
            return;
        }
    };
    children.sort();
    // xxgk's own staging folders (a killed run's leftovers beside or inside an OUTDIR that
    // lies in an input folder) are never inputs.
    children.retain(|c| !folder::is_staging(c));
    for child in children {
        let kind = std::fs::symlink_metadata(&child).map(|m| m.file_type());
        match kind {
            Ok(t) if t.is_dir() => walk_dir(&child, out, limits, exclude, archives),
            Ok(t) if t.is_symlink() && child.is_dir() => out.push(Input::refused(
                &child,
                shown(&child),
                Refusal::Skipped,
                Msg::new(
                    "指向文件夹的链接：不跟随",
                    "a link to a folder: not followed",
                ),
            )),
            _ => walk_file(&child, out, limits, archives),
        }
    }
}

fn walk_file(path: &Path, out: &mut Vec<Input>, limits: &Limits, archives: &Archives) {
    let display = shown(path);
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            let why = Msg::from_text(Text::NotRegularFile, &[]);
            out.push(Input::refused(path, display, Refusal::Skipped, why));
            return;
        }
        Err(e) => {
            let why = Msg::io(&e);
            out.push(Input::refused(path, display, Refusal::Failed, why));
            return;
        }
        Ok(_) => {}
    }
    if !is_zip_name(&display) {
        out.push(Input::file(path));
        return;
    }
    let listed = archives
        .open(path, &[], limits)
        .and_then(|mut zip| archive_entries(&mut zip, &display, path, &[], out, limits, archives));
    if let Err(why) = listed {
        out.push(Input::refused(path, display, Refusal::Failed, why));
    }
}

/// An archive's own limits: its number of entries, and what all its entries inflate to.
fn check_archive(zip: &mut Zip, limits: &Limits) -> Result<(), Msg> {
    if zip.len() > limits.max_entries {
        return Err(limit(
            format!("压缩包有 {} 个条目", zip.len()),
            format!("the archive has {} entries", zip.len()),
            limits.max_entries,
        ));
    }
    // Each entry is bounded by its own ratio above a floor; many small entries below it are
    // bounded in all: the archive inflates to at most max_ratio times its packed size (or
    // max_total_bytes, whichever is more). Reports are compressed already: about 1:1.
    let (inflated, packed) = (0..zip.len())
        .filter_map(|i| {
            zip.by_index_raw(i)
                .ok()
                .map(|e| (e.size(), e.compressed_size()))
        })
        .fold((0u64, 0u64), |(a, b), (s, c)| {
            (a.saturating_add(s), b.saturating_add(c))
        });
    let budget = packed
        .saturating_mul(limits.max_ratio)
        .max(limits.max_total_bytes);
    if inflated > budget {
        return Err(limit(
            format!("压缩包各条目从 {packed} 字节解压到 {inflated} 字节"),
            format!("the archive's entries inflate to {inflated} bytes from {packed}"),
            format!("{budget}: {}:1 over the archive", limits.max_ratio),
        ));
    }
    Ok(())
}

/// Adds the entries of an archive (zips inside it opened up to [`ZIP_LEVELS`]); an error when
/// it cannot be listed at all (then the archive is one failed input).
fn archive_entries(
    zip: &mut Zip,
    display: &str,
    path: &Path,
    prefix: &[usize],
    out: &mut Vec<Input>,
    limits: &Limits,
    archives: &Archives,
) -> Result<(), Msg> {
    check_archive(zip, limits)?;
    // The zip reader keeps one entry per name: entries that repeat a name are accounted here.
    let declared = declared_entries(zip.clone().into_inner().get_ref());
    if declared > zip.len() {
        let lost = declared - zip.len();
        let why = Msg::new(
            format!("{lost} 个条目与其他条目同名；同名条目只读取最后一个"),
            format!(
                "{lost} entries repeat the name of another entry; only the last of each name is read"
            ),
        );
        let shown = format!("{display}!/({lost} entries with repeated names)");
        out.push(Input::refused(path, shown, Refusal::Failed, why));
    }
    for i in 0..zip.len() {
        let mut entries = prefix.to_vec();
        entries.push(i);
        if let Some(e) = zip.by_index_raw(i).err() {
            let why = entry_error(i, e);
            let name = zip
                .name_for_index(i)
                .and_then(|n| n.ok())
                .map_or(format!("#{i}"), |n| n.into_owned());
            let shown = format!("{display}!/{name}");
            out.push(Input {
                entries,
                ..Input::refused(path, shown, Refusal::Failed, why)
            });
            continue;
        }
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry_name(entry.name_raw());
        drop(entry);
        let shown = format!("{display}!/{name}");
        if is_zip_name(&name) {
            if entries.len() >= ZIP_LEVELS {
                let why = limit(
                    format!("嵌套 {} 层的 zip 不再打开", entries.len() + 1),
                    format!(
                        "a zip nested {} levels deep is not opened",
                        entries.len() + 1
                    ),
                    ZIP_LEVELS,
                );
                out.push(Input {
                    entries,
                    ..Input::refused(path, shown, Refusal::Failed, why)
                });
                continue;
            }
            let inner = archives.open(path, &entries, limits);
            let listed = inner.and_then(|mut inner| {
                archive_entries(&mut inner, &shown, path, &entries, out, limits, archives)
            });
            if let Err(why) = listed {
                out.push(Input {
                    entries,
                    ..Input::refused(path, shown, Refusal::Failed, why)
                });
            }
            continue;
        }
        out.push(Input {
            display: shown,
            path: path.to_path_buf(),
            entries,
            refused: None,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::entry_name;

    #[test]
    fn names_decode_as_written_and_never_collapse_or_act() {
        assert_eq!(entry_name("报告.docx".as_bytes()), "报告.docx");
        let (gbk, _, _) = encoding_rs::GBK.encode("报告.docx");
        assert_eq!(entry_name(&gbk), "报告.docx");
        assert_eq!(entry_name(b"r\xff.docx"), "r\\xFF.docx");
        assert_ne!(entry_name(b"r\xff.docx"), entry_name(b"r\xfe.docx"));
        assert_eq!(entry_name(b"a\nb\x1b[2J.txt"), "a\\x0Ab\\x1B[2J.txt");
    }
}
