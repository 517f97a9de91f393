//! Starts the real server in process on port 0 against the fresh database `#[sqlx::test]`
//! made for the test, and stops it when the test ends. Clients, fixtures and fake providers
//! come from testkit.

use std::collections::HashMap;

use services::Config;
use sqlx::PgPool;
use testkit::api::Api;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub struct TestServer {
    pub base_url: String,
    stop: oneshot::Sender<()>,
    serving: tokio::task::JoinHandle<()>,
}

impl TestServer {
    pub async fn start(pool: PgPool) -> Self {
        Self::start_with::<&str, &str>(pool, &[]).await
    }

    /// `vars` are extra configuration variables, e.g. `("PUBLIC_URL", "https://…")`.
    pub async fn start_with<K: AsRef<str>, V: AsRef<str>>(pool: PgPool, vars: &[(K, V)]) -> Self {
        let mut env: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.as_ref().to_owned(), v.as_ref().to_owned()))
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

    /// A new person (one owner cookie) using the JSON API.
    pub fn api(&self) -> Api {
        Api::new(&self.base_url)
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
