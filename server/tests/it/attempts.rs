//! Practising questions again through the JSON API: attempts at a completed interview's
//! questions, the overall score and the history with the best attempt, the answer bank; a
//! stranger sees none of it.

use std::time::Duration;

use crate::common::TestServer;
use domain::{
    Attempt, BankedAnswer, InterviewAttempts, InterviewId, InterviewSummary, QuestionAttempts,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;
use testkit::api::{Api, Response};
use testkit::fixtures::{DATA_SCIENTIST, DATA_SCIENTIST_ANSWER as STRONG};
use uuid::Uuid;

/// Scored (over 20 words), but no figure, no result and no "I".
const WEAK: &str = "We looked at the forecasting with the team and we tried a few models, and it kind of went fine in general and people were sort of happy with it, maybe.";

async fn post_attempt(api: &Api, id: InterviewId, number: &str, body: &Value) -> Response {
    let path = format!("/api/v1/interviews/{}/questions/{number}/attempts", id.0);
    api.send(Method::POST, &path, Some(body)).await.unwrap()
}

async fn get(api: &Api, path: &str) -> Response {
    api.send(Method::GET, path, None).await.unwrap()
}

fn parsed<T: serde::de::DeserializeOwned>(response: &Response) -> T {
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    serde_json::from_str(&response.text).unwrap()
}

#[sqlx::test(migrations = false)]
async fn a_question_is_practised_again_and_the_best_attempt_counts(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let api = server.api();
    let id = api
        .completed_interview(&DATA_SCIENTIST, 3, WEAK)
        .await
        .unwrap();
    let report = api
        .wait_for_report(id, Duration::from_millis(50), Duration::from_secs(10))
        .await
        .unwrap();

    let body = json!({ "text": STRONG, "client_id": Uuid::new_v4() });
    let attempt: Attempt = parsed(&post_attempt(&api, id, "2", &body).await);
    // The same client id again: the same attempt, stored once.
    let again: Attempt = parsed(&post_attempt(&api, id, "2", &body).await);
    assert_eq!(again, attempt);

    let question: QuestionAttempts = parsed(
        &get(
            &api,
            &format!("/api/v1/interviews/{}/questions/2/attempts", id.0),
        )
        .await,
    );
    assert_eq!(question.attempts, std::slice::from_ref(&attempt));
    assert_eq!(question.original_answer, WEAK);
    let original = question.original_score.unwrap();
    assert!(attempt.score > original, "{} vs {original}", attempt.score);
    assert!(!attempt.improved.is_empty());

    let all: InterviewAttempts =
        parsed(&get(&api, &format!("/api/v1/interviews/{}/attempts", id.0)).await);
    assert_eq!(all.questions.len(), 3);
    assert_eq!(all.overall.original, report.overall.score());
    let with_best = all.overall.with_best.unwrap();
    assert!(
        with_best > report.overall.score().unwrap_or(0),
        "{:?}",
        all.overall
    );

    let history: Vec<InterviewSummary> = parsed(&get(&api, "/api/v1/interviews").await);
    assert_eq!(
        (history[0].score, history[0].score_with_attempts),
        (report.overall.score(), Some(with_best))
    );
    let bank: Vec<BankedAnswer> = parsed(&get(&api, "/api/v1/answer-bank").await);
    assert_eq!(bank.len(), 1);
    assert_eq!(
        (bank[0].answer.as_str(), bank[0].score),
        (STRONG, attempt.score)
    );

    let stored: (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM attempts), (SELECT count(*) FROM answers WHERE text = $1)",
    )
    .bind(WEAK)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        stored,
        (1, 3),
        "one attempt; the original answers untouched"
    );
}

#[sqlx::test(migrations = false)]
async fn strangers_and_bad_requests_change_nothing(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let (owner, stranger) = (server.api(), server.api());
    let id = owner
        .completed_interview(&DATA_SCIENTIST, 3, WEAK)
        .await
        .unwrap();
    let body = json!({ "text": STRONG, "client_id": Uuid::new_v4() });

    for path in [
        format!("/api/v1/interviews/{}/attempts", id.0),
        format!("/api/v1/interviews/{}/questions/1/attempts", id.0),
    ] {
        assert_eq!(
            get(&stranger, &path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        post_attempt(&stranger, id, "1", &body).await.status,
        StatusCode::NOT_FOUND
    );
    let empty: Vec<BankedAnswer> = parsed(&get(&stranger, "/api/v1/answer-bank").await);
    assert!(empty.is_empty());

    for number in ["9", "0", "one", "300"] {
        let response = post_attempt(&owner, id, number, &body).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "question {number}");
        assert_eq!(response.json()["error"]["code"], "not_found");
    }
    let blank = post_attempt(
        &owner,
        id,
        "1",
        &json!({ "text": " ", "client_id": Uuid::new_v4() }),
    )
    .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(blank.json()["error"]["field"], "text");

    let unfinished = owner.ready_interview(&DATA_SCIENTIST, 3).await.unwrap().id;
    owner.start(unfinished).await.unwrap();
    let early = post_attempt(&owner, unfinished, "1", &body).await;
    assert_eq!(early.status, StatusCode::CONFLICT);

    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM attempts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

/// The feedback page and the answer bank as the server renders them: the attempt beside the
/// original, the overall score with it, the bank's answer; markup in an answer stays text.
#[sqlx::test(migrations = false)]
async fn pages_render_attempts_and_the_bank_as_text(pool: PgPool) {
    use scraper::{Html, Selector};

    let server = TestServer::start(pool).await;
    let api = server.api();
    let id = api
        .completed_interview(&DATA_SCIENTIST, 3, WEAK)
        .await
        .unwrap();
    api.wait_for_report(id, Duration::from_millis(50), Duration::from_secs(10))
        .await
        .unwrap();
    let hostile =
        format!("{STRONG} <img src=x onerror=alert(1) data-pwn> </blockquote><b data-pwn>");
    let body = json!({ "text": hostile, "client_id": Uuid::new_v4() });
    let attempt: Attempt = parsed(&post_attempt(&api, id, "2", &body).await);

    let text_of = |html: &Html, selector: &str| {
        let selector = Selector::parse(selector).unwrap();
        html.select(&selector)
            .map(|element| element.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    let feedback = Html::parse_document(
        &get(&api, &format!("/interviews/{}/feedback", id.0))
            .await
            .text,
    );
    assert_eq!(
        text_of(
            &feedback,
            "#attempts-2 .attempt[data-attempt=\"1\"] blockquote p"
        ),
        [hostile.trim()]
    );
    assert_eq!(
        text_of(
            &feedback,
            "#attempts-2 .attempt[data-attempt=\"1\"] .attempt__score"
        ),
        [format!("{}/10", attempt.score)]
    );
    assert_eq!(
        text_of(&feedback, "#attempts-2 .attempt--original blockquote p"),
        [WEAK]
    );
    assert_eq!(text_of(&feedback, "#overall-with-attempts").len(), 1);
    assert_eq!(
        text_of(&feedback, "#retry-1").len(),
        1,
        "every question can be practised"
    );

    let bank = Html::parse_document(&get(&api, "/answer-bank").await.text);
    assert_eq!(text_of(&bank, ".banked-answer__text"), [hostile.trim()]);
    for (name, html) in [("feedback", &feedback), ("bank", &bank)] {
        assert!(
            text_of(html, "[data-pwn]").is_empty(),
            "{name}: markup from an answer"
        );
    }
}
