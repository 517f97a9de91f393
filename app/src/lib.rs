//! The Leptos UI, rendered on the server and hydrated in the browser.
//!
//! - `pages/`: one module per route.
//! - `components/`: pieces shared by pages.
//! - `report/`: the feedback report, shared by the feedback page and share links.
//! - `server_fns`: the `#[server]` functions, thin adapters over `services`.
//! - `error`: the error type the browser sees.

// Leptos views are nested generic types; the report's sections (lists of items holding
// optional lists) go past rustc's default query depth of 128 when the browser bundle computes
// their hydration futures.
#![recursion_limit = "256"]

mod codec;
mod components;
mod documents;
pub mod error;
mod page_title;
mod pages;
#[cfg(feature = "ssr")]
pub mod preload;
mod report;
mod room;
pub mod server_fns;

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

pub use error::AppError;
/// The export as Markdown: the server's `GET /api/v1/export/markdown` writes it with the
/// report's own escaping.
pub use report::markdown::export_markdown;

/// The name cargo-leptos gives the JS, WASM and CSS bundles (`[[workspace.metadata.leptos]]`).
pub const BUNDLE_NAME: &str = "interview-simulator";

/// The HTML document around the app, rendered on the server only. `inline_css` is the built
/// stylesheet when the server could read it: inlined, the first paint does not wait for a
/// second request (and neither does hydration, since module scripts wait for stylesheets).
///
/// `chunk_preloads` (server side, from the split manifest of the release build) adds preload
/// tags for the split loader and the WASM chunks of the page's lazy route, and the same list
/// (main bundle first) as a `Link` response header.
pub fn shell(
    options: LeptosOptions,
    inline_css: Option<Arc<str>>,
    #[cfg(feature = "ssr")] chunk_preloads: Option<Arc<preload::ChunkPreloads>>,
) -> impl IntoView {
    // Our hydration script when the build's file names are known, else Leptos's.
    let leptos_hydration_script =
        || view! { <HydrationScripts options=options.clone() /> }.into_any();
    #[cfg(feature = "ssr")]
    let hydration_script = chunk_preloads
        .as_ref()
        .and_then(|preloads| preloads.hydration_script())
        .map_or_else(leptos_hydration_script, IntoAny::into_any);
    #[cfg(not(feature = "ssr"))]
    let hydration_script = leptos_hydration_script();
    #[cfg(feature = "ssr")]
    let chunk_tags = chunk_preloads.map(|preloads| preloads.tags());
    #[cfg(not(feature = "ssr"))]
    let chunk_tags: Option<()> = None;
    #[cfg(feature = "ssr")]
    let policy = set_content_security_policy();
    #[cfg(not(feature = "ssr"))]
    let policy: Option<String> = None;
    // Also in the document: the policy holds even where a response loses the header.
    let policy_meta = policy.map(|policy| {
        view! { <meta http-equiv="Content-Security-Policy" content=policy /> }
    });
    let stylesheet = match inline_css {
        // Our own build output, not user text: safe as raw text (escaping would break `>`).
        Some(css) => view! {
            <style id="leptos" nonce=leptos::nonce::use_nonce() inner_html=css.to_string()></style>
        }
        .into_any(),
        None => view! { <HashedStylesheet options=options.clone() id="leptos" /> }.into_any(),
    };
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                {policy_meta}
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                // The bundle's file names carry a content hash in release builds, so browsers
                // may cache them for a year; the tags read the names from the build.
                {stylesheet}
                {hydration_script}
                {chunk_tags}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy: scripts and styles only from this site or carrying
/// this render's nonce (Leptos puts it on its inline scripts), WASM allowed to compile, no
/// plugins, forms and connections to this site only. Sent as a header (with
/// `frame-ancestors`, which only headers can carry) and returned for the document's `<meta>`.
#[cfg(feature = "ssr")]
fn set_content_security_policy() -> Option<String> {
    let nonce = leptos::nonce::use_nonce()?;
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self' data: blob:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'"
    );
    let header = format!("{policy}; frame-ancestors 'none'");
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&header),
    ) {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
    Some(policy)
}

/// Marks the moment the page became interactive, which the end-to-end tests and the
/// first-load benchmark wait for: `data-hydrated` on `<body>`, and the `hydrated` performance
/// mark that `make bench` reports as time to hydration. The entry point (`frontend`) calls it
/// once the whole body has hydrated, the lazy route included (which waits for its chunks).
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
    if let Some(performance) = window().performance() {
        let _ = performance.mark("hydrated");
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <page_title::SiteTitle />
        <Router>
            <components::SiteHeader />
            <main id="main" class="container">
                <Routes fallback=|| view! { <components::NotFound /> }>
                    <Route path=path!("/") view=pages::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/move") view=pages::MovePage />
                    <Route path=path!("/move/:code") view=pages::MovePage />
                    <Route path=path!("/interviews/new") view={Lazy::<pages::InterviewPages>::new()} />
                    <Route path=path!("/interviews/:id") view={Lazy::<pages::InterviewPages>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/interviews/:id/brief") view={Lazy::<pages::InterviewPages>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/interviews/:id/feedback") view={Lazy::<pages::ReportPages>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/share/:token") view={Lazy::<pages::ReportPages>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/answer-bank") view={Lazy::<pages::ReportPages>::new()} ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}
