//! Any bytes through document intake: detection, then the extractor for the detected type,
//! then the common clean-up. Nothing may panic, hang or allocate without bound; every input
//! ends in text or a `DocumentError`. (PDF joins this when its extractor lands.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use services::documents::{clean, decode, detect, docx, FileType};

fuzz_target!(|bytes: &[u8]| {
    match detect(bytes) {
        Ok(FileType::Text) => {
            let _ = decode(bytes);
        }
        Ok(FileType::Docx) => {
            if let Ok(raw) = docx::extract(bytes) {
                let _ = clean(&raw.text);
            }
        }
        // Also feed every input to the DOCX reader directly: most mutations of a DOCX are no
        // longer detected as one, but the reader must survive them too.
        Ok(FileType::Pdf) | Err(_) => {
            let _ = docx::extract(bytes);
        }
    }
});
