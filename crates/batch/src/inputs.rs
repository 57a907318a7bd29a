//! Inputs of a batch: files, folders (recursive, sorted) and zip archives (entries in archive
//! order, a zip inside a zip one level deep), each becoming one [`Input`] whose bytes are loaded
//! only when a worker processes it. Entry names without the UTF-8 flag (Chinese Windows) are
//! decoded as GB18030.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use xxgk::model::Limits;
use zip::ZipArchive;

/// One file to process: a file on disk, or an entry of an archive (possibly nested).
#[derive(Debug, Clone)]
pub struct Input {
    /// What the manifest shows: `dir/a.zip!/inner.zip!/报告.docx`.
    pub display: String,
    /// The file on disk.
    pub path: PathBuf,
    /// Zip entry indexes from the outer archive inward (empty for a plain file).
    pub entries: Vec<usize>,
}

impl Input {
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
    pub fn load(&self, limits: &Limits) -> Result<Vec<u8>, String> {
        let mut bytes = if self.entries.is_empty() {
            xxgk::read_file(&self.path, limits).map_err(|e| match e {
                xxgk::Error::Read { source, .. } => source.to_string(),
                other => other.to_string(),
            })?
        } else {
            std::fs::read(&self.path).map_err(|e| format!("cannot read file: {e}"))?
        };
        for &index in &self.entries {
            bytes = read_entry(&bytes, index, limits)?;
        }
        Ok(bytes)
    }
}

fn is_zip_name(name: &str) -> bool {
    name.to_lowercase().ends_with(".zip")
}

/// Decodes a zip entry name: UTF-8 when valid, else GB18030 (archives from Chinese Windows).
pub fn entry_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(raw)
            .0
            .into_owned(),
    }
}

fn read_entry(archive: &[u8], index: usize, limits: &Limits) -> Result<Vec<u8>, String> {
    let mut zip = ZipArchive::new(Cursor::new(archive)).map_err(|e| format!("corrupt zip: {e}"))?;
    let entry = zip
        .by_index(index)
        .map_err(|e| format!("zip entry {index}: {e}"))?;
    if entry.size() > limits.max_entry_bytes {
        return Err(format!(
            "zip entry declares {} bytes (limit {})",
            entry.size(),
            limits.max_entry_bytes
        ));
    }
    let mut out = Vec::new();
    entry
        .take(limits.max_entry_bytes + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("zip entry {index} cannot be inflated: {e}"))?;
    if out.len() as u64 > limits.max_entry_bytes {
        return Err(format!(
            "zip entry inflates past {} bytes",
            limits.max_entry_bytes
        ));
    }
    Ok(out)
}

/// Lists every input. Unreadable folders or archives become inputs that will fail with their
/// reason, so that every input is accounted for.
pub fn collect(paths: &[PathBuf], limits: &Limits) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out, limits);
    }
    out
}

fn walk(path: &Path, out: &mut Vec<Input>, limits: &Limits) {
    if path.is_dir() {
        let mut children: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(_) => Vec::new(),
        };
        children.sort();
        for c in children {
            walk(&c, out, limits);
        }
        return;
    }
    let display = path.to_string_lossy().into_owned();
    if is_zip_name(&display) {
        if let Ok(bytes) = std::fs::read(path) {
            if archive_entries(&bytes, &display, path, &[], 1, out, limits) {
                return;
            }
        }
    }
    out.push(Input {
        display,
        path: path.to_path_buf(),
        entries: Vec::new(),
    });
}

/// Adds the entries of an archive; false when it is not a readable zip (then the archive itself
/// is an input and fails with its reason).
fn archive_entries(
    bytes: &[u8],
    display: &str,
    path: &Path,
    prefix: &[usize],
    nesting_left: usize,
    out: &mut Vec<Input>,
    limits: &Limits,
) -> bool {
    let Ok(mut zip) = ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    if zip.len() > limits.max_entries {
        return false;
    }
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry_name(entry.name_raw());
        drop(entry);
        let mut entries = prefix.to_vec();
        entries.push(i);
        let shown = format!("{display}!/{name}");
        if is_zip_name(&name) && nesting_left > 0 {
            if let Ok(inner) = read_entry(bytes, i, limits) {
                if archive_entries(
                    &inner,
                    &shown,
                    path,
                    &entries,
                    nesting_left - 1,
                    out,
                    limits,
                ) {
                    continue;
                }
            }
        }
        out.push(Input {
            display: shown,
            path: path.to_path_buf(),
            entries,
        });
    }
    true
}
