//! Containment (#31): a file that crashes its reader, or goes over its memory or time limit,
//! costs that file only. The supervisor is tested against stand-in workers that crash, hang,
//! overflow their stack or run out of memory; the real `xxgk` against every hostile fixture
//! (no signal, seconds, a clear error naming the file) and in a batch, which writes its dataset
//! with every input a row.

mod common;

use common::fixtures;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use xxgk::ParseOptions;
use xxgk_isolate::Reader;

fn sh(script: &str) -> (PathBuf, Vec<String>) {
    ("sh".into(), vec!["-c".into(), script.into()])
}

/// Parses one small report through a stand-in worker `sh -c script`.
fn through(script: &str) -> Result<xxgk::model::Report, xxgk::Error> {
    let registry = xxgk::Registry::with_builtin();
    let (program, args) = sh(script);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let reader = Reader::isolated(&registry, program, &args);
    let opts = ParseOptions {
        limits: xxgk::model::Limits {
            max_seconds: 1,
            ..Default::default()
        },
        ..Default::default()
    };
    reader.parse_bytes(b"report", Path::new("a.txt"), &opts)
}

fn reason(e: &xxgk::Error) -> String {
    e.describe(xxgk::model::Lang::En)
}

#[test]
fn a_worker_that_dies_fails_its_file_with_the_reason() {
    // Killed by a signal.
    let e = through("kill -SEGV $$").unwrap_err();
    assert_eq!(e.kind(), "crashed", "{e}");
    assert!(reason(&e).contains("signal 11"), "{}", reason(&e));
    assert!(reason(&e).starts_with("a.txt: "), "{}", reason(&e));
    // The runtime's last words on a stack overflow, and on a failed allocation.
    let e =
        through("echo \"thread 'main' has overflowed its stack\" >&2; kill -ABRT $$").unwrap_err();
    assert!(
        reason(&e).contains("overflowed the stack"),
        "{}",
        reason(&e)
    );
    let e =
        through("echo 'memory allocation of 4096 bytes failed' >&2; kill -ABRT $$").unwrap_err();
    assert_eq!(e.kind(), "limit_exceeded");
    assert!(reason(&e).contains("MiB of memory"), "{}", reason(&e));
    // An exit without an answer.
    let e = through("exit 3").unwrap_err();
    assert!(reason(&e).contains("exit code 3"), "{}", reason(&e));
    // An answer that is not one.
    let e = through(
        "head -c 8 >/dev/null; printf '\\005\\000\\000\\000\\000\\000\\000\\000hello'; sleep 5",
    )
    .unwrap_err();
    assert_eq!(e.kind(), "crashed");
}

#[test]
fn a_worker_that_hangs_is_killed_after_its_time() {
    let start = Instant::now();
    let e = through("sleep 60").unwrap_err();
    assert_eq!(e.kind(), "limit_exceeded");
    assert!(reason(&e).contains("took more than 4 s"), "{}", reason(&e));
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn the_real_worker_gives_what_the_library_gives() {
    let registry = xxgk::Registry::with_builtin();
    let reader = Reader::isolated(&registry, env!("CARGO_BIN_EXE_xxgk").into(), &["worker"]);
    let opts = ParseOptions::default();
    let mut n = 0;
    for dir in ["seeds", "docx", "pdf", "html"] {
        let Ok(entries) = std::fs::read_dir(fixtures().join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| !p.to_string_lossy().ends_with(".json"))
            .take(4)
        {
            let here = xxgk::parse_path(&registry, path, &opts).map_err(|e| e.kind());
            let there = reader.parse_path(path, &opts).map_err(|e| e.kind());
            assert_eq!(here, there, "{}", path.display());
            n += 1;
        }
    }
    assert!(n >= 12, "{n} files compared");
    // A corrupt image: the same kind, through the wire.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let e = reader
        .parse_bytes(png, Path::new("x.png"), &opts)
        .unwrap_err();
    assert_eq!(e.kind(), "corrupt");
}

/// Every hostile fixture through `xxgk parse`: an exit code (never a signal), within 10 s,
/// and on failure one line naming the file.
#[test]
fn no_hostile_file_kills_or_stalls_the_command() {
    let dir = fixtures().join("hostile");
    let expected = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap_or_default();
    let mut n = 0;
    for line in expected.lines().filter(|l| !l.starts_with('#')) {
        let Some((file, _)) = line.split_once('\t') else {
            continue;
        };
        let path = dir.join(file);
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(["parse", "--compact"])
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let took = start.elapsed();
        let code = out.status.code();
        assert!(
            code.is_some(),
            "{file}: ended by a signal ({:?})",
            out.status
        );
        assert!(took < Duration::from_secs(10), "{file}: {took:?}");
        if code != Some(0) {
            assert_eq!(code, Some(2), "{file}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(file), "{file}: the error names it: {err}");
            assert_eq!(err.lines().count(), 1, "{file}: {err}");
        }
        n += 1;
    }
    assert!(n >= 45, "{n} hostile files");
}

/// A file that exhausts its worker's memory (a long document, with the workers' memory set
/// low by `XXGK_MEMORY_MIB`) between good reports: the batch writes its dataset, every input
/// a row, that file failed with the limit named, the others read.
#[test]
fn a_batch_survives_a_file_that_exhausts_its_worker() {
    let tmp = std::env::temp_dir().join(format!("xxgk-contain-{}", std::process::id()));
    let input = tmp.join("in");
    std::fs::create_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(fixtures().join("seeds"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    seeds.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    seeds.sort();
    for s in seeds.iter().take(3) {
        let name = s.file_name().unwrap_or_default();
        std::fs::copy(s, input.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    // 600 reports in one text file: about 5 MB, some 40 MB to read.
    let one = std::fs::read_to_string(&seeds[0]).unwrap_or_default();
    std::fs::write(input.join("long.txt"), format!("{one}\n").repeat(600))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["batch", "--quiet", "--lang", "en", "-o"])
        .arg(&out)
        .arg(&input)
        .env("XXGK_MEMORY_MIB", "8")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    let manifest = std::fs::read_to_string(out.join("manifest.csv")).unwrap_or_default();
    assert_eq!(manifest.lines().count(), 1 + 4, "{manifest}");
    for line in manifest.lines().skip(1) {
        if line.contains("long.txt") {
            assert!(
                line.contains(",failed,") && line.contains("MiB of memory"),
                "{line}"
            );
        } else {
            assert!(!line.contains(",failed,"), "{line}");
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
