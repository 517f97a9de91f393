//! Rate limits on the requests that cost real money or CPU: those that make the interviewer
//! (an LLM) work, and those that parse a document. Each kind has a budget per owner (the
//! browser's cookie) and per client address, since a new cookie is free to get. A refused
//! request gets 429 with `Retry-After` and a message saying how long to wait; it changes
//! nothing, so whatever the person typed is still in their browser to send again.
//!
//! The limits live in this process: with several instances behind a load balancer each allows
//! the budget (README, "Deploying"). `governor` does the counting (GCRA, one small state per
//! key), so a burst up to the budget passes and then one request per 60/budget seconds.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use app::AppError;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use services::{OwnerKey, RateLimits};

use crate::error::{ApiError, ErrorCode};

/// What a request costs. Each limited route says so where it is declared (see
/// [`RateLimiting::limit`]): the JSON API's in `api::routes`, the pages' server functions in
/// `router::costly_server_functions`. The question stream is left out on purpose: it writes
/// only a question that the start or an answer (both limited) made due, else it replays the
/// stored one; and `EventSource` could not show a 429 to the person anyway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cost {
    /// Makes the interviewer write: starting (the first question), answering (the next).
    Llm,
    /// Parses a document: an upload or pasted text.
    Document,
    /// Asks for the report, which the first time queues its writing by the LLM. Idempotent
    /// and polled (the feedback page asks every second), so its own, larger budget.
    Feedback,
}

impl Cost {
    fn label(self) -> &'static str {
        match self {
            Cost::Llm => "llm",
            Cost::Document => "document",
            Cost::Feedback => "feedback",
        }
    }

    fn message(self, wait_secs: u64) -> String {
        let seconds = if wait_secs == 1 {
            "1 second".to_owned()
        } else {
            format!("{wait_secs} seconds")
        };
        match self {
            Cost::Llm => format!(
                "That's more requests to the interviewer than we allow in a minute. Please wait {seconds}, then try again; nothing you typed is lost."
            ),
            Cost::Document => format!(
                "That's more documents than we read in a minute. Please wait {seconds}, then send it again."
            ),
            Cost::Feedback => format!(
                "That's more requests for feedback than we allow in a minute. Please wait {seconds}; we'll keep checking."
            ),
        }
    }
}

type Limiter<K> = Option<DefaultKeyedRateLimiter<K>>;

fn limiter<K: std::hash::Hash + Eq + Clone>(per_minute: Option<u32>) -> Limiter<K> {
    per_minute
        .and_then(NonZeroU32::new)
        .map(|n| RateLimiter::keyed(Quota::per_minute(n)))
}

/// The budgets of one kind of request.
struct Budget {
    per_owner: Limiter<OwnerKey>,
    per_address: Limiter<IpAddr>,
}

impl Budget {
    fn new(per_owner: Option<u32>, per_address: Option<u32>) -> Self {
        Self {
            per_owner: limiter(per_owner),
            per_address: limiter(per_address),
        }
    }

    /// `Err(wait)` when a budget is spent. The address is checked first, so a request refused
    /// for its address does not also spend its owner's budget.
    fn check(&self, owner: Option<&OwnerKey>, address: Option<IpAddr>) -> Result<(), Duration> {
        let now = DefaultClock::default().now();
        if let (Some(limiter), Some(address)) = (&self.per_address, address) {
            limiter
                .check_key(&address)
                .map_err(|not_until| not_until.wait_time_from(now))?;
        }
        if let (Some(limiter), Some(owner)) = (&self.per_owner, owner) {
            limiter
                .check_key(owner)
                .map_err(|not_until| not_until.wait_time_from(now))?;
        }
        Ok(())
    }

    /// Forgets keys whose budget is full again, so memory follows recent traffic only.
    fn forget_idle(&self) {
        if let Some(limiter) = &self.per_owner {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        if let Some(limiter) = &self.per_address {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// The limiter state shared by every request.
#[derive(Clone)]
pub(crate) struct RateLimiting {
    inner: Arc<Inner>,
}

struct Inner {
    llm: Budget,
    documents: Budget,
    feedback: Budget,
    client_ip_header: Option<String>,
    checks: AtomicU64,
}

/// Idle keys are dropped after this many checks (cheap: a pass over the maps).
const FORGET_EVERY: u64 = 4096;

impl RateLimiting {
    pub fn new(limits: RateLimits, client_ip_header: Option<String>) -> Self {
        Self {
            inner: Arc::new(Inner {
                llm: Budget::new(limits.llm_per_owner, limits.llm_per_ip),
                documents: Budget::new(limits.documents_per_owner, limits.documents_per_ip),
                feedback: Budget::new(limits.feedback_per_owner, limits.feedback_per_ip),
                client_ip_header,
                checks: AtomicU64::new(0),
            }),
        }
    }

    fn check(&self, cost: Cost, request: &Request) -> Result<(), Duration> {
        let inner = &self.inner;
        if inner.checks.fetch_add(1, Ordering::Relaxed) % FORGET_EVERY == FORGET_EVERY - 1 {
            inner.llm.forget_idle();
            inner.documents.forget_idle();
            inner.feedback.forget_idle();
        }
        let owner = request.extensions().get::<OwnerKey>();
        let address = client_address(request, inner.client_ip_header.as_deref());
        match cost {
            Cost::Llm => inner.llm.check(owner, address),
            Cost::Document => inner.documents.check(owner, address),
            Cost::Feedback => inner.feedback.check(owner, address),
        }
    }
}

/// Who calls a limited route, which decides the shape of its refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Caller {
    /// The JSON API: its error body.
    Api,
    /// A page's server function: the `AppError` its caller decodes (the page shows it).
    Page,
}

/// One limited route: its budget and who calls it.
#[derive(Clone)]
struct Charge {
    limits: RateLimiting,
    cost: Cost,
    caller: Caller,
}

impl RateLimiting {
    /// `routes` with each request charged `cost` before its handler runs. A route layer: it
    /// runs inside the identity layer (the owner is known) and only for requests that matched
    /// one of the routes' methods, so a 405 or 404 costs nothing.
    pub fn limit<S>(&self, cost: Cost, caller: Caller, routes: MethodRouter<S>) -> MethodRouter<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        let charge = Charge {
            limits: self.clone(),
            cost,
            caller,
        };
        routes.route_layer(axum::middleware::from_fn_with_state(charge, charge_request))
    }
}

async fn charge_request(State(charge): State<Charge>, request: Request, next: Next) -> Response {
    let Charge {
        limits,
        cost,
        caller,
    } = charge;
    match limits.check(cost, &request) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            // Whole seconds, rounded up: a client waiting that long is let through.
            let wait_secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let wait_secs = wait_secs.max(1);
            metrics::counter!("http_rate_limited_total", "cost" => cost.label()).increment(1);
            tracing::info!(cost = cost.label(), wait_secs, "rate limited");
            refusal(cost, wait_secs, caller)
        }
    }
}

/// A 429 in the shape the caller reads: the API's error body, or the `AppError` a server
/// function's caller decodes (the page shows its message).
fn refusal(cost: Cost, wait_secs: u64, caller: Caller) -> Response {
    let message = cost.message(wait_secs);
    let mut response = match caller {
        Caller::Api => ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            message,
        )
        .into_response(),
        Caller::Page => {
            let error = AppError::RateLimited {
                retry_after_secs: wait_secs,
                message,
            };
            let body = serde_json::to_string(&error).unwrap_or_default();
            (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response()
        }
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(wait_secs));
    response
}

/// The client's address: the last entry of the configured header (the one our load balancer
/// appended; earlier ones are the client's to invent), else the connection's peer. IPv6
/// addresses count by their /64, which one household or server usually holds whole.
fn client_address(request: &Request, header_name: Option<&str>) -> Option<IpAddr> {
    let from_header = header_name.and_then(|name| last_forwarded(request.headers(), name));
    let address = from_header.or_else(|| {
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| peer.ip())
    })?;
    Some(match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
        v4 => v4,
    })
}

fn last_forwarded(headers: &HeaderMap, name: &str) -> Option<IpAddr> {
    let value = headers.get_all(name).iter().next_back()?.to_str().ok()?;
    value.rsplit(',').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_allows_its_burst_then_says_how_long_to_wait() {
        let budget = Budget::new(Some(3), None);
        let owner = services::OwnerToken::generate().key();
        let other = services::OwnerToken::generate().key();
        for _ in 0..3 {
            assert_eq!(budget.check(Some(&owner), None), Ok(()));
        }
        let wait = budget.check(Some(&owner), None).unwrap_err();
        // 3 a minute: one more every 20 s.
        assert!(
            wait > Duration::from_secs(15) && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert_eq!(
            budget.check(Some(&other), None),
            Ok(()),
            "owners are counted apart"
        );
    }

    #[test]
    fn a_refusal_by_address_spends_nothing_of_the_owner() {
        let budget = Budget::new(Some(1), Some(1));
        let address: IpAddr = "192.0.2.1".parse().unwrap();
        let (first, second) = (
            services::OwnerToken::generate().key(),
            services::OwnerToken::generate().key(),
        );
        assert_eq!(budget.check(Some(&first), Some(address)), Ok(()));
        assert!(budget.check(Some(&second), Some(address)).is_err());
        assert_eq!(
            budget.check(Some(&second), Some("192.0.2.2".parse().unwrap())),
            Ok(()),
            "the second owner's own budget was untouched"
        );
    }

    #[test]
    fn the_client_address_is_the_last_forwarded_entry_and_ipv6_counts_by_its_64() {
        let mut request = Request::new(axum::body::Body::empty());
        request.headers_mut().insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 198.51.100.4"),
        );
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 4000))));
        assert_eq!(
            client_address(&request, Some("X-Forwarded-For")),
            Some("198.51.100.4".parse().unwrap())
        );
        assert_eq!(
            client_address(&request, None),
            Some("10.0.0.1".parse().unwrap()),
            "without the setting the header is not trusted"
        );
        request.headers_mut().insert(
            "x-forwarded-for",
            HeaderValue::from_static("2001:db8:1:2:aaaa:bbbb:cccc:dddd"),
        );
        assert_eq!(
            client_address(&request, Some("x-forwarded-for")),
            Some("2001:db8:1:2::".parse().unwrap())
        );
    }

    #[test]
    fn refusals_carry_retry_after_and_the_callers_error_shape() {
        let api = refusal(Cost::Llm, 20, Caller::Api);
        assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(api.headers()[header::RETRY_AFTER], "20");
        let page = refusal(Cost::Document, 1, Caller::Page);
        assert_eq!(page.headers()[header::RETRY_AFTER], "1");
        assert_eq!(page.headers()[header::CONTENT_TYPE], "application/json");
    }
}
