//! The OFD container: a zip whose parts name each other by location (`BaseLoc`, `DocRoot`).
//! Producers write those locations absolute (`/Doc_0/Document.xml`) or relative to the part
//! that names them, with backslashes, `./` and `../`, in another letter case than the entry,
//! or relative to the package root where the standard says the naming part's folder: a part
//! is looked up in that order. Every part read counts against the package's limits (the size
//! of one entry and of all entries, the compression ratio), as for DOCX and XLSX.

use crate::FORMAT;
use std::collections::HashMap;
use xxgk_model::{Limits, Msg, ReadError};

/// An opened OFD package.
pub(crate) struct Package<'a> {
    zip: xxgk_ooxml::Package<'a>,
    /// Each entry's name as [`fold`] makes it, and the name as stored.
    names: HashMap<String, String>,
    /// Bytes read from all parts so far.
    read: u64,
    limits: &'a Limits,
}

impl<'a> Package<'a> {
    /// Opens the zip within the limits (size, entry count; encrypted and OLE files refused).
    pub fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, ReadError> {
        let zip = xxgk_ooxml::open(bytes, FORMAT, limits)?;
        let names = zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| (fold(&n), n.into_owned()))
            .collect();
        Ok(Package {
            zip,
            names,
            read: 0,
            limits,
        })
    }

    /// Where a location named in part `from` points: the entry's name as stored, or `None`
    /// when no entry is there under any of the readings producers use.
    pub fn resolve(&self, from: &str, location: &str) -> Option<String> {
        let location = location.trim().replace('\\', "/");
        if location.is_empty() {
            return None;
        }
        let folder = from.rsplit_once(['/', '\\']).map_or("", |(f, _)| f);
        let mut tries = vec![join(folder, &location), join("", &location)];
        // A location relative to the document's folder, named from a part deeper down.
        if let Some((doc, _)) = folder.split_once(['/', '\\']) {
            tries.push(join(doc, &location));
        }
        tries.into_iter().find_map(|t| self.names.get(&t).cloned())
    }

    /// Reads the XML part of this name (as [`Package::resolve`] gives it) as text (a BOM
    /// dropped; another encoding detected).
    pub fn part(&mut self, name: &str) -> Result<String, ReadError> {
        let bytes = xxgk_ooxml::read_entry(&mut self.zip, name, FORMAT, self.limits)?
            .ok_or_else(|| missing(name))?;
        self.read += bytes.len() as u64;
        if self.read > self.limits.max_total_bytes {
            return Err(ReadError::LimitExceeded {
                what: Msg::new(
                    "OFD 各部件解压后的总字节数",
                    "bytes inflated from the OFD's parts",
                ),
                limit: self.limits.max_total_bytes,
            });
        }
        // Producers write UTF-8; a part in GB18030 or UTF-16 (some write what their XML
        // declaration names) is detected as a text file is.
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => xxgk_charset::decode(e.as_bytes())?.text,
        };
        Ok(text.trim_start_matches('\u{FEFF}').to_string())
    }

    /// The stored name of the entry at this name, in any letter case.
    pub fn entry(&self, name: &str) -> Option<String> {
        self.names.get(&fold(name)).cloned()
    }
}

/// A part that a location names but the package does not hold.
pub(crate) fn missing(name: &str) -> ReadError {
    ReadError::Corrupt {
        format: FORMAT,
        detail: Msg::new(
            format!("缺少部件 {name}"),
            format!("the part {name} is missing"),
        ),
    }
}

/// `location` read from `folder` (absolute when it starts with `/`), folded.
fn join(folder: &str, location: &str) -> String {
    if location.starts_with('/') {
        fold(location)
    } else {
        fold(&format!("{folder}/{location}"))
    }
}

/// A part name as looked up: `/` separators, no leading `/`, `.` and `..` resolved, lower
/// case.
pub(crate) fn fold(name: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in name.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_as_producers_write_them() {
        assert_eq!(
            join("doc_0", "Pages/Page_0/Content.xml"),
            "doc_0/pages/page_0/content.xml"
        );
        assert_eq!(
            join("doc_0/pages/page_0", "/Doc_0/Res/a.xml"),
            "doc_0/res/a.xml"
        );
        assert_eq!(
            join("doc_0/pages", "..\\Tpls\\Tpl_0\\Content.xml"),
            "doc_0/tpls/tpl_0/content.xml"
        );
        assert_eq!(fold("./Doc_0//Document.xml"), "doc_0/document.xml");
        assert_eq!(fold("../../../etc/passwd"), "etc/passwd");
    }
}
