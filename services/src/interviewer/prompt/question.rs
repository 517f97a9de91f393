//! Turning a model's reply into a question, or saying why it is not one.
//!
//! Small models label their questions ("Question 3: …"), ask the same thing again in other
//! words, speak of "the candidate" as if to someone else, ask two things at once or ask what
//! can be answered with "yes". Labels are cut off; the rest is refused, so the chain moves on
//! to the next interviewer.

use domain::Language;
use text::controls::is_unwanted_control;
use text::words::{similarity, NEAR_DUPLICATE};

/// A reply longer than this is not "a question" however it ends.
const MAX_REPLY_WORDS: usize = 60;

/// Words that may open a label, longest first so "next question" wins over "question".
const LABEL_WORDS: [&str; 4] = ["next question", "interviewer", "question", "q"];

/// Openers whose questions can be answered with "yes" or "no".
const YES_NO_OPENERS: [&str; 15] = [
    "do", "does", "did", "have", "has", "had", "is", "are", "was", "were", "can", "could", "would",
    "will", "should",
];

/// Words that turn a yes/no opener into an open question ("Can you walk me through how…").
const OPEN_WORDS: [&str; 15] = [
    "how", "why", "what", "which", "when", "where", "who", "whom", "whose", "describe", "explain",
    "walk", "tell", "talk", "share",
];

/// A question to the candidate names them: "you", "your", "yourself". A model's question
/// about the employer alone ("What does the unit do for critically ill patients?") is not
/// one.
const SECOND_PERSON: [&str; 5] = ["you", "your", "yourself", "you've", "you're"];

/// A chat assistant's words, not an interviewer's ("Hi, how can I assist you with the
/// Postgraduate Diploma in Critical Care Nursing?", Qwen2.5 0.5B through LiteLLM).
const ASSISTANT_SPEAK: [&str; 5] = [
    "assist you",
    "can i help",
    "may i help",
    "help you with",
    "how can i help",
];

/// Ways of naming the person being interviewed in the third person.
const THIRD_PERSON: [&str; 4] = [
    "the candidate",
    "the applicant",
    "the interviewee",
    "this candidate",
];

/// Turns a model's reply into a question, or says why it is not one: labels ("Question 3:",
/// "Q3.", "3)"), quotes and markdown go; the result must be one question of at most 60 words,
/// ending with "?" (or the language's own question mark), neither one already asked nor a rewording of one (word-set similarity of
/// 0.5 or more), and, in an English interview, addressed to the candidate and open (not
/// yes/no).
pub fn clean_question(
    reply: &str,
    asked: &[&str],
    language: Language,
) -> Result<String, &'static str> {
    let is_mark = |c: char| is_question_mark(c, language);
    let reply = up_to_the_first_question_line(reply, is_mark);
    // Control characters (a model may send NUL, which PostgreSQL cannot store) count as spaces.
    let collapsed = reply
        .split(|c: char| c.is_whitespace() || is_unwanted_control(c))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let text = strip_decoration(&collapsed);
    if text.is_empty() {
        return Err("empty reply");
    }
    if text.matches(is_mark).count() > 1 {
        return Err("more than one question");
    }
    if !text.ends_with(is_mark) {
        return Err("not a question");
    }
    let words = word_count(text);
    if words < 3 {
        return Err("too short");
    }
    if words > MAX_REPLY_WORDS {
        return Err("too long");
    }
    // The phrase checks know English only; a model told to ask in another language is held
    // to the checks that need no words.
    if language == Language::English {
        english_phrasing(&text.to_lowercase())?;
    }
    if asked.iter().any(|question| repeats(text, question)) {
        return Err("repeats a question");
    }
    Ok(text.to_owned())
}

/// What ends a question: "?" in most scripts, the full-width "？" in Chinese and Japanese,
/// "؟" in Arabic and Persian; Greek writes ";" (or its twin U+037E), which elsewhere is no
/// question mark.
fn is_question_mark(c: char, language: Language) -> bool {
    matches!(c, '?' | '？' | '؟') || (language == Language::Greek && matches!(c, ';' | '\u{37E}'))
}

/// The length of `text` in words. Chinese and Japanese leave no space between words and Thai
/// only between phrases, so there a word is counted per two Han or kana characters and per
/// four Thai letters (about their average word lengths).
fn word_count(text: &str) -> usize {
    let han_or_kana = text
        .chars()
        .filter(|&c| matches!(u32::from(c), 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF))
        .count();
    let thai = text
        .chars()
        .filter(|&c| matches!(u32::from(c), 0x0E00..=0x0E7F))
        .count();
    text.split_whitespace()
        .count()
        .max(han_or_kana / 2 + thai / 4)
}

/// The checks of an English question's phrasing: put to the candidate, open, in the
/// interviewer's voice. `lower` is the question in lower case.
fn english_phrasing(lower: &str) -> Result<(), &'static str> {
    if THIRD_PERSON
        .iter()
        .any(|phrase| contains_phrase(lower, phrase))
    {
        return Err("speaks of the candidate in the third person");
    }
    if is_yes_no(lower) {
        return Err("a yes/no question");
    }
    if !SECOND_PERSON
        .iter()
        .any(|word| contains_phrase(lower, word))
    {
        return Err("not addressed to the candidate");
    }
    if ASSISTANT_SPEAK
        .iter()
        .any(|phrase| contains_phrase(lower, phrase))
    {
        return Err("offers help instead of interviewing");
    }
    if contains_phrase(lower, "my") {
        // "…the natural next step for my critical care practice?": the candidate's voice.
        return Err("speaks as the candidate");
    }
    Ok(())
}

/// The reply up to the end of the line on which its first question ends. Small models go on
/// writing the transcript they were shown after their question: a line break, `<answer>`, an
/// invented answer, the next "Question 3:" (Qwen2.5 0.5B through llama.cpp did so).
fn up_to_the_first_question_line(reply: &str, is_mark: impl Fn(char) -> bool) -> &str {
    let Some(mark) = reply.find(is_mark) else {
        return reply;
    };
    let line_end = reply[mark..].find('\n').map_or(reply.len(), |at| mark + at);
    &reply[..line_end]
}

/// The reply without quotes, markdown, labels and numbering around it. Every step only
/// shortens the text, so it is cut down in place (a copy or a lower-cased copy per step made
/// a long run of labels or numbers quadratic: 12 s for 240 KB in a debug build).
fn strip_decoration(mut text: &str) -> &str {
    loop {
        let before = text.len();
        text = text.trim_matches(|c: char| {
            matches!(
                c,
                '"' | '\'' | '“' | '”' | '‘' | '’' | '`' | '*' | '_' | '#' | ' '
            )
        });
        if let Some(rest) = strip_label(text) {
            text = rest;
        }
        if text.len() == before {
            return text;
        }
    }
}

/// The text after one leading label: a label word with an optional number ("Question:",
/// "Question 3:", "Q3.", "Next question -"), or a bare number ("3)", "3.", "3:"). `None`
/// when the text does not start with one.
fn strip_label(text: &str) -> Option<&str> {
    let word = LABEL_WORDS.iter().find(|word| {
        text.get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word))
            // A whole word: "Quality…" is not "Q" followed by "uality".
            && !text[word.len()..].starts_with(|c: char| c.is_alphabetic())
    });
    let after_word = match word {
        Some(word) => text[word.len()..].trim_start(),
        None => text,
    };
    let number = after_word.strip_prefix('#').unwrap_or(after_word);
    let digits = number.chars().take_while(char::is_ascii_digit).count();
    if word.is_none() && (digits == 0 || digits > 2) {
        return None;
    }
    let after_number = if digits > 0 {
        &number[digits..]
    } else {
        after_word
    };
    let (separators, spaced): (&[char], &str) = match (word, digits) {
        // "Question 3 - How…", or "Question 3 How…": after a label word and a number the
        // separator may be spaced out, or a space alone.
        (Some(_), 1..) => (&[':', '.', ')', '-', '–', '—'], after_number.trim_start()),
        // Not '-': "Q-learning" is a word.
        (Some(_), 0) => (&[':'], after_number),
        (None, _) => (&[':', '.', ')'], after_number),
    };
    let Some(separator) = spaced.chars().next().filter(|c| separators.contains(c)) else {
        let space_alone = spaced.len() < after_number.len();
        return space_alone.then_some(spaced);
    };
    let rest = &spaced[separator.len_utf8()..];
    // "3.5 years…" is a number, not a label.
    if separator == '.' && rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(rest.trim_start())
}

/// Whether `text` (lower case) contains `phrase` as whole words.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A question (lower case) that opens with an auxiliary verb and never turns open.
fn is_yes_no(lower: &str) -> bool {
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    YES_NO_OPENERS.contains(&first) && !words.any(|word| OPEN_WORDS.contains(&word))
}

/// The same question, or a rewording of it.
fn repeats(question: &str, asked: &str) -> bool {
    normalize(question) == normalize(asked) || similarity(question, asked) >= NEAR_DUPLICATE
}

fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_cleaned_into_one_question() {
        let asked = ["How did you build the forecasting system?"];
        assert_eq!(
            clean_question(
                "  Question: \"Why did you choose LightGBM over\n a neural network?\" ",
                &asked,
                Language::English
            ),
            Ok("Why did you choose LightGBM over a neural network?".into())
        );
        assert_eq!(
            clean_question(
                "**1. What did CUPED change for your team?**",
                &asked,
                Language::English
            ),
            Ok("What did CUPED change for your team?".into())
        );
        assert_eq!(
            clean_question("", &asked, Language::English),
            Err("empty reply")
        );
        assert_eq!(
            clean_question("Tell me about yourself.", &asked, Language::English),
            Err("not a question")
        );
        assert_eq!(
            clean_question(
                &format!("{}?", "word ".repeat(61)),
                &asked,
                Language::English
            ),
            Err("too long")
        );
        assert_eq!(
            clean_question(
                "how did you build the Forecasting System?",
                &asked,
                Language::English
            ),
            Err("repeats a question")
        );
    }

    #[test]
    fn a_transcript_the_model_goes_on_writing_is_cut_after_its_question() {
        // As Qwen2.5-Coder-0.5B answered through llama-cpp-python.
        let reply = "Question 2: How did your ICU work prepare you for St. Brigid's University Hospital?\n<answer>One night shift I was caring 1:1 for a ventilated patient after cardiac surgery";
        assert_eq!(
            clean_question(reply, &[], Language::English),
            Ok(
                "How did your ICU work prepare you for St. Brigid's University Hospital?"
                    .to_owned()
            )
        );
        // A label on its own line before the question is still taken off.
        assert_eq!(
            clean_question(
                "Question 3:\nWhy did you choose CRRT there?\nQuestion 4:",
                &[],
                Language::English
            ),
            Ok("Why did you choose CRRT there?".to_owned())
        );
        // Two questions on the question's own line are still two questions.
        assert_eq!(
            clean_question("How did you lead it? Why?\nmore", &[], Language::English),
            Err("more than one question")
        );
    }

    #[test]
    fn numbered_labels_are_stripped() {
        let expected = Ok("How do you balance Go and Python in one codebase?".to_owned());
        for label in [
            "Question 3:",
            "Question 3 -",
            "question #3.",
            "Q3.",
            "Q3:",
            "Q 3)",
            "3)",
            "3.",
            "3:",
            "**Question 4:**",
            "Interviewer: Question 2:",
            "Next question: 5)",
        ] {
            let reply = format!("{label} How do you balance Go and Python in one codebase?");
            assert_eq!(
                clean_question(&reply, &[], Language::English),
                expected,
                "{label}"
            );
        }
        // Words that only start like a label are kept.
        assert_eq!(
            clean_question(
                "Quality gates: which ones did you add and why?",
                &[],
                Language::English
            ),
            Ok("Quality gates: which ones did you add and why?".into())
        );
        assert_eq!(
            clean_question(
                "3.5 years at Larkspur: what changed most for you in that time?",
                &[],
                Language::English
            ),
            Ok("3.5 years at Larkspur: what changed most for you in that time?".into())
        );
    }

    #[test]
    fn rewordings_of_asked_questions_are_refused() {
        let asked = ["How do you approach building payment systems that never lose money?"];
        assert_eq!(
            clean_question(
                "How do you handle building payment systems that never lose money?",
                &asked,
                Language::English
            ),
            Err("repeats a question")
        );
        assert_eq!(
            clean_question(
                "Question 4: How do you approach building payment systems that never lose money?",
                &asked,
                Language::English
            ),
            Err("repeats a question")
        );
        assert!(clean_question(
            "Why did you leave Fernlicht after three years?",
            &asked,
            Language::English
        )
        .is_ok());
    }

    #[test]
    fn third_person_questions_are_refused() {
        for reply in [
            "What does the candidate want you to remember about them?",
            "How would the applicant handle a failed release?",
            "Why is the candidate's experience with Kafka relevant here?",
        ] {
            assert_eq!(
                clean_question(reply, &[], Language::English),
                Err("speaks of the candidate in the third person"),
                "{reply}"
            );
        }
        assert!(clean_question(
            "Which candidates did you hire for the data team?",
            &[],
            Language::English
        )
        .is_ok());
    }

    /// What Qwen2.5 0.5B asked through llama.cpp: a question about the employer alone, and
    /// one in the candidate's own voice.
    #[test]
    fn a_question_is_put_to_the_candidate() {
        assert_eq!(
            clean_question(
                "What does St. Brigid's University Hospital's Intensive Care Unit do for critically ill patients?",
                &[], Language::English),
            Err("not addressed to the candidate")
        );
        assert_eq!(
            clean_question(
                "Why do you believe St. Brigid's is the natural next step for my critical care practice?",
                &[], Language::English),
            Err("speaks as the candidate")
        );
        assert!(clean_question(
            "Why is St. Brigid's the natural next step for your critical care practice?",
            &[],
            Language::English
        )
        .is_ok());
        assert_eq!(
            clean_question(
                "Hi, how can I assist you with the Postgraduate Diploma in Critical Care Nursing?",
                &[],
                Language::English
            ),
            Err("offers help instead of interviewing")
        );
    }

    #[test]
    fn questions_in_the_interviews_other_language_pass_the_checks_that_need_no_words() {
        for (language, question) in [
            (
                Language::Italian,
                "Perché ha scelto Kafka per la migrazione del sistema di pagamento?",
            ),
            (
                Language::French,
                "Qu'avez-vous mis en place pour suivre les progrès de vos élèves ?",
            ),
            (
                Language::Polish,
                "Jak przygotowała Pani zespół do wdrożenia nowego systemu?",
            ),
        ] {
            assert_eq!(
                clean_question(question, &[], language),
                Ok(question.to_owned())
            );
            // An English interview keeps its phrasing checks: no "you", no question.
            assert!(clean_question(question, &[], Language::English).is_err());
        }
        let asked = ["Perché ha scelto Kafka per la migrazione del sistema di pagamento?"];
        assert_eq!(
            clean_question(
                "Perché ha scelto Kafka per la migrazione del sistema di pagamento?",
                &asked,
                Language::Italian
            ),
            Err("repeats a question")
        );
        assert_eq!(
            clean_question("Domanda 3: Perché? E come?", &[], Language::Italian),
            Err("more than one question")
        );
        assert_eq!(
            clean_question("Ecco la prossima domanda.", &[], Language::Italian),
            Err("not a question")
        );
    }

    #[test]
    fn questions_in_other_scripts_end_with_their_own_question_marks() {
        for (language, question) in [
            (
                Language::Japanese,
                "決済システムをKafkaに移行したとき、最も難しかった課題は何でしたか？",
            ),
            (
                Language::Chinese,
                "您在迁移支付系统到 Kafka 的过程中遇到的最大困难是什么？",
            ),
            (
                Language::Arabic,
                "ما أصعب مشكلة واجهتها عند نقل نظام الدفع إلى Kafka؟",
            ),
            (
                Language::Greek,
                "Ποια ήταν η μεγαλύτερη δυσκολία στη μετάβαση του συστήματος πληρωμών;",
            ),
            (
                Language::Thai,
                "คุณแก้ปัญหาที่ยากที่สุดตอนย้ายระบบชำระเงินไปใช้ Kafka อย่างไร?",
            ),
        ] {
            assert_eq!(
                clean_question(question, &[], language),
                Ok(question.to_owned()),
                "{question}"
            );
        }
        assert_eq!(
            clean_question("最大の課題は？次の一歩は？", &[], Language::Japanese),
            Err("more than one question")
        );
        assert_eq!(
            clean_question("何ですか？", &[], Language::Japanese),
            Err("too short")
        );
        // Only Greek ends a question with ";".
        assert_eq!(
            clean_question("Tell me about your last migration;", &[], Language::English),
            Err("not a question")
        );
    }

    #[test]
    fn several_questions_at_once_are_refused() {
        assert_eq!(
            clean_question(
                "What did you measure? And how did it go?",
                &[],
                Language::English
            ),
            Err("more than one question")
        );
        assert_eq!(
            clean_question("1. Why Rust? 2. Why now?", &[], Language::English),
            Err("more than one question")
        );
    }

    #[test]
    fn yes_no_questions_are_refused_unless_they_ask_how_or_why() {
        for reply in [
            "Do you have experience with Kafka in production?",
            "Have you ever led a team of engineers?",
            "Is Python your strongest language today?",
            "Can you use SQL for complex analyses?",
            "Did the migration finish on time?",
        ] {
            assert_eq!(
                clean_question(reply, &[], Language::English),
                Err("a yes/no question"),
                "{reply}"
            );
        }
        for reply in [
            "Can you walk me through how you sized the Kafka cluster?",
            "Could you explain the trade-offs of your caching layer?",
            "Do you remember why the first forecast model failed?",
            "What did you learn from the failed release?",
        ] {
            assert!(
                clean_question(reply, &[], Language::English).is_ok(),
                "{reply}"
            );
        }
    }

    /// Found by the `parse_question_reply` fuzz target: each step copied (and lower-cased)
    /// the whole text, so a reply of many labels or numbers took quadratic time (here 20 s
    /// instead of well under one in a debug build); a model that loops can send one.
    #[test]
    fn long_runs_of_labels_and_numbers_are_cleaned_in_linear_time() {
        let started = std::time::Instant::now();
        let labels = format!("{}What did you ship last quarter?", "Q: ".repeat(80_000));
        assert_eq!(
            clean_question(&labels, &[], Language::English),
            Ok("What did you ship last quarter?".into())
        );
        let numbers = format!("{}Why?", "1.".repeat(80_000));
        assert_eq!(
            clean_question(&numbers, &[], Language::English),
            Err("too short")
        );
        let mixed = "**Next Question: 2) \"".repeat(5_000);
        assert_eq!(
            clean_question(&mixed, &[], Language::English),
            Err("empty reply")
        );
        let numbered = format!("{}What did you ship?", "Question 12: ".repeat(40_000));
        assert_eq!(
            clean_question(&numbered, &[], Language::English),
            Ok("What did you ship?".into())
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "took {:?}",
            started.elapsed()
        );
    }
}
