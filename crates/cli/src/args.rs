//! The command line's arguments (clap), and its words, help and usage errors in the language asked
//! for: clap's own English is replaced from the catalogue at run time.

use super::*;

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    about = "读取并检查任意格式的政府信息公开工作年度报告 (read and check the annual reports in any format)"
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Subcommand)]
pub(super) enum Command {
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
    /// 对比两份报告：逐项数值与各部分文字 (compare two reports: every value, and how much of
    /// each section is the same)
    Compare {
        /// 第一份报告 (the first report: any report file xxgk reads)
        first: PathBuf,
        /// 第二份报告 (the second report)
        second: PathBuf,
        /// 输出格式：text（默认）或 json (output format: text, the default, or json)
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// 另存对比网页：两份报告的全部数值并列、不同处标出，各部分文字相同处标出 (also write
        /// the side-by-side page: every value of both, differences marked, shared text marked)
        #[arg(long, value_name = "FILE.html")]
        html: Option<PathBuf>,
        /// 提示语言：zh（默认）或 en (language of messages: zh, the default, or en)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// 批量处理，输出数据集 (process files, folders and .zip archives into a dataset in OUTDIR)
    Batch {
        /// 文件、文件夹（含子文件夹）和 .zip 压缩包，格式不限 (files, folders and .zip
        /// archives, in any mix of formats)
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// 输出文件夹：manifest.csv、reports.jsonl、findings.csv、values.csv、values.parquet、
        /// reports_wide.csv、compare.csv、codebook.csv、xxgk.xlsx、xxgk.sqlite、report.html (the
        /// output folder)
        #[arg(short, long, value_name = "OUTDIR")]
        out: PathBuf,
        /// 不显示进度 (no progress output)
        #[arg(short, long)]
        quiet: bool,
        /// 继续中断的批处理：已读过且未改动的文件不再读取 (continue an interrupted batch: files
        /// read before and unchanged since are not read again)
        #[arg(long)]
        resume: bool,
        /// 机关名称对照表（CSV：name,key），把同一机关的不同写法归为一个 (a CSV of agency
        /// names and the key each stands for: name,key)
        #[arg(long, value_name = "CSV")]
        agencies: Option<PathBuf>,
        /// 审核更正（检查台工作区中的 corrections.json），按更正后的数值生成数据集 (a
        /// reviewer's corrections, the workbench's corrections.json: the dataset holds the
        /// corrected values, each named by rule K1)
        #[arg(long, value_name = "JSON")]
        corrections: Option<PathBuf>,
        /// 提示语言：zh（默认）或 en (language of messages: zh, the default, or en)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// 启动检查台：在浏览器中拖入草稿、查看问题、下载数据集 (start the workbench: a local web
    /// page to drop drafts in, see their findings and download the dataset)
    Serve {
        /// 启动时读取的文件、文件夹和 .zip 压缩包（之后可在页面中拖入更多） (files, folders and
        /// zips read at start; more can be dropped on the page)
        inputs: Vec<PathBuf>,
        /// 工作区文件夹：上传的文件和数据集保存在这里，关闭后再打开不丢失（默认：第一个输入旁的
        /// “名称.xxgk”，否则用户数据目录） (the workspace folder: uploads and the dataset, kept
        /// across restarts; default: NAME.xxgk beside the first input, else the user's data dir)
        #[arg(long, value_name = "DIR")]
        workspace: Option<PathBuf>,
        /// 端口（默认：任一空闲端口） (the port; default: a free one)
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// 监听地址（默认 127.0.0.1，只有本机可访问；其他地址会给出警告） (the address to listen
        /// on; default 127.0.0.1, this computer only; another address gets a warning)
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// 不自动打开浏览器 (do not open a browser)
        #[arg(long)]
        no_browser: bool,
        /// 界面语言：zh（默认）或 en (language of the page: zh, the default, or en)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// 按官方版式写出报告或空白模板 (write a report in the official layout, or a blank template)
    Render {
        /// 报告：任何 xxgk 能读的报告文件或 parse 输出的 JSON；- 表示从标准输入读取 (the
        /// report: any report file, or the parse JSON; - reads stdin; omit with --blank)
        #[arg(required_unless_present = "blank", conflicts_with = "blank")]
        report: Option<PathBuf>,
        /// 输出格式：docx、xlsx、ofd 或 txt，默认按 -o 的扩展名 (output format; default: the
        /// extension of -o)
        #[arg(long, value_enum)]
        to: Option<RenderTarget>,
        /// 输出文件（.docx、.xlsx、.ofd 或 .txt） (the output file)
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
    /// What place AT (a finding's `source` JSON) of FILE looks like there, as JSON on stdout:
    /// a PDF's page drawn, a table as read, or paragraphs; in a process confined as a worker
    /// (the workbench's view of the original); not for people.
    #[command(hide = true)]
    Original {
        /// The report file
        file: PathBuf,
        /// The place, as JSON
        at: String,
    },
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
pub(super) enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum RenderTarget {
    Docx,
    Xlsx,
    Ofd,
    Txt,
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum OutputFormat {
    Text,
    Json,
}

impl LangArg {
    pub(super) fn lang(self) -> Lang {
        match self {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

impl Cli {
    /// The language the command speaks (Chinese where it has no `--lang`).
    pub(super) fn lang(&self) -> Lang {
        match &self.command {
            Command::Parse { lang, .. }
            | Command::Check { lang, .. }
            | Command::Compare { lang, .. }
            | Command::Batch { lang, .. }
            | Command::Serve { lang, .. }
            | Command::Render { lang, .. } => lang.lang(),
            Command::Formats
            | Command::Worker
            | Command::Original { .. }
            | Command::PackageAssets { .. } => Lang::Zh,
        }
    }
}

/// Parse options: the language, and the default limits but for a worker's memory, which an
/// operator may set with `XXGK_MEMORY_MIB` ([`ParseOptions::from_env`]).
pub(super) fn options(lang: LangArg) -> ParseOptions {
    ParseOptions::from_env(lang.lang())
}

/// Parses the command line with clap's own words in the language asked for (`--lang en`;
/// Chinese otherwise): headings, flags and usage errors. Help and version print and exit 0;
/// a usage error says what is wrong, the usage, and where to read more, and exits 2.
pub(super) fn parse_args() -> Result<Cli, ExitCode> {
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
pub(super) fn root_command(lang: Lang) -> clap::Command {
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
pub(super) fn localized(cmd: clap::Command, lang: Lang) -> clap::Command {
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
pub(super) fn usage_error(
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
