//! `/interviews/:id/brief`: the preparation brief, read before the first question: what the
//! job asks for and what the CV shows of it, the questions most likely to come, the stories
//! worth preparing. Every text is the documents' own or the coach's, rendered as text.

use domain::PreparationBrief;
use leptos::prelude::*;

use crate::components::{interview_id_param, ErrorNotice, NotFound};
use crate::page_title::PageTitle;
use crate::server_fns::get_brief;

#[component]
pub(crate) fn BriefPage() -> impl IntoView {
    let id = interview_id_param();
    let brief = Resource::new(id, |id| async move {
        match id {
            Some(id) => Some((id, get_brief(id).await)),
            None => None,
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Reading your documents…"</p> }>
            {move || Suspend::new(async move {
                match brief.await {
                    Some((id, Ok(brief))) => {
                        view! { <Brief brief back=format!("/interviews/{id}") /> }.into_any()
                    }
                    Some((_, Err(error))) => view! { <ErrorNotice error /> }.into_any(),
                    None => view! { <NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Brief(brief: PreparationBrief, back: String) -> impl IntoView {
    let PreparationBrief {
        job_title,
        company,
        requirements,
        likely_questions,
        stories,
    } = brief;
    let shown = requirements.iter().filter(|r| r.evidence.is_some()).count();
    let total = requirements.len();
    view! {
        <PageTitle text=format!("Preparation brief: {job_title} at {company}") />
        <section class="page brief">
            <p class="eyebrow">"Preparation brief"</p>
            <h1 class="interview-title">{job_title}</h1>
            <p class="interview-company">{company}</p>
            <p class="muted">
                "Read this before the first question. It comes from your CV and the job description alone."
            </p>

            <h2>"What the job asks for"</h2>
            {(total > 0).then(|| view! {
                <p class="muted small" data-testid="brief-coverage">
                    {format!("Your CV shows {shown} of {total}. For each gap, prepare your closest experience and how you would learn the rest.")}
                </p>
            })}
            <ul class="brief__requirements">
                {requirements.into_iter().map(|item| view! {
                    <li class="brief__requirement">
                        <p class="brief__need">{item.requirement}</p>
                        {match item.evidence {
                            Some(line) => view! {
                                <p class="brief__evidence">
                                    <span class="brief__label">"Your CV: "</span>
                                    <q>{line}</q>
                                </p>
                            }.into_any(),
                            None => view! {
                                <p class="brief__gap">"Not in your CV: be ready to say how you would meet it."</p>
                            }.into_any(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
            {(total == 0).then(|| view! {
                <p class="muted">"The job description has no list of requirements we could read."</p>
            })}

            <h2>"Questions likely to come"</h2>
            <ol class="brief__questions">
                {likely_questions.into_iter().map(|question| view! { <li>{question}</li> }).collect_view()}
            </ol>

            <h2>"Stories from your CV worth preparing"</h2>
            {if stories.is_empty() {
                view! {
                    <p class="muted">"Your CV names no result we could find: prepare two stories with a number in them (time saved, people helped, money, errors)."</p>
                }.into_any()
            } else {
                view! {
                    <p class="muted small">"For each: the situation, your task, what you did yourself, and the result."</p>
                    <ul class="brief__stories">
                        {stories.into_iter().map(|story| view! { <li>{story}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}

            <p><a class="button" href=back>"Back to the interview"</a></p>
        </section>
    }
}
