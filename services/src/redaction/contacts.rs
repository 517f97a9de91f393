//! Contact details found by their shape: e-mail addresses, phone numbers in national and
//! international formats, street addresses (a street with its number, a postcode with its
//! town), and links (any URL, a domain with a path, a bare domain in a contact line).
//!
//! Each is found with its byte range, so a caller can keep them in the order they appear.
//! Dates, money, years and version numbers must not look like phones, and skills such as
//! `Node.js` or `socket.io` must not look like links.

use std::ops::Range;

use crate::redaction::placeholders::Kind;

/// A contact detail in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    pub range: Range<usize>,
}

/// Every contact detail in `text`, in order, none overlapping another.
pub fn contact_details(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut in_line: Vec<Found> = Vec::new();
        in_line.extend(emails(line).map(|range| Found {
            kind: Kind::Email,
            range,
        }));
        in_line.extend(phones(line).map(|range| Found {
            kind: Kind::Phone,
            range,
        }));
        // A line that gives an e-mail address or a phone number is a contact line: any
        // domain in it is the candidate's.
        let contact_line = !in_line.is_empty();
        in_line.extend(links(line, contact_line).map(|range| Found {
            kind: Kind::Link,
            range,
        }));
        in_line.extend(addresses(line).map(|range| Found {
            kind: Kind::Address,
            range,
        }));
        in_line.sort_by_key(|found| (found.range.start, usize::MAX - found.range.end));
        let mut end = 0;
        for detail in in_line {
            if detail.range.start >= end {
                end = detail.range.end;
                found.push(Found {
                    kind: detail.kind,
                    range: line_start + detail.range.start..line_start + detail.range.end,
                });
            }
        }
        line_start += line.len();
    }
    found
}

fn is_email_local(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

/// `local@domain.tld`.
fn emails(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    line.match_indices('@').filter_map(move |(at, _)| {
        let start = line[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_email_local(*c))
            .last()
            .map(|(i, _)| i)?;
        let start = start + line[start..at].len() - line[start..at].trim_start_matches('.').len();
        let after = at + 1;
        let domain_len: usize = line[after..]
            .chars()
            .take_while(|c| is_domain_char(*c))
            .map(char::len_utf8)
            .sum();
        let domain = line[after..after + domain_len].trim_end_matches(['.', '-']);
        let tld = domain.rsplit('.').next()?;
        let valid = start < at
            && domain.contains('.')
            && tld.chars().count() >= 2
            && tld.chars().all(char::is_alphabetic);
        valid.then(|| start..after + domain.len())
    })
}

/// A phone number: `+` and 8 to 15 digits; `(512) 555-0147`; a national number from `0`
/// with 9 to 12 digits; `512-555-0147`; or any 7 to 15 digits after "Tel", "Phone" and the
/// like.
fn phones(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while from < line.len() {
            let rest = &line[from..];
            let offset = rest.find(|c: char| c.is_ascii_digit() || c == '+' || c == '(')?;
            let start = from + offset;
            let before = line[..start].chars().next_back();
            let end = number_run_end(line, start);
            from = end.max(start + 1);
            if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '-')) {
                continue;
            }
            let run = &line[start..end];
            if is_phone(run, labelled_as_phone(&line[..start])) {
                return Some(start..end);
            }
        }
        None
    })
}

/// Where a run of digits and single separators starting at `start` ends (after its last
/// digit, or its closing bracket).
fn number_run_end(line: &str, start: usize) -> usize {
    let mut end = start;
    let mut last_digit_end = start;
    let mut chars = line[start..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let at = start + offset;
        if c.is_ascii_digit() {
            last_digit_end = at + 1;
            end = at + 1;
        } else if (c == '+' && offset == 0) || c == '(' {
            end = at + 1;
        } else if c == ')' {
            end = at + 1;
            if line[start..at].contains('(') {
                last_digit_end = at + 1;
            }
        } else if matches!(c, ' ' | '-' | '.' | '/' | '\u{a0}') {
            // A separator belongs to the number only when a digit (or an opening bracket)
            // follows it.
            match chars.peek() {
                Some((_, next)) if next.is_ascii_digit() || *next == '(' => {
                    end = at + c.len_utf8();
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    last_digit_end.min(end).max(start)
}

/// Whether the word just before a number (past any `:`, `.` or spaces) says it is a phone's.
fn labelled_as_phone(before: &str) -> bool {
    let before = before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.'));
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    [
        "tel", "phone", "telefon", "mobile", "mobil", "handy", "mob", "cell", "fax",
    ]
    .contains(&word.as_str())
}

fn is_phone(run: &str, labelled: bool) -> bool {
    let digits = run.chars().filter(char::is_ascii_digit).count();
    let first = run.chars().next().unwrap_or(' ');
    let groups: Vec<&str> = run
        .split(|c: char| !c.is_ascii_digit())
        .filter(|group| !group.is_empty())
        .collect();
    if labelled && (7..=15).contains(&digits) {
        return true;
    }
    match first {
        '+' => (8..=15).contains(&digits),
        '(' => {
            (9..=12).contains(&digits)
                && groups
                    .first()
                    .is_some_and(|area| (2..=4).contains(&area.len()))
        }
        '0' => (9..=12).contains(&digits) && (groups.len() >= 2 || (10..=11).contains(&digits)),
        _ => {
            // 512-555-0147 or 512.555.0147: the North American shape, nothing looser.
            let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
            lengths == [3, 3, 4] && !run.contains(' ') && !run.contains('/')
        }
    }
}

/// Top-level domains a bare domain (no scheme, no path) may end in. Languages and file
/// types (`js`, `py`, `io`, `ai`) are left out: they name skills far more often.
const BARE_DOMAIN_ENDINGS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "dev", "app", "me", "info", "biz", "name", "page", "site",
    "online", "tech", "health", "studio", "design", "co", "uk", "de", "ch", "at", "fr", "nl", "be",
    "es", "it", "se", "no", "dk", "fi", "ie", "pl", "pt", "cz", "eu", "us", "ca", "au", "nz", "in",
    "jp", "cn", "ae", "sg", "hk", "za", "br", "mx",
];

/// Links: `http(s)://…` and `www.…` anywhere; a lowercase domain with a path
/// (`github.com/lmeier-dev`); a lowercase domain alone when it ends in a common top-level
/// domain, or when the line is a contact line; a handle (`@jj_sells`) in a contact line.
fn links(line: &str, contact_line: bool) -> impl Iterator<Item = Range<usize>> + '_ {
    tokens(line).filter_map(move |range| {
        let token = &line[range.clone()];
        let token_start = range.start;
        let lower = token.to_ascii_lowercase();
        // A handle (`@jj_sells`) in a contact line is a profile too; any other `@` is an
        // e-mail address's.
        if let Some(handle) = token.strip_prefix('@') {
            let is_handle = handle.len() >= 2
                && handle
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
            return (contact_line && is_handle).then_some(range);
        }
        if token.contains('@') {
            return None;
        }
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Some(range);
        }
        let (host, path) = match token.split_once('/') {
            Some((host, path)) => (host, Some(path)),
            None => (token, None),
        };
        if !is_domain(host) {
            return None;
        }
        let ending = host.rsplit('.').next().unwrap_or_default();
        let is_link = lower.starts_with("www.")
            || contact_line
            || path.is_some_and(|path| !path.is_empty())
            || BARE_DOMAIN_ENDINGS.contains(&ending);
        is_link.then(|| token_start..token_start + token.len())
    })
}

/// A lowercase `label.label…` whose last label is two letters or more.
fn is_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase()))
}

/// Whitespace-separated words with surrounding punctuation trimmed, as byte ranges.
fn tokens(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = 0;
    line.split_inclusive(|c: char| c.is_whitespace() || c == '|' || c == '·')
        .filter_map(move |raw| {
            let start = offset;
            offset += raw.len();
            let is_edge = |c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '|' | '·'
                            | '('
                            | ')'
                            | '<'
                            | '>'
                            | '"'
                            | '\''
                            | ','
                            | ';'
                            | ':'
                            | '.'
                            | '!'
                            | '?'
                    )
            };
            let trimmed_start = raw.len() - raw.trim_start_matches(is_edge).len();
            let trimmed = raw.trim_matches(is_edge);
            (!trimmed.is_empty())
                .then(|| start + trimmed_start..start + trimmed_start + trimmed.len())
        })
}

/// Words that name a street after its name ("Baker Street", "Mill Lane").
const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "drive",
    "boulevard",
    "blvd",
    "way",
    "close",
    "court",
    "ct",
    "place",
    "pl",
    "terrace",
    "crescent",
    "square",
    "sq",
    "row",
    "gardens",
    "grove",
    "parkway",
    "highway",
    "hwy",
    "mews",
    "walk",
    "straße",
    "strasse",
    "gasse",
    "weg",
    "allee",
    "platz",
    "ring",
    "damm",
    "ufer",
    "chaussee",
];

/// Endings of street names written as one word ("Hardturmstrasse", "Leopoldstraße").
const STREET_ENDINGS: &[&str] = &[
    "straße", "strasse", "str.", "gasse", "weg", "allee", "platz", "damm", "ufer", "vej", "gatan",
    "vägen", "straat", "laan", "gracht",
];

/// Words that open a street name ("12 rue de la Paix", "Via Roma 5").
const STREET_OPENERS: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "chemin",
    "via",
    "calle",
    "piazza",
];

/// US states, for `TX 78701`.
const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC",
];

/// How surely a part of a line (between commas) is part of a street address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Signal {
    None,
    /// Could be: a house number before a name ("14 Ardán na Mara"), a street word without a
    /// number ("Mill Lane").
    Weak,
    /// Is: a street with its number, a postcode with its town.
    Strong,
}

/// Street addresses: in each segment of the line (between `|`, `·`, `•`, tabs and `;`), the
/// parts between commas from the first that looks like an address to the last, when one of
/// them surely is ("Hardturmstrasse 161, 8005 Zürich" of "…, Switzerland").
fn addresses(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut segments = Vec::new();
    let mut start = 0;
    for (at, c) in line.char_indices() {
        if matches!(c, '|' | '·' | '•' | '\t' | ';' | '\n') {
            segments.push(start..at);
            start = at + c.len_utf8();
        }
    }
    segments.push(start..line.len());
    segments.into_iter().filter_map(move |segment| {
        let text = &line[segment.clone()];
        let mut parts: Vec<(Range<usize>, Signal, usize)> = Vec::new();
        let mut part_start = 0;
        for piece in text.split_inclusive(',') {
            let body = piece.trim_end_matches(',');
            let (signal, from) = address_signal(body);
            parts.push((part_start..part_start + body.len(), signal, from));
            part_start += piece.len();
        }
        let strong = parts.iter().filter(|p| p.1 == Signal::Strong).count();
        if strong == 0 {
            return None;
        }
        let first = parts.iter().position(|p| p.1 != Signal::None)?;
        let last = parts.iter().rposition(|p| p.1 != Signal::None)?;
        let begin = parts[first].0.start + parts[first].2;
        let end = parts[last].0.end;
        let found = &text[begin..end];
        let trimmed_end = found.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
        let lead = found.len() - found.trim_start().len();
        (trimmed_end.len() > lead)
            .then(|| segment.start + begin + lead..segment.start + begin + trimmed_end.len())
    })
}

/// The signal of one part and where its address starts (after a label such as "Adresse:").
fn address_signal(part: &str) -> (Signal, usize) {
    let (label_end, body) = match part.find(':') {
        Some(colon)
            if part[..colon].split_whitespace().count() <= 2
                && !part[..colon].contains(|c: char| c.is_ascii_digit()) =>
        {
            (colon + 1, &part[colon + 1..])
        }
        _ => (0, part),
    };
    let label = part[..label_end].to_lowercase();
    let labelled = ["address", "adresse", "anschrift", "home"]
        .iter()
        .any(|name| label.contains(name));
    let words: Vec<(usize, &str)> = word_spans(body);
    let lead = body.len() - body.trim_start().len();
    let offset = label_end + lead;
    if labelled && !words.is_empty() {
        return (Signal::Strong, offset);
    }
    let is_number =
        |word: &str| word.chars().next().is_some_and(|c| c.is_ascii_digit()) && word.len() <= 6;
    let is_house_number = |word: &str| {
        let digits = word.chars().take_while(char::is_ascii_digit).count();
        (1..=4).contains(&digits)
            && word[digits..]
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-')
            && word.len() - digits <= 1
    };
    let capitalised = |word: &str| word.chars().next().is_some_and(char::is_uppercase);
    let lower = |word: &str| word.trim_end_matches([',', '.']).to_lowercase();
    // A street with its number, either way round.
    for (index, (at, word)) in words.iter().enumerate() {
        let lowered = lower(word);
        // "Engineering 2020" is not a street: a house number after the name is never a year.
        let next_is_number = words.get(index + 1).is_some_and(|(_, next)| {
            is_house_number(next) && !(1900..=2099).contains(&next.parse().unwrap_or(0))
        });
        let is_street_name = STREET_ENDINGS
            .iter()
            .any(|ending| lowered.ends_with(ending) && lowered.len() > ending.len() + 2)
            || (STREET_WORDS.contains(&lowered.as_str()) && capitalised(word));
        if is_street_name && next_is_number {
            // "Rosenheimer Straße 145": the street's name starts a word earlier.
            let start = if STREET_WORDS.contains(&lowered.as_str()) && index > 0 {
                words[index - 1].0
            } else {
                *at
            };
            return (Signal::Strong, label_end + start);
        }
        if STREET_OPENERS.contains(&lowered.as_str())
            && words.iter().any(|(_, other)| is_house_number(other))
        {
            let start = words
                .iter()
                .take(index)
                .rev()
                .find(|(_, other)| is_house_number(other))
                .map_or(*at, |(number_at, _)| *number_at);
            return (Signal::Strong, label_end + start);
        }
    }
    // A number, then a name, then a street word: "221B Baker Street", "1200 Congress Ave".
    if let Some(index) = words.iter().position(|(_, word)| is_house_number(word)) {
        let rest = &words[index + 1..];
        let named = rest
            .first()
            .is_some_and(|(_, word)| capitalised(word) && !is_number(word));
        let street_word_after = rest
            .iter()
            .skip(1)
            .take(4)
            .any(|(_, word)| STREET_WORDS.contains(&lower(word).as_str()) && capitalised(word));
        if named && street_word_after {
            return (Signal::Strong, label_end + words[index].0);
        }
    }
    if let Some((at, postcode_strength)) = postcode(&words) {
        return (postcode_strength, label_end + at);
    }
    // Weaker: "14 Ardán na Mara" (a house number first, then a name) or "Mill Lane".
    if let [(at, first), (_, second), ..] = words.as_slice() {
        if is_house_number(first) && capitalised(second) {
            return (Signal::Weak, label_end + at);
        }
    }
    let short = words.len() <= 4;
    if short
        && words.len() >= 2
        && words.last().is_some_and(|(_, word)| {
            STREET_WORDS.contains(&lower(word).as_str()) && capitalised(word)
        })
        && words.iter().all(|(_, word)| capitalised(word))
    {
        return (Signal::Weak, offset);
    }
    (Signal::None, offset)
}

/// A postcode with its town: `BS5 0XX`, `H91 X2Y4` (UK, Ireland: anywhere in the part),
/// `TX 78701`, or a part that opens with four or five digits and a town (`8005 Zürich`,
/// `80804 München`). A four-digit number that could be a year is weak.
fn postcode(words: &[(usize, &str)]) -> Option<(usize, Signal)> {
    for pair in words.windows(2) {
        let ((at, outward), (_, inward)) = (pair[0], pair[1]);
        let inward = inward.trim_end_matches([',', '.']);
        if is_uk_outward(outward) && is_uk_inward(inward) {
            return Some((at, Signal::Strong));
        }
        if is_eircode_routing(outward) && is_eircode_unique(inward) {
            return Some((at, Signal::Strong));
        }
        let zip = inward
            .get(..5)
            .filter(|zip| zip.chars().all(|c| c.is_ascii_digit()));
        if US_STATES.contains(&outward)
            && zip.is_some()
            && (inward.len() == 5 || inward.get(5..).is_some_and(|plus| plus.starts_with('-')))
        {
            return Some((at, Signal::Strong));
        }
    }
    if let [(at, code), (_, town), rest @ ..] = words {
        let digits = code.chars().all(|c| c.is_ascii_digit());
        let town_like = town.chars().next().is_some_and(char::is_uppercase)
            && town.chars().skip(1).any(char::is_lowercase);
        // A town ends its part: "80804 München", "60311 Frankfurt am Main", not "12000
        // Kunden betreut".
        let town_goes_on = rest.len() <= 2
            && rest.iter().all(|(_, word)| {
                word.chars().next().is_some_and(char::is_uppercase)
                    || ["am", "an", "der", "im", "sur", "upon", "on"].contains(word)
            });
        if digits && town_like && (code.len() == 5 || code.len() == 4) && town_goes_on {
            let year_like = code.len() == 4 && (1900..=2099).contains(&code.parse().unwrap_or(0));
            let signal = if year_like {
                Signal::Weak
            } else {
                Signal::Strong
            };
            return Some((*at, signal));
        }
    }
    None
}

fn is_uk_outward(word: &str) -> bool {
    let letters = word.chars().take_while(char::is_ascii_uppercase).count();
    let rest = &word[letters..];
    (1..=2).contains(&letters)
        && rest.chars().next().is_some_and(|c| c.is_ascii_digit())
        && (1..=2).contains(&rest.len())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

fn is_uk_inward(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() == 3
        && chars[0].is_ascii_digit()
        && chars[1].is_ascii_uppercase()
        && chars[2].is_ascii_uppercase()
}

fn is_eircode_routing(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() == 3
        && chars[0].is_ascii_uppercase()
        && chars[1].is_ascii_digit()
        && (chars[2].is_ascii_digit() || chars[2] == 'W')
}

fn is_eircode_unique(word: &str) -> bool {
    word.len() == 4
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_uppercase())
}

/// The words of `text` with their byte offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(from)) => {
                spans.push((from, &text[from..at]));
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(from) = start {
        spans.push((from, &text[from..]));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Kind, &str)> {
        contact_details(text)
            .into_iter()
            .map(|found| (found.kind, &text[found.range]))
            .collect()
    }

    #[test]
    fn a_contact_line_gives_its_address_phone_email_and_link() {
        let line = "Hardturmstrasse 161, 8005 Zürich, Switzerland | +41 79 555 01 23 | lukas.meier@example.ch | github.com/lmeier-dev";
        assert_eq!(
            found(line),
            [
                (Kind::Address, "Hardturmstrasse 161, 8005 Zürich"),
                (Kind::Phone, "+41 79 555 01 23"),
                (Kind::Email, "lukas.meier@example.ch"),
                (Kind::Link, "github.com/lmeier-dev"),
            ]
        );
        assert_eq!(
            found("Austin, TX | (512) 555-0147 | jj.thompson@example.com | linkedin.com/in/jjthompson"),
            [
                (Kind::Phone, "(512) 555-0147"),
                (Kind::Email, "jj.thompson@example.com"),
                (Kind::Link, "linkedin.com/in/jjthompson"),
            ]
        );
    }

    #[test]
    fn phone_numbers_in_the_corpus_formats_are_found() {
        for phone in [
            "+44 7700 900 418",
            "+353 87 555 0192",
            "+49 151 5550 2741",
            "+45 20 55 51 83",
            "07700 900 266",
            "0117 496 0123",
            "+353 1 555 0142",
            "512-555-0147",
            "+1 (512) 555-0147",
        ] {
            let text = format!("Call me on {phone}, thanks.");
            assert_eq!(found(&text), [(Kind::Phone, phone)], "{phone}");
        }
        assert_eq!(
            found("Telefon:   +49 170 5550 318"),
            [(Kind::Phone, "+49 170 5550 318")]
        );
        assert_eq!(found("Tel. 5550 3180"), [(Kind::Phone, "5550 3180")]);
    }

    #[test]
    fn dates_money_years_and_codes_are_not_phones() {
        for text in [
            "Senior Backend Engineer — Helvetic Clearing AG, Zürich\t04/2020 – present",
            "Salary range CHF 135,000 – 165,000 plus bonus",
            "14,000 SKUs across 310 stores; fresh-food waste fell by 11 % (£4.1m saving).",
            "Registered in England and Wales No. 09876543",
            "NMBI PIN 123456",
            "quoting reference BE-2024-17 and SBUH-ICU-2024-031",
            "Q3 2020 \"SDR of the Quarter\", 2019 – 2021, FY2023",
            "Version 1.2.3.4 on 2024-03-15, ISO 27001",
            "p99 latency dropped from 480 ms to 35 ms",
            "Mobile app grew to 1234567 users",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn links_are_urls_and_domains_but_not_skills() {
        assert_eq!(
            found("See https://jake.example.com/portfolio?x=1 or www.example.org."),
            [
                (Kind::Link, "https://jake.example.com/portfolio?x=1"),
                (Kind::Link, "www.example.org"),
            ]
        );
        assert_eq!(
            found("Apply via jobs.example-lumora.de/growth-pm with your CV."),
            [(Kind::Link, "jobs.example-lumora.de/growth-pm")]
        );
        assert_eq!(
            found("Edinburgh | +44 7700 900 731 | orcid.org/0000-0002-1825-0097"),
            [
                (Kind::Phone, "+44 7700 900 731"),
                (Kind::Link, "orcid.org/0000-0002-1825-0097"),
            ]
        );
        assert_eq!(
            found("+1 512 555 0147 · Twitter: @jj_sells · jj@example.com"),
            [
                (Kind::Phone, "+1 512 555 0147"),
                (Kind::Link, "@jj_sells"),
                (Kind::Email, "jj@example.com"),
            ]
        );
        assert_eq!(found("We met @ the conference, @home."), []);
        for skills in [
            "Node.js, Vue.js, socket.io, ASP.NET, scikit-learn and e.g. B.Sc. work",
            "I used node.js and next.js daily.",
        ] {
            assert_eq!(found(skills), [], "{skills}");
        }
    }

    #[test]
    fn street_addresses_end_at_the_town_and_keep_the_company() {
        let cases = [
            (
                "14 Ardán na Mara, Salthill, Galway H91 X2Y4, Ireland | NMBI PIN 123456",
                "14 Ardán na Mara, Salthill, Galway H91 X2Y4",
            ),
            (
                "Adresse:   Leopoldstraße 212, 80804 München",
                "Leopoldstraße 212, 80804 München",
            ),
            (
                "Lumora GmbH · Torstraße 109, 10119 Berlin",
                "Torstraße 109, 10119 Berlin",
            ),
            (
                "Oakridge Primary Academy, Mill Lane, Bristol BS5 0XX",
                "Mill Lane, Bristol BS5 0XX",
            ),
            ("I lived at 221B Baker Street, London.", "221B Baker Street"),
            (
                "Office: 1200 Congress Ave, Austin, TX 78701",
                "1200 Congress Ave, Austin, TX 78701",
            ),
        ];
        for (line, address) in cases {
            let addresses: Vec<&str> = found(line)
                .into_iter()
                .filter(|(kind, _)| *kind == Kind::Address)
                .map(|(_, text)| text)
                .collect();
            assert_eq!(addresses, [address], "{line}");
        }
        let both = found("Alpenblick Medizintechnik GmbH · Rosenheimer Straße 145 · 81671 München");
        assert_eq!(
            both,
            [
                (Kind::Address, "Rosenheimer Straße 145"),
                (Kind::Address, "81671 München"),
            ]
        );
    }

    /// Every cut of text mixing digits, separators and letters of several bytes is read
    /// without a panic (all slicing is on character boundaries).
    #[test]
    fn any_text_is_read_without_a_panic() {
        let tricky = "TX 1234é | +44\u{a0}7700\u{a0}900 418é | Straße 12é, 8005 Zürich | (0)é 555-0147ü | ü@é.de | H91 X2Yé | BS5 0Xé | 張 12 Ünter Straße | www.é.com/ü";
        for (cut, _) in tricky.char_indices() {
            for text in [&tricky[..cut], &tricky[cut..]] {
                for found in contact_details(text) {
                    assert!(text.get(found.range.clone()).is_some(), "{text:?}");
                }
            }
        }
        assert_eq!(
            found("Mobil: +44\u{a0}7700\u{a0}900\u{a0}418"),
            [(Kind::Phone, "+44\u{a0}7700\u{a0}900\u{a0}418")]
        );
    }

    #[test]
    fn experience_lines_and_years_are_not_addresses() {
        for text in [
            "Class Teacher, Years 3–5 — Aarhus International Primary\t2022 – present",
            "BBA Marketing, Texas State University, 2019 — Sales Leadership Club VP",
            "A-levels — Altrincham Grammar School for Girls\t2019 – 2021",
            "Led 3 Product Squads, 2021 Berlin offsite",
            "MEng Software Engineering 2016, Spring 2021",
            "Betreuung von Bestandskunden, 12000 Kunden betreut",
            "Office 5 minutes from Zürich Hardbrücke station.",
            "Austin, TX",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }
}
