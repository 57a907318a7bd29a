//! What a reviewer hands back: one report in the official layout, corrections applied
//! (`/render`), and the 问题清单 workbook of one department (`/issues`).

use super::*;

/// `GET /render?file=F&to=docx|xlsx`: one report of the dataset (its values as corrected) in
/// the official layout, to hand back to the agency.
pub(super) async fn render(
    State(app): State<Arc<App>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = app.lang;
    let (target, kind) = match q.get("to").map(String::as_str) {
        Some("xlsx") => (
            xxgk_render::Target::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        _ => (
            xxgk_render::Target::Docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    };
    let file = q.get("file").cloned().unwrap_or_default();
    let (workspace, asked) = (app.workspace.clone(), file.clone());
    let rendered = tokio::task::spawn_blocking(move || {
        let report = dataset_report(&workspace, &asked)?;
        xxgk_render::render(Some(&report), target).ok()
    })
    .await
    .ok()
    .flatten();
    let Some(bytes) = rendered else {
        return refuse(StatusCode::NOT_FOUND, Text::ServeNotFound.get(lang));
    };
    let stem = Path::new(&file)
        .file_stem()
        .map_or("report".into(), |s| s.to_string_lossy().to_string());
    let ext = if target == xxgk_render::Target::Xlsx {
        "xlsx"
    } else {
        "docx"
    };
    attachment(
        bytes,
        kind,
        &format!("report.{ext}"),
        &format!("{stem}.{ext}"),
    )
}

/// A download: `bytes` of type `kind`, saved as `name` (`ascii` where a browser cannot take
/// the name in UTF-8; RFC 6266).
fn attachment(bytes: Vec<u8>, kind: &'static str, ascii: &str, name: &str) -> Response {
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut r = ([(header::CONTENT_TYPE, kind)], bytes).into_response();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// `GET /issues?file=F`: the 问题清单 workbook of F's agency, for the reviewer to hand to the
/// department: the batch's workbook (汇总, 文件, 问题清单, the tables) made again over that
/// agency's reports in the dataset (as printed, so every year of it), corrections applied,
/// read in worker processes of the `xxgk` program. Files inside archives are not among them
/// (a batch reads an archive whole).
pub(super) async fn issues(
    State(app): State<Arc<App>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = app.lang;
    let file = q.get("file").cloned().unwrap_or_default();
    let Ok(_turn) = app.exporting.try_acquire() else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, Text::ServeBusy.get(lang));
    };
    let worker = Arc::clone(&app);
    let made = tokio::task::spawn_blocking(move || department(&worker, &file))
        .await
        .ok()
        .flatten();
    let Some((agency, bytes)) = made else {
        return refuse(StatusCode::NOT_FOUND, Text::ServeNotFound.get(lang));
    };
    let kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let name = format!("{}-{agency}.xlsx", Text::SheetFindings.get(lang));
    attachment(bytes, kind, "findings.xlsx", &name)
}

/// The agency of `file` and its workbook (see [`issues`]).
fn department(app: &App, file: &str) -> Option<(String, Vec<u8>)> {
    let agency = dataset_report(&app.workspace, file)?.agency?;
    let db = dataset(&app.workspace).join("xxgk.sqlite");
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let files: Vec<PathBuf> = rusqlite::Connection::open_with_flags(&db, flags)
        .and_then(|c| {
            let mut q = c.prepare("SELECT path FROM reports WHERE agency = ?1 ORDER BY id")?;
            let paths = q.query_map([&agency], |r| r.get::<_, String>(0))?;
            Ok(paths
                .flatten()
                .filter(|p| !p.contains("!/"))
                .map(PathBuf::from)
                .collect())
        })
        .ok()?;
    let registry = xxgk::Registry::with_builtin();
    let reader = Reader::isolated(&registry, app.viewer.clone()?, &["worker"]);
    let corrections = read_corrections(&app.workspace).ok()?;
    let batch = BatchOptions {
        parse: ParseOptions {
            lang: app.lang,
            limits: app.limits,
            format: None,
        },
        corrections: Some(&corrections),
        ..BatchOptions::default()
    };
    let tmp = Scratch::new(&staging(&app.workspace))?;
    let out = tmp.0.join("out");
    xxgk_batch::run(&reader, &files, &out, &batch).ok()?;
    let bytes = std::fs::read(out.join("xxgk.xlsx")).ok()?;
    Some((agency, bytes))
}

/// A folder of its own under the workspace's staging folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(under: &Path) -> Option<Self> {
        static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = under.join(format!("issues-{}-{n}", std::process::id()));
        private_dir(under).ok()?;
        std::fs::create_dir(&dir).ok()?;
        Some(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
