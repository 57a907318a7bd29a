//! OLE compound files (Word 97–2003 `.doc`, WPS, `.xls`): the named streams of the root
//! storage, read with every chain bounded. A chain that loops, points past the file or is longer
//! than its table is cut where it goes wrong, so a hostile file costs at most its own size.

use xxgk_model::{Msg, ReadError};

/// The signature every compound file starts with.
pub const MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Sector-table values from here up are markers (end of chain, free, FAT, DIFAT).
const END: u32 = 0xFFFF_FFFA;

/// The little-endian `u16` at byte `o`, if the bytes are there.
pub fn u16_at(b: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(o..o.checked_add(2)?)?.try_into().ok()?,
    ))
}

/// The little-endian `u32` at byte `o`, if the bytes are there.
pub fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(o..o.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// An opened compound file: its allocation tables and directory, streams read on demand.
pub struct Ole<'a> {
    bytes: &'a [u8],
    format: &'static str,
    sector: usize,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    cutoff: usize,
    /// Directory entries: (name, type, start sector, size).
    entries: Vec<(String, u8, u32, usize)>,
}

fn corrupt(format: &'static str, zh: &str, en: &str) -> ReadError {
    ReadError::Corrupt {
        format,
        detail: Msg::new(format!("OLE 容器{zh}"), format!("OLE container: {en}")),
    }
}

impl<'a> Ole<'a> {
    /// Opens a compound file; `format` names it in errors.
    pub fn open(bytes: &'a [u8], format: &'static str) -> Result<Self, ReadError> {
        if !bytes.starts_with(MAGIC) {
            return Err(ReadError::NotThisFormat {
                format,
                detail: Msg::new("不是 OLE 复合文件", "not an OLE compound file"),
            });
        }
        let shift =
            u16_at(bytes, 30).ok_or_else(|| corrupt(format, "文件头不完整", "truncated header"))?;
        if !(7..=16).contains(&shift) {
            return Err(corrupt(format, "扇区大小不可能", "impossible sector size"));
        }
        let sector = 1usize << shift;
        let mut ole = Ole {
            bytes,
            format,
            sector,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            cutoff: u32_at(bytes, 56).unwrap_or(4096) as usize,
            entries: Vec::new(),
        };
        // FAT sectors: 109 in the header, the rest in the DIFAT chain. Each sector is read
        // once: a DIFAT chain that comes back on itself ends, a FAT sector named twice counts
        // once, and the FAT stops at one entry per sector of the file.
        let sectors = bytes.len() / sector + 1;
        let mut seen = vec![false; sectors];
        let mut first_visit = |s: u32| match seen.get_mut(s as usize) {
            Some(v) if !*v => {
                *v = true;
                true
            }
            _ => false,
        };
        let mut fat_sectors: Vec<u32> = Vec::new();
        for s in (0..109).filter_map(|i| u32_at(bytes, 76 + 4 * i)) {
            if s < END && first_visit(s) {
                fat_sectors.push(s);
            }
        }
        let mut difat = u32_at(bytes, 68).unwrap_or(END);
        while difat < END && first_visit(difat) {
            let Some(s) = ole.sector_bytes(difat) else {
                break;
            };
            let per = sector / 4 - 1;
            for x in (0..per).filter_map(|i| u32_at(s, 4 * i)) {
                if x < END && first_visit(x) {
                    fat_sectors.push(x);
                }
            }
            difat = u32_at(s, 4 * per).unwrap_or(END);
        }
        for s in fat_sectors {
            if ole.fat.len() >= sectors {
                break;
            }
            if let Some(data) = ole.sector_bytes(s) {
                ole.fat.extend(
                    data.chunks_exact(4)
                        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
                );
            }
        }
        let (dir, _) = ole.chain(false, u32_at(bytes, 48).unwrap_or(END), usize::MAX);
        for e in dir.chunks_exact(128) {
            let len = (u16_at(e, 64).unwrap_or(0) as usize / 2)
                .saturating_sub(1)
                .min(31);
            let name: Vec<u16> = (0..len).filter_map(|i| u16_at(e, 2 * i)).collect();
            let start = u32_at(e, 116).unwrap_or(END);
            let size = u32_at(e, 120).unwrap_or(0) as usize;
            ole.entries
                .push((String::from_utf16_lossy(&name), e[66], start, size));
        }
        let root = ole.entries.first().cloned();
        if let Some((_, 5, start, size)) = root {
            ole.mini_stream = ole.chain(false, start, size).0;
        }
        let (mini_fat, _) = ole.chain(false, u32_at(bytes, 60).unwrap_or(END), usize::MAX);
        ole.mini_fat = mini_fat
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(ole)
    }

    fn sector_bytes(&self, index: u32) -> Option<&'a [u8]> {
        let start = (index as usize).checked_add(1)?.checked_mul(self.sector)?;
        self.bytes.get(start..start.checked_add(self.sector)?)
    }

    /// The chain from `start` in the FAT (or the mini FAT over the mini stream), at most `len`
    /// bytes and never more than the file holds. A chain that comes back to a sector it has
    /// passed (a loop) or points past its table ends there; the second value says whether the
    /// chain ended at its end marker or at `len`.
    fn chain(&self, mini: bool, start: u32, len: usize) -> (Vec<u8>, bool) {
        let (table, size) = if mini {
            (&self.mini_fat, 64)
        } else {
            (&self.fat, self.sector)
        };
        let len = len.min(self.bytes.len());
        let mut seen = vec![false; table.len()];
        let mut out = Vec::new();
        let mut next = start;
        loop {
            if out.len() >= len {
                out.truncate(len);
                return (out, true);
            }
            if next >= END {
                return (out, next == 0xFFFF_FFFE);
            }
            let i = next as usize;
            if seen.get(i).copied().unwrap_or(true) {
                return (out, false); // a loop, or a sector the table does not hold
            }
            seen[i] = true;
            let piece = if mini {
                self.mini_stream.get(i * 64..i * 64 + 64)
            } else {
                self.sector_bytes(next)
            };
            let Some(piece) = piece else {
                return (out, false);
            };
            out.extend_from_slice(&piece[..size.min(piece.len())]);
            next = table[i];
        }
    }

    /// True when the root storage holds a stream of this name.
    pub fn has_stream(&self, name: &str) -> bool {
        self.entries.iter().any(|(n, t, ..)| *t == 2 && n == name)
    }

    /// A stream of the root storage by name, or `None` when there is no such stream. A stream
    /// whose chain loops or ends before its declared size is corrupt.
    pub fn stream(&self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some((_, _, start, size)) = self.entries.iter().find(|(n, t, ..)| *t == 2 && n == name)
        else {
            return Ok(None);
        };
        let (bytes, whole) = self.chain(*size < self.cutoff, *start, *size);
        if !whole || bytes.len() < *size {
            return Err(corrupt(
                self.format,
                &format!("的 {name} 流扇区链循环或被截断"),
                &format!("the {name} stream's sector chain loops or is cut short"),
            ));
        }
        Ok(Some(bytes))
    }
}
