//! Browser-only glue to the Web Speech API: dictation (speech recognition) and reading
//! questions aloud (speech synthesis). Either may be missing: callers ask first and hide
//! their controls when it is.

use leptos::web_sys::{
    self, js_sys, SpeechRecognition, SpeechRecognitionError, SpeechRecognitionEvent,
    SpeechSynthesisUtterance,
};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Chromium and Safari still ship recognition only under the `webkit` prefix.
fn recognition_constructor() -> Option<js_sys::Function> {
    let window = web_sys::window()?;
    ["SpeechRecognition", "webkitSpeechRecognition"]
        .into_iter()
        .filter_map(|name| js_sys::Reflect::get(&window, &JsValue::from_str(name)).ok())
        .find_map(|value| value.dyn_into::<js_sys::Function>().ok())
}

pub fn recognition_supported() -> bool {
    recognition_constructor().is_some()
}

pub fn synthesis_supported() -> bool {
    web_sys::window()
        .and_then(|window| {
            js_sys::Reflect::get(&window, &JsValue::from_str("speechSynthesis")).ok()
        })
        .is_some_and(|synthesis| synthesis.is_object())
}

/// What dictation reports back. `at_ms` is when the recogniser reported it (the event's
/// time stamp, on the page's clock), for the delivery figures.
pub enum Heard {
    /// A finished phrase: it belongs in the answer.
    Final { text: String, at_ms: f64 },
    /// What is being said right now; replaced by the next report.
    Interim { text: String, at_ms: f64 },
    /// Recognition failed; the message says what the user can do.
    Failed(String),
    /// Recognition stopped (silence, a stop, or after a failure).
    Ended,
}

/// A running dictation. Dropping it stops listening.
pub struct Dictation {
    recognition: SpeechRecognition,
    // Held so the browser's callbacks stay alive as long as the dictation.
    _on_result: Closure<dyn FnMut(SpeechRecognitionEvent)>,
    _on_error: Closure<dyn FnMut(SpeechRecognitionError)>,
    _on_end: Closure<dyn FnMut(web_sys::Event)>,
}

impl Dictation {
    /// Starts listening in the page's language; `report` gets every phrase as it is heard.
    pub fn start(report: impl Fn(Heard) + Clone + 'static) -> Result<Self, String> {
        let constructor = recognition_constructor()
            .ok_or_else(|| "This browser cannot turn speech into text.".to_owned())?;
        let recognition: SpeechRecognition =
            js_sys::Reflect::construct(&constructor, &js_sys::Array::new())
                .map_err(|_| "Speech recognition could not be started.".to_owned())?
                // The prefixed constructor makes an object with the same interface.
                .unchecked_into();
        let _ = recognition.set_continuous(true);
        recognition.set_interim_results(true);
        if let Some(language) = document_language() {
            recognition.set_lang(&language);
        }

        let on_result = {
            let report = report.clone();
            Closure::<dyn FnMut(SpeechRecognitionEvent)>::new(
                move |event: SpeechRecognitionEvent| {
                    let Some(results) = event.results() else {
                        return;
                    };
                    let at_ms = heard_at(&event);
                    let mut interim = String::new();
                    for index in event.result_index()..results.length() {
                        let Some(result) = results.get(index) else {
                            continue;
                        };
                        let Some(best) = result.get(0) else {
                            continue;
                        };
                        let text = best.transcript();
                        if result.is_final() {
                            report(Heard::Final {
                                text: text.trim().to_owned(),
                                at_ms,
                            });
                        } else {
                            interim.push_str(&text);
                        }
                    }
                    report(Heard::Interim {
                        text: interim.trim().to_owned(),
                        at_ms,
                    });
                },
            )
        };
        let on_error = {
            let report = report.clone();
            Closure::<dyn FnMut(SpeechRecognitionError)>::new(
                move |event: SpeechRecognitionError| {
                    if let Some(message) = error_message(&event) {
                        report(Heard::Failed(message));
                    }
                },
            )
        };
        let on_end = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| report(Heard::Ended));
        recognition.set_onresult(Some(on_result.as_ref().unchecked_ref()));
        recognition.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        recognition.set_onend(Some(on_end.as_ref().unchecked_ref()));
        recognition.start().map_err(|_| {
            "Speech recognition is already running in another tab or window.".to_owned()
        })?;
        Ok(Self {
            recognition,
            _on_result: on_result,
            _on_error: on_error,
            _on_end: on_end,
        })
    }
}

impl Drop for Dictation {
    fn drop(&mut self) {
        self.recognition.set_onresult(None);
        self.recognition.set_onerror(None);
        self.recognition.set_onend(None);
        self.recognition.abort();
    }
}

/// When a result was heard: its event's time stamp, or now when the event has none.
fn heard_at(event: &SpeechRecognitionEvent) -> f64 {
    let stamp = event.time_stamp();
    if stamp.is_finite() && stamp > 0.0 {
        return stamp;
    }
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

/// What went wrong, in words a candidate can act on; `None` for a deliberate stop.
fn error_message(event: &SpeechRecognitionError) -> Option<String> {
    use web_sys::SpeechRecognitionErrorCode as Code;
    let message = match event.error() {
        Code::Aborted => return None,
        Code::NotAllowed | Code::ServiceNotAllowed => {
            "Microphone access was refused. Allow it in your browser's site settings, or type your answer."
        }
        Code::NoSpeech => "No speech was heard. Check your microphone and try again.",
        Code::AudioCapture => "No microphone was found. Connect one, or type your answer.",
        Code::Network => {
            "Your browser's speech service could not be reached. Type your answer, or try again later."
        }
        Code::LanguageNotSupported => {
            "Your browser cannot recognise speech in this page's language. Type your answer instead."
        }
        _ => "Speech recognition stopped unexpectedly. Try again, or type your answer.",
    };
    Some(message.to_owned())
}

fn document_language() -> Option<String> {
    let language = web_sys::window()?.navigator().language()?;
    (!language.is_empty()).then_some(language)
}

/// Reads `text` aloud, interrupting whatever was being read.
pub fn speak(text: &str) {
    let Some(synthesis) = web_sys::window().and_then(|window| window.speech_synthesis().ok())
    else {
        return;
    };
    synthesis.cancel();
    if let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(text) {
        if let Some(language) = document_language() {
            utterance.set_lang(&language);
        }
        synthesis.speak(&utterance);
    }
}

pub fn stop_speaking() {
    if let Some(synthesis) = web_sys::window().and_then(|window| window.speech_synthesis().ok()) {
        synthesis.cancel();
    }
}
