//! A guard for legacy `.xls` (OLE compound files) before calamine reads them: calamine follows
//! sector chains without cycle detection, so a FAT or mini-FAT cycle (found by fuzzing) makes
//! it allocate until memory runs out. This checks both allocation tables for cycles, in linear
//! time, reading only the header and the tables.

const END: u32 = 0xFFFF_FFFA; // values from here up are markers (end of chain, free, FAT, DIFAT)

fn u16_at(b: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(o..o + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(o..o + 4)?.try_into().ok()?))
}

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

/// Checks an OLE compound file's allocation tables; `Err` names the defect.
pub(crate) fn check(b: &[u8]) -> Result<(), String> {
    let shift = u16_at(b, 30).ok_or("truncated OLE header")?;
    if shift != 9 && shift != 12 {
        return Err(format!("OLE sector size 2^{shift} is invalid"));
    }
    let size = 1usize << shift;
    let max_sectors = b.len() / size + 1;
    // FAT sector ids: 109 in the header, the rest in the DIFAT chain.
    let mut fat_ids: Vec<u32> = (0..109)
        .filter_map(|k| u32_at(b, 76 + 4 * k))
        .filter(|&s| s < END)
        .collect();
    let mut difat = u32_at(b, 68).ok_or("truncated OLE header")?;
    let mut hops = 0;
    while difat < END {
        hops += 1;
        if hops > max_sectors {
            return Err("the OLE DIFAT chain loops".into());
        }
        let Some(s) = sector(b, size, difat) else {
            break;
        };
        let ids: Vec<u32> = entries(s).collect();
        let (last, rest) = ids.split_last().ok_or("empty DIFAT sector")?;
        fat_ids.extend(rest.iter().copied().filter(|&s| s < END));
        difat = *last;
    }
    if fat_ids.len() > max_sectors {
        return Err("the OLE file declares more FAT sectors than it has".into());
    }
    let fat: Vec<u32> = fat_ids
        .iter()
        .filter_map(|&id| sector(b, size, id))
        .flat_map(entries)
        .collect();
    if !cycle_free(&fat) {
        return Err("a sector chain of the OLE file loops".into());
    }
    // The mini FAT is stored in a FAT chain (now known to end); its own chains must end too.
    let mut mini = Vec::new();
    let mut next = u32_at(b, 60).ok_or("truncated OLE header")?;
    while next < END && (next as usize) < fat.len() {
        if let Some(s) = sector(b, size, next) {
            mini.extend(entries(s));
        }
        next = fat[next as usize];
    }
    if !cycle_free(&mini) {
        return Err("a mini-sector chain of the OLE file loops".into());
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
}
