//! What an interview and its report are measured on. Each metric is a [`Rate`]: checks passed
//! out of checks made, with the failures kept as examples for the table.
//!
//! - `calibration`: the overall score against the persona's band, and the order of personas;
//! - `listening`: whether a question after a substantive answer builds on it;
//! - `grounding`: whether what a question names exists in the documents;
//! - `shape`: second person, one question, short, not a near-repeat, open;
//! - `report`: quotes, advice by question type, sample answers.

pub mod calibration;
pub mod grounding;
pub mod listening;
pub mod report;
pub mod shape;

use serde::Serialize;

/// Checks passed out of checks made, with up to [`MAX_EXAMPLES`] failures described.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Rate {
    pub passed: usize,
    pub total: usize,
    pub failures: Vec<String>,
}

pub const MAX_EXAMPLES: usize = 3;

impl Rate {
    pub fn check(&mut self, passed: bool, describe: impl FnOnce() -> String) {
        self.total += 1;
        if passed {
            self.passed += 1;
        } else if self.failures.len() < MAX_EXAMPLES {
            self.failures.push(describe());
        }
    }

    /// `None` when nothing was checked.
    pub fn value(&self) -> Option<f64> {
        (self.total > 0).then(|| self.passed as f64 / self.total as f64)
    }

    /// Adds another rate's counts (the examples are kept up to the limit).
    pub fn absorb(&mut self, other: &Rate) {
        self.passed += other.passed;
        self.total += other.total;
        for failure in &other.failures {
            if self.failures.len() < MAX_EXAMPLES {
                self.failures.push(failure.clone());
            }
        }
    }

    /// `83 % (5/6)`, or `–` when nothing was checked.
    pub fn display(&self) -> String {
        match self.value() {
            Some(value) => format!("{:.0} % ({}/{})", value * 100.0, self.passed, self.total),
            None => "–".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_count_and_keep_a_few_examples() {
        let mut rate = Rate::default();
        assert_eq!(rate.value(), None);
        assert_eq!(rate.display(), "–");
        for index in 0..6 {
            rate.check(index % 2 == 0, || format!("failure {index}"));
        }
        assert_eq!(rate.display(), "50 % (3/6)");
        assert_eq!(rate.failures, ["failure 1", "failure 3", "failure 5"]);
        let mut total = Rate::default();
        total.absorb(&rate);
        total.absorb(&rate);
        assert_eq!(
            (total.passed, total.total, total.failures.len()),
            (6, 12, 3)
        );
    }
}
