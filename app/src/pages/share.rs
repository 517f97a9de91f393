//! `/share/:token`: a report behind a share link, read-only, for anyone who has the link. An
//! unknown or revoked token is the 404 page. Link previews get the job, the score and the
//! summary (Open Graph, Twitter); search engines are asked not to index it.

use domain::SharedReport;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::components::{Day, ErrorNotice};
use crate::page_title::PageTitle;
use crate::report::{score_phrase, ExportBar, ReportView};
use crate::server_fns::open_shared_report;

/// Link previews cut descriptions off anyway; this keeps ours whole-word and short.
const PREVIEW_CHARS: usize = 200;

#[component]
pub(crate) fn SharePage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    send_no_referrer();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let shared = Resource::new(token, open_shared_report);
    view! {
        <Meta name="robots" content="noindex" />
        // Also in the document, for a share page reached by navigating inside the app.
        <Meta name="referrer" content="no-referrer" />
        <Suspense fallback=|| view! { <p class="muted">"Loading the report…"</p> }>
            {move || Suspend::new(async move {
                match shared.await {
                    Ok(shared) => view! { <SharedReportPage shared /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SharedReportPage(shared: SharedReport) -> impl IntoView {
    let SharedReport {
        job_title,
        company,
        report,
        expires_at,
    } = shared;
    let title = format!("{job_title} at {company}");
    let preview_title = format!("Interview feedback: {title}");
    let description = preview_description(&score_phrase(&report.overall), &report.summary);
    view! {
        <PageTitle text=preview_title.clone() />
        <Meta property="og:title" content=preview_title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:type" content="website" />
        <Meta name="twitter:card" content="summary" />
        <Meta name="twitter:title" content=preview_title />
        <Meta name="twitter:description" content=description />
        <section class="page report-page">
            <p class="eyebrow">"Interview feedback"</p>
            <h1 class="interview-title">{job_title}</h1>
            <p class="interview-company">{company}</p>
            <p class="muted small">"A practice interview report, shared read-only by the candidate."</p>
            {expires_at.map(|at| view! {
                <p class="muted small" id="share-expiry">
                    "This report will be deleted on " <Day at />
                    " unless its owner opens the interview before then."
                </p>
            })}
            <ExportBar title report=report.clone() />
            <ReportView report />
        </section>
    }
}

/// The share link's token is in this page's address: no request from it, not even to our own
/// site, carries the address as `Referer` (the other pages send it to our own site only).
#[cfg(feature = "ssr")]
pub(super) fn send_no_referrer() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            axum::http::header::REFERRER_POLICY,
            axum::http::HeaderValue::from_static("no-referrer"),
        );
    }
}

/// "Score 7/10. <summary>", shortened at a word to [`PREVIEW_CHARS`].
fn preview_description(score: &str, summary: &str) -> String {
    let full = format!(
        "Score {score}. {}",
        summary.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    if full.chars().count() <= PREVIEW_CHARS {
        return full;
    }
    let cut: String = full.chars().take(PREVIEW_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > PREVIEW_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::preview_description;

    #[test]
    fn previews_are_short_and_start_with_the_score() {
        assert_eq!(
            preview_description("7/10", "Solid.\nClear."),
            "Score 7/10. Solid. Clear."
        );
        let long = "word ".repeat(100);
        let preview = preview_description("not enough evidence", &long);
        assert!(preview.starts_with("Score not enough evidence. word"));
        assert!(preview.ends_with("word…"));
        assert!(preview.chars().count() <= 200);
    }
}
