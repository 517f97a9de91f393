//! Advice and sample answers for the questions that are not stories: why this job
//! (motivation) and the end of the interview (closing), and, for a story question, the outline
//! of a strong answer when the candidate's answer has no material to rewrite. None of it uses
//! STAR terms where they do not fit, and none of it wraps a thin answer in placeholders.

use domain::AnswerAnalysis;

use crate::report::offline::breakdown::MAX_SAMPLE_WORDS;
use crate::report::offline::wording::ReportWording;
use crate::report::quote::{sentences, tidier};
use crate::report::scores::SUBSTANTIAL_WORDS;
use crate::report::Answered;
use text::stems::content_stems;

/// At least this share of an answer's content words must meet the question or the documents
/// for the answer to be about the job at all.
const MIN_SHARE_ON_TOPIC: f64 = 0.25;

/// Three reasons, said in under a minute.
const MAX_REASON_WORDS: usize = 120;

/// Instructions aimed at whoever scores the answer, not an answer.
const INSTRUCTIONS: &[&str] = &[
    "ignore all previous",
    "ignore previous",
    "ignore the above",
    "system prompt",
    "new instructions",
    "system:",
];

/// An answer with something to rewrite: long enough, with a fact in it (a number, a tool, an
/// outcome or a term of the job), about the question or the job, and neither the question
/// read back nor instructions to the scorer.
pub(super) fn has_material(
    answered: &Answered,
    analysis: &AnswerAnalysis,
    documents: &str,
) -> bool {
    let specificity = &analysis.specificity;
    let lower = answered.answer.to_lowercase();
    analysis.word_count >= SUBSTANTIAL_WORDS
        && (!specificity.numbers.is_empty()
            || !specificity.tools.is_empty()
            || !specificity.outcomes.is_empty()
            || !analysis.coverage.used.is_empty())
        && !repeats_question(answered)
        && !INSTRUCTIONS.iter().any(|phrase| lower.contains(phrase))
        && is_on_topic(answered, documents)
}

/// Enough of the answer's content words appear in the question or the documents.
fn is_on_topic(answered: &Answered, documents: &str) -> bool {
    let answer = content_stems(answered.answer);
    if answer.is_empty() {
        return false;
    }
    let mut known = content_stems(documents);
    known.extend(content_stems(answered.question));
    let shared = answer.intersection(&known).count();
    shared as f64 >= MIN_SHARE_ON_TOPIC * answer.len() as f64
}

/// Most of the answer's words are the question's.
fn repeats_question(answered: &Answered) -> bool {
    let words = |text: &str| -> std::collections::BTreeSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (question, answer) = (words(answered.question), words(answered.answer));
    !answer.is_empty() && answer.intersection(&question).count() * 10 >= answer.len() * 8
}

/// The candidate's sentences, tidied of fillers and softeners.
fn tidied(answered: &Answered, analysis: &AnswerAnalysis) -> Vec<String> {
    let tidy = tidier(analysis);
    sentences(answered.answer)
        .into_iter()
        .map(tidy)
        .filter(|sentence| !sentence.is_empty())
        .collect()
}

/// What a strong story answer contains, for an answer with nothing to rewrite.
pub(super) fn story_outline(term: Option<&str>, wording: &ReportWording) -> String {
    let steps = match term {
        Some(term) => wording.fill(wording.outline_steps_with_term, &[("term", term)]),
        None => wording.fill(wording.outline_steps, &[]),
    };
    wording.fill(wording.story_outline, &[("steps", &steps)])
}

/// What the motivation answer lacks: the employer, the fit, the aim.
struct MotivationParts {
    names_company: bool,
    shows_fit: bool,
    has_aim: bool,
}

fn motivation_parts(
    company: &str,
    answered: &Answered,
    analysis: &AnswerAnalysis,
) -> MotivationParts {
    let lower = answered.answer.to_lowercase();
    let company = company.trim().to_lowercase();
    let first_word = company.split_whitespace().next().unwrap_or_default();
    MotivationParts {
        names_company: !first_word.is_empty() && lower.contains(first_word),
        shows_fit: !analysis.specificity.numbers.is_empty() || !analysis.coverage.used.is_empty(),
        has_aim: [
            "want to",
            "would like",
            "hope to",
            "looking forward",
            "my goal",
            "i'd like",
            "i aim",
            "je veux",
            "j'aimerais",
            "je souhaite",
            "je voudrais",
            "mon objectif",
            "ich möchte",
            "möchte ich",
            "ich will",
            "mein ziel",
            "quiero",
            "me gustaría",
            "mi objetivo",
        ]
        .iter()
        .any(|cue| lower.contains(cue)),
    }
}

pub(super) fn motivation_to_add(
    company: &str,
    answered: &Answered,
    analysis: &AnswerAnalysis,
    w: &ReportWording,
) -> Vec<String> {
    let parts = motivation_parts(company, answered, analysis);
    let mut add = Vec::new();
    if !parts.names_company {
        add.push(w.fill(w.motivation_add_company, &[("company", company)]));
    }
    if !parts.shows_fit {
        add.push(w.fill(w.motivation_add_fit, &[]));
    }
    if !parts.has_aim {
        add.push(w.fill(w.motivation_add_aim, &[]));
    }
    if add.is_empty() {
        add.push(w.fill(w.motivation_add_last, &[]));
    }
    add
}

pub(super) fn motivation_sample(
    company: &str,
    answered: &Answered,
    analysis: &AnswerAnalysis,
    documents: &str,
    wording: &ReportWording,
) -> String {
    if !has_material(answered, analysis, documents) {
        return wording.fill(wording.motivation_outline, &[("company", company)]);
    }
    let parts = motivation_parts(company, answered, analysis);
    if parts.names_company && parts.shows_fit && parts.has_aim {
        return signposted_reasons(company, &tidied(answered, analysis), wording);
    }
    let mut sample = Vec::new();
    if !parts.names_company {
        sample.push(wording.fill(wording.motivation_slot_draw, &[("company", company)]));
    }
    // The reasons in brief: the first sentences, within the sample's word limit.
    let mut words = 0;
    for sentence in tidied(answered, analysis) {
        words += sentence.split_whitespace().count();
        if words > MAX_SAMPLE_WORDS && sample.iter().any(|s: &String| !s.starts_with('[')) {
            break;
        }
        sample.push(sentence);
    }
    if !parts.shows_fit {
        sample.push(wording.fill(wording.motivation_slot_fit, &[]));
    }
    if !parts.has_aim {
        sample.push(wording.fill(wording.motivation_slot_aim, &[]));
    }
    sample.join(" ")
}

/// An answer that already has every part, said as reasons an interviewer can count: "Two
/// things draw me to …", one per sentence, and the "rather than elsewhere" the question asked.
fn signposted_reasons(company: &str, sentences: &[String], wording: &ReportWording) -> String {
    // The candidate's own signposts ("Three reasons.", "First, …") give way to the sample's.
    let reasons: Vec<String> = sentences
        .iter()
        .filter(|sentence| !is_a_signpost(sentence))
        .map(|sentence| without_ordinal(sentence))
        .collect();
    let mut words = 0;
    let mut kept: Vec<&String> = reasons
        .iter()
        .take_while(|reason| {
            words += reason.split_whitespace().count();
            words <= MAX_REASON_WORDS
        })
        .take(wording.ordinals.len())
        .collect();
    if kept.is_empty() {
        kept.extend(reasons.first());
    }
    let lead = wording.reasons_lead[kept.len().max(1) - 1];
    let company = company.trim_end_matches('.');
    let mut sample = vec![wording.fill(lead, &[("company", company)])];
    for (ordinal, reason) in wording.ordinals.iter().zip(&kept) {
        sample.push(if kept.len() == 1 {
            upper_first(reason)
        } else {
            format!("{ordinal} {}", lower_first_word(reason))
        });
    }
    sample.push(wording.fill(wording.reasons_close, &[]));
    sample.join(" ")
}

fn upper_first(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "Three reasons." or "Two things:": a count of what follows, nothing else.
fn is_a_signpost(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() <= 4
        && words.iter().any(|word| {
            matches!(
                word.as_str(),
                "reasons"
                    | "things"
                    | "reason"
                    | "thing"
                    | "points"
                    | "raisons"
                    | "raison"
                    | "choses"
                    | "gründe"
                    | "grund"
                    | "dinge"
                    | "razones"
                    | "razón"
                    | "cosas"
            )
        })
}

/// A reason without the ordinal or "also" its place in the answer gave it.
fn without_ordinal(sentence: &str) -> String {
    const ORDINALS: &[&str] = &[
        "first", "firstly", "second", "secondly", "third", "thirdly", "finally", "lastly", "also",
        "and", "d'abord", "ensuite", "enfin", "aussi", "et", "erstens", "zweitens", "drittens",
        "auch", "und", "primero", "segundo", "tercero", "también", "y", "además",
    ];
    let mut rest = sentence.trim();
    while let Some((word, after)) = rest.split_once(' ') {
        let bare = word.trim_end_matches(',').to_lowercase();
        if !ORDINALS.contains(&bare.as_str()) {
            break;
        }
        rest = after.trim_start();
    }
    rest.replacen("I also ", "I ", 1)
}

/// A sentence's first word in lower case when it is an ordinary word ("The team" → "the
/// team"); as written when it is a name or "I".
fn lower_first_word(sentence: &str) -> String {
    const ORDINARY: &[&str] = &[
        "the", "a", "an", "my", "our", "your", "you", "we", "it", "this", "that", "these", "those",
        "there", "what", "working",
    ];
    let first = sentence.split_whitespace().next().unwrap_or_default();
    if !ORDINARY.contains(&first.to_lowercase().as_str()) {
        return sentence.to_owned();
    }
    let mut chars = sentence.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

pub(super) fn background_to_add(analysis: &AnswerAnalysis, w: &ReportWording) -> Vec<String> {
    let mut add = Vec::new();
    if analysis.specificity.numbers.is_empty() {
        add.push(w.fill(w.background_add_number, &[]));
    }
    if analysis.coverage.used.is_empty() {
        add.push(w.fill(w.background_add_terms, &[]));
    }
    if analysis.word_count > 200 {
        add.push(w.fill(w.background_add_short, &[]));
    }
    add.push(w.fill(w.background_add_last, &[]));
    add
}

/// Where the candidate is now and what brings them here: their own summary kept (tidied,
/// within the sample's length), the achievement it lacks as a slot, and the line that points
/// it at this role.
pub(super) fn background_sample(
    (job_title, company): (&str, &str),
    answered: &Answered,
    analysis: &AnswerAnalysis,
    documents: &str,
    w: &ReportWording,
) -> String {
    let company = company.trim_end_matches('.');
    if !has_material(answered, analysis, documents) {
        return w.fill(w.background_outline, &[]);
    }
    let mut sample = Vec::new();
    let mut words = 0;
    for sentence in tidied(answered, analysis) {
        words += sentence.split_whitespace().count();
        if words > MAX_SAMPLE_WORDS && !sample.is_empty() {
            break;
        }
        sample.push(sentence);
    }
    if analysis.specificity.numbers.is_empty() {
        sample.push(w.fill(w.background_slot_achievement, &[]));
    }
    sample.push(w.fill(
        w.background_close,
        &[("job_title", job_title), ("company", company)],
    ));
    sample.join(" ")
}

pub(super) fn closing_to_add(
    answered: &Answered,
    analysis: &AnswerAnalysis,
    w: &ReportWording,
) -> Vec<String> {
    let mut add = Vec::new();
    if !answered.answer.contains('?') {
        add.push(w.fill(w.closing_add_questions, &[]));
    }
    if analysis.word_count > 120 {
        add.push(w.fill(w.closing_add_short, &[]));
    }
    add.push(w.fill(w.closing_add_thanks, &[]));
    add
}

pub(super) fn closing_sample(
    company: &str,
    answered: &Answered,
    analysis: &AnswerAnalysis,
    wording: &ReportWording,
) -> String {
    // The interviewer's question read back is not a question of the candidate's own.
    let own_questions: Vec<String> = if repeats_question(answered) {
        Vec::new()
    } else {
        tidied(answered, analysis)
            .into_iter()
            .filter(|sentence| is_a_question(sentence))
            .collect()
    };
    let company = company.trim_end_matches('.');
    let mut sample = vec![wording.fill(wording.thanks, &[])];
    match own_questions.len() {
        0 => sample.push(wording.fill(wording.default_questions, &[("company", company)])),
        1 => sample.extend(own_questions),
        count => {
            let have = wording.have_questions[usize::from(count != 2)];
            sample.push(wording.fill(have, &[]));
            sample.extend(own_questions);
        }
    }
    sample.push(wording.fill(wording.keener, &[("company", company)]));
    sample.join(" ")
}

/// A question of the candidate's, asked directly ("How are territories split?") or politely
/// ("I would also like to know how credit is shared.").
fn is_a_question(sentence: &str) -> bool {
    const INDIRECT: &[&str] = &[
        "i would like to know",
        "i would also like to know",
        "i'd like to know",
        "i'd also like to know",
        "i'm curious",
        "i am curious",
        "i wonder",
        "could you tell me",
        "can you tell me",
    ];
    let lower = sentence.to_lowercase().replace('\u{2019}', "'");
    sentence.ends_with('?') || INDIRECT.iter().any(|cue| lower.starts_with(cue))
}

#[cfg(test)]
mod tests {
    use crate::report::offline::offline_report;
    use crate::report::test_support::{input, CV};

    const STAR_WORDS: [&str; 3] = ["situation", "task", "star"];

    #[test]
    fn motivation_and_closing_get_advice_of_their_own() {
        let report = offline_report(&input(
            CV,
            &[
                (
                    "Why do you want to join Helvetia Ledger AG as Senior Backend Engineer?",
                    "I like the company.",
                ),
                (
                    "To close, what questions do you have for me about the role?",
                    "No, I think you covered everything, thank you.",
                ),
            ],
        ));
        for feedback in &report.questions {
            let advice = format!("{} {}", feedback.to_add.join(" "), feedback.sample_answer);
            let lower = advice.to_lowercase();
            for word in STAR_WORDS {
                assert!(!lower.contains(word), "{word} in: {advice}");
            }
            assert!(!feedback.sample_answer.contains("I like the company"));
        }
        let motivation = &report.questions[0];
        assert!(motivation.to_add[0].starts_with("Why Helvetia Ledger AG in particular"));
        assert!(motivation
            .sample_answer
            .starts_with("A strong answer gives three reasons"));
        let closing = &report.questions[1];
        assert!(closing.to_add[0].starts_with("One or two questions of your own"));
        assert!(closing
            .sample_answer
            .contains("How will Helvetia Ledger AG measure success"));
    }

    #[test]
    fn a_complete_motivation_answer_is_said_as_reasons_to_count() {
        let answer = "Three reasons. First, Helvetia Ledger books 9 million transactions a day on PostgreSQL, and I have spent four years making a ledger correct at Helvetic Clearing. Second, you are moving Java batch jobs into Go services, which is the migration I led. I also want to grow as a technical lead in a small team.";
        let report = offline_report(&input(
            CV,
            &[("Why do you want to join Helvetia Ledger AG?", answer)],
        ));
        let sample = &report.questions[0].sample_answer;
        assert!(
            sample.starts_with("Three things draw me to Helvetia Ledger AG. First, Helvetia Ledger books 9 million"),
            "{sample}"
        );
        assert!(
            sample.contains(" Second, you are moving Java batch jobs"),
            "{sample}"
        );
        assert!(sample.contains(" And third, I want to grow"), "{sample}");
        assert!(!sample.contains("Three reasons"), "{sample}");
        assert!(
            sample.ends_with("and not a similar one elsewhere."),
            "{sample}"
        );
    }

    #[test]
    fn closing_questions_asked_politely_count_as_questions() {
        let answer = "Yes. How are territories split between the four pods? I would also like to know how partner deals are credited.";
        let report = offline_report(&input(
            CV,
            &[("To close, what questions do you have for me?", answer)],
        ));
        let sample = &report.questions[0].sample_answer;
        assert!(
            sample.starts_with(
                "Thank you for your time. I have two questions. How are territories split"
            ),
            "{sample}"
        );
        assert!(sample.contains("I would also like to know how partner deals are credited."));
        assert!(sample.ends_with(
            "This conversation has made me keener to join Helvetia Ledger AG: [the one reason, in a sentence]."
        ));
    }

    #[test]
    fn a_motivation_answer_with_material_is_kept_and_completed() {
        let answer = "Helvetia Ledger books 9 million transactions a day on PostgreSQL, and I have spent four years making a ledger correct to the last cent at Helvetic Clearing.";
        let report = offline_report(&input(
            CV,
            &[("Why do you want to join Helvetia Ledger AG?", answer)],
        ));
        let sample = &report.questions[0].sample_answer;
        assert!(
            sample.contains("books 9 million transactions a day"),
            "{sample}"
        );
        assert!(
            sample.ends_with("[What you want to achieve in your first year.]"),
            "{sample}"
        );
    }
}
