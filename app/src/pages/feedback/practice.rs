//! The feedback page's practice section: each answered question can be answered again. An
//! attempt is scored on its own by the same local analysis as the report and shown beside the
//! answer from the interview, with what improved and what still lacks; the overall score with
//! each question's best answer is shown next to the report's. The new answer is kept in local
//! storage until the server has stored it, and sent with one client id per text, so a double
//! click or a retry stores it once. Every text is rendered as text.

use domain::{
    Attempt, InterviewAttempts, InterviewId, NewAttempt, QuestionAttempts, MAX_ANSWER_CHARS,
    MAX_SCORE,
};
use leptos::prelude::*;
use uuid::Uuid;

use crate::server_fns::{create_attempt, list_attempts};
use crate::AppError;

/// Local storage of the attempt being written, per interview and question.
#[cfg(feature = "hydrate")]
mod draft {
    use domain::InterviewId;

    use crate::room::browser::storage;

    fn key(id: InterviewId, number: u8) -> String {
        format!("interview-simulator:attempt-draft:{id}:{number}")
    }

    pub fn load(id: InterviewId, number: u8) -> Option<String> {
        storage()?
            .get_item(&key(id, number))
            .ok()
            .flatten()
            .filter(|text| !text.is_empty())
    }

    /// Saves the draft, or forgets it when it is empty.
    pub fn save(id: InterviewId, number: u8, text: &str) {
        if let Some(storage) = storage() {
            let _ = if text.is_empty() {
                storage.remove_item(&key(id, number))
            } else {
                storage.set_item(&key(id, number), text)
            };
        }
    }
}

#[component]
pub fn Practice(id: InterviewId, initial: InterviewAttempts) -> AnyView {
    let numbers: Vec<u8> = initial.questions.iter().map(|q| q.number).collect();
    let data = RwSignal::new(initial);
    let announcement = RwSignal::new(String::new());
    view! {
        <section class="report-card practice no-print" id="practice" aria-labelledby="practice-heading">
            <h2 id="practice-heading">"Practise a question again"</h2>
            <p class="muted">
                "Answer any question again. Each attempt is scored on its own by the same analysis as the report and compared with your answer in the interview, which stays as it was, like the report. The best answer to each question counts in the score below and in your history."
            </p>
            <OverallWithAttempts data />
            <p class="visually-hidden" role="status" id="practice-status">{move || announcement.get()}</p>
            <ol class="practice-list">
                {numbers
                    .into_iter()
                    .map(|number| view! { <PracticeQuestion id number data announcement /> })
                    .collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

/// The report's overall score and, once a question was practised, the score with the best
/// answers: both, so the improvement is never mistaken for the interview's result.
#[component]
fn OverallWithAttempts(data: RwSignal<InterviewAttempts>) -> impl IntoView {
    let out_of = |score: Option<u8>| match score {
        Some(score) => format!("{score}/{MAX_SCORE}"),
        None => "not scored".to_owned(),
    };
    view! {
        <p class="practice-overall" id="practice-overall">
            {move || {
                let overall = data.with(|data| data.overall);
                match overall.with_best {
                    Some(best) => view! {
                        "In the interview: "
                        <strong id="overall-original">{out_of(overall.original)}</strong>
                        " · with your best attempts: "
                        <strong id="overall-with-attempts">{out_of(Some(best))}</strong>
                    }
                    .into_any(),
                    None => view! {
                        "In the interview: "
                        <strong id="overall-original">{out_of(overall.original)}</strong>
                        ". Practise a question to see what a better answer changes."
                    }
                    .into_any(),
                }
            }}
        </p>
    }
}

#[component]
fn PracticeQuestion(
    id: InterviewId,
    number: u8,
    data: RwSignal<InterviewAttempts>,
    announcement: RwSignal<String>,
) -> impl IntoView {
    let question = Memo::new(move |_| {
        data.with(|data| {
            data.questions
                .iter()
                .find(|question| question.number == number)
                .cloned()
        })
    });
    let open = RwSignal::new(false);
    // A draft left in this browser reopens its box: nothing typed is lost by a reload.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if draft::load(id, number).is_some() {
            open.set(true);
        }
    });
    let text =
        move || question.with(|q| q.as_ref().map(|q| q.question.clone()).unwrap_or_default());
    let kind = move || question.with(|q| q.as_ref().map(|q| q.kind.label()).unwrap_or_default());
    view! {
        <li class="practice-question" id=format!("practice-{number}")>
            <h3>{format!("Question {number}")}</h3>
            <p class="practice-question__text" id=format!("practice-{number}-question")>{text}</p>
            <p class="muted small">{kind}</p>
            {move || question.get().map(|question| view! { <SideBySide question /> })}
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button
                        id=format!("retry-{number}")
                        type="button"
                        class="button"
                        aria-describedby=format!("practice-{number}-question")
                        on:click=move |_| open.set(true)
                    >
                        "Try this question again"
                    </button>
                }
            >
                <AttemptBox id number data open announcement />
            </Show>
        </li>
    }
}

/// The answer from the interview and every attempt, in columns: score, what improved, what
/// still lacks.
#[component]
fn SideBySide(question: QuestionAttempts) -> AnyView {
    if question.attempts.is_empty() {
        return ().into_any();
    }
    let best = question.best_score();
    let original_score = match question.original_score {
        Some(score) => format!("{score}/{MAX_SCORE}"),
        None => "not scored".to_owned(),
    };
    let number = question.number;
    view! {
        <div class="attempts" id=format!("attempts-{number}")>
            <article class="attempt attempt--original" aria-label="Your answer in the interview">
                <h4>"In the interview"</h4>
                <p class="attempt__score">{original_score}</p>
                <blockquote class="answer-quote"><p>{question.original_answer}</p></blockquote>
            </article>
            {question
                .attempts
                .into_iter()
                .enumerate()
                .map(|(index, attempt)| {
                    let is_best = Some(attempt.score) == best;
                    view! { <AttemptColumn ordinal=index + 1 attempt is_best /> }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

#[component]
fn AttemptColumn(ordinal: usize, attempt: Attempt, is_best: bool) -> impl IntoView {
    view! {
        <article class="attempt" data-attempt=ordinal aria-label=format!("Attempt {ordinal}")>
            <h4>
                {format!("Attempt {ordinal}")}
                {is_best.then(|| view! { " " <span class="badge badge--completed">"Best"</span> })}
            </h4>
            <p class="attempt__score">{format!("{}/{MAX_SCORE}", attempt.score)}</p>
            <h5>"Improved"</h5>
            <Items items=attempt.improved class="attempt__improved" empty="Nothing new yet." />
            <h5>"Still lacking"</h5>
            <Items items=attempt.lacking class="attempt__lacking" empty="Nothing: a complete answer." />
            <blockquote class="answer-quote"><p>{attempt.text}</p></blockquote>
        </article>
    }
}

#[component]
fn Items(items: Vec<String>, class: &'static str, empty: &'static str) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class=format!("{class} muted small")>{empty}</p> }.into_any();
    }
    view! {
        <ul class=class>
            {items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The new answer: kept in local storage while it is written, sent with one client id per
/// text, then scored beside the others.
#[component]
fn AttemptBox(
    id: InterviewId,
    number: u8,
    data: RwSignal<InterviewAttempts>,
    open: RwSignal<bool>,
    announcement: RwSignal<String>,
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let client_id = RwSignal::new(None::<Uuid>);
    let error = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(saved) = draft::load(id, number) {
            draft.set(saved);
        }
    });

    let send = Action::new(move |attempt: &NewAttempt| {
        let attempt = attempt.clone();
        async move {
            let stored = create_attempt(id, number, attempt).await?;
            let all = list_attempts(id).await?;
            Ok::<_, AppError>((stored, all))
        }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok((stored, all))) => {
            #[cfg(feature = "hydrate")]
            draft::save(id, number, "");
            draft.set(String::new());
            client_id.set(None);
            error.set(None);
            data.set(all);
            announcement.set(format!(
                "Your new answer to question {number} scored {}/{MAX_SCORE}.",
                stored.score
            ));
            open.set(false);
        }
        Some(Err(refusal)) => error.set(Some(refusal.to_string())),
        None => {}
    });

    let chars = move || draft.with(|d| d.trim().chars().count());
    let can_send = move || !send.pending().get() && chars() > 0 && chars() <= MAX_ANSWER_CHARS;
    let submit = move || {
        if !can_send() {
            return;
        }
        let for_this_text = client_id.get_untracked().unwrap_or_else(|| {
            #[cfg(feature = "hydrate")]
            let fresh = crate::room::browser::new_client_id();
            // Never runs: events only fire in the browser.
            #[cfg(not(feature = "hydrate"))]
            let fresh = Uuid::nil();
            client_id.set(Some(fresh));
            fresh
        });
        send.dispatch(NewAttempt {
            text: draft.get_untracked(),
            client_id: for_this_text,
        });
    };
    let field = format!("attempt-{number}");
    let help = format!("attempt-{number}-help");
    view! {
        <form
            class="answer-box attempt-box"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <label for=field.clone()>{format!("Your new answer to question {number}")}</label>
            <textarea
                id=field
                rows="7"
                prop:value=draft
                aria-describedby=help.clone()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    #[cfg(feature = "hydrate")]
                    draft::save(id, number, &text);
                    draft.set(text);
                    // A changed answer is a new attempt: it gets a new id when sent.
                    client_id.set(None);
                }
            ></textarea>
            <div class="actions">
                <button id=format!("send-attempt-{number}") type="submit" class="button button--primary" disabled=move || !can_send()>
                    {move || if send.pending().get() { "Scoring…" } else { "Score this answer" }}
                </button>
                <button type="button" class="button" on:click=move |_| open.set(false)>
                    "Close"
                </button>
                <span id=help class="muted small">
                    {move || format!("{} / {MAX_ANSWER_CHARS} characters · your draft is kept in this browser until it is scored", chars())}
                </span>
            </div>
            {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
        </form>
    }
}
