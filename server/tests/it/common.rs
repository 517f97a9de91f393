//! Starts the real server on port 0 against the fresh database `#[sqlx::test]` made for the
//! test, and stops it when the test ends.

use std::collections::HashMap;

use services::Config;
use sqlx::PgPool;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub struct TestServer {
    pub base_url: String,
    stop: oneshot::Sender<()>,
    serving: tokio::task::JoinHandle<()>,
}

impl TestServer {
    pub async fn start(pool: PgPool) -> Self {
        Self::start_with(pool, &[]).await
    }

    /// `vars` are extra configuration variables, e.g. `("PUBLIC_URL", "https://…")`.
    pub async fn start_with(pool: PgPool, vars: &[(&str, &str)]) -> Self {
        let mut env: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        // The pool is handed over directly; the URL is only required by the config loader.
        // Document extraction runs in worker processes: the server binary built for these tests.
        env.entry("EXTRACTION_WORKER".into())
            .or_insert_with(|| env!("CARGO_BIN_EXE_server").into());
        env.entry("DATABASE_URL".into())
            .or_insert_with(|| "postgres://unused".into());
        let config = Config::from_lookup(|name| env.get(name).cloned()).unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let serving = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            if let Err(error) = server::serve(config, pool, listener, shutdown).await {
                panic!("test server failed: {error}");
            }
        });
        let server = Self {
            base_url,
            stop,
            serving,
        };
        server.wait_until_ready().await;
        server
    }

    /// Stops the server and waits until it has: its report workers claim no more jobs.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        self.serving.await.unwrap();
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// A client with its own cookie jar: one browser, one owner.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    async fn wait_until_ready(&self) {
        let client = reqwest::Client::new();
        for _ in 0..100 {
            if let Ok(response) = client.get(self.url("/readyz")).send().await {
                if response.status().is_success() {
                    return;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("test server did not become ready");
    }
}

/// A CV and a job description that make an interview ready to start.
pub const CV: &str = "Priya Raghunathan\nData scientist, London. Larkspur Grocers plc: demand forecasting with LightGBM, CUPED experiments, Snowflake, Python.";
pub const JOB: &str = "Data Scientist at Northwind Analytics\nRequirements:\n- Experimentation and A/B testing\n- Python, SQL, Snowflake\n- Forecasting";

/// Creates an interview of `count` questions for `client` (its owner) and pastes both
/// documents; returns its API path, `/api/v1/interviews/<id>`.
pub async fn ready_interview(client: &reqwest::Client, server: &TestServer, count: u8) -> String {
    let created: serde_json::Value = client
        .post(server.url("/api/v1/interviews"))
        .json(&serde_json::json!({"job_title": "Data Scientist", "company": "Northwind", "question_count": count}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let base = format!("/api/v1/interviews/{}", created["id"].as_str().unwrap());
    for (kind, text) in [("cv", CV), ("job_description", JOB)] {
        let saved = client
            .put(server.url(&format!("{base}/documents/{kind}")))
            .json(&serde_json::json!({ "text": text }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            saved.status(),
            reqwest::StatusCode::OK,
            "pasting the {kind}"
        );
    }
    base
}
