//! An interview in a language only LLM interviewers speak: the job description makes it
//! Italian; a model is told to ask in Italian and its Italian question is asked, and without
//! one the offline coach asks and reports in English. A Japanese job makes a Japanese
//! interview the same way, by its script, and a model's question ending with "？" is asked.

use std::time::Duration;

use crate::{offline_services as services, services_with};
use domain::{Language, ReportJob};
use services::{OwnerToken, Services};
use sqlx::PgPool;
use testkit::fake_llm::{FakeLlm, Reply, Wire};
use testkit::fixtures::{Documents, PRODUCT_MANAGER, PRODUCT_MANAGER_ANSWER as ANSWER};
use testkit::services::{completed_interview, models, provider, ready_interview};

/// The services with one (fake) OpenAI-compatible model that always asks `question`.
async fn asked_by_a_model(pool: PgPool, question: &str) -> (FakeLlm, Services) {
    let fake = FakeLlm::builder()
        .chunk_pause(Duration::from_millis(5))
        .otherwise(Reply::text(question))
        .start()
        .await;
    let providers = vec![provider(
        Wire::OpenAi,
        fake.base_url(Wire::OpenAi),
        "fake-model",
    )];
    (fake, services_with(pool, models(providers, &[])))
}

/// The system prompt of the last request the model got.
fn system_prompt(fake: &FakeLlm) -> String {
    let request = fake.last_request().unwrap().body;
    request["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_owned()
}

const ITALIAN_PRODUCT_MANAGER: Documents = Documents {
    job_title: "Product Manager",
    company: "Spesa Facile",
    cv: PRODUCT_MANAGER.cv,
    job: "Product Manager – App di consegna della spesa\nSpesa Facile S.p.A., Milano\n\n\
Chi siamo\nSiamo una startup che consegna la spesa in meno di un'ora nelle principali città \
italiane. Cerchiamo un Product Manager per il nostro team dell'app per i clienti.\n\n\
Cosa farai\n- Definire la roadmap dell'app insieme al team di sviluppo e al design.\n\
- Analizzare i dati di utilizzo con SQL e Amplitude e proporre esperimenti A/B.\n\
- Lavorare con il team operativo per ridurre i tempi di consegna.\n\n\
Requisiti\n- Almeno tre anni di esperienza come Product Manager in un prodotto digitale.\n\
- Ottima conoscenza della lingua italiana e buona conoscenza dell'inglese.",
};

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn an_italian_job_makes_an_italian_interview_the_offline_coach_holds_in_english(
    pool: PgPool,
) {
    assert!(!Language::Italian.coach_speaks());
    let services = services(pool);
    let owner = OwnerToken::generate().key();
    let id = completed_interview(&services, &owner, &ITALIAN_PRODUCT_MANAGER, 3, ANSWER).await;

    let interview = services.interviews.get(&owner, id).await.unwrap();
    assert_eq!(
        (interview.language, interview.language_chosen),
        (Language::Italian, false),
        "detected from the job description"
    );

    let transcript = services.engine.transcript(&owner, id).await.unwrap();
    assert_eq!(transcript.entries.len(), 3);
    let questions: Vec<&str> = transcript
        .entries
        .iter()
        .map(|entry| entry.question.text.as_str())
        .collect();
    assert!(questions.iter().all(|q| q.ends_with('?')), "{questions:#?}");
    assert_eq!(
        text::language::detect_language(&questions.join("\n")),
        Language::English,
        "{questions:#?}"
    );

    services.reports.request(&owner, id).await.unwrap();
    assert!(services.reports.work_once().await.unwrap());
    let ReportJob::Ready(report) = services.reports.request(&owner, id).await.unwrap() else {
        panic!("the report is written");
    };
    assert_eq!(report.generated_by.provider, "offline");
    assert_eq!(report.questions.len(), 3);
    assert_eq!(
        text::language::detect_language(&report.summary),
        Language::English,
        "{}",
        report.summary
    );
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn an_llm_interviewer_is_told_italian_and_its_italian_question_is_asked(pool: PgPool) {
    let question = "Quale esperimento A/B ha cambiato di più la roadmap della sua app?";
    let (fake, services) = asked_by_a_model(pool, question).await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner, &ITALIAN_PRODUCT_MANAGER, 3).await;

    let first = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    assert_eq!(
        first.text, question,
        "the model's question, not the coach's"
    );
    let system = system_prompt(&fake);
    assert!(
        system.contains("Ask in Italian, the language of this interview"),
        "{system}"
    );
}

const JAPANESE_PRODUCT_MANAGER: Documents = Documents {
    job_title: "プロダクトマネージャー",
    company: "株式会社スピード配送",
    cv: PRODUCT_MANAGER.cv,
    job: "プロダクトマネージャー（食料品配達アプリ）\n株式会社スピード配送、東京\n\n\
業務内容\n- 開発チームとデザインチームと一緒にアプリのロードマップを決めていただきます。\n\
- SQL と Amplitude で利用データを分析し、A/Bテストを提案していただきます。\n\n\
応募資格\n- デジタルプロダクトのプロダクトマネージャーとしての経験3年以上\n\
- 英語でのコミュニケーションができる方",
};

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_japanese_job_makes_a_japanese_interview_whose_llm_question_is_asked(pool: PgPool) {
    let question = "A/Bテストの結果でロードマップを大きく変えたのはどんな時でしたか？";
    let (fake, services) = asked_by_a_model(pool, question).await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner, &JAPANESE_PRODUCT_MANAGER, 3).await;
    let interview = services.interviews.get(&owner, id).await.unwrap();
    assert_eq!(
        (interview.language, interview.language_chosen),
        (Language::Japanese, false),
        "detected from the job description, and stored"
    );

    let first = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    assert_eq!(
        first.text, question,
        "the model's question, not the coach's"
    );
    let system = system_prompt(&fake);
    assert!(
        system.contains("Ask in Japanese, the language of this interview"),
        "{system}"
    );
}
