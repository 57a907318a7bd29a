//! Fuzz target: the text adapter, then the normalizer and validator on whatever it reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk_model::{Adapter, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_entry_bytes: 8 << 20,
        max_total_bytes: 16 << 20,
        ..Limits::default()
    };
    if let Ok(doc) = xxgk_text::TextAdapter.read(data, &limits) {
        let _ = xxgk_normalize::process(&doc, &xxgk_normalize::Options::default());
    }
});
