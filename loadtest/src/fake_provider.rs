//! The LLM the server under test talks to: testkit's fake provider in OpenAI's chat format,
//! which waits a fixed latency and then answers in the real wire format (a JSON completion,
//! or an SSE stream when the request says `stream: true`), so the server runs its real
//! provider client, prompt building and reply checks.
//!
//! Every reply is a different question (a call counter is part of it): the server refuses a
//! question that was already asked and would fall back to its offline coach, which would make
//! the benchmark measure the wrong interviewer. The fixed prefix lets the verification tell
//! the fake's questions from the coach's. A feedback request (it asks for a JSON schema) gets
//! a valid report instead (testkit's report fixture).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use testkit::fake_llm::{FakeLlm, Reply};
use testkit::fixtures::ReportReply;

use crate::attribution::{self, ProviderLedger};

/// Every question the fake asks starts with this; the offline coach never writes it.
pub const QUESTION_PREFIX: &str = "Load-test question ";
/// What the server is told to ask for (`OPENAI_MODEL`); the fake reports it back.
pub const MODEL: &str = "fake-interviewer";

/// Question bodies, cycled; the counter in front makes each reply unique. Each is well under
/// the server's 60-word limit and ends with the only "?".
const QUESTIONS: [&str; 10] = [
    "How did you keep the card-settlement ledger correct while you split it into Go services?",
    "Which PostgreSQL isolation level did your posting API use, and why that one?",
    "How did you make the posting API idempotent when clients retried after a timeout?",
    "What did you change first when p99 latency had to drop from 480 ms to 35 ms?",
    "How would you move a Java batch job into event-driven Go services without losing a booking?",
    "Which alert from your SLO work caught a real incident, and what did you do next?",
    "How did you plan the RabbitMQ to Kafka migration so that no settlement file was lost?",
    "How do you review a data model for a table that will hold billions of rows?",
    "What did mentoring four engineers teach you about running design reviews?",
    "What would you want the Posting Engine team to remember about you after today?",
];

/// What the fake saw during a phase.
#[derive(Clone, Copy, Debug, Default)]
pub struct CallCounts {
    pub total: u64,
    pub streamed: u64,
    /// Feedback requests, answered with a report.
    pub reports: u64,
    /// Requests to any other path, or bodies that are not a chat request.
    pub unexpected: u64,
    pub unattributed: u64,
}

pub struct FakeProvider {
    fake: FakeLlm,
    ledger: Arc<ProviderLedger>,
    reports: Arc<AtomicU64>,
}

impl FakeProvider {
    /// Starts listening on a free loopback port, on a runtime of its own, so that its timing
    /// is not queued behind hundreds of virtual-user tasks on the load generator's runtime
    /// (the delay before the handler runs would otherwise be charged to the server under
    /// test). Requests are counted, not kept: a soak sends thousands of prompts.
    pub fn start(latency: Duration, ledger: Arc<ProviderLedger>) -> std::io::Result<Self> {
        let reports = Arc::new(AtomicU64::new(0));
        let (charged, counted) = (ledger.clone(), reports.clone());
        let fake = FakeLlm::builder()
            .model(MODEL)
            .recording(false)
            .respond_async(move |request| {
                let charge = Charge {
                    ledger: charged.clone(),
                    user: attribution::user_in(&request.system()),
                    started: request.arrived,
                };
                // The server asks for structured output only when it wants a report.
                let content = if request.structured() {
                    counted.fetch_add(1, Ordering::SeqCst);
                    ReportReply::for_prompt(&request.user())
                        .quoting(None)
                        .to_string()
                } else {
                    question(request.call as u64, request.user().matches('?').count())
                };
                async move {
                    if !latency.is_zero() {
                        tokio::time::sleep(latency).await;
                    }
                    drop(charge);
                    Reply::Text(content)
                }
            })
            .start_on_own_runtime(2)?;
        Ok(Self {
            fake,
            ledger,
            reports,
        })
    }

    /// The value for `OPENAI_BASE_URL` (the client appends `/chat/completions`).
    pub fn base_url(&self) -> String {
        self.fake.base_url(testkit::fake_llm::Wire::OpenAi)
    }

    pub fn counts(&self) -> CallCounts {
        CallCounts {
            total: self.fake.calls() as u64,
            streamed: self.fake.streamed() as u64,
            reports: self.reports.load(Ordering::SeqCst),
            unexpected: self.fake.unexpected() as u64,
            unattributed: self.ledger.unattributed(),
        }
    }
}

/// Charges the time since the request arrived to a user when dropped: when the latency has
/// passed, or when the server gave up on the call (its timeout) and the reply was cancelled
/// mid-sleep, since the server waited on the provider that long too. What happens outside it,
/// including the server's own HTTP client and the loopback transfer, stays on the server's
/// side of the ledger.
struct Charge {
    ledger: Arc<ProviderLedger>,
    user: Option<usize>,
    started: Instant,
}

impl Drop for Charge {
    fn drop(&mut self) {
        self.ledger.record(self.user, self.started.elapsed());
    }
}

/// The question of call `call` when the prompt holds `asked` question marks. The body follows
/// the interview's own history (each question asked adds one mark; the answers have none), so
/// an interview never gets one body twice, however the calls of many users interleave: the
/// server would refuse a near repeat and ask the offline coach instead.
fn question(call: u64, asked: usize) -> String {
    let body = QUESTIONS[asked % QUESTIONS.len()];
    format!("{QUESTION_PREFIX}{call}: {body}")
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    #[test]
    fn questions_are_unique_single_and_short() {
        let asked: Vec<String> = (1..=50).map(|call| question(call, call as usize)).collect();
        for (index, text) in asked.iter().enumerate() {
            assert!(text.ends_with('?'), "{text}");
            assert_eq!(text.matches('?').count(), 1, "{text}");
            assert!(text.split_whitespace().count() <= 30, "{text}");
            assert!(!asked[..index].contains(text), "{text} repeats");
        }
    }

    #[tokio::test]
    async fn answers_both_wire_formats_and_charges_the_tagged_user() {
        let ledger = Arc::new(ProviderLedger::new(3));
        let fake = FakeProvider::start(Duration::from_millis(20), ledger.clone()).unwrap();
        let client = reqwest::Client::new();
        let url = format!("{}/chat/completions", fake.base_url());
        let system = format!("Interviewer at {}.", attribution::tag_company("Acme", 2));
        let request = |stream: bool| {
            json!({"model": MODEL, "stream": stream, "max_tokens": 200, "temperature": 0.7,
                   "messages": [{"role": "system", "content": system}, {"role": "user", "content": "CV"}]})
        };

        let plain: Value = client
            .post(&url)
            .json(&request(false))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let first = plain["choices"][0]["message"]["content"].as_str().unwrap();
        assert!(first.starts_with(QUESTION_PREFIX) && first.ends_with('?'));
        assert!(plain["usage"]["completion_tokens"].as_u64().unwrap() > 0);

        let streamed = client
            .post(&url)
            .json(&request(true))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(streamed.trim_end().ends_with("data: [DONE]"));
        let text: String = streamed
            .lines()
            .filter_map(|line| line.strip_prefix("data: "))
            .filter(|data| *data != "[DONE]")
            .filter_map(|data| serde_json::from_str::<Value>(data).ok())
            .filter_map(|chunk| {
                chunk["choices"][0]["delta"]["content"]
                    .as_str()
                    .map(str::to_owned)
            })
            .collect();
        assert!(
            text.starts_with(QUESTION_PREFIX) && text.ends_with('?'),
            "{text}"
        );
        assert_ne!(text, first);

        let mut feedback = request(false);
        feedback["messages"][1]["content"] = json!("Question 1:\n<question>\nWhy?\n</question>");
        feedback["response_format"] = json!({"type": "json_schema", "json_schema": {}});
        let report: Value = client
            .post(&url)
            .json(&feedback)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let report = report["choices"][0]["message"]["content"].as_str().unwrap();
        let report: Value = serde_json::from_str(report).unwrap();
        assert_eq!(report["questions"][0]["number"], 1);

        assert_eq!(ledger.calls_for(2), 3);
        assert!(ledger.spent_for(2) >= Duration::from_millis(60));
        let counts = fake.counts();
        assert_eq!(
            (
                counts.total,
                counts.streamed,
                counts.reports,
                counts.unexpected
            ),
            (3, 1, 1, 0)
        );
    }
}
