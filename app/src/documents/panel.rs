//! One document: upload or paste it, then check and correct the text the interviewer reads.
//! Nothing typed is lost: a failed save or upload leaves the text where it was, with the
//! reason next to it.

use domain::{Document, DocumentKind, InterviewId};
use leptos::prelude::*;

use crate::server_fns::{correct_document, paste_document};

/// What the panel is doing with a file.
#[derive(Clone, Copy, Debug, PartialEq)]
// Only the browser sends files; the server renders the idle state.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Transfer {
    Idle,
    /// Sending, with the share sent so far (0.0 to 1.0).
    Sending(f64),
    /// Sent; the server is extracting the text.
    Reading,
}

#[component]
pub fn DocumentPanel(
    id: InterviewId,
    kind: DocumentKind,
    document: RwSignal<Option<Document>>,
    max_upload_bytes: u64,
) -> impl IntoView {
    let slug = kind.as_str();
    let error = RwSignal::new(None::<String>);
    let transfer = RwSignal::new(Transfer::Idle);
    let replacing = RwSignal::new(false);
    let draft = RwSignal::new(
        document.with_untracked(|d| d.as_ref().map(|d| d.text.clone()).unwrap_or_default()),
    );
    let pasted = RwSignal::new(String::new());

    // A new document from any source: show its text and leave replace mode.
    let accept = move |stored: Document| {
        draft.set(stored.text.clone());
        document.set(Some(stored));
        replacing.set(false);
        pasted.set(String::new());
        error.set(None);
    };

    let paste = Action::new(move |text: &String| paste_document(id, kind, text.clone()));
    Effect::new(move |_| match paste.value().get() {
        Some(Ok(stored)) => accept(stored),
        Some(Err(refusal)) => error.set(Some(refusal.to_string())),
        None => {}
    });
    let correct = Action::new(move |text: &String| correct_document(id, kind, text.clone()));
    Effect::new(move |_| match correct.value().get() {
        Some(Ok(stored)) => {
            draft.set(stored.text.clone());
            document.set(Some(stored));
            error.set(None);
        }
        Some(Err(refusal)) => error.set(Some(refusal.to_string())),
        None => {}
    });

    #[cfg(feature = "hydrate")]
    let send_file = move |file: leptos::web_sys::File| {
        if file.size() > max_upload_bytes as f64 {
            error.set(Some(format!(
                "This file is {}; the limit is {}. Save it without images or as a smaller PDF, or paste the text.",
                megabytes(file.size() as u64),
                megabytes(max_upload_bytes)
            )));
            return;
        }
        error.set(None);
        transfer.set(Transfer::Sending(0.0));
        super::upload::upload(
            id,
            kind,
            file,
            move |share| {
                transfer.set(if share >= 1.0 {
                    Transfer::Reading
                } else {
                    Transfer::Sending(share)
                })
            },
            move |outcome| {
                transfer.set(Transfer::Idle);
                match outcome {
                    Ok(stored) => accept(stored),
                    Err(message) => error.set(Some(message)),
                }
            },
        );
    };

    let dragging = RwSignal::new(false);
    let busy = move || transfer.get() != Transfer::Idle || paste.pending().get();
    let show_input = move || replacing.get() || document.with(Option::is_none);
    let dirty = move || document.with(|d| d.as_ref().is_some_and(|d| d.text != draft.get()));

    let input_area = move || {
        view! {
            <div
                id=format!("{slug}-drop")
                class="drop-zone"
                class:dragging=dragging
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(false);
                    #[cfg(feature = "hydrate")]
                    if let Some(file) = ev
                        .data_transfer()
                        .and_then(|data| data.files())
                        .and_then(|files| files.get(0))
                    {
                        send_file(file);
                    }
                }
            >
                <p>"Drag a file here, or"</p>
                <label class="button file-button">
                    "Choose a file"
                    <input
                        id=format!("{slug}-file")
                        type="file"
                        class="visually-hidden"
                        accept=".pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
                        disabled=busy
                        on:change=move |ev| {
                            #[cfg(feature = "hydrate")]
                            {
                                let input = event_target::<leptos::web_sys::HtmlInputElement>(&ev);
                                if let Some(file) = input.files().and_then(|files| files.get(0)) {
                                    send_file(file);
                                }
                                // Choosing the same file again must fire `change` again.
                                input.set_value("");
                            }
                            #[cfg(not(feature = "hydrate"))]
                            let _ = ev;
                        }
                    />
                </label>
                <p class="muted small">
                    {format!("PDF, Word (.docx) or text, up to {}", megabytes(max_upload_bytes))}
                </p>
                {move || match transfer.get() {
                    Transfer::Idle => ().into_any(),
                    Transfer::Sending(share) => {
                        view! {
                            <p class="transfer">
                                <progress id=format!("{slug}-progress") max="100" value=(share * 100.0).round()></progress>
                                {format!(" Uploading… {:.0} %", share * 100.0)}
                            </p>
                        }
                            .into_any()
                    }
                    Transfer::Reading => {
                        view! {
                            <p class="transfer">
                                <progress id=format!("{slug}-progress")></progress>
                                " Reading the file…"
                            </p>
                        }
                            .into_any()
                    }
                }}
            </div>
            <div class="paste">
                <label for=format!("{slug}-paste")>"…or paste the text"</label>
                <textarea
                    id=format!("{slug}-paste")
                    rows="6"
                    prop:value=pasted
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                ></textarea>
                <div class="actions">
                    <button
                        id=format!("{slug}-paste-save")
                        type="button"
                        class="button button--primary"
                        disabled=move || busy() || pasted.with(|t| t.trim().is_empty())
                        on:click=move |_| {
                            paste.dispatch(pasted.get());
                        }
                    >
                        {move || if paste.pending().get() { "Saving…" } else { "Use this text" }}
                    </button>
                    <Show when=move || document.with(Option::is_some)>
                        <button type="button" class="button" on:click=move |_| replacing.set(false)>
                            "Keep the current text"
                        </button>
                    </Show>
                </div>
            </div>
        }
    };

    let preview = move || {
        let Some(current) = document.get() else {
            return ().into_any();
        };
        let source = match &current.file_name {
            Some(name) => format!("{name} · {}", type_label(&current.detected_type)),
            None => "Pasted text".to_owned(),
        };
        let warnings = current.warnings.clone();
        view! {
            <p class="document-source muted small">
                {source} {format!(" · {} characters", current.text.chars().count())}
                {current.edited.then_some(" · corrected by you")}
            </p>
            <Show when={
                let has_warnings = !warnings.is_empty();
                move || has_warnings
            }>
                <ul class="warnings" id=format!("{slug}-warnings")>
                    {warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
                </ul>
            </Show>
            <label for=format!("{slug}-text")>"What the interviewer will read (correct anything we misread)"</label>
            <textarea
                id=format!("{slug}-text")
                class="document-text"
                rows="14"
                prop:value=draft
                on:input=move |ev| draft.set(event_target_value(&ev))
            ></textarea>
            <div class="actions">
                <button
                    id=format!("{slug}-save")
                    type="button"
                    class="button button--primary"
                    disabled=move || !dirty() || correct.pending().get()
                    on:click=move |_| {
                        correct.dispatch(draft.get());
                    }
                >
                    {move || if correct.pending().get() { "Saving…" } else { "Save corrections" }}
                </button>
                <button
                    id=format!("{slug}-replace")
                    type="button"
                    class="button"
                    on:click=move |_| replacing.set(true)
                >
                    "Replace"
                </button>
                <span class="muted small" aria-live="polite">
                    {move || if dirty() { "Unsaved changes" } else { "Saved" }}
                </span>
            </div>
        }
            .into_any()
    };

    view! {
        <article class="document-panel" id=format!("{slug}-panel") aria-busy=move || busy().to_string()>
            <h3>{kind.label()}</h3>
            {move || error.get().map(|message| view! {
                <p class="error" role="alert" id=format!("{slug}-error")>{message}</p>
            })}
            {move || if show_input() { input_area().into_any() } else { preview() }}
        </article>
    }
}

fn type_label(detected_type: &str) -> &'static str {
    match detected_type {
        "pdf" => "PDF",
        "docx" => "Word document",
        _ => "text file",
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)).replace(".0 MB", " MB")
}
