//! `xxgk serve`: the workbench (`xxgk-serve`): the workspace chosen, the address printed (and
//! opened in a browser where one exists), a warning when it listens beyond this computer.

use super::*;

/// The workspace when none is given: `NAME.xxgk` beside the first input, else the user's data
/// folder (`$XDG_DATA_HOME/xxgk/workspace`, `~/.local/share/xxgk/workspace`, or
/// `%APPDATA%\xxgk\workspace`), else `xxgk-workspace` here.
fn default_workspace(inputs: &[PathBuf]) -> PathBuf {
    // `xxgk serve .` names the folder itself: its workspace is beside it, not in it.
    let first = inputs
        .first()
        .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()));
    if let Some(first) = first {
        let name = first
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "xxgk".into());
        return first.with_file_name(format!("{name}.xxgk"));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from));
    data.map_or_else(
        || PathBuf::from("xxgk-workspace"),
        |d| d.join("xxgk").join("workspace"),
    )
}

/// Opens `url` in the desktop's browser, where there is one (errors are ignored: the address
/// is printed anyway). The browser is given a file that only this user can read and that
/// leads to the address, never the address itself: a command line (the browser's and its
/// launcher's) is visible to every user of the machine, and the address holds the token.
fn open_browser(url: &str, workspace: &std::path::Path) {
    let page = workspace.join(".open.html");
    let html = format!(
        "<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=\"0;url={url}\">\
         <a href=\"{url}\">{url}</a>"
    );
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options
        .open(&page)
        .and_then(|mut f| std::io::Write::write_all(&mut f, html.as_bytes()));
    if written.is_err() {
        return;
    }
    let target = page.display().to_string();
    let url = target.as_str();
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "windows") {
        ("cmd", vec!["/C", "start", "", url])
    } else if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else {
        ("xdg-open", vec![url])
    };
    let _ = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

pub(super) fn serve(
    reader: &Reader,
    inputs: Vec<PathBuf>,
    workspace: Option<PathBuf>,
    port: u16,
    host: std::net::IpAddr,
    no_browser: bool,
    opts: ParseOptions,
) -> Result<u8> {
    let lang = opts.lang;
    let workspace = workspace.unwrap_or_else(|| default_workspace(&inputs));
    if !host.is_loopback() {
        eprintln!("xxgk: {}", Text::ServeExposed.fill(lang, &[&host]));
    }
    let options = xxgk_serve::ServeOptions {
        inputs,
        workspace: workspace.clone(),
        host,
        port,
        parse: opts,
        viewer: std::env::current_exe().ok(),
    };
    let served = xxgk_serve::serve(reader, &options, |url| {
        out!("{}", Text::ServeListening.fill(lang, &[&url]));
        if !no_browser {
            open_browser(url, &workspace);
        }
    });
    // Said in both languages, the system's own words quoted.
    let say = |text: Text, what: &dyn std::fmt::Display, e: &dyn std::fmt::Display| {
        let (zh, en) = (text.fill(Lang::Zh, &[what]), text.fill(Lang::En, &[what]));
        said(xxgk::model::Msg::quoting(&zh, &en, e))
    };
    match served {
        Ok(()) => Ok(0),
        Err(xxgk_serve::ServeError::Listen { addr, source }) => {
            Err(say(Text::ServeCannotListen, &addr, &source))
        }
        Err(xxgk_serve::ServeError::Workspace { path, source }) => {
            Err(say(Text::ServeCannotWorkspace, &path.display(), &source))
        }
        Err(e) => Err(e.into()),
    }
}
