use serde_json::json;

use super::*;

async fn post(url: String, body: Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn scripted_replies_come_first_then_the_responder_and_requests_are_recorded() {
    let fake = FakeLlm::builder()
        .reply(Reply::rate_limited(1))
        .respond(|request| Reply::text(format!("call {}", request.call)))
        .start()
        .await;
    let url = format!("{}/chat/completions", fake.base_url(Wire::OpenAi));
    let body = json!({"model": "m", "messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "U"}]});

    let limited = post(url.clone(), body.clone()).await;
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "1");
    let reply: Value = post(url, body).await.json().await.unwrap();
    assert_eq!(reply["choices"][0]["message"]["content"], "call 2");
    assert_eq!(reply["model"], "m");
    assert_eq!(fake.calls(), 2);
    let request = fake.request(1);
    assert_eq!(
        (request.system(), request.user(), request.prompt()),
        ("S".into(), "U".into(), "S\nU".into())
    );
    assert!(!request.streaming() && !request.structured());
}

#[tokio::test]
async fn each_wire_streams_the_text_word_by_word() {
    let fake = FakeLlm::replying("Why Rust here?").await;
    let client = reqwest::Client::new();
    let cases = [
        (
            format!("{}/chat/completions", fake.base_url(Wire::OpenAi)),
            json!({"model": "m", "stream": true, "messages": []}),
            "/choices/0/delta/content",
        ),
        (
            format!("{}/v1/messages", fake.origin()),
            json!({"model": "m", "stream": true, "messages": []}),
            "/delta/text",
        ),
        (
            format!(
                "{}/v1beta/models/m:streamGenerateContent?alt=sse",
                fake.origin()
            ),
            json!({"contents": []}),
            "/candidates/0/content/parts/0/text",
        ),
    ];
    for (url, body, pointer) in cases {
        let response = client.post(&url).json(&body).send().await.unwrap();
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        let text = response.text().await.unwrap();
        let pieces: Vec<String> = text
            .lines()
            .filter_map(|line| line.trim_end().strip_prefix("data: "))
            .filter_map(|data| serde_json::from_str::<Value>(data).ok())
            .filter_map(|event| event.pointer(pointer)?.as_str().map(str::to_owned))
            .filter(|piece| !piece.is_empty())
            .collect();
        assert_eq!(pieces, ["Why ", "Rust ", "here?"], "{url}");
    }
    assert_eq!((fake.streamed(), fake.unexpected()), (3, 0));
}

#[tokio::test]
async fn a_serial_fake_answers_one_request_at_a_time() {
    let fake = FakeLlm::builder()
        .serial()
        .otherwise(Reply::text("Why?").after(Duration::from_millis(150)))
        .start()
        .await;
    let url = format!("{}/chat/completions", fake.base_url(Wire::OpenAi));
    let started = Instant::now();
    let body = json!({"model": "m", "messages": []});
    let (first, second) = tokio::join!(post(url.clone(), body.clone()), post(url, body));
    assert!(first.status().is_success() && second.status().is_success());
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(fake.most_at_once(), 2, "the second waits its turn, held");
}

#[tokio::test]
async fn unknown_paths_and_bodies_that_are_not_json_are_counted() {
    let fake = FakeLlm::replying("Why?").await;
    let client = reqwest::Client::new();
    let elsewhere = client
        .post(format!("{}/v1/embeddings", fake.origin()))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 404);
    let garbled = client
        .post(format!("{}/v1/chat/completions", fake.origin()))
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(garbled.status(), 400);
    assert_eq!((fake.calls(), fake.unexpected()), (2, 2));
}
