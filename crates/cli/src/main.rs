//! `xxgk`: thin command line over the xxgk library — argument parsing and printing only.
//!
//! Exit codes: 0 success (for `check` and `batch`: no error-level finding); 1 error-level
//! findings; 2 a file could not be read, is not an annual report (`parse`, `render`), or bad
//! usage, or an output would replace an input; 3 `batch` could not write its dataset, OUTDIR
//! is in use, or OUTDIR is or holds an input; 130/143 `batch` stopped by SIGINT/SIGTERM.
//! Messages are in the language of `--lang` (Chinese by default). Files are read in worker
//! processes of this binary (`xxgk worker`, `xxgk-isolate`).

mod progress;

/// mimalloc instead of glibc's malloc: a batch allocates and frees millions of small strings
/// across threads (BENCHMARKS.md, "Speed, sixth part").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::Result;

/// Prints a line to stdout; a closed pipe (`xxgk parse F | head`) is not an error.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod args;
mod batch;
mod check;
mod compare;
mod render;
mod serve;
use args::*;
use batch::*;
use check::*;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use compare::*;
use render::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use xxgk::model::{Lang, Report, Severity, Text};
use xxgk::{ParseOptions, Registry};
use xxgk_isolate::Reader;

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
            agencies,
            corrections,
            lang,
        } => batch(
            &reader,
            &inputs,
            &out,
            (quiet, resume),
            [agencies.as_deref(), corrections.as_deref()],
            lang,
        ),
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
        Command::Compare {
            first,
            second,
            format,
            html,
            lang,
        } => compare(
            &reader,
            [&first, &second],
            format,
            html.as_deref(),
            options(lang),
        ),
        Command::Serve {
            inputs,
            workspace,
            port,
            host,
            no_browser,
            lang,
        } => serve::serve(
            &reader,
            inputs,
            workspace,
            port,
            host,
            no_browser,
            options(lang),
        ),
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
        Command::Original { file, at } => original(&registry, &file, &at),
        Command::PackageAssets { dir } => {
            package_assets(&dir)?;
            Ok(0)
        }
    }
}

/// `xxgk original FILE AT`: place AT of FILE as the file shows it, as JSON (`kind`: `page` with
/// `width`, `height`, `svg`, `mark`; `table` with `rows` of `[text, row span, column span,
/// marked]`; `paragraphs` with `items` of `[text, marked]`; `none`), read in a process confined
/// as a worker; exit 2 with the reason on stderr.
fn original(registry: &Registry, file: &Path, at: &str) -> Result<u8> {
    let at: xxgk::model::SourceRef = serde_json::from_str(at)?;
    let opts = ParseOptions::from_env(Lang::En);
    let bytes =
        xxgk::read_file(file, &opts.limits).map_err(|e| anyhow::anyhow!(e.describe(Lang::En)))?;
    xxgk_isolate::confine(bytes.len(), &opts.limits);
    let shown = xxgk::original(registry, &bytes, file, &opts, &at)
        .map_err(|e| anyhow::anyhow!(e.describe(Lang::En)))?;
    let json = match shown {
        Some(xxgk::Original::Page { view, mark }) => serde_json::json!({
            "kind": "page", "width": view.width, "height": view.height, "svg": view.svg,
            "mark": mark,
        }),
        Some(xxgk::Original::Table { rows }) => {
            let rows: Vec<Vec<_>> = rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|c| serde_json::json!([c.text, c.row_span, c.col_span, c.marked]))
                        .collect()
                })
                .collect();
            serde_json::json!({ "kind": "table", "rows": rows })
        }
        Some(xxgk::Original::Paragraphs { items }) => {
            serde_json::json!({ "kind": "paragraphs", "items": items })
        }
        None => serde_json::json!({ "kind": "none" }),
    };
    out!("{json}");
    Ok(0)
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
