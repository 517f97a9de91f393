//! Consistency of depth: whether every answer gets the same care, or a strong first answer is
//! followed by one-liners. Measured as the coefficient of variation (standard deviation over
//! mean, which does not depend on how long answers are overall) of the answers' word counts and
//! specificity scores.

use domain::Consistency;

/// The coefficient of variation (population standard deviation / mean); 0 when the mean is 0
/// (every value 0 is perfectly even).
pub(super) fn variation(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    if mean <= 0.0 {
        return 0.0;
    }
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    variance.sqrt() / mean
}

/// `1 - mean(min(cv_words, 1), min(cv_specificity, 1))`; none for fewer than two answers,
/// where there is nothing to compare.
pub(super) fn consistency(word_counts: &[u32], specificity: &[f64]) -> Option<Consistency> {
    if word_counts.len() < 2 {
        return None;
    }
    let words: Vec<f64> = word_counts.iter().map(|&count| f64::from(count)).collect();
    let word_count_variation = variation(&words);
    let specificity_variation = variation(specificity);
    let spread = (word_count_variation.min(1.0) + specificity_variation.min(1.0)) / 2.0;
    Some(Consistency {
        word_count_variation,
        specificity_variation,
        score: 1.0 - spread,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coefficient_of_variation() {
        assert_eq!(variation(&[50.0, 50.0, 50.0]), 0.0);
        // Mean 60, standard deviation 40.
        assert!((variation(&[100.0, 20.0]) - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(variation(&[0.0, 0.0]), 0.0);
        assert_eq!(variation(&[]), 0.0);
    }

    #[test]
    fn even_answers_score_one_and_uneven_ones_less() {
        let even = consistency(&[120, 120, 120], &[0.5, 0.5, 0.5]).unwrap();
        assert_eq!(even.score, 1.0);
        let uneven = consistency(&[100, 20], &[0.6, 0.2]).unwrap();
        // Words vary by 2/3, specificity by 0.5.
        assert!((uneven.score - (1.0 - (2.0 / 3.0 + 0.5) / 2.0)).abs() < 1e-9);
        let extreme = consistency(&[300, 0, 0, 0], &[1.0, 0.0, 0.0, 0.0]).unwrap();
        assert_eq!(extreme.score, 0.0, "{extreme:?}");
        assert!(even.score > uneven.score && uneven.score > extreme.score);
        assert_eq!(consistency(&[100], &[0.5]), None);
    }
}
