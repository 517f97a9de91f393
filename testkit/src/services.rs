//! `services::Services` for database-backed tests: the real services on the test's pool, with
//! the offline coach alone or a chain of (fake) LLM providers, and interviews set up through
//! them as a user would.

use std::path::PathBuf;
use std::time::Duration;

use domain::{AnswerOutcome, DocumentKind, InterviewId, NewAnswer, Question};
use intake::worker::Extractor;
use services::config::{Config, LlmKind, LlmProviderConfig};
use services::Models;
use services::{OwnerKey, Services};
use sqlx::PgPool;
use uuid::Uuid;

use crate::fake_llm::Wire;
use crate::fixtures::Documents;

/// The services on `pool`, with the models of `models`. `worker` is the extraction worker binary
/// (`env!("CARGO_BIN_EXE_extract-worker")` in the crate that builds it).
pub fn services(pool: PgPool, worker: &str, models: Models) -> Services {
    Services::new(
        pool,
        Extractor::new(PathBuf::from(worker), 1, Duration::from_secs(10)),
        1 << 20,
        models,
    )
}

/// The configuration the tests run with: `DATABASE_URL` (required by the loader, unused: the
/// pool is handed over) and `settings` on top of the defaults.
pub fn config(settings: &[(&str, &str)]) -> Config {
    Config::from_lookup(|name| match settings.iter().find(|(key, _)| *key == name) {
        Some((_, value)) => Some((*value).to_owned()),
        None if name == "DATABASE_URL" => Some("postgres://unused".into()),
        None => None,
    })
    .expect("the test configuration is valid")
}

/// A provider of `wire`'s format at `base_url`, asking for `model`, with no key.
pub fn provider(wire: Wire, base_url: String, model: &str) -> LlmProviderConfig {
    LlmProviderConfig {
        kind: match wire {
            Wire::OpenAi => LlmKind::OpenAi,
            Wire::Anthropic => LlmKind::Anthropic,
            Wire::Gemini => LlmKind::Gemini,
        },
        base_url,
        api_key: None,
        model: model.into(),
    }
}

/// The models of `providers` in order (then the offline coach), configured with
/// `settings`.
pub fn models(providers: Vec<LlmProviderConfig>, settings: &[(&str, &str)]) -> Models {
    let mut config = config(settings);
    config.llm_providers = providers;
    Models::from_config(&config).expect("the providers' clients build")
}

/// An interview of `question_count` questions for `documents`, with both documents pasted.
pub async fn ready_interview(
    services: &Services,
    owner: &OwnerKey,
    documents: &Documents,
    question_count: u8,
) -> InterviewId {
    let input = documents.new_interview(question_count);
    let id = services.interviews.create(owner, &input).await.unwrap().id;
    for (kind, text) in [
        (DocumentKind::Cv, documents.cv),
        (DocumentKind::JobDescription, documents.job),
    ] {
        services
            .documents
            .paste(owner, id, kind, text)
            .await
            .unwrap();
    }
    id
}

/// Starts the interview and asks its first question at once, as the JSON API does.
pub async fn start(
    services: &Services,
    owner: &OwnerKey,
    id: InterviewId,
) -> services::Result<Question> {
    services.engine.start(owner, id).await?;
    let first = services.engine.open_question(owner, id, None).await?;
    Ok(first.expect("a started interview has an open question"))
}

/// Stores `answer` and asks what follows at once, as the JSON API does.
pub async fn answer(
    services: &Services,
    owner: &OwnerKey,
    id: InterviewId,
    answer: &NewAnswer,
) -> services::Result<AnswerOutcome> {
    let stored = services.engine.answer(owner, id, answer).await?;
    services.engine.what_follows(owner, id, stored).await
}

/// A ready interview started and every question answered with `answer`.
pub async fn completed_interview(
    services: &Services,
    owner: &OwnerKey,
    documents: &Documents,
    question_count: u8,
    answer: &str,
) -> InterviewId {
    let id = ready_interview(services, owner, documents, question_count).await;
    let mut question = Some(start(services, owner, id).await.unwrap());
    while let Some(open) = question {
        let reply = NewAnswer {
            question_id: open.id,
            text: answer.into(),
            client_id: Uuid::new_v4(),
            spoken: Vec::new(),
        };
        question = self::answer(services, owner, id, &reply)
            .await
            .unwrap()
            .next_question;
    }
    id
}

/// `DATABASE_URL` pointed at the database `#[sqlx::test]` made for this test's `pool`, for a
/// server process of its own.
pub fn database_url_of(pool: &PgPool) -> String {
    let base = std::env::var("DATABASE_URL").expect("DATABASE_URL is set for the tests");
    let database = pool
        .connect_options()
        .get_database()
        .expect("a test pool names its database")
        .to_owned();
    let (server, _) = base
        .rsplit_once('/')
        .expect("DATABASE_URL ends in a database");
    format!("{server}/{database}")
}
