//! Finished interviews' pages, rendered once and served again while nothing they show changes.
//!
//! A completed interview's page and, once written, its report's page show what can no longer
//! change (questions, answers, the report) and a few things that can: the day the interview is
//! kept until (it moves when its owner opens it), its share links and practice attempts. Each
//! view still asks the database whether the caller owns the interview, in the one statement
//! that also records the opening and says when each of those last changed
//! ([`services::InterviewChanges`]); the page is looked up by that. A share link's page
//! (`/share/{token}`) the same way, by [`services::SharedChanges`]: the link must be live. A stored render is served
//! with a fresh nonce; otherwise the page is rendered as usual and kept. Nothing else is kept:
//! pages of interviews under way or reports being written, other people's requests (the render
//! answers those "not found"), error pages, responses that set a cookie.

mod template;

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_SECURITY_POLICY, SET_COOKIE, TRANSFER_ENCODING};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::{InterviewId, InterviewStatus};
use lru::LruCache;
use services::{InterviewChanges, OwnerKey, Services, SharedChanges};
use template::NonceTemplate;

/// A page bigger than this is served but not kept (an interview page is 30–80 KB).
const MAX_KEPT_PAGE_BYTES: usize = 512 * 1024;

/// Says whether a view was served from the cache (`hit`) or rendered and kept (`miss`).
pub const CACHE_HEADER: &str = "x-page-cache";

/// Shared by every request (the middleware's state is cloned for each).
#[derive(Clone)]
pub struct PageCache(Arc<Shared>);

struct Shared {
    services: Services,
    /// `None` when the cache is off (a budget of 0 bytes).
    pages: Option<Mutex<StoredPages>>,
}

impl PageCache {
    /// Keeps pages up to `budget_bytes` in all, the least recently served dropped first.
    pub fn new(services: Services, budget_bytes: usize) -> Self {
        let pages = (budget_bytes > 0).then(|| {
            Mutex::new(StoredPages {
                by_key: LruCache::unbounded(),
                bytes: 0,
                budget: budget_bytes,
            })
        });
        Self(Arc::new(Shared { services, pages }))
    }

    fn find(&self, key: &PageKey) -> Option<Arc<CachedPage>> {
        let mut pages = self.0.pages.as_ref()?.lock().ok()?;
        pages.by_key.get(key).cloned()
    }

    fn keep(&self, key: PageKey, page: CachedPage) {
        if let Some(mut pages) = self.0.pages.as_ref().and_then(|pages| pages.lock().ok()) {
            pages.insert(key, Arc::new(page));
        }
    }
}

/// The middleware in front of the pages.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let Some(lookup) = Lookup::of(&cache, &request) else {
        return next.run(request).await;
    };
    let Some(key) = finished_page_key(&cache, lookup).await else {
        return next.run(request).await;
    };
    if let Some(mut response) = cache.find(&key).and_then(|page| page.response()) {
        metrics::counter!("page_cache_views_total", "outcome" => "hit").increment(1);
        key.tell_the_owner(response.headers_mut(), "hit");
        return response;
    }
    metrics::counter!("page_cache_views_total", "outcome" => "miss").increment(1);
    let response = next.run(request).await;
    keep_rendered(&cache, key, response).await
}

/// The page's key when what it shows is finished and the caller may see it.
async fn finished_page_key(cache: &PageCache, lookup: Lookup) -> Option<PageKey> {
    // Errors, strangers and dead links fall through to the render, which answers them as it
    // always does.
    let services = &cache.0.services;
    match lookup {
        Lookup::Owned { page, id, owner } => {
            let changes = services.interviews.changes(&owner, id).await.ok()?;
            let finished = changes.status == InterviewStatus::Completed
                && match page {
                    Page::Interview => true,
                    Page::Feedback => changes.report_at.is_some(),
                };
            finished.then_some(PageKey::Owned { page, changes })
        }
        Lookup::Shared { token } => {
            let changes = services.shares.changes(&token).await.ok()?;
            changes
                .report_at
                .is_some()
                .then_some(PageKey::Shared(changes))
        }
    }
}

/// A request the cache may answer: a page of the caller's own interview, or a share link's.
enum Lookup {
    Owned {
        page: Page,
        id: InterviewId,
        owner: OwnerKey,
    },
    Shared {
        token: String,
    },
}

impl Lookup {
    fn of(cache: &PageCache, request: &Request) -> Option<Self> {
        cache.0.pages.as_ref()?;
        if request.method() != Method::GET || request.uri().query().is_some() {
            return None;
        }
        let path = request.uri().path();
        if let Some(token) = path.strip_prefix("/share/") {
            return Some(Self::Shared {
                token: token.to_owned(),
            });
        }
        let (page, id) = Page::of_path(path)?;
        let owner = *request.extensions().get::<OwnerKey>()?;
        Some(Self::Owned { page, id, owner })
    }
}

/// The pages of one's own interview that are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Page {
    /// `/interviews/{id}`: the questions and answers.
    Interview,
    /// `/interviews/{id}/feedback`: the report, its practice and share links.
    Feedback,
}

impl Page {
    /// The page at `path` and its interview (not the set-up of a new one, nor the brief).
    fn of_path(path: &str) -> Option<(Self, InterviewId)> {
        let rest = path.strip_prefix("/interviews/")?;
        let (id, page) = match rest.split_once('/') {
            None => (rest, Self::Interview),
            Some((id, "feedback")) => (id, Self::Feedback),
            Some(_) => return None,
        };
        Some((page, InterviewId(uuid::Uuid::parse_str(id).ok()?)))
    }
}

/// Keeps a fresh render when it can be served again, and returns it.
async fn keep_rendered(cache: &PageCache, key: PageKey, response: Response) -> Response {
    if response.status() != StatusCode::OK || response.headers().contains_key(SET_COOKIE) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "the page's render failed while it was sent");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match CachedPage::from_render(parts.status, &parts.headers, &body) {
        Some(page) => {
            cache.keep(key, page);
            key.tell_the_owner(&mut parts.headers, "miss");
        }
        None => tracing::debug!("a completed interview's page was not kept"),
    }
    Response::from_parts(parts, Body::from(body))
}

/// What a stored page is found by: the page, and when each thing it shows last changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum PageKey {
    Owned {
        page: Page,
        changes: InterviewChanges,
    },
    /// `/share/{token}`: the link (so a revoked one is never served) and its report.
    Shared(SharedChanges),
}

impl PageKey {
    /// Says on the owner's own pages whether the view was served from the cache; not on a
    /// share page, whose visitors would learn from it that someone else viewed it lately.
    fn tell_the_owner(&self, headers: &mut HeaderMap, outcome: &'static str) {
        if matches!(self, Self::Owned { .. }) {
            headers.insert(CACHE_HEADER, HeaderValue::from_static(outcome));
        }
    }
}

struct CachedPage {
    status: StatusCode,
    /// The render's headers but its policy (which holds the nonce) and length.
    headers: HeaderMap,
    policy: NonceTemplate,
    body: NonceTemplate,
}

impl CachedPage {
    /// `None` for a render that cannot be served again: no nonce in its policy (then nothing
    /// would be renewed), not UTF-8, or too big to keep.
    fn from_render(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Option<Self> {
        if body.len() > MAX_KEPT_PAGE_BYTES {
            return None;
        }
        let policy = headers.get(CONTENT_SECURITY_POLICY)?.to_str().ok()?;
        let nonce = policy_nonce(policy)?;
        let body = NonceTemplate::split(std::str::from_utf8(body).ok()?, nonce)?;
        let policy = NonceTemplate::split(policy, nonce)?;
        let mut headers = headers.clone();
        for name in [CONTENT_SECURITY_POLICY, CONTENT_LENGTH, TRANSFER_ENCODING] {
            headers.remove(name);
        }
        Some(Self {
            status,
            headers,
            policy,
            body,
        })
    }

    /// The page with a nonce of its own.
    fn response(&self) -> Option<Response> {
        let nonce = leptos::nonce::Nonce::new();
        let policy = HeaderValue::from_bytes(&self.policy.fill(&nonce)).ok()?;
        let mut response = Response::new(Body::from(self.body.fill(&nonce)));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        let headers = response.headers_mut();
        headers.insert(CONTENT_SECURITY_POLICY, policy);
        Some(response)
    }

    fn len(&self) -> usize {
        self.body.len() + self.policy.len()
    }
}

/// The nonce a Content-Security-Policy allows scripts by (`'nonce-…'`).
fn policy_nonce(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(&policy[start..start + length]).filter(|nonce| !nonce.is_empty())
}

struct StoredPages {
    by_key: LruCache<PageKey, Arc<CachedPage>>,
    bytes: usize,
    budget: usize,
}

impl StoredPages {
    fn insert(&mut self, key: PageKey, page: Arc<CachedPage>) {
        let length = page.len();
        if length > self.budget {
            return;
        }
        if let Some(replaced) = self.by_key.put(key, page) {
            self.bytes -= replaced.len();
        }
        self.bytes += length;
        while self.bytes > self.budget {
            match self.by_key.pop_lru() {
                Some((_, dropped)) => self.bytes -= dropped.len(),
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nonce_the_policy_allows() {
        let policy = "default-src 'self'; script-src 'self' 'nonce-Ab_9-x' 'wasm-unsafe-eval'";
        assert_eq!(policy_nonce(policy), Some("Ab_9-x"));
        assert_eq!(policy_nonce("default-src 'self'"), None);
        assert_eq!(policy_nonce("script-src 'nonce-'"), None);
    }

    #[test]
    fn only_an_interview_s_page_and_its_report_are_looked_up() {
        let id = "0b5f3a39-7d2c-4a59-9a4e-2f0f7c1d2e3f";
        let page = |path: &str| Page::of_path(path).map(|(page, _)| page);
        assert_eq!(page(&format!("/interviews/{id}")), Some(Page::Interview));
        assert_eq!(
            page(&format!("/interviews/{id}/feedback")),
            Some(Page::Feedback)
        );
        for path in [
            format!("/interviews/{id}/brief"),
            format!("/interviews/{id}/feedback/x"),
            "/interviews/new".to_owned(),
            "/".to_owned(),
        ] {
            assert_eq!(page(&path), None, "{path}");
        }
    }

    fn page(bytes: usize) -> CachedPage {
        let headers = HeaderMap::from_iter([(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'nonce-n0'"),
        )]);
        let body = format!("<script nonce=\"n0\"></script>{}", "x".repeat(bytes));
        CachedPage::from_render(StatusCode::OK, &headers, body.as_bytes()).unwrap()
    }

    #[test]
    fn the_least_recently_served_go_first_when_the_budget_is_full() {
        let page_bytes = page(1000).len();
        let mut pages = StoredPages {
            by_key: LruCache::unbounded(),
            bytes: 0,
            budget: page_bytes * 2,
        };
        let key = |n: u128| PageKey::Owned {
            page: Page::Interview,
            changes: InterviewChanges {
                id: InterviewId(uuid::Uuid::from_u128(n)),
                status: InterviewStatus::Completed,
                updated_at: chrono::DateTime::UNIX_EPOCH,
                opened_at: chrono::DateTime::UNIX_EPOCH,
                report_at: None,
                share_links: (0, 0, None),
                attempts: (0, None),
            },
        };
        pages.insert(key(1), Arc::new(page(1000)));
        pages.insert(key(2), Arc::new(page(1000)));
        assert!(pages.by_key.get(&key(1)).is_some());
        pages.insert(key(3), Arc::new(page(1000)));
        assert!(
            pages.by_key.peek(&key(2)).is_none(),
            "2 was served least recently"
        );
        assert!(pages.by_key.peek(&key(1)).is_some() && pages.by_key.peek(&key(3)).is_some());
        assert_eq!(pages.bytes, page_bytes * 2);
        pages.insert(key(4), Arc::new(page(page_bytes * 3)));
        assert!(
            pages.by_key.peek(&key(4)).is_none(),
            "a page over the budget is not kept"
        );
    }

    #[test]
    fn a_served_page_has_a_new_nonce_in_its_policy_and_body() {
        let page = page(10);
        let first = page.response().unwrap();
        let second = page.response().unwrap();
        let nonce_of = |response: &Response| {
            let policy = response.headers()[CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap();
            policy_nonce(policy).unwrap().to_owned()
        };
        assert_ne!(nonce_of(&first), "n0");
        assert_ne!(nonce_of(&first), nonce_of(&second));
        assert_eq!(
            first
                .headers()
                .get_all(CONTENT_SECURITY_POLICY)
                .iter()
                .count(),
            1
        );
        let body = |response: Response| async move {
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await;
            String::from_utf8(bytes.unwrap().to_vec()).unwrap()
        };
        let nonce = nonce_of(&first);
        let first = block_on(body(first));
        assert!(first.starts_with(&format!("<script nonce=\"{nonce}\">")));
        assert!(!first.contains("n0"));
    }

    /// Runs one future to its end on this thread.
    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }
}
