//! Browser-only helpers: local storage (drafts, preferences) and random ids for answers.

use domain::{InterviewId, QuestionId};
use uuid::Uuid;

fn draft_key(id: InterviewId, question: QuestionId) -> String {
    format!("interview-simulator:draft:{id}:{question}")
}

/// This browser's local storage, where it is available (not in some private modes).
pub fn storage() -> Option<leptos::web_sys::Storage> {
    leptos::web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_draft(id: InterviewId, question: QuestionId) -> Option<String> {
    storage()?.get_item(&draft_key(id, question)).ok().flatten()
}

/// Saves the draft, or forgets it when it is empty.
pub fn save_draft(id: InterviewId, question: QuestionId, text: &str) {
    if let Some(storage) = storage() {
        let key = draft_key(id, question);
        let _ = if text.is_empty() {
            storage.remove_item(&key)
        } else {
            storage.set_item(&key, text)
        };
    }
}

/// A random v4 id from the browser's CSPRNG (`crypto.randomUUID`).
pub fn new_client_id() -> Uuid {
    leptos::web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .and_then(|text| Uuid::parse_str(&text).ok())
        .unwrap_or_else(|| {
            // Only very old browsers lack randomUUID; the time is unique enough for one
            // person's retries of one answer.
            Uuid::from_u128(js_sys_now() as u128)
        })
}

fn js_sys_now() -> f64 {
    leptos::web_sys::window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now() * 1000.0 + performance.time_origin() * 1000.0)
        .unwrap_or_default()
}
