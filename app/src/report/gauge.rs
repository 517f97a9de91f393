//! The overall score as a ring: drawn as inline SVG on the server, so it shows without
//! JavaScript and prints like the rest of the page.

use domain::{OverallScore, MAX_SCORE};
use leptos::prelude::*;

const RADIUS: f64 = 52.0;

/// The ring's length, which `stroke-dasharray` divides into the score and the rest.
fn circumference() -> f64 {
    2.0 * std::f64::consts::PI * RADIUS
}

/// A colour band for the score, so the ring reads at a glance (the number says it anyway).
fn band(score: u8) -> &'static str {
    match score {
        0..=4 => "low",
        5..=6 => "mid",
        _ => "high",
    }
}

/// The overall score out of 10, or "not enough evidence" and why.
#[component]
pub fn ScoreGauge(overall: OverallScore) -> impl IntoView {
    let circumference = circumference();
    match overall {
        OverallScore::Scored { score } => {
            let filled = circumference * f64::from(score.min(MAX_SCORE)) / f64::from(MAX_SCORE);
            view! {
                <div class="gauge" id="score-gauge">
                    <svg
                        class=format!("gauge__ring gauge--{}", band(score))
                        viewBox="0 0 120 120"
                        width="140"
                        height="140"
                        role="img"
                        aria-label=format!("Overall score: {score} out of {MAX_SCORE}")
                    >
                        <circle class="gauge__track" cx="60" cy="60" r=RADIUS fill="none" stroke-width="12"></circle>
                        <circle
                            class="gauge__value"
                            cx="60"
                            cy="60"
                            r=RADIUS
                            fill="none"
                            stroke-width="12"
                            stroke-linecap="round"
                            stroke-dasharray=format!("{filled:.2} {circumference:.2}")
                            transform="rotate(-90 60 60)"
                        ></circle>
                        <text class="gauge__score" x="60" y="58" text-anchor="middle" dominant-baseline="central">
                            {score.to_string()}
                        </text>
                        <text class="gauge__max" x="60" y="84" text-anchor="middle">
                            {format!("out of {MAX_SCORE}")}
                        </text>
                    </svg>
                </div>
            }
            .into_any()
        }
        OverallScore::NotEnoughEvidence { reason } => view! {
            <div class="gauge gauge--none" id="score-gauge">
                <svg
                    class="gauge__ring"
                    viewBox="0 0 120 120"
                    width="140"
                    height="140"
                    role="img"
                    aria-label="Overall score: not enough evidence"
                >
                    <circle class="gauge__track" cx="60" cy="60" r=RADIUS fill="none" stroke-width="12"></circle>
                    <text class="gauge__score" x="60" y="60" text-anchor="middle" dominant-baseline="central">
                        "–"
                    </text>
                </svg>
                <div class="gauge__none">
                    <p class="gauge__verdict">"Not enough evidence"</p>
                    <p class="muted">{reason}</p>
                </div>
            </div>
        }
        .into_any(),
    }
}
