//! Browser-only: the open question as it is written, from the server-sent events of
//! `/api/v1/interviews/{id}/question/stream` (see `domain::QuestionEvent`).

use domain::{InterviewId, QuestionEvent};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};

const CONNECTION_LOST: &str =
    "The connection to the interviewer was lost. Your answers are saved: try again.";

/// Opens the stream and hands every event to `on_event`. The stream is closed after its last
/// event (`question`, `completed` or `failed`) or on a connection error, which reaches
/// `on_event` as `failed`: `EventSource` would otherwise reconnect forever by itself.
pub fn stream_question(id: InterviewId, on_event: impl Fn(QuestionEvent) + 'static) {
    let url = format!("/api/v1/interviews/{id}/question/stream");
    let Ok(source) = EventSource::new(&url) else {
        return on_event(QuestionEvent::Failed {
            message: CONNECTION_LOST.into(),
        });
    };
    let on_event = std::rc::Rc::new(on_event);

    let messages = {
        let source = source.clone();
        let on_event = on_event.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| {
            let data = message.data().as_string().unwrap_or_default();
            let event = serde_json::from_str::<QuestionEvent>(&data).unwrap_or_else(|_| {
                QuestionEvent::Failed {
                    message: CONNECTION_LOST.into(),
                }
            });
            let last = !matches!(
                event,
                QuestionEvent::Delta { .. }
                    | QuestionEvent::Restart
                    | QuestionEvent::Handover { .. }
            );
            if last {
                close(&source);
            }
            on_event(event);
        })
    };
    let errors = {
        let source = source.clone();
        // Only while the stream is open: `close` removes this handler after the last event.
        // A refusal (404, 409) and a dropped connection both land here.
        Closure::<dyn FnMut()>::new(move || {
            close(&source);
            on_event(QuestionEvent::Failed {
                message: CONNECTION_LOST.into(),
            });
        })
    };
    source.set_onmessage(Some(messages.as_ref().unchecked_ref()));
    source.set_onerror(Some(errors.as_ref().unchecked_ref()));
    // The two closures live as long as the page: two small closures per question.
    messages.forget();
    errors.forget();
}

fn close(source: &EventSource) {
    source.close();
    source.set_onmessage(None);
    source.set_onerror(None);
}
