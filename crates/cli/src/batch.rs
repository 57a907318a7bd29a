//! `xxgk batch`: the dataset written, its failures and summary printed, and the exit status
//! (0 all ok, 1 error findings, 2 failed inputs, 3 the dataset could not be written, 128 + the
//! signal that stopped it).

use super::*;

pub(super) fn batch(
    reader: &Reader,
    inputs: &[PathBuf],
    out: &std::path::Path,
    (quiet, resume): (bool, bool),
    [agencies, corrections]: [Option<&std::path::Path>; 2],
    lang: LangArg,
) -> Result<u8> {
    let names = agencies.map(agency_names).transpose()?;
    let fixes = corrections.map(read_corrections).transpose()?;
    let progress = progress::Progress::new(lang.lang());
    let opts = xxgk_batch::BatchOptions {
        stop: stop_on_signals(),
        parse: options(lang),
        progress: (!quiet).then_some(&progress as &dyn xxgk_batch::Progress),
        resume,
        agencies: names.as_ref(),
        corrections: fixes.as_ref(),
    };
    let lang = lang.lang();
    let s = match xxgk_batch::run(reader, inputs, out, &opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("xxgk: {}", e.describe(lang));
            // Stopped by a signal: 128 + its number, as a shell reports it. The
            // dataset could not be written (or the folder is busy): its own code.
            return Ok(match e {
                xxgk_batch::BatchError::Interrupted { signal } => {
                    128u8.saturating_add(u8::try_from(signal).unwrap_or(0))
                }
                _ => 3,
            });
        }
    };
    for (path, reason) in &s.failures {
        eprintln!("xxgk: {}", Text::BatchFailed.fill(lang, &[path, reason]));
    }
    if s.failed > s.failures.len() {
        let more = s.failed - s.failures.len();
        eprintln!("xxgk: {}", Text::BatchMoreFailed.fill(lang, &[&more]));
    }
    let seconds = format!("{:.2}", s.seconds);
    out!(
        "{}",
        Text::BatchSummary.fill(
            lang,
            &[
                &s.files,
                &s.ok,
                &s.with_findings,
                &s.duplicates,
                &s.failed,
                &s.skipped,
                &s.scanned,
                &s.recognised,
                &seconds
            ]
        )
    );
    Ok(if s.failed > 0 {
        2
    } else if s.has_errors {
        1
    } else {
        0
    })
}

/// Says that a file the user named (`what`, in both languages) cannot be read, and why.
fn unreadable(path: &std::path::Path, what: [&str; 2], detail: String) -> anyhow::Error {
    said(xxgk::model::Msg::quoting(
        &format!("{}：{}无法读取", path.display(), what[0]),
        &format!("{}: the {} cannot be read", path.display(), what[1]),
        detail,
    ))
}

/// A reviewer's corrections, as the workbench keeps them (`corrections.json`: by input, each
/// value's codebook name, the corrected value, why and when).
fn read_corrections(path: &std::path::Path) -> Result<xxgk_batch::Corrections> {
    let bad = |detail: String| unreadable(path, ["审核更正文件", "corrections file"], detail);
    let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))
}

/// The agency mapping (`--agencies`): a CSV whose header is `name,key` and each row a name as
/// printed and the key it stands for.
fn agency_names(path: &std::path::Path) -> Result<std::collections::BTreeMap<String, String>> {
    let bad = |detail: String| unreadable(path, ["机关名称对照表", "agency mapping"], detail);
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    let mut rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = rows
        .headers()
        .map_err(|e| bad(e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    if header != ["name", "key"] {
        return Err(said(xxgk::model::Msg::new(
            format!("{}：机关名称对照表的首行应为 name,key", path.display()),
            format!(
                "{}: the agency mapping's first line must be name,key",
                path.display()
            ),
        )));
    }
    let mut names = std::collections::BTreeMap::new();
    for (line, row) in rows.records().enumerate() {
        let row = row.map_err(|e| bad(e.to_string()))?;
        let (name, key) = (
            row.get(0).unwrap_or("").trim(),
            row.get(1).unwrap_or("").trim(),
        );
        if name.is_empty() || key.is_empty() {
            // An empty key would join every name given it: refused, naming the line.
            return Err(said(xxgk::model::Msg::new(
                format!(
                    "{}：机关名称对照表第 {} 行缺少名称或标识",
                    path.display(),
                    line + 2
                ),
                format!(
                    "{}: line {} of the agency mapping lacks a name or a key",
                    path.display(),
                    line + 2
                ),
            )));
        }
        names.insert(name.to_string(), key.to_string());
    }
    Ok(names)
}
