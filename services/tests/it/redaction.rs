//! Redaction through the wire fakes: an interview (streamed questions) and its report with
//! corpus CVs, with redaction forced on (`LLM_REDACT=always`, since the fakes are on
//! loopback). The fake provider never receives the CV's or the job's contact details, and
//! what the user gets has the real name back where the fake's scripted reply used a
//! placeholder.

use domain::{NewAnswer, Report, ReportJob};
use services::config::{LlmKind, LlmProviderConfig, Secret};
use services::interviewer::chain::Draft;
use services::{OwnerKey, OwnerToken, Services};
use sqlx::PgPool;
use testkit::fake_llm::{FakeLlm, Finish, Meta, Reply, Request, Wire};
use testkit::fixtures::{Documents, ReportReply};
use testkit::services::{models, provider};
use uuid::Uuid;

use crate::services_with;

/// The plain-text sales CV (Jake "JJ" Thompson) for a job whose ad names its recruiter.
const SALES: Documents = Documents {
    job_title: "Account Executive",
    company: "Helvetia Ledger AG",
    cv: include_str!("../../../testdata/corpus/cv/cv05_txt_plain-text/Jake_Thompson_Resume.txt"),
    job: include_str!(
        "../../../testdata/corpus/jd/jd01_txt_plain-text/JD_Senior_Backend_Engineer_Helvetia_Ledger.txt"
    ),
};

/// The contact details of cv05 (its `expected.json` lists the last name, the e-mail address
/// and the phone number) and of jd01's "How to apply".
const SALES_DETAILS: &[&str] = &[
    "Jake",
    "Thompson",
    "\"JJ\"",
    "jj.thompson@example.com",
    "(512) 555-0147",
    "linkedin.com/in/jjthompson",
    "Sandra Keller",
    "+41 44 555 18 90",
    "jobs@example-helvetialedger.ch",
];

/// The nurse's CV as extracted from its DOCX (`ground_truth.txt`: the phone and e-mail
/// address only in the page header, an Irish address, a referee), for the ICU job whose
/// ad names a contact.
const NURSE: Documents = Documents {
    job_title: "Staff Nurse",
    company: "St. Brigid's University Hospital",
    cv: include_str!("../../../testdata/corpus/cv/cv03_docx_python-docx/ground_truth.txt"),
    job: include_str!("../../../testdata/corpus/jd/jd03_txt_plain-text/ground_truth.txt"),
};

/// cv03's contact details (`expected.json`: the name and the phone number) with its address
/// and referee, and jd03's contact.
const NURSE_DETAILS: &[&str] = &[
    "Siobhán",
    "Siobhan",
    "Bhriain",
    "+353 87 555 0192",
    "siobhan.nibhriain@example.com",
    "14 Ardán na Mara",
    "H91 X2Y4",
    "Nuala Ó Ceallaigh",
    "Aoife Brennan",
    "+353 1 555 0142",
    "aoife.brennan@example-stbrigids.ie",
];

/// An answer that gives the candidate's contact details again, and the sentence of it the
/// fake's report quotes with placeholders.
const SALES_ANSWER: &str = "At Cactus Cloud I closed our largest new-logo deal, $310K ARR, by multi-threading six stakeholders over four months. I led the MEDDICC review and the result was 137% of quota. You can check it with me, Jake, at jj.thompson@example.com or (512) 555-0147.";
const QUOTED_WITH_PLACEHOLDERS: &str =
    "You can check it with me, [CANDIDATE_FIRST_NAME], at [EMAIL_1] or [PHONE_1].";
const QUOTED: &str =
    "You can check it with me, Jake, at jj.thompson@example.com or (512) 555-0147.";

/// The fake's questions, one per call, each greeting the candidate by a placeholder.
const QUESTIONS: [&str; 3] = [
    "Thanks [CANDIDATE_FIRST_NAME]. How did you build the partner channel that sourced 22% of your pipeline?",
    "[CANDIDATE_FIRST_NAME], what did you change in your MEDDICC process after losing a large deal?",
    "Finally, [CANDIDATE_NAME], what would you like to know about the team you would join?",
];

/// What the fake answers: the question requests (the first three calls) get `questions` in
/// order, the report request a valid report that names the candidate and quotes the answer
/// as `quote`, with placeholders.
fn respond(
    questions: &'static [&'static str],
    quote: &'static str,
) -> impl Fn(&Request) -> Reply + Send + Sync {
    move |request: &Request| {
        if request.structured() || request.prompt().contains("\"additionalProperties\"") {
            let mut report = ReportReply::for_prompt(&request.user())
                .quoting(Some(quote))
                .json();
            report["summary"] = "[CANDIDATE_FIRST_NAME], you backed each story with a number; say more about how you worked with [PERSON_1] and others.".into();
            return Reply::text(report.to_string());
        }
        Reply::text(questions[(request.call - 1).min(questions.len() - 1)])
    }
}

/// The first question's reply as a stream cut inside its placeholder: `[CANDI`, `DATE_FIRST_`,
/// `NAME]. How …`.
fn split_placeholder_stream(wire: Wire) -> Reply {
    let text = QUESTIONS[0];
    let pieces = [&text[..12], &text[12..24], &text[24..]];
    Reply::events(wire.stream(&pieces, &Meta::new("fake-model", 321, 17), Finish::Stop))
}

/// Services asking `llm` alone (then the offline coach), redacting as `redact` says, with
/// reports asked whole.
fn redacting(pool: &PgPool, llm: LlmProviderConfig, redact: &str) -> Services {
    redacting_reports_in(pool, llm, redact, "whole")
}

fn redacting_reports_in(
    pool: &PgPool,
    llm: LlmProviderConfig,
    redact: &str,
    report_mode: &str,
) -> Services {
    let settings = [
        ("LLM_REDACT", redact),
        ("LLM_MAX_ATTEMPTS", "1"),
        ("LLM_REPORT_MODE", report_mode),
    ];
    services_with(pool.clone(), models(vec![llm], &settings))
}

/// A provider of `kind` at `base_url`, with a key (Anthropic and Gemini need one).
fn keyed(kind: LlmKind, base_url: String) -> LlmProviderConfig {
    LlmProviderConfig {
        kind,
        base_url,
        api_key: Some(Secret::new("sk-fake-key".into())),
        model: "fake-model".into(),
    }
}

/// Runs an interview of three questions (the first streamed to a draft sink, the others as
/// the JSON API asks them) answering `answer`, then writes its report. Returns the draft's
/// text, the stored questions and the report.
async fn interview_and_report(
    services: &Services,
    owner: &OwnerKey,
    documents: &Documents,
    answer: &str,
) -> (String, Vec<String>, Report) {
    let id = testkit::services::ready_interview(services, owner, documents, 3).await;
    services.engine.start(owner, id).await.unwrap();
    let mut drafted = String::new();
    let mut sink = |draft: Draft<'_>| {
        if let Draft::Delta(text) = draft {
            drafted.push_str(text);
        }
    };
    let mut open = services
        .engine
        .open_question(owner, id, Some(&mut sink))
        .await
        .unwrap();
    let mut questions = Vec::new();
    while let Some(question) = open {
        questions.push(question.text.clone());
        // As the JSON API receives a typed answer.
        let reply: NewAnswer = serde_json::from_value(serde_json::json!({
            "question_id": question.id,
            "text": answer,
            "client_id": Uuid::new_v4(),
        }))
        .unwrap();
        open = testkit::services::answer(services, owner, id, &reply)
            .await
            .unwrap()
            .next_question;
    }
    services.reports.request(owner, id).await.unwrap();
    assert!(services.reports.work_once().await.unwrap());
    let ReportJob::Ready(report) = services.reports.request(owner, id).await.unwrap() else {
        panic!("the report is written");
    };
    (drafted, questions, *report)
}

/// Every request `fake` received, as sent (the JSON body) and as read (its prompt).
fn sent(fake: &FakeLlm) -> Vec<String> {
    fake.requests()
        .into_iter()
        .flat_map(|request| [request.body.to_string(), request.prompt()])
        .collect()
}

fn assert_never_sent(fake: &FakeLlm, details: &[&str]) {
    let sent = sent(fake);
    assert!(!sent.is_empty());
    for detail in details {
        for text in &sent {
            assert!(!text.contains(detail), "{detail:?} was sent: {text}");
        }
    }
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn the_openai_fake_never_sees_the_sales_cvs_contact_details(pool: PgPool) {
    let fake = FakeLlm::builder()
        .reply(split_placeholder_stream(Wire::OpenAi))
        .respond(respond(&QUESTIONS, QUOTED_WITH_PLACEHOLDERS))
        .start()
        .await;
    let llm = provider(Wire::OpenAi, fake.base_url(Wire::OpenAi), "fake-model");
    let services = redacting(&pool, llm, "always");
    let owner = OwnerToken::generate().key();
    let (drafted, questions, report) =
        interview_and_report(&services, &owner, &SALES, SALES_ANSWER).await;

    assert_eq!(fake.requests().len(), 4, "three questions and the report");
    assert_eq!(fake.streamed(), 3, "questions are streamed");
    assert_never_sent(&fake, SALES_DETAILS);
    let first = fake.request(0);
    assert!(first
        .user()
        .contains("[CANDIDATE_FIRST_NAME] \"[CANDIDATE_OTHER_NAME]\" [CANDIDATE_LAST_NAME] 🚀"));
    assert!(first
        .user()
        .contains("Austin, TX | [PHONE_1] | [EMAIL_1] | [LINK_1]"));
    assert!(first
        .user()
        .contains("Call [PERSON_1], Talent Partner, on [PHONE_2]"));
    assert!(first.user().contains("Salesforce, HubSpot"), "skills stay");
    assert!(first
        .system()
        .contains("Account Executive at Helvetia Ledger AG"));
    assert!(first.system().contains("write its placeholder exactly"));
    // The answer's details get the CV's placeholders in every later request.
    let report_request = fake.request(3);
    assert!(report_request
        .user()
        .contains("You can check it with me, [CANDIDATE_FIRST_NAME], at [EMAIL_1] or [PHONE_1]."));

    // The user sees the name, streamed (the placeholder came in three chunks) and stored.
    assert_eq!(
        drafted,
        "Thanks Jake. How did you build the partner channel that sourced 22% of your pipeline?"
    );
    assert_eq!(questions[0], drafted);
    assert_eq!(
        questions[1],
        "Jake, what did you change in your MEDDICC process after losing a large deal?"
    );
    assert_eq!(
        questions[2],
        "Finally, Jake Thompson, what would you like to know about the team you would join?"
    );
    assert_eq!(report.generated_by.provider, "openai");
    assert!(!report.generated_by.offline_fallback);
    assert!(
        report.summary.starts_with("Jake, you backed each story with a number; say more about how you worked with Sandra Keller"),
        "{}",
        report.summary
    );
    // The quote, restored, is the answer's own sentence, so the report's checks kept it.
    let strengths = serde_json::to_value(&report.strengths).unwrap();
    assert_eq!(strengths[0]["quote"], QUOTED, "{strengths}");
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn the_anthropic_fake_never_sees_the_nurses_docx_contact_details(pool: PgPool) {
    const NURSE_QUESTIONS: [&str; 3] = [
        "[CANDIDATE_FIRST_NAME], how did you keep a ventilated patient safe during a transfer?",
        "How did you teach new staff the CAM-ICU assessment, [CANDIDATE_FIRST_NAME]?",
        "What would you like to ask [PERSON_2] about the unit before you join?",
    ];
    let fake = FakeLlm::builder()
        .respond(respond(
            &NURSE_QUESTIONS,
            "Ask [CANDIDATE_FIRST_NAME] at [EMAIL_1] for the checklist.",
        ))
        .start()
        .await;
    let llm = keyed(LlmKind::Anthropic, fake.base_url(Wire::Anthropic));
    let services = redacting(&pool, llm, "always");
    let owner = OwnerToken::generate().key();
    let answer = "On nights I moved a ventilated patient to CT with a checklist, and nobody had a desaturation. Ask Siobhán at siobhan.nibhriain@example.com for the checklist.";
    let (drafted, questions, report) =
        interview_and_report(&services, &owner, &NURSE, answer).await;

    assert_eq!(fake.requests().len(), 4);
    assert!(fake
        .requests()
        .iter()
        .all(|r| r.wire == Some(Wire::Anthropic)));
    assert_never_sent(&fake, NURSE_DETAILS);
    let first = fake.request(0);
    assert!(
        first
            .user()
            .contains("[CANDIDATE_NAME]\nRegistered General Nurse"),
        "{}",
        first.user()
    );
    assert!(first
        .user()
        .contains("[ADDRESS_1], Ireland | NMBI PIN 123456"));
    assert!(first
        .user()
        .contains("[PERSON_1], CNM2, ICU, University Hospital Galway"));
    assert!(first
        .user()
        .contains("Ms [PERSON_2], Clinical Nurse Manager 3"));
    assert_eq!(
        drafted,
        "Siobhán, how did you keep a ventilated patient safe during a transfer?"
    );
    assert_eq!(questions[0], drafted);
    assert_eq!(
        questions[2],
        "What would you like to ask Aoife Brennan about the unit before you join?"
    );
    assert_eq!(report.generated_by.provider, "anthropic");
    assert!(
        report.summary.starts_with("Siobhán, you backed"),
        "{}",
        report.summary
    );
    let strengths = serde_json::to_value(&report.strengths).unwrap();
    assert_eq!(
        strengths[0]["quote"], "Ask Siobhán at siobhan.nibhriain@example.com for the checklist.",
        "{strengths}"
    );
}

/// The data scientist's CV from its PDF (`ground_truth.txt`: an ORCID link, two referees and
/// a thesis supervisor), for a data-science job.
const DATA_SCIENTIST: Documents = Documents {
    job_title: "Data Scientist",
    company: "Northwind Analytics",
    cv: include_str!("../../../testdata/corpus/cv/cv07_pdf_pdftex/ground_truth.txt"),
    job: include_str!("../../../testdata/corpus/jd/jd02_docx_python-docx/ground_truth.txt"),
};

/// cv07's contact details (`expected.json`: the name and the phone number), its link and its
/// referees, and jd02's address for applications.
const DATA_SCIENTIST_DETAILS: &[&str] = &[
    "Olumide",
    "Adeyemi",
    "+44 7700 900 731",
    "olumide.adeyemi@example.ac.uk",
    "orcid.org/0000-0002-1825-0097",
    "Eilidh MacLeod",
    "Rory Campbell",
    "careers@example-northwind.co.uk",
];

/// A report in parts (the default) from Gemini: every part's request is redacted too, and
/// each part's reply restored before its checks.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn the_gemini_fake_never_sees_the_pdf_cvs_details_in_any_part_of_the_report(pool: PgPool) {
    const QUESTIONS: [&str; 3] = [
        "Dr [CANDIDATE_LAST_NAME], how did you validate the sepsis model before it reached the wards?",
        "What did [PERSON_1] teach you about calibrating Bayesian models, and how do you apply it?",
        "What would you like to know about the forecasting team, [CANDIDATE_FIRST_NAME]?",
    ];
    let fake = FakeLlm::builder()
        .respond(respond(
            &QUESTIONS,
            "Prof. [PERSON_1] reviewed the calibration, and I presented it to [CANDIDATE_LAST_NAME]'s old board.",
        ))
        .start()
        .await;
    let llm = keyed(LlmKind::Gemini, fake.base_url(Wire::Gemini));
    let services = redacting_reports_in(&pool, llm, "always", "parts");
    let owner = OwnerToken::generate().key();
    let answer = "I validated the sepsis model on 40,000 admissions with a temporal split, and recalibration cut the false alarms by 30 %. Prof. Eilidh MacLeod reviewed the calibration, and I presented it to Adeyemi's old board.";
    let (drafted, questions, report) =
        interview_and_report(&services, &owner, &DATA_SCIENTIST, answer).await;

    let requests = fake.requests();
    let parts = requests.iter().filter(|r| r.structured()).count();
    assert!(parts >= 5, "the report was asked in parts: {parts}");
    assert!(requests.iter().all(|r| r.wire == Some(Wire::Gemini)));
    assert_never_sent(&fake, DATA_SCIENTIST_DETAILS);
    assert!(fake
        .request(0)
        .user()
        .contains("Supervisor: Prof. [PERSON_1]."));
    assert_eq!(
        drafted,
        "Dr Adeyemi, how did you validate the sepsis model before it reached the wards?"
    );
    assert_eq!(
        questions[1],
        "What did Eilidh MacLeod teach you about calibrating Bayesian models, and how do you apply it?"
    );
    assert_eq!(report.generated_by.provider, "gemini");
    assert!(
        report.summary.starts_with("Olumide, you backed"),
        "{}",
        report.summary
    );
    let strengths = serde_json::to_value(&report.strengths).unwrap();
    assert_eq!(
        strengths[0]["quote"],
        "Prof. Eilidh MacLeod reviewed the calibration, and I presented it to Adeyemi's old board.",
        "{strengths}"
    );
}

/// `auto` leaves a provider on this machine alone: the local fake gets the CV as it is.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn auto_sends_a_local_provider_the_documents_as_they_are(pool: PgPool) {
    let fake = FakeLlm::builder()
        .respond(|_: &Request| Reply::text("How did you build your partner channel?"))
        .start()
        .await;
    let llm = provider(Wire::OpenAi, fake.base_url(Wire::OpenAi), "fake-model");
    let services = redacting(&pool, llm, "auto");
    let owner = OwnerToken::generate().key();
    let id = testkit::services::ready_interview(&services, &owner, &SALES, 3).await;
    testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    let first = fake.request(0);
    assert!(first.user().contains("jj.thompson@example.com"));
    assert!(!first.prompt().contains("[EMAIL_1]"));
    assert!(!first.system().contains("placeholder"));
}
