//! The room's components.

use domain::{
    InterviewId, InterviewStatus, NewAnswer, Question, SpokenPhrase, Transcript, TranscriptEntry,
    MAX_ANSWER_CHARS,
};
use leptos::prelude::*;
use uuid::Uuid;

use super::material::BankMaterial;
use super::voice_controls::{DictationToggle, ReadAloudToggle};
use crate::components::ErrorNotice;
use crate::server_fns::{end_interview, get_transcript, submit_answer};

/// Loads the transcript and shows the room; keeps `status` in step.
#[component]
pub fn InterviewRoom(id: InterviewId, status: RwSignal<InterviewStatus>) -> impl IntoView {
    let transcript = Resource::new(move || id, get_transcript);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading the interview…"</p> }>
            {move || Suspend::new(async move {
                match transcript.await {
                    Ok(transcript) => view! { <Room id transcript status /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Room(
    id: InterviewId,
    transcript: Transcript,
    status: RwSignal<InterviewStatus>,
) -> impl IntoView {
    let question_count = transcript.question_count;
    let entries = RwSignal::new(transcript.entries);
    status.set(transcript.status);
    let completed = move || status.get() == InterviewStatus::Completed;
    let open_question = Memo::new(move |_| {
        entries.with(|entries| {
            entries
                .last()
                .filter(|entry| entry.answer.is_none())
                .map(|entry| entry.question.clone())
        })
    });
    let answered = move || entries.with(|e| e.iter().filter(|e| e.answer.is_some()).count());
    // Every question so far is answered but the interview goes on: the next one is streamed.
    let awaiting_question = Memo::new(move |_| {
        !completed() && open_question.get().is_none() && answered() < usize::from(question_count)
    });
    let current_position = move || match open_question.get() {
        Some(question) => usize::from(question.position),
        None if awaiting_question.get() => answered() + 1,
        None => answered(),
    };
    // The question being written (shown as it streams) and why asking it failed, if it did.
    let streamed = RwSignal::new(String::new());
    let ask_failed = RwSignal::new(None::<String>);
    // Why another interviewer is asking the question being written: shown above it while it is
    // written and until it is answered (the coach's question follows its hand-over at once, so
    // a line that left with the question's arrival would never be seen).
    let handover = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    {
        let asking = StoredValue::new(false);
        Effect::new(move |_| {
            if !awaiting_question.get() || ask_failed.get().is_some() || asking.get_value() {
                return;
            }
            asking.set_value(true);
            streamed.set(String::new());
            handover.set(None);
            super::stream::stream_question(id, move |event| {
                use domain::QuestionEvent;
                match event {
                    QuestionEvent::Delta { text } => {
                        streamed.update(|so_far| so_far.push_str(&text))
                    }
                    QuestionEvent::Restart => streamed.set(String::new()),
                    QuestionEvent::Handover { from, to, reason } => {
                        handover.set(Some(domain::handover_notice(&from, &to, reason)))
                    }
                    QuestionEvent::Question { question } => {
                        asking.set_value(false);
                        entries.update(|entries| {
                            if entries.iter().all(|entry| entry.question.id != question.id) {
                                entries.push(TranscriptEntry {
                                    question,
                                    answer: None,
                                    answered_at: None,
                                    delivery: None,
                                });
                            }
                        });
                    }
                    QuestionEvent::Completed => {
                        asking.set_value(false);
                        handover.set(None);
                        status.set(InterviewStatus::Completed);
                    }
                    QuestionEvent::Failed { message } => {
                        asking.set_value(false);
                        handover.set(None);
                        ask_failed.set(Some(message));
                    }
                }
            });
        });
    }

    let ended = Action::new(move |_: &()| end_interview(id));
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| match ended.value().get() {
        Some(Ok(transcript)) => {
            entries.set(transcript.entries);
            status.set(transcript.status);
        }
        Some(Err(refusal)) => error.set(Some(refusal.to_string())),
        None => {}
    });

    // A new question takes the focus (screen readers read it; Tab goes on to the answer box),
    // but not on page load, where the focus stays where the browser put it.
    #[cfg(feature = "hydrate")]
    Effect::new(move |previous: Option<Option<domain::QuestionId>>| {
        use wasm_bindgen::JsCast;
        let current = open_question.with(|question| question.as_ref().map(|q| q.id));
        if let (Some(before), Some(question)) = (previous, open_question.get_untracked()) {
            if before != current {
                // After the frame that renders it: the effect can run before the list has.
                let target = format!("question-{}", question.position);
                request_animation_frame(move || {
                    let element = document().get_element_by_id(&target);
                    if let Some(element) =
                        element.and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
                    {
                        let _ = element.focus();
                    }
                });
            }
        }
        current
    });

    view! {
        <section class="room" aria-labelledby="room-heading">
            <h2 id="room-heading" class="visually-hidden">"Interview"</h2>
            <div class="room__progress">
                <p id="progress-label">
                    {move || {
                        if completed() {
                            format!("Interview complete: {} of {question_count} questions answered", answered())
                        } else {
                            format!("Question {} of {question_count}", current_position())
                        }
                    }}
                </p>
                <progress
                    max=question_count
                    value=move || if completed() { usize::from(question_count) } else { answered() }
                    aria-labelledby="progress-label"
                ></progress>
                <ReadAloudToggle question=open_question />
            </div>
            <ol class="transcript" id="transcript">
                <For
                    each=move || entries.get()
                    key=|entry| (entry.question.id, entry.answer.is_some())
                    let:entry
                >
                    <Exchange entry handover />
                </For>
                <Show when=move || awaiting_question.get() && ask_failed.get().is_none()>
                    <li class="exchange exchange--pending">
                        // Present (empty) before any hand-over, so screen readers announce it.
                        <p class="notice notice--info handover-notice" id="handover-notice" role="status">
                            {move || handover.get()}
                        </p>
                        <div class="bubble bubble--interviewer" aria-live="polite">
                            <span class="bubble__who">
                                {move || format!("Interviewer · question {}", answered() + 1)}
                            </span>
                            <p class="streaming-text" id="streaming-question">
                                {move || {
                                    let text = streamed.get();
                                    if text.is_empty() { "The interviewer is thinking…".to_owned() } else { text }
                                }}
                            </p>
                        </div>
                    </li>
                </Show>
            </ol>
            {move || ask_failed.get().map(|message| view! {
                <div class="error ask-failed" role="alert" id="ask-error">
                    <p>{message}</p>
                    <button
                        id="ask-again"
                        type="button"
                        class="button"
                        on:click=move |_| ask_failed.set(None)
                    >
                        "Try again"
                    </button>
                </div>
            })}
            {move || error.get().map(|message| view! {
                <p class="error" role="alert" id="room-error">{message}</p>
            })}
            {move || match open_question.get() {
                Some(question) if !completed() => {
                    view! { <AnswerBox id question entries status error /> }.into_any()
                }
                _ => view! {
                    <div class="room__done" id="interview-complete">
                        <p>"Thank you: the interview is over. Your feedback is prepared from the answers above."</p>
                        <a id="see-feedback" class="button button--primary" href=format!("/interviews/{id}/feedback")>
                            "See your feedback"
                        </a>
                    </div>
                }
                    .into_any(),
            }}
            <Show when=move || !completed()>
                <div class="room__end">
                    <button
                        id="end-interview"
                        type="button"
                        class="button"
                        disabled=move || ended.pending().get()
                        on:click=move |_| {
                            ended.dispatch(());
                        }
                    >
                        "End the interview now"
                    </button>
                    <span class="muted small">"You get feedback on what you have answered so far."</span>
                </div>
            </Show>
        </section>
    }
}

/// One question and, when given, its answer. Text is always rendered as text. The open
/// question keeps the line saying why another interviewer asked it, if one did.
#[component]
fn Exchange(entry: TranscriptEntry, handover: RwSignal<Option<String>>) -> impl IntoView {
    let position = entry.question.position;
    let open = entry.answer.is_none();
    view! {
        <li class="exchange">
            {move || {
                open.then(|| handover.get())
                    .flatten()
                    .map(|notice| {
                        view! {
                            <p class="notice notice--info handover-notice" id="handover-notice">
                                {notice}
                            </p>
                        }
                    })
            }}
            <div class="bubble bubble--interviewer">
                <span class="bubble__who">{format!("Interviewer · question {position}")}</span>
                <p class="question-text" id=format!("question-{position}") tabindex="-1">{entry.question.text}</p>
            </div>
            {entry.answer.map(|answer| view! {
                <div class="bubble bubble--candidate">
                    <span class="bubble__who">"You"</span>
                    <p class="answer-text">{answer}</p>
                </div>
            })}
        </li>
    }
}

/// The answer to the open question: a draft kept in local storage, sent with Ctrl/Cmd+Enter
/// or the button, retried with the same client id until the server confirms it.
#[component]
fn AnswerBox(
    id: InterviewId,
    question: Question,
    entries: RwSignal<Vec<TranscriptEntry>>,
    status: RwSignal<InterviewStatus>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let question_id = question.id;
    let draft = RwSignal::new(String::new());
    // What dictation heard of this answer, timed; typed answers leave it empty.
    let spoken = RwSignal::new(Vec::<SpokenPhrase>::new());
    // Kept across retries of the same answer, so the server stores it once.
    let client_id = RwSignal::new(None::<Uuid>);

    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(saved) = super::browser::load_draft(id, question_id) {
            draft.set(saved);
        }
    });

    let send = Action::new(move |answer: &NewAnswer| submit_answer(id, answer.clone()));
    Effect::new(move |_| match send.value().get() {
        Some(Ok(outcome)) => {
            let text = draft.get_untracked().trim().to_owned();
            #[cfg(feature = "hydrate")]
            super::browser::save_draft(id, question_id, "");
            client_id.set(None);
            error.set(None);
            entries.update(|entries| {
                if let Some(last) = entries.last_mut() {
                    if last.question.id == question_id {
                        last.answer = Some(text);
                    }
                }
                if let Some(next) = outcome.next_question {
                    entries.push(TranscriptEntry {
                        question: next,
                        answer: None,
                        answered_at: None,
                        delivery: None,
                    });
                }
            });
            if outcome.completed {
                status.set(InterviewStatus::Completed);
            }
        }
        Some(Err(refusal)) => error.set(Some(refusal.to_string())),
        None => {}
    });

    // Typing and dictation change the answer the same way.
    let set_draft = Callback::new(move |text: String| {
        #[cfg(feature = "hydrate")]
        super::browser::save_draft(id, question_id, &text);
        draft.set(text);
        // A changed answer is a new answer: it gets a new id when sent.
        client_id.set(None);
    });

    // The bank's material goes after what is written already, to adapt.
    let insert_material = Callback::new(move |material: String| {
        let written = draft.get_untracked();
        let joined = if written.trim().is_empty() {
            material
        } else {
            format!("{}\n\n{material}", written.trim_end())
        };
        set_draft.run(joined);
    });

    let chars = move || draft.with(|d| d.trim().chars().count());
    let can_send = move || !send.pending().get() && chars() > 0 && chars() <= MAX_ANSWER_CHARS;
    let submit = move || {
        if !can_send() {
            return;
        }
        let id_for_this_answer = client_id.get_untracked().unwrap_or_else(|| {
            #[cfg(feature = "hydrate")]
            let fresh = super::browser::new_client_id();
            // Never runs: events only fire in the browser.
            #[cfg(not(feature = "hydrate"))]
            let fresh = Uuid::nil();
            client_id.set(Some(fresh));
            fresh
        });
        send.dispatch(NewAnswer {
            question_id,
            text: draft.get_untracked(),
            client_id: id_for_this_answer,
            spoken: spoken.get_untracked(),
        });
    };

    view! {
        <form
            class="answer-box"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <label for="answer">"Your answer"</label>
            <textarea
                id="answer"
                rows="7"
                prop:value=draft
                aria-describedby="answer-help"
                on:input=move |ev| set_draft.run(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        submit();
                    }
                }
            ></textarea>
            <div class="actions">
                <button id="send-answer" type="submit" class="button button--primary" disabled=move || !can_send()>
                    {move || if send.pending().get() { "Sending…" } else { "Send answer" }}
                </button>
                <span id="answer-help" class="muted small">
                    {move || format!("{} / {MAX_ANSWER_CHARS} characters · Ctrl+Enter (⌘+Enter) sends · your draft is kept if you leave", chars())}
                </span>
            </div>
            <div class="voice">
                <DictationToggle draft on_text=set_draft spoken />
            </div>
            <BankMaterial id question=question_id on_insert=insert_material />
        </form>
    }
}
