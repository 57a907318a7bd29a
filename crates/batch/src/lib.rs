//! Batch runs for 政务公开办 reviewers and researchers: files, folders and zip archives in (any
//! mix of formats, decided by content), a dataset out — manifest, JSONL, CSV (long and wide),
//! an Excel workbook, a SQLite database and the review page `report.html` — plus cross-report checks (R8 continuity, D1
//! duplicates).
//!
//! Inputs are processed in parallel (rayon) in fixed-size chunks and written in input order, so
//! memory stays bounded however large the batch and two runs give the same files. Outputs are
//! written under temporary names and renamed at the end: an interrupted run never leaves a
//! dataset that looks complete.
//!
//! **Architecture invariant:** never prints (progress goes to a [`Progress`] the caller gives); the CLI decides
//! exit codes from the returned [`Summary`].

mod columnar;
mod database;
mod folder;
mod inputs;
mod journal;
mod outputs;
mod workbook;

/// The files a batch writes into OUTDIR.
pub use outputs::{template, FILES as OUTPUT_FILES};

pub use inputs::{collect, entry_name, Archives, Input, Refusal};

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;
use thiserror::Error;
pub use xxgk::model::Status;
use xxgk::model::{Report, Severity, Text};
use xxgk::Cross;
use xxgk::{ParseOptions, Registry};
use xxgk_isolate::Parsed;
pub use xxgk_isolate::Reader;

/// Files processed per parallel chunk: bounds memory to this many reports at a time.
const CHUNK: usize = 64;

impl Summary {
    /// Failed inputs kept for the terminal; the manifest has them all.
    pub const FAILURES_SHOWN: usize = 20;

    /// Counts one outcome in.
    fn count(&mut self, o: &Outcome) {
        match o.status {
            Status::Ok => self.ok += 1,
            Status::Findings => self.with_findings += 1,
            Status::Failed => {
                self.failed += 1;
                if self.failures.len() < Summary::FAILURES_SHOWN {
                    self.failures
                        .push((o.input.display.clone(), o.reason.clone()));
                }
            }
            Status::Skipped => self.skipped += 1,
            Status::Scanned => self.scanned += 1,
            Status::Duplicate => self.duplicates += 1,
        }
        if let Some(r) = &o.report {
            self.has_errors |= r.findings.iter().any(|f| f.severity == Severity::Error);
            self.recognised += usize::from(r.metadata.recognised);
        }
    }
}

/// The result of one input.
#[derive(Debug)]
pub struct Outcome {
    /// The input.
    pub input: Input,
    /// Status.
    pub status: Status,
    /// Why it failed or was skipped.
    pub reason: String,
    /// The report, when read.
    pub report: Option<Report>,
    /// The report's JSON as read (`serde_json::to_string` of `report`), where it was read in
    /// this run and not changed since: written as it is.
    pub json: Option<String>,
    /// The content's digest (CRC-32 and length), where the bytes were loaded: `--resume`
    /// reads an input again when its content changed.
    pub digest: Option<String>,
}

/// Counts of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Inputs (files and archive entries).
    pub files: usize,
    /// Status ok.
    pub ok: usize,
    /// Status findings.
    pub with_findings: usize,
    /// Status failed.
    pub failed: usize,
    /// Status skipped.
    pub skipped: usize,
    /// Status scanned.
    pub scanned: usize,
    /// Status duplicate (copies of a report read earlier, D1).
    pub duplicates: usize,
    /// Reports whose tables were recognised by OCR in scanned pages (counted besides their
    /// status).
    pub recognised: usize,
    /// The first failed inputs (up to [`Summary::FAILURES_SHOWN`]) and why, for the terminal.
    pub failures: Vec<(String, String)>,
    /// Some report has an error-level finding (cross-report checks included).
    pub has_errors: bool,
    /// Wall time.
    pub seconds: f64,
}

/// Told of the run's progress, once per input written (the CLI draws a bar or prints lines;
/// the library prints nothing).
pub trait Progress: Sync + std::fmt::Debug {
    /// `done` of `total` inputs are written.
    fn advance(&self, done: usize, total: usize);
    /// The inputs are all written and the dataset is complete.
    fn finish(&self) {}
}

/// How the batch runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct BatchOptions<'a> {
    /// Set (to the signal's number) when the run is to stop: the batch ends after the chunk
    /// being read, removes its staging folder and keeps its journal for `--resume`
    /// ([`BatchError::Interrupted`]). The CLI sets it on SIGINT and SIGTERM.
    pub stop: Option<&'static std::sync::atomic::AtomicUsize>,
    /// Parse options (language, limits).
    pub parse: ParseOptions,
    /// Told of each input written; none: no progress is reported.
    pub progress: Option<&'a dyn Progress>,
    /// Continue an interrupted batch from its journal in OUTDIR (inputs already read are not
    /// read again).
    pub resume: bool,
    /// The user's mapping of agency names to agency keys (`--agencies`), for the reports of
    /// one office that no rule can tell are one (cross-report checks R8, D1, J1, P1).
    pub agencies: Option<&'a std::collections::BTreeMap<String, String>>,
    /// A reviewer's corrections, by input (its display name, as the manifest writes it):
    /// applied to the report read, the arithmetic checked again, each kept and named (K1).
    pub corrections: Option<&'a Corrections>,
}

/// A reviewer's corrections of values, by input (display name), in the order made.
pub type Corrections = std::collections::BTreeMap<String, Vec<xxgk::model::Correction>>;

/// Why a batch could not produce its outputs (input problems never are: they are manifest rows).
#[derive(Debug, Error)]
pub enum BatchError {
    /// The output folder or a file in it could not be written.
    #[error("cannot write {path}: {detail}")]
    Output {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// The output folder is an input folder, or holds one.
    #[error("{path} holds the input {input}: choose an output folder outside the inputs")]
    OutdirHoldsInput {
        /// The output folder.
        path: PathBuf,
        /// The input inside it.
        input: PathBuf,
    },
    /// The run was stopped ([`BatchOptions::stop`]) before its dataset was complete.
    #[error("stopped by signal {signal}; continue with --resume")]
    Interrupted {
        /// The signal's number (2 for SIGINT, 15 for SIGTERM).
        signal: usize,
    },
    /// Another batch is writing into the same output folder.
    #[error("{path} is in use by another xxgk batch (process {pid}); wait for it or choose another folder")]
    Busy {
        /// The output folder.
        path: PathBuf,
        /// The process holding it.
        pid: String,
    },
}

impl BatchError {
    /// The error in the reader's language.
    pub fn describe(&self, lang: xxgk::model::Lang) -> String {
        match self {
            BatchError::Output { path, detail } => {
                let frame = Text::CannotWrite.fill(lang, &[&path.display()]);
                xxgk::model::Msg::quoting(&frame, &frame, detail)
                    .get(lang)
                    .to_string()
            }
            BatchError::Busy { path, pid } => Text::Busy.fill(lang, &[&path.display(), pid]),
            BatchError::Interrupted { signal } => match lang {
                xxgk::model::Lang::En => self.to_string(),
                _ => format!("已被信号 {signal} 中止；用 --resume 继续"),
            },
            BatchError::OutdirHoldsInput { path, input } => match lang {
                xxgk::model::Lang::En => self.to_string(),
                _ => format!(
                    "输出文件夹 {} 包含输入 {}：请选择输入以外的输出文件夹",
                    path.display(),
                    input.display()
                ),
            },
        }
    }
}

/// Runs a batch over `inputs`, writing the dataset to `outdir`.
pub fn run(
    reader: &Reader,
    inputs: &[PathBuf],
    outdir: &Path,
    opts: &BatchOptions<'_>,
) -> Result<Summary, BatchError> {
    let start = Instant::now();
    folder::check_outdir(outdir, inputs)?;
    let _lock = folder::Lock::take(outdir)?;
    let items = collect(inputs, &opts.parse.limits, Some(outdir));
    let archives = inputs::Archives::default();
    let title = inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let out = outputs::Outputs::create(outdir, opts.parse.lang, &title)?;
    let previous = if opts.resume {
        journal::Previous::read(outdir)
    } else {
        journal::Previous::default()
    };
    let journal_path = outdir.join(journal::NAME);
    let journal_err = |e: std::io::Error| BatchError::Output {
        path: journal_path.clone(),
        detail: e.to_string(),
    };
    let mut journal = journal::Journal::open(outdir, opts.resume).map_err(journal_err)?;
    let summary = Summary {
        files: items.len(),
        ..Summary::default()
    };
    let total = items.len();
    // Parsing (rayon, chunk by chunk) overlaps with writing (one thread, in input order); the
    // channel holds one chunk, so at most three chunks of reports are alive at a time.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(1);
    let mut stopped = None;
    let written = std::thread::scope(|scope| {
        let cross = Cross::with_names(opts.agencies.unwrap_or(&BTreeMap::new()));
        let writer_opts = *opts;
        let writer =
            scope.spawn(move || write_in_order(rx, out, summary, cross, &writer_opts, total));
        let read = |input: &Input| process(reader, input, &archives, &opts.parse);
        for chunk in items.chunks(CHUNK) {
            let signal = opts.stop.map_or(0, |s| s.load(Ordering::SeqCst));
            if signal != 0 {
                stopped = Some(signal);
                break;
            }
            let slots = remembered(&previous, chunk, &archives, &opts.parse);
            let outcomes = read_chunk(chunk, slots, &previous, &mut journal, &read)?;
            if tx.send(outcomes).is_err() {
                break; // the writer stopped on an error: it is returned below
            }
        }
        drop(tx);
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    if let Some(signal) = stopped {
        // The outputs (and their staging folder) are dropped unfinished; the journal stays.
        return Err(BatchError::Interrupted { signal });
    }
    let (out, cross, mut summary) = written?;
    let cross_findings = cross.findings(opts.parse.lang);
    summary.has_errors |= cross_findings
        .iter()
        .any(|(_, f)| f.severity == Severity::Error);
    out.finish(
        &cross_findings,
        &cross.copies(),
        &cross.standing(),
        &mut summary,
    )?;
    journal.finish();
    summary.seconds = start.elapsed().as_secs_f64();
    if let Some(p) = opts.progress {
        p.finish();
    }
    Ok(summary)
}

/// Reads one chunk: what an earlier run read is taken from its journal, an input that was in
/// flight at a crash is read alone (so that a second crash names it), the rest in parallel;
/// the journal records the chunk before and each outcome after.
fn read_chunk(
    chunk: &[Input],
    mut slots: Vec<Option<Outcome>>,
    previous: &journal::Previous,
    journal: &mut journal::Journal,
    read: &(dyn Fn(&Input) -> Outcome + Sync),
) -> Result<Vec<Outcome>, BatchError> {
    for (slot, input) in slots.iter_mut().zip(chunk) {
        if slot.is_none() && previous.in_flight.contains(&input.display) {
            // It was in a chunk in flight at the crash: read alone, so that a second
            // crash names it.
            journal.one(&input.display).map_err(|e| journal.error(e))?;
            *slot = Some(read(input));
        }
    }
    let fresh: Vec<&Input> = slots
        .iter()
        .zip(chunk)
        .filter(|(slot, _)| slot.is_none())
        .map(|(_, input)| input)
        .collect();
    let displays: Vec<&str> = fresh.iter().map(|i| i.display.as_str()).collect();
    if !fresh.is_empty() {
        journal.chunk(&displays).map_err(|e| journal.error(e))?;
    }
    let mut results = fresh
        .par_iter()
        .map(|input| {
            let o = read(input);
            let line = journal::done_line(&o);
            (o, line)
        })
        .collect::<Vec<_>>()
        .into_iter();
    let (outcomes, lines): (Vec<Outcome>, Vec<Vec<u8>>) = slots
        .into_iter()
        .filter_map(|slot| match slot {
            Some(o) => {
                let line = journal::done_line(&o);
                Some((o, line))
            }
            None => results.next(),
        })
        .unzip();
    journal.done(&lines).map_err(|e| journal.error(e))?;
    Ok(outcomes)
}

/// The writer: outcomes in input order into every output, counted in the summary and for the
/// cross-report checks, the caller's progress told of each.
fn write_in_order(
    rx: std::sync::mpsc::Receiver<Vec<Outcome>>,
    mut out: outputs::Outputs,
    mut summary: Summary,
    mut cross: Cross,
    opts: &BatchOptions<'_>,
    total: usize,
) -> Result<(outputs::Outputs, Cross, Summary), BatchError> {
    for (done, mut o) in rx.into_iter().flatten().enumerate() {
        let fixes = opts.corrections.and_then(|c| c.get(&o.input.display));
        if let (Some(fixes), Some(r)) = (fixes, o.report.as_mut()) {
            xxgk::correct(r, fixes, opts.parse.lang);
            o.json = None; // the report changed
            if matches!(o.status, Status::Ok | Status::Findings) {
                let bad = r.findings.iter().any(|f| f.severity >= Severity::Warning);
                o.status = if bad { Status::Findings } else { Status::Ok };
            }
        }
        summary.count(&o);
        if let Some(r) = &o.report {
            cross.add(&o.input.display, r);
        }
        out.write(&o)?;
        if let Some(p) = opts.progress {
            p.advance(done + 1, total);
        }
    }
    Ok((out, cross, summary))
}

/// An earlier run's outcomes for a chunk (`--resume`): an input read before and unchanged
/// since, or the one that run stopped on (failed with that reason); `None` to read.
fn remembered(
    previous: &journal::Previous,
    chunk: &[Input],
    archives: &Archives,
    opts: &ParseOptions,
) -> Vec<Option<Outcome>> {
    chunk
        .iter()
        .map(|input| {
            let now = || {
                let bytes = input.load(&opts.limits, archives).ok()?;
                Some(digest(&bytes))
            };
            previous.outcome(input, now).or_else(|| {
                (previous.stopped_on.as_deref() == Some(input.display.as_str())).then(
                    // With its digest: the next resume keeps it failed unless it changed,
                    // and never reads it again in a parallel chunk.
                    || Outcome {
                        input: input.clone(),
                        status: Status::Failed,
                        reason: Text::StoppedOn.get(opts.lang).into(),
                        report: None,
                        json: None,
                        digest: now(),
                    },
                )
            })
        })
        .collect()
}

/// Reads and checks one input; never panics, never fails the batch.
pub fn process(
    reader: &Reader,
    input: &Input,
    archives: &Archives,
    opts: &ParseOptions,
) -> Outcome {
    let lang = opts.lang;
    let outcome = |status, reason: &str, report| Outcome {
        input: input.clone(),
        status,
        reason: reason.to_string(),
        report,
        json: None,
        digest: None,
    };
    match &input.refused {
        Some((Refusal::Failed, why)) => return outcome(Status::Failed, why.get(lang), None),
        Some((Refusal::Skipped, why)) => return outcome(Status::Skipped, why.get(lang), None),
        None => {}
    }
    let bytes = match input.load(&opts.limits, archives) {
        Ok(b) => b,
        Err(reason) => return outcome(Status::Failed, reason.get(lang), None),
    };
    let with_json = |mut o: Outcome, json| {
        o.json = Some(json);
        o
    };
    let mut read = match reader.parse_bytes_json(&bytes, &input.name(), opts) {
        Ok(Parsed { report, json }) if report.metadata.image_only => with_json(
            outcome(Status::Scanned, Text::ScannedReason.get(lang), Some(report)),
            json,
        ),
        Ok(Parsed { report, .. }) if !report.is_annual_report() => {
            outcome(Status::Skipped, Report::not_a_report_reason(lang), None)
        }
        Ok(Parsed { report, json }) => {
            let bad = report
                .findings
                .iter()
                .any(|f| f.severity >= Severity::Warning);
            let status = if bad { Status::Findings } else { Status::Ok };
            with_json(outcome(status, "", Some(report)), json)
        }
        // Empty files and formats xxgk recognises but cannot read (OLE files that are
        // neither Word documents nor workbooks)
        // are probably reports: they fail, as does a file whose name claims a report format
        // (a PNG named .xlsx). Anything else unknown (images, …) is skipped.
        Err(xxgk::Error::UnknownFormat { reason, .. })
            if bytes.is_empty()
                || bytes.starts_with(b"\xD0\xCF\x11\xE0")
                || claims_report_format(reader.registry(), &input.name()) =>
        {
            outcome(Status::Failed, reason.get(lang), None)
        }
        Err(xxgk::Error::UnknownFormat { reason, .. }) => {
            outcome(Status::Skipped, reason.get(lang), None)
        }
        Err(e) => outcome(Status::Failed, inputs::why(&e).get(lang), None),
    };
    read.digest = Some(digest(&bytes));
    read
}

/// A content digest: CRC-32 and length (a changed file is told apart; it is not a security
/// check).
pub(crate) fn digest(bytes: &[u8]) -> String {
    format!("{:08x}-{}", crc32fast::hash(bytes), bytes.len())
}

/// True when the file name's extension is one a report comes in (`.docx`, `.doc`, `.xlsx`,
/// `.pdf`, `.txt`, …).
fn claims_report_format(registry: &Registry, name: &Path) -> bool {
    let ext = name
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    registry
        .adapters()
        .any(|a| a.extensions().contains(&ext.as_str()))
}
