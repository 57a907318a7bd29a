//! The batch journal, `OUTDIR/.xxgk-journal.jsonl`: what has been read, so that a crashed or
//! killed batch continues with `--resume` instead of starting over.
//!
//! One JSON object per line, appended and flushed as the batch goes:
//! - `{"chunk":[…]}` before a chunk of inputs is read in parallel, `{"one":"…"}` before an input
//!   is read alone;
//! - `{"done":"…","status":…,"reason":…,"digest":…,"report":…}` when an input's outcome is
//!   known (`digest`: its content's, see `crate::digest`).
//!
//! On `--resume`, finished inputs whose content is unchanged are not read again (their outcomes come from the journal, by
//! offset, so memory stays bounded); inputs of a chunk that was in flight are read again one at
//! a time, each behind its own `one` line; an input whose `one` line has no `done` is the one
//! the reader stopped on, and fails with that reason. A completed batch removes its journal.

use crate::{Outcome, Status};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The journal's file name in OUTDIR.
pub(crate) const NAME: &str = ".xxgk-journal.jsonl";

/// What an earlier, interrupted run of the batch left.
#[derive(Default)]
pub(crate) struct Previous {
    path: Option<PathBuf>,
    /// Finished inputs: where their `done` line starts, and its length.
    done: HashMap<String, (u64, usize)>,
    /// Inputs of a chunk that was in flight: read them again one at a time.
    pub(crate) in_flight: HashSet<String>,
    /// The input that was being read alone when the run stopped.
    pub(crate) stopped_on: Option<String>,
}

impl Previous {
    /// Reads the journal in `dir`, if any.
    pub(crate) fn read(dir: &Path) -> Previous {
        let path = dir.join(NAME);
        let Ok(file) = File::open(&path) else {
            return Previous::default();
        };
        let mut prev = Previous {
            path: Some(path),
            ..Previous::default()
        };
        let mut reader = BufReader::new(file);
        let (mut offset, mut line) = (0u64, String::new());
        let mut started_one: Option<String> = None;
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
            let len = line.len();
            // A line cut by the crash does not parse and is ignored.
            if let Ok(v) = serde_json::from_str::<Value>(&line) {
                if let Some(chunk) = v["chunk"].as_array() {
                    prev.in_flight
                        .extend(chunk.iter().filter_map(|d| d.as_str().map(str::to_string)));
                } else if let Some(one) = v["one"].as_str() {
                    started_one = Some(one.to_string());
                } else if let Some(done) = v["done"].as_str() {
                    prev.in_flight.remove(done);
                    if started_one.as_deref() == Some(done) {
                        started_one = None;
                    }
                    prev.done.insert(done.to_string(), (offset, len));
                }
            }
            offset += len as u64;
            line.clear();
        }
        if let Some(one) = &started_one {
            prev.in_flight.remove(one);
        }
        prev.stopped_on = started_one;
        prev
    }

    /// The outcome an earlier run recorded for the input, when its content is what it was
    /// then (`now` gives the content's digest; an input never loaded has none either time).
    pub(crate) fn outcome(
        &self,
        input: &crate::Input,
        now: impl FnOnce() -> Option<String>,
    ) -> Option<Outcome> {
        let &(offset, len) = self.done.get(&input.display)?;
        let mut file = File::open(self.path.as_ref()?).ok()?;
        file.seek(SeekFrom::Start(offset)).ok()?;
        let mut line = vec![0u8; len];
        file.read_exact(&mut line).ok()?;
        let v: Value = serde_json::from_slice(&line).ok()?;
        let digest = v["digest"].as_str().map(str::to_string);
        if digest != now() {
            return None; // changed since: read again
        }
        let status = match v["status"].as_str()? {
            "ok" => Status::Ok,
            "findings" => Status::Findings,
            "failed" => Status::Failed,
            "skipped" => Status::Skipped,
            "scanned" => Status::Scanned,
            _ => return None,
        };
        Some(Outcome {
            input: input.clone(),
            status,
            reason: v["reason"].as_str().unwrap_or_default().to_string(),
            report: serde_json::from_value(v["report"].clone()).ok(),
            json: None,
            digest,
        })
    }
}

/// The journal being written.
pub(crate) struct Journal {
    file: File,
    path: PathBuf,
}

impl Journal {
    /// A write to the journal failed: the batch cannot promise `--resume`.
    pub(crate) fn error(&self, e: std::io::Error) -> crate::BatchError {
        crate::BatchError::Output {
            path: self.path.clone(),
            detail: e.to_string(),
        }
    }

    /// Continues the journal in `dir` (`resume`), or starts a new one.
    pub(crate) fn open(dir: &Path, resume: bool) -> std::io::Result<Journal> {
        let path = dir.join(NAME);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(resume)
            .write(true)
            .truncate(!resume)
            .open(&path)?;
        Ok(Journal { file, path })
    }

    fn line(&mut self, v: &Value) -> std::io::Result<()> {
        let mut text = v.to_string();
        text.push('\n');
        self.file.write_all(text.as_bytes())?;
        self.file.flush()
    }

    /// Before a chunk is read in parallel.
    pub(crate) fn chunk(&mut self, displays: &[&str]) -> std::io::Result<()> {
        self.line(&json!({ "chunk": displays }))
    }

    /// Before one input is read alone.
    pub(crate) fn one(&mut self, display: &str) -> std::io::Result<()> {
        self.line(&json!({ "one": display }))
    }

    /// The outcomes of a chunk, as [`done_line`] made them (on the threads that read them),
    /// written at once.
    pub(crate) fn done(&mut self, lines: &[Vec<u8>]) -> std::io::Result<()> {
        for line in lines {
            self.file.write_all(line)?;
        }
        self.file.flush()
    }

    /// The batch completed: the journal is no longer needed.
    pub(crate) fn finish(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// An input's `done` line: made where the input was read, so that the thread writing the
/// journal only writes bytes. The report (the line's bulk) is its JSON as read, not serialized
/// again.
pub(crate) fn done_line(o: &Outcome) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Done<'a> {
        done: &'a str,
        status: &'a str,
        reason: &'a str,
        digest: &'a Option<String>,
    }
    let mut line = serde_json::to_vec(&Done {
        done: &o.input.display,
        status: o.status.as_str(),
        reason: &o.reason,
        digest: &o.digest,
    })
    .unwrap_or_default();
    // `{…}` -> `{…,"report":…}`
    line.pop();
    line.extend_from_slice(b",\"report\":");
    match (&o.json, &o.report) {
        (Some(json), Some(_)) => line.extend_from_slice(json.as_bytes()),
        (_, report) => line.extend(serde_json::to_vec(report).unwrap_or_default()),
    }
    line.extend_from_slice(b"}\n");
    line
}
