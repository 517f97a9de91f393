//! Material from the answer bank for the open question: the owner's best answer to a question
//! of the same kind, given in another interview, shown beside the answer box. It goes into
//! the answer only when the candidate inserts it, to adapt before sending; nothing is sent
//! for them.

use domain::{BankedAnswer, InterviewId, QuestionId, MAX_SCORE};
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::server_fns::bank_material;

#[component]
pub fn BankMaterial(
    id: InterviewId,
    question: QuestionId,
    on_insert: Callback<String>,
) -> impl IntoView {
    let material = RwSignal::new(None::<BankedAnswer>);
    // Asked after hydration: the room renders the same on the server and in the browser, and
    // the material is a help beside the question, never what the page waits for.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(found) = bank_material(id, question).await {
                material.set(found);
            }
        });
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (id, question);
    move || {
        material.get().map(|answer| {
            let text = answer.answer.clone();
            view! {
                <aside class="bank-material" id="bank-material" aria-labelledby="bank-material-heading">
                    <h3 id="bank-material-heading">"From your answer bank"</h3>
                    <p class="muted small">
                        {format!(
                            "Your best answer to a similar question, for {} at {} ({}/{MAX_SCORE}). Insert it to adapt it to this job: it is only sent if you send it.",
                            answer.job_title, answer.company, answer.score
                        )}
                    </p>
                    <p class="muted small bank-material__question">{answer.question}</p>
                    <blockquote class="answer-quote"><p id="bank-material-text">{answer.answer}</p></blockquote>
                    <button
                        id="insert-bank-material"
                        type="button"
                        class="button"
                        on:click=move |_| on_insert.run(text.clone())
                    >
                        "Insert into my answer"
                    </button>
                </aside>
            }
        })
    }
}
