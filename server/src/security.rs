//! Browser-facing defences that apply to every request: writes only from our own pages
//! (cross-site request forgery), and the security headers on every response.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, ErrorCode};

/// The site's own origin (`scheme://host[:port]` of `PUBLIC_URL`) and whether it is https.
#[derive(Clone, Debug)]
pub(crate) struct Site {
    origin: String,
    https: bool,
}

impl Site {
    pub fn from_public_url(public_url: &str) -> Self {
        let after_scheme = public_url.find("://").map_or(0, |at| at + 3);
        let end = public_url[after_scheme..]
            .find('/')
            .map_or(public_url.len(), |at| after_scheme + at);
        Self {
            origin: public_url[..end].to_ascii_lowercase(),
            https: public_url.starts_with("https://"),
        }
    }
}

/// Refuses a state-changing request that a browser sent from another site. Browsers say where
/// a request comes from in `Sec-Fetch-Site` (trusted: pages cannot set it) or, in older ones,
/// `Origin`; a request with neither is not from a browser, so it cannot carry a victim's
/// cookie without the victim's client choosing to, and is let through.
pub(crate) async fn same_site_writes(
    State(site): State<Site>,
    request: Request,
    next: Next,
) -> Response {
    if is_safe(request.method()) || comes_from(&site, request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(
        method = %request.method(),
        path = %request.uri().path(),
        "cross-site write refused"
    );
    ApiError::new(
        axum::http::StatusCode::FORBIDDEN,
        ErrorCode::CrossSiteRequest,
        "This request came from another site and was refused. Use Interview Simulator's own pages.",
    )
    .into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn comes_from(site: &Site, headers: &HeaderMap) -> bool {
    if let Some(fetch_site) = headers.get("sec-fetch-site") {
        // `none`: the user typed the address or used a bookmark.
        return matches!(fetch_site.as_bytes(), b"same-origin" | b"none");
    }
    match headers.get(header::ORIGIN) {
        Some(origin) => origin
            .to_str()
            .is_ok_and(|origin| origin.eq_ignore_ascii_case(&site.origin)),
        None => true,
    }
}

/// Pages set their own Content-Security-Policy (it carries the render's nonce, see
/// `app::shell`); everything else (JSON, files) gets one that allows nothing, since none of
/// it should ever run as a document.
const NOTHING_RUNS: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

pub(crate) async fn security_headers(
    State(site): State<Site>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // Pages carry their own policy in a `<meta>` as well, which a deny-all header would
    // override; every other response gets the deny-all one.
    let is_page = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/html"));
    let mut set = |name: header::HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    };
    if !is_page {
        set(header::CONTENT_SECURITY_POLICY, NOTHING_RUNS);
    }
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Share links carry their token in the URL: no page may leak it to another site. Our own
    // pages still get the Referer: a form posted without JavaScript is sent back to it.
    set(header::REFERRER_POLICY, "same-origin");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    // The microphone is for dictation on our own pages; nothing else is needed.
    set(
        header::HeaderName::from_static("permissions-policy"),
        "microphone=(self), camera=(), geolocation=(), payment=(), usb=()",
    );
    if site.https {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    header::HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    #[test]
    fn the_origin_is_scheme_host_and_port_of_the_public_url() {
        let site = Site::from_public_url("https://Practice.Example.com:8443/app");
        assert_eq!(site.origin, "https://practice.example.com:8443");
        assert!(site.https);
        assert_eq!(
            Site::from_public_url("http://127.0.0.1:3000").origin,
            "http://127.0.0.1:3000"
        );
    }

    #[test]
    fn browsers_are_judged_by_fetch_metadata_then_origin() {
        let site = Site::from_public_url("https://practice.example.com");
        assert!(comes_from(
            &site,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(!comes_from(
            &site,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(!comes_from(
            &site,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
        // Fetch metadata wins over an Origin that a non-browser could have copied.
        assert!(!comes_from(
            &site,
            &headers(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://practice.example.com")
            ])
        ));
        assert!(comes_from(
            &site,
            &headers(&[("origin", "https://practice.example.com")])
        ));
        assert!(!comes_from(
            &site,
            &headers(&[("origin", "https://evil.example")])
        ));
        assert!(!comes_from(&site, &headers(&[("origin", "null")])));
        assert!(comes_from(&site, &HeaderMap::new()));
    }
}
