//! `xxgk`: thin command line over the xxgk library — argument parsing and printing only.
//!
//! Exit codes: 0 success (for `check`: no error-level finding); 1 `check` found error-level
//! findings; 2 a file could not be read (or bad usage).

use anyhow::Result;

/// Prints a line to stdout; a closed pipe (`xxgk parse F | head`) is not an error.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use xxgk::model::{Lang, Report, Severity};
use xxgk::{ParseOptions, Registry};

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    about = "Read and check 政府信息公开工作年度报告 in any format"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print one report as JSON (tables shaped like the corpus truth files)
    Parse {
        /// The report file (text, DOCX, XLSX, …; the format is sniffed from the content)
        file: PathBuf,
        /// Language of finding messages
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// One line of JSON instead of pretty-printed
        #[arg(long)]
        compact: bool,
    },
    /// List the findings of one or more reports
    Check {
        /// Report files, folders (recursive) and .zip archives, read as `batch` reads them
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Language of finding messages (and of the --html page)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Also write a self-contained review page (tables in the official layout, failed
        /// cells highlighted) to this file
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
    },
    /// Process files, folders and .zip archives into a dataset in OUTDIR
    Batch {
        /// Files, folders (recursive) and .zip archives, in any mix of formats
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output folder (manifest.csv, reports.jsonl, findings.csv, values.csv,
        /// reports_wide.csv, xxgk.xlsx, xxgk.sqlite, report.html)
        #[arg(short, long)]
        out: PathBuf,
        /// No progress output
        #[arg(short, long)]
        quiet: bool,
        /// Continue an interrupted batch: inputs its journal in OUTDIR records as read are not
        /// read again; the file it stopped on fails
        #[arg(long)]
        resume: bool,
        /// Language of finding messages
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// Write a report (the `parse` JSON, or a corpus truth file) in the official layout, or a
    /// blank template to fill
    Render {
        /// The report JSON (omit with --blank)
        #[arg(required_unless_present = "blank", conflicts_with = "blank")]
        report: Option<PathBuf>,
        /// Output format
        #[arg(long, value_enum)]
        to: RenderTarget,
        /// Output file
        #[arg(short, long)]
        out: PathBuf,
        /// An empty template: headings and tables, no values
        #[arg(long)]
        blank: bool,
    },
    /// List the registered adapters
    Formats,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum RenderTarget {
    Docx,
    Xlsx,
    Txt,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

fn options(lang: LangArg) -> ParseOptions {
    ParseOptions {
        lang: match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        },
        ..ParseOptions::default()
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("xxgk: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    let registry = Registry::with_builtin();
    match cli.command {
        Command::Parse {
            file,
            lang,
            compact,
        } => {
            let opts = options(lang);
            let report = xxgk::parse_path(&registry, &file, &opts)?;
            if !report.is_annual_report() {
                eprintln!(
                    "xxgk: {}: {}",
                    file.display(),
                    Report::not_a_report_reason(opts.lang)
                );
                return Ok(2);
            }
            let json = if compact {
                serde_json::to_string(&report)?
            } else {
                serde_json::to_string_pretty(&report)?
            };
            out!("{json}");
            Ok(0)
        }
        Command::Check {
            files,
            format,
            lang,
            html,
        } => check(&registry, &files, format, options(lang), html.as_deref()),
        Command::Batch {
            inputs,
            out,
            quiet,
            resume,
            lang,
        } => {
            let opts = xxgk_batch::BatchOptions {
                parse: options(lang),
                quiet,
                resume,
            };
            let s = match xxgk_batch::run(&registry, &inputs, &out, &opts) {
                Ok(s) => s,
                Err(e) => {
                    // The dataset could not be written (or the folder is busy): its own code.
                    eprintln!("xxgk: {e}");
                    return Ok(3);
                }
            };
            for (path, reason) in &s.failures {
                eprintln!("xxgk: failed: {path}: {reason}");
            }
            if s.failed > s.failures.len() {
                eprintln!(
                    "xxgk: … and {} more failed inputs (manifest.csv lists them all)",
                    s.failed - s.failures.len()
                );
            }
            out!(
                "files {}, ok {}, with findings {}, failed {}, skipped {}, scanned {}, {:.2} seconds",
                s.files,
                s.ok,
                s.with_findings,
                s.failed,
                s.skipped,
                s.scanned,
                s.seconds
            );
            Ok(if s.failed > 0 {
                2
            } else if s.has_errors {
                1
            } else {
                0
            })
        }
        Command::Render {
            report,
            to,
            out,
            blank: _,
        } => {
            let report: Option<Report> = match &report {
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                    Some(serde_json::from_str(&text).map_err(|e| {
                        anyhow::anyhow!("{}: not a report JSON: {e}", path.display())
                    })?)
                }
                None => None,
            };
            let target = match to {
                RenderTarget::Docx => xxgk_render::Target::Docx,
                RenderTarget::Xlsx => xxgk_render::Target::Xlsx,
                RenderTarget::Txt => xxgk_render::Target::Text,
            };
            let bytes = xxgk_render::render(report.as_ref(), target)?;
            std::fs::write(&out, bytes)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
            Ok(0)
        }
        Command::Formats => {
            for a in registry.adapters() {
                out!("{:<8} {}", a.name(), a.extensions().join(", "));
            }
            Ok(0)
        }
    }
}

fn check(
    registry: &Registry,
    files: &[PathBuf],
    format: OutputFormat,
    opts: ParseOptions,
    html: Option<&std::path::Path>,
) -> Result<u8> {
    let (mut unreadable, mut errors) = (false, false);
    let mut json_out = Vec::new();
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut page = xxgk_review::ReviewPage::new(opts.lang, &names.join(" "));
    let archives = xxgk_batch::Archives::default();
    for (file, name) in files.iter().zip(&names) {
        // A folder or an archive: its files, as `batch` lists and reads them.
        if file.is_dir() || name.to_lowercase().ends_with(".zip") {
            for input in xxgk_batch::collect(std::slice::from_ref(file), &opts.limits, None) {
                let o = xxgk_batch::process(registry, &input, &archives, &opts);
                page.add(
                    &input.display,
                    o.status.as_str(),
                    &o.reason,
                    o.report.as_ref(),
                );
                match &o.report {
                    Some(report) => errors |= show(&input.display, report, format, &mut json_out),
                    None => {
                        let failed = o.status == xxgk_batch::Status::Failed;
                        unreadable |= failed;
                        eprintln!(
                            "xxgk: {}: {} ({})",
                            input.display,
                            o.reason,
                            o.status.as_str()
                        );
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
            continue;
        }
        match xxgk::parse_path(registry, file, &opts) {
            Ok(report) if !report.is_annual_report() => {
                let why = Report::not_a_report_reason(opts.lang);
                eprintln!("xxgk: {name}: {why} (skipped)");
                page.add(name, "skipped", why, None);
                if let OutputFormat::Json = format {
                    json_out.push(serde_json::json!({
                        "file": file,
                        "error": why,
                        "status": "skipped",
                    }));
                }
            }
            Ok(report) => {
                errors |= show(name, &report, format, &mut json_out);
                let bad = report
                    .findings
                    .iter()
                    .any(|f| f.severity >= Severity::Warning);
                let status = if bad { "findings" } else { "ok" };
                page.add(name, status, "", Some(&report));
            }
            Err(e) => {
                unreadable = true;
                eprintln!("xxgk: {e}");
                page.add(name, "failed", &e.to_string(), None);
                if let OutputFormat::Json = format {
                    json_out.push(serde_json::json!({
                        "file": file,
                        "error": e.to_string(),
                        "error_kind": e.kind(),
                    }));
                }
            }
        }
    }
    if let OutputFormat::Json = format {
        out!("{}", serde_json::to_string_pretty(&json_out)?);
    }
    if let Some(path) = html {
        std::fs::write(path, page.finish())
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    Ok(if unreadable {
        2
    } else if errors {
        1
    } else {
        0
    })
}

/// Prints (text) or collects (JSON) one report's findings; true when one is an error.
fn show(
    file: &str,
    report: &Report,
    format: OutputFormat,
    json_out: &mut Vec<serde_json::Value>,
) -> bool {
    match format {
        OutputFormat::Text => print_findings(std::path::Path::new(file), report),
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

fn print_findings(file: &std::path::Path, report: &Report) {
    let name = |o: &Option<String>| o.clone().unwrap_or_else(|| "?".into());
    out!(
        "{}: {} {} ({} format, {})",
        file.display(),
        name(&report.agency),
        report.year.map_or("?".into(), |y| y.to_string()),
        report
            .format
            .map_or("unknown", |f| if f == xxgk::model::FormatVersion::V2019 {
                "2019"
            } else {
                "2021"
            }),
        name(&report.adapter),
    );
    for f in &report.findings {
        let place = f.place();
        let origin = match f.origin {
            xxgk::model::Origin::Source => "",
            xxgk::model::Origin::Extraction => " [extraction]",
        };
        out!(
            "  {:<7} {:<3} {}{}{}",
            f.severity.as_str(),
            f.rule,
            if place.is_empty() {
                String::new()
            } else {
                format!("{place}: ")
            },
            f.message,
            origin
        );
    }
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    out!(
        "  {} errors, {} warnings, {} info",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
}
