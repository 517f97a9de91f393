//! `/metrics` in the Prometheus text format: HTTP requests (count by route and status,
//! latency, in flight), rate-limit refusals, LLM calls (by provider, purpose and outcome, and
//! their latency), questions asked by each interviewer, feedback jobs (written or failed, and
//! how many wait in each state), and the database pool.
//!
//! Code records through the `metrics` facade (services too, without knowing about Prometheus);
//! `metrics-exporter-prometheus` keeps the values and renders them. Its own HTTP listener is
//! left out: the endpoint is a route here, behind a token or reachable from this machine only.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use services::config::Secret;
use services::Services;

/// Latency buckets in seconds: pages and API calls are milliseconds, LLM calls seconds.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

/// The process-wide recorder (the facade allows one); made on first use.
pub(crate) fn handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Suffix("_duration_seconds".into()),
                    LATENCY_BUCKETS,
                )
                .expect("the bucket list is not empty")
                .build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!(
                    "another metrics recorder was installed first; /metrics stays empty"
                );
            }
            handle
        })
        .clone()
}

/// Folds recorded histogram samples into their buckets now and then, so memory stays flat
/// between scrapes (the exporter's own listener would do this).
pub(crate) fn spawn_upkeep(handle: PrometheusHandle) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(5));
        loop {
            every.tick().await;
            handle.run_upkeep();
        }
    })
}

/// Counts and times every request by its route pattern (never the raw path: ids would make
/// a series per interview).
pub(crate) async fn track_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = route_label(request.extensions().get::<MatchedPath>());
    let in_flight = metrics::gauge!("http_requests_in_flight");
    in_flight.increment(1.0);
    // Decremented even when the request is dropped half way (a client gone, a timeout).
    let _in_flight = scopeguard(move || in_flight.decrement(1.0));
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(
        "http_requests_total",
        "method" => method.clone(),
        "route" => route.clone(),
        "status" => status
    )
    .increment(1);
    metrics::histogram!(
        "http_request_duration_seconds",
        "method" => method,
        "route" => route
    )
    .record(started.elapsed().as_secs_f64());
    response
}

fn route_label(matched: Option<&MatchedPath>) -> String {
    match matched.map(MatchedPath::as_str) {
        Some(path) if path.starts_with("/pkg") => "/pkg".into(),
        Some(path) => path.to_owned(),
        None => "unmatched".into(),
    }
}

struct Guard<F: FnOnce()>(Option<F>);

impl<F: FnOnce()> Drop for Guard<F> {
    fn drop(&mut self) {
        if let Some(on_drop) = self.0.take() {
            on_drop();
        }
    }
}

fn scopeguard<F: FnOnce()>(on_drop: F) -> Guard<F> {
    Guard(Some(on_drop))
}

/// What `/metrics` needs.
#[derive(Clone)]
pub(crate) struct MetricsEndpoint {
    pub handle: PrometheusHandle,
    pub services: Services,
    pub token: Option<Secret>,
}

/// `GET /metrics`. Without a configured token only this machine may read it; with one, the
/// bearer token must match. Anyone else gets 404, as if there were nothing here.
pub(crate) async fn render(State(endpoint): State<MetricsEndpoint>, request: Request) -> Response {
    let allowed = match &endpoint.token {
        Some(token) => bearer_matches(request.headers(), token),
        None => request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .is_some_and(|ConnectInfo(peer)| peer.ip().is_loopback()),
    };
    if !allowed {
        return StatusCode::NOT_FOUND.into_response();
    }
    // Read at scrape time: cheap, and always current.
    let (size, idle) = endpoint.services.database_connections();
    metrics::gauge!("db_pool_connections", "state" => "idle").set(idle as f64);
    metrics::gauge!("db_pool_connections", "state" => "in_use")
        .set(f64::from(size).max(idle as f64) - idle as f64);
    match endpoint.services.feedback_jobs_by_status().await {
        Ok(counts) => {
            for status in ["queued", "running", "done", "failed"] {
                let count = counts
                    .iter()
                    .find(|(name, _)| name == status)
                    .map_or(0, |(_, count)| *count);
                metrics::gauge!("feedback_jobs", "status" => status).set(count as f64);
            }
        }
        Err(error) => tracing::warn!(%error, "feedback job counts unavailable for /metrics"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        endpoint.handle.render(),
    )
        .into_response()
}

/// Compares in time independent of where the first difference is.
fn bearer_matches(headers: &HeaderMap, token: &Secret) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (given, expected) = (given.as_bytes(), token.expose().as_bytes());
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |difference, (a, b)| difference | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_the_exact_bearer_token_opens_the_endpoint() {
        let token = Secret::new("s3cret-token".into());
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::AUTHORIZATION, HeaderValue::from_static(value));
            headers
        };
        assert!(bearer_matches(&with("Bearer s3cret-token"), &token));
        assert!(!bearer_matches(&with("Bearer s3cret-tokem"), &token));
        assert!(!bearer_matches(&with("Bearer s3cret"), &token));
        assert!(!bearer_matches(&with("s3cret-token"), &token));
        assert!(!bearer_matches(&HeaderMap::new(), &token));
    }
}
