//! The report as a Markdown document, built in the browser for "Download as Markdown", and
//! everything of an owner as one (the server's Markdown export).
//!
//! User and LLM text is escaped so that it stays text in any Markdown viewer: an answer that
//! contains `[a link](…)`, `<b>` or a line starting with `#` shows those characters instead of
//! becoming a link, HTML or a heading.

use domain::{CvTipKind, Export, OverallScore, Point, Report};

use super::delivery::{delivery_lines, interview_delivery};
use super::score_phrase;

/// A file name from the report's title: lower-case letters and digits joined by dashes.
pub fn file_name(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.chars().count() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "interview-feedback.md".to_owned()
    } else {
        format!("interview-feedback-{slug}.md")
    }
}

/// The whole report; `title` names the job ("Data Scientist at Northwind").
pub fn report_markdown(title: &str, report: &Report) -> String {
    let mut doc = Doc::default();
    doc.line(&format!("# Interview feedback: {}", inline(title)));
    doc.blank();
    match &report.overall {
        OverallScore::Scored { .. } => {
            doc.line(&format!(
                "**Overall score: {}**",
                score_phrase(&report.overall)
            ));
        }
        OverallScore::NotEnoughEvidence { reason } => {
            doc.line(&format!(
                "**Overall score: not enough evidence.** {}",
                inline(reason)
            ));
        }
    }
    doc.blank();
    doc.paragraph(&report.summary);
    let by = &report.generated_by;
    if by.offline_fallback {
        doc.line(
            "*The AI interviewer's report could not be used; this is the offline coach's report.*",
        );
        doc.blank();
    }
    if let Some(parts) = by.offline_parts_phrase() {
        doc.line(&format!(
            "*The AI interviewer's version of {} was empty or a refusal; the offline coach wrote those parts.*",
            inline(&parts)
        ));
        doc.blank();
    }
    doc.line(&format!(
        "*Written by {} · {} · prompt {}*",
        inline(&by.provider),
        inline(&by.model),
        inline(&by.prompt_version)
    ));
    doc.blank();

    doc.heading("Scores by dimension");
    for (dimension, score) in report.dimensions.iter() {
        let value = match score.score {
            Some(value) => format!("{value}/{}", domain::MAX_SCORE),
            None => "not enough evidence".to_owned(),
        };
        doc.line(&format!(
            "- **{}: {value}.** {}",
            dimension.label(),
            inline(&score.comment)
        ));
    }
    doc.blank();

    doc.points("Strengths", &report.strengths);
    doc.points("Weaknesses", &report.weaknesses);
    doc.points("What was missing", &report.missing);

    if !report.cv_tips.is_empty() {
        doc.heading("Improve your CV for this job");
        for &kind in CvTipKind::ALL {
            let tips: Vec<_> = report
                .cv_tips
                .iter()
                .filter(|tip| tip.kind == kind)
                .collect();
            if tips.is_empty() {
                continue;
            }
            doc.line(&format!("### {}", kind.label()));
            doc.blank();
            for tip in tips {
                doc.line(&format!("- {}", inline(&tip.text)));
                if let Some(before) = &tip.before {
                    doc.line(&format!("  - Before: {}", inline(before)));
                }
                if let Some(after) = &tip.after {
                    doc.line(&format!("  - After: {}", inline(after)));
                }
            }
            doc.blank();
        }
    }

    let coverage = &report.analysis.coverage;
    doc.heading("Job-term coverage");
    let total = coverage.used.len() + coverage.missed.len();
    match coverage.ratio {
        Some(ratio) if total > 0 => {
            doc.line(&format!(
                "Your answers used {} of the {total} terms from the job description ({:.0} %).",
                coverage.used.len(),
                ratio * 100.0
            ));
            doc.blank();
            doc.line(&format!("- **Used:** {}", term_list(&coverage.used)));
            doc.line(&format!("- **Missed:** {}", term_list(&coverage.missed)));
        }
        _ => doc
            .line("The job description names no terms we recognise, so coverage was not measured."),
    }
    doc.blank();

    if let Some((delivery, spoken)) = interview_delivery(&report.questions) {
        doc.heading("How you sounded");
        doc.paragraph(&format!(
            "From the {spoken} of your {} answers you gave by voice; delivery never changes the scores.",
            report.questions.len()
        ));
        doc.list("Delivery:", &delivery_lines(&delivery));
    }

    doc.heading("Question by question");
    for question in &report.questions {
        doc.line(&format!("### Question {}", question.number));
        doc.blank();
        doc.line(&format!("**{}**", inline(&question.question)));
        doc.blank();
        doc.line("Your answer:");
        doc.blank();
        doc.quote(&question.answer);
        if let Some(delivery) = &question.delivery {
            doc.list("How it sounded:", &delivery_lines(delivery));
        }
        doc.list("What worked:", &question.worked);
        doc.list("What to add:", &question.to_add);
        doc.line("A stronger answer:");
        doc.blank();
        doc.quote(&question.sample_answer);
    }
    if report.questions.is_empty() {
        doc.paragraph("No question was answered.");
    }

    doc.heading("Themes and tone");
    doc.list("Themes:", &report.themes);
    doc.list("Key points:", &report.key_points);
    doc.line(&format!(
        "Sentiment: {} ({:+.2} on a scale from -1 to +1)",
        report.sentiment.label.label(),
        report.sentiment.score
    ));
    doc.finish()
}

/// Everything of an owner: each interview's facts, documents, transcript and report, the
/// report's headings two levels down under its interview.
pub fn export_markdown(export: &Export) -> String {
    let mut doc = Doc::default();
    doc.line("# Your Interview Simulator data");
    doc.blank();
    doc.line(&format!(
        "Exported {}: {} interview{}.",
        export.exported_at.format("%-d %b %Y, %H:%M UTC"),
        export.interviews.len(),
        if export.interviews.len() == 1 {
            ""
        } else {
            "s"
        }
    ));
    doc.blank();
    for exported in &export.interviews {
        let interview = &exported.interview;
        let title = format!("{} at {}", interview.job_title, interview.company);
        doc.heading(&inline(&title));
        doc.line(&format!("- Status: {}", interview.status.label()));
        doc.line(&format!(
            "- Created: {}",
            interview.created_at.format("%-d %b %Y, %H:%M UTC")
        ));
        doc.line(&format!(
            "- {} questions, {}, {}, in {}",
            interview.question_count,
            interview.kind.label(),
            interview.seniority.label(),
            interview.language.english_name()
        ));
        if let Some(at) = interview.expires_at {
            doc.line(&format!(
                "- Kept until {} unless opened before",
                at.format("%-d %b %Y")
            ));
        }
        doc.blank();
        for document in &exported.documents {
            doc.line(&format!("### {}", document.kind.label()));
            doc.blank();
            doc.quote(&document.text);
        }
        doc.line("### Transcript");
        doc.blank();
        for entry in &exported.transcript.entries {
            doc.line(&format!(
                "**Question {}.** {}",
                entry.question.position,
                inline(&entry.question.text)
            ));
            doc.blank();
            match &entry.answer {
                Some(answer) => doc.quote(answer),
                None => doc.paragraph("Not answered."),
            }
        }
        let practised = exported
            .practice
            .iter()
            .flat_map(|practice| &practice.questions)
            .filter(|question| !question.attempts.is_empty());
        for (index, question) in practised.enumerate() {
            if index == 0 {
                doc.line("### Practised again");
                doc.blank();
            }
            let first = question
                .original_score
                .map(|score| format!(" (first answer: {score}/10)"))
                .unwrap_or_default();
            doc.line(&format!(
                "**Question {}.** {}{first}",
                question.number,
                inline(&question.question)
            ));
            doc.blank();
            for attempt in &question.attempts {
                doc.line(&format!("Attempt scored {}/10:", attempt.score));
                doc.blank();
                doc.quote(&attempt.text);
            }
        }
        if let Some(report) = &exported.report {
            for line in report_markdown(&title, report).lines() {
                // Escaped text never starts with `#`: only the report's headings do.
                if line.starts_with('#') {
                    doc.line(&format!("##{line}"));
                } else {
                    doc.line(line);
                }
            }
            doc.blank();
        }
    }
    doc.finish()
}

fn term_list(terms: &[String]) -> String {
    if terms.is_empty() {
        "none".to_owned()
    } else {
        terms
            .iter()
            .map(|term| inline(term))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A Markdown document written line by line.
#[derive(Default)]
struct Doc {
    text: String,
}

impl Doc {
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    fn heading(&mut self, text: &str) {
        self.line(&format!("## {text}"));
        self.blank();
    }

    /// Text that may span lines, escaped line by line, then a blank line.
    fn paragraph(&mut self, text: &str) {
        for line in text.lines() {
            self.line(&escape_line(line));
        }
        self.blank();
    }

    /// A block quote keeping the text's lines and blank lines.
    fn quote(&mut self, text: &str) {
        for line in text.trim().lines() {
            let line = escape_line(line.trim_end());
            if line.is_empty() {
                self.line(">");
            } else {
                self.line(&format!("> {line}"));
            }
        }
        self.blank();
    }

    /// A label and a bulleted list, or "none".
    fn list(&mut self, label: &str, items: &[String]) {
        if items.is_empty() {
            self.line(&format!("{label} none."));
        } else {
            self.line(label);
            self.blank();
            for item in items {
                self.line(&format!("- {}", inline(item)));
            }
        }
        self.blank();
    }

    fn points(&mut self, heading: &str, points: &[Point]) {
        self.heading(heading);
        if points.is_empty() {
            self.line("None.");
        }
        for point in points {
            let source = point
                .question
                .map(|number| format!(" (question {number})"))
                .unwrap_or_default();
            self.line(&format!("- {}{source}", inline(&point.text)));
            if let Some(quote) = &point.quote {
                self.line(&format!("  > {}", inline(quote)));
            }
        }
        self.blank();
    }

    fn finish(self) -> String {
        let mut text = self.text.trim_end().to_owned();
        text.push('\n');
        text
    }
}

/// Text on one line (line breaks become spaces), escaped.
fn inline(text: &str) -> String {
    escape_line(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// URL schemes that run or embed content where a viewer makes a link of them.
const ACTIVE_SCHEMES: [&str; 4] = ["javascript", "vbscript", "data", "file"];

/// One line of user or LLM text with Markdown's active characters escaped: emphasis, code,
/// links, HTML and tables anywhere; headings, lists and quotes at the start of the line;
/// control characters dropped. The
/// colon after an active scheme is escaped too (`javascript\:` reads the same), so even a
/// viewer that links bare URLs finds none of those.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    // The run of letters just before the current character.
    let mut word = String::new();
    // Control characters (NUL above all) have no place in a text file; tabs stay.
    for c in line.chars().filter(|c| *c == '\t' || !c.is_control()) {
        let active_scheme = c == ':'
            && ACTIVE_SCHEMES
                .iter()
                .any(|scheme| word.eq_ignore_ascii_case(scheme));
        if active_scheme
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
            )
        {
            out.push('\\');
        }
        out.push(c);
        if c.is_alphabetic() {
            word.push(c);
        } else {
            word.clear();
        }
    }
    let start = out.len() - out.trim_start().len();
    let rest = &out[start..];
    if rest.starts_with(['#', '-', '+', '=']) {
        out.insert(start, '\\');
    } else {
        // "1." or "1)" would start a numbered list.
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            out.insert(start + digits, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{
        Confidence, CvTip, Delivery, DimensionScore, DimensionScores, Fillers, GeneratedBy,
        InterviewAnalysis, PhraseCount, Pronouns, QuestionFeedback, Sentiment, Specificity,
        StarSummary, TermCoverage,
    };

    fn dimension(score: Option<u8>) -> DimensionScore {
        DimensionScore {
            score,
            comment: "Because.".into(),
        }
    }

    fn report() -> Report {
        Report {
            overall: OverallScore::Scored { score: 7 },
            summary: "Solid answers with *numbers*.\n# Not a heading".into(),
            dimensions: DimensionScores {
                relevance: dimension(Some(7)),
                structure: dimension(Some(6)),
                specificity: dimension(Some(8)),
                clarity: dimension(Some(7)),
                confidence: dimension(Some(6)),
                consistency: dimension(None),
            },
            strengths: vec![Point {
                text: "You gave a number.".into(),
                quote: Some("We cut costs by 20%.".into()),
                question: Some(1),
            }],
            weaknesses: Vec::new(),
            missing: vec![Point {
                text: "Your own part.".into(),
                quote: None,
                question: Some(2),
            }],
            cv_tips: vec![CvTip {
                kind: CvTipKind::Quantify,
                text: "Add a number.".into(),
                before: Some("Led the team.".into()),
                after: Some("Led a team of [number].".into()),
            }],
            questions: vec![
                QuestionFeedback {
                    number: 1,
                    question: "Why forecasting?".into(),
                    answer: "We cut costs by 20%.\n\nSee [my site](http://evil.example).".into(),
                    worked: vec!["A number.".into()],
                    to_add: Vec::new(),
                    sample_answer: "I cut costs by 20% in 3 months.".into(),
                    delivery: Some(Delivery {
                        spoken_words: 30,
                        speaking_ms: 12_000,
                        words_per_minute: Some(150),
                        long_pauses: 0,
                        longest_pause_ms: 900,
                        fillers: 1,
                        filler_phrases: vec![PhraseCount {
                            phrase: "um".into(),
                            count: 1,
                        }],
                    }),
                },
                QuestionFeedback {
                    number: 2,
                    question: "<script>alert(1)</script>?".into(),
                    answer: "1. first".into(),
                    worked: Vec::new(),
                    to_add: vec!["Your part.".into()],
                    sample_answer: "I led it.".into(),
                    delivery: None,
                },
            ],
            themes: vec!["costs".into()],
            key_points: vec!["cut costs by 20%".into()],
            sentiment: Sentiment::from_score(0.4),
            analysis: InterviewAnalysis {
                answers: Vec::new(),
                word_count: 12,
                mean_word_count: 6.0,
                star: StarSummary::default(),
                specificity: Specificity::default(),
                coverage: TermCoverage {
                    used: vec!["Python".into()],
                    missed: vec!["Snowflake".into(), "SQL".into()],
                    ratio: Some(1.0 / 3.0),
                },
                confidence: Confidence::default(),
                pronouns: Pronouns::default(),
                fillers: Fillers::default(),
                consistency: None,
                top_words: Vec::new(),
            },
            generated_by: GeneratedBy {
                provider: "offline".into(),
                model: "offline-coach".into(),
                prompt_version: "v1".into(),
                offline_fallback: false,
                offline_parts: Vec::new(),
            },
        }
    }

    #[test]
    fn the_document_has_every_section_in_order() {
        let md = report_markdown("Data Scientist at Northwind", &report());
        let order = [
            "# Interview feedback: Data Scientist at Northwind",
            "**Overall score: 7/10**",
            "Solid answers with \\*numbers\\*.",
            "*Written by offline · offline-coach · prompt v1*",
            "## Scores by dimension",
            "- **Relevance to the job: 7/10.** Because.",
            "- **Consistency: not enough evidence.** Because.",
            "## Strengths",
            "- You gave a number. (question 1)\n  > We cut costs by 20%.",
            "## Weaknesses\n\nNone.",
            "## What was missing\n\n- Your own part. (question 2)",
            "## Improve your CV for this job",
            "### Add a number",
            "  - Before: Led the team.\n  - After: Led a team of \\[number\\].",
            "Your answers used 1 of the 3 terms from the job description (33 %).",
            "- **Missed:** Snowflake, SQL",
            "## How you sounded",
            "From the 1 of your 2 answers you gave by voice",
            "- Pace: 150 words a minute (comfortable), 30 spoken words in 12.0 s.",
            "## Question by question",
            "### Question 1",
            "**Why forecasting?**",
            "> We cut costs by 20%.\n>\n> See \\[my site\\](http://evil.example).",
            "How it sounded:\n\n- Pace: 150 words a minute",
            "- 1 filler word: \u{201c}um\u{201d} ×1.",
            "What to add: none.",
            "> I cut costs by 20% in 3 months.",
            "### Question 2",
            "**\\<script\\>alert(1)\\</script\\>?**",
            "> 1\\. first",
            "## Themes and tone",
            "Sentiment: Positive (+0.40 on a scale from -1 to +1)",
        ];
        let mut from = 0;
        for part in order {
            let at = md[from..]
                .find(part)
                .unwrap_or_else(|| panic!("{part:?} missing after byte {from} in:\n{md}"));
            from += at + part.len();
        }
        // A line of user text never becomes a heading.
        assert!(md.contains("\n\\# Not a heading\n"), "{md}");
        assert!(md.ends_with("+1)\n"));
    }

    #[test]
    fn thin_reports_say_so_and_fallbacks_are_labelled() {
        let mut report = report();
        report.overall = OverallScore::NotEnoughEvidence {
            reason: "Two one-word answers.".into(),
        };
        report.generated_by.offline_fallback = true;
        report.generated_by.offline_parts = vec!["summary".into(), "questions.2".into()];
        report.cv_tips.clear();
        report.analysis.coverage = TermCoverage::default();
        let md = report_markdown("Job", &report);
        assert!(md.contains("**Overall score: not enough evidence.** Two one-word answers."));
        assert!(md.contains("this is the offline coach's report"));
        assert!(md.contains("*The AI interviewer's version of the summary and the feedback on question 2 was empty or a refusal; the offline coach wrote those parts.*"), "{md}");
        assert!(!md.contains("Improve your CV"));
        assert!(md.contains("coverage was not measured"));
    }

    /// Hostile strings (testdata/hostile/payloads.json) in every text field of a report.
    fn hostile_reports() -> Vec<(String, Report)> {
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../../../testdata/hostile/payloads.json")).unwrap();
        file["payloads"]
            .as_array()
            .unwrap()
            .iter()
            .map(|payload| {
                let text = payload["text"].as_str().unwrap().to_owned();
                let mut report = report();
                let point = Point {
                    text: text.clone(),
                    quote: Some(text.clone()),
                    question: Some(1),
                };
                report.summary = text.clone();
                report.overall = OverallScore::NotEnoughEvidence {
                    reason: text.clone(),
                };
                report.dimensions.relevance.comment = text.clone();
                report.strengths = vec![point.clone()];
                report.weaknesses = vec![point.clone()];
                report.missing = vec![point];
                report.cv_tips = vec![CvTip {
                    kind: CvTipKind::Quantify,
                    text: text.clone(),
                    before: Some(text.clone()),
                    after: Some(text.clone()),
                }];
                for question in &mut report.questions {
                    question.question = text.clone();
                    question.answer = format!("{text}\n\n{text}");
                    question.worked = vec![text.clone()];
                    question.to_add = vec![text.clone()];
                    question.sample_answer = text.clone();
                }
                report.themes = vec![text.clone()];
                report.key_points = vec![text.clone()];
                report.analysis.coverage.used = vec![text.clone()];
                report.analysis.coverage.missed = vec![text.clone()];
                report.generated_by.model = text.clone();
                (text.clone(), report)
            })
            .collect()
    }

    /// Read by a CommonMark parser (with the GitHub extensions), the export of a report full
    /// of hostile strings holds no HTML, no link and no image: only the document's own
    /// structure, with every string as text.
    #[test]
    fn hostile_text_stays_text_in_any_markdown_viewer() {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_GFM;
        for (text, report) in hostile_reports() {
            let title = format!("{text} at {text}");
            let md = report_markdown(&title, &report);
            let mut shown = String::new();
            for event in Parser::new_ext(&md, options) {
                match event {
                    Event::Html(html) | Event::InlineHtml(html) => {
                        panic!("HTML {html:?} from {text:?} in:\n{md}")
                    }
                    Event::Start(Tag::Link { dest_url, .. })
                    | Event::Start(Tag::Image { dest_url, .. }) => {
                        panic!("a link to {dest_url:?} from {text:?} in:\n{md}")
                    }
                    Event::Start(Tag::Table(_)) | Event::Start(Tag::FootnoteDefinition(_)) => {
                        panic!("structure from {text:?} in:\n{md}")
                    }
                    Event::Text(part) | Event::Code(part) => shown.push_str(&part),
                    Event::SoftBreak | Event::HardBreak => shown.push(' '),
                    _ => {}
                }
            }
            // No active scheme is written as one, even outside a link.
            let lower = md.to_ascii_lowercase();
            for scheme in ACTIVE_SCHEMES {
                let bare = format!("{scheme}:");
                assert!(
                    lower.match_indices(&bare).all(|(at, _)| lower[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphabetic)),
                    "{bare} from {text:?} in:\n{md}"
                );
            }
            // Each string reads as it was typed (line breaks aside).
            let squashed = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                squashed(&shown).contains(&squashed(&text.replace('\0', ""))),
                "{text:?} not shown as text in:\n{md}"
            );
        }
    }

    #[test]
    fn file_names_are_slugs() {
        assert_eq!(
            file_name("Data Scientist at Northwind (London)"),
            "interview-feedback-data-scientist-at-northwind-london.md"
        );
        assert_eq!(file_name("???"), "interview-feedback.md");
        assert_eq!(
            file_name("Ingénieur · Zürich"),
            "interview-feedback-ingénieur-zürich.md"
        );
    }
}
