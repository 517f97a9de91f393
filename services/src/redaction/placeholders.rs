//! What a placeholder looks like: `[CANDIDATE_NAME]`, `[EMAIL_2]`. Read leniently, since a
//! model may change its case or separators (`[Email 2]`, `[candidate-name]`), and found in
//! text by a scan for short bracketed tokens, which the restore and the stream share.

use std::ops::Range;

/// What a placeholder stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The candidate's whole name, as the CV's head spells it.
    CandidateName,
    CandidateFirstName,
    /// Everything after the first name ("Ní Bhriain").
    CandidateLastName,
    /// A nickname in quotes or the name in another script: `Jake "JJ" Thompson`,
    /// `Emily Zhang (张艾米莉)`.
    CandidateOtherName,
    /// Someone else: a referee, a recruiter, a supervisor.
    Person,
    Email,
    Phone,
    /// A street address with its postcode and town.
    Address,
    /// A profile or personal site.
    Link,
}

impl Kind {
    const ALL: [Kind; 9] = [
        Kind::CandidateName,
        Kind::CandidateFirstName,
        Kind::CandidateLastName,
        Kind::CandidateOtherName,
        Kind::Person,
        Kind::Email,
        Kind::Phone,
        Kind::Address,
        Kind::Link,
    ];

    fn label(self) -> &'static str {
        match self {
            Kind::CandidateName => "CANDIDATE_NAME",
            Kind::CandidateFirstName => "CANDIDATE_FIRST_NAME",
            Kind::CandidateLastName => "CANDIDATE_LAST_NAME",
            Kind::CandidateOtherName => "CANDIDATE_OTHER_NAME",
            Kind::Person => "PERSON",
            Kind::Email => "EMAIL",
            Kind::Phone => "PHONE",
            Kind::Address => "ADDRESS",
            Kind::Link => "LINK",
        }
    }

    /// The candidate has one of each, so the first goes without a number.
    fn is_the_candidates(self) -> bool {
        matches!(
            self,
            Kind::CandidateName
                | Kind::CandidateFirstName
                | Kind::CandidateLastName
                | Kind::CandidateOtherName
        )
    }

    /// What the user sees for a placeholder nobody made (a model's invention): plain words
    /// in the brackets the report already uses for a fact the candidate fills in ("[number]").
    pub fn stand_in(self) -> &'static str {
        match self {
            Kind::CandidateName
            | Kind::CandidateFirstName
            | Kind::CandidateLastName
            | Kind::CandidateOtherName
            | Kind::Person => "[name]",
            Kind::Email => "[e-mail address]",
            Kind::Phone => "[phone number]",
            Kind::Address => "[address]",
            Kind::Link => "[link]",
        }
    }
}

/// One placeholder: its kind and its number within the kind (from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Placeholder {
    pub kind: Kind,
    pub number: u32,
}

/// The longest text between the brackets of a placeholder, mangled ones included.
pub const MAX_INNER_CHARS: usize = 32;

impl Placeholder {
    pub fn new(kind: Kind, number: u32) -> Self {
        Self { kind, number }
    }

    /// `[EMAIL_2]`; the candidate's first of a kind is `[CANDIDATE_NAME]`.
    pub fn render(self) -> String {
        if self.kind.is_the_candidates() && self.number == 1 {
            format!("[{}]", self.kind.label())
        } else {
            format!("[{}_{}]", self.kind.label(), self.number)
        }
    }

    /// The placeholder between a pair of brackets, whatever the case and separators:
    /// `EMAIL_2`, `Email 2`, `email-2`, `CANDIDATE_NAME`. `None` for anything else, including
    /// `[EMAIL]` without its number and the report's own `[number]`.
    pub fn parse(inner: &str) -> Option<Self> {
        if inner.chars().count() > MAX_INNER_CHARS || !inner.chars().all(is_token_char) {
            return None;
        }
        let mut normal = String::with_capacity(inner.len());
        for word in inner.split([' ', '_', '-']).filter(|word| !word.is_empty()) {
            if !normal.is_empty() {
                normal.push('_');
            }
            normal.push_str(&word.to_ascii_uppercase());
        }
        let label = normal.trim_end_matches(|c: char| c.is_ascii_digit());
        let digits = &normal[label.len()..];
        let label = label.trim_end_matches('_');
        let kind = Kind::ALL.into_iter().find(|kind| kind.label() == label)?;
        let number = match digits {
            "" if kind.is_the_candidates() => 1,
            "" => return None,
            digits => digits.parse().ok().filter(|n| *n > 0)?,
        };
        Some(Self { kind, number })
    }
}

/// A character that may stand between the brackets of a placeholder.
pub fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-')
}

/// Every placeholder in `text`, with the byte range of its brackets.
pub fn placeholders_in(text: &str) -> impl Iterator<Item = (Range<usize>, Placeholder)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(offset) = text[from..].find('[') {
            let open = from + offset;
            let inner_start = open + 1;
            let inner_end = text[inner_start..]
                .char_indices()
                .take(MAX_INNER_CHARS + 1)
                .find(|(_, c)| !is_token_char(*c))
                .filter(|(_, c)| *c == ']')
                .map(|(at, _)| inner_start + at);
            from = inner_start;
            if let Some(close) = inner_end {
                if let Some(placeholder) = Placeholder::parse(&text[inner_start..close]) {
                    from = close + 1;
                    return Some((open..close + 1, placeholder));
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_render_and_read_back_however_a_model_spells_them() {
        let email = Placeholder::new(Kind::Email, 2);
        assert_eq!(email.render(), "[EMAIL_2]");
        let name = Placeholder::new(Kind::CandidateName, 1);
        assert_eq!(name.render(), "[CANDIDATE_NAME]");
        assert_eq!(
            Placeholder::new(Kind::CandidateName, 2).render(),
            "[CANDIDATE_NAME_2]"
        );
        for spelling in ["EMAIL_2", "Email 2", "email-2", " EMAIL2 ", "EMAIL__2"] {
            assert_eq!(Placeholder::parse(spelling), Some(email), "{spelling}");
        }
        for spelling in ["CANDIDATE_NAME", "Candidate Name", "candidate_name_1"] {
            assert_eq!(Placeholder::parse(spelling), Some(name), "{spelling}");
        }
        for not_ours in ["EMAIL", "number", "name", "EMAIL_0", "PHONE_x", "…cut"] {
            assert_eq!(Placeholder::parse(not_ours), None, "{not_ours}");
        }
    }

    #[test]
    fn the_scan_finds_placeholders_and_skips_other_brackets() {
        let text = "[number] then [EMAIL_1], [[PHONE_2]] and [LINK_1 unclosed [Candidate Name]";
        let found: Vec<(&str, Placeholder)> = placeholders_in(text)
            .map(|(range, placeholder)| (&text[range], placeholder))
            .collect();
        assert_eq!(
            found,
            [
                ("[EMAIL_1]", Placeholder::new(Kind::Email, 1)),
                ("[PHONE_2]", Placeholder::new(Kind::Phone, 2)),
                ("[Candidate Name]", Placeholder::new(Kind::CandidateName, 1)),
            ]
        );
    }
}
