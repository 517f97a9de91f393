//! Browser-only helpers for the report: saving a file, printing, the clipboard.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{js_sys, Blob, BlobPropertyBag, HtmlAnchorElement, HtmlDetailsElement, Url};

/// Saves `text` as a file: a Blob behind an object URL, clicked through a temporary
/// `<a download>` (the only way a page can start a download of data it made itself).
pub fn download_text(file_name: &str, media_type: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // Revoked on the next turn: some browsers read the URL only after `click` returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(1),
    );
    Ok(())
}

/// Opens the browser's print dialog with every folded question opened, then folds back the
/// ones that were closed (`window.print()` returns when the dialog closes).
pub fn print_report() {
    let document = leptos::prelude::document();
    let mut opened = Vec::new();
    if let Ok(all) = document.query_selector_all(".report details:not([open])") {
        for index in 0..all.length() {
            if let Some(details) = all
                .item(index)
                .and_then(|node| node.dyn_into::<HtmlDetailsElement>().ok())
            {
                details.set_open(true);
                opened.push(details);
            }
        }
    }
    let _ = leptos::prelude::window().print();
    for details in opened {
        details.set_open(false);
    }
}

/// This site's origin ("https://example.org"), to turn a path into a link to share.
pub fn origin() -> String {
    leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default()
}

/// Copies `text` to the clipboard; `done(true)` once it is there, `done(false)` when the
/// browser refused (no permission, not a secure context).
pub fn copy_text(text: &str, done: impl Fn(bool) + 'static) {
    let clipboard = leptos::prelude::window().navigator().clipboard();
    let done = std::rc::Rc::new(done);
    let ok = {
        let done = done.clone();
        Closure::once(move |_: JsValue| done(true))
    };
    let failed = Closure::once(move |_: JsValue| done(false));
    let _ = clipboard.write_text(text).then2(&ok, &failed);
    // Each runs at most once, when the promise settles.
    ok.forget();
    failed.forget();
}
