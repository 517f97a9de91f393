//! Calibration: does the overall score match what the answers deserve?
//!
//! - Band: strong ≥ 7; medium 4–6; every weak persona (vague, off-topic, one-word, gibberish,
//!   injection, echo) ≤ 3 or "not enough evidence". The issue names vague, one-word and
//!   gibberish; the other weak personas give no real answer either, so they share the band.
//! - Order, per pair: strong > medium > the best of vague, one-word and gibberish, with "not
//!   enough evidence" below every score.
//! - Determinism: the same transcript scored twice gives the same report (checked by the
//!   caller, which owns the scorer).

use domain::OverallScore;
use serde::Serialize;

use crate::personas::Persona;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    AtLeast(u8),
    Between(u8, u8),
    /// At most this score, or not enough evidence.
    Weak(u8),
}

impl Band {
    pub fn of(persona: Persona) -> Self {
        match persona {
            Persona::Strong => Band::AtLeast(7),
            Persona::Medium => Band::Between(4, 6),
            _ => Band::Weak(3),
        }
    }

    pub fn contains(self, overall: &OverallScore) -> bool {
        match (self, overall.score()) {
            (Band::AtLeast(low), Some(score)) => score >= low,
            (Band::Between(low, high), Some(score)) => (low..=high).contains(&score),
            (Band::Weak(high), Some(score)) => score <= high,
            (Band::Weak(_), None) => true,
            (_, None) => false,
        }
    }

    pub fn describe(self) -> String {
        match self {
            Band::AtLeast(low) => format!("≥ {low}"),
            Band::Between(low, high) => format!("{low}–{high}"),
            Band::Weak(high) => format!("≤ {high} or n/e"),
        }
    }
}

/// The score for ordering: "not enough evidence" is 0, below every score.
pub fn rank(overall: &OverallScore) -> u8 {
    overall.score().unwrap_or(0)
}

/// `12`, or `n/e` for "not enough evidence".
pub fn display(overall: &OverallScore) -> String {
    overall
        .score()
        .map_or_else(|| "n/e".to_owned(), |score| score.to_string())
}

/// The personas the order is checked on, weakest group last.
pub const ORDERED_WEAK: [Persona; 3] = [Persona::Vague, Persona::OneWord, Persona::Gibberish];

/// strong > medium > max(vague, one-word, gibberish); `None` when a persona is missing.
pub fn strictly_ordered(score_of: impl Fn(Persona) -> Option<OverallScore>) -> Option<bool> {
    let strong = rank(&score_of(Persona::Strong)?);
    let medium = rank(&score_of(Persona::Medium)?);
    let mut weak = 0;
    for persona in ORDERED_WEAK {
        weak = weak.max(rank(&score_of(persona)?));
    }
    Some(strong > medium && medium > weak)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(score: u8) -> OverallScore {
        OverallScore::Scored { score }
    }

    #[test]
    fn bands_and_order() {
        let thin = OverallScore::NotEnoughEvidence {
            reason: "thin".into(),
        };
        assert!(Band::of(Persona::Strong).contains(&scored(7)));
        assert!(!Band::of(Persona::Strong).contains(&scored(6)));
        assert!(!Band::of(Persona::Strong).contains(&thin));
        assert!(Band::of(Persona::Medium).contains(&scored(4)));
        assert!(!Band::of(Persona::Medium).contains(&scored(7)));
        assert!(Band::of(Persona::Gibberish).contains(&thin));
        assert!(!Band::of(Persona::Vague).contains(&scored(4)));
        let order = |strong, medium, vague| {
            strictly_ordered(|persona| match persona {
                Persona::Strong => Some(scored(strong)),
                Persona::Medium => Some(scored(medium)),
                Persona::Vague => Some(scored(vague)),
                _ => Some(thin.clone()),
            })
        };
        assert_eq!(order(8, 5, 2), Some(true));
        assert_eq!(order(5, 5, 2), Some(false));
        assert_eq!(order(8, 3, 3), Some(false));
        assert_eq!(strictly_ordered(|_| None), None);
        assert_eq!(display(&thin), "n/e");
    }
}
