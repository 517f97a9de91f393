//! What handlers can extract with `State<…>`: a leaf module, so the router, the API and the
//! middleware all import it without importing each other.

use std::ops::Deref;
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use services::Services;

/// Shared behind one `Arc`: axum clones a route's state for every request the route sees,
/// including those a middleware in front answers (a page from the cache), and the services
/// are dozens of handles.
#[derive(Clone)]
pub(crate) struct AppState(Arc<SharedState>);

pub(crate) struct SharedState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub public_url: PublicUrl,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, services: Services, public_url: PublicUrl) -> Self {
        Self(Arc::new(SharedState {
            leptos_options,
            services,
            public_url,
        }))
    }
}

impl Deref for AppState {
    type Target = SharedState;

    fn deref(&self) -> &SharedState {
        &self.0
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for Services {
    fn from_ref(state: &AppState) -> Self {
        state.services.clone()
    }
}

impl FromRef<AppState> for PublicUrl {
    fn from_ref(state: &AppState) -> Self {
        state.public_url.clone()
    }
}

/// Where users reach the site (`PUBLIC_URL`), for links the API hands out.
#[derive(Clone, Debug)]
pub(crate) struct PublicUrl(pub String);
