//! The interview through the JSON API: start, answer (idempotent by client id), a stale tab,
//! bad answers, ending early, and strangers.

use crate::common::TestServer;
use domain::{InterviewId, InterviewStatus, NewAnswer, QuestionEvent};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;
use testkit::api::Api;
use testkit::fake_llm::{FakeLlm, Reply, Wire};
use testkit::fixtures::DATA_SCIENTIST;
use uuid::Uuid;

/// A ready interview of 3 questions for `api`'s owner.
async fn ready_interview(api: &Api) -> InterviewId {
    api.ready_interview(&DATA_SCIENTIST, 3).await.unwrap().id
}

/// `method` on the interview's `path` (`""`, `"/start"`, …) with `body`: any status, the
/// body as JSON.
async fn send(
    api: &Api,
    method: Method,
    id: InterviewId,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let path = format!("/api/v1/interviews/{}{path}", id.0);
    let response = api.send(method, &path, body.as_ref()).await.unwrap();
    (response.status, response.json())
}

async fn post(api: &Api, id: InterviewId, path: &str, body: Value) -> (StatusCode, Value) {
    send(api, Method::POST, id, path, Some(body)).await
}

#[sqlx::test(migrations = false)]
async fn an_interview_through_the_api(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let api = server.api();
    let id = ready_interview(&api).await;

    let first = api.start(id).await.unwrap();
    assert_eq!(first.position, 1);
    assert!(first.text.ends_with('?'));

    // Bad answers: empty, too long, a body without the fields.
    let (status, error) = post(
        &api,
        id,
        "/answers",
        json!({"question_id": first.id, "text": "  ", "client_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"]["field"], "text");
    let (status, _) = post(
        &api,
        id,
        "/answers",
        json!({"question_id": first.id, "text": "a".repeat(5001), "client_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = post(&api, id, "/answers", json!({"text": "hello"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Spoken phrases whose timing runs backwards: refused by name, nothing stored.
    let (status, error) = post(
        &api,
        id,
        "/answers",
        json!({"question_id": first.id, "text": "I led it.", "client_id": Uuid::new_v4(),
               "spoken": [{"text": "I led it", "started_ms": 900, "ended_ms": 100}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"]["field"], "spoken");

    // A double submit: one stored answer, the same next question.
    let answer = NewAnswer {
        question_id: first.id,
        text: "I built the forecasting system at Larkspur.".into(),
        client_id: Uuid::new_v4(),
        // Dictated: the phrases heard, timed.
        spoken: vec![domain::SpokenPhrase {
            text: "I built the forecasting system at Larkspur".into(),
            started_ms: 0,
            ended_ms: 3_000,
        }],
    };
    let once = api.answer(id, &answer).await.unwrap();
    let twice = api.answer(id, &answer).await.unwrap();
    assert_eq!(once, twice);
    assert!(!once.completed);
    let second = once.next_question.expect("question 2");
    assert_eq!(second.position, 2);

    // A stale tab answering question 1 again: 409 with a message that says what to do.
    let (status, error) = post(
        &api,
        id,
        "/answers",
        json!({"question_id": first.id, "text": "again", "client_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(error["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Reload"));
    // Starting again once answered: 409.
    let (status, _) = post(&api, id, "/start", json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);

    let outcome = api
        .answer_with(id, second.id, "CUPED cut variance by 30 %.")
        .await
        .unwrap();
    let third = outcome.next_question.expect("question 3");
    let outcome = api
        .answer_with(id, third.id, "I am glad we talked.")
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(outcome).unwrap(),
        json!({"next_question": null, "completed": true})
    );

    let transcript = api.transcript(id).await.unwrap();
    assert_eq!(transcript.status, InterviewStatus::Completed);
    assert_eq!(transcript.entries.len(), 3);
    let delivery = transcript.entries[0].delivery.as_ref().expect("dictated");
    assert_eq!((delivery.spoken_words, delivery.speaking_ms), (7, 3_000));
    assert!(transcript.entries[1].delivery.is_none(), "typed");
    // The interview itself carries the same transcript, and its documents without their text.
    let (_, interview) = send(&api, Method::GET, id, "", None).await;
    assert_eq!(interview["status"], "completed");
    assert_eq!(
        interview["transcript"],
        serde_json::to_value(&transcript).unwrap()
    );
    let documents = interview["documents"].as_array().unwrap();
    let kinds: Vec<&Value> = documents.iter().map(|document| &document["kind"]).collect();
    assert_eq!(kinds, ["cv", "job_description"]);
    assert!(documents.iter().all(|document| document["text"].is_null()
        && document["detected_type"] == "text"
        && document["size_bytes"].as_u64().unwrap() > 0));
    let (status, _) = post(
        &api,
        id,
        "/answers",
        json!({"question_id": third.id, "text": "late", "client_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[sqlx::test(migrations = false)]
async fn ending_early_and_strangers(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let owner = server.api();
    let stranger = server.api();
    let id = ready_interview(&owner).await;

    // Not started: nothing to end.
    let (status, _) = post(&owner, id, "/end", json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = post(&stranger, id, "/start", json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let first = owner.start(id).await.unwrap();
    for (path, body) in [
        (
            "/answers",
            json!({"question_id": first.id, "text": "x", "client_id": Uuid::new_v4()}),
        ),
        ("/end", json!({})),
    ] {
        let (status, _) = post(&stranger, id, path, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, _) = send(&stranger, Method::GET, id, "/transcript", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let ended = owner.end(id).await.unwrap();
    assert_eq!(ended.status, InterviewStatus::Completed);
    let interview = owner.interview(id).await.unwrap();
    assert_eq!(interview.status, InterviewStatus::Completed);
}

/// Starts the interview, answers question 1 and removes question 2, so the next question is
/// open to be asked (by the stream).
async fn first_answered_second_unasked(api: &Api, id: InterviewId, pool: &PgPool) {
    let first = api.start(id).await.unwrap();
    api.answer_with(
        id,
        first.id,
        "I built the forecasting system and cut waste by 12 %.",
    )
    .await
    .unwrap();
    sqlx::query("DELETE FROM questions WHERE position = 2")
        .execute(pool)
        .await
        .unwrap();
}

/// The deltas of a stream ending in a question: their text, and the question.
fn deltas_and_question(events: &[QuestionEvent]) -> (String, &domain::Question) {
    let (last, deltas) = events.split_last().unwrap();
    let shown = deltas
        .iter()
        .map(|event| match event {
            QuestionEvent::Delta { text } => text.as_str(),
            other => panic!("a delta expected, not {other:?}: {events:?}"),
        })
        .collect();
    match last {
        QuestionEvent::Question { question } => (shown, question),
        other => panic!("a question expected last, not {other:?}"),
    }
}

#[sqlx::test(migrations = false)]
async fn the_open_question_streams_as_server_sent_events(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let api = server.api();
    let id = ready_interview(&api).await;
    let stream = format!("/api/v1/interviews/{}/question/stream", id.0);

    let refused = api.send(Method::GET, &stream, None).await.unwrap();
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not started"));

    // As if generating question 2 had failed after the answer was stored.
    first_answered_second_unasked(&api, id, &pool).await;

    let response = api.send(Method::GET, &stream, None).await.unwrap();
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.headers["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    let events = response.events().unwrap();
    let (shown, question) = deltas_and_question(&events);
    assert!(events.len() - 1 > 3, "word by word: {events:?}");
    assert_eq!(question.position, 2);
    assert_eq!(question.text, shown);

    // Asked again, the stored question comes back whole, and nothing new is asked.
    let again = api.question_stream(id).await.unwrap();
    assert_eq!(again, events[events.len() - 1..]);

    // Strangers get 404; after the end there is nothing more to ask.
    let stranger = server.api().send(Method::GET, &stream, None).await.unwrap();
    assert_eq!(stranger.status, StatusCode::NOT_FOUND);
    api.end(id).await.unwrap();
    let after_end = api.question_stream(id).await.unwrap();
    assert_eq!(after_end, [QuestionEvent::Completed]);
}

#[sqlx::test(migrations = false)]
async fn a_slow_model_hands_the_streamed_question_over_to_the_coach(pool: PgPool) {
    // Like a busy CPU model: 10 s before the first word.
    let model_question = "Why did you pick LightGBM for the Larkspur forecasts?";
    let provider = FakeLlm::builder()
        .otherwise(Reply::text(model_question).after(std::time::Duration::from_secs(10)))
        .start()
        .await;
    let mut vars = provider.env(Wire::OpenAi, "slow-model");
    vars.extend([
        ("LLM_FIRST_TOKEN_SECS".to_owned(), "1".to_owned()),
        ("RATE_LIMITS".to_owned(), "off".to_owned()),
    ]);
    let server = TestServer::start_with(pool.clone(), &vars).await;
    let api = server.api();
    let id = ready_interview(&api).await;
    // Question 2 is asked again, this time as a stream.
    first_answered_second_unasked(&api, id, &pool).await;

    let started = std::time::Instant::now();
    let events = api.question_stream(id).await.unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );

    // The hand-over first (no text had been shown, so no restart), then the coach's question.
    assert_eq!(
        serde_json::to_value(&events[0]).unwrap(),
        json!({
            "type": "handover",
            "from": {"kind": "model", "provider": "openai", "model": "slow-model"},
            "to": {"kind": "coach"},
            "reason": "slow",
        }),
        "{events:?}"
    );
    let (shown, question) = deltas_and_question(&events[1..]);
    assert_eq!(question.text, shown);
    assert_ne!(shown, model_question);
    let (interviewer,): (String,) =
        sqlx::query_as("SELECT interviewer FROM questions WHERE position = 2")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(interviewer, "offline");
}

#[sqlx::test(migrations = false)]
async fn the_brief_prepares_for_the_questions_the_interview_then_asks(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let api = server.api();
    let interview = api
        .create_interview(&domain::NewInterview {
            job_title: DATA_SCIENTIST.job_title.into(),
            company: DATA_SCIENTIST.company.into(),
            question_count: Some(5),
            ..Default::default()
        })
        .await
        .unwrap();
    let id = interview.id;
    let path = format!("/api/v1/interviews/{}/brief", id.0);
    let early = api.send(Method::GET, &path, None).await.unwrap();
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);
    assert!(early.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("CV and the job description"));

    let id = ready_interview(&api).await;
    let brief = api.brief(id).await.unwrap();
    assert_eq!(brief.job_title, DATA_SCIENTIST.job_title);
    let requirements: Vec<&str> = brief
        .requirements
        .iter()
        .map(|r| r.requirement.as_str())
        .collect();
    // The job's requirement lines (a one-word line is not one).
    assert_eq!(
        requirements,
        ["Experimentation and A/B testing", "Python, SQL, Snowflake"]
    );
    let evidence = |requirement: &str| {
        brief
            .requirements
            .iter()
            .find(|r| r.requirement == requirement)
            .and_then(|r| r.evidence.clone())
    };
    assert!(evidence("Python, SQL, Snowflake")
        .unwrap()
        .contains("Snowflake, Python"));
    assert!(!brief.likely_questions.is_empty() && brief.likely_questions.len() <= 5);
    // The offline coach asks what the brief said it would.
    let first = api.start(id).await.unwrap();
    assert_eq!(first.text, brief.likely_questions[0]);

    let stranger = server.api();
    let hidden = stranger.send(Method::GET, &path, None).await.unwrap();
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let theirs = format!("/api/v1/interviews/{}/brief", id.0);
    let hidden = stranger.send(Method::GET, &theirs, None).await.unwrap();
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = false)]
async fn the_language_is_shown_and_chosen_before_the_start(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let api = server.api();
    let id = ready_interview(&api).await;
    let interview = api.interview(id).await.unwrap();
    assert_eq!(interview.language, domain::Language::English, "detected");
    assert!(!interview.language_chosen);

    let put = |body: Value| send(&api, Method::PUT, id, "/language", Some(body));
    let (status, error) = put(json!({"language": "klingon"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    let (status, chosen) = put(json!({"language": "french"})).await;
    assert_eq!(status, StatusCode::OK, "{chosen}");
    assert_eq!(
        (
            chosen["language"].as_str(),
            chosen["language_chosen"].as_bool()
        ),
        (Some("french"), Some(true))
    );
    let stranger = Api::new(api.origin());
    let path = format!("/api/v1/interviews/{}/language", id.0);
    let body = json!({"language": "german"});
    let response = stranger
        .send(Method::PUT, &path, Some(&body))
        .await
        .unwrap();
    assert_eq!(response.status, StatusCode::NOT_FOUND);

    api.start(id).await.unwrap();
    let (status, error) = put(json!({"language": "spanish"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    assert_eq!(
        api.interview(id).await.unwrap().language,
        domain::Language::French
    );
}

/// A language only LLM interviewers speak is stored and kept; without one configured, the
/// offline coach still asks, in English.
#[sqlx::test(migrations = false)]
async fn the_language_can_be_one_the_offline_coach_does_not_speak(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let api = server.api();
    let id = ready_interview(&api).await;

    let (status, chosen) = send(
        &api,
        Method::PUT,
        id,
        "/language",
        Some(json!({"language": "italian"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{chosen}");
    assert_eq!(
        (
            chosen["language"].as_str(),
            chosen["language_chosen"].as_bool()
        ),
        (Some("italian"), Some(true))
    );

    let first = api.start(id).await.unwrap();
    assert!(first.text.ends_with('?'), "{}", first.text);
    assert_eq!(
        api.interview(id).await.unwrap().language,
        domain::Language::Italian
    );
}
