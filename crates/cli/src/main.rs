//! `xxgk`: thin command line over the xxgk library — argument parsing and printing only.
//!
//! Exit codes: 0 success (for `check` and `batch`: no error-level finding); 1 error-level
//! findings; 2 a file could not be read, is not an annual report (`parse`, `render`), or bad
//! usage, or an output would replace an input; 3 `batch` could not write its dataset, OUTDIR
//! is in use, or OUTDIR is or holds an input; 130/143 `batch` stopped by SIGINT/SIGTERM.
//! Messages are in the language of `--lang` (Chinese by default). Files are read in worker
//! processes of this binary (`xxgk worker`, `xxgk-isolate`).

mod progress;

use anyhow::Result;

/// Prints a line to stdout; a closed pipe (`xxgk parse F | head`) is not an error.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
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
        /// 提示语言：zh（默认）或 en (language of messages: zh, the default, or en)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// 单行 JSON，不缩进 (one line of JSON instead of pretty-printed)
        #[arg(long)]
        compact: bool,
    },
    /// 列出报告的问题 (list the findings of one or more reports)
    Check {
        /// 报告文件、文件夹和 .zip 压缩包 (report files, folders and .zip archives, read as `batch`
        /// reads them)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出格式：text（默认）或 json (output format: text, the default, or json)
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// 提示语言：zh（默认）或 en (language of messages and of the --html page)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// 另写一个审阅网页：官方版式的表格，标出有问题的单元格 (also write a review page,
        /// tables in the official layout with failed cells marked, to this file)
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
    },
    /// 批量处理，输出数据集 (process files, folders and .zip archives into a dataset in OUTDIR)
    Batch {
        /// 文件、文件夹（含子文件夹）和 .zip 压缩包，格式不限 (files, folders and .zip
        /// archives, in any mix of formats)
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// 输出文件夹：manifest.csv、reports.jsonl、findings.csv、values.csv、reports_wide.csv、
        /// xxgk.xlsx、xxgk.sqlite、report.html (the output folder)
        #[arg(short, long, value_name = "OUTDIR")]
        out: PathBuf,
        /// 不显示进度 (no progress output)
        #[arg(short, long)]
        quiet: bool,
        /// 继续中断的批处理：已读过且未改动的文件不再读取 (continue an interrupted batch: files
        /// read before and unchanged since are not read again)
        #[arg(long)]
        resume: bool,
        /// 提示语言：zh（默认）或 en (language of messages: zh, the default, or en)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// 按官方版式写出报告或空白模板 (write a report in the official layout, or a blank template)
    Render {
        /// 报告：任何 xxgk 能读的报告文件或 parse 输出的 JSON；- 表示从标准输入读取 (the
        /// report: any report file, or the parse JSON; - reads stdin; omit with --blank)
        #[arg(required_unless_present = "blank", conflicts_with = "blank")]
        report: Option<PathBuf>,
        /// 输出格式：docx、xlsx 或 txt，默认按 -o 的扩展名 (output format; default: the
        /// extension of -o)
        #[arg(long, value_enum)]
        to: Option<RenderTarget>,
        /// 输出文件（.docx、.xlsx 或 .txt） (the output file)
        #[arg(short, long)]
        out: PathBuf,
        /// 空白模板：只有标题和表格，没有数值 (an empty template: headings and tables, no values)
        #[arg(long)]
        blank: bool,
        /// 提示语言：zh（默认）或 en (language of messages: zh, the default, or en)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// 列出支持的格式 (list the registered adapters)
    Formats,
    /// The worker mode of `parse`, `check`, `render` and `batch`: reads files sent on stdin,
    /// answers on stdout (`xxgk-isolate`); not for people.
    #[command(hide = true)]
    Worker,
    /// Writes the man pages (`xxgk.1`, `xxgk-batch.1`, …) and the bash, zsh and fish
    /// completions into DIR, for
    /// packages (`scripts/make_deb.sh`); not for people.
    #[command(hide = true)]
    PackageAssets {
        /// Where to write them
        dir: PathBuf,
    },
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
            Command::Formats | Command::Worker | Command::PackageAssets { .. } => Lang::Zh,
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
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let lang = cli.lang();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("xxgk: {}", describe(&e, lang));
            ExitCode::from(2)
        }
    }
}

/// Parses the command line with clap's own words in the language asked for (`--lang en`;
/// Chinese otherwise): headings, flags and usage errors. Help and version print and exit 0;
/// a usage error says what is wrong, the usage, and where to read more, and exits 2.
fn parse_args() -> Result<Cli, ExitCode> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let en = args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
        || args.iter().any(|a| a == "--lang=en");
    let lang = if en { Lang::En } else { Lang::Zh };
    let mut cmd = root_command(lang);
    let matches = match cmd.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return Err(ExitCode::SUCCESS);
        }
        Err(e) => {
            eprintln!("{}", usage_error(&e, &cmd, &args, lang));
            return Err(ExitCode::from(2));
        }
    };
    Cli::from_arg_matches(&matches).map_err(|e| {
        eprintln!("{}", usage_error(&e, &cmd, &args, lang));
        ExitCode::from(2)
    })
}

/// The whole command line with its words in `lang` (see [`localized`]), and the version flag.
fn root_command(lang: Lang) -> clap::Command {
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(Text::CliVersion.get(lang))
        .help_heading(Text::CliOptions.get(lang));
    localized(Cli::command(), lang)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(version)
}

/// clap's command with its words in `lang`: the usage line, the headings, the help flag; no
/// English default or possible-value lists (each help text says them).
fn localized(cmd: clap::Command, lang: Lang) -> clap::Command {
    let (options, arguments) = (Text::CliOptions.get(lang), Text::CliArguments.get(lang));
    let template = format!(
        "{{about-with-newline}}\n{}\n\n{{all-args}}{{after-help}}",
        Text::CliUsage.fill(lang, &[&"{usage}"])
    );
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(Text::CliHelp.get(lang))
        .help_heading(options);
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(Text::CliCommands.get(lang))
        .disable_help_flag(true)
        .arg(help);
    for id in ids {
        cmd = cmd.mut_arg(id, |a| {
            let heading = if a.is_positional() {
                arguments
            } else {
                options
            };
            let takes_value = a.get_action().takes_values();
            a.help_heading(heading)
                .hide_default_value(takes_value)
                .hide_possible_values(takes_value)
        });
    }
    cmd.mut_subcommands(|sub| localized(sub, lang))
}

/// A usage error in `lang`: what is wrong, the usage of the command, where to read more.
fn usage_error(
    e: &clap::Error,
    cmd: &clap::Command,
    args: &[std::ffi::OsString],
    lang: Lang,
) -> String {
    let list = |v: &[String]| v.join(if lang == Lang::Zh { "、" } else { ", " });
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => list(v),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let commands: Vec<String> = cmd
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect();
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument => {
            Text::CliMissing.fill(lang, &[&ctx(ContextKind::InvalidArg)])
        }
        ErrorKind::InvalidValue => Text::CliInvalidValue.fill(
            lang,
            &[
                &ctx(ContextKind::InvalidArg),
                &ctx(ContextKind::InvalidValue),
                &ctx(ContextKind::ValidValue),
            ],
        ),
        ErrorKind::UnknownArgument => {
            Text::CliUnknownArgument.fill(lang, &[&ctx(ContextKind::InvalidArg)])
        }
        ErrorKind::InvalidSubcommand => Text::CliUnknownCommand.fill(
            lang,
            &[&ctx(ContextKind::InvalidSubcommand), &list(&commands)],
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Text::CliNoCommand.fill(lang, &[&list(&commands)])
        }
        ErrorKind::ArgumentConflict => Text::CliConflict.fill(
            lang,
            &[&ctx(ContextKind::InvalidArg), &ctx(ContextKind::PriorArg)],
        ),
        _ => {
            let original = e.kind().to_string();
            xxgk::model::Msg::quoting(
                Text::CliOther.get(Lang::Zh),
                Text::CliOther.get(Lang::En),
                original,
            )
            .get(lang)
            .to_string()
        }
    };
    // The command asked for, for its usage and help.
    let sub = args
        .iter()
        .skip(1)
        .find_map(|a| cmd.find_subcommand(a.to_string_lossy().as_ref()));
    let (usage, name) = match sub {
        Some(sub) => {
            let mut sub = sub.clone().bin_name(format!("xxgk {}", sub.get_name()));
            (
                sub.render_usage().to_string(),
                format!("xxgk {}", sub.get_name()),
            )
        }
        None => (cmd.clone().render_usage().to_string(), "xxgk".to_string()),
    };
    let usage = usage.trim().trim_start_matches("Usage:").trim().to_string();
    format!(
        "xxgk: {what}\n{}\n{}",
        Text::CliUsage.fill(lang, &[&usage]),
        Text::CliMore.fill(lang, &[&name])
    )
}

/// The man page and shell completions a package installs, from the command line's own
/// definition (its Chinese words: the default language).
fn package_assets(dir: &std::path::Path) -> Result<()> {
    use clap_complete::Shell;
    std::fs::create_dir_all(dir)?;
    let cmd = || root_command(Lang::Zh);
    clap_mangen::generate_to(cmd(), dir)?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut cmd(), "xxgk", dir)?;
    }
    Ok(())
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
            let progress = progress::Progress::new(lang.lang());
            let opts = xxgk_batch::BatchOptions {
                stop: stop_on_signals(),
                parse: options(lang),
                progress: (!quiet).then_some(&progress as &dyn xxgk_batch::Progress),
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
                        &s.duplicates,
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
            eprintln!("xxgk: {}", Text::Wrote.fill(lang.lang(), &[&out.display()]));
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
        Command::PackageAssets { dir } => {
            package_assets(&dir)?;
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
    let mut json_out = Vec::new();
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut page = xxgk_review::ReviewPage::new(opts.lang, &names.join(" "));
    let archives = xxgk_batch::Archives::default();
    // Files, folders and archives alike: their inputs, listed and read as `batch` does.
    let (mut total, mut with_errors, mut unreadable, mut skipped) = (0, 0, 0, 0);
    for input in xxgk_batch::collect(files, &opts.limits, None) {
        total += 1;
        let o = xxgk_batch::process(reader, &input, &archives, &opts);
        page.add(&input.display, o.status, &o.reason, o.report.as_ref());
        match &o.report {
            Some(report) => {
                if show(&input.display, report, format, opts.lang, &mut json_out) {
                    with_errors += 1;
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
    match format {
        OutputFormat::Json => out!("{}", serde_json::to_string_pretty(&json_out)?),
        OutputFormat::Text if total > 1 => out!(
            "{}",
            Text::CheckTotals.fill(opts.lang, &[&total, &with_errors, &unreadable, &skipped])
        ),
        OutputFormat::Text => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            localized(Cli::command(), lang).debug_assert();
        }
    }
}
