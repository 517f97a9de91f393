//! `/`: the browser's interviews, newest first.

use domain::InterviewSummary;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{ErrorNotice, StatusBadge, Timestamp};
use crate::server_fns::list_interviews;

#[component]
pub fn HomePage() -> impl IntoView {
    let interviews = Resource::new(|| (), |_| list_interviews());
    view! {
        <Title text="Your interviews" />
        <section class="page">
            <div class="page__head">
                <h1>"Your practice interviews"</h1>
            </div>
            <Suspense fallback=|| view! { <p class="muted">"Loading your interviews…"</p> }>
                {move || Suspend::new(async move {
                    match interviews.await {
                        Ok(list) if list.is_empty() => view! { <EmptyState /> }.into_any(),
                        Ok(list) => view! { <InterviewList interviews=list /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <div class="empty-state">
            <h2>"Rehearse the interview for the job you want"</h2>
            <p>
                "Tell us the job title and company, add your CV and the job description, and an interviewer who has read both asks you up to eight questions, each building on your last answer. At the end you get a scored report: what worked, what was missing, and how to improve your CV for this role."
            </p>
            <a class="button button--primary" href="/interviews/new">"Set up your first interview"</a>
        </div>
    }
}

#[component]
fn InterviewList(interviews: Vec<InterviewSummary>) -> impl IntoView {
    view! {
        <ul class="interview-list" aria-label="Your interviews">
            {interviews
                .into_iter()
                .map(|interview| {
                    view! {
                        <li class="interview-card">
                            <a class="interview-card__link" href=format!("/interviews/{}", interview.id)>
                                <span class="interview-card__title">{interview.job_title}</span>
                                <span class="interview-card__company">{interview.company}</span>
                            </a>
                            <div class="interview-card__meta">
                                <StatusBadge status=interview.status />
                                <Timestamp at=interview.created_at />
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
