//! Follow-ups chosen from the last answer: a very short answer gets a request for an example,
//! one without any number a request for the measurable result, one that says only "we" a
//! question about the candidate's own part, and one naming a skill from the job ad that no
//! question has named yet a deeper question on it.

use super::analysis::{first_skill_in, last_skill_in, Analysis};
use super::phrasing::{key_of, Phrasing};
use super::{Exchange, FollowUpReason};

/// Fewer words than this is too short to judge; it gets a request for an example.
const SHORT_ANSWER_WORDS: usize = 25;

/// Words that state a quantity without digits ("doubled", "three times").
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "percent",
    "doubled",
    "tripled",
    "halved",
    "twice",
    "half",
];

fn words_of(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

fn has_measurable_result(answer: &str) -> bool {
    answer.contains(|c: char| c.is_ascii_digit() || c == '%')
        || words_of(answer)
            .iter()
            .any(|word| NUMBER_WORDS.contains(&word.as_str()))
}

/// "We" said at least twice and the candidate never in the first person singular.
fn hides_behind_we(answer: &str) -> bool {
    let words = words_of(answer);
    let count = |set: &[&str]| {
        words
            .iter()
            .filter(|word| set.contains(&word.as_str()))
            .count()
    };
    count(&["we", "our", "us"]) >= 2
        && count(&["i", "my", "me", "i'm", "i've", "i'd", "myself"]) == 0
}

/// Why the answer deserves a follow-up, most important reason first.
pub(crate) fn reasons(answer: &str, names_new_job_skill: bool) -> Vec<FollowUpReason> {
    let mut reasons = Vec::new();
    if words_of(answer).len() < SHORT_ANSWER_WORDS {
        reasons.push(FollowUpReason::TooShort);
    }
    if !has_measurable_result(answer) {
        reasons.push(FollowUpReason::NoMeasurableResult);
    }
    if hides_behind_we(answer) {
        reasons.push(FollowUpReason::NoPersonalContribution);
    }
    if names_new_job_skill {
        reasons.push(FollowUpReason::JobSkillMentioned);
    }
    reasons
}

/// The follow-up to the last exchange, if it needs one and some phrasing of it is new.
pub(crate) fn choose(
    last: &Exchange,
    history: &[Exchange],
    analysis: &Analysis,
    phrasing: &Phrasing,
    is_new: impl Fn(&str) -> bool,
) -> Option<(FollowUpReason, String)> {
    let new_job_skill = first_skill_in(&analysis.job, &last.answer)
        .map(|skill| skill.name.as_str())
        .filter(|name| {
            history.iter().all(|exchange| {
                first_skill_in(&analysis.job, &exchange.question).is_none_or(|s| s.name != *name)
            })
        });
    // The question's subject is the job skill it names last ("…from Java. Which Go trade-offs…").
    let topic = last_skill_in(&analysis.job, &last.question)
        .or_else(|| last_skill_in(&analysis.known, &last.question))
        .or_else(|| first_skill_in(&analysis.known, &last.answer))
        .map(|skill| skill.name.as_str());
    reasons(&last.answer, new_job_skill.is_some())
        .into_iter()
        .find_map(|reason| {
            let candidates = phrasings(reason, topic, new_job_skill);
            let key = key_of(&last.question) ^ history.len() as u64;
            let fresh: Vec<String> = candidates.into_iter().filter(|text| is_new(text)).collect();
            phrasing
                .first_fitting(key, &fresh)
                .map(|text| (reason, text))
        })
}

fn phrasings(
    reason: FollowUpReason,
    topic: Option<&str>,
    new_job_skill: Option<&str>,
) -> Vec<String> {
    let work = topic.map_or_else(
        || "that work".to_owned(),
        |topic| format!("the {topic} work"),
    );
    match reason {
        FollowUpReason::TooShort => vec![
            format!("Could you make {work} concrete with one example: the situation, your action and the outcome?"),
            format!("Can you walk me through one specific moment in {work}, step by step?"),
        ],
        FollowUpReason::NoMeasurableResult => vec![
            format!("What was the measurable result of {work}? Which number or metric changed, and by how much?"),
            format!("How did you measure the result of {work}, and what did the numbers show?"),
        ],
        FollowUpReason::NoPersonalContribution => vec![
            format!("You said \"we\" several times. What did you personally decide or do in {work}?"),
            format!("Which part of {work} was yours alone, and what would have happened without you?"),
        ],
        FollowUpReason::JobSkillMentioned => {
            let skill = new_job_skill.unwrap_or("that tool");
            vec![
                format!("You mentioned {skill}, which this role uses. How exactly did you use it, and what would you do differently today?"),
                format!("Let's go deeper on {skill}: what was the hardest problem you solved with it, and how?"),
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG_WITHOUT_NUMBERS: &str = "I planned the work with the product owner, I wrote the design, I reviewed every change with the team and I made sure the release went out smoothly without surprises for customers.";

    #[test]
    fn short_answers_need_an_example_first() {
        assert_eq!(reasons("It went well.", false)[0], FollowUpReason::TooShort);
        assert_eq!(reasons("", false)[0], FollowUpReason::TooShort);
    }

    #[test]
    fn answers_without_a_number_need_a_result() {
        assert_eq!(
            reasons(LONG_WITHOUT_NUMBERS, false),
            [FollowUpReason::NoMeasurableResult]
        );
        let with_digits = LONG_WITHOUT_NUMBERS.replace("smoothly", "in 3 weeks");
        assert!(reasons(&with_digits, false).is_empty());
        let with_words = LONG_WITHOUT_NUMBERS.replace("smoothly", "and halved errors");
        assert!(reasons(&with_words, false).is_empty());
    }

    #[test]
    fn we_without_i_needs_a_personal_part() {
        let answer = "We planned it together, we shipped it in 3 sprints, and we reduced errors by 25 % so the whole team was happy with how it went in the end overall.";
        assert_eq!(
            reasons(answer, false),
            [FollowUpReason::NoPersonalContribution]
        );
        let with_i = answer.replace("We planned", "I planned");
        assert!(reasons(&with_i, false).is_empty());
    }

    #[test]
    fn a_new_job_skill_is_the_last_reason() {
        assert_eq!(
            reasons(
                &LONG_WITHOUT_NUMBERS.replace("smoothly", "in 3 weeks"),
                true
            ),
            [FollowUpReason::JobSkillMentioned]
        );
    }

    #[test]
    fn every_phrasing_is_a_short_question() {
        let reasons = [
            FollowUpReason::TooShort,
            FollowUpReason::NoMeasurableResult,
            FollowUpReason::NoPersonalContribution,
            FollowUpReason::JobSkillMentioned,
        ];
        for reason in reasons {
            for topic in [None, Some("Kubernetes")] {
                for text in phrasings(reason, topic, Some("OpenTelemetry")) {
                    assert!(super::super::text::is_well_formed_question(&text), "{text}");
                }
            }
        }
    }
}
