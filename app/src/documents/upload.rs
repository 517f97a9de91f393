//! Browser-only: sends a file to the documents API with `XMLHttpRequest`, reporting progress.

use domain::{Document, DocumentKind, InterviewId};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{FormData, ProgressEvent, XmlHttpRequest};

/// Uploads `file`; `on_progress` gets the share sent (0.0 to 1.0), `on_done` the stored
/// document or a message for the user.
pub fn upload(
    id: InterviewId,
    kind: DocumentKind,
    file: web_sys::File,
    on_progress: impl Fn(f64) + 'static,
    on_done: impl FnOnce(Result<Document, String>) + 'static,
) {
    let failed = |message: &str| Err(message.to_owned());
    let request = match XmlHttpRequest::new() {
        Ok(request) => request,
        Err(_) => {
            return on_done(failed(
                "Your browser cannot upload files here; paste the text instead.",
            ))
        }
    };
    let url = format!("/api/v1/interviews/{id}/documents/{}", kind.as_str());
    let form = match FormData::new() {
        Ok(form) => form,
        Err(_) => {
            return on_done(failed(
                "Your browser cannot upload files here; paste the text instead.",
            ))
        }
    };
    if form
        .append_with_blob_and_filename("file", &file, &file.name())
        .is_err()
        || request.open("PUT", &url).is_err()
    {
        return on_done(failed(
            "This file could not be sent; paste the text instead.",
        ));
    }

    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
        if event.length_computable() && event.total() > 0.0 {
            on_progress(event.loaded() / event.total());
        }
    });
    if let Ok(upload) = request.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }

    // `loadend` fires once, after success, error or abort; the closures live until then.
    let finished = request.clone();
    let mut on_done = Some(on_done);
    let mut keep_alive = Some(progress);
    let loadend = Closure::<dyn FnMut()>::new(move || {
        keep_alive.take();
        if let Some(on_done) = on_done.take() {
            on_done(outcome(&finished));
        }
    });
    request.set_onloadend(Some(loadend.as_ref().unchecked_ref()));
    // Dropped by the browser with the request; one small closure per upload.
    loadend.forget();
    if request.send_with_opt_form_data(Some(&form)).is_err() {
        request.set_onloadend(None);
    }
}

fn outcome(request: &XmlHttpRequest) -> Result<Document, String> {
    let status = request.status().unwrap_or(0);
    let body = request.response_text().ok().flatten().unwrap_or_default();
    if status == 0 {
        return Err(
            "The upload did not reach the server. Check your connection and try again.".into(),
        );
    }
    if status == 200 {
        return serde_json::from_str(&body).map_err(|_| {
            "The server's answer could not be read. Reload the page to see the document.".into()
        });
    }
    // API errors carry a message written for people.
    serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|value| value["error"]["message"].as_str().map(str::to_owned))
        .ok_or_else(|| format!("The upload failed (HTTP {status}). Try again, or paste the text."))
        .and_then(Err)
}
