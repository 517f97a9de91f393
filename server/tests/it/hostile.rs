//! Hostile clients against the real server: uploads cut off or trickled, bodies over the
//! limits, broken JSON of every kind, strangers and forged owner cookies, guessed share tokens.
//! Each test checks what the client gets (a 4xx with the API's JSON error, never a 5xx) and
//! what the database keeps (nothing from the refused request), and that the server goes on
//! serving. Raw TCP where reqwest cannot misbehave enough.

use std::time::{Duration, Instant};

use crate::common::TestServer;
use futures_util::stream::{self, StreamExt};
use reqwest::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;
use testkit::api::Api;
use testkit::fixtures::{DATA_SCIENTIST, DATA_SCIENTIST_ANSWER};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use uuid::Uuid;

/// The CV every interview here is set up with.
const CV: &str = DATA_SCIENTIST.cv;

/// Every table a request could write to.
const TABLES: [&str; 8] = [
    "interviews",
    "documents",
    "questions",
    "answers",
    "llm_calls",
    "feedback_jobs",
    "reports",
    "share_links",
];

/// The whole database as text, to show that refused requests changed nothing.
async fn snapshot(pool: &PgPool) -> Vec<String> {
    let mut tables = Vec::new();
    for table in TABLES {
        let rows: Option<String> = sqlx::query_scalar(&format!(
            "SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM {table} t"
        ))
        .fetch_one(pool)
        .await
        .unwrap();
        tables.push(format!("{table}: {}", rows.unwrap_or_default()));
    }
    tables
}

async fn count(pool: &PgPool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A fresh owner: the `owner=…` cookie the server hands a new visitor.
async fn new_owner(server: &TestServer) -> String {
    let response = reqwest::get(server.url("/api/v1/interviews"))
        .await
        .unwrap();
    let set_cookie = response.headers()[SET_COOKIE].to_str().unwrap();
    set_cookie.split(';').next().unwrap().to_owned()
}

/// A client that always sends `cookie` (and keeps no cookie jar of its own).
fn client_with(cookie: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(COOKIE, cookie.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn send(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Asserts a refusal in the API's shape: this status, JSON, `{"error": {"code", "message"}}`.
async fn assert_json_error(
    response: reqwest::Response,
    status: StatusCode,
    context: &str,
) -> Value {
    assert_eq!(response.status(), status, "{context}");
    let content_type = response.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{context}: {content_type}"
    );
    let body: Value = response.json().await.unwrap();
    assert!(body["error"]["code"].is_string(), "{context}: {body}");
    assert!(body["error"]["message"].is_string(), "{context}: {body}");
    body
}

/// The API client of the owner of `cookie`, for setting up what a test then attacks.
fn api_of(server: &TestServer, cookie: &str) -> Api {
    server.api().with_owner_cookie(cookie)
}

fn path_of(id: domain::InterviewId) -> String {
    format!("/api/v1/interviews/{}", id.0)
}

/// An interview of `count` questions without documents; returns its base path.
async fn create_interview(owner: &Api, count: u8) -> String {
    let input = DATA_SCIENTIST.new_interview(count);
    path_of(owner.create_interview(&input).await.unwrap().id)
}

/// An interview of `count` questions with both documents; returns its base path.
async fn ready_interview(owner: &Api, count: u8) -> String {
    path_of(
        owner
            .ready_interview(&DATA_SCIENTIST, count)
            .await
            .unwrap()
            .id,
    )
}

/// A completed interview with its report written; returns its base path.
async fn reported_interview(owner: &Api) -> String {
    let id = owner
        .completed_interview(&DATA_SCIENTIST, 3, DATA_SCIENTIST_ANSWER)
        .await
        .unwrap();
    owner
        .wait_for_report(id, Duration::from_millis(50), Duration::from_secs(10))
        .await
        .unwrap_or_else(|error| panic!("the report was not written in 10 s: {error}"));
    path_of(id)
}

fn address(server: &TestServer) -> String {
    server.base_url.trim_start_matches("http://").to_owned()
}

/// Reads whatever the server sends until it closes the connection or `wait` passes.
async fn read_for(stream: &mut TcpStream, wait: Duration) -> String {
    let mut received = Vec::new();
    let deadline = Instant::now() + wait;
    let mut buffer = [0u8; 4096];
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(read)) => received.extend_from_slice(&buffer[..read]),
        }
    }
    String::from_utf8_lossy(&received).into_owned()
}

/// A multipart body with one `file` part holding `content`.
fn multipart(boundary: &str, content: &[u8]) -> Vec<u8> {
    [
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cv.txt\"\r\nContent-Type: text/plain\r\n\r\n").into_bytes(),
        content.to_vec(),
        format!("\r\n--{boundary}--\r\n").into_bytes(),
    ]
    .concat()
}

/// How a request is cut off.
#[derive(Clone, Copy, Debug)]
enum Cut {
    /// The client says it has sent everything (a half-close) and waits for an answer.
    HalfClose,
    /// The client goes away.
    Drop,
}

/// Sends `head` and the first `sent` bytes of `body`, then cuts the connection; returns what
/// the server answered, if anything.
async fn cut_request(
    server: &TestServer,
    head: &str,
    body: &[u8],
    sent: usize,
    cut: Cut,
) -> String {
    let mut stream = TcpStream::connect(address(server)).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..sent]).await.unwrap();
    stream.flush().await.unwrap();
    match cut {
        Cut::HalfClose => {
            stream.shutdown().await.unwrap();
            read_for(&mut stream, Duration::from_secs(5)).await
        }
        Cut::Drop => {
            // Let the server start on the body before the client vanishes.
            tokio::time::sleep(Duration::from_millis(50)).await;
            drop(stream);
            String::new()
        }
    }
}

/// A response to a request cut short may be nothing (the server saw the client go), or a
/// refusal; never a success and never a server error.
fn assert_refused_or_silent(response: &str, context: &str) {
    if response.is_empty() {
        return;
    }
    let status = response.get(9..12).unwrap_or_default();
    assert!(
        status.starts_with('4'),
        "{context}: {}",
        response.lines().next().unwrap_or_default()
    );
}

#[sqlx::test(migrations = false)]
async fn truncated_uploads_and_bodies_store_nothing_and_the_server_keeps_serving(pool: PgPool) {
    let server = TestServer::start_with(pool.clone(), &[("RATE_LIMITS", "off")]).await;
    let cookie = new_owner(&server).await;
    let owner = client_with(&cookie);
    let base = create_interview(&api_of(&server, &cookie), 3).await;
    let host = address(&server);
    let before = snapshot(&pool).await;

    let boundary = "hostile-boundary";
    let file = CV.repeat(40).into_bytes();
    let upload = multipart(boundary, &file);
    let paste = serde_json::to_vec(&json!({ "text": CV })).unwrap();
    let create =
        serde_json::to_vec(&json!({"job_title": "Nurse", "company": "St Mary's"})).unwrap();
    let length_head = |method: &str, path: &str, content_type: &str, length: usize| {
        format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n")
    };
    let cv_path = format!("{base}/documents/cv");
    let multipart_type = format!("multipart/form-data; boundary={boundary}");
    // Chunked: one chunk announced whole, sent in part.
    let chunked_head = format!("PUT {cv_path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nContent-Type: {multipart_type}\r\nTransfer-Encoding: chunked\r\n\r\n");
    let chunked_body = [
        format!("{:x}\r\n", upload.len()).into_bytes(),
        upload.clone(),
    ]
    .concat();

    // Where the content ends: past it, a multipart body has only its closing boundary left,
    // and a part that ended whole is a whole file.
    let file_end = |body: &[u8]| {
        let needle = format!("\r\n--{boundary}--").into_bytes();
        body.windows(needle.len())
            .position(|w| w == needle)
            .unwrap()
    };
    let cases: Vec<(&str, String, &[u8], usize)> = vec![
        (
            "multipart upload with Content-Length",
            length_head("PUT", &cv_path, &multipart_type, upload.len()),
            &upload,
            file_end(&upload),
        ),
        (
            "chunked multipart upload",
            chunked_head,
            &chunked_body,
            file_end(&chunked_body),
        ),
        (
            "pasted text",
            length_head("PUT", &cv_path, "application/json", paste.len()),
            &paste,
            paste.len(),
        ),
        (
            "new interview",
            length_head(
                "POST",
                "/api/v1/interviews",
                "application/json",
                create.len(),
            ),
            &create,
            create.len(),
        ),
    ];
    let mut tried = 0;
    for (name, head, body, end) in &cases {
        // Cut right after the head, in the middle, and one byte short of the content's end.
        for sent in [0, end / 2, end - 1] {
            for cut in [Cut::HalfClose, Cut::Drop] {
                let response = cut_request(&server, head, body, sent, cut).await;
                assert_refused_or_silent(&response, &format!("{name}, {sent} bytes, {cut:?}"));
                tried += 1;
            }
        }
    }
    assert_eq!(tried, 24);

    // Whatever the cut requests were still doing has finished by now: nothing was stored.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(snapshot(&pool).await, before, "nothing was stored");

    // The server goes on: a complete upload on the same interview works.
    let response = TcpStream::connect(&host).await;
    let mut stream = response.unwrap();
    stream
        .write_all(length_head("PUT", &cv_path, &multipart_type, upload.len()).as_bytes())
        .await
        .unwrap();
    stream.write_all(&upload).await.unwrap();
    let answer = read_for(&mut stream, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(count(&pool, "interviews").await, 1);
    assert_eq!(count(&pool, "documents").await, 1);
    let (status, cv) = send(owner.get(server.url(&cv_path))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        cv["size_bytes"],
        file.len(),
        "the complete upload, not a part"
    );
    let health = reqwest::get(server.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}

#[sqlx::test(migrations = false)]
async fn a_trickled_upload_gets_408_when_the_time_is_up_and_stores_nothing(pool: PgPool) {
    let server = TestServer::start_with(
        pool.clone(),
        &[("REQUEST_TIMEOUT_SECS", "2"), ("RATE_LIMITS", "off")],
    )
    .await;
    let cookie = new_owner(&server).await;
    let owner = client_with(&cookie);
    let base = create_interview(&api_of(&server, &cookie), 3).await;
    let host = address(&server);
    let before = snapshot(&pool).await;

    let boundary = "slow-boundary";
    let upload = multipart(boundary, CV.as_bytes());
    let paste = serde_json::to_vec(&json!({ "text": CV })).unwrap();
    let cases = [
        (
            format!("PUT {base}/documents/cv HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n", upload.len()),
            upload,
        ),
        (
            format!("PUT {base}/documents/job_description HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", paste.len()),
            paste,
        ),
    ];
    for (head, body) in cases {
        let stream = TcpStream::connect(&host).await.unwrap();
        let (mut reader, mut writer) = stream.into_split();
        let started = Instant::now();
        writer.write_all(head.as_bytes()).await.unwrap();
        // Eight bytes every 200 ms: the whole body would take far longer than the 2 s allowed.
        let trickle = tokio::spawn(async move {
            for piece in body.chunks(8) {
                if writer.write_all(piece).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
        let mut response = Vec::new();
        let mut buffer = [0u8; 1024];
        while !response.windows(4).any(|w| w == b"\r\n\r\n") {
            match tokio::time::timeout(Duration::from_secs(10), reader.read(&mut buffer)).await {
                Ok(Ok(read)) if read > 0 => response.extend_from_slice(&buffer[..read]),
                other => panic!("no answer to a trickled body: {other:?}"),
            }
        }
        let elapsed = started.elapsed();
        trickle.abort();
        let response = String::from_utf8_lossy(&response);
        assert!(response.starts_with("HTTP/1.1 408"), "{response}");
        // The API's error shape, like every other refusal.
        assert!(
            response
                .to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{response}"
        );
        assert!(
            elapsed >= Duration::from_millis(1900) && elapsed < Duration::from_secs(6),
            "answered after {elapsed:?}"
        );
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(snapshot(&pool).await, before, "nothing was stored");
    let (status, _) = send(
        owner
            .put(server.url(&format!("{base}/documents/cv")))
            .json(&json!({ "text": CV })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "a prompt request still works");
}

#[sqlx::test(migrations = false)]
async fn bodies_over_the_limit_get_413_with_the_json_error_and_change_nothing(pool: PgPool) {
    let limit = 64 * 1024;
    let server = TestServer::start_with(
        pool.clone(),
        &[("MAX_BODY_BYTES", "65536"), ("RATE_LIMITS", "off")],
    )
    .await;
    let cookie = new_owner(&server).await;
    let owner = client_with(&cookie);
    let base = ready_interview(&api_of(&server, &cookie), 3).await;
    let (_, question) = send(owner.post(server.url(&format!("{base}/start")))).await;
    let before = snapshot(&pool).await;

    let long = "a".repeat(limit + 1);
    let bodies = [
        (
            "/api/v1/interviews".to_owned(),
            reqwest::Method::POST,
            json!({"job_title": long, "company": "Acme"}),
        ),
        (
            format!("{base}/answers"),
            reqwest::Method::POST,
            json!({"question_id": question["id"], "text": long, "client_id": Uuid::new_v4()}),
        ),
        (
            format!("{base}/documents/cv"),
            reqwest::Method::PATCH,
            json!({ "text": long }),
        ),
        (
            format!("{base}/documents/cv"),
            reqwest::Method::PUT,
            json!({ "text": long }),
        ),
    ];
    let mut tried = 0;
    for (path, method, body) in bodies {
        let bytes = serde_json::to_vec(&body).unwrap();
        // Declared by Content-Length, and streamed without one (chunked).
        for declared in [true, false] {
            let payload = if declared {
                reqwest::Body::from(bytes.clone())
            } else {
                let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
                    bytes.chunks(8192).map(|c| Ok(c.to_vec())).collect();
                reqwest::Body::wrap_stream(stream::iter(chunks))
            };
            let response = owner
                .request(method.clone(), server.url(&path))
                .header(CONTENT_TYPE, "application/json")
                .body(payload)
                .send()
                .await
                .unwrap();
            let context = format!("{method} {path}, declared: {declared}");
            let error = assert_json_error(response, StatusCode::PAYLOAD_TOO_LARGE, &context).await;
            assert_eq!(error["error"]["code"], "too_large", "{context}");
            tried += 1;
        }
    }
    assert_eq!(tried, 8);
    assert_eq!(snapshot(&pool).await, before, "nothing was stored");
}

#[sqlx::test(migrations = false)]
async fn uploads_up_to_the_upload_limit_pass_whatever_the_json_limit(pool: PgPool) {
    // Uploads have their own limit (10 MB by default), above the 2 MB every other body may
    // carry by default; a 3 MB file is accepted and a file over the limit refused.
    let server = TestServer::start_with(pool, &[("RATE_LIMITS", "off")]).await;
    let cookie = new_owner(&server).await;
    let owner = client_with(&cookie);
    let base = create_interview(&api_of(&server, &cookie), 3).await;
    let url = server.url(&format!("{base}/documents/cv"));
    let line = "Data scientist: forecasting, experiments, Python, SQL, Snowflake.\n";
    let file = line.repeat(3 * 1024 * 1024 / line.len()).into_bytes();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(file.clone()).file_name("cv.txt"),
    );
    let (status, cv) = send(owner.put(&url).multipart(form)).await;
    assert_eq!(status, StatusCode::OK, "{cv}");
    assert_eq!(cv["size_bytes"], file.len());

    let too_big = vec![b'a'; 10 * 1024 * 1024 + 1];
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(too_big).file_name("cv.txt"),
    );
    let response = owner.put(&url).multipart(form).send().await.unwrap();
    let error = assert_json_error(response, StatusCode::PAYLOAD_TOO_LARGE, "11 MB").await;
    assert_eq!(error["error"]["code"], "file_too_large");
}

/// Sends `head` and all of `body`, as clients that read the answer only afterwards do
/// (Python's urllib, most scripts); then reads the answer. An error while sending (a
/// connection closed under the client) is returned as such.
async fn send_all_then_read(
    server: &TestServer,
    head: &str,
    body: &[u8],
) -> Result<String, String> {
    let mut stream = TcpStream::connect(address(server)).await.unwrap();
    stream
        .write_all(head.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    for chunk in body.chunks(64 * 1024) {
        stream
            .write_all(chunk)
            .await
            .map_err(|e| format!("while sending: {e}"))?;
    }
    stream.flush().await.map_err(|e| e.to_string())?;
    Ok(read_for(&mut stream, Duration::from_secs(10)).await)
}

#[sqlx::test(migrations = false)]
async fn a_client_that_sends_a_whole_oversized_upload_before_reading_gets_the_413(pool: PgPool) {
    let server = TestServer::start_with(pool, &[("RATE_LIMITS", "off")]).await;
    let cookie = new_owner(&server).await;
    let base = create_interview(&api_of(&server, &cookie), 3).await;
    let boundary = "hostileboundary";
    let body = multipart(boundary, &vec![b'a'; 12 * 1024 * 1024]);
    for (how, length) in [
        (
            "declared length",
            format!("Content-Length: {}\r\n", body.len()),
        ),
        ("chunked", String::new()),
    ] {
        let (framing, payload) = if length.is_empty() {
            // Chunked: the limit is passed while reading, not known from the start.
            let mut chunked = Vec::new();
            for piece in body.chunks(256 * 1024) {
                chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
                chunked.extend_from_slice(piece);
                chunked.extend_from_slice(b"\r\n");
            }
            chunked.extend_from_slice(b"0\r\n\r\n");
            ("Transfer-Encoding: chunked\r\n".to_owned(), chunked)
        } else {
            (length, body.clone())
        };
        let head = format!(
            "PUT {base}/documents/cv/file HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n{framing}Connection: close\r\n\r\n",
            address(&server)
        );
        let response = send_all_then_read(&server, &head, &payload)
            .await
            .unwrap_or_else(|error| panic!("{how}: {error}"));
        assert!(
            response.starts_with("HTTP/1.1 413"),
            "{how}: {}",
            response.lines().next().unwrap_or_default()
        );
        assert!(response.contains("file_too_large"), "{how}: {response}");
    }
}

#[sqlx::test(migrations = false)]
async fn malformed_json_gets_4xx_json_errors_and_changes_nothing(pool: PgPool) {
    let server = TestServer::start_with(pool.clone(), &[("RATE_LIMITS", "off")]).await;
    let cookie = new_owner(&server).await;
    let owner = client_with(&cookie);
    let base = ready_interview(&api_of(&server, &cookie), 3).await;
    let (_, question) = send(owner.post(server.url(&format!("{base}/start")))).await;
    let question_id = question["id"].as_str().unwrap().to_owned();
    let before = snapshot(&pool).await;

    let deep_arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    // Broken JSON is refused as such (400); where the first thing the parser meets already has
    // the wrong shape for the endpoint, as the wrong shape (422): both are fine, a 5xx is not.
    const BROKEN: &[StatusCode] = &[StatusCode::BAD_REQUEST];
    const EITHER: &[StatusCode] = &[StatusCode::BAD_REQUEST, StatusCode::UNPROCESSABLE_ENTITY];
    const SHAPE: &[StatusCode] = &[StatusCode::UNPROCESSABLE_ENTITY];
    let mut bad: Vec<(&str, Vec<u8>, &[StatusCode])> = vec![
        ("empty", b"".to_vec(), BROKEN),
        ("truncated", b"{\"text\": \"A".to_vec(), BROKEN),
        ("deep arrays", deep_arrays.into_bytes(), EITHER),
        ("deep objects", deep_objects.into_bytes(), EITHER),
        (
            "invalid UTF-8",
            b"{\"text\": \"\xff\xfe\", \"job_title\": \"\xc3\", \"company\": \"\xed\xa0\x80\"}"
                .to_vec(),
            BROKEN,
        ),
        (
            "lone surrogate escape",
            br#"{"text": "\ud800", "job_title": "\ud800", "company": "B"}"#.to_vec(),
            BROKEN,
        ),
        ("byte order mark", b"\xef\xbb\xbf{}".to_vec(), BROKEN),
        ("trailing garbage", b"{} {}".to_vec(), EITHER),
        (
            "number too large",
            b"{\"text\": 1e400, \"question_count\": 1e400}".to_vec(),
            EITHER,
        ),
        ("NaN", b"{\"question_count\": NaN}".to_vec(), BROKEN),
        ("comment", b"{/* hi */}".to_vec(), BROKEN),
        ("single quotes", b"{'text': 'x'}".to_vec(), BROKEN),
    ];
    for (name, body) in [
        ("null", "null"),
        ("array", "[]"),
        ("string", "\"text\""),
        ("number", "42"),
        ("empty object", "{}"),
        (
            "wrong types",
            r#"{"job_title": 1, "company": [], "question_id": false, "text": {}, "client_id": 7}"#,
        ),
    ] {
        bad.push((name, body.as_bytes().to_vec(), SHAPE));
    }

    let endpoints = [
        (reqwest::Method::POST, "/api/v1/interviews".to_owned()),
        (reqwest::Method::POST, format!("{base}/answers")),
        (reqwest::Method::PATCH, format!("{base}/documents/cv")),
        (reqwest::Method::PUT, format!("{base}/documents/cv")),
    ];
    let mut tried = 0;
    for (method, path) in &endpoints {
        for (name, body, statuses) in &bad {
            let response = owner
                .request(method.clone(), server.url(path))
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone())
                .send()
                .await
                .unwrap();
            let context = format!("{method} {path}: {name}");
            assert!(
                statuses.contains(&response.status()),
                "{context}: {}",
                response.status()
            );
            let status = response.status();
            assert_json_error(response, status, &context).await;
            tried += 1;
        }
        // Not JSON at all, by its content type.
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("application/xml"),
            Some("application/json-seq"),
        ] {
            let mut request = owner
                .request(method.clone(), server.url(path))
                .body(r#"{"text": "x"}"#);
            if let Some(content_type) = content_type {
                request = request.header(CONTENT_TYPE, content_type);
            }
            let response = request.send().await.unwrap();
            let context = format!("{method} {path}: content type {content_type:?}");
            let error =
                assert_json_error(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, &context).await;
            assert_eq!(
                error["error"]["code"], "unsupported_media_type",
                "{context}"
            );
            tried += 1;
        }
    }

    // Text PostgreSQL cannot store (NUL) is refused as invalid input, not a 500.
    for (path, body) in [
        (
            "/api/v1/interviews".to_owned(),
            json!({"job_title": "Engi\u{0}neer", "company": "Acme"}),
        ),
        (
            "/api/v1/interviews".to_owned(),
            json!({"job_title": "Engineer", "company": "\u{0}"}),
        ),
        (
            format!("{base}/answers"),
            json!({"question_id": question_id, "text": "I led\u{0} the team.", "client_id": Uuid::new_v4()}),
        ),
    ] {
        let response = owner
            .post(server.url(&path))
            .json(&body)
            .send()
            .await
            .unwrap();
        let error = assert_json_error(response, StatusCode::UNPROCESSABLE_ENTITY, &path).await;
        assert_eq!(error["error"]["code"], "validation", "{path}");
        tried += 1;
    }
    assert_eq!(tried, 4 * (18 + 5) + 3);
    assert_eq!(snapshot(&pool).await, before, "nothing was stored");

    // Pasted text with NUL and other control characters is cleaned, not refused.
    let (status, cv) = send(
        owner
            .patch(server.url(&format!("{base}/documents/cv")))
            .json(&json!({ "text": format!("{CV}\u{0}\u{7}") })),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "started: {cv}");
    let fresh = create_interview(&api_of(&server, &cookie), 3).await;
    let (status, cv) = send(
        owner
            .put(server.url(&format!("{fresh}/documents/cv")))
            .json(&json!({ "text": format!("{CV}\u{0}\u{7}") })),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{cv}");
    assert_eq!(cv["text"], CV);
}

/// Every request an owner can make about an interview.
fn requests_about(
    base: &str,
    question_id: &str,
    share_id: &str,
) -> Vec<(reqwest::Method, String, Option<Value>)> {
    use reqwest::Method;
    let text = json!({ "text": CV });
    vec![
        (Method::GET, base.to_owned(), None),
        (Method::DELETE, base.to_owned(), None),
        (Method::GET, format!("{base}/documents/cv"), None),
        (
            Method::PUT,
            format!("{base}/documents/cv"),
            Some(text.clone()),
        ),
        (
            Method::PATCH,
            format!("{base}/documents/job_description"),
            Some(text),
        ),
        (Method::POST, format!("{base}/start"), None),
        (
            Method::POST,
            format!("{base}/answers"),
            Some(
                json!({"question_id": question_id, "text": DATA_SCIENTIST_ANSWER, "client_id": Uuid::new_v4()}),
            ),
        ),
        (Method::POST, format!("{base}/end"), None),
        (Method::GET, format!("{base}/transcript"), None),
        (Method::GET, format!("{base}/question/stream"), None),
        (Method::GET, format!("{base}/feedback"), None),
        (Method::POST, format!("{base}/feedback"), None),
        (Method::GET, format!("{base}/shares"), None),
        (Method::POST, format!("{base}/shares"), None),
        (Method::DELETE, format!("{base}/shares/{share_id}"), None),
    ]
}

#[sqlx::test(migrations = false)]
async fn no_other_cookie_can_read_change_start_answer_delete_or_share_an_interview(pool: PgPool) {
    let server = TestServer::start_with(pool.clone(), &[("RATE_LIMITS", "off")]).await;
    let owner_cookie = new_owner(&server).await;
    let owner = client_with(&owner_cookie);
    // One interview at each stage: ready to start, under way, and reported and shared.
    let owner_api = api_of(&server, &owner_cookie);
    let ready = ready_interview(&owner_api, 3).await;
    let under_way = ready_interview(&owner_api, 3).await;
    let (_, question) = send(owner.post(server.url(&format!("{under_way}/start")))).await;
    let question_id = question["id"].as_str().unwrap().to_owned();
    let reported = reported_interview(&owner_api).await;
    let (status, share) = send(owner.post(server.url(&format!("{reported}/shares")))).await;
    assert_eq!(status, StatusCode::CREATED);
    let share_id = share["id"].as_str().unwrap().to_owned();
    let before = snapshot(&pool).await;

    // Someone else's real cookie; a well-formed one nobody was given; the owner's with one
    // character changed; and malformed ones (a fresh identity each time).
    let token = owner_cookie.trim_start_matches("owner=");
    let mut flipped = token.to_owned().into_bytes();
    flipped[10] = if flipped[10] == b'A' { b'B' } else { b'A' };
    let flipped = String::from_utf8(flipped).unwrap();
    let cookies = [
        new_owner(&server).await,
        format!("owner={}", "A".repeat(43)),
        format!("owner={flipped}"),
        format!("owner={token}x"),
        format!("owner={}", &token[..42]),
        format!("owner=\"{token}\""),
        format!("Owner={token}"),
        "owner=".to_owned(),
        format!("owner={}", token.to_uppercase()),
    ];
    let mut tried = 0;
    for cookie in &cookies {
        let stranger = client_with(cookie);
        for base in [&ready, &under_way, &reported] {
            for (method, path, body) in requests_about(base, &question_id, &share_id) {
                let mut request = stranger.request(method.clone(), server.url(&path));
                if let Some(body) = body {
                    request = request.json(&body);
                }
                let response = request.send().await.unwrap();
                let context = format!("{cookie}: {method} {path}");
                let error = assert_json_error(response, StatusCode::NOT_FOUND, &context).await;
                assert_eq!(error["error"]["code"], "not_found", "{context}");
                tried += 1;
            }
        }
        let (status, listed) = send(stranger.get(server.url("/api/v1/interviews"))).await;
        assert_eq!((status, listed), (StatusCode::OK, json!([])), "{cookie}");
    }
    assert_eq!(tried, cookies.len() * 3 * 15);
    assert_eq!(
        snapshot(&pool).await,
        before,
        "the strangers changed nothing"
    );

    // The owner still has everything.
    for base in [&ready, &under_way, &reported] {
        let (status, _) = send(owner.get(server.url(base))).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, shares) = send(owner.get(server.url(&format!("{reported}/shares")))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shares[0]["revoked_at"], Value::Null);
}

/// A random token of the right shape: 43 characters of the base64url alphabet.
fn random_token() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bytes: Vec<u8> = (0..3).flat_map(|_| *Uuid::new_v4().as_bytes()).collect();
    bytes[..43]
        .iter()
        .map(|byte| ALPHABET[usize::from(*byte) % 64] as char)
        .collect()
}

/// Malformed guesses: wrong lengths and characters, the real token altered, encodings.
fn malformed_tokens(real: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for length in [1, 2, 10, 32, 42, 44, 45, 64, 86, 200, 2000] {
        tokens.push(random_token().repeat(50)[..length].to_owned());
    }
    for (index, _) in real.char_indices() {
        // The real token with one character changed, at every position.
        let mut altered = real.to_owned().into_bytes();
        altered[index] = if altered[index] == b'x' { b'y' } else { b'x' };
        tokens.push(String::from_utf8(altered).unwrap());
    }
    tokens.extend([
        real[..42].to_owned(),
        format!("{real}A"),
        format!("A{real}"),
        real.to_uppercase(),
        real.to_lowercase(),
        format!("{real}%00"),
        format!("{real}%20"),
        format!("%20{real}"),
        format!("{real}="),
        format!("+{}", &real[1..]),
        format!("{}%2F{}", &real[..20], &real[21..]),
        "..%2F..%2Fetc%2Fpasswd".to_owned(),
        "%00".to_owned(),
        "%FF%FE".to_owned(),
        "%C3%A9t%C3%A9".to_owned(),
        "'%20OR%20'1'%3D'1".to_owned(),
        "null".to_owned(),
        "undefined".to_owned(),
        Uuid::new_v4().to_string(),
        Uuid::nil().to_string(),
        "0".to_owned(),
        "-1".to_owned(),
        "*".to_owned(),
        "%25".to_owned(),
    ]);
    let filler = ["!", "~", ".", "$", "(", ")", "@", ":", ";", ","];
    let mut index = 0;
    while tokens.len() < 400 {
        let mut token = random_token();
        let at = index % 43;
        token.replace_range(at..at + 1, filler[index % filler.len()]);
        tokens.push(token);
        index += 1;
    }
    tokens
}

#[sqlx::test(migrations = false)]
async fn a_thousand_guessed_share_tokens_find_nothing_and_a_revoked_one_neither(pool: PgPool) {
    let server = TestServer::start_with(pool.clone(), &[("RATE_LIMITS", "off")]).await;
    let cookie = new_owner(&server).await;
    let owner = client_with(&cookie);
    let reported = reported_interview(&api_of(&server, &cookie)).await;
    let (status, link) = send(owner.post(server.url(&format!("{reported}/shares")))).await;
    assert_eq!(status, StatusCode::CREATED);
    let token = link["token"].as_str().unwrap().to_owned();
    let shared = |token: &str| server.url(&format!("/api/v1/shared/{token}"));
    let (status, report) = send(reqwest::Client::new().get(shared(&token))).await;
    assert_eq!(status, StatusCode::OK, "the real token works");
    assert!(report["report"].is_object());

    let mut guesses: Vec<String> = (0..600).map(|_| random_token()).collect();
    guesses.extend(malformed_tokens(&token));
    assert_eq!(guesses.len(), 1000);
    assert!(!guesses.contains(&token));
    let client = reqwest::Client::new();
    let answers: Vec<(String, StatusCode, String)> = stream::iter(guesses)
        .map(|guess| {
            let request = client.get(shared(&guess)).send();
            async move {
                let response = request.await.unwrap();
                let status = response.status();
                (guess, status, response.text().await.unwrap())
            }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    for (guess, status, body) in &answers {
        assert_eq!(*status, StatusCode::NOT_FOUND, "{guess}: {body}");
        assert!(!body.contains("job_title"), "{guess}: {body}");
        assert!(!body.contains("overall"), "{guess}: {body}");
    }
    // Every refusal that reached the handler is the API's JSON one (a few malformed paths,
    // e.g. with an encoded slash, never match the route and get the API's fallback 404).
    let json_errors = answers
        .iter()
        .filter(|(_, _, body)| {
            serde_json::from_str::<Value>(body).is_ok_and(|v| v["error"]["code"] == "not_found")
        })
        .count();
    assert_eq!(json_errors, answers.len());

    // Revoked: the real token is a guess like any other.
    let revoke = format!("{reported}/shares/{}", link["id"].as_str().unwrap());
    let status = owner
        .delete(server.url(&revoke))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = send(reqwest::Client::new().get(shared(&token))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["error"]["code"], "not_found");
    assert_eq!(count(&pool, "share_links").await, 1, "revoked, not deleted");
}
