//! Which answer counts for each question: the best of the original and its attempts.

use uuid::Uuid;

/// An answer with its score, for the question `question_id`.
pub(super) struct Scored {
    pub question_id: Uuid,
    pub text: String,
    pub score: u8,
}

/// For each original answer `(question, text, score)`, in order, the text of the best-scored
/// answer among it and the attempts at its question. A tie keeps the earlier answer, the
/// original first: an attempt counts only when it does better.
pub(super) fn best_answers<'a>(
    originals: &'a [(Uuid, &'a str, u8)],
    attempts: &'a [Scored],
) -> Vec<&'a str> {
    originals
        .iter()
        .map(|&(question, text, score)| {
            attempts
                .iter()
                .filter(|attempt| attempt.question_id == question)
                .fold((text, score), |best, attempt| {
                    if attempt.score > best.1 {
                        (attempt.text.as_str(), attempt.score)
                    } else {
                        best
                    }
                })
                .0
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_counts_only_where_it_beats_every_earlier_answer() {
        let (first, second) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let originals = [(first, "first original", 4), (second, "second original", 6)];
        let attempt = |question_id, text: &str, score| Scored {
            question_id,
            text: text.into(),
            score,
        };
        let attempts = [
            attempt(first, "better", 7),
            attempt(first, "as good", 7),
            attempt(second, "worse", 5),
            attempt(second, "tied", 6),
        ];
        assert_eq!(
            best_answers(&originals, &attempts),
            ["better", "second original"]
        );
        assert_eq!(
            best_answers(&originals, &[]),
            ["first original", "second original"]
        );
    }
}
