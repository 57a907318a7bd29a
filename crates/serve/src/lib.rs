//! `xxgk serve`: the reviewer's workbench — a local web application over the batch. Drafts come
//! by drag and drop (files, folders, zips) or from the paths given; the batch engine reads them
//! into a workspace folder with live progress; the page shows the counts, the review page of
//! the workspace, and the batch's files to download. Closing and reopening loses nothing: the
//! workspace holds the uploads (`inputs/`) and the last complete dataset (`out/`).
//!
//! Safe by default: it listens on loopback unless told otherwise; every request needs the
//! one-time token printed at start (exchanged for a cookie on first use), loopback included,
//! since other local users and web pages can reach 127.0.0.1; the Host header must name this
//! server (no DNS rebinding); every change also needs the page's CSRF token in a header and,
//! where the browser sends one, a matching Origin; uploads are streamed to disk within the
//! batch's file limit and land only inside the workspace; one batch runs at a time, and the
//! dataset is switched in whole, so many tabs at once never see half of one.

mod corrections;
mod exports;
mod originals;

use axum::body::Body;
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use corrections::correct;
use exports::{issues, render};
use http_body_util::BodyExt;
use originals::{original, source};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use thiserror::Error;
use tokio::io::AsyncWriteExt;
use xxgk::model::Correction;
use xxgk::model::{Lang, SourceRef, Text};
use xxgk::ParseOptions;
use xxgk_batch::{BatchOptions, Corrections, Progress};
use xxgk_isolate::Reader;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Files, folders and zips read besides the uploads.
    pub inputs: Vec<PathBuf>,
    /// The workspace folder: `inputs/` (uploads) and `out/` (the dataset).
    pub workspace: PathBuf,
    /// The address to listen on (loopback unless the user asks).
    pub host: IpAddr,
    /// The port (0: a free one).
    pub port: u16,
    /// Parse options (language, limits).
    pub parse: ParseOptions,
    /// The `xxgk` program, run as `xxgk original FILE PLACE` to show the original beside a
    /// finding in a process of its own (a file that crashes the renderer costs that view);
    /// `None`: only text files' originals are shown.
    pub viewer: Option<PathBuf>,
}

/// Why the server could not run.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The workspace could not be made.
    #[error("cannot create the workspace {path}: {source}")]
    Workspace {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The address could not be bound or served.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// No secure random token could be made.
    #[error("no random source for the access token: {0}")]
    Random(String),
}

/// The batch's state, as the page polls it.
#[derive(Debug, Default, Clone, serde::Serialize)]
struct Job {
    /// A run is going on or asked for (`requested > completed`).
    running: bool,
    /// Runs asked for, and runs finished (a request during a run is folded into the next).
    #[serde(skip)]
    requested: u64,
    #[serde(skip)]
    completed: u64,
    done: usize,
    total: usize,
    /// The counts of the last complete dataset: files, ok, findings, duplicate, failed,
    /// skipped, scanned.
    counts: Option<[usize; 7]>,
    /// Why the last batch could not write its dataset.
    error: Option<String>,
    /// Bumped at each complete dataset, so the page reloads its view.
    generation: u64,
}

/// What every request handler shares.
struct App {
    token: String,
    csrf: String,
    /// Host header values that name this server.
    hosts: Vec<String>,
    /// Bound to every address (`--host 0.0.0.0`): any IP address of this machine names it
    /// too (an address, unlike a name, cannot be rebound to another server).
    any_address: bool,
    port: u16,
    workspace: PathBuf,
    lang: Lang,
    max_upload: u64,
    /// The batch's limits, for every file the server reads.
    limits: xxgk::model::Limits,
    /// The program that shows originals (`ServeOptions::viewer`).
    viewer: Option<PathBuf>,
    /// Originals shown at once (each a process), and department exports made at once (each a
    /// batch): more are refused as busy, never queued without bound.
    showing: tokio::sync::Semaphore,
    exporting: tokio::sync::Semaphore,
    job: Mutex<Job>,
    /// Asks the batch thread for a run.
    run: Mutex<mpsc::Sender<()>>,
    /// Held while the corrections file is read and rewritten.
    corrections: Mutex<()>,
}

/// The batch's progress, into the shared job.
#[derive(Debug)]
struct Tracker<'a>(&'a Mutex<Job>);

impl Progress for Tracker<'_> {
    fn advance(&self, done: usize, total: usize) {
        if let Ok(mut job) = self.0.lock() {
            job.done = done;
            job.total = total;
        }
    }
}

/// A random token of 128 bits, hex.
fn token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| ServeError::Random(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The workspace's upload folder.
fn uploads(workspace: &Path) -> PathBuf {
    workspace.join("inputs")
}

/// The workspace's dataset folder.
fn dataset(workspace: &Path) -> PathBuf {
    workspace.join("out")
}

/// Where uploads are written before they are whole (outside `inputs/`, so that a batch
/// never reads half a file).
fn staging(workspace: &Path) -> PathBuf {
    workspace.join(".tmp")
}

/// Creates a folder only its owner can open (on Unix): uploads and the dataset are the
/// agencies' drafts.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// The workspace's corrections file.
fn corrections_file(workspace: &Path) -> PathBuf {
    workspace.join("corrections.json")
}

/// The corrections made so far (none where there is no file yet); an error where the file
/// cannot be read, so that it is never overwritten by a new one.
fn read_corrections(workspace: &Path) -> std::io::Result<Corrections> {
    match std::fs::read(corrections_file(workspace)) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(std::io::Error::other),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Corrections::new()),
        Err(e) => Err(e),
    }
}

/// Now, in UTC, as `2026-12-02T14:30:00Z`.
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Runs the server until the process ends: `ready` is told the address to open (with the
/// one-time token) once it listens. Batches run on one thread of their own, one at a time.
pub fn serve(
    reader: &Reader<'_>,
    opts: &ServeOptions,
    ready: impl FnOnce(&str),
) -> Result<(), ServeError> {
    for dir in [
        opts.workspace.clone(),
        uploads(&opts.workspace),
        dataset(&opts.workspace),
        staging(&opts.workspace),
    ] {
        private_dir(&dir).map_err(|source| ServeError::Workspace {
            path: dir.clone(),
            source,
        })?;
    }
    // Uploads a closed connection left half-written, a department export a killed server left.
    if let Ok(entries) = std::fs::read_dir(staging(&opts.workspace)) {
        for e in entries.flatten() {
            let path = e.path();
            let _ = if path.is_dir() && !path.is_symlink() {
                std::fs::remove_dir_all(path)
            } else {
                std::fs::remove_file(path)
            };
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(|source| ServeError::Listen {
            addr: SocketAddr::new(opts.host, opts.port),
            source,
        })?;
    let addr = SocketAddr::new(opts.host, opts.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|source| ServeError::Listen { addr, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| ServeError::Listen { addr, source })?;
    let port = bound.port();
    // The address to open: the bound one, or loopback where every address is bound.
    let shown = match bound.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("127.0.0.1:{port}"),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("[::1]:{port}"),
        _ => bound.to_string(),
    };
    let mut hosts = vec![shown.clone(), format!("localhost:{port}")];
    if bound.ip().is_loopback() && bound.is_ipv4() {
        hosts.push(format!("127.0.0.1:{port}"));
    }
    let (tx, rx) = mpsc::channel::<()>();
    let app = Arc::new(App {
        token: token()?,
        csrf: token()?,
        hosts,
        any_address: opts.host.is_unspecified(),
        port,
        workspace: opts.workspace.clone(),
        lang: opts.parse.lang,
        max_upload: opts.parse.limits.max_file_bytes,
        limits: opts.parse.limits,
        viewer: opts.viewer.clone(),
        showing: tokio::sync::Semaphore::new(2),
        exporting: tokio::sync::Semaphore::new(1),
        // The first batch, reading what is already there, is asked for.
        job: Mutex::new(Job {
            running: true,
            requested: 1,
            ..Job::default()
        }),
        run: Mutex::new(tx.clone()),
        corrections: Mutex::new(()),
    });
    let _ = tx.send(());
    ready(&format!("http://{shown}/?token={}", app.token));
    std::thread::scope(|scope| {
        let worker = Arc::clone(&app);
        scope.spawn(move || batches(reader, opts, &worker, &rx));
        let router = router(Arc::clone(&app));
        let served = runtime.block_on(async { axum::serve(listener, router).await });
        // The server ended: let the batch thread end too.
        if let Ok(mut run) = app.run.lock() {
            *run = mpsc::channel().0;
        }
        drop(tx);
        served.map_err(|source| ServeError::Listen {
            addr: bound,
            source,
        })
    })
}

/// The batch thread: a run per request, requests that came during a run folded into one more.
fn batches(reader: &Reader<'_>, opts: &ServeOptions, app: &App, rx: &mpsc::Receiver<()>) {
    while rx.recv().is_ok() {
        while rx.try_recv().is_ok() {}
        // Every request made so far is answered by this run.
        let answers = app.job.lock().map_or(0, |mut job| {
            job.running = true;
            job.done = 0;
            job.total = 0;
            job.requested
        });
        let mut inputs = opts.inputs.clone();
        inputs.push(uploads(&opts.workspace));
        let tracker = Tracker(&app.job);
        // A corrections file that cannot be read is said, and the run goes on without it.
        let (corrections, unread) = match read_corrections(&opts.workspace) {
            Ok(c) => (c, None),
            Err(e) => (Corrections::new(), Some(format!("corrections.json: {e}"))),
        };
        let batch = BatchOptions {
            parse: opts.parse,
            progress: Some(&tracker),
            corrections: Some(&corrections),
            ..BatchOptions::default()
        };
        let out = dataset(&opts.workspace);
        // A bug in a run must not leave the page waiting for ever.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            xxgk_batch::run(reader, &inputs, &out, &batch).map_err(|e| e.to_string())
        }))
        .unwrap_or_else(|_| Err("internal error".to_string()));
        if let Ok(mut job) = app.job.lock() {
            job.completed = job.completed.max(answers);
            job.running = job.requested > job.completed;
            match result {
                Ok(s) => {
                    job.counts = Some([
                        s.files,
                        s.ok,
                        s.with_findings,
                        s.duplicates,
                        s.failed,
                        s.skipped,
                        s.scanned,
                    ]);
                    job.error = unread;
                    job.generation += 1;
                }
                Err(e) => job.error = Some(e),
            }
        }
    }
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(shell))
        .route("/status", get(status))
        .route("/out/{name}", get(output))
        .route("/upload", put(upload))
        .route("/run", post(run))
        .route("/correct", post(correct))
        .route("/render", get(render))
        .route("/source", get(source))
        .route("/original", get(original))
        .route("/issues", get(issues))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guard))
        .with_state(app)
}

/// A refusal with its reason as plain text.
fn refuse(status: StatusCode, why: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        why.to_string(),
    )
        .into_response()
}

/// The name of this server's cookie: browsers keep cookies per host, not per port, so two
/// workbenches (or another local server) must not read or overwrite each other's.
fn cookie_name(port: u16) -> String {
    format!("xxgk-{port}")
}

/// Whether one of the request's cookies named `name` holds `token`.
fn has_cookie(headers: &HeaderMap, name: &str, token: &str) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .any(|(k, v)| k == name && same_secret(v, token))
}

/// Compares two secrets in time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// Every request: the Host names this server; the token (cookie, or `?token=` on the first
/// visit, then set as a cookie); a change carries the CSRF token and comes from this origin.
async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let lang = app.lang;
    let by_address = || {
        app.any_address
            && host
                .parse::<SocketAddr>()
                .is_ok_and(|a| a.port() == app.port)
    };
    if !app.hosts.iter().any(|h| h == host) && !by_address() {
        return refuse(StatusCode::FORBIDDEN, Text::ServeWrongHost.get(lang));
    }
    let query: HashMap<String, String> = request
        .uri()
        .query()
        .map(|q| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let by_cookie = has_cookie(headers, &cookie_name(app.port), &app.token);
    let by_link = query
        .get("token")
        .is_some_and(|t| same_secret(t, &app.token));
    if by_link && request.method() == axum::http::Method::GET {
        // The link's token becomes a cookie, and the address loses it (its fragment, such as
        // `#report=3`, stays with the browser).
        let cookie = format!(
            "{}={}; HttpOnly; SameSite=Strict; Path=/",
            cookie_name(app.port),
            app.token
        );
        let rest: Vec<String> = query
            .iter()
            .filter(|(k, _)| *k != "token")
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        // Only a path of this server (`//host` would leave it).
        let path = request.uri().path();
        let mut to = if path.starts_with("//") { "/" } else { path }.to_string();
        if !rest.is_empty() {
            to = format!("{to}?{}", rest.join("&"));
        }
        let mut r = (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            r.headers_mut().insert(header::SET_COOKIE, v);
        }
        return r;
    }
    if !by_cookie {
        return refuse(StatusCode::UNAUTHORIZED, Text::ServeNoToken.get(lang));
    }
    if request.method() != axum::http::Method::GET {
        let csrf = headers
            .get("x-xxgk-csrf")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| same_secret(t, &app.csrf));
        // The page's own origin is the server it was asked of.
        let origin = headers
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|o| o.strip_prefix("http://") == Some(host));
        if !csrf || !origin {
            return refuse(StatusCode::FORBIDDEN, Text::ServeNoCsrf.get(lang));
        }
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The application page: the drop zone, progress, counts, the review page and the downloads.
async fn shell(State(app): State<Arc<App>>) -> Response {
    let lang = app.lang;
    let words = serde_json::json!({
        "csrf": app.csrf,
        "files": xxgk_batch::OUTPUT_FILES,
        "counts": [
            Text::SummaryFiles.get(lang), Text::StatusOk.get(lang), Text::StatusFindings.get(lang),
            Text::StatusDuplicate.get(lang), Text::StatusFailed.get(lang),
            Text::StatusSkipped.get(lang), Text::StatusScanned.get(lang),
        ],
        "reading": Text::ServeReading.get(lang),
        "uploading": Text::ServeUploading.get(lang),
        "refused": Text::ServeRefused.get(lang),
        "empty": Text::ServeEmpty.get(lang),
        // How a reason follows a file name, in the page's language.
        "why": if lang == Lang::En { [": ", " (", ")"] } else { ["：", "（", "）"] },
    });
    let safe = words
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    let page = include_str!("assets/app.html")
        .replace("{lang}", if lang == Lang::En { "en" } else { "zh-CN" })
        .replace("{title}", Text::ServeTitle.get(lang))
        .replace("{drop}", Text::ServeDrop.get(lang))
        .replace("{pick_files}", Text::ServePickFiles.get(lang))
        .replace("{pick_folder}", Text::ServePickFolder.get(lang))
        .replace("{downloads}", Text::ServeDownloads.get(lang))
        .replace("{data}", &safe)
        .replace("{script}", include_str!("assets/app.js"))
        // Last: a folder name may hold anything, `{data}` included.
        .replace(
            "{workspace}",
            &html_escape(&app.workspace.display().to_string()),
        );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:",
            ),
        ],
        page,
    )
        .into_response()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn status(State(app): State<Arc<App>>) -> Response {
    let job = app.job.lock().map(|j| j.clone()).unwrap_or_default();
    axum::Json(job).into_response()
}

/// One of the batch's files, by name (no other path is ever read).
async fn output(State(app): State<Arc<App>>, UrlPath(name): UrlPath<String>) -> Response {
    let Some(&name) = xxgk_batch::OUTPUT_FILES.iter().find(|f| **f == name) else {
        return refuse(StatusCode::NOT_FOUND, Text::ServeNotFound.get(app.lang));
    };
    let kind = match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("jsonl") => "application/x-ndjson; charset=utf-8",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("parquet") => "application/vnd.apache.parquet",
        _ => "application/octet-stream",
    };
    let path = dataset(&app.workspace).join(name);
    let missing = || refuse(StatusCode::NOT_FOUND, Text::ServeNotFound.get(app.lang));
    if name == "report.html" {
        let Ok(bytes) = tokio::fs::read(&path).await else {
            return missing();
        };
        // The review page, made editable: its script reads the CSRF token from here.
        let edit = format!(
            "<body><script>window.XXGK_EDIT={};</script>",
            serde_json::json!({ "csrf": app.csrf })
        );
        let page = String::from_utf8_lossy(&bytes).replacen("<body>", &edit, 1);
        // Nothing from elsewhere, whatever a report's text holds: its own script and styles,
        // its charts, a PDF page drawn here (blob:), requests to this server only.
        let policy = "default-src 'none'; script-src 'unsafe-inline'; \
            style-src 'unsafe-inline'; img-src data: blob:; connect-src 'self'; \
            frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
        let headers = [
            (header::CONTENT_TYPE, kind),
            (header::CONTENT_SECURITY_POLICY, policy),
        ];
        return (headers, page).into_response();
    }
    // Streamed: a large batch's SQLite is never held whole in memory.
    let Ok(file) = tokio::fs::File::open(&path).await else {
        return missing();
    };
    let mut r = (
        [(header::CONTENT_TYPE, kind)],
        Body::from_stream(chunks(file)),
    )
        .into_response();
    let disposition = format!("attachment; filename=\"{name}\"");
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// A file's bytes as a stream of 64 KiB chunks (ending at its end or its first error).
fn chunks(
    file: tokio::fs::File,
) -> impl futures_util::Stream<Item = std::io::Result<axum::body::Bytes>> {
    futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buf = vec![0u8; 64 << 10];
        match tokio::io::AsyncReadExt::read(&mut file, &mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(axum::body::Bytes::from(buf)), Some(file)))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}

/// Names Windows keeps for devices, whatever the extension (`nul.docx` is NUL).
const DEVICES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Where an uploaded file's relative path (`草稿/财政局.docx`, as the browser names a file of
/// a dropped folder) lands inside the upload folder: its parts (empty ones and `.` skipped),
/// at most 16 deep. None — the upload refused — where any part could leave the folder or
/// name something else on some system: `..`, a drive or stream (`:`), a control character,
/// a device name, a trailing dot or space.
fn landing(root: &Path, relative: &str) -> Option<PathBuf> {
    let mut out = root.to_path_buf();
    let mut depth = 0;
    for part in relative.split(['/', '\\']) {
        if part.is_empty() || part == "." {
            continue;
        }
        let stem = part.split('.').next().unwrap_or("").to_lowercase();
        let bad = part == ".."
            || part.contains(':')
            || part.chars().any(char::is_control)
            || part.ends_with(['.', ' '])
            || DEVICES.contains(&stem.trim_end());
        let mut c = Path::new(part).components();
        if bad || !matches!((c.next(), c.next()), (Some(Component::Normal(_)), None)) {
            return None;
        }
        out.push(part);
        depth += 1;
    }
    (1..=16).contains(&depth).then_some(out)
}

/// Whether every folder from `root` down to `target`'s that exists is a real folder, not a
/// link that could lead out of the workspace.
fn no_links(root: &Path, target: &Path) -> bool {
    let Ok(rest) = target.strip_prefix(root) else {
        return false;
    };
    let mut at = root.to_path_buf();
    for part in rest.parent().into_iter().flat_map(Path::components) {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() || !m.is_dir() => return false,
            _ => {}
        }
    }
    true
}

/// A file being uploaded, removed unless kept (a closed connection drops the request).
struct Partial(Option<PathBuf>);

impl Drop for Partial {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// `PUT /upload?path=REL`: the body streamed to a file of its own in the workspace's `.tmp`
/// and moved into the upload folder once whole, within the batch's file limit.
async fn upload(
    State(app): State<Arc<App>>,
    Query(q): Query<HashMap<String, String>>,
    body: Body,
) -> Response {
    let lang = app.lang;
    let root = uploads(&app.workspace);
    let target = q.get("path").and_then(|p| landing(&root, p));
    let (Some(target), true) = (
        target.clone(),
        target.as_deref().is_some_and(|t| no_links(&root, t)),
    ) else {
        return refuse(StatusCode::BAD_REQUEST, Text::ServeBadPath.get(lang));
    };
    let Some(dir) = target.parent().map(Path::to_path_buf) else {
        return refuse(StatusCode::BAD_REQUEST, Text::ServeBadPath.get(lang));
    };
    let tmp = staging(&app.workspace).join(format!("{}.part", token().unwrap_or_default()));
    let mut partial = Partial(Some(tmp.clone()));
    let stored: std::io::Result<bool> = async {
        let mut file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .await?;
        let (mut body, mut size) = (body, 0u64);
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(std::io::Error::other)?;
            if let Ok(data) = frame.into_data() {
                size += data.len() as u64;
                if size > app.max_upload {
                    return Ok(false);
                }
                file.write_all(&data).await?;
            }
        }
        file.flush().await?;
        drop(file);
        tokio::fs::create_dir_all(&dir).await?;
        tokio::fs::rename(&tmp, &target).await?;
        partial.0 = None;
        Ok(true)
    }
    .await;
    drop(partial);
    match stored {
        Ok(true) => StatusCode::CREATED.into_response(),
        Ok(false) => refuse(StatusCode::PAYLOAD_TOO_LARGE, Text::ServeTooLarge.get(lang)),
        Err(e) => refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// The dataset's own copy of a report, by the name the dataset gives its input (as the batch
/// wrote it: corrections applied); None where the dataset has no such report.
fn dataset_report(workspace: &Path, file: &str) -> Option<xxgk::model::Report> {
    let db = dataset(workspace).join("xxgk.sqlite");
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let json: String = rusqlite::Connection::open_with_flags(&db, flags)
        .and_then(|c| {
            c.query_row(
                "SELECT json FROM reports WHERE path = ?1 AND json IS NOT NULL",
                [file],
                |r| r.get(0),
            )
        })
        .ok()?;
    serde_json::from_str(&json).ok()
}

/// `POST /run`: read the workspace again (after uploads).
async fn run(State(app): State<Arc<App>>) -> Response {
    if let Ok(mut job) = app.job.lock() {
        job.requested += 1;
        job.running = true;
    }
    if let Ok(tx) = app.run.lock() {
        let _ = tx.send(());
    }
    StatusCode::ACCEPTED.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_lands_inside_the_workspace_or_nowhere() {
        let root = Path::new("/ws/inputs");
        assert_eq!(
            landing(root, "草稿/财政局.docx"),
            Some(root.join("草稿").join("财政局.docx"))
        );
        assert_eq!(landing(root, "/abs/./a.pdf"), Some(root.join("abs/a.pdf")));
        for bad in [
            "../../etc/passwd",
            "a/../../b.docx",
            "C:\\x\\a.pdf",
            "a.docx:stream",
            "nul.docx",
            "COM1",
            "trailing.",
            "x/ ",
            "..",
            "",
            "/",
        ] {
            assert_eq!(landing(root, bad), None, "{bad:?}");
        }
        let deep = vec!["d"; 17].join("/");
        assert_eq!(landing(root, &deep), None);
    }

    #[test]
    fn the_time_is_written_in_utc() {
        let now = utc_now();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.starts_with("20") && now.ends_with('Z') && now.as_bytes()[10] == b'T');
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd") && !same_secret("abc", "ab"));
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("xxgk-1=other; a=1; xxgk-2=tok"),
        );
        assert!(has_cookie(&h, "xxgk-2", "tok"));
        assert!(!has_cookie(&h, "xxgk-1", "tok"), "another server's cookie");
    }
}
