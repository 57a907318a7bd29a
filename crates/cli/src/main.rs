//! `xxgk`: thin command line over the xxgk library — argument parsing and printing only.
//!
//! Exit codes: 0 success (for `check` and `batch`: no error-level finding); 1 error-level
//! findings; 2 a file could not be read, is not an annual report (`parse`, `render`), or bad
//! usage, or an output would replace an input; 3 `batch` could not write its dataset, OUTDIR
//! is in use, or OUTDIR is or holds an input; 130/143 `batch` stopped by SIGINT/SIGTERM.
//! Messages are in the language of `--lang` (Chinese by default). Files are read in worker
//! processes of this binary (`xxgk worker`, `xxgk-isolate`).

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
use xxgk::model::{Lang, Report, Severity, Text};
use xxgk::{ParseOptions, Registry};
use xxgk_isolate::Reader;

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    about = "读取并检查任意格式的政府信息公开工作年度报告 (read and check the annual reports in any format)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 以 JSON 输出一份报告 (print one report as JSON, tables shaped like the corpus truth files)
    Parse {
        /// 报告文件，格式按内容识别 (the report file: text, HTML, DOCX, DOC, XLSX, PDF, …; the format
        /// is sniffed from the content)
        file: PathBuf,
        /// 提示语言 (language of messages)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// One line of JSON instead of pretty-printed
        #[arg(long)]
        compact: bool,
    },
    /// 列出报告的问题 (list the findings of one or more reports)
    Check {
        /// 报告文件、文件夹和 .zip 压缩包 (report files, folders and .zip archives, read as `batch`
        /// reads them)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// 提示语言 (language of messages and of the --html page)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Also write a self-contained review page (tables in the official layout, failed
        /// cells highlighted) to this file
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
    },
    /// 批量处理，输出数据集 (process files, folders and .zip archives into a dataset in OUTDIR)
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
        /// 提示语言 (language of messages)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// 按官方版式写出报告或空白模板 (write a report in the official layout, or a blank template)
    Render {
        /// The report: any report file xxgk reads, the `parse` JSON or a corpus truth file;
        /// `-` reads it from stdin (omit with --blank)
        #[arg(required_unless_present = "blank", conflicts_with = "blank")]
        report: Option<PathBuf>,
        /// Output format (default: from the extension of -o)
        #[arg(long, value_enum)]
        to: Option<RenderTarget>,
        /// Output file (.docx, .xlsx or .txt)
        #[arg(short, long)]
        out: PathBuf,
        /// An empty template: headings and tables, no values
        #[arg(long)]
        blank: bool,
        /// 提示语言 (language of messages)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// 列出支持的格式 (list the registered adapters)
    Formats,
    /// The worker mode of `parse`, `check`, `render` and `batch`: reads files sent on stdin,
    /// answers on stdout (`xxgk-isolate`); not for people.
    #[command(hide = true)]
    Worker,
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

impl LangArg {
    fn lang(self) -> Lang {
        match self {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

impl Cli {
    /// The language the command speaks (Chinese where it has no `--lang`).
    fn lang(&self) -> Lang {
        match &self.command {
            Command::Parse { lang, .. }
            | Command::Check { lang, .. }
            | Command::Batch { lang, .. }
            | Command::Render { lang, .. } => lang.lang(),
            Command::Formats | Command::Worker => Lang::Zh,
        }
    }
}

/// Parse options: the language, and the default limits but for a worker's memory, which an
/// operator may set with `XXGK_MEMORY_MIB` (a small machine, or files known to be large).
fn options(lang: LangArg) -> ParseOptions {
    let mut opts = ParseOptions {
        lang: lang.lang(),
        ..ParseOptions::default()
    };
    if let Some(mib) = std::env::var("XXGK_MEMORY_MIB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        opts.limits.max_memory = mib.saturating_mul(1 << 20);
    }
    opts
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("xxgk: {}", describe(&e, lang));
            ExitCode::from(2)
        }
    }
}

/// An error in the reader's language: xxgk's own errors through the catalogue; the CLI's
/// messages are written in both languages where they are raised.
fn describe(e: &anyhow::Error, lang: Lang) -> String {
    if let Some(e) = e.downcast_ref::<xxgk::Error>() {
        e.describe(lang)
    } else if let Some(e) = e.downcast_ref::<xxgk_batch::BatchError>() {
        e.describe(lang)
    } else if let Some(m) = e.downcast_ref::<Said>() {
        m.0.get(lang).to_string()
    } else {
        e.to_string()
    }
}

/// A CLI message in both languages, raised as an error.
#[derive(Debug)]
struct Said(xxgk::model::Msg);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Said {}

/// Raises a message in both languages.
fn said(m: xxgk::model::Msg) -> anyhow::Error {
    anyhow::Error::new(Said(m))
}

/// Writes an output file, or says which one could not be written. The bytes go to a
/// temporary file beside it, renamed over it once whole: a full disk or a kill never leaves a
/// fragment where the file was.
fn write_out(path: &std::path::Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    let cannot = |e: std::io::Error| {
        let (zh, en) = (
            Text::CannotWrite.fill(Lang::Zh, &[&path.display()]),
            Text::CannotWrite.fill(Lang::En, &[&path.display()]),
        );
        said(xxgk::model::Msg::quoting(&zh, &en, e))
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.xxgk-{}.tmp", std::process::id()));
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.map_err(cannot)
}

/// Refuses an output path that is one of the inputs (the same file by any name): writing it
/// would destroy what was read.
fn not_an_input(out: &std::path::Path, inputs: &[&std::path::Path]) -> Result<()> {
    let Ok(target) = std::fs::metadata(out) else {
        return Ok(()); // not there yet: no input can be it
    };
    for input in inputs {
        let same = match std::fs::metadata(input) {
            #[cfg(unix)]
            Ok(m) => {
                use std::os::unix::fs::MetadataExt;
                m.dev() == target.dev() && m.ino() == target.ino()
            }
            #[cfg(not(unix))]
            Ok(_) => std::fs::canonicalize(input).ok() == std::fs::canonicalize(out).ok(),
            Err(_) => false,
        };
        if same {
            return Err(said(xxgk::model::Msg::new(
                format!(
                    "输出文件 {} 就是输入文件，不会覆盖它：请换一个输出文件名",
                    out.display()
                ),
                format!(
                    "the output file {} is an input; it is not overwritten: choose another name",
                    out.display()
                ),
            )));
        }
    }
    Ok(())
}

/// The signal that asked a batch to stop (0: none yet).
static STOPPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Lets SIGINT and SIGTERM stop a batch cleanly between chunks (`BatchOptions::stop`);
/// without signal handling the default applies.
fn stop_on_signals() -> Option<&'static std::sync::atomic::AtomicUsize> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let set = [SIGINT, SIGTERM]
            .iter()
            .all(|&s| signal_hook::flag::register_usize(s, &STOPPED, s as usize).is_ok());
        set.then_some(&STOPPED)
    }
    #[cfg(not(unix))]
    None
}

/// Where files are parsed: in worker processes of this program, so that a file that crashes
/// its reader, or goes over its memory or time limit, fails alone (ARCHITECTURE.md,
/// "Containment"); in this process where `XXGK_ISOLATION=off` or the program cannot be found.
fn reader(registry: &Registry) -> Reader<'_> {
    let off = std::env::var_os("XXGK_ISOLATION").is_some_and(|v| v == "off");
    match std::env::current_exe() {
        Ok(exe) if !off => Reader::isolated(registry, exe, &["worker"]),
        _ => Reader::in_process(registry),
    }
}

fn run(cli: Cli) -> Result<u8> {
    let registry = Registry::with_builtin();
    let reader = reader(&registry);
    match cli.command {
        Command::Parse {
            file,
            lang,
            compact,
        } => {
            let opts = options(lang);
            let report = reader.parse_path(&file, &opts)?;
            if !report.is_annual_report() {
                let why = Report::not_a_report_reason(opts.lang);
                eprintln!(
                    "xxgk: {}",
                    Text::NamedReason.fill(opts.lang, &[&file.display(), &why])
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
        } => {
            if let Some(page) = &html {
                let inputs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
                not_an_input(page, &inputs)?;
            }
            check(&reader, &files, format, options(lang), html.as_deref())
        }
        Command::Batch {
            inputs,
            out,
            quiet,
            resume,
            lang,
        } => {
            let opts = xxgk_batch::BatchOptions {
                stop: stop_on_signals(),
                parse: options(lang),
                quiet,
                resume,
            };
            let lang = lang.lang();
            let s = match xxgk_batch::run(&reader, &inputs, &out, &opts) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("xxgk: {}", e.describe(lang));
                    // Stopped by a signal: 128 + its number, as a shell reports it. The
                    // dataset could not be written (or the folder is busy): its own code.
                    return Ok(match e {
                        xxgk_batch::BatchError::Interrupted { signal } => {
                            128u8.saturating_add(u8::try_from(signal).unwrap_or(0))
                        }
                        _ => 3,
                    });
                }
            };
            for (path, reason) in &s.failures {
                eprintln!("xxgk: {}", Text::BatchFailed.fill(lang, &[path, reason]));
            }
            if s.failed > s.failures.len() {
                let more = s.failed - s.failures.len();
                eprintln!("xxgk: {}", Text::BatchMoreFailed.fill(lang, &[&more]));
            }
            let seconds = format!("{:.2}", s.seconds);
            out!(
                "{}",
                Text::BatchSummary.fill(
                    lang,
                    &[
                        &s.files,
                        &s.ok,
                        &s.with_findings,
                        &s.failed,
                        &s.skipped,
                        &s.scanned,
                        &seconds
                    ]
                )
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
            lang,
        } => {
            let target = render_target(to, &out)?;
            if let Some(input) = &report {
                not_an_input(&out, &[input.as_path()])?;
            }
            let report = match &report {
                Some(path) => Some(report_from(&reader, path, &options(lang))?),
                None => None,
            };
            let bytes = xxgk_render::render(report.as_ref(), target)?;
            write_out(&out, bytes)?;
            Ok(0)
        }
        Command::Formats => {
            for a in registry.adapters() {
                out!("{:<8} {}", a.name(), a.extensions().join(", "));
            }
            Ok(0)
        }
        Command::Worker => {
            xxgk_isolate::serve(&registry)?;
            Ok(0)
        }
    }
}

/// The format to render: `--to`, or the extension of `-o`; a mismatch is refused (a DOCX
/// named `.xlsx` opens nowhere).
fn render_target(to: Option<RenderTarget>, out: &std::path::Path) -> Result<xxgk_render::Target> {
    let by_name = match out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .as_deref()
    {
        Some("docx") => Some(RenderTarget::Docx),
        Some("xlsx") => Some(RenderTarget::Xlsx),
        Some("txt") => Some(RenderTarget::Txt),
        _ => None,
    };
    let name = |t: RenderTarget| match t {
        RenderTarget::Docx => "docx",
        RenderTarget::Xlsx => "xlsx",
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
                    "无法从 {} 判断输出格式：请用 --to docx、xlsx 或 txt",
                    out.display()
                ),
                format!(
                    "cannot tell the format from {}: say --to docx, xlsx or txt",
                    out.display()
                ),
            )))
        }
    };
    Ok(match target {
        RenderTarget::Docx => xxgk_render::Target::Docx,
        RenderTarget::Xlsx => xxgk_render::Target::Xlsx,
        RenderTarget::Txt => xxgk_render::Target::Text,
    })
}

/// The report to render: a report JSON (`parse` output or a truth file) as it is, any other
/// file parsed as a report; `-` is stdin.
fn report_from(reader: &Reader, path: &std::path::Path, opts: &ParseOptions) -> Result<Report> {
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

fn check(
    reader: &Reader,
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
                let o = xxgk_batch::process(reader, &input, &archives, &opts);
                page.add(
                    &input.display,
                    o.status.as_str(),
                    &o.reason,
                    o.report.as_ref(),
                );
                match &o.report {
                    Some(report) => {
                        errors |= show(&input.display, report, format, opts.lang, &mut json_out)
                    }
                    None => {
                        let failed = o.status == xxgk_batch::Status::Failed;
                        unreadable |= failed;
                        let status = o.status.label(opts.lang);
                        let line = Text::CheckSkipped
                            .fill(opts.lang, &[&input.display, &o.reason, &status]);
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
            continue;
        }
        match reader.parse_path(file, &opts) {
            Ok(report) if !report.is_annual_report() => {
                let why = Report::not_a_report_reason(opts.lang);
                let skipped = xxgk_batch::Status::Skipped.label(opts.lang);
                eprintln!(
                    "xxgk: {}",
                    Text::CheckSkipped.fill(opts.lang, &[name, &why, &skipped])
                );
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
                errors |= show(name, &report, format, opts.lang, &mut json_out);
                let bad = report
                    .findings
                    .iter()
                    .any(|f| f.severity >= Severity::Warning);
                let status = if bad { "findings" } else { "ok" };
                page.add(name, status, "", Some(&report));
            }
            Err(e) => {
                unreadable = true;
                let said = e.describe(opts.lang);
                eprintln!("xxgk: {said}");
                page.add(name, "failed", &said, None);
                if let OutputFormat::Json = format {
                    json_out.push(serde_json::json!({
                        "file": file,
                        "error": said,
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
        write_out(path, page.finish())?;
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

fn print_findings(file: &str, report: &Report, lang: Lang) {
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
