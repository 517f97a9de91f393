//! `/answer-bank`: the owner's best answer to each kind of question they practised again, with
//! the interview it came from. The interview room offers the one that fits an open question
//! as material to adapt. Every answer is rendered as text.

use domain::{BankedAnswer, MAX_SCORE};
use leptos::prelude::*;
use leptos_meta::Meta;

use crate::components::{ErrorNotice, Timestamp};
use crate::page_title::PageTitle;
use crate::server_fns::get_answer_bank;

#[component]
pub(crate) fn AnswerBankPage() -> impl IntoView {
    let bank = Resource::new(|| (), |()| get_answer_bank());
    view! {
        <Meta name="robots" content="noindex" />
        <PageTitle text="Your answer bank" />
        <section class="page answer-bank">
            <p class="eyebrow">"Practice"</p>
            <h1>"Your answer bank"</h1>
            <p class="muted">
                "Your best answer to each kind of question you practised again after an interview. When a later interview asks a question of the same kind, the interview room offers it for you to adapt: it is never sent for you."
            </p>
            <Suspense fallback=|| view! { <p class="muted">"Loading your answers…"</p> }>
                {move || Suspend::new(async move {
                    match bank.await {
                        Ok(answers) if answers.is_empty() => view! {
                            <p class="notice notice--info" id="answer-bank-empty">
                                "Nothing here yet. Open the feedback of a finished interview and try a question again: your best answers collect here."
                            </p>
                        }
                        .into_any(),
                        Ok(answers) => view! {
                            <ul class="answer-bank__list" id="answer-bank">
                                {answers.into_iter().map(|answer| view! { <BankedItem answer /> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn BankedItem(answer: BankedAnswer) -> impl IntoView {
    let source = if answer.from_attempt {
        "practised after the interview"
    } else {
        "given in the interview"
    };
    view! {
        <li class="report-card banked-answer" data-kind=answer.kind.as_str()>
            <h2>{answer.kind.label()}</h2>
            <p class="banked-answer__question">{answer.question}</p>
            <blockquote class="answer-quote"><p class="banked-answer__text">{answer.answer}</p></blockquote>
            <p class="muted small">
                <strong class="banked-answer__score">{format!("{}/{MAX_SCORE}", answer.score)}</strong>
                {format!(" · {source}, for {} at {} · ", answer.job_title, answer.company)}
                <Timestamp at=answer.answered_at />
                " · "
                <a href=format!("/interviews/{}/feedback#practice", answer.interview_id)>"Open that feedback"</a>
            </p>
        </li>
    }
}
