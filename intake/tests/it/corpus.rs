//! Document intake against the shared corpus (`testdata/corpus`, see its INDEX.md): every
//! good document keeps its `must_contain` phrases, every hostile input gets an outcome its
//! `expected.json` accepts, within time and memory bounds, and the token recall against
//! `ground_truth.txt` is reported (run with `--nocapture` to see the figures).

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use intake::{clean, content_warnings, decode, detect, docx, extract, DocumentError, FileType};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::{LIVE_BYTES, PEAK_BYTES};

/// Runs `work` and returns its result with the growth of the heap's peak while it ran.
fn peak_growth<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let baseline = LIVE_BYTES.load(Ordering::Relaxed);
    PEAK_BYTES.store(baseline, Ordering::Relaxed);
    let result = work();
    (
        result,
        PEAK_BYTES.load(Ordering::Relaxed).saturating_sub(baseline),
    )
}

const MIB: usize = 1024 * 1024;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/corpus")
}

fn expected(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap()
}

/// The corpus match rule: NFKC, format characters (Cf) removed, whitespace runs collapsed.
fn comparable(text: &str) -> String {
    let without_format: String = text.nfkc().filter(|c| !is_format_char(*c)).collect();
    without_format
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_format_char(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

fn assert_contains_all(text: &str, phrases: &Value, what: &str) {
    let haystack = comparable(text);
    for phrase in phrases.as_array().into_iter().flatten() {
        let phrase = comparable(phrase.as_str().unwrap());
        assert!(haystack.contains(&phrase), "{what}: missing {phrase:?}");
    }
}

/// Share of ground-truth tokens (with multiplicity) found in the extraction.
fn token_recall(extracted: &str, ground_truth: &str) -> f64 {
    let mut available: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for token in comparable(extracted).split(' ') {
        *available.entry(token.to_owned()).or_default() += 1;
    }
    let truth = comparable(ground_truth);
    let tokens: Vec<&str> = truth.split(' ').collect();
    let found = tokens
        .iter()
        .filter(|token| match available.get_mut(**token) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        })
        .count();
    found as f64 / tokens.len() as f64
}

fn document_in(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name != "expected.json" && name != "ground_truth.txt"
        })
        .unwrap_or_else(|| panic!("no document in {}", dir.display()))
}

#[test]
fn good_text_documents_keep_every_required_phrase() {
    let mut recalls = Vec::new();
    for (dir, meta) in good("txt") {
        let bytes = std::fs::read(document_in(&dir)).unwrap();
        assert_eq!(detect(&bytes), Ok(FileType::Text), "{}", dir.display());
        let cleaned = decode(&bytes).unwrap();
        assert_contains_all(
            &cleaned.text,
            &meta["must_contain"],
            &dir.display().to_string(),
        );
        let truth = std::fs::read_to_string(dir.join("ground_truth.txt")).unwrap();
        recalls.push(token_recall(&cleaned.text, &truth));
    }
    assert_eq!(
        recalls.len(),
        3,
        "the public corpus has three TXT documents"
    );
    let median = median(recalls);
    println!("TXT token recall: median {median:.3}");
    assert!(median >= 0.99, "median token recall {median}");
}

/// The folder of hostile input `id` (e.g. "P09") and its expected.json.
fn case(id: &str) -> (PathBuf, Value) {
    let dir = std::fs::read_dir(corpus().join("bad"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.file_name().unwrap().to_string_lossy().starts_with(id))
        .unwrap();
    let meta = expected(&dir);
    (dir, meta)
}

/// Good documents of one format, as (folder, expected.json).
fn good(format: &str) -> Vec<(PathBuf, Value)> {
    let mut found = Vec::new();
    for kind in ["cv", "jd"] {
        for entry in std::fs::read_dir(corpus().join(kind)).unwrap() {
            let dir = entry.unwrap().path();
            let meta = expected(&dir);
            if meta["format"] == format {
                found.push((dir, meta));
            }
        }
    }
    found
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[test]
fn good_docx_documents_keep_every_required_phrase() {
    let mut recalls = Vec::new();
    for (dir, meta) in good("docx") {
        let bytes = std::fs::read(document_in(&dir)).unwrap();
        let raw = docx::extract(&bytes).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let cleaned = clean(&raw.text).unwrap();
        assert_contains_all(
            &cleaned.text,
            &meta["must_contain"],
            &dir.display().to_string(),
        );
        assert!(
            cleaned.text.lines().count() > 10,
            "{}: line structure kept",
            dir.display()
        );
        assert_eq!(
            raw.hidden_chars,
            0,
            "{}: no hidden text in a clean CV",
            dir.display()
        );
        let truth = std::fs::read_to_string(dir.join("ground_truth.txt")).unwrap();
        recalls.push(token_recall(&cleaned.text, &truth));
    }
    assert_eq!(recalls.len(), 6, "the public corpus has six DOCX documents");
    let min = recalls.iter().copied().fold(1.0, f64::min);
    let median = median(recalls);
    println!("DOCX token recall: median {median:.3}, min {min:.3}");
    assert!(median >= 0.95, "median token recall {median}");
}

#[test]
fn hostile_docx_inputs_are_refused_or_read_safely_in_bounded_time() {
    let timed = |id: &str| {
        let (dir, meta) = case(id);
        let bytes = std::fs::read(document_in(&dir)).unwrap();
        let started = std::time::Instant::now();
        let (result, grew) = peak_growth(|| docx::extract(&bytes));
        let elapsed = started.elapsed();
        assert!(elapsed.as_secs() < 5, "{id} took {elapsed:?}");
        // The caps are 16 MiB a part and 48 MiB in all; a bomb must never get near its
        // claimed size (1 GB for P09).
        assert!(grew < 100 * MIB, "{id} grew the heap by {} MiB", grew / MIB);
        println!(
            "{id}: {elapsed:?}, heap peak +{:.1} MiB",
            grew as f64 / MIB as f64
        );
        (result, meta)
    };

    // P09: a 1 GB document.xml deflated to 1.4 MB: refused as suspicious, never inflated.
    let (result, _) = timed("P09");
    assert!(
        matches!(result, Err(DocumentError::Suspicious { .. })),
        "{result:?}"
    );

    // P10: 200,000 levels of nesting: refused, no stack overflow.
    let (result, _) = timed("P10");
    assert!(
        matches!(result, Err(DocumentError::Suspicious { .. })),
        "{result:?}"
    );

    // P08: not a ZIP at all, named .docx.
    let (result, _) = timed("P08");
    assert!(
        matches!(result, Err(DocumentError::Damaged { .. })),
        "{result:?}"
    );

    // P17: white-text prompt injection: the visible CV is read and the hidden text counted.
    let (result, meta) = timed("P17");
    let raw = result.unwrap();
    assert_contains_all(&raw.text, &meta["must_contain_if_text_is_returned"], "P17");
    assert!(
        raw.hidden_chars > 20,
        "white text is noticed: {}",
        raw.hidden_chars
    );
}

#[test]
fn hostile_text_inputs_get_an_accepted_outcome() {
    // P06: whitespace only → "no text found".
    let (dir, _) = case("P06");
    let bytes = std::fs::read(document_in(&dir)).unwrap();
    assert_eq!(detect(&bytes), Ok(FileType::Text));
    assert_eq!(decode(&bytes), Err(DocumentError::NoText));

    // P12 (UTF-16LE with BOM), P13 (Latin-1), P14 (NUL bytes), P15 (1.5 MB on one line):
    // text comes back with every required phrase, no NUL, within the length budget.
    for id in ["P12", "P13", "P14", "P15"] {
        let (dir, meta) = case(id);
        let bytes = std::fs::read(document_in(&dir)).unwrap();
        assert_eq!(detect(&bytes), Ok(FileType::Text), "{id}");
        let started = std::time::Instant::now();
        let (cleaned, grew) = peak_growth(|| decode(&bytes));
        let cleaned = cleaned.unwrap();
        assert!(
            grew < 20 * bytes.len() + 20 * MIB,
            "{id} grew the heap by {} MiB",
            grew / MIB
        );
        assert!(
            started.elapsed().as_secs() < 10,
            "{id} took {:?}",
            started.elapsed()
        );
        assert_contains_all(&cleaned.text, &meta["must_contain_if_text_is_returned"], id);
        assert!(!cleaned.text.contains('\0'), "{id} kept a NUL");
        assert!(cleaned.text.chars().count() <= intake::MAX_TEXT_CHARS);
        if let Some(truth) = meta["ground_truth"].as_str() {
            if id != "P15" {
                let truth = std::fs::read_to_string(dir.join(truth)).unwrap();
                assert_eq!(
                    comparable(&cleaned.text),
                    comparable(&truth),
                    "{id} differs from its ground truth"
                );
            }
        }
    }
}

#[test]
fn files_are_recognised_by_content_not_by_name() {
    let file_of = |id: &str| std::fs::read(document_in(&case(id).0)).unwrap();
    // P05: zero bytes, named resume.pdf.
    assert_eq!(detect(&file_of("P05")), Err(DocumentError::Empty));
    // P07: a PNG named .pdf.
    let message = detect(&file_of("P07")).unwrap_err().to_string();
    assert!(message.starts_with("This is an image"), "{message}");
    assert!(message.contains("paste the text"), "{message}");
    // P20: an OpenDocument file is a ZIP, but not a DOCX.
    let message = detect(&file_of("P20")).unwrap_err().to_string();
    assert!(message.contains(".odt"), "{message}");
    // P08: "docx" that is not a ZIP: whatever it is, it is not taken for a DOCX.
    assert_ne!(detect(&file_of("P08")), Ok(FileType::Docx));
    // Every good document is detected as the format its expected.json names.
    for kind in ["cv", "jd"] {
        for entry in std::fs::read_dir(corpus().join(kind)).unwrap() {
            let dir = entry.unwrap().path();
            let format = expected(&dir)["format"].as_str().unwrap().to_owned();
            let detected = detect(&std::fs::read(document_in(&dir)).unwrap()).unwrap();
            let want = match format.as_str() {
                "pdf" => FileType::Pdf,
                "docx" => FileType::Docx,
                _ => FileType::Text,
            };
            assert_eq!(detected, want, "{}", dir.display());
        }
    }
}

#[test]
fn good_pdf_documents_keep_every_required_phrase() {
    let mut recalls = Vec::new();
    for (dir, meta) in good("pdf") {
        let bytes = std::fs::read(document_in(&dir)).unwrap();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let extracted = extract(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(extracted.file_type, FileType::Pdf);
        assert_contains_all(&extracted.text, &meta["must_contain"], &name);
        assert!(
            extracted.text.lines().count() > 10,
            "{name}: line structure kept"
        );
        assert!(
            extracted.warnings.is_empty(),
            "{name}: a clean document gets no warnings: {:?}",
            extracted.warnings
        );
        let truth = std::fs::read_to_string(dir.join("ground_truth.txt")).unwrap();
        let recall = token_recall(&extracted.text, &truth);
        println!("{name}: token recall {recall:.3}");
        recalls.push(recall);
    }
    assert_eq!(
        recalls.len(),
        12,
        "the public corpus has twelve PDF documents"
    );
    let min = recalls.iter().copied().fold(1.0, f64::min);
    let median = median(recalls);
    println!("PDF token recall: median {median:.3}, min {min:.3}");
    assert!(median >= 0.95, "median token recall {median}");
}

/// Runs the whole intake on hostile input `id`, asserting time and heap bounds.
fn extract_bounded(bytes: &[u8], what: &str) -> Result<intake::Extracted, DocumentError> {
    let started = std::time::Instant::now();
    let (result, grew) = peak_growth(|| extract(bytes));
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs() < 5, "{what} took {elapsed:?}");
    assert!(
        grew < 200 * MIB,
        "{what} grew the heap by {} MiB",
        grew / MIB
    );
    println!(
        "{what}: {elapsed:?}, heap peak +{:.1} MiB",
        grew as f64 / MIB as f64
    );
    result
}

#[test]
fn hostile_pdfs_are_refused_or_read_safely_in_bounded_time() {
    let run = |id: &str| {
        let (dir, meta) = case(id);
        let bytes = std::fs::read(document_in(&dir)).unwrap();
        (extract_bounded(&bytes, id), meta)
    };
    let message = |result: Result<_, DocumentError>| result.unwrap_err().to_string();

    // P01: truncated mid-stream → "damaged ... incomplete".
    let text = message(run("P01").0);
    assert!(
        text.contains("damaged") && text.contains("incomplete"),
        "{text}"
    );
    // P02: garbage xref offsets: refused as damaged (lopdf does not rebuild the table).
    assert!(message(run("P02").0).contains("damaged"));
    // P03: AES-256 with an open password.
    assert_eq!(run("P03").0, Err(DocumentError::PasswordProtected));
    // P04: a scan: no text layer, and the message says to paste the text.
    assert_eq!(run("P04").0, Err(DocumentError::ScannedPdf));
    assert!(DocumentError::ScannedPdf
        .to_string()
        .contains("Paste the text"));
    // P19: 5,000 pages.
    assert_eq!(run("P19").0, Err(DocumentError::TooManyPages));

    // P18: a page tree that contains itself: the one real page is read, with a warning.
    let (result, meta) = run("P18");
    let extracted = result.unwrap();
    assert_contains_all(
        &extracted.text,
        &meta["must_contain_if_text_is_returned"],
        "P18",
    );
    assert!(extracted
        .warnings
        .iter()
        .any(|w| w.contains("list of pages is damaged")));

    // P16: white and 1 pt text telling the AI to score 10/10: visible CV kept, both flagged.
    let (result, meta) = run("P16");
    let extracted = result.unwrap();
    assert_contains_all(
        &extracted.text,
        &meta["must_contain_if_text_is_returned"],
        "P16",
    );
    assert!(
        extracted
            .warnings
            .iter()
            .any(|w| w.contains("too small to read")),
        "{:?}",
        extracted.warnings
    );
    assert!(content_warnings(&extracted.text)
        .iter()
        .any(|w| w.contains("instruction aimed at an AI")));

    // Files found while probing pdf-extract: a /Parent loop without a media box (pdf-extract
    // loops forever on it) and a ToUnicode that is a name (pdf-extract panics).
    let crafted = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/crafted");
    let bytes = std::fs::read(crafted.join("parent_loop_no_mediabox.pdf")).unwrap();
    let result = extract_bounded(&bytes, "parent loop");
    assert!(
        result.is_ok() || matches!(result, Err(DocumentError::Damaged { .. })),
        "{result:?}"
    );
    let bytes = std::fs::read(crafted.join("tounicode_name.pdf")).unwrap();
    let result = extract_bounded(&bytes, "ToUnicode name");
    assert!(
        matches!(result, Err(DocumentError::Damaged { .. })),
        "{result:?}"
    );
}

/// P11, made the way `make_big.sh` makes it (the corpus folder does not store the file): a
/// CV header and one keyword-stuffed line repeated to exactly 30 MiB.
fn huge_text_cv() -> Vec<u8> {
    let header = "Morgan Lee\nSenior Software Engineer | Leeds, UK | +44 7700 900 350 | morgan.lee@example.com\n\nSUMMARY\nEngineer with 12 years of experience. The rest of this file is repeated filler to reach 30 MiB.\n\nEXPERIENCE\n";
    let line = "* Led cross-functional initiatives leveraging Python, Java, Kubernetes, AWS, Terraform and stakeholder management to deliver measurable synergies across the organisation.\n";
    let size = 31_457_280;
    let mut bytes = Vec::with_capacity(size);
    bytes.extend_from_slice(header.as_bytes());
    while bytes.len() < size {
        bytes.extend_from_slice(line.as_bytes());
    }
    bytes.truncate(size);
    bytes
}

#[test]
fn a_30_mib_text_file_is_cut_to_the_budget_with_a_warning() {
    // The upload limit (10 MiB) refuses this file before extraction (see the server's
    // document tests); extraction itself must still stay bounded if the limit is raised.
    let bytes = huge_text_cv();
    let extracted = extract_bounded(&bytes, "P11").unwrap();
    assert!(extracted.text.starts_with("Morgan Lee"));
    assert!(extracted.text.chars().count() <= intake::MAX_TEXT_CHARS);
    assert!(
        extracted
            .warnings
            .iter()
            .any(|w| w.contains("kept the first")),
        "{:?}",
        extracted.warnings
    );
}
