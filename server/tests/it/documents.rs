//! Document upload, paste, read and correction through the JSON API: real multipart uploads
//! of corpus files, extraction in the real worker process, a fresh database per test.

use std::path::Path;

use crate::common::TestServer;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn corpus_file(dir: &str) -> (String, Vec<u8>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/corpus")
        .join(dir);
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name != "expected.json" && name != "ground_truth.txt"
        })
        .unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    (name, std::fs::read(path).unwrap())
}

async fn new_interview(client: &reqwest::Client, server: &TestServer) -> String {
    let response = client
        .post(server.url("/api/v1/interviews"))
        .json(&json!({"job_title": "Product Manager", "company": "Kiezkauf"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let interview: Value = response.json().await.unwrap();
    interview["id"].as_str().unwrap().to_owned()
}

fn document_url(server: &TestServer, id: &str, kind: &str) -> String {
    server.url(&format!("/api/v1/interviews/{id}/documents/{kind}"))
}

async fn upload(
    client: &reqwest::Client,
    url: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = Form::new().part("file", Part::bytes(bytes).file_name(name.to_owned()));
    client.put(url).multipart(form).send().await.unwrap()
}

async fn status_of(client: &reqwest::Client, server: &TestServer, id: &str) -> String {
    let interview: Value = client
        .get(server.url(&format!("/api/v1/interviews/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    interview["status"].as_str().unwrap().to_owned()
}

async fn error_of(response: reqwest::Response) -> (StatusCode, String, String) {
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    (
        status,
        body["error"]["code"].as_str().unwrap().to_owned(),
        body["error"]["message"].as_str().unwrap().to_owned(),
    )
}

#[sqlx::test(migrations = false)]
async fn upload_paste_correct_and_the_interview_becomes_ready(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let browser = server.browser();
    let id = new_interview(&browser, &server).await;
    let cv_url = document_url(&server, &id, "cv");

    let (name, bytes) = corpus_file("cv/cv04_pdf_chromium");
    let response = upload(&browser, &cv_url, &name, bytes.clone()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cv: Value = response.json().await.unwrap();
    assert_eq!(cv["kind"], "cv");
    assert_eq!(cv["detected_type"], "pdf");
    assert_eq!(cv["file_name"], name.as_str());
    assert_eq!(cv["size_bytes"], bytes.len());
    assert_eq!(cv["edited"], false);
    assert_eq!(cv["warnings"], json!([]));
    let text = cv["text"].as_str().unwrap();
    assert!(text.contains("Fernlicht Mobility GmbH"), "{text}");
    assert!(text.lines().count() > 20, "line breaks kept");
    assert_eq!(status_of(&browser, &server, &id).await, "not_ready");

    // The job description as a DOCX, through the upload's own path (the CV above went to the
    // paste path, which still takes multipart for older clients): both documents in, the
    // interview is ready.
    let file_url = format!("{}/file", document_url(&server, &id, "job_description"));
    let response = browser
        .put(&file_url)
        .json(&json!({ "text": "Pasted text belongs on the paste path." }))
        .send()
        .await
        .unwrap();
    let (status, code, _) = error_of(response).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    );
    let (name, bytes) = corpus_file("jd/jd02_docx_python-docx");
    let response = upload(&browser, &file_url, &name, bytes).await;
    assert_eq!(response.status(), StatusCode::OK);
    let jd: Value = response.json().await.unwrap();
    assert_eq!(jd["detected_type"], "docx");
    assert_eq!(status_of(&browser, &server, &id).await, "ready");

    // Correcting the CV: the correction is what is read back.
    let corrected = text.replace("Marcus Okafor", "Marcus O. Okafor");
    let response = browser
        .patch(&cv_url)
        .json(&json!({ "text": corrected }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let read_back: Value = browser
        .get(&cv_url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(read_back["edited"], true);
    assert!(read_back["text"]
        .as_str()
        .unwrap()
        .starts_with("Marcus O. Okafor"));

    // Cutting the CV down to a line makes the interview not ready again, with a warning.
    let response = browser
        .patch(&cv_url)
        .json(&json!({ "text": "Marcus Okafor" }))
        .send()
        .await
        .unwrap();
    let short: Value = response.json().await.unwrap();
    assert!(short["warnings"][0]
        .as_str()
        .unwrap()
        .contains("very short"));
    assert_eq!(status_of(&browser, &server, &id).await, "not_ready");

    // Pasting replaces the upload, and its correction, entirely.
    let pasted = "Marcus Okafor\nProduct manager with eight years in mobility and marketplaces.";
    let response = browser
        .put(&cv_url)
        .json(&json!({ "text": pasted }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cv: Value = response.json().await.unwrap();
    assert_eq!(cv["detected_type"], "text");
    assert_eq!(cv["file_name"], Value::Null);
    assert_eq!(cv["edited"], false);
    assert_eq!(cv["text"], pasted);
    assert_eq!(status_of(&browser, &server, &id).await, "ready");
}

#[sqlx::test(migrations = false)]
async fn unreadable_files_get_specific_refusals_and_nothing_is_stored(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let browser = server.browser();
    let id = new_interview(&browser, &server).await;
    let url = document_url(&server, &id, "cv");

    let cases = [
        (
            "bad/P07_png_named_pdf",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
            "This is an image",
        ),
        (
            "bad/P20_unsupported_format_odt",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_file_type",
            ".odt",
        ),
        (
            "bad/P03_encrypted_pdf_user_password",
            StatusCode::UNPROCESSABLE_ENTITY,
            "password_protected",
            "password",
        ),
        (
            "bad/P04_scanned_image_only_pdf",
            StatusCode::UNPROCESSABLE_ENTITY,
            "scanned_pdf",
            "scan",
        ),
        (
            "bad/P01_truncated_pdf",
            StatusCode::UNPROCESSABLE_ENTITY,
            "damaged_file",
            "damaged",
        ),
        (
            "bad/P19_pdf_5000_pages",
            StatusCode::UNPROCESSABLE_ENTITY,
            "too_many_pages",
            "pages",
        ),
        (
            "bad/P09_docx_zip_bomb",
            StatusCode::UNPROCESSABLE_ENTITY,
            "suspicious_file",
            "Word document",
        ),
        (
            "bad/P05_zero_byte_file",
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty_file",
            "empty",
        ),
    ];
    for (dir, status, code, phrase) in cases {
        let (name, bytes) = corpus_file(dir);
        let (got_status, got_code, message) =
            error_of(upload(&browser, &url, &name, bytes).await).await;
        assert_eq!(
            (got_status, got_code.as_str()),
            (status, code),
            "{dir}: {message}"
        );
        assert!(message.contains(phrase), "{dir}: {message}");
    }
    let response = browser.get(&url).send().await.unwrap();
    assert_eq!(
        response.status(),
        StatusCode::NOT_FOUND,
        "nothing was stored"
    );

    // Empty pasted text, a body of another type, an unknown kind.
    let (status, code, _) = error_of(
        browser
            .put(&url)
            .json(&json!({"text": " \n "}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "no_text")
    );
    let (status, _, _) = error_of(browser.put(&url).body("hello").send().await.unwrap()).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let response = browser
        .put(document_url(&server, &id, "cover_letter"))
        .json(&json!({"text": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = false)]
async fn oversized_uploads_are_refused_while_they_stream(pool: PgPool) {
    let server = TestServer::start_with(pool, &[("MAX_UPLOAD_BYTES", "100000")]).await;
    let browser = server.browser();
    let id = new_interview(&browser, &server).await;
    let url = document_url(&server, &id, "cv");

    // Declared too large by Content-Length: refused without reading the body. (P11, the
    // corpus's 30 MiB text file, meets the default 10 MiB limit the same way.)
    let (status, code, message) =
        error_of(upload(&browser, &url, "big.txt", vec![b'a'; 300_000]).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "file_too_large")
    );
    assert!(message.contains("larger than"), "{message}");

    // Chunked, no length: the refusal arrives while the client is still sending, after the
    // limit and long before the 10 MB the client would send.
    // A raw connection without the owner cookie: the size refusal comes before any lookup.
    let address = server
        .url("")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let boundary = "XyZ";
    let head = format!(
        "PUT /api/v1/interviews/{id}/documents/cv HTTP/1.1\r\nHost: {address}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let part_head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n"
    );
    let mut chunk = part_head.into_bytes();
    chunk.extend(vec![b'a'; 16 * 1024]);
    let mut sent = 0usize;
    let mut response = Vec::new();
    // Keep sending 16 KiB chunks until the server answers; never send the end.
    for _ in 0..640 {
        let framed = [
            format!("{:x}\r\n", chunk.len()).into_bytes(),
            chunk.clone(),
            b"\r\n".to_vec(),
        ]
        .concat();
        if stream.write_all(&framed).await.is_err() {
            break;
        }
        sent += chunk.len();
        chunk = vec![b'a'; 16 * 1024];
        let mut buffer = [0u8; 4096];
        if let Ok(Ok(read)) = tokio::time::timeout(
            std::time::Duration::from_millis(20),
            stream.read(&mut buffer),
        )
        .await
        {
            response.extend_from_slice(&buffer[..read]);
            if read > 0 {
                break;
            }
        }
    }
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(
        sent < 1024 * 1024,
        "refused after {sent} bytes, not at the end"
    );

    // The server is fine afterwards.
    let health = browser.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}

#[sqlx::test(migrations = false)]
async fn documents_belong_to_the_interview_owner_and_freeze_once_started(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let owner = server.browser();
    let stranger = server.browser();
    let id = new_interview(&owner, &server).await;
    let url = document_url(&server, &id, "job_description");
    let text = "Product Manager at Kiezkauf: own seller onboarding, run discovery, ship weekly.";
    let response = owner
        .put(&url)
        .json(&json!({ "text": text }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    for response in [
        stranger.get(&url).send().await.unwrap(),
        stranger
            .put(&url)
            .json(&json!({"text": text}))
            .send()
            .await
            .unwrap(),
        stranger
            .patch(&url)
            .json(&json!({"text": text}))
            .send()
            .await
            .unwrap(),
        upload(&stranger, &url, "cv.txt", text.as_bytes().to_vec()).await,
    ] {
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    let read: Value = owner.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(read["text"], text, "the stranger changed nothing");

    // Once the interview has started, its documents are part of the record.
    sqlx::query("UPDATE interviews SET status = 'in_progress'")
        .execute(&pool)
        .await
        .unwrap();
    let (status, code, message) = error_of(
        owner
            .patch(&url)
            .json(&json!({"text": "changed"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, code.as_str()), (StatusCode::CONFLICT, "conflict"));
    assert!(message.contains("has started"), "{message}");
}
