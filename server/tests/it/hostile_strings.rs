//! Hostile strings (testdata/hostile/payloads.json: closing tags, a meta refresh, event
//! handlers, `javascript:`/`data:` links, quotes, template markers, bidi and zero-width
//! characters, a 5,000-character run, NUL) in every field a user fills (job title, company,
//! CV, job description, answers) and every field an LLM fills (questions and each field of the
//! report, through testkit's fake provider speaking OpenAI's wire format), against the real
//! server.
//!
//! Each page (history, set-up, room, feedback, share, 404) is fetched as the server renders it
//! and parsed as a browser parses it (html5ever). A page must hold no element and no attribute
//! that the same page does not have when every one of those fields holds plain words, no
//! element a payload's marker (`data-pwn`) reveals, no event handler, refresh or foreign
//! script, and every payload must come back as the text it was.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::common::TestServer;
use domain::{DocumentKind, NewInterview};
use reqwest::{Method, StatusCode};
use scraper::{ElementRef, Html, Selector};
use serde_json::{json, Value};
use sqlx::PgPool;
use testkit::api::Api;
use testkit::fake_llm::{FakeLlm, Reply, Wire};
use testkit::fixtures::{ReportReply, DATA_SCIENTIST};

/// The attribute every markup payload puts on the elements it tries to create.
const MARKER: &str = "data-pwn";

/// What the baseline holds in every field.
const PLAIN_WORDS: &str = "plain words";

#[derive(Clone, Debug)]
struct Payload {
    name: String,
    text: String,
}

fn payloads() -> Vec<Payload> {
    let file: Value = serde_json::from_str(include_str!("../../../testdata/hostile/payloads.json"))
        .expect("payloads.json is JSON");
    file["payloads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|payload| Payload {
            name: payload["name"].as_str().unwrap().to_owned(),
            text: payload["text"].as_str().unwrap().to_owned(),
        })
        .collect()
}

/// Payloads that fit where a field takes one line of at most 200 characters without control
/// characters (job title, company); the others are refused there, which is checked too.
fn fits_a_name(text: &str) -> bool {
    text.chars().count() <= domain::MAX_NAME_CHARS && !text.chars().any(char::is_control)
}

// ---------------------------------------------------------------------------------------------
// A local LLM provider whose every word is the payload of the interview it writes for

/// What the provider writes into questions and reports: `None`, plain words (the baseline);
/// `Some`, the payloads, picked by the interview's job title when it is one of them.
#[derive(Clone)]
struct Words {
    hostile: Option<Vec<Payload>>,
}

impl Words {
    /// The payload for a request: the one the prompt's job title carries, else the first.
    fn pick(&self, prompt: &str) -> String {
        match &self.hostile {
            None => PLAIN_WORDS.to_owned(),
            Some(payloads) => {
                let prompt = squash(prompt);
                payloads
                    .iter()
                    .filter(|payload| payload.name != "long-run" && payload.name != "nul")
                    .find(|payload| prompt.contains(&squash(&payload.text)))
                    .unwrap_or(&payloads[0])
                    .text
                    .clone()
            }
        }
    }
}

/// A provider that writes `words` into every question and every field of the report.
async fn start_provider(words: Words) -> FakeLlm {
    FakeLlm::builder()
        .respond(move |request| {
            let prompt = request.prompt();
            let text = words.pick(&prompt);
            if request.structured() {
                // For an interview of three answered questions whose answers were `text` too
                // (so the quote is the candidate's own and is kept).
                Reply::text(ReportReply::for_questions(3).saying(&text).to_string())
            } else {
                // A new question each time (the server refuses one already asked): the
                // transcript in the prompt grows by a question mark per question.
                let asked = prompt.matches('?').count();
                Reply::text(format!(
                    "How would you handle {text} in week {asked}, and why?"
                ))
            }
        })
        .start()
        .await
}

// ---------------------------------------------------------------------------------------------
// Driving the server

/// What one interview's user fields hold.
#[derive(Clone, Debug)]
struct Fields {
    job_title: String,
    company: String,
    document_extra: String,
    answer: String,
}

impl Fields {
    /// Plain words everywhere; the answer is what the plain provider quotes.
    fn plain() -> Self {
        Self {
            job_title: "Plain Title".into(),
            company: "Plain Company".into(),
            document_extra: PLAIN_WORDS.into(),
            answer: PLAIN_WORDS.into(),
        }
    }
}

/// The pages of one interview, as the server rendered them, at each step.
struct Pages {
    set_up: Page,
    room: Page,
    feedback: Page,
    share: Page,
}

struct Page {
    path: String,
    headers: reqwest::header::HeaderMap,
    html: String,
}

async fn page(api: &Api, path: &str) -> Page {
    let response = api.send(Method::GET, path, None).await.unwrap();
    assert!(
        response.status == StatusCode::OK || response.status == StatusCode::NOT_FOUND,
        "{path}: {}",
        response.status
    );
    Page {
        path: path.to_owned(),
        headers: response.headers,
        html: response.text,
    }
}

/// Creates, sets up, answers, reports on and shares one interview, fetching each page on the
/// way.
async fn interview_pages(api: &Api, fields: &Fields) -> Pages {
    let input = NewInterview {
        job_title: fields.job_title.clone(),
        company: fields.company.clone(),
        question_count: Some(3),
        ..Default::default()
    };
    let id = api.create_interview(&input).await.unwrap().id;
    for (kind, text) in [
        (DocumentKind::Cv, DATA_SCIENTIST.cv),
        (DocumentKind::JobDescription, DATA_SCIENTIST.job),
    ] {
        let text = format!("{text}\n{}", fields.document_extra);
        api.paste(id, kind, &text)
            .await
            .unwrap_or_else(|error| panic!("{kind:?}: {error}"));
    }
    let set_up = page(api, &format!("/interviews/{}", id.0)).await;

    let mut question = api.start(id).await.unwrap();
    loop {
        let outcome = api
            .answer_with(id, question.id, &fields.answer)
            .await
            .unwrap();
        if outcome.completed {
            break;
        }
        question = outcome
            .next_question
            .expect("a next question until completed");
    }
    let room = page(api, &format!("/interviews/{}", id.0)).await;

    api.wait_for_report(id, Duration::from_millis(25), Duration::from_secs(10))
        .await
        .unwrap_or_else(|error| panic!("the report was not written in 10 s: {error}"));
    let feedback = page(api, &format!("/interviews/{}/feedback", id.0)).await;

    let shares = format!("/api/v1/interviews/{}/shares", id.0);
    let link = api.send(Method::POST, &shares, None).await.unwrap();
    assert_eq!(link.status, StatusCode::CREATED);
    let token = link.json()["token"].as_str().unwrap().to_owned();
    // Read by a stranger, as a shared link is.
    let share = page(&Api::new(api.origin()), &format!("/share/{token}")).await;
    Pages {
        set_up,
        room,
        feedback,
        share,
    }
}

// ---------------------------------------------------------------------------------------------
// What a page may hold

/// Each element as "tag" and "tag[attribute]", the shape of a page without its text.
fn shape(html: &Html) -> BTreeSet<String> {
    let mut shape = BTreeSet::new();
    for element in html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let tag = element.value().name();
        shape.insert(tag.to_owned());
        for (attribute, _) in element.value().attrs() {
            shape.insert(format!("{tag}[{attribute}]"));
        }
    }
    shape
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text_of(element: ElementRef<'_>) -> String {
    element.text().collect()
}

/// The checks that hold for any page whatever its baseline: no marker, no event handler, no
/// refresh, no `<base>`, every script and style carrying the page's nonce, no link to a
/// `javascript:` or `data:` URL, one title.
fn assert_nothing_injected(page: &Page, html: &Html) {
    let path = &page.path;
    let policy = page.headers["content-security-policy"].to_str().unwrap();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("{path}: no nonce in {policy}"));
    for element in html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let value = element.value();
        for (attribute, content) in value.attrs() {
            assert!(
                attribute != MARKER && !attribute.starts_with("on"),
                "{path}: <{} {attribute}> was injected",
                value.name()
            );
            if matches!(attribute, "href" | "src" | "action" | "formaction") {
                let url = content.trim().to_ascii_lowercase();
                assert!(
                    !url.starts_with("javascript:") && !url.starts_with("data:"),
                    "{path}: <{} {attribute}={content:?}>",
                    value.name()
                );
            }
        }
        match value.name() {
            "script" | "style" => assert_eq!(
                value.attr("nonce"),
                Some(nonce),
                "{path}: a <{}> without the page's nonce",
                value.name()
            ),
            "base" | "iframe" | "object" | "embed" | "frame" | "img" => {
                panic!("{path}: <{}> was injected", value.name())
            }
            "meta" => {
                if let Some(equiv) = value.attr("http-equiv") {
                    assert!(
                        equiv.eq_ignore_ascii_case("content-security-policy"),
                        "{path}: <meta http-equiv={equiv}>"
                    );
                }
            }
            _ => {}
        }
    }
    assert_eq!(select(html, "title").len(), 1, "{path}: one title");
    assert_eq!(
        select(html, "meta[http-equiv]").len(),
        1,
        "{path}: one policy"
    );
}

/// `page` holds no element or attribute its plain twin lacks, nothing injected, and the title
/// `title` exactly.
fn assert_only_app_markup(page: &Page, plain: &Page, title: &str) -> Html {
    let html = Html::parse_document(&page.html);
    let plain_html = Html::parse_document(&plain.html);
    let extra: Vec<String> = shape(&html)
        .difference(&shape(&plain_html))
        .cloned()
        .collect();
    assert!(
        extra.is_empty(),
        "{}: markup the app did not write: {extra:?}",
        page.path
    );
    assert_nothing_injected(page, &html);
    assert_eq!(
        squash(&text_of(select(&html, "title")[0])),
        squash(title),
        "{}: the title",
        page.path
    );
    html
}

/// The page's visible text (the body's, without its scripts' data), as payloads are compared.
fn visible_text(html: &Html) -> String {
    let body = select(html, "body")[0];
    let mut text = String::new();
    for node in body.descendants() {
        let Some(part) = node.value().as_text() else {
            continue;
        };
        let in_script = node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|parent| matches!(parent.value().name(), "script" | "style"));
        if !in_script {
            text.push_str(part);
            text.push(' ');
        }
    }
    squash(&text)
}

/// Text as compared: what the server keeps of it (control characters and the byte-order mark
/// go wherever text is stored or sent to a model), every whitespace run one space.
fn squash(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{FEFF}')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn full_title(page_title: &str) -> String {
    squash(&format!("{page_title} · Interview Simulator"))
}

/// A server whose interviewer and report writer is `provider`.
async fn server_with_provider(pool: PgPool, provider: &FakeLlm) -> TestServer {
    let mut vars = provider.env(Wire::OpenAi, "fake-model");
    vars.push(("RATE_LIMITS".into(), "off".into()));
    TestServer::start_with(pool, &vars).await
}

#[sqlx::test(migrations = false)]
async fn hostile_strings_in_every_field_stay_text_on_every_page(pool: PgPool) {
    let payloads = payloads();
    let plain_provider = start_provider(Words { hostile: None }).await;
    let hostile_provider = start_provider(Words {
        hostile: Some(payloads.clone()),
    })
    .await;
    // The baseline: every field in plain words. Its server is stopped before the hostile one
    // starts: both use one database, and either's report worker would claim the other's jobs
    // and write them with the wrong provider.
    let plain_server = server_with_provider(pool.clone(), &plain_provider).await;
    let plain_owner = plain_server.api();
    let plain = interview_pages(&plain_owner, &Fields::plain()).await;
    let plain_history = page(&plain_owner, "/").await;
    drop(plain_owner);
    plain_server.stop().await;
    let server = server_with_provider(pool, &hostile_provider).await;

    let owner = server.api();
    let mut names_shown = Vec::new();
    for payload in &payloads {
        let text = &payload.text;
        let mut fields = Fields::plain();
        // (Those that do not fit a name are refused there: see the test below.)
        if fits_a_name(text) {
            fields.job_title = text.clone();
            fields.company = format!("{text} Ltd");
        }
        fields.document_extra = text.clone();
        if text.contains('\0') {
            // Answers refuse NUL (PostgreSQL cannot store it); documents drop it.
            fields.answer = text.replace('\0', " ");
        } else {
            fields.answer = text.clone();
        }
        let pages = interview_pages(&owner, &fields).await;
        let job = format!("{} at {}", fields.job_title, fields.company);
        names_shown.push(fields.clone());

        let set_up = assert_only_app_markup(&pages.set_up, &plain.set_up, &full_title(&job));
        let room = assert_only_app_markup(&pages.room, &plain.room, &full_title(&job));
        let feedback = assert_only_app_markup(
            &pages.feedback,
            &plain.feedback,
            &full_title(&format!("Feedback: {job}")),
        );
        let share = assert_only_app_markup(
            &pages.share,
            &plain.share,
            &full_title(&format!("Interview feedback: {job}")),
        );

        // The payloads come back as the text they were.
        let shown = squash(&fields.answer);
        let llm_text = squash(
            &Words {
                hostile: Some(payloads.clone()),
            }
            .pick(&fields.job_title),
        );
        for (name, html) in [("set-up", &set_up), ("room", &room)] {
            let heading = text_of(select(html, "h1.interview-title")[0]);
            assert_eq!(
                heading, fields.job_title,
                "{}: {name} heading",
                payload.name
            );
        }
        // (The documents' text reaches the set-up page's text boxes through the hydration
        // data, checked in the browser by end2end/tests/hostile-strings.spec.ts.)
        let room_text = visible_text(&room);
        assert!(
            room_text.contains(&shown),
            "{}: the answer in the room",
            payload.name
        );
        assert!(
            room_text.contains(&squash(&format!("How would you handle {llm_text} in week"))),
            "{}: the model's question in the room: {room_text}",
            payload.name
        );
        for (name, html) in [("feedback", &feedback), ("share", &share)] {
            let visible = visible_text(html);
            assert!(
                visible.contains(&llm_text),
                "{}: the report's text on the {name} page",
                payload.name
            );
        }

        // Link previews: one attribute each, holding the whole title.
        for (selector, expected) in [
            (
                "meta[property='og:title']",
                format!("Interview feedback: {job}"),
            ),
            (
                "meta[name='twitter:title']",
                format!("Interview feedback: {job}"),
            ),
        ] {
            let tags = select(&share, selector);
            assert_eq!(tags.len(), 1, "{}: {selector}", payload.name);
            assert_eq!(
                tags[0].value().attr("content"),
                Some(expected.as_str()),
                "{}: {selector}",
                payload.name
            );
            assert_eq!(tags[0].value().attrs().count(), 2, "{}", payload.name);
        }
        for description in [
            "meta[property='og:description']",
            "meta[name='twitter:description']",
        ] {
            let tags = select(&share, description);
            assert_eq!(tags.len(), 1, "{}: {description}", payload.name);
            assert_eq!(tags[0].value().attrs().count(), 2, "{}", payload.name);
        }

        // The share page stays: no refresh header, and it sends no Referer anywhere.
        assert!(pages.share.headers.get("refresh").is_none());
        assert_eq!(
            pages.share.headers["referrer-policy"], "no-referrer",
            "{}",
            payload.name
        );
    }

    // The history page lists every interview, each name as text.
    let history = page(&owner, "/").await;
    let history_html =
        assert_only_app_markup(&history, &plain_history, &full_title("Your interviews"));
    let visible = visible_text(&history_html);
    for fields in &names_shown {
        assert!(
            visible.contains(&squash(&fields.job_title)),
            "history: {:?}",
            fields.job_title
        );
    }
}

/// A payload that is not one line of at most 200 characters is refused as a job title, with
/// a reason, and nothing is stored.
#[sqlx::test(migrations = false)]
async fn payloads_that_do_not_fit_a_name_are_refused_with_a_reason(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let owner = server.api();
    let mut refused = 0;
    for payload in payloads().iter().filter(|p| !fits_a_name(&p.text)) {
        let text = &payload.text;
        let response = owner
            .send(
                Method::POST,
                "/api/v1/interviews",
                Some(&json!({"job_title": text, "company": text, "question_count": 3})),
            )
            .await
            .unwrap();
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            payload.name
        );
        let body = response.json();
        assert_eq!(body["error"]["field"], "job_title", "{}", payload.name);
        refused += 1;
    }
    assert!(
        refused >= 1,
        "some payload is too long or holds control characters"
    );
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM interviews")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

/// 404 pages, for an address made of a payload too: the markup of the plain 404 page only.
#[sqlx::test(migrations = false)]
async fn a_payload_in_an_address_gets_the_plain_not_found_page(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let owner = server.api();
    let plain_not_found = page(&owner, "/share/not-a-token").await;
    let payloads = payloads();
    let mut not_found_paths = vec!["/share/not-a-token".to_owned()];
    for payload in payloads.iter().filter(|payload| fits_a_name(&payload.text)) {
        let encoded: String = payload
            .text
            .bytes()
            .map(|byte| format!("%{byte:02X}"))
            .collect();
        not_found_paths.push(format!("/share/{encoded}"));
        not_found_paths.push(format!("/interviews/{encoded}"));
    }
    for path in not_found_paths {
        let response = page(&owner, &path).await;
        assert_only_app_markup(&response, &plain_not_found, &full_title("Not found"));
    }
}

/// The one place titles are escaped is the cause of a title being right: a page's `<title>`
/// holds the job title exactly, `&` included, not a reference shown as text.
#[sqlx::test(migrations = false)]
async fn a_title_with_ampersands_and_angle_brackets_reads_as_typed(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let owner = server.api();
    let input = NewInterview {
        job_title: "R&D <lead> &amp; QA".into(),
        company: "A&B".into(),
        question_count: Some(3),
        ..Default::default()
    };
    let interview = owner.create_interview(&input).await.unwrap();
    let path = format!("/interviews/{}", interview.id.0);
    let page = page(&owner, &path).await;
    let html = Html::parse_document(&page.html);
    assert_eq!(
        text_of(select(&html, "title")[0]),
        "R&D <lead> &amp; QA at A&B · Interview Simulator"
    );
    assert_nothing_injected(&page, &html);
}
