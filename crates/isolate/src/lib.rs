//! Reading untrusted files where a crash costs one file, not the run.
//!
//! A [`Reader`] parses bytes in this process ([`Reader::in_process`]) or in worker processes
//! ([`Reader::isolated`]): the same program started in its worker mode, which reads requests
//! on stdin and answers on stdout ([`serve`]). A worker reads one file at a time under limits
//! the operating system enforces, whatever the adapters' own checks miss:
//!
//! - **memory**: `RLIMIT_DATA` (heap and every private writable mapping) is set again before
//!   each file to what the worker held when it started, plus [`Limits::max_memory`], plus
//!   three times the file's size; an allocation over it aborts the worker (its allocator is
//!   told to map memory as it uses it, never a reserve ahead: [`MAP_AS_USED`]);
//! - **time**: the supervisor waits `max_seconds` (and `max_ocr_seconds` where an OCR engine
//!   reads scans, [`xxgk::reading_seconds`]) + [`GRACE`] for the answer, then kills the
//!   worker;
//! - **stack**: a stack overflow (recursion on nested input in a library) aborts the worker
//!   only.
//!
//! A worker that dies or is killed fails its file with the reason ([`xxgk::Error::Isolated`],
//! kind `crashed` or `limit_exceeded`), and the next file gets a fresh worker. Workers are
//! started on demand, at most one per calling thread at a time (a batch's parser threads), kept
//! for the next file, and end when the [`Reader`] is dropped (their stdin closes).
//!
//! The wire is private (both ends are the same binary): a request is a frame of JSON (file
//! name, language, limits) and a frame of the file's bytes; a reply is a frame of JSON
//! ([`Reply`]): the report as `xxgk parse` prints it, an unknown format, or a read error as the
//! worker said it. A frame is a little-endian `u64` length and that many bytes.

use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;
use xxgk::model::{Lang, Limits, Msg, Report};
use xxgk::{unknown_format, Error, ParseOptions, Registry};

/// How long past `max_seconds` a worker may take before it is killed: the adapters check
/// their own budget, this is the net under them.
pub const GRACE: Duration = Duration::from_secs(3);

/// The largest reply accepted from a worker (a report's JSON is about 100 KB).
const MAX_REPLY: u64 = 64 << 20;

/// Parses files, in this process or in worker processes.
pub struct Reader<'r> {
    registry: &'r Registry,
    pool: Option<Pool>,
}

/// The error of a file whose reader process failed it (`crashed`, `limit_exceeded`, …).
fn isolated(name: &Path, kind: &'static str, reason: Msg) -> Error {
    Error::Isolated {
        path: name.to_path_buf(),
        kind,
        reason,
    }
}

impl<'r> Reader<'r> {
    /// Parses in this process: fastest, but a crash in an adapter ends the process.
    pub fn in_process(registry: &'r Registry) -> Self {
        Reader {
            registry,
            pool: None,
        }
    }

    /// Parses in worker processes started as `program args…`, a program that calls [`serve`]
    /// (the `xxgk` binary: `xxgk worker`). The workers read with the program's own built-in
    /// adapters; `registry` is used for what the caller asks of it (format names).
    pub fn isolated(registry: &'r Registry, program: PathBuf, args: &[&str]) -> Self {
        Reader {
            registry,
            pool: Some(Pool {
                program,
                args: args.iter().map(OsString::from).collect(),
                idle: Mutex::new(Vec::new()),
                owner: std::sync::atomic::AtomicU32::new(std::process::id()),
            }),
        }
    }

    /// The adapters of this process.
    pub fn registry(&self) -> &'r Registry {
        self.registry
    }

    /// True when files are read in worker processes.
    pub fn is_isolated(&self) -> bool {
        self.pool.is_some()
    }

    /// Parses bytes as [`xxgk::parse_bytes`] does; in a worker when isolated.
    pub fn parse_bytes(
        &self,
        bytes: &[u8],
        name: &Path,
        opts: &ParseOptions,
    ) -> Result<Report, Error> {
        match &self.pool {
            None => xxgk::parse_bytes(self.registry, bytes, name, opts),
            Some(pool) => pool.parse(bytes, name, opts).map(|p| p.report),
        }
    }

    /// [`Reader::parse_bytes`], with the report's JSON as `xxgk parse` prints it (compact):
    /// a worker's own, where a worker read it, so that a caller writing the JSON does not
    /// serialize the report again.
    pub fn parse_bytes_json(
        &self,
        bytes: &[u8],
        name: &Path,
        opts: &ParseOptions,
    ) -> Result<Parsed, Error> {
        match &self.pool {
            None => xxgk::parse_bytes(self.registry, bytes, name, opts).map(Parsed::new),
            Some(pool) => pool.parse(bytes, name, opts),
        }
    }

    /// Reads a file (refusing what is over a limit, as [`xxgk::read_file`]) and parses it.
    pub fn parse_path(&self, path: &Path, opts: &ParseOptions) -> Result<Report, Error> {
        let bytes = xxgk::read_file(path, &opts.limits)?;
        self.parse_bytes(&bytes, path, opts)
    }
}

/// A report read, and its JSON (`serde_json::to_string` of it).
#[derive(Debug)]
pub struct Parsed {
    /// The report.
    pub report: Report,
    /// Its JSON, compact.
    pub json: String,
}

impl Parsed {
    /// The report with its JSON serialized here.
    pub fn new(report: Report) -> Self {
        let json = serde_json::to_string(&report).unwrap_or_default();
        Parsed { report, json }
    }
}

/// How a worker's report reply begins (`Reply::Report`, externally tagged); the report's JSON
/// follows, then the closing brace.
const REPORT_REPLY: &[u8] = b"{\"Report\":";

/// What a worker is asked: the file's name and how to read it (its bytes follow).
#[derive(Serialize, Deserialize)]
struct Request {
    name: String,
    lang: String,
    limits: Limits,
    /// The adapter asked for, by name (`ParseOptions::format`).
    #[serde(default)]
    format: Option<String>,
}

/// What a worker answers.
#[derive(Serialize, Deserialize)]
enum Reply {
    /// The report.
    Report(Box<Report>),
    /// No adapter recognised the content, and why.
    Unknown(Msg),
    /// The adapter could not read it.
    Failed { kind: String, reason: Msg },
}

/// Worker processes, started on demand and kept while idle.
struct Pool {
    program: PathBuf,
    args: Vec<OsString>,
    idle: Mutex<Vec<Worker>>,
    /// The process the idle workers belong to: a forked copy of the supervisor (Python's
    /// `multiprocessing`) must not share them, and starts its own.
    owner: std::sync::atomic::AtomicU32,
}

/// One worker process: its stdin, and its replies as a thread reads them from its stdout.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<io::Result<Vec<u8>>>,
}

impl Pool {
    fn parse(&self, bytes: &[u8], name: &Path, opts: &ParseOptions) -> Result<Parsed, Error> {
        let stopped = |kind, reason| isolated(name, kind, reason);
        let spawn = || {
            self.spawn().map_err(|e| {
                stopped(
                    "crashed",
                    Msg::quoting("无法启动读取进程", "cannot start a reading process", e),
                )
            })
        };
        let idle = self.idle.lock().ok().and_then(|mut idle| {
            let me = std::process::id();
            if self.owner.swap(me, std::sync::atomic::Ordering::Relaxed) != me {
                // Forked: the workers are the parent's (their replies are read by threads that
                // did not come along). Only this copy's ends of their pipes are closed: a
                // dropped `Child` is neither killed nor waited for.
                idle.clear();
            }
            idle.pop()
        });
        let reused = idle.is_some();
        let mut worker = match idle {
            Some(w) => w,
            None => spawn()?,
        };
        let request = Request {
            name: name.to_string_lossy().into_owned(),
            lang: match opts.lang {
                Lang::En => "en",
                _ => "zh",
            }
            .into(),
            limits: opts.limits,
            format: opts.format.map(str::to_string),
        };
        let header = serde_json::to_vec(&request).map_err(|e| {
            stopped(
                "crashed",
                Msg::quoting("请求无法编码", "the request cannot be encoded", e),
            )
        })?;
        let send = |w: &mut Worker| {
            write_frame(&mut w.stdin, &header)
                .and_then(|()| write_frame(&mut w.stdin, bytes))
                .and_then(|()| w.stdin.flush())
        };
        let mut sent = send(&mut worker);
        if sent.is_err() && reused {
            // A kept worker that went away while idle: this file gets a fresh one.
            let _ = worker.child.kill();
            let _ = worker.child.wait();
            worker = spawn()?;
            sent = send(&mut worker);
        }
        let deadline =
            Duration::from_secs(xxgk::reading_seconds(&opts.limits)).saturating_add(GRACE);
        let answer = match sent {
            Ok(()) => worker.replies.recv_timeout(deadline),
            // It died while reading the request: its exit says why.
            Err(_) => Err(RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(Ok(frame)) => self.answered(worker, frame, name),
            Err(RecvTimeoutError::Timeout) => {
                let _ = worker.child.kill();
                let _ = worker.child.wait();
                let s = deadline.as_secs();
                Err(stopped(
                    "limit_exceeded",
                    Msg::new(
                        format!("读取此文件超过 {s} 秒，已停止"),
                        format!("reading this file took more than {s} s; it was stopped"),
                    ),
                ))
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                let (kind, reason) = worker.died(memory_for(bytes.len(), &opts.limits));
                Err(stopped(kind, reason))
            }
        }
    }

    /// A worker's answer: the report, or the file's error; the worker is kept for the next
    /// file unless it caught a panic (it may hold poisoned state) or answered nonsense.
    fn answered(&self, mut worker: Worker, frame: Vec<u8>, name: &Path) -> Result<Parsed, Error> {
        let stopped = |kind, reason| isolated(name, kind, reason);
        let reply = decode(frame);
        let healthy = match &reply {
            Ok(Err(Reply::Failed { kind, .. })) => kind != "crashed",
            Ok(_) => true,
            Err(_) => false,
        };
        if healthy {
            if let Ok(mut idle) = self.idle.lock() {
                idle.push(worker);
            }
        } else {
            let _ = worker.child.kill();
            let _ = worker.child.wait();
        }
        match reply {
            Ok(Ok(parsed)) => Ok(parsed),
            Ok(Err(Reply::Report(report))) => Ok(Parsed::new(*report)),
            Ok(Err(Reply::Unknown(reason))) => Err(Error::UnknownFormat {
                path: name.to_path_buf(),
                reason,
            }),
            Ok(Err(Reply::Failed { kind, reason })) => {
                let kind = Error::KINDS.iter().find(|k| **k == kind);
                Err(stopped(kind.unwrap_or(&"corrupt"), reason))
            }
            Err(e) => Err(stopped(
                "crashed",
                Msg::quoting(
                    "读取进程的回答无法理解",
                    "the reading process's answer is unreadable",
                    e,
                ),
            )),
        }
    }

    fn spawn(&self) -> io::Result<Worker> {
        let mut command = Command::new(&self.program);
        command
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .envs(MAP_AS_USED);
        // A group of its own: the terminal's Ctrl-C goes to the supervisor, which decides.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command.spawn()?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| io::Error::other("no stdin"))?;
        let mut stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout"))?;
        let (tx, replies) = mpsc::channel();
        std::thread::Builder::new()
            .name("xxgk-worker-reply".into())
            .spawn(move || loop {
                match read_frame(&mut stdout, MAX_REPLY) {
                    Ok(Some(frame)) => {
                        if tx.send(Ok(frame)).is_err() {
                            break;
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        break;
                    }
                }
            })?;
        Ok(Worker {
            child,
            stdin,
            replies,
        })
    }
}

impl Worker {
    /// Why a worker that stopped answering died: its exit status and its last words (the
    /// runtime's message on a stack overflow or a failed allocation).
    fn died(mut self, memory: u64) -> (&'static str, Msg) {
        drop(self.stdin);
        let status = self.child.wait();
        let mut last = Vec::new();
        if let Some(err) = self.child.stderr.take() {
            let _ = err.take(1 << 20).read_to_end(&mut last);
        }
        let said = String::from_utf8_lossy(&last[last.len().saturating_sub(16 << 10)..]);
        if said.contains("overflowed its stack") {
            return (
                "crashed",
                Msg::new(
                    "读取时栈溢出（文件中的结构嵌套过深），已停止读取此文件",
                    "reading overflowed the stack (structures nested too deep in the file); this file was stopped",
                ),
            );
        }
        if said.contains("memory allocation of") {
            let mib = memory >> 20;
            return (
                "limit_exceeded",
                Msg::new(
                    format!("读取此文件需要超过 {mib} MiB 内存，已停止"),
                    format!(
                        "reading this file needed more than {mib} MiB of memory; it was stopped"
                    ),
                ),
            );
        }
        let how = status.map(describe_exit).unwrap_or_else(|e| Msg::io(&e));
        // Its last words, where it said any (a worker that could not start says why).
        let words: String = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim().chars().take(300).collect())
            .unwrap_or_default();
        let (zh, en) = if words.is_empty() {
            (String::new(), String::new())
        } else {
            (format!("：{words}"), format!(": {words}"))
        };
        (
            "crashed",
            Msg::new(
                format!("读取进程异常终止（{}）{zh}", how.get(Lang::Zh)),
                format!("the reading process died ({}){en}", how.get(Lang::En)),
            ),
        )
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        if let Ok(idle) = self.idle.get_mut() {
            for w in idle.drain(..) {
                let Worker {
                    mut child, stdin, ..
                } = w;
                drop(stdin); // the worker ends at the end of its input
                let _ = child.wait();
            }
        }
    }
}

/// An exit status in words: the signal or the exit code.
/// Reads a worker's reply: a report from its own JSON, which is kept (the reply's bulk), or
/// any other reply.
fn decode(frame: Vec<u8>) -> serde_json::Result<Result<Parsed, Reply>> {
    if frame.starts_with(REPORT_REPLY) && frame.ends_with(b"}") {
        let (start, end) = (REPORT_REPLY.len(), frame.len() - 1);
        let mut json = frame;
        json.truncate(end);
        json.drain(..start.min(end));
        // Checked as UTF-8 once, here, then read as text: reading bytes would check every
        // string in it again.
        let json = String::from_utf8(json).map_err(serde::de::Error::custom)?;
        let report = serde_json::from_str::<Report>(&json)?;
        return Ok(Ok(Parsed { report, json }));
    }
    serde_json::from_slice::<Reply>(&frame).map(Err)
}

fn describe_exit(status: ExitStatus) -> Msg {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Msg::new(format!("信号 {signal}"), format!("signal {signal}"));
        }
    }
    let code = status.code().unwrap_or(-1);
    Msg::new(format!("退出码 {code}"), format!("exit code {code}"))
}

/// The memory a worker may use for a file of `len` bytes.
fn memory_for(len: usize, limits: &Limits) -> u64 {
    limits
        .max_memory
        .saturating_add((len as u64).saturating_mul(3))
}

/// The environment of a process whose memory is limited (a worker; a [`confine`]d child): the
/// limit counts what is mapped, so the allocator (mimalloc, in the xxgk binary) maps memory
/// as it uses it, instead of reserving a gigabyte ahead that the limit would count as held
/// before the first file and never see used.
pub const MAP_AS_USED: [(&str, &str); 1] = [("MIMALLOC_DISALLOW_ARENA_ALLOC", "1")];

/// Confines this process as a worker is for one file of `len` bytes: its memory limited as
/// [`serve`] limits it, and (Linux) killed with its parent. For a one-off child doing a
/// worker's kind of job (the workbench's page view), started with [`MAP_AS_USED`].
pub fn confine(len: usize, limits: &Limits) {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL));
    limit_memory(Some(own_memory().saturating_add(memory_for(len, limits))));
}

/// The worker's side: reads requests from stdin and answers each on stdout until stdin ends.
/// A program calls it in its worker mode and exits when it returns. On Linux the worker is
/// also killed when the thread that started it ends (the supervisor's parser threads live as
/// long as the run).
pub fn serve(registry: &Registry) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL));
    serve_until_eof(registry)
}

/// [`serve`] for workers that callers start from threads of any lifetime (a library's: Linux
/// kills a child with the *thread* that started it, not the process): the worker ends when
/// its input does, which is when the supervisor process ends at the latest.
pub fn serve_until_eof(registry: &Registry) -> io::Result<()> {
    // Adapters catch their libraries' panics; their messages must not fill a pipe nobody reads.
    std::panic::set_hook(Box::new(|_| {}));
    // The supervisor decides what stops: a worker ends when its input does (one killed by a
    // Ctrl-C meant for the run would fail its file), and dies with its supervisor (one left
    // reading a file that hangs would run on).
    #[cfg(unix)]
    {
        static IGNORED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        for s in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            let _ = signal_hook::flag::register(s, &IGNORED);
        }
    }
    // What the worker program holds before any file (a Python interpreter holds tens of MiB)
    // is not the file's to pay for.
    let own = own_memory();
    let (mut input, mut output) = (io::stdin().lock(), io::stdout().lock());
    loop {
        // The last file's limit is lifted while the next one arrives (its size sets its own).
        limit_memory(None);
        let Some(header) = read_frame(&mut input, 1 << 20)? else {
            return Ok(());
        };
        let request: Request = serde_json::from_slice(&header).map_err(io::Error::other)?;
        let opts = ParseOptions {
            lang: if request.lang == "en" {
                Lang::En
            } else {
                Lang::Zh
            },
            limits: request.limits,
            format: None,
        };
        let format = request.format.as_deref().map(|f| (f, registry.named(f)));
        let max = opts.limits.max_file_bytes.saturating_add(1);
        let Some(bytes) = read_frame(&mut input, max)? else {
            return Ok(());
        };
        limit_memory(Some(
            own.saturating_add(memory_for(bytes.len(), &opts.limits)),
        ));
        let name = PathBuf::from(&request.name);
        let parsed = std::panic::catch_unwind(AssertUnwindSafe(|| match format {
            Some((_, Some(adapter))) => {
                let opts = ParseOptions {
                    format: Some(adapter.name()),
                    ..opts
                };
                xxgk::parse_bytes(registry, &bytes, &name, &opts)
            }
            // A format this binary has no adapter of: said as parsing says it.
            Some((unknown, None)) => Err(Error::UnknownFormat {
                path: name.clone(),
                reason: unknown_format(unknown),
            }),
            None => xxgk::parse_bytes(registry, &bytes, &name, &opts),
        }));
        drop(bytes);
        let reply = match parsed {
            Ok(Ok(report)) => Reply::Report(Box::new(report)),
            Ok(Err(Error::UnknownFormat { reason, .. })) => Reply::Unknown(reason),
            Ok(Err(e)) => Reply::Failed {
                kind: e.kind().into(),
                reason: e.reason(),
            },
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Reply::Failed {
                    kind: "crashed".into(),
                    reason: Msg::quoting("读取时内部错误", "internal error while reading", what),
                }
            }
        };
        let json = serde_json::to_vec(&reply).map_err(io::Error::other)?;
        write_frame(&mut output, &json)?;
        output.flush()?;
    }
}

/// The memory this process's data limit counts now (`VmData`: heap and private writable
/// mappings), where Linux tells it.
fn own_memory() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmData:"))
        .and_then(|v| v.trim().strip_suffix("kB"))
        .and_then(|kb| kb.trim().parse::<u64>().ok())
        .map_or(0, |kb| kb.saturating_mul(1024))
}

/// Sets this process's data limit, or (`None`) lifts it to the hard limit (Linux; elsewhere
/// memory is bounded by the adapters only).
fn limit_memory(bytes: Option<u64>) {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
        let old = getrlimit(Resource::Data);
        let cap = match (bytes, old.maximum) {
            (Some(b), Some(m)) => Some(b.min(m)),
            (Some(b), None) => Some(b),
            (None, m) => m,
        };
        let _ = setrlimit(
            Resource::Data,
            Rlimit {
                current: cap,
                maximum: old.maximum,
            },
        );
    }
    #[cfg(not(target_os = "linux"))]
    let _ = bytes;
}

fn write_frame(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)
}

/// One frame, or `None` where the input ended before it began.
fn read_frame(r: &mut impl Read, max: u64) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 8];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u64::from_le_bytes(len);
    if len > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a frame of {len} bytes"),
        ));
    }
    let mut buf = Vec::with_capacity(len.min(64 << 20) as usize);
    r.take(len).read_to_end(&mut buf)?;
    if buf.len() as u64 != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_refuse_what_is_over_the_limit() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"abc").unwrap();
        write_frame(&mut buf, b"").unwrap();
        let mut r = &buf[..];
        assert_eq!(
            read_frame(&mut r, 10).unwrap().as_deref(),
            Some(&b"abc"[..])
        );
        assert_eq!(read_frame(&mut r, 10).unwrap().as_deref(), Some(&b""[..]));
        assert!(read_frame(&mut r, 10).unwrap().is_none());
        let mut r = &buf[..];
        assert!(read_frame(&mut r, 2).is_err());
        let mut cut = &buf[..9];
        assert!(read_frame(&mut cut, 10).is_err());
    }

    #[test]
    fn a_report_survives_the_wire() {
        let registry = Registry::with_builtin();
        let text = "2023年某某县人民政府政府信息公开工作年度报告\n一、总体情况\n本年度……\n";
        let opts = ParseOptions::default();
        let report =
            xxgk::parse_bytes(&registry, text.as_bytes(), Path::new("a.txt"), &opts).unwrap();
        let frame = serde_json::to_vec(&Reply::Report(Box::new(report.clone()))).unwrap();
        match decode(frame) {
            Ok(Ok(parsed)) => {
                assert_eq!(parsed.report, report);
                // The kept JSON is the report's, as the caller would have serialized it.
                assert_eq!(parsed.json, Parsed::new(report).json);
                assert!(parsed.json.starts_with('{') && parsed.json.contains("某某县"));
            }
            _ => panic!("not a report"),
        }
        let failed = Reply::Failed {
            kind: "corrupt".into(),
            reason: Msg::new("坏", "bad"),
        };
        let frame = serde_json::to_vec(&failed).unwrap();
        assert!(matches!(decode(frame), Ok(Err(Reply::Failed { .. }))));
        assert!(decode(b"{\"Report\":{}".to_vec()).is_err());
    }
}
