//! Fuzz target: the OFD adapter (zip limits, the XML walk, part locations, text codes with
//! their deltas, path data under the drawing budget, the shared page layout), then the
//! normalizer and validator on whatever it reads, and the first page's view.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk_model::{Adapter, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_entry_bytes: 8 << 20,
        max_total_bytes: 16 << 20,
        max_drawn: 100_000,
        max_seconds: 2,
        ..Limits::default()
    };
    if let Ok(doc) = xxgk_ofd::OfdAdapter.read(data, &limits) {
        let _ = xxgk_normalize::process(&doc, &xxgk_normalize::Options::default());
        // The workbench's view of the first page: drawn, its places boxed within it.
        let _ = xxgk_ofd::view_page(data, 1, &limits);
    }
});
