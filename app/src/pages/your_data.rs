//! Your data, yours to take: the history page's "Your data" section (download everything as
//! JSON or Markdown, make a code that moves the history to another browser) and `/move` and
//! `/move/:code`, where the other browser takes it.

use domain::{NewMoveCode, MOVE_CODE_MINUTES};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::Timestamp;
use crate::page_title::PageTitle;
use crate::server_fns::create_move_code;

/// Under the history: the exports and the move code.
#[component]
pub fn YourData() -> impl IntoView {
    let make_code = Action::new(|_: &()| create_move_code());
    let code = move || make_code.value().get();
    view! {
        <section class="your-data" aria-labelledby="your-data-heading">
            <h2 id="your-data-heading">"Your data"</h2>
            <p class="muted">
                "Everything you gave and got here, in one file: each interview's CV and job description, questions and answers, report and share links."
            </p>
            <p class="actions">
                <a class="button" id="export-json" href="/api/v1/export" download="interview-simulator-export.json">
                    "Download everything (JSON)"
                </a>
                <a class="button" id="export-markdown" href="/api/v1/export/markdown" download="interview-simulator-export.md">
                    "Download everything (Markdown)"
                </a>
            </p>
            <h3>"Move to another browser"</h3>
            <p class="muted">
                {format!(
                    "Your history belongs to this browser. A move code takes all of it to another browser or device, once, within {MOVE_CODE_MINUTES} minutes; this browser then keeps nothing."
                )}
            </p>
            <button
                type="button"
                class="button"
                id="make-move-code"
                disabled=move || make_code.pending().get()
                on:click=move |_| {
                    make_code.dispatch(());
                }
            >
                "Make a move code"
            </button>
            {move || code().map(|made| match made {
                Ok(made) => view! { <MoveCodeShown made /> }.into_any(),
                Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
            })}
            <p class="small">
                <a href="/move" id="take-history">"Have a code from another browser? Take that history here."</a>
            </p>
        </section>
    }
}

#[component]
fn MoveCodeShown(made: NewMoveCode) -> impl IntoView {
    view! {
        <div class="move-code" role="status">
            <p>
                "In the other browser, open "
                <a id="move-url" href=made.url.clone()>{made.url.clone()}</a>
                " or enter the code "
                <strong><code id="move-code">{made.code}</code></strong>
                " at /move."
            </p>
            <p class="muted small">"It works once, until " <Timestamp at=made.expires_at /> "."</p>
        </div>
    }
}

/// `/move` and `/move/:code`: take a history made elsewhere. A plain form, so it works before
/// (and without) the browser bundle; the server answers with a redirect to the history.
#[component]
pub fn MovePage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    super::share::send_no_referrer();
    let code = use_params_map().with_untracked(|params| params.get("code").unwrap_or_default());
    let failed = use_query_map().with_untracked(|query| query.get("failed"));
    view! {
        <PageTitle text="Move a history to this browser" />
        <section class="page">
            <h1>"Move a history to this browser"</h1>
            <p>
                "Enter the code made in the other browser. Its interviews, and the ones already here, will then belong to this browser; the other browser keeps nothing."
            </p>
            {failed.map(|reason| {
                let message = if reason == "1" {
                    "That code does not work: it may be mistyped, used already or older than 15 minutes. Check it, or make a new one in the other browser."
                } else {
                    "The history could not be moved just now. Nothing changed; try again in a moment."
                };
                view! { <p class="error" role="alert" id="move-error">{message}</p> }
            })}
            <form method="post" action="/move" class="move-form">
                <label for="move-code-input">"Move code"</label>
                <input
                    id="move-code-input"
                    name="code"
                    required
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="XXXX-XXXX-XXXX-XXXX"
                    value=code
                />
                <button type="submit" class="button button--primary" id="move-here">
                    "Move it here"
                </button>
            </form>
        </section>
    }
}
