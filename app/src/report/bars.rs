//! The six dimension scores as horizontal bars (inline SVG), each with its comment.

use domain::{DimensionScore, DimensionScores, MAX_SCORE};
use leptos::prelude::*;

/// Every dimension, in the domain's order.
#[component]
pub fn DimensionBars(dimensions: DimensionScores) -> AnyView {
    view! {
        <ul class="dimensions" id="dimensions">
            {dimensions
                .iter()
                .map(|(dimension, score)| {
                    view! { <DimensionBar name=dimension.label() score=score.clone() /> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// One dimension. Without a score the bar stays empty and says "not enough evidence"
/// instead of inventing a number.
#[component]
fn DimensionBar(name: &'static str, score: DimensionScore) -> impl IntoView {
    let (value, label) = match score.score {
        Some(value) => (Some(value.min(MAX_SCORE)), format!("{value}/{MAX_SCORE}")),
        None => (None, "not enough evidence".to_owned()),
    };
    let aria_label = match value {
        Some(value) => format!("{name}: {value} out of {MAX_SCORE}"),
        None => format!("{name}: not enough evidence"),
    };
    view! {
        <li class="dimension">
            <div class="dimension__head">
                <span class="dimension__name">{name}</span>
                <span class=if value.is_some() { "dimension__score" } else { "dimension__score muted" }>{label}</span>
            </div>
            <svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label=aria_label>
                <rect class="bar__track" x="0" y="0" width="100" height="8"></rect>
                {value.map(|value| view! {
                    <rect
                        class="bar__value"
                        x="0"
                        y="0"
                        width=(f64::from(value) * 100.0 / f64::from(MAX_SCORE)).to_string()
                        height="8"
                    ></rect>
                })}
            </svg>
            <p class="dimension__comment">{score.comment}</p>
        </li>
    }
}
