//! `xxgk render`: which format to write, and the report to write from (any report file, the
//! `parse` JSON, a corpus truth file, or stdin).

use super::*;

/// The format to render: `--to`, or the extension of `-o`; a mismatch is refused (a DOCX
/// named `.xlsx` opens nowhere).
pub(super) fn render_target(
    to: Option<RenderTarget>,
    out: &std::path::Path,
) -> Result<xxgk_render::Target> {
    let by_name = match out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .as_deref()
    {
        Some("docx") => Some(RenderTarget::Docx),
        Some("xlsx") => Some(RenderTarget::Xlsx),
        Some("ofd") => Some(RenderTarget::Ofd),
        Some("txt") => Some(RenderTarget::Txt),
        _ => None,
    };
    let name = |t: RenderTarget| match t {
        RenderTarget::Docx => "docx",
        RenderTarget::Xlsx => "xlsx",
        RenderTarget::Ofd => "ofd",
        RenderTarget::Txt => "txt",
    };
    let target = match (to, by_name) {
        (Some(t), Some(n)) if name(t) != name(n) => {
            let (zh, en) = (
                format!("--to {} 与输出文件 {} 的扩展名不符", name(t), out.display()),
                format!(
                    "--to {} does not match the output file {}",
                    name(t),
                    out.display()
                ),
            );
            return Err(said(xxgk::model::Msg::new(zh, en)));
        }
        (Some(t), _) | (None, Some(t)) => t,
        (None, None) => {
            return Err(said(xxgk::model::Msg::new(
                format!(
                    "无法从 {} 判断输出格式：请用 --to docx、xlsx、ofd 或 txt",
                    out.display()
                ),
                format!(
                    "cannot tell the format from {}: say --to docx, xlsx, ofd or txt",
                    out.display()
                ),
            )))
        }
    };
    Ok(match target {
        RenderTarget::Docx => xxgk_render::Target::Docx,
        RenderTarget::Xlsx => xxgk_render::Target::Xlsx,
        RenderTarget::Ofd => xxgk_render::Target::Ofd,
        RenderTarget::Txt => xxgk_render::Target::Text,
    })
}

/// The report to render: a report JSON (`parse` output or a truth file) as it is, any other
/// file parsed as a report; `-` is stdin.
pub(super) fn report_from(
    reader: &Reader,
    path: &std::path::Path,
    opts: &ParseOptions,
) -> Result<Report> {
    let stdin = path.as_os_str() == "-";
    let bytes = if stdin {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(opts.limits.max_file_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| said(xxgk::model::Msg::io(&e)))?;
        bytes
    } else {
        xxgk::read_file(path, &opts.limits)?
    };
    let report = match serde_json::from_slice::<Report>(&bytes) {
        Ok(report) => report,
        Err(_) => reader.parse_bytes(&bytes, path, opts)?,
    };
    if !report.is_annual_report() {
        let say = |lang| {
            Text::NamedReason.fill(lang, &[&path.display(), &Report::not_a_report_reason(lang)])
        };
        return Err(said(xxgk::model::Msg::new(say(Lang::Zh), say(Lang::En))));
    }
    Ok(report)
}
