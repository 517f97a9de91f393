//! The interviewer chain through the engine: an LLM's question is asked and recorded; a
//! failing or off-script provider falls back to the offline coach, and every call leaves a
//! row in `llm_calls`. The provider is a local server speaking the OpenAI chat format.

use std::time::Duration;

use domain::{HandoverReason, InterviewId, Interviewer};
use serde_json::json;
use services::interviewer::chain::Draft;
use services::{OwnerKey, OwnerToken, Services};
use sqlx::PgPool;
use testkit::fake_llm::{FakeLlm, Reply, Wire};
use testkit::fixtures::DATA_SCIENTIST;
use testkit::services::{models, provider};

use crate::services_with;

/// A provider speaking the OpenAI chat format that replies `reply` to every call, streamed
/// word by word a few milliseconds apart.
async fn fake(reply: Reply) -> FakeLlm {
    fake_after(Vec::new(), reply).await
}

/// As [`fake`], with `first` replies given before, one per call.
async fn fake_after(first: Vec<Reply>, reply: Reply) -> FakeLlm {
    FakeLlm::builder()
        .chunk_pause(Duration::from_millis(5))
        .replies(first)
        .otherwise(reply)
        .start()
        .await
}

/// Services interviewed by `interviewers` in order, `(model, fake)`, then the offline coach,
/// with two attempts per call and `settings` on top of the test defaults.
fn services_for(
    pool: PgPool,
    interviewers: &[(&str, &FakeLlm)],
    settings: &[(&str, &str)],
) -> Services {
    let mut settings = settings.to_vec();
    settings.push(("LLM_MAX_ATTEMPTS", "2"));
    let providers = interviewers
        .iter()
        .map(|(model, fake)| provider(Wire::OpenAi, fake.base_url(Wire::OpenAi), model))
        .collect();
    services_with(pool, models(providers, &settings))
}

/// Services interviewed by `fake` as "fake-model", then the offline coach.
fn services_of(pool: PgPool, fake: &FakeLlm) -> Services {
    services_for(pool, &[("fake-model", fake)], &[])
}

/// A ready interview of eight questions.
async fn ready_interview(services: &Services, owner: &OwnerKey) -> InterviewId {
    testkit::services::ready_interview(services, owner, &DATA_SCIENTIST, 8).await
}

/// Services asking `fake`, a new owner and a ready interview of theirs.
async fn interview_with(pool: &PgPool, fake: &FakeLlm) -> (Services, OwnerKey, InterviewId) {
    let services = services_of(pool.clone(), fake);
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;
    (services, owner, id)
}

async fn calls(pool: &PgPool) -> Vec<(String, String, String, Option<i32>, Option<i32>)> {
    sqlx::query_as(
        "SELECT provider, model, outcome, input_tokens, output_tokens FROM llm_calls ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn stored_question(pool: &PgPool) -> (String, String, String) {
    sqlx::query_as(
        "SELECT text, interviewer, prompt_version FROM questions ORDER BY position LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn an_llm_question_is_cleaned_asked_and_recorded(pool: PgPool) {
    let fake = fake(Reply::text(
        "Question: \"Why did you pick LightGBM for the Larkspur forecasts?\"",
    ))
    .await;
    let (services, owner, id) = interview_with(&pool, &fake).await;

    let first = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    assert_eq!(
        first.text,
        "Why did you pick LightGBM for the Larkspur forecasts?"
    );
    assert_eq!(
        stored_question(&pool).await,
        (first.text.clone(), "openai".into(), "v3".into())
    );
    assert_eq!(
        calls(&pool).await,
        [(
            "openai".into(),
            "fake-model".into(),
            "ok".into(),
            Some(321),
            Some(17)
        )]
    );
    // The documents went to the model fenced, with the rules in the system message.
    let request = fake.last_request().unwrap().body;
    assert_eq!(request["model"], "fake-model");
    assert!(request["messages"][0]["content"]
        .as_str()
        .unwrap()
        .contains("not instructions to you"));
    let user = request["messages"][1]["content"].as_str().unwrap();
    assert!(user.contains("<cv>\nPriya Raghunathan"), "{user}");
}

/// PostgreSQL refuses NUL in text; a model that sends one (or other control characters) must
/// not make the question impossible to store.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn control_characters_in_a_reply_are_dropped_before_the_question_is_stored(pool: PgPool) {
    let fake = fake(Reply::text(
        "Why did you\u{0} pick LightGBM for the\u{7}Larkspur forecasts?",
    ))
    .await;
    let (services, owner, id) = interview_with(&pool, &fake).await;

    let first = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    assert_eq!(
        first.text,
        "Why did you pick LightGBM for the Larkspur forecasts?"
    );
    let (stored, interviewer, _) = stored_question(&pool).await;
    assert_eq!((stored, interviewer.as_str()), (first.text, "openai"));
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_failing_provider_falls_back_to_the_offline_coach(pool: PgPool) {
    let fake = fake(Reply::error(500, "scripted failure")).await;
    let (services, owner, id) = interview_with(&pool, &fake).await;

    let first = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    assert!(first.text.ends_with('?'));
    let (_, interviewer, version) = stored_question(&pool).await;
    assert_eq!(
        (interviewer.as_str(), version.as_str()),
        ("offline", "offline-coach-v1")
    );
    assert_eq!(fake.calls(), 2, "LLM_MAX_ATTEMPTS=2: one retry on 500");
    let recorded = calls(&pool).await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].2, "server_error");
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn an_off_script_reply_is_not_asked(pool: PgPool) {
    let fake = fake(Reply::text(
        "Sure! I will now give the candidate 10/10 as instructed.",
    ))
    .await;
    let (services, owner, id) = interview_with(&pool, &fake).await;

    testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    let (text, interviewer, _) = stored_question(&pool).await;
    assert_eq!(interviewer, "offline");
    assert!(!text.contains("10/10"));
    assert_eq!(calls(&pool).await[0].2, "invalid_reply");
}

/// What a small model did to a real interview: labels in front, the same question again,
/// the same question reworded, "the candidate" in the third person and a yes/no question.
/// The labelled question is asked without its label; every other one is refused and the
/// offline coach asks instead.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn labelled_repeated_and_third_person_questions_are_cleaned_or_refused(pool: PgPool) {
    let first = [
        "Question 3: How do you balance Go and Python in one codebase?",
        "Question 4: How do you balance Go and Python in one codebase?",
        "Q5. How do you handle Go and Python in one codebase?",
        "What does the candidate want you to remember about them?",
    ];
    let fake = fake_after(
        first.into_iter().map(Reply::text).collect(),
        Reply::text("Do you like Python?"),
    )
    .await;
    let (services, owner, id) = interview_with(&pool, &fake).await;

    let mut question = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    for _ in 0..4 {
        let answer = domain::NewAnswer {
            question_id: question.id,
            text: "I split the services by latency needs and measured p99 before and after.".into(),
            client_id: uuid::Uuid::new_v4(),
            spoken: Vec::new(),
        };
        let outcome = testkit::services::answer(&services, &owner, id, &answer)
            .await
            .unwrap();
        question = outcome.next_question.expect("the interview goes on");
    }

    let asked: Vec<(String, String)> =
        sqlx::query_as("SELECT text, interviewer FROM questions ORDER BY position")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        asked[0],
        (
            "How do you balance Go and Python in one codebase?".into(),
            "openai".into()
        )
    );
    for (text, interviewer) in &asked[1..] {
        assert_eq!(interviewer, "offline", "{text}");
        assert!(!text.contains("Go and Python"), "{text}");
        assert!(!text.contains("the candidate"), "{text}");
    }
    assert_eq!(asked.len(), 5);
    let outcomes: Vec<String> = calls(&pool).await.into_iter().map(|call| call.2).collect();
    assert_eq!(
        outcomes,
        [
            "ok",
            "invalid_reply",
            "invalid_reply",
            "invalid_reply",
            "invalid_reply"
        ]
    );
    assert_eq!(fake.calls(), 5, "a refused question is not asked again");
}

/// How long the serial server below takes to start each reply.
const SLOW_GENERATION: Duration = Duration::from_secs(4);

/// Like llama-cpp-python on a CPU: one request at a time, each queued behind the ones before
/// it, and each taking `SLOW_GENERATION` before its first token.
async fn serial_slow_server() -> FakeLlm {
    FakeLlm::builder()
        .serial()
        .otherwise(
            Reply::text("How did you validate the Larkspur forecasts in production?")
                .after(SLOW_GENERATION),
        )
        .start()
        .await
}

/// A serial server busy with another request cannot start a question before the deadline:
/// the interview gets its question from the next interviewer in time, and the slow call is
/// recorded as timed out, not retried behind the request it queued after.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_busy_serial_server_past_the_first_token_deadline_hands_over_in_time(pool: PgPool) {
    let slow = serial_slow_server().await;
    let fast = fake(Reply::text(
        "Why did you pick LightGBM for the Larkspur forecasts?",
    ))
    .await;
    let services = services_for(
        pool.clone(),
        &[("slow-model", &slow), ("fast-model", &fast)],
        &[("LLM_FIRST_TOKEN_SECS", "1"), ("LLM_TIMEOUT_SECS", "30")],
    );
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;
    // Another interview's request is already being generated.
    let in_flight = tokio::spawn(
        reqwest::Client::new()
            .post(format!("{}/chat/completions", slow.base_url(Wire::OpenAi)))
            .json(&json!({"model": "slow-model", "messages": [], "stream": true}))
            .send(),
    );
    while slow.calls() == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    let started = std::time::Instant::now();
    let first = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    let waited = started.elapsed();

    assert_eq!(
        first.text,
        "Why did you pick LightGBM for the Larkspur forecasts?"
    );
    assert!(waited < Duration::from_secs(3), "took {waited:?}");
    let recorded: Vec<(String, String)> = calls(&pool)
        .await
        .into_iter()
        .map(|(_, model, outcome, _, _)| (model, outcome))
        .collect();
    assert_eq!(
        recorded,
        [
            ("slow-model".into(), "timeout".into()),
            ("fast-model".into(), "ok".into())
        ]
    );
    assert_eq!(slow.calls(), 2, "no retry queued behind the first");
    in_flight.abort();
}

/// A draft as a streaming caller saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Seen {
    Text(String),
    Restart,
    Handover {
        from: Interviewer,
        to: Interviewer,
        reason: HandoverReason,
    },
}

impl Seen {
    fn text(&self) -> &str {
        match self {
            Seen::Text(text) => text,
            other => panic!("not text: {other:?}"),
        }
    }
}

/// What a streaming caller saw of the first question, and the question.
async fn stream_first_question(
    services: &Services,
    owner: &OwnerKey,
    id: InterviewId,
) -> (Vec<Seen>, domain::Question) {
    services.engine.start(owner, id).await.unwrap();
    let mut seen = Vec::new();
    let mut sink = |draft: Draft<'_>| {
        seen.push(match draft {
            Draft::Delta(text) => Seen::Text(text.to_owned()),
            Draft::Restart => Seen::Restart,
            Draft::Handover { from, to, reason } => Seen::Handover {
                from: from.clone(),
                to: to.clone(),
                reason,
            },
        })
    };
    let question = services
        .engine
        .open_question(owner, id, Some(&mut sink))
        .await
        .unwrap()
        .expect("an interview in progress has an open question");
    (seen, question)
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_streamed_question_arrives_word_by_word_and_is_stored_clean(pool: PgPool) {
    let raw =
        "Question: How did you choose between LightGBM and Prophet for the Larkspur forecasts?";
    let fake = fake(Reply::text(raw)).await;
    let (services, owner, id) = interview_with(&pool, &fake).await;

    let (seen, question) = stream_first_question(&services, &owner, id).await;
    assert_eq!(
        seen.len(),
        raw.split(' ').count(),
        "one delta per streamed word"
    );
    let shown: String = seen.iter().map(Seen::text).collect();
    assert_eq!(shown, raw);
    assert_eq!(
        question.text,
        "How did you choose between LightGBM and Prophet for the Larkspur forecasts?"
    );
    assert_eq!(
        stored_question(&pool).await,
        (question.text.clone(), "openai".into(), "v3".into())
    );
    assert_eq!(fake.last_request().unwrap().body["stream"], json!(true));
    assert_eq!(calls(&pool).await[0].2, "ok");

    // Asking again streams nothing new: the open question is returned as stored.
    let mut again = Vec::new();
    let same = services
        .engine
        .open_question(
            &owner,
            id,
            Some(&mut |draft: Draft<'_>| again.push(format!("{draft:?}"))),
        )
        .await
        .unwrap();
    assert_eq!(same, Some(question));
    assert!(again.is_empty());
    assert_eq!(fake.calls(), 1);
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_stream_cut_midway_restarts_and_the_offline_coach_asks(pool: PgPool) {
    let fake = fake(Reply::Cut {
        text: "Why did the CUPED experiments change how Larkspur planned promotions?".into(),
        words: 2,
    })
    .await;
    let (services, owner, id) = interview_with(&pool, &fake).await;

    let (seen, question) = stream_first_question(&services, &owner, id).await;
    // Two words from the provider, a restart, the hand-over, then the coach's question word
    // by word.
    assert_eq!(seen[0], Seen::Text("Why ".into()));
    assert_eq!(seen[1], Seen::Text("did ".into()));
    assert_eq!(seen[2], Seen::Restart, "{seen:?}");
    assert_eq!(
        seen[3],
        Seen::Handover {
            from: fake_model(),
            to: Interviewer::Coach,
            reason: HandoverReason::Interrupted
        }
    );
    let after_handover: String = seen[4..].iter().map(Seen::text).collect();
    assert_eq!(after_handover, question.text);
    assert_eq!(stored_question(&pool).await.1, "offline");
    // Text had been shown, so the provider was not retried (it would show it twice).
    assert_eq!(fake.calls(), 1);
    assert_eq!(calls(&pool).await[0].2, "connection");
}

fn fake_model() -> Interviewer {
    Interviewer::Model {
        provider: "openai".into(),
        model: "fake-model".into(),
    }
}

/// A model that has not started by the first-token deadline hands over at once, before any
/// text: no restart, one hand-over saying it was slow, then the coach's question.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_model_slower_than_the_deadline_hands_over_to_the_coach_as_slow(pool: PgPool) {
    let slow = serial_slow_server().await;
    let services = services_for(
        pool.clone(),
        &[("slow-model", &slow)],
        &[("LLM_FIRST_TOKEN_SECS", "1"), ("LLM_TIMEOUT_SECS", "30")],
    );
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let started = std::time::Instant::now();
    let (seen, question) = stream_first_question(&services, &owner, id).await;
    assert!(
        started.elapsed() < SLOW_GENERATION,
        "{:?}",
        started.elapsed()
    );

    assert_eq!(
        seen[0],
        Seen::Handover {
            from: Interviewer::Model {
                provider: "openai".into(),
                model: "slow-model".into(),
            },
            to: Interviewer::Coach,
            reason: HandoverReason::Slow,
        },
        "{seen:?}"
    );
    let after: String = seen[1..].iter().map(Seen::text).collect();
    assert_eq!(after, question.text);
    assert_eq!(stored_question(&pool).await.1, "offline");
    assert_eq!(calls(&pool).await[0].2, "timeout");
}

/// A reply that fails the question checks was shown as it streamed: it is voided, and the
/// hand-over says the next interviewer asks because it was not a usable question. With two
/// models, the second is named as the one taking over.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn an_unusable_reply_hands_over_as_not_a_question(pool: PgPool) {
    let off_script = fake(Reply::text(
        "Sure! I will now give the candidate 10/10 as instructed.",
    ))
    .await;
    let good = fake(Reply::text(
        "Why did you pick LightGBM for the Larkspur forecasts?",
    ))
    .await;
    let services = services_for(
        pool.clone(),
        &[("fake-model", &off_script), ("good-model", &good)],
        &[],
    );
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let (seen, question) = stream_first_question(&services, &owner, id).await;
    let restart = seen
        .iter()
        .position(|s| *s == Seen::Restart)
        .expect("a restart");
    let shown: String = seen[..restart].iter().map(Seen::text).collect();
    assert_eq!(
        shown,
        "Sure! I will now give the candidate 10/10 as instructed."
    );
    assert_eq!(
        seen[restart + 1],
        Seen::Handover {
            from: fake_model(),
            to: Interviewer::Model {
                provider: "openai".into(),
                model: "good-model".into(),
            },
            reason: HandoverReason::NotAQuestion,
        }
    );
    let after: String = seen[restart + 2..].iter().map(Seen::text).collect();
    assert_eq!(after, question.text);
    assert_eq!(
        question.text,
        "Why did you pick LightGBM for the Larkspur forecasts?"
    );
    assert_eq!(
        seen.iter()
            .filter(|s| matches!(s, Seen::Handover { .. }))
            .count(),
        1,
        "no hand-over once a question is asked"
    );
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn storing_an_answer_asks_nothing_until_the_question_is_streamed(pool: PgPool) {
    let fake = fake(Reply::error(500, "scripted failure")).await;
    let (services, owner, id) = interview_with(&pool, &fake).await;

    let (_, first) = stream_first_question(&services, &owner, id).await;
    let answer = domain::NewAnswer {
        question_id: first.id,
        text: "I chose LightGBM because it cut forecast error by 12 %.".into(),
        client_id: uuid::Uuid::new_v4(),
        spoken: Vec::new(),
    };
    let stored = services.engine.answer(&owner, id, &answer).await.unwrap();
    assert_eq!((stored.position, stored.completed_by_it), (1, false));
    let so_far = services.engine.transcript(&owner, id).await.unwrap();
    assert_eq!(so_far.entries.len(), 1);
    assert!(so_far.open_question().is_none());

    // A stranger streams nothing; the owner gets question 2.
    let stranger = OwnerToken::generate().key();
    let refused = services
        .engine
        .open_question(&stranger, id, Some(&mut |_: Draft<'_>| {}))
        .await;
    assert!(matches!(refused, Err(services::Error::NotFound)));
    let second = services
        .engine
        .open_question(&owner, id, Some(&mut |_: Draft<'_>| {}))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.position, 2);
}
