//! Fuzz target: worker isolation. Every input is parsed twice, in this process and through a
//! real worker process (`$XXGK_BIN worker`, default `target/release/xxgk`), and the two must
//! agree: the same report, or the same error kind — unless the worker was stopped (a crash,
//! its memory or time limit), which must come back as an error of this file, never as a
//! failure of the fuzzer's process. A limit met in process (the time budget depends on the
//! build: the fuzzer's is instrumented) is not compared.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn registry() -> &'static xxgk::Registry {
    static R: OnceLock<xxgk::Registry> = OnceLock::new();
    R.get_or_init(xxgk::Registry::with_builtin)
}

fn reader() -> &'static xxgk_isolate::Reader<'static> {
    static R: OnceLock<xxgk_isolate::Reader<'static>> = OnceLock::new();
    R.get_or_init(|| {
        let bin = std::env::var_os("XXGK_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("target/release/xxgk"));
        xxgk_isolate::Reader::isolated(registry(), bin, &["worker"])
    })
}

fuzz_target!(|data: &[u8]| {
    let opts = xxgk::ParseOptions::default();
    let name = Path::new("fuzz.bin");
    let there = reader().parse_bytes(data, name, &opts);
    if let Err(xxgk::Error::Isolated { kind: "crashed" | "limit_exceeded", .. }) = &there {
        return; // stopped: this file's error, as it should be
    }
    let here = xxgk::parse_bytes(registry(), data, name, &opts);
    if here.as_ref().is_err_and(|e| e.kind() == "limit_exceeded") {
        return; // a time budget depends on the build and the machine: not comparable
    }
    match (here, there) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the wire changed the report"),
        (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
        (a, b) => panic!("in process {:?}, in a worker {:?}", a.map(|_| ()), b.map(|_| ())),
    }
});
