//! Any bytes through the single intake entry point, `intake::extract`: detection,
//! the extractor for the detected type (PDF, DOCX, text) and the common clean-up. Every input
//! must end in text or a `DocumentError` without hanging or allocating without bound.
//!
//! Panics: libfuzzer-sys aborts on any panic, even a caught one. In production `extract`
//! turns a parser panic into a "damaged file" refusal (and runs in a worker process), so the
//! hook is reset to let `catch_unwind` work; aborts, stack overflows, timeouts and memory
//! blow-ups are still crashes.
#![no_main]

use std::sync::Once;

use intake::{docx, extract};
use libfuzzer_sys::fuzz_target;

static QUIET_PANICS: Once = Once::new();

fuzz_target!(|bytes: &[u8]| {
    QUIET_PANICS.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let _ = extract(bytes);
    // Most mutations of a DOCX are no longer detected as one; the reader must survive them.
    let _ = docx::extract(bytes);
});
