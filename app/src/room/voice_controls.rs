//! The room's voice controls: answer by speaking, and hear the questions read aloud. Both are
//! toggles, shown only once the browser has said it supports them (after hydration, so the
//! server's HTML and the browser's agree).

use domain::{Question, SpokenPhrase};
use leptos::prelude::*;

/// "Answer by voice": what is said goes into the answer box as finished phrases (editable
/// like typed text); the phrase still being heard shows below the box.
#[component]
pub fn DictationToggle(
    /// The answer so far; new phrases are appended to it.
    draft: RwSignal<String>,
    /// Called with the whole new answer, as typing would.
    on_text: Callback<String>,
    /// The phrases heard for this answer, with their timing, for the delivery figures.
    spoken: RwSignal<Vec<SpokenPhrase>>,
) -> impl IntoView {
    let supported = RwSignal::new(false);
    let listening = RwSignal::new(false);
    let interim = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);

    #[cfg(feature = "hydrate")]
    let toggle = {
        use super::voice::{recognition_supported, Dictation, Heard};
        Effect::new(move |_| supported.set(recognition_supported()));
        let running = StoredValue::new_local(None::<Dictation>);
        let timing = StoredValue::new(PhraseTiming::default());
        on_cleanup(move || {
            running.try_update_value(|running| *running = None);
        });
        move |_| {
            if listening.get_untracked() {
                running.set_value(None);
                listening.set(false);
                interim.set(String::new());
                return;
            }
            problem.set(None);
            let report = move |heard: Heard| match heard {
                Heard::Final { text, at_ms } if !text.is_empty() => {
                    let earlier = spoken.get_untracked();
                    let phrase =
                        timing.try_update_value(|timing| timing.finish(&earlier, &text, at_ms));
                    if let Some(phrase) = phrase {
                        spoken.update(|spoken| spoken.push(phrase));
                    }
                    let mut answer = draft.get_untracked();
                    if !answer.is_empty() && !answer.ends_with(char::is_whitespace) {
                        answer.push(' ');
                    }
                    answer.push_str(&text);
                    on_text.run(answer);
                }
                Heard::Final { .. } => {}
                Heard::Interim { text, at_ms } => {
                    if !text.is_empty() {
                        timing.update_value(|timing| timing.hear(at_ms));
                    }
                    interim.set(text);
                }
                Heard::Failed(message) => problem.set(Some(message)),
                // The dictation object stays stored until the next start: dropping it here,
                // inside its own callback, would free the callback while it runs.
                Heard::Ended => {
                    listening.set(false);
                    interim.set(String::new());
                }
            };
            match Dictation::start(report) {
                Ok(dictation) => {
                    running.set_value(Some(dictation));
                    listening.set(true);
                }
                Err(message) => problem.set(Some(message)),
            }
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let toggle = move |_| {
        let _ = (draft, on_text, spoken);
    };

    view! {
        <button
            id="dictate"
            type="button"
            class="button voice-toggle"
            hidden=move || !supported.get()
            aria-pressed=move || listening.get().to_string()
            aria-describedby="dictation-status"
            on:click=toggle
        >
            {move || if listening.get() { "Stop dictation" } else { "Answer by voice" }}
        </button>
        <p id="dictation-status" class="small voice-status" role="status" hidden=move || !supported.get()>
            {move || if listening.get() { "Listening: speak your answer; finished phrases appear in the box, where you can edit them." } else { "" }}
        </p>
        <p id="dictation-interim" class="small muted voice-interim" hidden=move || interim.with(String::is_empty)>
            {move || interim.get()}
        </p>
        {move || problem.get().map(|message| view! {
            <p class="error small" role="alert" id="dictation-error">{message}</p>
        })}
    }
}

/// When the phrase being heard started, and where this answer's clock starts: the first
/// phrase of an answer starts at 0 ms.
#[cfg(any(feature = "hydrate", test))]
#[derive(Clone, Copy, Debug, Default)]
struct PhraseTiming {
    phrase_started: Option<f64>,
    origin: f64,
}

#[cfg(any(feature = "hydrate", test))]
impl PhraseTiming {
    /// A guess of the phrase came in: the first one marks its start.
    fn hear(&mut self, at_ms: f64) {
        self.phrase_started.get_or_insert(at_ms);
    }

    /// The phrase `text` was finished at `at_ms`, after the phrases `earlier` of this answer.
    fn finish(&mut self, earlier: &[SpokenPhrase], text: &str, at_ms: f64) -> SpokenPhrase {
        let started = self.phrase_started.take().unwrap_or(at_ms);
        if earlier.is_empty() {
            self.origin = started;
        }
        let since_origin = |at: f64| (at - self.origin).clamp(0.0, f64::from(u32::MAX)) as u32;
        // Never before the phrase before it: the recogniser's clock only moves on.
        let started_ms = since_origin(started).max(earlier.last().map_or(0, |p| p.ended_ms));
        SpokenPhrase {
            text: text.to_owned(),
            started_ms,
            ended_ms: since_origin(at_ms).max(started_ms),
        }
    }
}

/// Local storage key for the read-aloud choice.
#[cfg(feature = "hydrate")]
const READ_ALOUD_PREFERENCE: &str = "interview-simulator:read-aloud";

/// "Read questions aloud": when on, each new question is spoken as it arrives. The choice is
/// remembered in this browser.
#[component]
pub fn ReadAloudToggle(question: Memo<Option<Question>>) -> impl IntoView {
    let supported = RwSignal::new(false);
    let enabled = RwSignal::new(false);

    #[cfg(feature = "hydrate")]
    {
        use super::browser::storage;
        use super::voice::{speak, stop_speaking, synthesis_supported};
        Effect::new(move |_| {
            supported.set(synthesis_supported());
            let saved = storage().and_then(|s| s.get_item(READ_ALOUD_PREFERENCE).ok().flatten());
            enabled.set(saved.as_deref() == Some("on"));
        });
        // Speaks each question once: on arrival, or when reading is switched on.
        let spoken = StoredValue::new(None::<domain::QuestionId>);
        Effect::new(move |_| {
            if !supported.get() || !enabled.get() {
                stop_speaking();
                spoken.set_value(None);
                return;
            }
            if let Some(question) = question.get() {
                if spoken.get_value() != Some(question.id) {
                    spoken.set_value(Some(question.id));
                    speak(&question.text);
                }
            }
        });
        on_cleanup(stop_speaking);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = question;
    let toggle = move |_| {
        enabled.update(|on| *on = !*on);
        #[cfg(feature = "hydrate")]
        if let Some(storage) = super::browser::storage() {
            let on = enabled.get_untracked();
            let _ = storage.set_item(READ_ALOUD_PREFERENCE, if on { "on" } else { "off" });
        }
    };

    view! {
        <button
            id="read-aloud"
            type="button"
            class="button button--quiet voice-toggle"
            hidden=move || !supported.get()
            aria-pressed=move || enabled.get().to_string()
            on:click=toggle
        >
            {move || if enabled.get() { "Reading questions aloud: on" } else { "Read questions aloud" }}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_timed_from_its_first_phrase() {
        let mut timing = PhraseTiming::default();
        let mut spoken = Vec::new();
        timing.hear(10_000.0);
        timing.hear(10_400.0);
        spoken.push(timing.finish(&spoken, "I led the rebuild", 11_500.0));
        // A final result with no guess before it starts where it ends.
        spoken.push(timing.finish(&spoken, "of forecasting", 15_000.0));
        let times: Vec<_> = spoken.iter().map(|p| (p.started_ms, p.ended_ms)).collect();
        assert_eq!(times, [(0, 1_500), (5_000, 5_000)]);
        assert!(domain::validate_spoken_phrases(&spoken).is_ok());
    }

    #[test]
    fn a_clock_that_goes_back_never_makes_phrases_overlap() {
        let mut timing = PhraseTiming::default();
        let mut spoken = Vec::new();
        timing.hear(500.0);
        spoken.push(timing.finish(&spoken, "first", 2_000.0));
        timing.hear(1_000.0);
        spoken.push(timing.finish(&spoken, "second", 1_800.0));
        assert_eq!(spoken[1].started_ms, 1_500);
        assert!(domain::validate_spoken_phrases(&spoken).is_ok());
    }
}
