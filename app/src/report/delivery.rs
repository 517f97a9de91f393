//! "How you sounded": the delivery figures of the answers given by voice, per answer and for
//! the interview, in words. The page and the Markdown share these sentences. They sit beside
//! the content scores and never change them.

use domain::{overall_delivery, Delivery, Pace, QuestionFeedback, LONG_PAUSE_MS};
use leptos::prelude::*;

/// The figures of one delivery as short sentences: pace, pauses, fillers.
pub fn delivery_lines(delivery: &Delivery) -> Vec<String> {
    let pace = match delivery.words_per_minute {
        Some(wpm) => format!(
            "Pace: {wpm} words a minute ({}), {} spoken words in {}.",
            Pace::of(wpm).label(),
            delivery.spoken_words,
            duration(delivery.speaking_ms)
        ),
        None => format!(
            "Pace: too few spoken words ({}) to tell.",
            delivery.spoken_words
        ),
    };
    let pauses = match delivery.long_pauses {
        0 => format!(
            "No long pauses (none of {} s or more).",
            LONG_PAUSE_MS / 1_000
        ),
        1 => format!("1 long pause ({}).", duration(delivery.longest_pause_ms)),
        many => format!(
            "{many} long pauses, the longest {}.",
            duration(delivery.longest_pause_ms)
        ),
    };
    let fillers = if delivery.fillers == 0 {
        "No filler words.".to_owned()
    } else {
        let which = delivery
            .filler_phrases
            .iter()
            .take(4)
            .map(|filler| format!("\u{201c}{}\u{201d} ×{}", filler.phrase, filler.count))
            .collect::<Vec<_>>()
            .join(", ");
        let noun = if delivery.fillers == 1 {
            "filler word"
        } else {
            "filler words"
        };
        format!("{} {noun}: {which}.", delivery.fillers)
    };
    vec![pace, pauses, fillers]
}

/// The interview's delivery over its spoken answers, and how many of the answers they are.
pub fn interview_delivery(questions: &[QuestionFeedback]) -> Option<(Delivery, usize)> {
    let spoken: Vec<&Delivery> = questions
        .iter()
        .filter_map(|q| q.delivery.as_ref())
        .collect();
    let count = spoken.len();
    overall_delivery(spoken).map(|delivery| (delivery, count))
}

/// "1 min 5 s", "4.2 s".
fn duration(ms: u32) -> String {
    if ms >= 60_000 {
        format!("{} min {} s", ms / 60_000, ms % 60_000 / 1_000)
    } else {
        format!("{:.1} s", f64::from(ms) / 1_000.0)
    }
}

/// The report's "How you sounded" section, when any answer was spoken.
#[component]
pub fn DeliverySummary(questions: Vec<QuestionFeedback>) -> AnyView {
    let Some((delivery, spoken)) = interview_delivery(&questions) else {
        return ().into_any();
    };
    let answered = questions.len();
    view! {
        <section class="report-card" id="delivery" aria-labelledby="delivery-heading">
            <h2 id="delivery-heading">"How you sounded"</h2>
            <p class="muted small">
                {format!(
                    "From the {spoken} of your {answered} answers you gave by voice. Delivery is shown beside the scores and never changes them."
                )}
            </p>
            <DeliveryList delivery />
        </section>
    }
    .into_any()
}

/// The delivery lines as a list.
#[component]
pub fn DeliveryList(delivery: Delivery) -> impl IntoView {
    view! {
        <ul class="delivery">
            {delivery_lines(&delivery).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::PhraseCount;

    fn delivery(words_per_minute: Option<u32>, long_pauses: u32, fillers: u32) -> Delivery {
        Delivery {
            spoken_words: 150,
            speaking_ms: 65_000,
            words_per_minute,
            long_pauses,
            longest_pause_ms: 4_200,
            fillers,
            filler_phrases: (fillers > 0)
                .then(|| PhraseCount {
                    phrase: "um".into(),
                    count: fillers,
                })
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn figures_read_as_sentences() {
        assert_eq!(
            delivery_lines(&delivery(Some(138), 1, 2)),
            [
                "Pace: 138 words a minute (comfortable), 150 spoken words in 1 min 5 s.",
                "1 long pause (4.2 s).",
                "2 filler words: \u{201c}um\u{201d} ×2.",
            ]
        );
        let quiet = delivery_lines(&delivery(None, 0, 0));
        assert_eq!(quiet[0], "Pace: too few spoken words (150) to tell.");
        assert_eq!(quiet[1], "No long pauses (none of 3 s or more).");
        assert_eq!(quiet[2], "No filler words.");
        assert_eq!(
            delivery_lines(&delivery(Some(190), 3, 0))[1],
            "3 long pauses, the longest 4.2 s."
        );
    }
}
