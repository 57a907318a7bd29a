//! `xxgk-bench`: the in-process half of the benchmark (bench/run.sh does the rest).
//!
//! - `xxgk-bench corpus N DIR` renders N seeded sample reports (`xxgk_render::sample`) as
//!   `DIR/docx/*.docx`, `DIR/xlsx/*.xlsx` and `DIR/txt/*.txt`.
//! - `xxgk-bench measure DIR [ROUNDS]` loads every file into memory, then times, per format and
//!   single-threaded: xxgk bytes -> Report (sniff, read, normalize, validate), and the floor —
//!   inflating the document XML (DOCX: `word/document.xml`; XLSX: the sheets and the shared
//!   strings) plus one quick-xml event pass over it, nothing else; and the reading half alone
//!   (sniff + adapter, no normalizer). Median of ROUNDS (default 3), xxgk and floor alternating.
//!   Prints one JSON object per format.

use anyhow::{bail, Context, Result};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("corpus") if args.len() == 3 => {
            corpus(args[1].parse().context("N")?, Path::new(&args[2]))
        }
        Some("measure") if args.len() >= 2 => {
            let rounds = args.get(2).map_or(Ok(3), |r| r.parse()).context("ROUNDS")?;
            measure(Path::new(&args[1]), rounds)
        }
        _ => bail!("usage: xxgk-bench corpus N DIR | xxgk-bench measure DIR [ROUNDS]"),
    }
}

fn corpus(n: u64, dir: &Path) -> Result<()> {
    use xxgk_render::{render, sample, Target};
    for (target, ext) in [
        (Target::Docx, "docx"),
        (Target::Xlsx, "xlsx"),
        (Target::Text, "txt"),
    ] {
        let sub = dir.join(ext);
        std::fs::create_dir_all(&sub)?;
        for seed in 0..n {
            let report = sample::report(seed);
            let bytes = render(Some(&report), target)?;
            std::fs::write(sub.join(format!("{seed:05}.{ext}")), bytes)?;
        }
    }
    Ok(())
}

/// Every file of `dir`, read into memory; nothing when `dir` does not exist.
fn load(dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| dir.display().to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p)?;
            Ok((p, b))
        })
        .collect()
}

/// Inflates the XML parts a reader must read and makes one quick-xml event pass over each.
fn floor(bytes: &[u8]) -> Result<usize> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| {
            *n == "word/document.xml"
                || *n == "xl/sharedStrings.xml"
                || (n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
        })
        .collect();
    let mut events = 0;
    let mut xml = Vec::new();
    for name in names {
        xml.clear();
        zip.by_name(&name)?.read_to_end(&mut xml)?;
        // The borrowing slice reader: the fastest way quick-xml offers.
        let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
        loop {
            match reader.read_event()? {
                quick_xml::events::Event::Eof => break,
                _ => events += 1,
            }
        }
    }
    Ok(events)
}

/// Wall time of one run of `f` over every file, in seconds.
fn timed(
    files: &[(PathBuf, Vec<u8>)],
    mut f: impl FnMut(&Path, &[u8]) -> Result<()>,
) -> Result<f64> {
    let start = Instant::now();
    for (p, b) in files {
        f(p, b)?;
    }
    Ok(start.elapsed().as_secs_f64())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn measure(dir: &Path, rounds: usize) -> Result<()> {
    let registry = xxgk::Registry::with_builtin();
    let opts = xxgk::ParseOptions::default();
    for ext in ["docx", "xlsx", "txt"] {
        let files = load(&dir.join(ext))?;
        if files.is_empty() {
            continue;
        }
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let values: usize = files
            .iter()
            .map(|(p, b)| {
                xxgk::parse_bytes(&registry, b, p, &opts)
                    .map(|r| r.numbers().iter().flatten().count())
            })
            .sum::<Result<usize, _>>()?;
        // xxgk and the floor alternate within each round, so drift on a shared machine hits
        // both; the ratio is the median of the per-round ratios.
        let (mut parse, mut floor_s, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        let mut read = Vec::new();
        for _ in 0..rounds.max(1) {
            // The reading half alone: sniff and adapter, no normalizer.
            read.push(timed(&files, |p, b| {
                let adapter = registry.detect(b, p)?;
                std::hint::black_box(adapter.read(b, &opts.limits)?);
                Ok(())
            })?);
            let p = timed(&files, |p, b| {
                let r = xxgk::parse_bytes(&registry, b, p, &opts)
                    .with_context(|| p.display().to_string())?;
                std::hint::black_box(r);
                Ok(())
            })?;
            parse.push(p);
            if ext != "txt" {
                let f = timed(&files, |_, b| floor(b).map(|_| ()))?;
                floor_s.push(f);
                ratios.push(p / f);
            }
        }
        let parse = median(parse);
        let read = median(read);
        let floor_s = (!floor_s.is_empty()).then(|| median(floor_s));
        let ratio = (!ratios.is_empty()).then(|| median(ratios));
        let n = files.len() as f64;
        let out = serde_json::json!({
            "format": ext,
            "files": files.len(),
            "bytes": bytes,
            "values_read": values,
            "xxgk_seconds": parse,
            "xxgk_ms_per_doc": parse * 1e3 / n,
            "read_ms_per_doc": read * 1e3 / n,
            "xxgk_docs_per_s": n / parse,
            "xxgk_mb_per_s": bytes as f64 / 1e6 / parse,
            "floor_seconds": floor_s,
            "floor_ms_per_doc": floor_s.map(|f| f * 1e3 / n),
            "ratio_to_floor": ratio,
            "rounds": rounds,
        });
        println!("{out}");
    }
    Ok(())
}
