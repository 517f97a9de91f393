//! Small pieces shared by several pages.

use chrono::{DateTime, Utc};
use domain::{InterviewId, InterviewStatus};
use leptos::prelude::*;

use crate::page_title::PageTitle;
use crate::AppError;

/// The `:id` of the current route as an interview id; `None` when it is malformed (the page
/// then shows the 404, as for a missing interview).
pub fn interview_id_param() -> impl Fn() -> Option<InterviewId> + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|raw| raw.parse::<InterviewId>().ok())
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="container site-header__inner">
                <a class="brand" href="/">"Interview Simulator"</a>
                <nav aria-label="Main">
                    <a href="/">"Your interviews"</a>
                    <a href="/answer-bank">"Answer bank"</a>
                    <a class="button button--primary" href="/interviews/new">"New interview"</a>
                </nav>
            </div>
        </header>
    }
}

/// The page for anything missing or not the caller's. On the server it also sets the 404
/// status, so the two cases look the same from outside.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageTitle text="Not found" />
        <section class="page not-found">
            <h1>"Page not found"</h1>
            <p>
                "There is nothing here. If you followed a link to an interview, it may have been deleted, or it was created in another browser: interviews are private to the browser that made them."
            </p>
            <p>
                <a class="button" href="/">"Go to your interviews"</a>
            </p>
        </section>
    }
}

/// Shows an error that is not about one input field. Not-found errors get the full 404 page;
/// a failure on our side is also a 500 on the server, so no cache takes the page for a good one.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if matches!(error, AppError::Internal) {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        }
    }
    match error {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        other => view! {
            <div class="notice notice--error" role="alert">
                {other.to_string()}
            </div>
        }
        .into_any(),
    }
}

#[component]
pub fn StatusBadge(status: InterviewStatus) -> impl IntoView {
    view! { <span class=format!("badge badge--{}", status.as_str())>{status.label()}</span> }
}

/// A timestamp rendered the same on server and client (UTC), so hydration matches.
#[component]
pub fn Timestamp(at: DateTime<Utc>) -> impl IntoView {
    view! {
        <time datetime=at.to_rfc3339()>{at.format("%-d %b %Y, %H:%M UTC").to_string()}</time>
    }
}

/// A day, as the retention dates are given: "2 Mar 2027".
#[component]
pub fn Day(at: DateTime<Utc>) -> impl IntoView {
    view! { <time datetime=at.to_rfc3339()>{at.format("%-d %b %Y").to_string()}</time> }
}
