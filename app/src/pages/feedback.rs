//! `/interviews/:id/feedback`: the owner's report. Asking for it queues its writing when
//! needed (idempotent), so a reload just asks again; while it is written the page shows the
//! stage and polls. Once ready: the report, the practice of its questions (`practice`), its
//! export and the share links.

#[cfg(feature = "hydrate")]
mod poll;
mod practice;
mod share;

use domain::{
    Interview, InterviewAttempts, InterviewId, ReportJobStatus, ReportProgress, ShareLink,
};
use leptos::prelude::*;
use leptos_meta::Meta;

use crate::components::{interview_id_param, ErrorNotice, NotFound};
use crate::page_title::PageTitle;
use crate::report::{ExportBar, ReportView};
use crate::server_fns::{
    get_interview, list_attempts, list_shares, request_feedback, PageFeedback,
};
use crate::AppError;
use practice::Practice;
use share::ShareControls;

/// What the page needs: the interview, where its feedback stands (or why there is none,
/// e.g. the interview is not finished), its share links and the practice of its questions
/// (none while the interview is not finished).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct PageData {
    interview: Interview,
    feedback: Result<PageFeedback, AppError>,
    shares: Vec<ShareLink>,
    attempts: Option<InterviewAttempts>,
}

async fn load(id: InterviewId) -> Result<PageData, AppError> {
    let interview = get_interview(id).await?;
    let feedback = request_feedback(id).await;
    let shares = list_shares(id).await?;
    // None while the interview is not finished; any other failure fails the page.
    let attempts = match list_attempts(id).await {
        Ok(attempts) => Some(attempts),
        Err(AppError::Conflict(_)) => None,
        Err(error) => return Err(error),
    };
    Ok(PageData {
        interview,
        feedback,
        shares,
        attempts,
    })
}

#[component]
pub(crate) fn FeedbackPage() -> impl IntoView {
    let id = interview_id_param();
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => Some(load(id).await),
            None => None,
        }
    });
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| view! { <p class="muted">"Loading your feedback…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    None => view! { <NotFound /> }.into_any(),
                    Some(Ok(PageData { interview, feedback, shares, attempts })) => {
                        view! { <FeedbackDetails interview feedback shares attempts /> }.into_any()
                    }
                    Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FeedbackDetails(
    interview: Interview,
    feedback: Result<PageFeedback, AppError>,
    shares: Vec<ShareLink>,
    attempts: Option<InterviewAttempts>,
) -> impl IntoView {
    let id = interview.id;
    let title = format!("{} at {}", interview.job_title, interview.company);
    view! {
        <PageTitle text=format!("Feedback: {title}") />
        <section class="page report-page">
            <p class="eyebrow">"Interview feedback"</p>
            <h1 class="interview-title">{interview.job_title.clone()}</h1>
            <p class="interview-company">{interview.company.clone()}</p>
            <p class="no-print">
                <a href=format!("/interviews/{id}")>"Back to the interview"</a>
            </p>
            {match feedback {
                Ok(feedback) => view! { <FeedbackState id title feedback shares attempts /> }.into_any(),
                Err(error) => view! { <ErrorNotice error /> }.into_any(),
            }}
        </section>
    }
}

/// The report once it is ready; until then the progress of its writing, kept up to date by
/// polling in the browser.
#[component]
fn FeedbackState(
    id: InterviewId,
    title: String,
    feedback: PageFeedback,
    shares: Vec<ShareLink>,
    attempts: Option<InterviewAttempts>,
) -> impl IntoView {
    let (report, progress) = match feedback {
        PageFeedback::Ready(report) => (Some(*report), None),
        PageFeedback::Pending(progress) => (None, Some(progress)),
    };
    let report = RwSignal::new(report);
    let progress = RwSignal::new(progress);
    let error = RwSignal::new(None::<String>);

    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let failed = progress.with_untracked(|p| {
            p.as_ref()
                .is_some_and(|p| p.status == ReportJobStatus::Failed)
        });
        if report.with_untracked(Option::is_none) && !failed {
            poll::watch(
                id,
                poll::Watched {
                    report,
                    progress,
                    error,
                },
                poll::INTERVAL,
            );
        }
    });
    let retry = move || {
        #[cfg(feature = "hydrate")]
        poll::watch(
            id,
            poll::Watched {
                report,
                progress,
                error,
            },
            std::time::Duration::ZERO,
        );
    };

    view! {
        {move || match report.get() {
            Some(report) => view! {
                <ExportBar title=title.clone() report=report.clone() />
                <ReportView report practise=attempts.is_some() />
                {attempts.clone().map(|initial| view! { <Practice id initial /> })}
                <ShareControls id initial=shares.clone() />
            }
            .into_any(),
            None => view! { <ProgressPanel progress error retry /> }.into_any(),
        }}
    }
}

/// The stage and a progress bar, announced politely as they change; a failed job offers to
/// try again (asking again re-queues it).
#[component]
fn ProgressPanel(
    progress: RwSignal<Option<ReportProgress>>,
    error: RwSignal<Option<String>>,
    retry: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let percent = move || progress.with(|p| p.as_ref().map_or(0, |p| p.progress));
    let failed = move || {
        progress.with(|p| {
            p.as_ref()
                .is_some_and(|p| p.status == ReportJobStatus::Failed)
        })
    };
    let retrying = RwSignal::new(false);
    Effect::new(move |_| {
        // A new state from the server ends the wait for the retry.
        progress.track();
        retrying.set(false);
    });
    view! {
        <section class="report-card feedback-progress" id="feedback-progress" aria-labelledby="feedback-progress-heading">
            <h2 id="feedback-progress-heading">"Writing your feedback"</h2>
            <div role="status" aria-live="polite">
                <p id="feedback-stage">
                    {move || progress.with(|p| p.as_ref().map(|p| p.stage.clone()).unwrap_or_default())}
                </p>
                <p class="muted small">
                    {move || {
                        if failed() {
                            String::new()
                        } else {
                            format!("{} % done. You can leave this page: the report is kept and shown when you come back.", percent())
                        }
                    }}
                </p>
            </div>
            <progress max="100" value=percent aria-labelledby="feedback-stage"></progress>
            {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <Show when=failed>
                <button
                    id="feedback-retry"
                    type="button"
                    class="button button--primary"
                    disabled=move || retrying.get()
                    on:click={
                        let retry = retry.clone();
                        move |_| {
                            retrying.set(true);
                            retry();
                        }
                    }
                >
                    "Try again"
                </button>
            </Show>
        </section>
    }
}
