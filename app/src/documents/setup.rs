//! Both document panels and whether the interview can start.

use domain::{Document, DocumentKind, InterviewId, InterviewStatus, Language};
use leptos::prelude::*;

use super::language::LanguagePicker;
use super::panel::DocumentPanel;
use crate::components::ErrorNotice;
use crate::server_fns::{get_documents, start_interview, DocumentSetup as Setup};

/// The set-up step; keeps `status` (shown elsewhere on the page) in step with the documents.
#[component]
pub fn DocumentSetup(
    id: InterviewId,
    status: RwSignal<InterviewStatus>,
    /// The interview's language and whether the user chose it.
    language: RwSignal<(Language, bool)>,
) -> impl IntoView {
    let setup = Resource::new(move || id, get_documents);
    view! {
        <section class="setup" aria-labelledby="setup-heading">
            <h2 id="setup-heading">"Your CV and the job description"</h2>
            <p class="muted">
                "Upload each as a file (PDF, Word .docx or text) or paste the text. Then check what we read: "
                "the interviewer reads exactly the text below, so correct anything that came out wrong."
            </p>
            <Suspense fallback=|| view! { <p class="muted">"Loading your documents…"</p> }>
                {move || {
                    Suspend::new(async move {
                    match setup.await {
                        Ok(setup) => view! { <Panels id setup status language /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}}
            </Suspense>
        </section>
    }
}

#[component]
fn Panels(
    id: InterviewId,
    setup: Setup,
    status: RwSignal<InterviewStatus>,
    language: RwSignal<(Language, bool)>,
) -> impl IntoView {
    let stored = |kind| setup.documents.iter().find(|d| d.kind == kind).cloned();
    let cv = RwSignal::new(stored(DocumentKind::Cv));
    let job_description = RwSignal::new(stored(DocumentKind::JobDescription));
    let usable = |document: RwSignal<Option<Document>>| {
        document.with(|document| document.as_ref().is_some_and(Document::is_usable))
    };
    let ready = Memo::new(move |_| usable(cv) && usable(job_description));
    // The server sets the same status when it stores a document; mirror it without a reload.
    Effect::new(move |_| {
        status.set(if ready.get() {
            InterviewStatus::Ready
        } else {
            InterviewStatus::NotReady
        })
    });
    let limit = setup.max_upload_bytes;
    let start = Action::new(move |_: &()| start_interview(id));
    let start_error = RwSignal::new(None::<String>);
    Effect::new(move |_| match start.value().get() {
        Some(Ok(_)) => status.set(InterviewStatus::InProgress),
        Some(Err(refusal)) => start_error.set(Some(refusal.to_string())),
        None => {}
    });
    view! {
        <div class="document-grid">
            <DocumentPanel id kind=DocumentKind::Cv document=cv max_upload_bytes=limit />
            <DocumentPanel
                id
                kind=DocumentKind::JobDescription
                document=job_description
                max_upload_bytes=limit
            />
        </div>
        <LanguagePicker id current=language job_description />
        <p id="readiness" class="readiness" class:ready=ready aria-live="polite">
            {move || {
                if ready.get() {
                    "Both documents are in: the interview is ready to start."
                } else {
                    "The interview can start once both texts are here (at least 50 characters each)."
                }
            }}
        </p>
        {move || ready.get().then(|| view! {
            <p class="brief-link">
                <a id="read-brief" href=format!("/interviews/{id}/brief")>
                    "Read your preparation brief"
                </a>
                " first: what the job asks for and what your CV shows of it, the questions likely to come, the stories worth preparing."
            </p>
        })}
        {move || start_error.get().map(|message| view! {
            <p class="error" role="alert" id="start-error">{message}</p>
        })}
        <button
            id="start-interview"
            type="button"
            class="button button--primary"
            disabled=move || !ready.get() || start.pending().get()
            on:click=move |_| {
                start.dispatch(());
            }
        >
            {move || if start.pending().get() { "Starting…" } else { "Start the interview" }}
        </button>
    }
}
