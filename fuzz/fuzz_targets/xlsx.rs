//! Fuzz target: the spreadsheet adapter (XLSX, XLS, ODS), then the normalizer and validator on
//! whatever it reads, with a memory check.
//!
//! A failed allocation aborts the process, so the spreadsheet guards must refuse a file before
//! calamine allocates for it. libFuzzer's `-rss_limit_mb` only sees the whole process (and its
//! in-memory corpus); this target counts the bytes live during one input through a counting
//! global allocator and fails when one input ever holds more than [`PEAK_LIMIT`] at once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use xxgk_model::{Adapter, Limits};

/// What one input may hold at once: the per-file promise (200 MB) of the README.
const PEAK_LIMIT: usize = 200 << 20;

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fuzz_target!(|data: &[u8]| {
    // The adapter catches calamine's own panics (a malformed file is "corrupt"); libfuzzer-sys's
    // abort-on-panic hook would report those anyway, so use the default hook: a panic that
    // escapes the adapter still aborts the run through libfuzzer-sys's catch_unwind.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let limits = Limits {
        max_entry_bytes: 8 << 20,
        max_total_bytes: 16 << 20,
        ..Limits::default()
    };
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    if let Ok(doc) = xxgk_xlsx::XlsxAdapter.read(data, &limits) {
        let _ = xxgk_normalize::process(&doc, &xxgk_normalize::Options::default());
    }
    let held = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    assert!(held <= PEAK_LIMIT, "one input held {} MB at once", held >> 20);
});
