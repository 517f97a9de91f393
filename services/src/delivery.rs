//! The delivery figures of an answer given by voice: the timing comes from the phrases the
//! browser heard (`domain::measure_delivery`), the fillers from the same analysis the report
//! uses, run over what was said rather than over the answer as edited.

use domain::{measure_delivery, Delivery, SpokenPhrase};

/// `None` for a typed answer or one where nothing was heard.
pub fn delivery_of(spoken: &[SpokenPhrase]) -> Option<Delivery> {
    let said = spoken
        .iter()
        .map(|phrase| phrase.text.trim())
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if said.is_empty() {
        return None;
    }
    let fillers = analysis::analyse_answer("", "", "", &said).fillers;
    measure_delivery(spoken, fillers.count, fillers.phrases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str, started_ms: u32, ended_ms: u32) -> SpokenPhrase {
        SpokenPhrase {
            text: text.into(),
            started_ms,
            ended_ms,
        }
    }

    #[test]
    fn fillers_are_counted_in_what_was_said() {
        let delivery = delivery_of(&[
            phrase("um so I led the migration you know", 0, 3_000),
            phrase("and uh we cut costs by a third", 6_500, 9_000),
        ])
        .unwrap();
        assert_eq!(delivery.spoken_words, 16);
        assert_eq!(delivery.long_pauses, 1);
        assert!(delivery.fillers >= 3, "{delivery:?}");
        assert!(delivery.filler_phrases.iter().any(|p| p.phrase == "um"));
    }

    #[test]
    fn a_typed_answer_has_no_delivery() {
        assert_eq!(delivery_of(&[]), None);
    }
}
