//! `xxgk batch`: the dataset written, its failures and summary printed, and the exit status
//! (0 all ok, 1 error findings, 2 failed inputs, 3 the dataset could not be written, 128 + the
//! signal that stopped it).

use super::*;

pub(super) fn batch(
    reader: &Reader,
    inputs: &[PathBuf],
    out: &std::path::Path,
    quiet: bool,
    resume: bool,
    lang: LangArg,
) -> Result<u8> {
    let progress = progress::Progress::new(lang.lang());
    let opts = xxgk_batch::BatchOptions {
        stop: stop_on_signals(),
        parse: options(lang),
        progress: (!quiet).then_some(&progress as &dyn xxgk_batch::Progress),
        resume,
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
