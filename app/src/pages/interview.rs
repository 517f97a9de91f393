//! `/interviews/:id`: one interview.

use domain::{Interview, InterviewStatus};
use leptos::prelude::*;

use crate::components::{interview_id_param, Day, ErrorNotice, NotFound, StatusBadge, Timestamp};
use crate::documents::DocumentSetup;
use crate::page_title::PageTitle;
use crate::room::InterviewRoom;
use crate::server_fns::get_interview;

#[component]
pub(crate) fn InterviewPage() -> impl IntoView {
    let id = interview_id_param();
    let interview = Resource::new(id, |id| async move {
        match id {
            Some(id) => Some(get_interview(id).await),
            None => None,
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading the interview…"</p> }>
            {move || Suspend::new(async move {
                match interview.await {
                    None => view! { <NotFound /> }.into_any(),
                    Some(Ok(interview)) => view! { <InterviewDetails interview /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InterviewDetails(interview: Interview) -> impl IntoView {
    let status = RwSignal::new(interview.status);
    // A memo, so the set-up panels are not rebuilt when the status moves between
    // "not ready" and "ready", only when the interview starts.
    let in_setup = Memo::new(move |_| {
        matches!(
            status.get(),
            InterviewStatus::NotReady | InterviewStatus::Ready
        )
    });
    let id = interview.id;
    // Shown here and changed by the set-up's picker.
    let language = RwSignal::new((interview.language, interview.language_chosen));
    view! {
        <PageTitle text=format!("{} at {}", interview.job_title, interview.company) />
        <section class="page">
            <p class="eyebrow">"Practice interview"</p>
            <h1 class="interview-title">{interview.job_title.clone()}</h1>
            <p class="interview-company">{interview.company.clone()}</p>
            <dl class="facts">
                <div>
                    <dt>"Status"</dt>
                    <dd>{move || view! { <StatusBadge status=status.get() /> }}</dd>
                </div>
                <div>
                    <dt>"Kind"</dt>
                    <dd>{interview.kind.label()}</dd>
                </div>
                <div>
                    <dt>"Seniority"</dt>
                    <dd>{interview.seniority.label()}</dd>
                </div>
                <div>
                    <dt>"Language"</dt>
                    <dd id="interview-language-fact" lang=move || language.get().0.tag()>
                        {move || language.get().0.label()}
                    </dd>
                </div>
                <div>
                    <dt>"Questions"</dt>
                    <dd>{interview.question_count}</dd>
                </div>
                <div>
                    <dt>"Created"</dt>
                    <dd><Timestamp at=interview.created_at /></dd>
                </div>
                {interview.expires_at.map(|at| view! {
                    <div>
                        <dt>"Kept until"</dt>
                        <dd id="kept-until" title="Opening the interview keeps it longer"><Day at /></dd>
                    </div>
                })}
            </dl>
        </section>
        <Show when=move || in_setup.get() fallback=move || view! { <InterviewRoom id status /> }>
            <DocumentSetup id status language />
        </Show>
    }
}
