//! Spoken delivery: how an answer given by voice sounded (pace, long pauses, fillers), from
//! the timing of the browser's speech-recognition events. Shown beside the content scores,
//! never mixed into them: a fast talker with a strong answer still has a strong answer.

use serde::{Deserialize, Serialize};

use crate::{FieldError, PhraseCount};

/// A gap between two spoken phrases at least this long is a long pause. Recognisers report a
/// phrase about as late after its end as they report the next one after its start, so the gap
/// between the two reports is close to the silence.
pub const LONG_PAUSE_MS: u32 = 3_000;

/// At most this many phrases per answer: ten minutes of speech in two-second phrases.
pub const MAX_SPOKEN_PHRASES: usize = 300;

/// What was said may be longer than the answer sent (the candidate can cut it), within reason.
pub const MAX_SPOKEN_CHARS: usize = 2 * crate::MAX_ANSWER_CHARS;

/// The longest answer we time: an hour, far past any answer (and what fits a `u32` of ms).
pub const MAX_SPEAKING_MS: u32 = 3_600_000;

/// Below this many words a pace is noise: "yes" in half a second is not 120 words a minute.
pub const MIN_WORDS_FOR_PACE: u32 = 10;

/// Words a minute below which listeners drift, and above which they stop following.
pub const SLOW_PACE_WPM: u32 = 110;
pub const FAST_PACE_WPM: u32 = 170;

/// A phrase the speech recogniser finished, with when it was heard: milliseconds from the
/// start of the answer's dictation. `started_ms` is the first report of the phrase (the
/// recogniser's first guess), `ended_ms` the final one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpokenPhrase {
    pub text: String,
    pub started_ms: u32,
    pub ended_ms: u32,
}

/// How an answer given by voice was delivered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delivery {
    /// Words spoken (what was typed or edited afterwards does not count).
    pub spoken_words: u32,
    /// From the first phrase's start to the last phrase's end, pauses included.
    pub speaking_ms: u32,
    /// Spoken words per minute over `speaking_ms`; `None` when too few words to tell.
    pub words_per_minute: Option<u32>,
    /// Silences of at least [`LONG_PAUSE_MS`] between phrases.
    pub long_pauses: u32,
    pub longest_pause_ms: u32,
    /// Filler words while speaking ("um", "you know", "like" as a filler).
    pub fillers: u32,
    /// Lower-cased, most frequent first.
    pub filler_phrases: Vec<PhraseCount>,
}

/// Where a pace sits for a listener.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    Slow,
    Comfortable,
    Fast,
}

impl Pace {
    pub fn of(words_per_minute: u32) -> Self {
        if words_per_minute < SLOW_PACE_WPM {
            Pace::Slow
        } else if words_per_minute > FAST_PACE_WPM {
            Pace::Fast
        } else {
            Pace::Comfortable
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Pace::Slow => "slow",
            Pace::Comfortable => "comfortable",
            Pace::Fast => "fast",
        }
    }
}

/// Checks phrases sent with an answer: few enough, in order, each ending after it starts.
pub fn validate_spoken_phrases(phrases: &[SpokenPhrase]) -> Result<(), FieldError> {
    let invalid = |message: String| Err(FieldError::new("spoken", message));
    if phrases.len() > MAX_SPOKEN_PHRASES {
        return invalid(format!(
            "At most {MAX_SPOKEN_PHRASES} spoken phrases can be timed per answer; this one has {}.",
            phrases.len()
        ));
    }
    let said: usize = phrases
        .iter()
        .map(|phrase| phrase.text.chars().count())
        .sum();
    if said > MAX_SPOKEN_CHARS {
        return invalid(format!(
            "The spoken phrases can hold at most {MAX_SPOKEN_CHARS} characters; these have {said}."
        ));
    }
    let mut previous_end = 0;
    for (index, phrase) in phrases.iter().enumerate() {
        let number = index + 1;
        if phrase.ended_ms < phrase.started_ms {
            return invalid(format!("Spoken phrase {number} ends before it starts."));
        }
        if phrase.started_ms < previous_end {
            return invalid(format!(
                "Spoken phrase {number} starts before the one before it ends."
            ));
        }
        if phrase.ended_ms > MAX_SPEAKING_MS {
            return invalid(format!(
                "Spoken phrase {number} ends more than an hour after the answer started."
            ));
        }
        previous_end = phrase.ended_ms;
    }
    Ok(())
}

/// The timing figures of valid `phrases` (see [`validate_spoken_phrases`]), with the fillers
/// the caller counted in what was said. `None` when nothing was said.
pub fn measure_delivery(
    phrases: &[SpokenPhrase],
    fillers: u32,
    filler_phrases: Vec<PhraseCount>,
) -> Option<Delivery> {
    let spoken: Vec<&SpokenPhrase> = phrases
        .iter()
        .filter(|phrase| !phrase.text.trim().is_empty())
        .collect();
    let (first, last) = (spoken.first()?, spoken.last()?);
    let spoken_words = spoken
        .iter()
        .map(|phrase| phrase.text.split_whitespace().count())
        .sum::<usize>();
    let spoken_words = u32::try_from(spoken_words).unwrap_or(u32::MAX);
    let speaking_ms = last.ended_ms.saturating_sub(first.started_ms);
    let words_per_minute = words_per_minute(spoken_words, speaking_ms);
    let pauses: Vec<u32> = spoken
        .windows(2)
        .map(|pair| pair[1].started_ms.saturating_sub(pair[0].ended_ms))
        .collect();
    Some(Delivery {
        spoken_words,
        speaking_ms,
        words_per_minute,
        long_pauses: u32::try_from(pauses.iter().filter(|&&gap| gap >= LONG_PAUSE_MS).count())
            .unwrap_or(u32::MAX),
        longest_pause_ms: pauses.into_iter().max().unwrap_or(0),
        fillers,
        filler_phrases,
    })
}

/// Words a minute over `speaking_ms`, pauses included; `None` for too few words to tell.
fn words_per_minute(spoken_words: u32, speaking_ms: u32) -> Option<u32> {
    (spoken_words >= MIN_WORDS_FOR_PACE && speaking_ms > 0).then(|| {
        let per_minute = u64::from(spoken_words) * 60_000 / u64::from(speaking_ms);
        u32::try_from(per_minute).unwrap_or(u32::MAX)
    })
}

/// The delivery of every spoken answer together: words per minute over all the speaking
/// time, pauses and fillers summed. `None` when no answer was spoken.
pub fn overall_delivery<'a>(answers: impl IntoIterator<Item = &'a Delivery>) -> Option<Delivery> {
    let answers: Vec<&Delivery> = answers.into_iter().collect();
    if answers.is_empty() {
        return None;
    }
    let spoken_words: u32 = answers.iter().map(|d| d.spoken_words).sum();
    let speaking_ms: u32 = answers
        .iter()
        .fold(0u32, |sum, d| sum.saturating_add(d.speaking_ms));
    let mut filler_phrases: Vec<PhraseCount> = Vec::new();
    for phrase in answers.iter().flat_map(|d| &d.filler_phrases) {
        match filler_phrases
            .iter_mut()
            .find(|p| p.phrase == phrase.phrase)
        {
            Some(known) => known.count += phrase.count,
            None => filler_phrases.push(phrase.clone()),
        }
    }
    filler_phrases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.phrase.cmp(&b.phrase)));
    Some(Delivery {
        spoken_words,
        speaking_ms,
        words_per_minute: words_per_minute(spoken_words, speaking_ms),
        long_pauses: answers.iter().map(|d| d.long_pauses).sum(),
        longest_pause_ms: answers
            .iter()
            .map(|d| d.longest_pause_ms)
            .max()
            .unwrap_or(0),
        fillers: answers.iter().map(|d| d.fillers).sum(),
        filler_phrases,
    })
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
    fn pace_counts_pauses_in_the_speaking_time() {
        // 20 words in 4 s, a 4 s silence, 10 words in 2 s: 30 words over 10 s = 180 a minute.
        let phrases = [
            phrase(&["word"; 20].join(" "), 0, 4_000),
            phrase(&["word"; 10].join(" "), 8_000, 10_000),
        ];
        let delivery = measure_delivery(&phrases, 0, Vec::new()).unwrap();
        assert_eq!(delivery.spoken_words, 30);
        assert_eq!(delivery.speaking_ms, 10_000);
        assert_eq!(delivery.words_per_minute, Some(180));
        assert_eq!(delivery.long_pauses, 1);
        assert_eq!(delivery.longest_pause_ms, 4_000);
        assert_eq!(Pace::of(180), Pace::Fast);
    }

    #[test]
    fn short_gaps_are_not_long_pauses_and_a_few_words_have_no_pace() {
        let phrases = [phrase("yes I did", 0, 900), phrase("twice", 2_000, 2_400)];
        let delivery = measure_delivery(&phrases, 0, Vec::new()).unwrap();
        assert_eq!(delivery.long_pauses, 0);
        assert_eq!(delivery.longest_pause_ms, 1_100);
        assert_eq!(delivery.words_per_minute, None);
    }

    #[test]
    fn nothing_said_is_no_delivery() {
        assert_eq!(measure_delivery(&[], 0, Vec::new()), None);
        assert_eq!(
            measure_delivery(&[phrase("  ", 0, 10)], 0, Vec::new()),
            None
        );
    }

    #[test]
    fn phrases_out_of_order_or_backwards_are_refused() {
        assert!(validate_spoken_phrases(&[phrase("a", 0, 10), phrase("b", 20, 30)]).is_ok());
        let backwards = validate_spoken_phrases(&[phrase("a", 10, 0)]).unwrap_err();
        assert!(backwards.message.contains("ends before it starts"));
        let overlapping =
            validate_spoken_phrases(&[phrase("a", 0, 100), phrase("b", 50, 200)]).unwrap_err();
        assert!(overlapping.message.contains("phrase 2"));
        let too_long = validate_spoken_phrases(&[phrase("a", 0, MAX_SPEAKING_MS + 1)]);
        assert!(too_long.is_err());
        let many = vec![phrase("a", 0, 0); MAX_SPOKEN_PHRASES + 1];
        assert!(validate_spoken_phrases(&many).is_err());
        let rambling = [phrase(&"a".repeat(MAX_SPOKEN_CHARS + 1), 0, 10)];
        assert!(validate_spoken_phrases(&rambling).is_err());
    }

    #[test]
    fn the_interview_pace_is_over_all_speaking_time() {
        let fast = measure_delivery(
            &[phrase(&["w"; 40].join(" "), 0, 10_000)],
            2,
            vec![PhraseCount {
                phrase: "um".into(),
                count: 2,
            }],
        )
        .unwrap();
        let slow = measure_delivery(
            &[phrase(&["w"; 20].join(" "), 0, 20_000)],
            1,
            vec![PhraseCount {
                phrase: "um".into(),
                count: 1,
            }],
        )
        .unwrap();
        let overall = overall_delivery([&fast, &slow]).unwrap();
        assert_eq!(overall.words_per_minute, Some(120));
        assert_eq!(overall.fillers, 3);
        assert_eq!(overall.filler_phrases[0].count, 3);
        assert_eq!(overall_delivery([]), None);
    }
}
