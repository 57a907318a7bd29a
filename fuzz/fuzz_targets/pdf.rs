//! Fuzz target: the PDF adapter (stream guard, hayro's parser and interpreter, lattice and
//! line layout), then the normalizer and validator on whatever it reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk_model::{Adapter, Limits};

fuzz_target!(|data: &[u8]| {
    // The adapter turns the interpreter's panics into "corrupt" (and its own drawing limit
    // into "limit exceeded") with catch_unwind; a silent hook keeps those quiet, and a panic
    // that escapes the adapter still aborts the run through libfuzzer-sys's catch_unwind.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let limits = Limits {
        max_entry_bytes: 8 << 20,
        max_total_bytes: 16 << 20,
        max_drawn: 100_000,
        max_seconds: 2,
        ..Limits::default()
    };
    if let Ok(doc) = xxgk_pdf::PdfAdapter.read(data, &limits) {
        let _ = xxgk_normalize::process(&doc, &xxgk_normalize::Options::default());
    }
});
