//! Fuzz target: the Word 97-2003 adapter (OLE container, FIB, piece table, paragraph
//! properties), then the normalizer and validator on whatever it reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk_model::{Adapter, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_text_bytes: 4 << 20,
        ..Limits::default()
    };
    if let Ok(doc) = xxgk_doc::DocAdapter.read(data, &limits) {
        let _ = xxgk_normalize::process(&doc, &xxgk_normalize::Options::default());
    }
});
