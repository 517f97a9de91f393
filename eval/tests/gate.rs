//! The regression gate `make test` runs: every pair of `testdata/eval` with the personas that
//! decide calibration, held to thresholds. Where the offline coach already meets issue 17's
//! target, the target is asserted; where it does not yet, the level it measured when the
//! harness was written is (a floor: a change that makes the coach worse fails; raise the floor
//! when the coach improves). Each floor names the target it stands in for.

use eval::evaluate::{evaluate, Evaluation};
use eval::pairs::{default_dir, load_all};
use eval::personas::Persona;

/// The personas the gate runs: calibration's order needs these five; off-topic checks that
/// drifting answers are noticed.
const PERSONAS: [Persona; 6] = [
    Persona::Strong,
    Persona::Medium,
    Persona::Vague,
    Persona::OneWord,
    Persona::Gibberish,
    Persona::OffTopic,
];

fn run() -> Evaluation {
    let pairs = load_all(&default_dir()).expect("testdata/eval loads");
    assert!(pairs.len() >= 5, "at least five professions");
    evaluate(&pairs, &PERSONAS)
}

/// Issue 17's targets, asserted as they are.
const LISTENING_TARGET: f64 = 0.70;
/// Every off-topic answer noticed.
const OFF_TOPIC_NOTICED_TARGET: f64 = 1.0;
/// Every question that names something names a real, whole thing from the documents.
const GROUNDING_TARGET: f64 = 1.0;
/// Every question well shaped.
const SHAPE_TARGET: f64 = 1.0;

// Floors at the level measured on this subset (rounded down to the percent), below the issue's
// target given in each comment.
/// Measured 730/733 (a story whose result or present-tense actions the analysis misses keeps
/// its slots; an off-topic answer after a refocusing question is rewritten). Target: every
/// report check passes (1.0).
const REPORT_FLOOR: f64 = 0.99;

#[test]
fn the_offline_coach_and_report_meet_the_gate() {
    let evaluation = run();
    let summary = &evaluation.summary;
    let table = eval::table::markdown(&evaluation);
    println!("{}", table.split("## Examples").next().unwrap_or_default());

    let failures: Vec<String> = evaluation
        .rows
        .iter()
        .filter(|row| !row.deterministic)
        .map(|row| format!("{} / {}", row.pair, row.persona.name()))
        .collect();
    assert!(failures.is_empty(), "not deterministic: {failures:?}");

    // Calibration: every score in its persona's band, every pair strictly ordered.
    let out_of_band: Vec<String> = evaluation
        .rows
        .iter()
        .filter(|row| !row.in_band)
        .map(|row| {
            format!(
                "{} / {}: {:?} (band {})",
                row.pair,
                row.persona.name(),
                row.score,
                row.band
            )
        })
        .collect();
    assert!(
        out_of_band.is_empty(),
        "scores out of band: {out_of_band:#?}"
    );
    assert_eq!(
        summary.ordered.0, summary.ordered.1,
        "pairs not strictly ordered"
    );

    let at_least = |name: &str, rate: &eval::metrics::Rate, floor: f64| {
        let value = rate.value().unwrap_or(0.0);
        assert!(
            value + 1e-9 >= floor,
            "{name}: {} is below {floor}; examples: {:#?}",
            rate.display(),
            rate.failures
        );
    };
    at_least("listening", &summary.listening, LISTENING_TARGET);
    at_least(
        "off-topic noticed",
        &summary.off_topic_noticed,
        OFF_TOPIC_NOTICED_TARGET,
    );
    at_least("grounding", &summary.grounding, GROUNDING_TARGET);
    at_least("shape", &summary.shape, SHAPE_TARGET);
    at_least("report checks", &summary.report, REPORT_FLOOR);
}

#[test]
fn the_same_transcript_is_scored_the_same_twice() {
    let pairs = load_all(&default_dir()).expect("testdata/eval loads");
    for pair in &pairs {
        let coach = eval::interview::coach(pair);
        let interview = eval::interview::run(pair, &coach, Persona::Medium);
        let first = eval::interview::score(pair, &interview.turns);
        let second = eval::interview::score(pair, &interview.turns);
        assert_eq!(first, second, "{}", pair.name);
        assert_eq!(first.overall, interview.report.overall, "{}", pair.name);
    }
}
