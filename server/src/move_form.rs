//! `POST /move`: the move page's form (it works without JavaScript). Redeems the code like
//! `POST /api/v1/moves/redeem`, then sends the browser to its history with the new identity;
//! a code that does not work sends it back to the form, the code still in it.

use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use services::{Error, OwnerKey, Services};

use crate::identity::{give_identity, IdentitySettings};

#[derive(Deserialize)]
pub struct MoveForm {
    code: String,
}

pub async fn redeem(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    Extension(settings): Extension<IdentitySettings>,
    Form(form): Form<MoveForm>,
) -> Response {
    match services.redeem_move_code(&form.code, &owner).await {
        Ok((token, moved)) => {
            let mut response = see_other(&format!("/?moved={}", moved.interviews));
            give_identity(&mut response, &token, settings);
            response
        }
        Err(Error::NotFound) => {
            // Only letters, digits and dashes go back into the address.
            let typed: String = form
                .code
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(32)
                .collect();
            see_other(&format!("/move/{typed}?failed=1"))
        }
        Err(error) => {
            tracing::error!(%error, "moving a history failed");
            see_other("/move?failed=2")
        }
    }
}

fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}
