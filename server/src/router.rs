//! The whole HTTP surface in one place: health, the JSON API, Leptos pages and server
//! functions, static files, and the layers every request passes through.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::Method;
use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::{get, on, post, MethodFilter, MethodRouter};
use axum::{middleware, Router};
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list_with_exclusions, LeptosRoutes};
use services::{Config, Services};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::identity::{owner_identity, IdentitySettings};
use crate::metrics::{self, MetricsEndpoint};
use crate::page_cache::{self, PageCache};
use crate::rate_limit::{Caller, Cost, RateLimiting};
use crate::security::{self, Site};
use crate::state::{AppState, PublicUrl};
use crate::{api, health, move_form};

pub fn build_router(config: &Config, services: Services) -> Router {
    let metrics_endpoint = MetricsEndpoint {
        handle: metrics::handle(),
        services: services.clone(),
        token: config.metrics_token.clone(),
    };
    let rate_limiting = RateLimiting::new(config.rate_limits, config.client_ip_header.clone());
    let site = Site::from_public_url(&config.public_url);
    let hashed_bundle = bundle_is_hashed();
    let leptos_options = LeptosOptions::builder()
        .output_name(app::BUNDLE_NAME)
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.bind_addr)
        .env(Env::PROD)
        .hash_files(hashed_bundle)
        .build();
    let state = AppState::new(
        leptos_options,
        services.clone(),
        PublicUrl(config.public_url.clone()),
    );
    // Every SSR render and server function call gets the services through the context.
    let provide_services = move || provide_context(services.clone());
    let inline_css = bundle_css(&config.site_root, hashed_bundle);
    let chunk_preloads = chunk_preloads(&config.site_root, hashed_bundle);
    let shell = {
        let (options, inline_css, preloads) = (
            state.leptos_options.clone(),
            inline_css.clone(),
            chunk_preloads.clone(),
        );
        move || app::shell(options.clone(), inline_css.clone(), preloads.clone())
    };

    // Pages, server functions and static files: bodies are small forms. The costly server
    // functions are left out of Leptos's routes and declared here with their cost.
    let costly = costly_server_functions(&state, provide_services.clone(), &rate_limiting);
    let excluded = costly.iter().map(|(path, _)| path.to_string()).collect();
    let pages = costly
        .into_iter()
        .fold(Router::new(), |pages, (path, routes)| {
            pages.route(path, routes)
        })
        .route(
            "/move",
            post(move_form::redeem).with_state(state.services.clone()),
        )
        .leptos_routes_with_context(
            &state,
            generate_route_list_with_exclusions(app::App, Some(excluded)),
            provide_services.clone(),
            shell,
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide_services, move |options| {
            app::shell(options, inline_css.clone(), chunk_preloads.clone())
        }))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        // After identity (which is outside): a page is kept for, and served to, its owner.
        .layer(middleware::from_fn_with_state(
            PageCache::new(state.services.clone(), config.page_cache_bytes),
            page_cache::serve,
        ));

    Router::new()
        .nest_service("/pkg", bundle_files(&config.site_root, hashed_bundle))
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .merge(
            Router::new()
                .route("/metrics", get(metrics::render))
                .with_state(metrics_endpoint),
        )
        .merge(api::routes(config.max_body_bytes, &rate_limiting))
        .merge(pages)
        .layer(middleware::from_fn_with_state(
            IdentitySettings {
                secure_cookie: config.serves_https(),
            },
            owner_identity,
        ))
        // Before identity: a refused cross-site write gets no cookie and touches nothing.
        .layer(middleware::from_fn_with_state(
            site.clone(),
            security::same_site_writes,
        ))
        .layer(middleware::from_fn_with_state(
            site,
            security::security_headers,
        ))
        // The last route-level layer: it sees every refusal above, and the matched route.
        .layer(middleware::from_fn(metrics::track_requests))
        // Outermost first: a request id, a log span carrying it, the id echoed on the
        // response, compression and a time limit. Body limits are set per route: small
        // everywhere, larger for document uploads.
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(request_span)
                        .on_response(DefaultOnResponse::new().level(Level::INFO)),
                )
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(CompressionLayer::new())
                .layer(middleware::map_response(explain_timeout))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    config.request_timeout,
                )),
        )
        .with_state(state)
}

/// The pages' server functions that cost an LLM call or a document read, by their path, each
/// behind its rate limit; served as Leptos would serve them. The classification of every
/// server function is checked by `tests/rate_limits.rs`, so a new costly one cannot be
/// forgotten here.
fn costly_server_functions(
    state: &AppState,
    provide_services: impl Fn() + Clone + Send + Sync + 'static,
    rate_limiting: &RateLimiting,
) -> Vec<(&'static str, MethodRouter<AppState>)> {
    use app::server_fns::{PasteDocument, RequestFeedback, StartInterview, SubmitAnswer};
    use leptos::server_fn::ServerFn;

    let costs = [
        (StartInterview::PATH, Cost::Llm),
        (SubmitAnswer::PATH, Cost::Llm),
        (PasteDocument::PATH, Cost::Document),
        (RequestFeedback::PATH, Cost::Feedback),
    ];
    let methods: std::collections::HashMap<_, _> =
        leptos::server_fn::axum::server_fn_paths().collect();
    costs
        .into_iter()
        .map(|(path, cost)| {
            // The context Leptos gives its own server function routes: the state, the services.
            let (state, provide_services) = (state.clone(), provide_services.clone());
            let context = move || {
                provide_context(state.clone());
                provide_services();
            };
            let handler = move |request: Request| {
                leptos_axum::handle_server_fns_with_context(context.clone(), request)
            };
            let method = methods.get(path).cloned().unwrap_or(Method::POST);
            let filter = MethodFilter::try_from(method).unwrap_or(MethodFilter::POST);
            let routes = rate_limiting.limit(cost, Caller::Page, on(filter, handler));
            (path, routes)
        })
        .collect()
}

/// The release build names the bundle's files by content hash and writes the hashes to
/// `hash.txt` beside the server binary (cargo-leptos `hash-files`). Without it (a debug build,
/// the tests) the plain names are used.
fn bundle_is_hashed() -> bool {
    hash_file().is_some_and(|path| path.is_file())
}

fn hash_file() -> Option<std::path::PathBuf> {
    Some(std::env::current_exe().ok()?.parent()?.join("hash.txt"))
}

/// The built stylesheet, read once, for the pages to inline; `None` (the pages then link it)
/// when there is no build to read, as in the tests.
fn bundle_css(site_root: &str, hashed: bool) -> Option<Arc<str>> {
    let name = if hashed {
        let hashes = std::fs::read_to_string(hash_file()?).ok()?;
        let hash = hashes
            .lines()
            .find_map(|line| line.strip_prefix("css:"))?
            .trim()
            .to_owned();
        format!("{}.{hash}.css", app::BUNDLE_NAME)
    } else {
        format!("{}.css", app::BUNDLE_NAME)
    };
    let path = std::path::Path::new(site_root).join("pkg").join(name);
    match std::fs::read_to_string(&path) {
        Ok(css) => Some(css.into()),
        Err(error) => {
            tracing::debug!(path = %path.display(), %error, "stylesheet not inlined; pages link it");
            None
        }
    }
}

/// The lazy routes' chunk lists, read once from the split manifest the release build wrote
/// (its name and the loader's carry hashes from hash.txt); `None` without a split build.
fn chunk_preloads(site_root: &str, hashed: bool) -> Option<Arc<app::preload::ChunkPreloads>> {
    let bundle = app::BUNDLE_NAME;
    let (manifest, loader, js, wasm) = if hashed {
        let hashes = std::fs::read_to_string(hash_file()?).ok()?;
        let hash_of = |name: &str| {
            hashes.lines().find_map(|line| {
                let (file, hash) = line.split_once(':')?;
                (file.trim() == name).then(|| hash.trim().to_owned())
            })
        };
        (
            format!("__wasm_split_manifest.{}.json", hash_of("manifest")?),
            format!("__wasm_split.{}.js", hash_of("split")?),
            format!("{bundle}.{}.js", hash_of("js")?),
            format!("{bundle}.{}.wasm", hash_of("wasm")?),
        )
    } else {
        (
            "__wasm_split_manifest.json".to_owned(),
            "__wasm_split.______________________.js".to_owned(),
            format!("{bundle}.js"),
            format!("{bundle}.wasm"),
        )
    };
    let path = std::path::Path::new(site_root).join("pkg").join(manifest);
    let text = std::fs::read_to_string(&path).ok()?;
    let preloads = app::preload::ChunkPreloads::from_manifest(&text, "/pkg", &loader)
        .map(|preloads| preloads.with_main_bundle("/pkg", &js, &wasm));
    if preloads.is_none() {
        tracing::warn!(path = %path.display(), "the split manifest is not readable; no chunk preloads");
    }
    preloads.map(Arc::new)
}

/// `/pkg`: the JS, WASM and CSS bundle, served from the gzip and brotli files the release
/// build wrote beside them when the browser accepts those. Hashed names never change content,
/// so browsers keep them for a year without asking again; plain names must be revalidated.
fn bundle_files(site_root: &str, hashed: bool) -> Router {
    let cache_control = if hashed {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    };
    let files = ServeDir::new(std::path::Path::new(site_root).join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    // Only found files: a 404 cached for a year would outlive the deploy that fixes it.
    let for_found_files = move |response: &axum::response::Response| {
        response
            .status()
            .is_success()
            .then(|| cache_control.clone())
    };
    Router::new()
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            for_found_files,
        ))
}

/// The time limit answers with a bare 408; give it the API's error body, so every client
/// reads the same shape and a person learns what happened.
async fn explain_timeout(response: axum::response::Response) -> axum::response::Response {
    if response.status() != StatusCode::REQUEST_TIMEOUT
        || response.headers().contains_key(header::CONTENT_TYPE)
    {
        return response;
    }
    use axum::response::IntoResponse;
    crate::error::ApiError::new(
        StatusCode::REQUEST_TIMEOUT,
        crate::error::ErrorCode::Timeout,
        "This request took too long and was stopped. Please try again.",
    )
    .into_response()
}

fn request_span(request: &Request) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-");
    // The path only: query strings may carry user input.
    tracing::info_span!(
        "request",
        request_id,
        method = %request.method(),
        path = %request.uri().path(),
    )
}
