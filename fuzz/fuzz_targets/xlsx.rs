//! Fuzz target: the xlsx adapter, then the normalizer and validator on whatever it reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk_model::{Adapter, Limits};

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
    if let Ok(doc) = xxgk_xlsx::XlsxAdapter.read(data, &limits) {
        let _ = xxgk_normalize::process(&doc, &xxgk_normalize::Options::default());
    }
});
