//! The READMEs say what the tool does, and the tests hold them to it: the Chinese `README.md`
//! and the English `README.en.md` show the same commands (the English one with `--lang en`),
//! and each task's command, run from the repository's root on the files it names, prints
//! what the README shows after it (the seconds aside).

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

/// The fenced code blocks of a Markdown file: (language, text).
fn blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => open = Some((lang.trim().to_string(), String::new())),
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some((_, text)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The `xxgk` and `cargo` commands of a shell block, comments cut.
fn commands(block: &str) -> Vec<String> {
    block
        .lines()
        .map(|l| l.split("  #").next().unwrap_or("").trim().to_string())
        .filter(|l| l.starts_with("xxgk ") || l.starts_with("cargo "))
        .collect()
}

/// A command as both READMEs must show it: the program, the subcommand and the options (not
/// the file names, which may be in either language), without `--lang en`.
fn shape(command: &str) -> String {
    let words: Vec<&str> = command.split_whitespace().collect();
    let mut kept = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if words[i] == "--lang" {
            i += 2;
            continue;
        }
        if i < 2 || words[i].starts_with('-') || command.starts_with("cargo") {
            kept.push(words[i]);
        }
        i += 1;
    }
    kept.join(" ")
}

fn readme(name: &str) -> String {
    std::fs::read_to_string(fixtures().join("..").join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What a person reads the same whatever the run's timing.
fn steady(text: &str) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let words: Vec<String> = line
            .split(' ')
            .enumerate()
            .map(|(i, w)| {
                let next = line.split(' ').nth(i + 1);
                let timed = matches!(next, Some("秒") | Some("seconds"));
                if timed && w.parse::<f64>().is_ok() {
                    "S".to_string()
                } else {
                    w.to_string()
                }
            })
            .collect();
        out.push(words.join(" ").trim_end().to_string());
    }
    out.join("\n").trim().to_string()
}

#[test]
fn both_readmes_show_the_same_commands() {
    let shapes = |name: &str| -> Vec<String> {
        blocks(&readme(name))
            .iter()
            .filter(|(lang, _)| lang == "sh")
            .flat_map(|(_, text)| commands(text))
            .map(|c| shape(&c))
            .collect()
    };
    let (zh, en) = (shapes("README.md"), shapes("README.en.md"));
    assert!(zh.len() >= 8, "{zh:?}");
    assert_eq!(zh, en);
}

#[test]
fn each_tasks_command_prints_what_the_readme_shows() {
    let root = fixtures().join("..");
    for name in ["README.md", "README.en.md"] {
        let dir =
            std::env::temp_dir().join(format!("xxgk-readme-tasks-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        // The commands name files as seen from the repository's root; outputs go to `dir`.
        std::os::unix::fs::symlink(root.join("fixtures"), dir.join("fixtures"))
            .unwrap_or_else(|e| panic!("{e}"));
        let all = blocks(&readme(name));
        let mut run = 0;
        for pair in all.windows(2) {
            let [(lang, shell), (next, shown)] = pair else {
                continue;
            };
            let xxgk: Vec<String> = commands(shell)
                .into_iter()
                .filter(|c| c.starts_with("xxgk "))
                .collect();
            if lang != "sh" || next != "text" || xxgk.len() != 1 {
                continue;
            }
            let words: Vec<&str> = xxgk[0].split_whitespace().skip(1).collect();
            let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
                .current_dir(&dir)
                .args(&words)
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(out.status.code().is_some_and(|c| c < 2), "{name}: {out:?}");
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(steady(&printed), steady(shown), "{name}: {}", xxgk[0]);
            run += 1;
        }
        assert_eq!(run, 3, "{name}: the three tasks");
        assert!(Path::new(&dir.join("out/xxgk.xlsx")).exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
