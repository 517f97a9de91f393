//! Per answered question: what worked, what to add, and a stronger sample answer in STAR
//! shape built from the candidate's own sentences (tidied of fillers and softeners), with a
//! bracketed placeholder wherever they gave nothing: the sample never invents a fact.

use domain::{AnswerAnalysis, QuestionFeedback, StarComponent};

use crate::interviewer::reading::AnswerKind;
use crate::report::offline::by_kind;
use crate::report::offline::question_kind::QuestionKind;
use crate::report::offline::wording::ReportWording;
use crate::report::offline::Context;
use crate::report::quote::{first_person, sentences, tidier};
use crate::report::scores::SUBSTANTIAL_WORDS;
use crate::report::Answered;
use text::profile::Skill;
use text::words::SearchableText;

const MAX_TO_ADD: usize = 4;
/// A sample answer keeps at most this many of the candidate's sentences and words: a strong
/// story told in four sentences (situation, task, action, result) in under a minute is what
/// an interviewer remembers.
const MAX_SAMPLE_SENTENCES: usize = 4;
pub(super) const MAX_SAMPLE_WORDS: usize = 80;

pub(super) fn breakdown(context: &Context) -> Vec<QuestionFeedback> {
    context
        .answers()
        .map(|(answered, analysis)| {
            let kind = context.kind(answered.number);
            // An answer that does not address the question earns no praise, whatever words
            // it happens to contain: it is told so plainly, then what the question wanted.
            let (worked, to_add) = match not_an_answer(kind, context.wording()) {
                Some(verdict) => {
                    let mut to_add = vec![verdict.to_owned()];
                    to_add.extend(advice(context, answered, analysis));
                    to_add.truncate(MAX_TO_ADD);
                    (Vec::new(), to_add)
                }
                None => (
                    worked(analysis, context.wording()),
                    advice(context, answered, analysis),
                ),
            };
            QuestionFeedback {
                number: answered.number,
                question: answered.question.to_owned(),
                answer: answered.answer.to_owned(),
                worked,
                to_add,
                sample_answer: sample(context, answered, analysis),
                delivery: None,
            }
        })
        .collect()
}

/// What the report says first about an answer that does not address its question.
pub(super) fn not_an_answer(kind: AnswerKind, wording: &ReportWording) -> Option<&'static str> {
    match kind {
        AnswerKind::OffTopic => Some(wording.not_answer_off_topic),
        AnswerKind::NotAnAnswer => Some(wording.not_answer_repeated),
        AnswerKind::Empty => Some(wording.not_answer_empty),
        _ => None,
    }
}

/// What to add, by the kind of question: STAR parts for a story, reasons for motivation, the
/// candidate's own questions at the close.
fn advice(context: &Context, answered: &Answered, analysis: &AnswerAnalysis) -> Vec<String> {
    let company = context.input.company.trim();
    let mut add = match QuestionKind::of(answered.question) {
        QuestionKind::Story => return to_add(context, answered, analysis),
        QuestionKind::Motivation => {
            by_kind::motivation_to_add(company, answered, analysis, context.wording())
        }
        QuestionKind::Closing => by_kind::closing_to_add(answered, analysis, context.wording()),
        QuestionKind::Background => by_kind::background_to_add(analysis, context.wording()),
    };
    add.truncate(MAX_TO_ADD);
    add
}

/// A stronger answer: a rewrite of the candidate's own material where there is some, else
/// what a strong answer would contain (never the thin answer wrapped in placeholders).
fn sample(context: &Context, answered: &Answered, analysis: &AnswerAnalysis) -> String {
    let company = context.input.company.trim();
    let documents = format!("{}\n{}", context.input.cv, context.input.job_description);
    // An answer about something else is no material for a rewrite, however long it is.
    let answers = context.kind(answered.number).answers_the_question();
    match QuestionKind::of(answered.question) {
        QuestionKind::Story if answers && by_kind::has_material(answered, analysis, &documents) => {
            sample_answer(context, answered, analysis)
        }
        QuestionKind::Story => {
            by_kind::story_outline(asked_term(context, answered).as_deref(), context.wording())
        }
        QuestionKind::Motivation => {
            by_kind::motivation_sample(company, answered, analysis, &documents, context.wording())
        }
        QuestionKind::Closing => {
            by_kind::closing_sample(company, answered, analysis, context.wording())
        }
        QuestionKind::Background => by_kind::background_sample(
            (context.input.job_title.trim(), company),
            answered,
            analysis,
            &documents,
            context.wording(),
        ),
    }
}

fn worked(analysis: &AnswerAnalysis, w: &ReportWording) -> Vec<String> {
    let mut worked = Vec::new();
    let present = analysis.star.present();
    if analysis.star.is_complete() {
        worked.push(w.fill(w.worked_star, &[]));
    } else if !present.is_empty() {
        worked.push(w.fill(w.worked_parts, &[("list", &component_list(&present, w))]));
    }
    if !analysis.specificity.numbers.is_empty() {
        let numbers: Vec<String> = analysis
            .specificity
            .numbers
            .iter()
            .map(|number| number.text.clone())
            .collect();
        worked.push(w.fill(w.worked_numbers, &[("list", &w.list(&numbers, 4))]));
    }
    if !analysis.coverage.used.is_empty() {
        worked.push(w.fill(
            w.worked_terms,
            &[("list", &w.list(&analysis.coverage.used, 4))],
        ));
    }
    let committed = analysis.confidence.commitments.first();
    if let (Some(phrase), true) = (committed, analysis.pronouns.i_count > 0) {
        worked.push(w.fill(w.worked_owned, &[("phrase", &first_person(&phrase.phrase))]));
    }
    worked
}

fn component_list(components: &[StarComponent], w: &ReportWording) -> String {
    let names: Vec<String> = components
        .iter()
        .map(|&component| w.component(component).to_owned())
        .collect();
    w.list(&names, 4)
}

fn to_add(context: &Context, answered: &Answered, analysis: &AnswerAnalysis) -> Vec<String> {
    let w = context.wording();
    let mut add = Vec::new();
    if analysis.word_count < SUBSTANTIAL_WORDS {
        add.push(w.fill(
            w.add_short,
            &[("words", &w.word_count(analysis.word_count))],
        ));
    }
    // Most useful first: what was done and what came of it, the evidence, then the setting.
    let missing = analysis.star.missing();
    for component in [StarComponent::Result, StarComponent::Action] {
        if missing.contains(&component) {
            add.push(w.star_advice(component).to_owned());
        }
    }
    if analysis.specificity.numbers.is_empty() {
        add.push(w.fill(w.add_number, &[]));
    }
    if analysis.pronouns.we_count >= 2 && analysis.pronouns.i_count == 0 {
        add.push(w.fill(w.add_own_part, &[]));
    }
    if let Some(term) = asked_but_not_named(context, answered) {
        add.push(w.fill(w.add_asked, &[("term", &term)]));
    }
    for component in [StarComponent::Situation, StarComponent::Task] {
        if missing.contains(&component) {
            add.push(w.star_advice(component).to_owned());
        }
    }
    if !analysis.confidence.hedges.is_empty() {
        let hedges: Vec<String> = analysis
            .confidence
            .hedges
            .iter()
            .map(|hedge| format!("\u{201c}{}\u{201d}", first_person(&hedge.phrase)))
            .collect();
        add.push(w.fill(w.add_plainly, &[("list", &w.list(&hedges, 3))]));
    }
    if add.is_empty() {
        add.push(w.fill(w.add_closing_line, &[]));
    }
    add.truncate(MAX_TO_ADD);
    add
}

/// A job skill the question names that the answer does not.
fn asked_but_not_named(context: &Context, answered: &Answered) -> Option<String> {
    let answer = SearchableText::new(answered.answer);
    skill_asked(context, answered, |skill| !skill.is_in(&answer))
}

/// The job skill (passing `keep`) the question asks about: the first one named in its last
/// sentence that names any. The ask comes after the acknowledgement of the answer before it
/// ("You mentioned COPRA; go on. At … your CV mentions ECMO. …" asks about ECMO).
fn skill_asked(
    context: &Context,
    answered: &Answered,
    keep: impl Fn(&Skill) -> bool,
) -> Option<String> {
    sentences(answered.question)
        .iter()
        .rev()
        .find_map(|sentence| {
            let sentence = SearchableText::new(sentence);
            context
                .documents
                .job
                .iter()
                .filter(|skill| keep(skill))
                .filter_map(|skill| Some((skill.position_in(&sentence)?, skill)))
                .min_by_key(|(position, _)| *position)
                .map(|(_, skill)| skill.name.clone())
        })
}

/// The sentences a sample answer keeps, in their order: all of them within
/// [`MAX_SAMPLE_SENTENCES`] and [`MAX_SAMPLE_WORDS`]; beyond that the first sentence of each
/// STAR part, then those with a number, while the limits allow (at least one).
fn kept_sentences<'a>(answer: &'a str, analysis: &AnswerAnalysis) -> Vec<&'a str> {
    let all = sentences(answer);
    let words = |sentence: &str| sentence.split_whitespace().count();
    if all.len() <= MAX_SAMPLE_SENTENCES
        && all.iter().map(|s| words(s)).sum::<usize>() <= MAX_SAMPLE_WORDS
    {
        return all;
    }
    let mut keep = vec![false; all.len()];
    let mut kept = 0;
    let mut kept_words = 0;
    let mut take = |index: usize, keep: &mut Vec<bool>| {
        let fits = kept < MAX_SAMPLE_SENTENCES
            && (kept == 0 || kept_words + words(all[index]) <= MAX_SAMPLE_WORDS);
        if !keep[index] && fits {
            keep[index] = true;
            kept += 1;
            kept_words += words(all[index]);
        }
    };
    for &component in StarComponent::ALL {
        let cue = analysis.star.cue(component);
        let first = all
            .iter()
            .position(|sentence| cue.is_some_and(|cue| sentence.contains(cue)));
        if let Some(index) = first {
            take(index, &mut keep);
        }
    }
    for (index, sentence) in all.iter().enumerate() {
        let has_number = analysis
            .specificity
            .numbers
            .iter()
            .any(|number| sentence.contains(&number.text));
        if has_number {
            take(index, &mut keep);
        }
    }
    all.into_iter()
        .zip(keep)
        .filter_map(|(sentence, keep)| keep.then_some(sentence))
        .collect()
}

/// The candidate's sentences in their order (see [`kept_sentences`]), tidied, each STAR part
/// they lack as a placeholder where it belongs (a missing situation first, a missing task or action before
/// the first sentence of a later part, a missing result at the end), their own
/// share after a "we"-only action, the number a result lacks after it, and a closing line.
fn sample_answer(context: &Context, answered: &Answered, analysis: &AnswerAnalysis) -> String {
    let tidy = tidier(analysis);
    let mut placed: Vec<StarComponent> = analysis.star.present();
    // A story that already says what the candidate did and what it changed, with a number,
    // does not need a task or action slot wedged into it: the rewrite sharpens it instead.
    let complete = is_complete_story(answered.answer, analysis, context.wording());
    if complete {
        placed.extend([
            StarComponent::Task,
            StarComponent::Action,
            StarComponent::Result,
        ]);
    }
    let mut parts: Vec<String> = Vec::new();
    // An answer opens with its setting: a missing one goes first.
    if !placed.contains(&StarComponent::Situation) {
        placed.push(StarComponent::Situation);
        parts.push(placeholder(context, answered, StarComponent::Situation));
    }
    let place_before =
        |component: StarComponent, placed: &mut Vec<StarComponent>, parts: &mut Vec<String>| {
            for earlier in StarComponent::ALL
                .iter()
                .copied()
                .take_while(|&earlier| earlier != component)
            {
                if !placed.contains(&earlier) {
                    placed.push(earlier);
                    parts.push(placeholder(context, answered, earlier));
                }
            }
        };
    for sentence in kept_sentences(answered.answer, analysis) {
        let role = StarComponent::ALL.iter().copied().find(|&component| {
            analysis
                .star
                .cue(component)
                .is_some_and(|cue| sentence.contains(cue))
        });
        if let Some(role) = role {
            place_before(role, &mut placed, &mut parts);
        }
        let tidied = tidy(sentence);
        if tidied.is_empty() {
            continue;
        }
        parts.push(tidied);
        if let Some(role) = role {
            parts.extend(supplement(analysis, role, sentence));
        }
    }
    place_before(StarComponent::Result, &mut placed, &mut parts);
    if !placed.contains(&StarComponent::Result) {
        parts.push(placeholder(context, answered, StarComponent::Result));
    }
    if let Some(term) = asked_but_not_named(context, answered) {
        let w = context.wording();
        parts.push(w.fill(w.slot_term, &[("term", &term)]));
    }
    let w = context.wording();
    parts.push(w.fill(w.slot_learned, &[]));
    if complete {
        parts.push(tie_to_the_role(context));
    }
    parts.join(" ")
}

/// An action of the candidate's own ("I built …", not "we moved …") and a measured result:
/// an outcome with a number, or a result sentence with one.
fn is_complete_story(answer: &str, analysis: &AnswerAnalysis, wording: &ReportWording) -> bool {
    // The team's action ("We moved", "nous avons", "wir haben", "cerramos") is not the
    // candidate's own.
    let plural = |cue: &str| {
        let lower = cue.to_lowercase();
        ["we", "nous", "wir", "hemos", "nosotros"]
            .iter()
            .any(|we| lower.split_whitespace().any(|word| word == *we))
            || lower.ends_with("amos")
            || lower.ends_with("imos")
    };
    let own_action = analysis.star.cue(StarComponent::Action).is_some_and(|cue| {
        wording
            .own_action_starts
            .iter()
            .any(|start| cue.starts_with(start))
            && (wording.language == domain::Language::English || !plural(cue))
    });
    let has_number = |text: &str| {
        analysis
            .specificity
            .numbers
            .iter()
            .any(|number| text.contains(&number.text))
    };
    let measured_outcome = analysis
        .specificity
        .outcomes
        .iter()
        .any(|outcome| has_number(outcome));
    let measured_result = analysis.star.cue(StarComponent::Result).is_some_and(|cue| {
        sentences(answer)
            .into_iter()
            .any(|sentence| sentence.contains(cue) && has_number(sentence))
    });
    own_action && (measured_outcome || measured_result)
}

/// The last line of a strong story: why it matters for this job, not only the last one.
fn tie_to_the_role(context: &Context) -> String {
    let company = context.input.company.trim().trim_end_matches('.');
    let w = context.wording();
    w.fill(w.tie_to_role, &[("company", company)])
}

/// What a part needs beyond the candidate's sentence: their own share of a "we" action, the
/// number a result lacks.
fn supplement(
    analysis: &AnswerAnalysis,
    component: StarComponent,
    sentence: &str,
) -> Option<String> {
    match component {
        StarComponent::Action if analysis.pronouns.i_count == 0 => {
            Some("My own part was to [what you did yourself].".to_owned())
        }
        StarComponent::Result
            if !analysis
                .specificity
                .numbers
                .iter()
                .any(|number| sentence.contains(&number.text)) =>
        {
            Some("[Add the number: by how much, for how many, by when.]".to_owned())
        }
        _ => None,
    }
}

fn placeholder(context: &Context, answered: &Answered, component: StarComponent) -> String {
    let w = context.wording();
    match component {
        StarComponent::Situation => w.fill(w.slot_situation, &[]),
        StarComponent::Task => w.fill(w.slot_task, &[]),
        StarComponent::Action => match asked_term(context, answered) {
            Some(term) => w.fill(w.slot_action_with_term, &[("term", &term)]),
            None => w.fill(w.slot_action, &[]),
        },
        StarComponent::Result => w.fill(w.slot_result, &[]),
    }
}

/// The job skill the question is about, if it names one.
fn asked_term(context: &Context, answered: &Answered) -> Option<String> {
    skill_asked(context, answered, |_| true)
}

#[cfg(test)]
mod tests {
    use crate::report::offline::offline_report;
    use crate::report::test_support::{input, CV, STRONG, WEAK};

    #[test]
    fn a_strong_answer_keeps_its_sentences_and_a_weak_one_gets_placeholders() {
        let strong = offline_report(&input(CV, &STRONG));
        let first = &strong.questions[0];
        assert_eq!(first.number, 1);
        assert_eq!(first.answer, STRONG[0].1);
        assert!(first
            .sample_answer
            .starts_with("At Helvetic Clearing our settlement ledger"));
        assert!(first.sample_answer.contains("saved CHF 18,000 a year."));
        // A complete story gets no slots wedged into it: the lesson, and a last line that
        // ties it to the job the candidate wants.
        assert!(
            first.sample_answer.ends_with(
                ". [One sentence on what you learned, or would do differently next time.] That is the kind of result I would aim for at Helvetia Ledger AG."
            ),
            "only the closing lines are added: {}",
            first.sample_answer
        );
        assert_eq!(first.sample_answer.matches('[').count(), 1);
        // Every sentence of the answer is kept, the action of the third one too.
        assert!(strong.questions[2]
            .sample_answer
            .contains("I wrote the Dockerfiles, I set up the Kubernetes manifests and I trained four colleagues."));
        assert!(first.worked.iter().any(|w| w.contains("complete STAR")));

        let weak = offline_report(&input(CV, &WEAK));
        let first = &weak.questions[0];
        // Nothing to rewrite (no number, tool, outcome or job term): the sample says what a
        // strong answer contains rather than wrapping the candidate's words in placeholders.
        for feedback in &weak.questions {
            assert!(
                feedback
                    .sample_answer
                    .starts_with("A strong answer would contain:"),
                "{}",
                feedback.sample_answer
            );
            assert!(!feedback.sample_answer.contains("improved things"));
        }
        assert!(
            weak.questions[2].sample_answer.contains("how you used"),
            "the asked skill is named: {}",
            weak.questions[2].sample_answer
        );

        // An answer with material but without its task and result keeps the candidate's own
        // sentences, tidied, in their order; what they never said is a placeholder in its place.
        let partial = offline_report(&input(
            CV,
            &[(
                "How did you run the migration to Kafka?",
                "Um, so we moved 30 services from RabbitMQ to Kafka in 2021, you know. I guess it went fine in the end and we were all kind of relieved about it.",
            )],
        ));
        let sample = &partial.questions[0].sample_answer;
        assert!(
            sample.contains("we moved 30 services from RabbitMQ to Kafka in 2021"),
            "{sample}"
        );
        assert!(
            sample.contains("My task was to [what you had to achieve"),
            "{sample}"
        );
        assert!(
            sample.contains("[number]") || sample.contains("[Add the number"),
            "{sample}"
        );
        assert!(!sample.to_lowercase().contains("um,"), "{sample}");
        assert!(!first.sample_answer.to_lowercase().contains("um,"));
        assert!(first.to_add.iter().any(|a| a.starts_with("A number")));
        assert!(weak.questions.iter().all(|q| !q.to_add.is_empty()));
        // After an acknowledgement naming the answer before ("You mentioned Kafka"), the
        // question is about what it asks next.
        let acknowledged = offline_report(&input(
            CV,
            &[(
                "You mentioned Kafka; go on. How would you bring Docker into your work here?",
                WEAK[2].1,
            )],
        ));
        assert!(
            acknowledged.questions[0]
                .to_add
                .iter()
                .any(|a| a.starts_with("Docker")),
            "{:?}",
            acknowledged.questions[0].to_add
        );
        // The Docker question: the weak answer never names Docker.
        assert!(
            weak.questions[2]
                .to_add
                .iter()
                .any(|a| a.starts_with("Docker")),
            "{:?}",
            weak.questions[2].to_add
        );
    }
}
