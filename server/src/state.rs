//! What handlers can extract with `State<…>`: a leaf module, so the router, the API and the
//! middleware all import it without importing each other.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use services::Services;

#[derive(Clone, FromRef)]
pub(crate) struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub public_url: PublicUrl,
}

/// Where users reach the site (`PUBLIC_URL`), for links the API hands out.
#[derive(Clone, Debug)]
pub(crate) struct PublicUrl(pub String);
