//! The original beside a finding: a text file's lines around it (`/source`), any other
//! report's place in its file (`/original`: a PDF's page drawn, a table as read), the latter
//! from `xxgk original` in a confined process of its own.

use super::*;

/// Lines shown on each side of the line a finding points at.
const CONTEXT: u32 = 4;

/// `GET /source?file=F&line=N`: a text file of the dataset, the lines around line N as read
/// (decoded as the text reader decodes them). Only a report the dataset holds, read as text,
/// from a file of its own (not inside an archive) is shown.
pub(super) async fn source(
    State(app): State<Arc<App>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = app.lang;
    let file = q.get("file").cloned().unwrap_or_default();
    let at = q
        .get("line")
        .and_then(|l| l.parse::<u32>().ok())
        .unwrap_or(0);
    let (workspace, limits) = (app.workspace.clone(), app.limits);
    let lines = tokio::task::spawn_blocking(move || {
        let report = dataset_report(&workspace, &file)?;
        if report.adapter.as_deref() != Some("text") || file.contains("!/") || at == 0 {
            return None;
        }
        let bytes = xxgk::read_file(Path::new(&file), &limits).ok()?;
        let text = xxgk_charset::decode(&bytes).ok()?.text;
        let (from, to) = (
            at.saturating_sub(CONTEXT).max(1),
            at.saturating_add(CONTEXT),
        );
        let shown: Vec<(u32, String)> = (1u32..)
            .zip(text.split('\n'))
            .skip_while(|(n, _)| *n < from)
            .take_while(|(n, _)| *n <= to)
            .map(|(n, l)| (n, l.trim_end_matches('\r').to_string()))
            .collect();
        Some(shown)
    })
    .await
    .ok()
    .flatten();
    match lines {
        Some(lines) if !lines.is_empty() => {
            axum::Json(serde_json::json!({ "lines": lines, "at": at })).into_response()
        }
        _ => refuse(StatusCode::NOT_FOUND, Text::ServeNoOriginal.get(lang)),
    }
}

/// `GET /original?file=F&at=PLACE`: what a finding's place (`at`, its JSON as in
/// `findings.csv`'s `source`) looks like in its file, from `xxgk original` in a process of its
/// own (a file that crashes the renderer costs that view): a PDF's page drawn as SVG with the
/// place's box, a DOCX, HTML or spreadsheet table as read with the place's cell marked, or the
/// paragraphs around it (JSON, `kind` `page`, `table` or `paragraphs`). Only a report of the
/// dataset, from a file of its own; text files have `/source`.
pub(super) async fn original(
    State(app): State<Arc<App>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = app.lang;
    let file = q.get("file").cloned().unwrap_or_default();
    let at: Option<SourceRef> = q.get("at").and_then(|a| serde_json::from_str(a).ok());
    let Ok(_turn) = app.showing.try_acquire() else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, Text::ServeBusy.get(lang));
    };
    let (workspace, viewer, limits) = (app.workspace.clone(), app.viewer.clone(), app.limits);
    let shown = tokio::task::spawn_blocking(move || {
        let (at, viewer) = (at?, viewer?);
        let report = dataset_report(&workspace, &file)?;
        if report.adapter.as_deref().is_none_or(|a| a == "text") || file.contains("!/") {
            return None;
        }
        let at = serde_json::to_string(&at).ok()?;
        let shown = show_original(&viewer, Path::new(&file), &at, &limits)?;
        (shown["kind"] != "none").then_some(shown)
    })
    .await
    .ok()
    .flatten();
    match shown {
        Some(shown) => axum::Json(shown).into_response(),
        None => refuse(StatusCode::NOT_FOUND, Text::ServeNoOriginal.get(lang)),
    }
}

/// The most an original may take (a page drawing many images is large): past it, none is shown.
const MAX_SHOWN: u64 = 32 << 20;

/// Runs `viewer original FILE AT`, killed past the batch's time limit; its JSON.
fn show_original(
    viewer: &Path,
    file: &Path,
    at: &str,
    limits: &xxgk::model::Limits,
) -> Option<serde_json::Value> {
    let mut child = std::process::Command::new(viewer)
        .arg("original")
        .arg("--")
        .arg(file)
        .arg(at)
        .envs(xxgk_isolate::MAP_AS_USED)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    // Read while it runs (a page's SVG is more than a pipe holds); the wait below bounds it.
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(&mut stdout, MAX_SHOWN + 1),
            &mut out,
        )
        .map(|_| out)
    });
    let deadline = std::time::Instant::now()
        + std::time::Duration::from_secs(xxgk::reading_seconds(limits))
        + xxgk_isolate::GRACE;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let out = reader.join().ok()?.ok()?;
    if !status?.success() || out.len() as u64 > MAX_SHOWN {
        return None;
    }
    serde_json::from_slice(&out).ok()
}
