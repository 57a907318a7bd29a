//! `xxgk check`: every finding of every file, read as `batch` reads its inputs, as text or JSON,
//! with totals; over several files, the checks across them (R8, D1, J1, P1: last year's report
//! beside this year's draft); the review page on request.

use super::*;

pub(super) fn check(
    reader: &Reader,
    files: &[PathBuf],
    format: OutputFormat,
    opts: ParseOptions,
    html: Option<&std::path::Path>,
) -> Result<u8> {
    let mut json_out = Vec::new();
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut page = xxgk_review::ReviewPage::new(opts.lang, &names.join(" "));
    let archives = xxgk_batch::Archives::default();
    let mut cross = xxgk::Cross::default();
    let mut errored = std::collections::BTreeSet::new();
    // Files, folders and archives alike: their inputs, listed and read as `batch` does.
    let (mut total, mut with_errors, mut unreadable, mut skipped) = (0, 0, 0, 0);
    for input in xxgk_batch::collect(files, &opts.limits, None) {
        total += 1;
        let o = xxgk_batch::process(reader, &input, &archives, &opts);
        page.add(&input.display, o.status, &o.reason, o.report.as_ref());
        match &o.report {
            Some(report) => {
                cross.add(&input.display, report);
                if show(&input.display, report, format, opts.lang, &mut json_out) {
                    with_errors += 1;
                    errored.insert(input.display.clone());
                }
            }
            None => {
                match o.status {
                    xxgk_batch::Status::Failed => unreadable += 1,
                    _ => skipped += 1,
                }
                let status = o.status.label(opts.lang);
                let line =
                    Text::CheckSkipped.fill(opts.lang, &[&input.display, &o.reason, &status]);
                eprintln!("xxgk: {line}");
                if let OutputFormat::Json = format {
                    json_out.push(serde_json::json!({
                        "file": input.display,
                        "error": o.reason,
                        "status": o.status.as_str(),
                    }));
                }
            }
        }
    }
    let across = cross.findings(opts.lang);
    for (file, f) in &across {
        page.add_cross(file, f);
    }
    page.add_standing(&cross.standing());
    // A file whose only errors are across reports counts as one with errors too.
    for (file, f) in &across {
        if f.severity == Severity::Error && errored.insert(file.clone()) {
            with_errors += 1;
        }
    }
    match format {
        OutputFormat::Json => {
            for (file, f) in &across {
                let entry = json_out.iter_mut().find(|e| e["file"] == file.as_str());
                if let Some(list) = entry.and_then(|e| e["findings"].as_array_mut()) {
                    list.push(serde_json::to_value(f)?);
                }
            }
            out!("{}", serde_json::to_string_pretty(&json_out)?)
        }
        OutputFormat::Text => {
            if !across.is_empty() {
                out!("{}", Text::CheckAcross.get(opts.lang));
            }
            for (file, f) in &across {
                let colon = if opts.lang == Lang::Zh { "：" } else { ": " };
                let (sev, rule) = (f.severity.label(opts.lang), &f.rule);
                out!("  {file}{colon}{sev} {rule} {}", f.message);
            }
            if total > 1 {
                out!(
                    "{}",
                    Text::CheckTotals
                        .fill(opts.lang, &[&total, &with_errors, &unreadable, &skipped])
                );
            }
        }
    }
    if let Some(path) = html {
        write_out(path, page.finish())?;
        eprintln!("xxgk: {}", Text::Wrote.fill(opts.lang, &[&path.display()]));
    }
    Ok(if unreadable > 0 {
        2
    } else if with_errors > 0 {
        1
    } else {
        0
    })
}

/// Prints (text) or collects (JSON) one report's findings; true when one is an error.
pub(super) fn show(
    file: &str,
    report: &Report,
    format: OutputFormat,
    lang: Lang,
    json_out: &mut Vec<serde_json::Value>,
) -> bool {
    match format {
        OutputFormat::Text => print_findings(file, report, lang),
        OutputFormat::Json => json_out.push(serde_json::json!({
            "file": file,
            "agency": report.agency,
            "year": report.year,
            "findings": report.findings,
        })),
    }
    report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error)
}

pub(super) fn print_findings(file: &str, report: &Report, lang: Lang) {
    let unknown = Text::Unknown.get(lang);
    let format = match report.format {
        Some(xxgk::model::FormatVersion::V2019) => Text::Format2019,
        Some(_) => Text::Format2021,
        None => Text::FormatUnknown,
    };
    out!(
        "{}",
        Text::CheckHeader.fill(
            lang,
            &[
                &file,
                &report.agency.as_deref().unwrap_or(unknown),
                &report.year.map_or(unknown.to_string(), |y| y.to_string()),
                &format.get(lang),
                &report
                    .adapter
                    .as_deref()
                    .map_or(unknown, |a| xxgk::model::catalogue::format_name(a, lang)),
            ]
        )
    );
    for f in &report.findings {
        let place = f.place(lang);
        let origin = match f.origin {
            xxgk::model::Origin::Source => String::new(),
            xxgk::model::Origin::Extraction => format!(" {}", Text::ExtractionMark.get(lang)),
        };
        out!(
            "  {:<7} {:<3} {}{}{}",
            f.severity.label(lang),
            f.rule,
            if place.is_empty() {
                String::new()
            } else if lang == Lang::Zh {
                format!("{place}：")
            } else {
                format!("{place}: ")
            },
            f.message,
            origin
        );
    }
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    out!(
        "  {}",
        Text::CheckCounts.fill(
            lang,
            &[
                &count(Severity::Error),
                &count(Severity::Warning),
                &count(Severity::Info)
            ]
        )
    );
}
