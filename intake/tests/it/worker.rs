//! The extraction worker process: the same results as in-process extraction, and files that
//! would take a server down (stack overflow, endless work) cost only a killed worker.

use std::path::{Path, PathBuf};
use std::time::Duration;

use intake::worker::Extractor;
use intake::{extract, DocumentError, FileType};

fn extractor(deadline: Duration) -> Extractor {
    Extractor::new(
        PathBuf::from(env!("CARGO_BIN_EXE_extract-worker")),
        2,
        deadline,
    )
}

fn testdata(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata")
            .join(path),
    )
    .unwrap()
}

fn corpus_file(dir: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/corpus")
        .join(dir);
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name != "expected.json" && name != "ground_truth.txt"
        })
        .unwrap();
    std::fs::read(file).unwrap()
}

#[tokio::test]
async fn the_worker_returns_what_in_process_extraction_returns() {
    let worker = extractor(Duration::from_secs(10));
    for dir in [
        "cv/cv04_pdf_chromium",
        "jd/jd02_docx_python-docx",
        "jd/jd03_txt_plain-text",
        "bad/P16_prompt_injection_pdf_white_text",
    ] {
        let bytes = corpus_file(dir);
        assert_eq!(
            worker.extract(bytes.clone()).await,
            extract(&bytes),
            "{dir}"
        );
    }
    let refused = worker
        .extract(corpus_file("bad/P03_encrypted_pdf_user_password"))
        .await;
    assert_eq!(refused, Err(DocumentError::PasswordProtected));
}

#[tokio::test]
async fn a_parser_that_blows_its_stack_costs_only_the_worker() {
    let worker = extractor(Duration::from_secs(10));
    let result = worker
        .extract(testdata("crafted/self_drawing_form.pdf"))
        .await;
    assert_eq!(result, Err(DocumentError::Unreadable));
    // The next file is read normally.
    let next = worker
        .extract(corpus_file("cv/cv06_pdf_fpdf2"))
        .await
        .unwrap();
    assert_eq!(next.file_type, FileType::Pdf);
}

#[tokio::test]
async fn a_worker_past_its_deadline_is_stopped() {
    let worker = extractor(Duration::ZERO);
    let result = worker.extract(corpus_file("bad/P19_pdf_5000_pages")).await;
    assert_eq!(result, Err(DocumentError::TooSlow));
}

#[tokio::test]
async fn a_missing_worker_program_is_reported_not_hidden() {
    let worker = Extractor::new(
        PathBuf::from("/nonexistent/worker"),
        1,
        Duration::from_secs(1),
    );
    let result = worker.extract(b"plain text CV".to_vec()).await;
    assert_eq!(result, Err(DocumentError::Unavailable));
}
