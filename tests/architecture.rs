//! The architecture as a test: what each crate of the workspace may depend on (ARCHITECTURE.md,
//! "Crates"), read from `cargo metadata`, and that no library crate prints — the command line
//! does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// The workspace crates each crate may use (besides itself). The model depends on nothing of
/// ours; the layers (charset, ooxml) on the model; an adapter never on another adapter or on
/// the normalizer; the normalizer on the model only.
const ALLOWED: &[(&str, &[&str])] = &[
    ("xxgk-model", &[]),
    ("xxgk-charset", &["xxgk-model"]),
    ("xxgk-ooxml", &["xxgk-model"]),
    ("xxgk-text", &["xxgk-model", "xxgk-charset"]),
    ("xxgk-html", &["xxgk-model", "xxgk-charset"]),
    ("xxgk-docx", &["xxgk-model", "xxgk-ooxml"]),
    ("xxgk-xlsx", &["xxgk-model", "xxgk-ooxml"]),
    ("xxgk-doc", &["xxgk-model", "xxgk-ooxml"]),
    ("xxgk-pages", &["xxgk-model"]),
    ("xxgk-scan", &["xxgk-model", "xxgk-pages"]),
    ("xxgk-pdf", &["xxgk-model", "xxgk-pages", "xxgk-scan"]),
    ("xxgk-image", &["xxgk-model", "xxgk-pages", "xxgk-scan"]),
    (
        "xxgk-ofd",
        &["xxgk-model", "xxgk-ooxml", "xxgk-charset", "xxgk-pages"],
    ),
    ("xxgk-normalize", &["xxgk-model"]),
    (
        "xxgk",
        &[
            "xxgk-model",
            "xxgk-normalize",
            "xxgk-text",
            "xxgk-html",
            "xxgk-docx",
            "xxgk-xlsx",
            "xxgk-doc",
            "xxgk-pdf",
            "xxgk-ofd",
            "xxgk-image",
            "xxgk-scan",
        ],
    ),
    ("xxgk-isolate", &["xxgk"]),
    ("xxgk-render", &["xxgk-model"]),
    ("xxgk-review", &["xxgk-model", "xxgk-normalize"]),
    ("xxgk-batch", &["xxgk", "xxgk-isolate", "xxgk-review"]),
    (
        "xxgk-serve",
        &[
            "xxgk",
            "xxgk-isolate",
            "xxgk-batch",
            "xxgk-render",
            "xxgk-charset",
        ],
    ),
    (
        "xxgk-python",
        &["xxgk", "xxgk-batch", "xxgk-isolate", "xxgk-review"],
    ),
    ("xxgk-bench", &["xxgk", "xxgk-render"]),
    (
        "xxgk-cli",
        &[
            "xxgk",
            "xxgk-isolate",
            "xxgk-batch",
            "xxgk-render",
            "xxgk-review",
            "xxgk-serve",
        ],
    ),
];

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Each workspace crate and the workspace crates it depends on (normal, dev and build).
fn workspace() -> BTreeMap<String, BTreeSet<String>> {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cargo metadata: {e}"));
    assert!(out.status.success(), "{out:?}");
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let packages = meta["packages"].as_array().cloned().unwrap_or_default();
    let ours: BTreeSet<String> = packages
        .iter()
        .filter_map(|p| p["name"].as_str().map(str::to_string))
        .collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|d| d["name"].as_str())
                .filter(|d| ours.contains(*d))
                .map(str::to_string)
                .collect();
            (p["name"].as_str().unwrap_or_default().to_string(), deps)
        })
        .collect()
}

#[test]
fn every_crate_depends_only_on_what_it_may() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let crates = workspace();
    assert!(crates.len() >= 17, "{crates:?}");
    for (name, deps) in &crates {
        let Some(may) = allowed.get(name.as_str()) else {
            panic!("{name} is not in ALLOWED (tests/architecture.rs) nor ARCHITECTURE.md");
        };
        for d in deps {
            assert!(may.contains(&d.as_str()), "{name} must not depend on {d}");
        }
    }
}

/// Library crates never print: only the command line (and the benchmark program) talk to the
/// terminal.
#[test]
fn no_library_crate_prints() {
    let (mut offenders, mut files) = (Vec::new(), 0);
    for (name, _) in workspace() {
        if name == "xxgk-cli" || name == "xxgk-bench" {
            continue;
        }
        let dir = name.strip_prefix("xxgk-").unwrap_or("xxgk");
        let dir = root()
            .join("crates")
            .join(if dir == "xxgk" { "xxgk" } else { dir });
        let mut stack = vec![dir.join("src")];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                files += 1;
                // Tests may print; the code before the first test module may not.
                let code = text.split("#[cfg(test)]").next().unwrap_or("");
                for word in ["println!", "eprintln!", "print!(", "eprint!(", "dbg!("] {
                    if code.contains(word) {
                        offenders.push(format!("{}: {word}", path.display()));
                    }
                }
            }
        }
    }
    assert!(files > 80, "{files} source files read");
    assert_eq!(offenders, Vec::<String>::new());
}
