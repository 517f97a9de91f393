//! The interview's language at set-up: detected by the server from the job description each
//! time one is stored, shown here, and changeable until the interview starts.

use domain::{Document, InterviewId, Language};
use leptos::prelude::*;

use crate::server_fns::{get_interview, set_language};

/// The language picker.
#[component]
pub fn LanguagePicker(
    id: InterviewId,
    /// The interview's language and whether the user chose it; the page shows it elsewhere too.
    current: RwSignal<(Language, bool)>,
    /// Re-read after each stored job description, whose language the server detected.
    job_description: RwSignal<Option<Document>>,
) -> impl IntoView {
    let reread = Action::new(move |_: &()| get_interview(id));
    let choose = Action::new(move |language: &Language| set_language(id, *language));
    let problem = RwSignal::new(None::<String>);

    let stored_job = Memo::new(move |_| job_description.with(|d| d.as_ref().map(|d| d.updated_at)));
    Effect::new(move |previous: Option<Option<_>>| {
        let now = stored_job.get();
        if previous.is_some_and(|previous| previous != now) {
            reread.dispatch(());
        }
        now
    });
    Effect::new(move |_| {
        if let Some(Ok(interview)) = reread.value().get() {
            current.set((interview.language, interview.language_chosen));
        }
    });
    Effect::new(move |_| match choose.value().get() {
        Some(Ok(interview)) => {
            problem.set(None);
            current.set((interview.language, interview.language_chosen));
        }
        Some(Err(refusal)) => problem.set(Some(refusal.to_string())),
        None => {}
    });

    view! {
        <div class="language-choice">
            <label for="interview-language">"Interview language"</label>
            <select
                id="interview-language"
                aria-describedby="language-source"
                disabled=move || choose.pending().get()
                on:change=move |ev| {
                    if let Ok(language) = event_target_value(&ev).parse::<Language>() {
                        choose.dispatch(language);
                    }
                }
            >
                {Language::ALL
                    .iter()
                    .map(|&language| view! {
                        <option
                            value=language.as_str()
                            lang=language.tag()
                            selected=move || current.get().0 == language
                        >
                            {language.label()}
                        </option>
                    })
                    .collect_view()}
            </select>
            <span id="language-source" class="muted small" aria-live="polite">
                {move || if current.get().1 {
                    "Your choice: the questions and the report will be in this language."
                } else {
                    "Detected from the job description: the questions and the report will be in this language."
                }}
            </span>
            {move || coach_note(current.get().0).map(|note| view! {
                <p id="language-coach-note" class="muted small">{note}</p>
            })}
            {move || problem.get().map(|message| view! {
                <p class="error small" role="alert" id="language-error">{message}</p>
            })}
        </div>
    }
}

/// What an interview in a language the built-in coach does not speak is asked in, said
/// plainly: the AI interviewer follows the language, the coach that stands in for it does not.
fn coach_note(language: Language) -> Option<String> {
    (!language.coach_speaks()).then(|| {
        format!(
            "The AI interviewer asks in {}; the built-in coach, used when no AI interviewer is \
             configured or it fails, asks in English.",
            language.label()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_appears_only_for_languages_the_coach_does_not_speak() {
        assert_eq!(
            coach_note(Language::Italian).as_deref(),
            Some("The AI interviewer asks in Italiano; the built-in coach, used when no AI interviewer is configured or it fails, asks in English.")
        );
        for language in [
            Language::English,
            Language::French,
            Language::German,
            Language::Spanish,
        ] {
            assert_eq!(coach_note(language), None, "{language:?}");
        }
    }
}
