//! Local analysis of interview answers, without an LLM: word count, STAR components, specificity,
//! job-term coverage, confidence (hedged or committed language), "I" versus "we", filler words,
//! consistency of depth across answers and the most used words. Pure functions over text, so
//! the results are the same on every run and cost no network call; they are shown to the user,
//! feed the offline coach and give a cross-check on an LLM's scores.
//!
//! - `star`, `specificity`, `coverage`, `language` (confidence, pronouns, fillers),
//!   `consistency`: one measure each; words, stems and the most used words come from `text`.
//! - `facts`: the same measures cut into the pieces an interviewer picks up on (numbers,
//!   tools, actions, people, outcomes); the offline coach reads answers through it.
//!
//! Job terms and named tools come from the reading of the documents in `text::profile`, which
//! the offline coach reads them with too, so both agree on what the job asks for.

mod consistency;
mod coverage;
pub mod facts;
pub mod language;
mod lexicon;
mod specificity;
mod star;

pub use star::is_action_verb;

use domain::{AnswerAnalysis, InterviewAnalysis, Specificity, StarCues, StarSummary};

use text::profile::Skill;
use text::words::SearchableText;

use lexicon::Lexicon;
use text::tokens::Tokens;

/// The documents of one interview, read once, to analyse any number of answers against.
#[derive(Clone, Debug)]
pub struct Analyser {
    job_terms: Vec<Skill>,
    /// Job terms and vocabulary names that count as named tools.
    nameable: Vec<Skill>,
    employers: Vec<String>,
}

/// What is measured the same way on one answer and on all answers together.
struct Measures {
    word_count: u32,
    specificity: Specificity,
    coverage: domain::TermCoverage,
    confidence: domain::Confidence,
    pronouns: domain::Pronouns,
    fillers: domain::Fillers,
    top_words: Vec<domain::WordCount>,
}

impl Analyser {
    pub fn new(job_description: &str, cv: &str) -> Self {
        let documents = coverage::read_documents(job_description, cv);
        Self {
            nameable: specificity::nameable_terms(&documents.job_terms),
            job_terms: documents.job_terms,
            employers: documents.employers,
        }
    }

    /// The terms of the job description that coverage is measured against, in its order.
    pub fn job_terms(&self) -> Vec<&str> {
        self.job_terms
            .iter()
            .map(|term| term.name.as_str())
            .collect()
    }

    pub fn analyse_answer(&self, question: &str, answer: &str) -> AnswerAnalysis {
        let tokens = Tokens::new(answer);
        let measures = self.measure(answer, &tokens);
        AnswerAnalysis {
            question: question.trim().to_owned(),
            word_count: measures.word_count,
            star: star::star(&tokens, &self.employers, Lexicon::for_text(answer)),
            specificity: measures.specificity,
            coverage: measures.coverage,
            confidence: measures.confidence,
            pronouns: measures.pronouns,
            fillers: measures.fillers,
            top_words: measures.top_words,
        }
    }

    /// `answers` are (question, answer) pairs in the order asked.
    pub fn analyse_interview(&self, answers: &[(&str, &str)]) -> InterviewAnalysis {
        let analysed: Vec<AnswerAnalysis> = answers
            .iter()
            .map(|(question, answer)| self.analyse_answer(question, answer))
            .collect();
        // Blank lines between answers end every clause, so no phrase spans two answers.
        let all = answers
            .iter()
            .map(|(_, answer)| *answer)
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut overall = self.measure(&all, &Tokens::new(&all));
        let word_counts: Vec<u32> = analysed.iter().map(|a| a.word_count).collect();
        let scores: Vec<f64> = analysed.iter().map(|a| a.specificity.score).collect();
        overall.specificity.score = mean(&scores);
        InterviewAnalysis {
            word_count: overall.word_count,
            mean_word_count: mean(
                &word_counts
                    .iter()
                    .map(|&n| f64::from(n))
                    .collect::<Vec<_>>(),
            ),
            star: star_summary(analysed.iter().map(|a| &a.star)),
            specificity: overall.specificity,
            coverage: overall.coverage,
            confidence: overall.confidence,
            pronouns: overall.pronouns,
            fillers: overall.fillers,
            consistency: consistency::consistency(&word_counts, &scores),
            top_words: overall.top_words,
            answers: analysed,
        }
    }

    /// The measures of `text` in the words of its language (see `lexicon`).
    fn measure(&self, text: &str, tokens: &Tokens) -> Measures {
        let searchable = SearchableText::new(text);
        let lexicon = Lexicon::for_text(text);
        Measures {
            word_count: u32::try_from(tokens.word_count()).unwrap_or(u32::MAX),
            specificity: specificity::specificity(tokens, &self.nameable, &searchable, lexicon),
            coverage: coverage::coverage(&self.job_terms, &searchable),
            confidence: language::confidence(tokens, lexicon),
            pronouns: language::pronouns(tokens, lexicon),
            fillers: language::fillers(tokens, lexicon),
            top_words: text::top_words::top_words(tokens, text::top_words::TOP_WORDS),
        }
    }
}

/// One answer against the interview's documents. To analyse several answers, build an
/// [`Analyser`] once.
pub fn analyse_answer(
    job_description: &str,
    cv: &str,
    question: &str,
    answer: &str,
) -> AnswerAnalysis {
    Analyser::new(job_description, cv).analyse_answer(question, answer)
}

/// Every answer of an interview and the same measures over all of them; `answers` are
/// (question, answer) pairs in the order asked.
pub fn analyse_interview(
    job_description: &str,
    cv: &str,
    answers: &[(&str, &str)],
) -> InterviewAnalysis {
    Analyser::new(job_description, cv).analyse_interview(answers)
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

fn star_summary<'a>(answers: impl Iterator<Item = &'a StarCues>) -> StarSummary {
    let mut summary = StarSummary::default();
    for cues in answers {
        summary.situation += u32::from(cues.situation.is_some());
        summary.task += u32::from(cues.task.is_some());
        summary.action += u32::from(cues.action.is_some());
        summary.result += u32::from(cues.result.is_some());
        summary.complete += u32::from(cues.is_complete());
    }
    summary
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use domain::NumberKind;

    use super::*;

    const JOB: &str = "Senior Backend Engineer\nHelvetia Ledger AG\n\nWhat you bring\n- Go and PostgreSQL in production.\n- Kafka and Docker.\n- Kubernetes and Prometheus.\n";
    const CV: &str = "Experience\nEngineer — Helvetic Clearing AG, Zürich\t2020 – present\n- Ran the migration from RabbitMQ to Kafka.\n";

    const STRONG: &str = "At Helvetic Clearing our settlement ledger could not keep up at month end. My task was to make postings idempotent before the audit. I designed an idempotency key on PostgreSQL, I rewrote the consumer in Go and I led the rollout. As a result we reduced failed postings by 40% in 3 months and saved CHF 18,000 a year.";
    const WEAK: &str =
        "Um, I think we, like, kind of improved things, you know. Maybe it was okay.";

    fn corpus(path: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/corpus")
            .join(path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn analyses_one_answer_on_every_measure() {
        let analysis = analyse_answer(JOB, CV, "  Tell me about a hard problem?  ", STRONG);
        assert_eq!(analysis.question, "Tell me about a hard problem?");
        assert_eq!(analysis.word_count, 59);
        assert!(analysis.star.is_complete(), "{:?}", analysis.star);
        assert_eq!(
            analysis.star.situation.as_deref(),
            Some("At Helvetic Clearing")
        );
        let kinds: Vec<NumberKind> = analysis
            .specificity
            .numbers
            .iter()
            .map(|n| n.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                NumberKind::Percentage,
                NumberKind::Duration,
                NumberKind::Money
            ]
        );
        assert_eq!(analysis.specificity.tools, ["PostgreSQL", "Go"]);
        assert_eq!(
            analysis.specificity.outcomes,
            [
                "reduced failed postings by 40% in 3 months",
                "saved CHF 18,000 a year"
            ]
        );
        assert_eq!(analysis.coverage.used, ["Go", "PostgreSQL"]);
        assert_eq!(
            analysis.coverage.missed,
            ["Kafka", "Docker", "Kubernetes", "Prometheus"]
        );
        assert!(analysis.confidence.hedges.is_empty());
        assert_eq!(analysis.confidence.commitments.len(), 3);
        assert_eq!(analysis.pronouns.i_count, 4);
        assert_eq!(analysis.pronouns.we_count, 2);
        assert_eq!(analysis.fillers.count, 0);
        assert_eq!(analysis.top_words[0].word, "postings");
    }

    #[test]
    fn a_weak_answer_scores_below_a_strong_one_everywhere() {
        let analyser = Analyser::new(JOB, CV);
        let strong = analyser.analyse_answer("Q1?", STRONG);
        let weak = analyser.analyse_answer("Q2?", WEAK);
        assert_eq!(weak.star.present(), [domain::StarComponent::Result]);
        assert_eq!(weak.specificity.score, 0.0);
        // Three numbers, two tools of three, two outcomes.
        assert!((strong.specificity.score - 0.9).abs() < 1e-9);
        assert!(weak.confidence.score < strong.confidence.score);
        assert_eq!(weak.fillers.count, 3);
        assert_eq!(weak.coverage.ratio, Some(0.0));
    }

    #[test]
    fn the_interview_adds_up_its_answers() {
        let analysis = analyse_interview(
            JOB,
            CV,
            &[("Q1?", STRONG), ("Q2?", WEAK), ("Q3?", "I used Docker.")],
        );
        assert_eq!(analysis.answers.len(), 3);
        let sum: u32 = analysis.answers.iter().map(|a| a.word_count).sum();
        assert_eq!(analysis.word_count, sum);
        assert!((analysis.mean_word_count - f64::from(sum) / 3.0).abs() < 1e-9);
        assert_eq!(
            analysis.star,
            StarSummary {
                situation: 1,
                task: 1,
                action: 2,
                result: 2,
                complete: 1
            }
        );
        // Docker from the third answer, Go and PostgreSQL from the first.
        assert_eq!(analysis.coverage.used, ["Go", "PostgreSQL", "Docker"]);
        assert_eq!(
            analysis.coverage.missed,
            ["Kafka", "Kubernetes", "Prometheus"]
        );
        assert_eq!(analysis.coverage.ratio, Some(0.5));
        assert_eq!(analysis.specificity.numbers.len(), 3);
        assert_eq!(analysis.specificity.tools, ["PostgreSQL", "Go", "Docker"]);
        let expected_mean = analysis
            .answers
            .iter()
            .map(|a| a.specificity.score)
            .sum::<f64>()
            / 3.0;
        assert!((analysis.specificity.score - expected_mean).abs() < 1e-9);
        assert_eq!(analysis.fillers.count, 3);
        assert_eq!(analysis.pronouns.i_count, 6);
        let consistency = analysis.consistency.expect("three answers");
        assert!(consistency.score < 0.5, "{consistency:?}");
        assert_eq!(analysis.top_words[0].word, "postings");
    }

    #[test]
    fn even_answers_are_consistent_and_an_empty_interview_is_empty() {
        let answer = "I migrated 12 services to Kubernetes in 2 months.";
        let analysis = analyse_interview(JOB, CV, &[("Q1?", answer), ("Q2?", answer)]);
        assert_eq!(analysis.consistency.map(|c| c.score), Some(1.0));
        let empty = analyse_interview(JOB, CV, &[]);
        assert_eq!(empty.word_count, 0);
        assert_eq!(empty.mean_word_count, 0.0);
        assert_eq!(empty.consistency, None);
        assert_eq!(empty.coverage.missed.len(), 6);
    }

    #[test]
    fn odd_input_gives_empty_measures_and_every_cue_is_quoted_from_the_answer() {
        let analyser = Analyser::new(JOB, CV);
        for odd in [
            "",
            "   \n\t",
            "—",
            "$ %",
            "…?!",
            "😀 🚀",
            "İSTANBUL ıi",
            "like",
            "I",
        ] {
            let analysis = analyser.analyse_answer("Q?", odd);
            assert_eq!(analysis.specificity.score, 0.0, "{odd:?}");
            assert_eq!(analysis.star, StarCues::default(), "{odd:?}");
            assert_eq!(analysis.confidence.score, 0.5, "{odd:?}");
        }
        assert_eq!(analyser.analyse_answer("Q?", "like").fillers.count, 1);
        for answer in [STRONG, WEAK] {
            let cues = analyser.analyse_answer("Q?", answer).star;
            for component in cues.present() {
                let cue = cues.cue(component).unwrap_or_default();
                assert!(answer.contains(cue), "{cue:?} is not in the answer");
            }
        }
    }

    /// A real job description and CV from the corpus: the job terms are the technologies and
    /// names its requirement lines ask for, not words from its header, benefits or contact
    /// details.
    #[test]
    fn job_terms_of_a_corpus_job_description() {
        let job = corpus("jd/jd01_txt_plain-text/JD_Senior_Backend_Engineer_Helvetia_Ledger.txt");
        let cv = corpus("cv/cv01_docx_libreoffice/ground_truth.txt");
        let analyser = Analyser::new(&job, &cv);
        let terms = analyser.job_terms();
        for expected in [
            "Go",
            "PostgreSQL",
            "Kubernetes",
            "OpenTelemetry",
            "Prometheus",
            "Docker",
            "Kafka",
            "Java",
            "FINMA",
        ] {
            assert!(
                terms.contains(&expected),
                "{expected} missing from {terms:?}"
            );
        }
        for unwanted in [
            "Zürich",
            "Hardbrücke",
            "CHF",
            "BVG",
            "Sandra",
            "Keller",
            "English",
        ] {
            assert!(!terms.contains(&unwanted), "{unwanted} in {terms:?}");
        }
        let searchable = SearchableText::new(&job);
        assert!(
            analyser
                .job_terms
                .iter()
                .all(|term| term.is_in(&searchable)),
            "every term is in the job description"
        );

        let answer = "At Helvetic Clearing I led the rewrite of the card-settlement ledger from a Java monolith into five Go services; p99 latency dropped from 480 ms to 35 ms.";
        let analysis =
            analyser.analyse_interview(&[("Tell me about your biggest project?", answer)]);
        let used = &analysis.coverage.used;
        assert!(
            used.contains(&"Go".to_owned()) && used.contains(&"Java".to_owned()),
            "{used:?}"
        );
        assert!(analysis.coverage.missed.contains(&"Kubernetes".to_owned()));
        assert_eq!(
            analysis.answers[0].star.situation.as_deref(),
            Some("At Helvetic Clearing")
        );
        assert_eq!(
            analysis.specificity.outcomes,
            ["latency dropped from 480 ms to 35 ms"]
        );
    }
}

#[cfg(test)]
mod translation_tests {
    use super::*;

    const JOB: &str = "Teacher\nRequirements\n- Use Pronote and GeoGebra.\n";

    /// One strong answer and its translations.
    const ANSWERS: [&str; 4] = [
        "When I took over a Year 9 class in November, the average in the mock exam was 8 out of 20. My goal was to lift it before June. I set up weekly problem-solving workshops, I tracked every pupil in Pronote and I called each family once a term. As a result, the class average rose from 8 to 11 in three months.",
        "Quand j'ai repris une classe de 3e en novembre, la moyenne au brevet blanc était de 8 sur 20. Mon objectif était de la remonter avant juin. J'ai mis en place des ateliers hebdomadaires de résolution de problèmes, j'ai suivi chaque élève sur Pronote et j'ai appelé chaque famille une fois par trimestre. Au final, la moyenne de la classe est passée de 8 à 11 en trois mois.",
        "Als ich im November eine neunte Klasse übernahm, lag der Durchschnitt in der Probeprüfung bei 8 von 20. Mein Ziel war, ihn vor Juni zu heben. Ich habe wöchentliche Problemlöse-Workshops eingeführt, ich verfolgte jede Schülerin in Pronote und ich rief jede Familie einmal im Halbjahr an. Am Ende stieg der Klassendurchschnitt in drei Monaten von 8 auf 11.",
        "Cuando llegué a una clase de tercero en noviembre, la media del examen de prueba era de 8 sobre 20. Mi objetivo era subirla antes de junio. Organicé talleres semanales de resolución de problemas, seguí a cada alumno en Pronote y llamé a cada familia una vez por trimestre. Como resultado, la media de la clase pasó de 8 a 11 en tres meses.",
    ];

    #[test]
    fn a_strong_answer_reads_the_same_in_each_language() {
        let analyser = Analyser::new(JOB, "");
        let english = analyser.analyse_answer("Q?", ANSWERS[0]);
        assert!(english.star.is_complete(), "{:?}", english.star);
        for answer in &ANSWERS[1..] {
            let analysis = analyser.analyse_answer("Q?", answer);
            assert!(analysis.star.is_complete(), "{answer}: {:?}", analysis.star);
            assert!(
                analysis.specificity.score >= english.specificity.score - 0.15,
                "{answer}: {:?} against {:?}",
                analysis.specificity,
                english.specificity
            );
            assert!(
                analysis.confidence.score >= 0.75,
                "{answer}: {:?}",
                analysis.confidence
            );
            assert_eq!(
                analysis.pronouns.i_share,
                Some(1.0),
                "{answer}: {:?}",
                analysis.pronouns
            );
            assert_eq!(analysis.fillers.count, 0, "{answer}");
        }
    }

    #[test]
    fn hedges_and_fillers_count_in_each_language() {
        let analyser = Analyser::new(JOB, "");
        for answer in [
            "Euh, je pense que peut-être on a un peu amélioré les choses, du coup, je ne sais pas.",
            "Äh, ich glaube, wir haben vielleicht irgendwie etwas verbessert, ähm, ich weiß nicht.",
            "Eh, creo que quizás mejoramos un poco las cosas, o sea, no sé.",
        ] {
            let analysis = analyser.analyse_answer("Q?", answer);
            assert!(
                analysis.confidence.score < 0.3,
                "{answer}: {:?}",
                analysis.confidence
            );
            assert!(
                analysis.fillers.count >= 2,
                "{answer}: {:?}",
                analysis.fillers
            );
        }
    }
}
