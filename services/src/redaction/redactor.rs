//! One interview's redaction: every personal detail found in its CV, job description,
//! questions and answers, each with a placeholder. Built from the texts alone and in their
//! order (the CV, the job description, then each question and answer), so every request of
//! the interview, question or report, gets the same placeholder for the same value.
//!
//! Placeholder-shaped text the user typed (`[EMAIL_1]` in an answer) is never given out as a
//! placeholder of ours: it reaches the model as typed and, when the model repeats it, the
//! user sees it as typed, never turned into somebody's e-mail address.

use std::collections::{HashMap, HashSet};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::interviewer::prompt::CUT_MARK;
use crate::redaction::contacts::contact_details;
use crate::redaction::names::{candidate_name, other_people, CandidateName};
use crate::redaction::placeholders::{placeholders_in, Kind, Placeholder};

/// What an interview's redaction is built from.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    pub cv: &'a str,
    pub job_description: &'a str,
    /// Never redacted, nor any word of theirs when it is also part of a name.
    pub job_title: &'a str,
    pub company: &'a str,
}

/// The personal details of one interview and their placeholders.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    /// Every spelling to replace, longest first.
    spellings: Vec<Spelling>,
    /// What each placeholder is restored to.
    values: HashMap<Placeholder, String>,
    /// Placeholders the texts themselves contain: never given out, never restored.
    typed: HashSet<Placeholder>,
}

#[derive(Clone, Debug)]
struct Spelling {
    text: String,
    placeholder: String,
}

impl Redactor {
    /// The redaction of an interview with `sources`, whose questions and answers so far are
    /// `exchanges` (question, answer), in order.
    pub fn new<'a>(
        sources: Sources<'a>,
        exchanges: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let texts: Vec<&str> = [sources.cv, sources.job_description]
            .into_iter()
            .chain(exchanges.into_iter().flat_map(|(q, a)| [q, a]))
            .collect();
        let typed = texts
            .iter()
            .flat_map(|text| placeholders_in(text).map(|(_, placeholder)| placeholder))
            .collect();
        let mut builder = Builder {
            typed,
            known: HashMap::new(),
            redactor: Redactor::default(),
        };
        let candidate = candidate_name(sources.cv);
        // A part of the name that is also a word of the job ("Swift", "Rust") stays when
        // alone: the job needs it more than the name hides it.
        let job_words: Vec<&str> = [sources.job_description, sources.job_title, sources.company]
            .iter()
            .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
            .filter(|word| !word.is_empty())
            .collect();
        if let Some(name) = &candidate {
            builder.candidate(name, &job_words);
        }
        let exclude = [sources.company, sources.job_title];
        for text in texts {
            let mut found: Vec<(usize, Kind, &str)> = contact_details(text)
                .into_iter()
                .map(|found| (found.range.start, found.kind, &text[found.range]))
                .collect();
            for person in other_people(text, candidate.as_ref(), &exclude) {
                if let Some(at) = text.find(&person) {
                    found.push((at, Kind::Person, &text[at..at + person.len()]));
                }
            }
            found.sort_by_key(|(at, _, _)| *at);
            for (_, kind, value) in found {
                builder.detail(kind, value);
            }
        }
        builder.finish()
    }

    /// Whether anything was found to redact.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// `text` with every personal detail replaced by its placeholder, including one that a
    /// prompt's document cut short ("jj.thomps\n[…cut]").
    pub fn redact(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        while at < text.len() {
            let rest = &text[at..];
            let matched = self.spellings.iter().find_map(|spelling| {
                if rest.as_bytes().first() != spelling.text.as_bytes().first() {
                    return None;
                }
                let len = if rest.starts_with(&spelling.text) {
                    spelling.text.len()
                } else {
                    cut_short(rest, &spelling.text)?
                };
                at_word_edges(text, at, at + len).then_some((spelling, len))
            });
            match matched {
                Some((spelling, len)) => {
                    out.push_str(&spelling.placeholder);
                    at += len;
                }
                None => {
                    let c = rest.chars().next().unwrap_or_default();
                    out.push(c);
                    at += c.len_utf8().max(1);
                }
            }
        }
        out
    }

    /// `text` with our placeholders replaced by what they stand for; see [`Self::restore_as`].
    pub fn restore(&self, text: &str) -> String {
        self.restore_as(text, |value| value.to_owned())
    }

    /// A model's JSON reply with its placeholders restored, each value escaped for a JSON
    /// string (`Jake "JJ" Thompson` would otherwise end the string it is put in).
    pub fn restore_json(&self, text: &str) -> String {
        self.restore_as(text, |value| {
            let quoted = serde_json::Value::from(value).to_string();
            quoted[1..quoted.len() - 1].to_owned()
        })
    }

    /// A known placeholder becomes its value (through `write`); one the user typed stays as
    /// the model wrote it; one nobody made (a model's invention, `[EMAIL_9]`) becomes plain
    /// words in brackets ("[e-mail address]"), as a report marks a fact to fill in.
    fn restore_as(&self, text: &str, write: impl Fn(&str) -> String) -> String {
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for (range, placeholder) in placeholders_in(text) {
            out.push_str(&text[copied..range.start]);
            match self.values.get(&placeholder) {
                Some(value) => out.push_str(&write(value)),
                None if self.typed.contains(&placeholder) => out.push_str(&text[range.clone()]),
                None => out.push_str(placeholder.kind.stand_in()),
            }
            copied = range.end;
        }
        out.push_str(&text[copied..]);
        out
    }
}

/// The length of the start of `spelling` (three characters at least) with which `rest`
/// begins when the [`CUT_MARK`] follows it.
fn cut_short(rest: &str, spelling: &str) -> Option<usize> {
    let (cut, _) = rest
        .char_indices()
        .take_while(|(at, _)| *at < spelling.len())
        .find(|(_, c)| *c == '\n')?;
    let begun = &rest[..cut];
    (rest[cut..].starts_with(CUT_MARK) && begun.chars().count() >= 3 && spelling.starts_with(begun))
        .then_some(cut)
}

/// Whether `text[start..end]` is a whole word (or run of words): no letter or digit glued to
/// either end.
fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let inner_first = text[start..end].chars().next();
    let inner_last = text[start..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |outside: Option<char>, inside: Option<char>| {
        outside.is_some_and(char::is_alphanumeric) && inside.is_some_and(char::is_alphanumeric)
    };
    !glued(before, inner_first) && !glued(after, inner_last)
}

/// Accents removed: "Siobhán" → "Siobhan", for names typed without them.
fn without_accents(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect()
}

/// What makes two spellings the same detail: the digits of a phone number, the lower-case
/// address of an e-mail or a link (without its scheme, `www.` and final `/`).
fn identity(kind: Kind, value: &str) -> String {
    match kind {
        Kind::Phone => value.chars().filter(char::is_ascii_digit).collect(),
        Kind::Email => value.to_lowercase(),
        Kind::Link => {
            let lower = value.to_lowercase();
            let bare = lower
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("www.");
            bare.trim_end_matches('/').to_owned()
        }
        _ => value.to_owned(),
    }
}

/// Names that are also months or words a sentence opens with: redacted as part of the whole
/// name, never alone ("May 2021 – present" keeps its month).
const COMMON_WORD_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Will",
    "Mark",
    "Grace",
    "Hope",
    "Faith",
    "Bill",
    "Rose",
    "Summer",
    "Joy",
    "Sunny",
    "Young",
    "King",
    "Long",
    "Little",
    "White",
    "Black",
    "Brown",
    "Green",
    "Best",
    "Rich",
];

struct Builder {
    typed: HashSet<Placeholder>,
    /// Each detail by kind and identity, with its placeholder.
    known: HashMap<(Kind, String), Placeholder>,
    redactor: Redactor,
}

impl Builder {
    /// The next free placeholder of `kind`: one the texts contain is skipped.
    fn next_placeholder(&self, kind: Kind) -> Placeholder {
        let mut number = 1;
        loop {
            let placeholder = Placeholder::new(kind, number);
            if !self.typed.contains(&placeholder)
                && !self.redactor.values.contains_key(&placeholder)
            {
                return placeholder;
            }
            number += 1;
        }
    }

    /// `value` as a detail of `kind`: a new placeholder for a new detail, another spelling of
    /// a known one.
    fn detail(&mut self, kind: Kind, value: &str) -> Placeholder {
        let key = (kind, identity(kind, value));
        let placeholder = match self.known.get(&key) {
            Some(placeholder) => *placeholder,
            None => {
                let placeholder = self.next_placeholder(kind);
                self.known.insert(key, placeholder);
                self.redactor.values.insert(placeholder, value.to_owned());
                placeholder
            }
        };
        self.spell(value, placeholder);
        if matches!(kind, Kind::Person) {
            self.spell(&without_accents(value), placeholder);
            self.spell(&value.nfd().collect::<String>(), placeholder);
        }
        placeholder
    }

    /// Replaces `text` by `placeholder` wherever it appears, as written and as a JSON string
    /// would escape it (a model's reply sent back for repair).
    fn spell(&mut self, text: &str, placeholder: Placeholder) {
        let rendered = placeholder.render();
        let quoted = serde_json::Value::from(text).to_string();
        let escaped = &quoted[1..quoted.len() - 1];
        for spelling in [text, escaped] {
            let known = self.redactor.spellings.iter().any(|s| s.text == spelling);
            if !spelling.trim().is_empty() && !known {
                self.redactor.spellings.push(Spelling {
                    text: spelling.to_owned(),
                    placeholder: rendered.clone(),
                });
            }
        }
    }

    /// The candidate's name, its first and last names, and their other names, each also
    /// in capitals, without accents and with accents as combining marks. A part alone must have two letters or more and
    /// not be a word of the job.
    fn candidate(&mut self, name: &CandidateName, job_words: &[&str]) {
        let forms = |text: &str| {
            [
                text.to_owned(),
                text.to_uppercase(),
                without_accents(text),
                text.nfd().collect(),
            ]
        };
        let full = self.detail(Kind::CandidateName, &name.full);
        for form in forms(&name.full) {
            self.spell(&form, full);
        }
        // The whole name in small letters is still the name; a part alone ("grace") is not.
        self.spell(&name.full.to_lowercase(), full);
        let alone = |part: &str| {
            part.chars().count() >= 2
                && !job_words.contains(&part)
                && !COMMON_WORD_NAMES.contains(&part)
        };
        if alone(&name.first) {
            let first = self.detail(Kind::CandidateFirstName, &name.first);
            for form in forms(&name.first) {
                self.spell(&form, first);
            }
        }
        let last_words: Vec<&str> = name
            .last
            .split_whitespace()
            .filter(|word| word.chars().count() >= 3)
            .collect();
        if last_words.iter().any(|word| alone(word)) {
            let last = self.detail(Kind::CandidateLastName, &name.last);
            for part in std::iter::once(name.last.as_str()).chain(last_words) {
                if alone(part) || part == name.last {
                    for form in forms(part) {
                        self.spell(&form, last);
                    }
                }
            }
        }
        for other in &name.others {
            if alone(other) {
                let placeholder = self.detail(Kind::CandidateOtherName, other);
                self.spell(&other.to_uppercase(), placeholder);
            }
        }
    }

    fn finish(mut self) -> Redactor {
        self.redactor.typed = self.typed;
        self.redactor
            .spellings
            .sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(&b.text)));
        self.redactor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CV: &str = "Jake \"JJ\" Thompson 🚀\nAccount Executive | SaaS Sales\nAustin, TX | (512) 555-0147 | jj.thompson@example.com | linkedin.com/in/jjthompson\n\nEXPERIENCE\nAccount Executive — Cactus Cloud Inc., Austin TX\nTOOLS\nSalesforce, HubSpot";
    const JOB: &str = "Account Executive at Northwind\nSalesforce and HubSpot.\nQuestions? Call Sandra Keller on +41 44 555 18 90 or email jobs@example-northwind.com.";

    fn sources() -> Sources<'static> {
        Sources {
            cv: CV,
            job_description: JOB,
            job_title: "Account Executive",
            company: "Northwind",
        }
    }

    fn redactor(exchanges: &[(&'static str, &'static str)]) -> Redactor {
        Redactor::new(sources(), exchanges.iter().copied())
    }

    #[test]
    fn contact_details_of_cv_and_job_become_numbered_placeholders() {
        let redactor = redactor(&[]);
        let redacted = redactor.redact(CV);
        assert!(redacted.starts_with(
            "[CANDIDATE_FIRST_NAME] \"[CANDIDATE_OTHER_NAME]\" [CANDIDATE_LAST_NAME] 🚀\nAccount Executive | SaaS Sales\nAustin, TX | [PHONE_1] | [EMAIL_1] | [LINK_1]"
        ), "{redacted}");
        assert!(redacted.contains("Cactus Cloud Inc., Austin TX"));
        assert!(redacted.contains("Salesforce, HubSpot"));
        let job = redactor.redact(JOB);
        assert_eq!(
            job,
            "Account Executive at Northwind\nSalesforce and HubSpot.\nQuestions? Call [PERSON_1] on [PHONE_2] or email [EMAIL_2]."
        );
        assert_eq!(redactor.restore(&redacted), CV);
        assert_eq!(redactor.restore(&job), JOB);
    }

    #[test]
    fn the_same_value_keeps_its_placeholder_in_every_request_and_answer() {
        let early = redactor(&[(
            "Tell me about yourself?",
            "I'm Jake, reach me at JJ.Thompson@example.com.",
        )]);
        let later = redactor(&[
            (
                "Tell me about yourself?",
                "I'm Jake, reach me at JJ.Thompson@example.com.",
            ),
            (
                "Why Northwind?",
                "My friend Dr Maya Ortiz works there; call her on 0117 496 0123.",
            ),
        ]);
        for redactor in [&early, &later] {
            assert_eq!(
                redactor.redact("I'm Jake, reach me at JJ.Thompson@example.com."),
                "I'm [CANDIDATE_FIRST_NAME], reach me at [EMAIL_1]."
            );
            assert_eq!(
                redactor.redact("Jake Thompson, jake thompson, JAKE THOMPSON"),
                "[CANDIDATE_NAME], [CANDIDATE_NAME], [CANDIDATE_NAME]"
            );
        }
        assert_eq!(
            later.redact("My friend Dr Maya Ortiz works there; call her on 0117 496 0123."),
            "My friend Dr [PERSON_2] works there; call her on [PHONE_3]."
        );
        // Only what the texts so far contain is known: a later answer's details get the
        // next numbers, the earlier ones keep theirs (above).
        let later_answer = "Dr Maya Ortiz on 0117 496 0123";
        assert_eq!(early.redact(later_answer), later_answer);
        assert_eq!(later.redact(later_answer), "Dr [PERSON_2] on [PHONE_3]");
    }

    #[test]
    fn names_are_whole_words_and_accents_may_be_left_out() {
        let redactor = Redactor::new(
            Sources {
                cv: "Siobhán Ní Bhriain RGN · +353 87 555 0192\nRegistered General Nurse",
                job_description: "Staff Nurse, ICU",
                job_title: "Staff Nurse",
                company: "St. Brigid's",
            },
            [(
                "Who are you?",
                "Siobhan here. Ms Bhriain to patients, SIOBHÁN NÍ BHRIAIN on forms. Nita and Jakes are friends.",
            )],
        );
        assert_eq!(
            redactor.redact("Siobhan here. Ms Bhriain to patients, SIOBHÁN NÍ BHRIAIN on forms. Nita and Jakes are friends."),
            "[CANDIDATE_FIRST_NAME] here. Ms [CANDIDATE_LAST_NAME] to patients, [CANDIDATE_NAME] on forms. Nita and Jakes are friends."
        );
        assert_eq!(
            redactor.restore("[CANDIDATE_FIRST_NAME], how did you handle it?"),
            "Siobhán, how did you handle it?"
        );
        assert_eq!(redactor.restore("[CANDIDATE_LAST_NAME]"), "Ní Bhriain");
        // The accent as a combining mark, as some keyboards type it.
        assert_eq!(redactor.redact("Siobha\u{301}n"), "[CANDIDATE_FIRST_NAME]");
    }

    #[test]
    fn a_part_of_the_name_that_is_a_skill_of_the_job_stays_when_alone() {
        let redactor = Redactor::new(
            Sources {
                cv: "Taylor Swift\niOS engineer: Swift, SwiftUI",
                job_description: "We need Swift and Kotlin.",
                job_title: "iOS Engineer",
                company: "Acme",
            },
            [],
        );
        assert_eq!(
            redactor.redact("Taylor Swift\niOS engineer: Swift, SwiftUI"),
            "[CANDIDATE_NAME]\niOS engineer: Swift, SwiftUI"
        );
    }

    #[test]
    fn placeholders_typed_by_the_candidate_are_never_restored_into_a_detail() {
        let typed = "Sure, write to [EMAIL_1] or [CANDIDATE_NAME], I mean it.";
        let redactor = redactor(&[("Anything else?", typed)]);
        // The real e-mail address gets a placeholder the candidate did not type.
        assert_eq!(redactor.redact("jj.thompson@example.com"), "[EMAIL_2]");
        assert_eq!(redactor.redact("Jake Thompson"), "[CANDIDATE_NAME_2]");
        assert_eq!(redactor.redact(typed), typed);
        // Echoed by the model, what was typed comes back as typed.
        assert_eq!(
            redactor.restore("You wrote [EMAIL_1] and [CANDIDATE_NAME]; [EMAIL_2] is yours, [CANDIDATE_NAME_2]."),
            "You wrote [EMAIL_1] and [CANDIDATE_NAME]; jj.thompson@example.com is yours, Jake Thompson."
        );
    }

    #[test]
    fn a_detail_a_prompt_cut_short_is_still_replaced() {
        let redactor = redactor(&[]);
        assert_eq!(
            redactor.redact("Reach me at jj.thomps\n[…cut]"),
            "Reach me at [EMAIL_1]\n[…cut]"
        );
        assert_eq!(
            redactor.redact("Ja\n[…cut]"),
            "Ja\n[…cut]",
            "too short to tell"
        );
    }

    /// Any cut of a CV with multi-byte letters next to every kind of detail builds, redacts
    /// and restores without a panic, and restoring gives the CV back.
    #[test]
    fn any_cv_is_redacted_and_restored_whole() {
        let cv = "Ünal Şahin (\"Üni\") — CV\nStraße 12é, 8005 Zürich · +90\u{a0}532 555 01 23 · ü.ş@é.com.tr · github.com/ünal\nReferences\nDr Ayşe Yılmaz, İTÜ; Prof. Émile Zola\n[EMAIL_1] [CANDIDATE_NAME";
        for (cut, _) in cv.char_indices() {
            for text in [&cv[..cut], &cv[cut..]] {
                let redactor = Redactor::new(
                    Sources {
                        cv: text,
                        job_description: text,
                        job_title: "",
                        company: "",
                    },
                    [(text, text)],
                );
                let redacted = redactor.redact(text);
                assert_eq!(redactor.restore(&redacted), text);
            }
        }
    }

    #[test]
    fn invented_and_mangled_placeholders_read_as_plain_words() {
        let redactor = redactor(&[]);
        assert_eq!(
            redactor.restore("Mail [Email 1] or [EMAIL_9], call [phone-1] or [PHONE_7]; see [LINK_4] and ask [PERSON_3]."),
            "Mail jj.thompson@example.com or [e-mail address], call (512) 555-0147 or [phone number]; see [link] and ask [name]."
        );
        // The report's own placeholders and other brackets are not ours.
        assert_eq!(
            redactor.restore("We grew by [number] % […cut] [EMAIL] [x]"),
            "We grew by [number] % […cut] [EMAIL] [x]"
        );
    }

    #[test]
    fn json_replies_get_escaped_values_and_repairs_are_redacted_again() {
        let redactor = Redactor::new(
            Sources {
                cv: "Jake \"JJ\" Thompson\nSales",
                job_description: "Sales",
                job_title: "Sales",
                company: "Acme",
            },
            [],
        );
        let reply = r#"{"summary": "Well done, [CANDIDATE_FIRST_NAME] \"[CANDIDATE_OTHER_NAME]\" [CANDIDATE_LAST_NAME]."}"#;
        let restored = redactor.restore_json(reply);
        let parsed: serde_json::Value = serde_json::from_str(&restored).unwrap();
        assert_eq!(parsed["summary"], "Well done, Jake \"JJ\" Thompson.");
        assert!(!redactor.redact(&restored).contains("Jake"));
        let quoted = redactor.restore_json(r#"{"summary": "[CANDIDATE_NAME]"}"#);
        assert_eq!(quoted, r#"{"summary": "Jake Thompson"}"#);
    }
}
