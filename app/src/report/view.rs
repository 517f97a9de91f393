//! The report's sections. Every piece of user and LLM text goes into the page as a text node
//! (never `inner_html`), so a quoted answer or a model's reply cannot inject markup.

use domain::{
    CvTip, CvTipKind, GeneratedBy, OverallScore, Point, QuestionFeedback, Report, Sentiment,
    TermCoverage,
};
use leptos::prelude::*;

use super::bars::DimensionBars;
use super::delivery::{DeliveryList, DeliverySummary};
use super::gauge::ScoreGauge;

/// The whole report, read-only. CV tips appear only when there are any (share links have
/// none: they would quote the CV). `practise` (the owner's page) links each answered question
/// to its practice on the same page.
///
/// Every section returns an `AnyView`: nested, their full view types are deep enough to
/// overflow rustc's query depth when the browser bundle is compiled.
#[component]
pub fn ReportView(report: Report, #[prop(optional)] practise: bool) -> AnyView {
    let Report {
        overall,
        summary,
        dimensions,
        strengths,
        weaknesses,
        missing,
        cv_tips,
        questions,
        themes,
        key_points,
        sentiment,
        analysis,
        generated_by,
    } = report;
    view! {
        <article class="report" id="report">
            <Overview overall summary generated_by />
            <section class="report-card" aria-labelledby="dimensions-heading">
                <h2 id="dimensions-heading">"Scores by dimension"</h2>
                <DimensionBars dimensions />
            </section>
            <div class="report-points">
                <PointList id="strengths" heading="Strengths" points=strengths empty="No clear strengths yet: longer, more concrete answers give more to work with." />
                <PointList id="weaknesses" heading="Weaknesses" points=weaknesses empty="No weaknesses stood out." />
                <PointList id="missing" heading="What was missing" points=missing empty="Nothing important was missing." />
            </div>
            {(!cv_tips.is_empty()).then(|| view! { <CvTips tips=cv_tips /> })}
            <Coverage coverage=analysis.coverage />
            <DeliverySummary questions=questions.clone() />
            <QuestionBreakdown questions practise />
            <ThemesAndTone themes key_points sentiment />
        </article>
    }
    .into_any()
}

/// The score, the summary and who wrote them.
#[component]
fn Overview(overall: OverallScore, summary: String, generated_by: GeneratedBy) -> AnyView {
    view! {
        <section class="report-card report-overview" aria-labelledby="overall-heading">
            <h2 id="overall-heading">"Overall"</h2>
            <div class="report-overview__body">
                <ScoreGauge overall />
                <div class="report-overview__text">
                    <p class="report-summary" id="report-summary">{summary}</p>
                    <Provenance generated_by />
                </div>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn ThemesAndTone(themes: Vec<String>, key_points: Vec<String>, sentiment: Sentiment) -> AnyView {
    view! {
        <section class="report-card" aria-labelledby="themes-heading">
            <h2 id="themes-heading">"Themes and tone"</h2>
            <div class="report-columns">
                <div>
                    <h3>"Themes"</h3>
                    <WordList items=themes empty="None found." />
                </div>
                <div>
                    <h3>"Key points"</h3>
                    <WordList items=key_points empty="None found." />
                </div>
                <div>
                    <h3>"Sentiment"</h3>
                    <p id="sentiment">
                        {format!("{} ({:+.2} on a scale from −1 to +1)", sentiment.label.label(), sentiment.score)}
                    </p>
                </div>
            </div>
        </section>
    }
    .into_any()
}

/// Who wrote the report, and a plain warning when the AI's report, or a part of it, was
/// replaced by the offline coach's.
#[component]
fn Provenance(generated_by: GeneratedBy) -> AnyView {
    view! {
        {generated_by.offline_fallback.then(|| view! {
            <p class="notice notice--info" id="offline-fallback">
                "The AI interviewer's report could not be used; this is the offline coach's report."
            </p>
        })}
        {generated_by.offline_parts_phrase().map(|parts| view! {
            <p class="notice notice--info" id="offline-parts">
                {format!("The AI interviewer's version of {parts} was empty or a refusal; the offline coach wrote those parts.")}
            </p>
        })}
        <p class="provenance muted small" id="provenance">
            {format!(
                "Written by {} · {} · prompt {}",
                generated_by.provider, generated_by.model, generated_by.prompt_version,
            )}
        </p>
    }
    .into_any()
}

/// Strengths, weaknesses or what was missing: each point with the answer sentence it quotes.
#[component]
fn PointList(
    id: &'static str,
    heading: &'static str,
    points: Vec<Point>,
    empty: &'static str,
) -> AnyView {
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="report-card" id=id aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            {if points.is_empty() {
                view! { <p class="muted">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="points">
                        {points.into_iter().map(|point| view! { <PointItem point /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn PointItem(point: Point) -> impl IntoView {
    let source = point.question.map(|number| match point.quote {
        Some(_) => format!("Your answer to question {number}"),
        None => format!("About question {number}"),
    });
    view! {
        <li class="point">
            <p class="point__text">{point.text}</p>
            {match point.quote {
                Some(quote) => view! {
                    <figure class="quote">
                        <blockquote>
                            <p>{quote}</p>
                        </blockquote>
                        {source.map(|source| view! { <figcaption class="muted small">{source}</figcaption> })}
                    </figure>
                }
                .into_any(),
                None => source.map(|source| view! { <p class="muted small">{source}</p> }).into_any(),
            }}
        </li>
    }
}

/// CV changes for this job, grouped by kind, with the current and the suggested wording.
#[component]
fn CvTips(tips: Vec<CvTip>) -> AnyView {
    let groups: Vec<(CvTipKind, Vec<CvTip>)> = CvTipKind::ALL
        .iter()
        .map(|&kind| {
            (
                kind,
                tips.iter()
                    .filter(|tip| tip.kind == kind)
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, tips)| !tips.is_empty())
        .collect();
    view! {
        <section class="report-card" id="cv-tips" aria-labelledby="cv-tips-heading">
            <h2 id="cv-tips-heading">"Improve your CV for this job"</h2>
            {groups
                .into_iter()
                .map(|(kind, tips)| view! {
                    <div class="cv-tip-group">
                        <h3>{kind.label()}</h3>
                        <ul class="cv-tips">
                            {tips.into_iter().map(|tip| view! { <CvTipItem tip /> }).collect_view()}
                        </ul>
                    </div>
                })
                .collect_view()}
        </section>
    }
    .into_any()
}

#[component]
fn CvTipItem(tip: CvTip) -> impl IntoView {
    let has_change = tip.before.is_some() || tip.after.is_some();
    view! {
        <li class="cv-tip">
            <p>{tip.text}</p>
            {has_change.then(|| view! {
                <dl class="before-after">
                    {tip.before.map(|before| view! {
                        <dt>"Before"</dt>
                        <dd class="before">{before}</dd>
                    })}
                    {tip.after.map(|after| view! {
                        <dt>"After"</dt>
                        <dd class="after">{after}</dd>
                    })}
                </dl>
            })}
        </li>
    }
}

/// Which terms of the job description the answers used and which they missed.
#[component]
fn Coverage(coverage: TermCoverage) -> AnyView {
    let total = coverage.used.len() + coverage.missed.len();
    let headline = match coverage.ratio {
        Some(ratio) if total > 0 => format!(
            "Your answers used {} of the {total} terms from the job description ({:.0} %).",
            coverage.used.len(),
            ratio * 100.0
        ),
        _ => "The job description names no terms we recognise, so coverage was not measured."
            .to_owned(),
    };
    view! {
        <section class="report-card" id="coverage" aria-labelledby="coverage-heading">
            <h2 id="coverage-heading">"Job-term coverage"</h2>
            <p>{headline}</p>
            {(total > 0).then(|| view! {
                <div class="report-columns">
                    <div>
                        <h3>"Used"</h3>
                        <TermList terms=coverage.used class="terms terms--used" empty="None yet." />
                    </div>
                    <div>
                        <h3>"Missed"</h3>
                        <TermList terms=coverage.missed class="terms terms--missed" empty="None: every term came up." />
                    </div>
                </div>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn TermList(terms: Vec<String>, class: &'static str, empty: &'static str) -> impl IntoView {
    if terms.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! {
        <ul class=class>
            {terms.into_iter().map(|term| view! { <li>{term}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// One folded entry per answered question, so the page stays short until one is opened.
#[component]
fn QuestionBreakdown(questions: Vec<QuestionFeedback>, practise: bool) -> AnyView {
    view! {
        <section class="report-card" id="questions" aria-labelledby="questions-heading">
            <h2 id="questions-heading">"Question by question"</h2>
            {if questions.is_empty() {
                view! { <p class="muted">"No question was answered."</p> }.into_any()
            } else {
                view! {
                    <ol class="question-breakdown" id="question-breakdown">
                        {questions.into_iter().map(|question| view! { <QuestionItem question practise /> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn QuestionItem(question: QuestionFeedback, practise: bool) -> AnyView {
    let number = question.number;
    view! {
        <li class="question-feedback">
            <details>
                <summary>
                    <span class="question-feedback__number">{format!("Question {}", question.number)}</span>
                    <span class="question-feedback__text">{question.question}</span>
                </summary>
                <dl class="question-feedback__body">
                    <dt>"Your answer"</dt>
                    <dd>
                        <blockquote class="answer-quote"><p>{question.answer}</p></blockquote>
                    </dd>
                    {question.delivery.map(|delivery| view! {
                        <dt>"How it sounded"</dt>
                        <dd class="question-feedback__delivery"><DeliveryList delivery /></dd>
                    })}
                    <dt>"What worked"</dt>
                    <dd><WordList items=question.worked empty="Nothing stood out yet." /></dd>
                    <dt>"What to add"</dt>
                    <dd><WordList items=question.to_add empty="Nothing: this answer covers it." /></dd>
                    <dt>"A stronger answer"</dt>
                    <dd><p class="sample-answer">{question.sample_answer}</p></dd>
                </dl>
                {practise.then(|| view! {
                    <p class="no-print">
                        <a id=format!("practise-link-{number}") href=format!("#practice-{number}")>
                            "Practise this question again"
                        </a>
                    </p>
                })}
            </details>
        </li>
    }
    .into_any()
}

/// A plain bulleted list of short texts.
#[component]
fn WordList(items: Vec<String>, empty: &'static str) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted">{empty}</p> }.into_any();
    }
    view! {
        <ul>
            {items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}
