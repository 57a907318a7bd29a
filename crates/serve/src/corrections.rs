//! A reviewer's corrections (`/correct`): kept in the workspace's `corrections.json`, taken
//! back on request; each one runs the batch again.

use super::*;

/// What the page sends to correct a value.
#[derive(Debug, serde::Deserialize)]
pub(super) struct CorrectionRequest {
    /// The input, as the dataset names it.
    file: String,
    /// The value's index in the codebook.
    index: usize,
    /// The corrected value as typed (empty: cleared).
    #[serde(default)]
    value: String,
    /// Why.
    #[serde(default)]
    reason: String,
    /// Undo: the value's corrections are taken back (it is the value read again).
    #[serde(default)]
    undo: bool,
}

/// What became of a correction asked for.
enum Kept {
    /// Kept (or taken back) in the corrections file.
    Saved,
    /// The file is not a report of the dataset.
    NotInDataset,
    /// An undo of a value that has no correction.
    Nothing,
}

/// `POST /correct`: a reviewer's correction, kept in the workspace (or, with `undo`, the
/// value's corrections taken back); the batch runs again.
pub(super) async fn correct(
    State(app): State<Arc<App>>,
    axum::Json(req): axum::Json<CorrectionRequest>,
) -> Response {
    let lang = app.lang;
    let codes = xxgk::model::codebook();
    let value = match req.value.trim() {
        "" => Some(None),
        v => v
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(|n| Some(xxgk::model::Num(n))),
    };
    let reason = req.reason.trim().to_string();
    let (Some(code), Some(new), false) = (
        codes.get(req.index),
        value.or(req.undo.then_some(None)),
        (reason.is_empty() && !req.undo) || reason.chars().count() > 500,
    ) else {
        return refuse(StatusCode::BAD_REQUEST, Text::ServeBadCorrection.get(lang));
    };
    let correction = Correction {
        value: code.name.clone(),
        old: None,
        new,
        reason,
        time: utc_now(),
    };
    let worker = Arc::clone(&app);
    let saved = tokio::task::spawn_blocking(move || -> std::io::Result<Kept> {
        // Only a report of the dataset, by the name the dataset gives it.
        if dataset_report(&worker.workspace, &req.file).is_none() {
            return Ok(Kept::NotInDataset);
        }
        let _held = worker
            .corrections
            .lock()
            .map_err(|_| std::io::Error::other("lock"))?;
        let mut all = read_corrections(&worker.workspace)?;
        if req.undo {
            let Some(kept) = all.get_mut(&req.file) else {
                return Ok(Kept::Nothing);
            };
            let before = kept.len();
            kept.retain(|c| c.value != correction.value);
            if kept.len() == before {
                return Ok(Kept::Nothing);
            }
            if kept.is_empty() {
                all.remove(&req.file);
            }
        } else {
            all.entry(req.file).or_default().push(correction);
        }
        let path = corrections_file(&worker.workspace);
        let tmp = path.with_extension("json.part");
        let bytes = serde_json::to_vec_pretty(&all).map_err(std::io::Error::other)?;
        let mut file = std::fs::File::create(&tmp)?;
        std::io::Write::write_all(&mut file, &bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, &path)?;
        Ok(Kept::Saved)
    })
    .await
    .unwrap_or_else(|e| Err(std::io::Error::other(e)));
    match saved {
        Ok(Kept::Saved) => {}
        Ok(Kept::NotInDataset) => {
            return refuse(StatusCode::BAD_REQUEST, Text::ServeBadCorrection.get(lang))
        }
        Ok(Kept::Nothing) => {
            return refuse(StatusCode::NOT_FOUND, Text::ServeNothingToUndo.get(lang))
        }
        Err(e) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
    run(State(app)).await
}
