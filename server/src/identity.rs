//! The anonymous owner identity layer. Every request leaves here with an [`OwnerKey`] in its
//! extensions; a browser without a valid owner cookie gets a fresh one on the response.

use axum::extract::{Request, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, SameSite};
use services::{OwnerKey, OwnerToken};

/// The cookie that holds the owner token.
pub const OWNER_COOKIE: &str = "owner";
/// How long a browser keeps its identity without visiting (the most browsers allow).
const COOKIE_MAX_AGE_DAYS: i64 = 400;

#[derive(Clone, Copy, Debug)]
pub struct IdentitySettings {
    /// Mark the cookie `Secure` (the site is served over https).
    pub secure_cookie: bool,
}

/// A handler that gave the browser a new identity (a moved history) puts this in its
/// response's extensions, so no fresh cookie is issued over it.
#[derive(Clone, Copy, Debug)]
pub struct IdentityReplaced;

pub async fn owner_identity(
    State(settings): State<IdentitySettings>,
    mut request: Request,
    next: Next,
) -> Response {
    let (token, issued) = match token_from(request.headers()) {
        Some(token) => (token, false),
        None => (OwnerToken::generate(), true),
    };
    let key: OwnerKey = token.key();
    request.extensions_mut().insert(key);
    request.extensions_mut().insert(settings);
    let mut response = next.run(request).await;
    if issued && response.extensions().get::<IdentityReplaced>().is_none() {
        give_identity(&mut response, &token, settings);
    }
    response
}

/// Sets the owner cookie holding `token` on `response`.
pub fn give_identity(response: &mut Response, token: &OwnerToken, settings: IdentitySettings) {
    let cookie = Cookie::build((OWNER_COOKIE, token.as_str().to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(settings.secure_cookie)
        .max_age(cookie::time::Duration::days(COOKIE_MAX_AGE_DAYS))
        .build();
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(SET_COOKIE, value);
    }
    response.extensions_mut().insert(IdentityReplaced);
}

/// The owner token from the request's cookies, if present and well-formed.
fn token_from(headers: &HeaderMap) -> Option<OwnerToken> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| Cookie::split_parse(value.to_owned()).filter_map(Result::ok))
        .find(|cookie| cookie.name() == OWNER_COOKIE)
        .and_then(|cookie| OwnerToken::parse(cookie.value()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_str(cookie).unwrap());
        headers
    }

    #[test]
    fn finds_the_owner_cookie_among_others() {
        let token = OwnerToken::generate();
        let found = token_from(&headers(&format!(
            "theme=dark; owner={}; x=1",
            token.as_str()
        )));
        assert_eq!(found, Some(token));
    }

    #[test]
    fn ignores_missing_or_forged_cookies() {
        assert_eq!(token_from(&HeaderMap::new()), None);
        assert_eq!(token_from(&headers("owner=guess")), None);
        assert_eq!(token_from(&headers("other=1")), None);
    }
}
