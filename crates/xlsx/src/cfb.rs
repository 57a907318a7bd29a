//! A guard for legacy `.xls` (OLE compound files) before calamine reads them, against two ways
//! to exhaust memory found by fuzzing: calamine follows sector chains without cycle detection
//! (a FAT or mini-FAT cycle), and it builds a dense grid over the bounding box of each sheet's
//! cells (one far cell). This checks both allocation tables for cycles in linear time, then
//! walks the BIFF records of the `Workbook` stream for each sheet's cell extent and for the
//! text calamine will hold (every cell that refers to a shared string gets its own copy).
//!
//! The streams are read by the shared OLE reader (`xxgk_ooxml::ole`), which survives loops by
//! cutting them. The table check here builds the FAT as calamine builds it (every FAT sector
//! the header and the DIFAT name, repeats included), not as the shared reader does, because
//! what must end is the chain calamine will follow.

use xxgk_model::Msg;
use xxgk_ooxml::ole::{u16_at, u32_at, Ole};

const END: u32 = 0xFFFF_FFFA; // values from here up are markers (end of chain, free, FAT, DIFAT)

/// The sector with this index (sector 0 follows the header).
fn sector(b: &[u8], size: usize, index: u32) -> Option<&[u8]> {
    let start = (index as usize).checked_add(1)?.checked_mul(size)?;
    b.get(start..start.checked_add(size)?)
}

fn entries(sector: &[u8]) -> impl Iterator<Item = u32> + '_ {
    sector
        .chunks_exact(4)
        .filter_map(|c| c.try_into().ok().map(u32::from_le_bytes))
}

/// True when following `table` from any index never loops.
fn cycle_free(table: &[u32]) -> bool {
    let mut state = vec![0u8; table.len()]; // 0 new, 1 on the current walk, 2 known to end
    for start in 0..table.len() {
        let mut walk = Vec::new();
        let mut j = start;
        while j < table.len() && state[j] != 2 {
            if state[j] == 1 {
                return false;
            }
            state[j] = 1;
            walk.push(j);
            let next = table[j];
            if next >= END {
                break;
            }
            j = next as usize;
        }
        for w in walk {
            state[w] = 2;
        }
    }
    true
}

/// What is wrong with an `.xls` file before calamine reads it.
#[derive(Debug, PartialEq)]
pub(crate) enum Defect {
    /// The container is malformed (a loop, a truncated header).
    Corrupt(Msg),
    /// A sheet's cells span (rows, columns) — more than the limit.
    Extent(Msg, u64, u64),
    /// The cells hold this many bytes of text, every copy counted — more than the limit.
    Text(u64),
}

/// Checks an OLE compound file's allocation tables, then the cell extent of each sheet of its
/// `Workbook` stream against `max_cells` (rows x columns), and the text of all its cells
/// against `max_text` bytes.
pub(crate) fn check(b: &[u8], max_cells: u64, max_text: u64) -> Result<(), Defect> {
    tables(b).map_err(Defect::Corrupt)?;
    if let Some(stream) = workbook_stream(b)? {
        let (extents, text) = sheet_extents(&stream);
        for (sheet, rows, cols) in extents {
            if rows.saturating_mul(cols) > max_cells {
                return Err(Defect::Extent(sheet, rows, cols));
            }
        }
        if text > max_text {
            return Err(Defect::Text(text));
        }
    }
    Ok(())
}

/// The BIFF records of a stream: (type, body), until the stream ends or a record is cut.
fn records(s: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let (kind, len) = (u16_at(s, pos)?, u16_at(s, pos + 2)? as usize);
        let body = s.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((kind, body))
    })
}

/// The character count of each shared string: the SST record's strings, which run on into
/// the CONTINUE records after it (each continued run of characters starts with a new flags
/// byte). Stops where the data ends or the SST says there are no more strings.
fn sst_lengths(parts: &[&[u8]]) -> Vec<u64> {
    let mut at = (0usize, 8usize); // (part, offset): after cstTotal and cstUnique
    let unique = parts.first().and_then(|p| u32_at(p, 4)).unwrap_or(0);
    let next_byte = |at: &mut (usize, usize)| -> Option<u8> {
        loop {
            let part = parts.get(at.0)?;
            if let Some(&b) = part.get(at.1) {
                at.1 += 1;
                return Some(b);
            }
            *at = (at.0 + 1, 0);
        }
    };
    let mut out = Vec::new();
    while (out.len() as u64) < u64::from(unique) {
        let Some(cch) = (|| {
            let cch = u16::from_le_bytes([next_byte(&mut at)?, next_byte(&mut at)?]);
            let flags = next_byte(&mut at)?;
            let mut skip = 0usize;
            if flags & 0x08 != 0 {
                let runs = u16::from_le_bytes([next_byte(&mut at)?, next_byte(&mut at)?]);
                skip += 4 * runs as usize;
            }
            if flags & 0x04 != 0 {
                let ext = [(); 4].map(|_| next_byte(&mut at));
                skip += u32::from_le_bytes(ext.map(|b| b.unwrap_or(0))) as usize;
            }
            let (mut left, mut wide) = (cch as usize, flags & 1 != 0);
            while left > 0 {
                let part = parts.get(at.0)?;
                let width = if wide { 2 } else { 1 };
                let room = part.len().saturating_sub(at.1) / width;
                let take = room.min(left);
                at.1 += take * width;
                left -= take;
                if left > 0 {
                    // The characters continue in the next record, after a new flags byte.
                    at = (at.0 + 1, 0);
                    wide = next_byte(&mut at)? & 1 != 0;
                }
            }
            for _ in 0..skip {
                next_byte(&mut at)?;
            }
            Some(u64::from(cch))
        })() else {
            break;
        };
        out.push(cch);
    }
    out
}

/// The `Workbook` (BIFF8) or `Book` (BIFF5) stream, read by the shared OLE reader (regular
/// or mini sectors: a small stream can still hold a far cell); `None` when there is neither.
fn workbook_stream(b: &[u8]) -> Result<Option<Vec<u8>>, Defect> {
    let unreadable = |_| {
        Defect::Corrupt(Msg::new(
            "OLE 容器中的工作簿流无法读取",
            "the workbook stream of the OLE container cannot be read",
        ))
    };
    let ole = Ole::open(b, "spreadsheet").map_err(unreadable)?;
    match ole.stream("Workbook").map_err(unreadable)? {
        Some(s) => Ok(Some(s)),
        None => ole.stream("Book").map_err(unreadable),
    }
}

/// The bytes of the sector chain from `start`, following `fat` until its end marker, a
/// missing sector, or as many hops as the table has entries (a loop).
fn chain(b: &[u8], size: usize, fat: &[u32], start: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut next = start;
    for _ in 0..=fat.len() {
        let Some(s) = (next < END).then(|| sector(b, size, next)).flatten() else {
            break;
        };
        out.extend_from_slice(s);
        match fat.get(next as usize) {
            Some(&n) => next = n,
            None => break,
        }
    }
    out
}

/// Each worksheet's cell extent in a BIFF stream: (sheet number, rows, columns); and the
/// bytes of text its cells hold, every copy of a shared string counted (at 3 bytes a
/// character, as UTF-8 may need). Blank cells (BLANK, MULBLANK) are left out, as calamine
/// leaves them out of its grid.
fn sheet_extents(s: &[u8]) -> (Vec<(Msg, u64, u64)>, u64) {
    let mut out = Vec::new();
    let mut sheet = 0;
    let mut bounds: Option<(u16, u16, u16, u16)> = None;
    let (mut shared, mut text) = (Vec::new(), 0u64);
    let add = |bounds: &mut Option<(u16, u16, u16, u16)>, row: u16, c0: u16, c1: u16| {
        let b = bounds.get_or_insert((row, row, c0, c1));
        *b = (b.0.min(row), b.1.max(row), b.2.min(c0), b.3.max(c1));
    };
    let all: Vec<(u16, &[u8])> = records(s).collect();
    for (i, &(kind, data)) in all.iter().enumerate() {
        let (row, col) = (u16_at(data, 0), u16_at(data, 2));
        match (kind, row, col) {
            // SST: the shared strings, continued in the CONTINUE records that follow.
            (0x00FC, ..) => {
                let parts: Vec<&[u8]> = std::iter::once(data)
                    .chain(
                        all[i + 1..]
                            .iter()
                            .take_while(|r| r.0 == 0x003C)
                            .map(|r| r.1),
                    )
                    .collect();
                shared = sst_lengths(&parts);
            }
            // LABELSST: a copy of a shared string.
            (0x00FD, Some(r), Some(c)) => {
                add(&mut bounds, r, c, c);
                let index = u32_at(data, 6).and_then(|k| shared.get(k as usize));
                text = text.saturating_add(index.map_or(0, |&n| n * 3));
            }
            // LABEL, RSTRING: the text is in the record.
            (0x0204 | 0x00D6, Some(r), Some(c)) => {
                add(&mut bounds, r, c, c);
                text = text.saturating_add(2 * data.len() as u64);
            }
            // BOF: a new substream.
            (0x0809, ..) => {
                sheet += 1;
                bounds = None;
            }
            // FORMULA, NUMBER, RK, BOOLERR: row, column.
            (0x0006 | 0x0203 | 0x027E | 0x0205, Some(r), Some(c)) => {
                add(&mut bounds, r, c, c);
            }
            // MULRK: row, first column, …, last column.
            (0x00BD, Some(r), Some(c)) => {
                let last = u16_at(data, data.len().saturating_sub(2)).unwrap_or(c);
                add(&mut bounds, r, c, last.max(c));
            }
            // DIMENSIONS: calamine reserves rows x columns cells from it, as declared.
            (0x0200, ..) => {
                if let Some((rows, cols)) = dimensions(data) {
                    let name = Msg::new(
                        format!("第{}个工作表（声明的范围）", sheet - 1),
                        format!("sheet {} (declared dimensions)", sheet - 1),
                    );
                    out.push((name, rows, cols));
                }
            }
            // EOF: the end of a substream.
            (0x000A, ..) => {
                if let Some((r0, r1, c0, c1)) = bounds.take() {
                    let rows = u64::from(r1 - r0) + 1;
                    let cols = u64::from(c1 - c0) + 1;
                    let name = Msg::new(
                        format!("第{}个工作表", sheet - 1),
                        format!("sheet {}", sheet - 1),
                    );
                    out.push((name, rows, cols));
                }
            }
            _ => {}
        }
    }
    (out, text)
}

/// The area a DIMENSIONS record declares, computed as calamine computes it (u32 arithmetic
/// that wraps), so that the check sees the reservation calamine would make.
fn dimensions(r: &[u8]) -> Option<(u64, u64)> {
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (
            u32::from(u16_at(r, 0)?),
            u32::from(u16_at(r, 2)?),
            u32::from(u16_at(r, 4)?),
            u32::from(u16_at(r, 6)?),
        ),
        14 | 16 => (
            u32_at(r, 0)?,
            u32_at(r, 4)?,
            u32::from(u16_at(r, 8)?),
            u32::from(u16_at(r, 10)?),
        ),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (end_r, end_c) = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    let rows = end_r.wrapping_sub(rf).wrapping_add(1);
    let cols = end_c.wrapping_sub(cf).wrapping_add(1);
    Some((u64::from(rows), u64::from(cols)))
}

/// Checks the FAT and the mini FAT of an OLE compound file for loops (calamine follows chains
/// without detecting them).
fn tables(b: &[u8]) -> Result<(), Msg> {
    let truncated = || Msg::new("OLE 文件头不完整", "truncated OLE header");
    let shift = u16_at(b, 30).ok_or_else(truncated)?;
    if shift != 9 && shift != 12 {
        return Err(Msg::new(
            format!("OLE 扇区大小 2^{shift} 无效"),
            format!("OLE sector size 2^{shift} is invalid"),
        ));
    }
    let size = 1usize << shift;
    let max_sectors = b.len() / size + 1;
    // FAT sector ids: 109 in the header, the rest in the DIFAT chain.
    let mut fat_ids: Vec<u32> = (0..109)
        .filter_map(|k| u32_at(b, 76 + 4 * k))
        .filter(|&s| s < END)
        .collect();
    let mut difat = u32_at(b, 68).ok_or_else(truncated)?;
    let mut hops = 0;
    while difat < END {
        hops += 1;
        if hops > max_sectors {
            return Err(Msg::new("OLE 的 DIFAT 链循环", "the OLE DIFAT chain loops"));
        }
        let Some(s) = sector(b, size, difat) else {
            break;
        };
        let ids: Vec<u32> = entries(s).collect();
        let (last, rest) = ids
            .split_last()
            .ok_or_else(|| Msg::new("DIFAT 扇区为空", "empty DIFAT sector"))?;
        fat_ids.extend(rest.iter().copied().filter(|&s| s < END));
        difat = *last;
    }
    if fat_ids.len() > max_sectors {
        return Err(Msg::new(
            "OLE 文件声明的 FAT 扇区多于实有",
            "the OLE file declares more FAT sectors than it has",
        ));
    }
    let fat: Vec<u32> = fat_ids
        .iter()
        .filter_map(|&id| sector(b, size, id))
        .flat_map(entries)
        .collect();
    if !cycle_free(&fat) {
        return Err(Msg::new(
            "OLE 文件的扇区链循环",
            "a sector chain of the OLE file loops",
        ));
    }
    // The mini FAT is stored in a FAT chain (now known to end); its own chains must end too.
    let mini_start = u32_at(b, 60).ok_or_else(truncated)?;
    let mini: Vec<u32> = entries(&chain(b, size, &fat, mini_start)).collect();
    if !cycle_free(&mini) {
        return Err(Msg::new(
            "OLE 文件的短扇区链循环",
            "a mini-sector chain of the OLE file loops",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_are_found() {
        assert!(cycle_free(&[1, 2, END, END + 1]));
        assert!(!cycle_free(&[1, 2, 0]));
        assert!(!cycle_free(&[END, 1]));
        assert!(cycle_free(&[]));
    }

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut r = kind.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    #[test]
    fn sheet_extents_follow_the_cell_records() {
        let cell = |row: u16, col: u16| [row.to_le_bytes(), col.to_le_bytes()].concat();
        let mut s = record(0x0809, &[0, 6, 0x10, 0]);
        s.extend(record(0x0203, &[cell(2, 1), vec![0; 10]].concat()));
        s.extend(record(
            0x00BD,
            &[cell(9, 0), vec![0; 12], 3u16.to_le_bytes().to_vec()].concat(),
        ));
        s.extend(record(0x0201, &[cell(60_000, 200), vec![0; 2]].concat())); // BLANK: ignored
        s.extend(record(0x000A, &[]));
        s.extend(record(0x0809, &[0, 6, 0x10, 0]));
        s.extend(record(0x027E, &[cell(65_535, 255), vec![0; 6]].concat()));
        s.extend(record(0x000A, &[]));
        let declared = [0u32.to_le_bytes(), 1_000_000u32.to_le_bytes()].concat();
        s.extend(record(
            0x0200,
            &[declared, vec![0, 0, 200, 0, 0, 0]].concat(),
        ));
        let extents: Vec<(String, u64, u64)> = sheet_extents(&s)
            .0
            .into_iter()
            .map(|(name, r, c)| (name.to_string(), r, c))
            .collect();
        assert_eq!(
            extents,
            vec![
                ("sheet 0".to_string(), 8, 4),
                ("sheet 1".to_string(), 1, 1),
                ("sheet 1 (declared dimensions)".to_string(), 1_000_000, 200)
            ]
        );
    }

    #[test]
    fn every_copy_of_a_shared_string_is_counted() {
        // Two strings: 3 narrow characters; 5 wide ones, 2 of them continued in a CONTINUE
        // record that starts narrow.
        let mut sst = [2u32.to_le_bytes(), 2u32.to_le_bytes()].concat();
        sst.extend([3, 0, 0, b'a', b'b', b'c']);
        sst.extend([5, 0, 1, b'x', 0, b'y', 0, b'z', 0]);
        let mut s = record(0x00FC, &sst);
        s.extend(record(0x003C, &[0, b'u', b'v']));
        let labelsst = |col: u16, index: u32| {
            let head = [0u16.to_le_bytes(), col.to_le_bytes(), 0u16.to_le_bytes()].concat();
            record(0x00FD, &[head, index.to_le_bytes().to_vec()].concat())
        };
        for col in 0..4 {
            s.extend(labelsst(col, 1));
        }
        s.extend(labelsst(4, 0));
        s.extend(labelsst(5, 9)); // no such string: nothing to copy
        assert_eq!(sheet_extents(&s).1, (4 * 5 + 3) * 3);
    }
}
