//! The owner's share links: make one (its full address is shown once, with a Copy button),
//! list them, revoke them. Only the owner's feedback page shows these.

use domain::{InterviewId, NewShareLink, ShareLink};
use leptos::prelude::*;
use uuid::Uuid;

use crate::components::Timestamp;
use crate::server_fns::{create_share, list_shares, revoke_share};
use crate::AppError;

/// The full address of a share link's path: the token is only known right after creation,
/// in the browser, so the origin is the page's own.
fn absolute(path: &str) -> String {
    #[cfg(feature = "hydrate")]
    let origin = crate::report::browser::origin();
    #[cfg(not(feature = "hydrate"))]
    let origin = String::new();
    format!("{origin}{path}")
}

#[component]
pub fn ShareControls(id: InterviewId, initial: Vec<ShareLink>) -> AnyView {
    let links = RwSignal::new(initial);
    let created = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);

    let create = Action::new(move |_: &()| async move {
        let link: NewShareLink = create_share(id).await?;
        let all = list_shares(id).await?;
        Ok::<_, AppError>((link, all))
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok((link, all))) => {
            error.set(None);
            created.set(Some(absolute(&link.url)));
            links.set(all);
        }
        Some(Err(refusal)) => error.set(Some(refusal.to_string())),
        None => {}
    });

    let revoke = Action::new(move |share_id: &Uuid| {
        let share_id = *share_id;
        async move {
            revoke_share(id, share_id).await?;
            list_shares(id).await
        }
    });
    Effect::new(move |_| match revoke.value().get() {
        Some(Ok(all)) => {
            error.set(None);
            links.set(all);
        }
        Some(Err(refusal)) => error.set(Some(refusal.to_string())),
        None => {}
    });

    view! {
        <section class="report-card share-controls no-print" id="share" aria-labelledby="share-heading">
            <h2 id="share-heading">"Share this report"</h2>
            <p class="muted">
                "A share link shows this report to anyone who has it, read-only. It never shows your CV or the CV tips. You can revoke a link at any time."
            </p>
            <button
                id="create-share"
                type="button"
                class="button button--primary"
                disabled=move || create.pending().get()
                on:click=move |_| {
                    create.dispatch(());
                }
            >
                {move || if create.pending().get() { "Creating…" } else { "Create share link" }}
            </button>
            {move || created.get().map(|url| view! { <NewLink url /> })}
            {move || error.get().map(|message| view! { <p class="error" role="alert" id="share-error">{message}</p> })}
            <h3>"Your links"</h3>
            {move || {
                let all = links.get();
                if all.is_empty() {
                    view! { <p class="muted" id="share-links-empty">"No links yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="share-links" id="share-links">
                            {all
                                .into_iter()
                                .map(|link| view! { <LinkRow link revoke /> })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </section>
    }
    .into_any()
}

/// The link just made, selectable and copyable.
#[component]
fn NewLink(url: String) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let copy = {
        let url = url.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            crate::report::browser::copy_text(&url, move |ok| copied.set(Some(ok)));
            #[cfg(not(feature = "hydrate"))]
            let _ = &url;
        }
    };
    view! {
        <div class="share-new">
            <label for="share-url">"Your new share link"</label>
            <div class="share-new__row">
                <input
                    id="share-url"
                    type="text"
                    readonly
                    value=url
                    on:focus=|ev| {
                        event_target::<leptos::web_sys::HtmlInputElement>(&ev).select();
                    }
                />
                <button id="copy-share" type="button" class="button" on:click=copy>"Copy"</button>
            </div>
            <p class="small" role="status">
                {move || match copied.get() {
                    Some(true) => "Copied to the clipboard.",
                    Some(false) => "Your browser did not allow copying: select the link and copy it yourself.",
                    None => "",
                }}
            </p>
        </div>
    }
}

/// One link: when it was made, whether it still works, and "Revoke" while it does.
#[component]
fn LinkRow(
    link: ShareLink,
    revoke: Action<Uuid, Result<Vec<ShareLink>, AppError>>,
) -> impl IntoView {
    let share_id = link.id;
    let created_label = link.created_at.format("%-d %b %Y, %H:%M UTC").to_string();
    view! {
        <li class="share-link" data-revoked=link.revoked_at.is_some().to_string()>
            <span>"Created " <Timestamp at=link.created_at /></span>
            {match link.revoked_at {
                Some(at) => view! {
                    <span class="badge badge--revoked share-link__state">"Revoked " <Timestamp at /></span>
                }
                .into_any(),
                None => view! {
                    <span class="badge badge--active share-link__state">"Active"</span>
                    <button
                        type="button"
                        class="button share-link__revoke"
                        aria-label=format!("Revoke the link created {created_label}")
                        disabled=move || revoke.pending().get()
                        on:click=move |_| {
                            revoke.dispatch(share_id);
                        }
                    >
                        "Revoke"
                    </button>
                }
                .into_any(),
            }}
        </li>
    }
}
