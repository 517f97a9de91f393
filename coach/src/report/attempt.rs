//! Practising a question again: one answer scored on its own by the report's measure, and an
//! attempt compared with the original answer (what improved, what it still lacks).
//!
//! **The score of one answer** is the offline report's overall score of an interview made of
//! that one answer (`scores::local_scores`, consistency left out as with any single answer),
//! so an attempt and the original are judged by the same local analysis as the report.
//!
//! **The comparison** reads both answers' analysis: STAR parts, figures, job terms, the
//! personal "I", fillers, hedges and length. STAR parts and figures are asked of story
//! questions only, as the report's advice does (a motivation or closing answer needs neither).
//! Its sentences are in the interview's language (`wording`), like the report's.

mod wording;

use domain::{AnswerAnalysis, Language, QuestionKind, StarComponent};

use crate::report::offline::question_kind::QuestionKind as Asked;
use crate::report::scores::{local_scores, weighted_overall};
use analysis::Analyser;
use wording::AttemptWording;

/// An answer is thin below this many words and rambles above the other (as the scores say).
const FULL_ANSWER_WORDS: u32 = 50;
const RAMBLING_WORDS: u32 = 300;
/// Fillers or hedges from this many count as a habit worth naming.
const HABIT_FROM: u32 = 2;

/// Scores answers to the questions of one interview (its job description and CV).
pub struct AttemptScorer {
    analyser: Analyser,
}

/// One answer's analysis and its score on the report's 1–10 scale.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredAnswer {
    pub score: u8,
    pub analysis: AnswerAnalysis,
}

/// What an attempt does better than the original answer, and what it still lacks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub improved: Vec<String>,
    pub lacking: Vec<String>,
}

impl AttemptScorer {
    pub fn new(job_description: &str, cv: &str) -> Self {
        Self {
            analyser: Analyser::new(job_description, cv),
        }
    }

    pub fn score(&self, question: &str, answer: &str) -> ScoredAnswer {
        let interview = self.analyser.analyse_interview(&[(question, answer)]);
        let score = weighted_overall(&local_scores(&interview).dimensions);
        let analysis = interview
            .answers
            .into_iter()
            .next()
            .unwrap_or_else(|| self.analyser.analyse_answer(question, answer));
        ScoredAnswer { score, analysis }
    }

    /// The offline report's overall score of these (question, answer) pairs; `None` when they
    /// are too thin to score.
    pub fn overall(&self, exchanges: &[(&str, &str)]) -> Option<u8> {
        local_scores(&self.analyser.analyse_interview(exchanges))
            .overall
            .ok()
    }
}

/// What `question` asks for, read from its wording as the report reads it.
pub fn question_kind(question: &str) -> QuestionKind {
    match Asked::of(question) {
        Asked::Story => QuestionKind::Story,
        Asked::Background => QuestionKind::Background,
        Asked::Motivation => QuestionKind::Motivation,
        Asked::Closing => QuestionKind::Closing,
    }
}

/// `attempt` against `original`, both answers to a question of `kind`, told in the interview's
/// `language` (each answer is read in its own).
pub fn compare(
    language: Language,
    kind: QuestionKind,
    original: &AnswerAnalysis,
    attempt: &AnswerAnalysis,
) -> Comparison {
    let wording = AttemptWording::of(language);
    let mut comparison = Comparison::default();
    if kind == QuestionKind::Story {
        star(wording, original, attempt, &mut comparison);
        figures(wording, original, attempt, &mut comparison);
    }
    job_terms(wording, kind, original, attempt, &mut comparison);
    if matches!(kind, QuestionKind::Story | QuestionKind::Background) {
        personal(wording, original, attempt, &mut comparison);
    }
    habits(wording, original, attempt, &mut comparison);
    length(wording, original, attempt, &mut comparison);
    comparison
}

fn star(
    wording: &AttemptWording,
    original: &AnswerAnalysis,
    attempt: &AnswerAnalysis,
    out: &mut Comparison,
) {
    for &component in StarComponent::ALL {
        let before = original.star.cue(component).is_some();
        match attempt.star.cue(component) {
            Some(cue) if !before => out
                .improved
                .push(wording.fill(wording.star_now(component), &[("cue", cue)])),
            Some(_) => {}
            None => {
                let missing = wording.fill(wording.star_missing(component), &[]);
                out.lacking.push(if before {
                    format!("{missing} {}", wording.star_lost)
                } else {
                    missing
                });
            }
        }
    }
}

fn figures(
    wording: &AttemptWording,
    original: &AnswerAnalysis,
    attempt: &AnswerAnalysis,
    out: &mut Comparison,
) {
    let before: Vec<&str> = original
        .specificity
        .numbers
        .iter()
        .map(|number| number.text.as_str())
        .collect();
    let mut new: Vec<&str> = Vec::new();
    for text in attempt
        .specificity
        .numbers
        .iter()
        .map(|number| number.text.as_str())
    {
        // A figure said twice is named once.
        if !before.contains(&text) && !new.contains(&text) {
            new.push(text);
        }
    }
    if attempt.specificity.numbers.is_empty() {
        out.lacking.push(wording.fill(wording.no_figure, &[]));
    } else if !new.is_empty() {
        let template = if before.is_empty() {
            wording.first_figures
        } else {
            wording.more_figures
        };
        out.improved
            .push(wording.fill(template, &[("list", &wording.list(&new))]));
    }
}

fn job_terms(
    wording: &AttemptWording,
    kind: QuestionKind,
    original: &AnswerAnalysis,
    attempt: &AnswerAnalysis,
    out: &mut Comparison,
) {
    let new: Vec<&str> = attempt
        .coverage
        .used
        .iter()
        .filter(|term| !original.coverage.used.contains(term))
        .map(String::as_str)
        .collect();
    if !new.is_empty() {
        out.improved
            .push(wording.fill(wording.job_terms, &[("list", &wording.list(&new))]));
    }
    let job_has_terms = !attempt.coverage.missed.is_empty();
    if attempt.coverage.used.is_empty() && job_has_terms && kind != QuestionKind::Closing {
        out.lacking.push(wording.fill(wording.no_job_term, &[]));
    }
}

fn personal(
    wording: &AttemptWording,
    original: &AnswerAnalysis,
    attempt: &AnswerAnalysis,
    out: &mut Comparison,
) {
    let (before, after) = (&original.pronouns, &attempt.pronouns);
    if after.i_count > 0 && before.i_count == 0 {
        out.improved.push(wording.fill(wording.personal_now, &[]));
    }
    if after.i_count == 0 {
        let template = if before.i_count == 0 {
            wording.still_no_personal
        } else {
            wording.no_personal
        };
        out.lacking.push(wording.fill(template, &[]));
    }
}

fn habits(
    wording: &AttemptWording,
    original: &AnswerAnalysis,
    attempt: &AnswerAnalysis,
    out: &mut Comparison,
) {
    let hedges = |analysis: &AnswerAnalysis| {
        analysis
            .confidence
            .hedges
            .iter()
            .map(|hedge| hedge.count)
            .sum::<u32>()
    };
    let habits = [
        (
            wording.fewer_fillers,
            wording.filler_habit,
            original.fillers.count,
            attempt.fillers.count,
        ),
        (
            wording.fewer_hedges,
            wording.hedge_habit,
            hedges(original),
            hedges(attempt),
        ),
    ];
    for (fewer, habit, before, after) in habits {
        let (before_text, after_text) = (before.to_string(), after.to_string());
        if before >= HABIT_FROM && after < before {
            out.improved
                .push(wording.fill(fewer, &[("before", &before_text), ("after", &after_text)]));
        }
        if after >= HABIT_FROM {
            out.lacking
                .push(wording.fill(habit, &[("count", &after_text)]));
        }
    }
}

fn length(
    wording: &AttemptWording,
    original: &AnswerAnalysis,
    attempt: &AnswerAnalysis,
    out: &mut Comparison,
) {
    let (before, after) = (original.word_count, attempt.word_count);
    let (before_text, after_text) = (before.to_string(), after.to_string());
    if before < FULL_ANSWER_WORDS && after > before && after >= FULL_ANSWER_WORDS.min(before * 2) {
        out.improved.push(wording.fill(
            wording.more_depth,
            &[("before", &before_text), ("after", &after_text)],
        ));
    }
    if after < FULL_ANSWER_WORDS {
        out.lacking.push(wording.fill(
            wording.too_short,
            &[
                ("words", &wording.word_count(after)),
                ("min", &FULL_ANSWER_WORDS.to_string()),
                ("max", &RAMBLING_WORDS.to_string()),
            ],
        ));
    } else if after > RAMBLING_WORDS {
        out.lacking.push(wording.fill(
            wording.too_long,
            &[("count", &after_text), ("max", &RAMBLING_WORDS.to_string())],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{CV, JOB, STRONG, WEAK};

    fn scorer() -> AttemptScorer {
        AttemptScorer::new(JOB, CV)
    }

    #[test]
    fn an_attempt_in_a_language_the_coach_does_not_speak_is_compared_in_english() {
        let scorer = scorer();
        let (question, weak) = WEAK[1];
        let (before, after) = (
            scorer.score(question, weak),
            scorer.score(question, STRONG[1].1),
        );
        let compared = |language| {
            compare(
                language,
                question_kind(question),
                &before.analysis,
                &after.analysis,
            )
        };
        let italian = compared(Language::Italian);
        assert!(!italian.improved.is_empty());
        assert_eq!(italian, compared(Language::English));
    }

    #[test]
    fn a_stronger_answer_scores_higher_and_says_what_improved() {
        let scorer = scorer();
        let (question, weak) = WEAK[1];
        let strong = STRONG[1].1;
        let (before, after) = (scorer.score(question, weak), scorer.score(question, strong));
        assert!(
            after.score >= before.score + 3,
            "{} → {}",
            before.score,
            after.score
        );
        let comparison = compare(
            Language::English,
            question_kind(question),
            &before.analysis,
            &after.analysis,
        );
        let improved = comparison.improved.join("\n");
        for expected in [
            "The action is there now",
            "A measurable result now",
            "12 months",
            "Fewer hedges",
        ] {
            assert!(improved.contains(expected), "{expected} in {improved}");
        }
        assert!(
            !comparison
                .lacking
                .iter()
                .any(|item| item.starts_with("No ")),
            "{:?}",
            comparison.lacking
        );
    }

    #[test]
    fn what_still_lacks_is_named_and_what_was_lost_says_so() {
        let scorer = scorer();
        let question = STRONG[0].0;
        let original = scorer.score(question, STRONG[0].1);
        let team_only = "We looked at the ledger at month end and we changed the postings so that they were idempotent, and the team reviewed the work together.";
        let attempt = scorer.score(question, team_only);
        assert!(attempt.score < original.score);
        let comparison = compare(
            Language::English,
            QuestionKind::Story,
            &original.analysis,
            &attempt.analysis,
        );
        let lacking = comparison.lacking.join("\n");
        for expected in [
            "No result: say how it ended. The first answer had it.",
            "No figure",
            "No personal \u{201c}I\u{201d}",
            "Short: ",
        ] {
            assert!(lacking.contains(expected), "{expected} in {lacking}");
        }
        assert!(comparison.improved.is_empty(), "{:?}", comparison.improved);
    }

    #[test]
    fn stories_are_held_to_star_and_figures_other_questions_are_not() {
        let scorer = scorer();
        let question = "Why do you want to join Helvetia Ledger AG?";
        let answer = scorer.score(question, "I want to work on a ledger that banks rely on, with a team that values careful code review, Go and PostgreSQL in production, and I like that you run Kafka at scale.");
        assert_eq!(question_kind(question), QuestionKind::Motivation);
        let comparison = compare(
            Language::English,
            QuestionKind::Motivation,
            &answer.analysis,
            &answer.analysis,
        );
        assert!(
            !comparison
                .lacking
                .iter()
                .any(|item| item.starts_with("No result") || item.starts_with("No figure")),
            "{:?}",
            comparison.lacking
        );
        assert_eq!(question_kind(STRONG[1].0), QuestionKind::Story);
    }

    /// A weak story answer and a stronger attempt at it, for an interview in `language` over the
    /// documents of the eval pair `pair`: the attempt scores higher, and both lists are told in
    /// `language` and name what `expected` says.
    fn compared_in(
        language: Language,
        pair: &str,
        question: &str,
        (original, attempt): (&str, &str),
        expected: &[&str],
    ) {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/eval")
            .join(pair);
        let read = |file: &str| std::fs::read_to_string(folder.join(file)).unwrap();
        let scorer = AttemptScorer::new(&read("jd.txt"), &read("cv.txt"));
        let (before, after) = (
            scorer.score(question, original),
            scorer.score(question, attempt),
        );
        assert!(
            after.score > before.score,
            "{} → {}",
            before.score,
            after.score
        );
        assert_eq!(question_kind(question), QuestionKind::Story);
        let comparison = compare(
            language,
            QuestionKind::Story,
            &before.analysis,
            &after.analysis,
        );
        let improved = comparison.improved.join("\n");
        for expected in expected {
            assert!(improved.contains(expected), "{expected} in {improved}");
        }
        // The same findings, each told in the language: no sentence is left in English.
        let english = compare(
            Language::English,
            QuestionKind::Story,
            &before.analysis,
            &after.analysis,
        );
        for (told, in_english) in [
            (&comparison.improved, &english.improved),
            (&comparison.lacking, &english.lacking),
        ] {
            assert_eq!(told.len(), in_english.len(), "{told:?}");
            for (line, english_line) in told.iter().zip(in_english) {
                assert_ne!(line, english_line);
            }
        }
        let improved = comparison.improved.join(" ");
        assert_eq!(
            text::language::detect_language(&improved),
            language,
            "{improved}"
        );
    }

    #[test]
    fn a_french_attempt_is_compared_in_french() {
        compared_in(
            Language::French,
            "teaching-fr",
            "Parlez-moi d'une situation au Collège Victor Hugo où un délai était menacé. Qu'avez-vous fait, et quel a été le résultat ?",
            (
                "Euh, on a un peu repris les révisions avec les élèves, du coup, et je pense que ça a peut-être aidé certains d'entre eux, enfin je ne sais pas trop, c'était une période assez chargée pour tout le monde.",
                "En mai 2023, trois semaines avant le brevet, j'ai constaté que 40 % de mes élèves de 3e n'avaient pas révisé la géométrie. Mon objectif était de couvrir le programme à temps. J'ai organisé deux séances de révision par semaine sur GeoGebra et j'ai suivi chaque élève sur Pronote. Au final, 31 élèves sur 35 ont obtenu la moyenne à l'épreuve de mathématiques.",
            ),
            &[
                "Le résultat y est désormais («\u{a0}",
                "Un résultat chiffré cette fois\u{a0}: ",
                "40 %",
                "Vous citez ce que demande le poste",
            ],
        );
    }

    #[test]
    fn a_german_attempt_is_compared_in_german() {
        compared_in(
            Language::German,
            "nursing-de",
            "Erzählen Sie von einer Situation am Universitätsklinikum Ulm, in der ein Patient plötzlich instabil wurde. Was haben Sie getan, und was war das Ergebnis?",
            (
                "Äh, wir haben da halt irgendwie zusammen geschaut, was man machen kann, und ich glaube, das ging dann vielleicht ganz gut, also wir waren alle ziemlich froh, dass es vorbei war.",
                "In einem Nachtdienst im Winter 2023 bekam ein Patient an der ECMO plötzlich einen Druckabfall im Oxygenator. Meine Aufgabe war, ihn bis zum Eintreffen des Kardiotechnikers stabil zu halten. Ich habe sofort den Fluss angepasst, den diensthabenden Oberarzt alarmiert und parallel das Notfallset vorbereitet. Der Oxygenator wurde nach 20 Minuten gewechselt, der Patient blieb stabil und konnte eine Woche später von der ECMO entwöhnt werden.",
            ),
            &[
                "Die Situation fehlt nicht mehr („",
                "Jetzt mit messbarem Ergebnis: ",
                "Sie nennen, was die Stelle verlangt: ECMO",
                "Weniger Füllwörter: 0 statt 2.",
            ],
        );
    }

    #[test]
    fn a_spanish_attempt_is_compared_in_spanish() {
        compared_in(
            Language::Spanish,
            "sales-es",
            "Hábleme de una ocasión en Grupo Levante en la que un plazo estuvo en riesgo. ¿Qué hizo usted, y cuál fue el resultado?",
            (
                "Eh, pues miramos un poco las oportunidades con el equipo, o sea, y creo que quizás algunas salieron bien, no sé, fue un año bastante complicado para todos nosotros.",
                "En 2024 mi cuota era de 1,5 millones de euros, y en junio solo llevaba el 35 %, porque dos grandes proyectos se habían retrasado. Mi tarea era recuperar el año sin depender de esos dos clientes. Prioricé las 15 oportunidades con presupuesto aprobado, propuse a cada una un piloto de tres meses y negocié la ampliación con sus directores financieros. Como resultado, cerré 1,9 millones de euros en nuevos contratos, un 127 % de la cuota, y los dos proyectos retrasados se firmaron en enero.",
            ),
            &[
                "El resultado ya aparece («",
                "Ahora con un resultado medible: ",
                "Dice lo que hizo usted mismo",
            ],
        );
    }

    #[test]
    fn the_overall_score_rises_with_the_better_answers() {
        let scorer = scorer();
        let pairs = |answers: [&(&'static str, &'static str); 3]| {
            answers.map(|(question, answer)| (*question, *answer))
        };
        let weak = scorer
            .overall(&pairs([&WEAK[0], &WEAK[1], &WEAK[2]]))
            .unwrap();
        let one_better = scorer
            .overall(&pairs([&WEAK[0], &STRONG[1], &WEAK[2]]))
            .unwrap();
        assert!(one_better > weak, "{weak} → {one_better}");
        assert_eq!(scorer.overall(&[("Q?", "Yes.")]), None);
    }
}
