//! STAR components (situation, task, action, result), each recognised by a cue: a phrase that
//! sets the scene ("when I was", "at Acme", "back in 2021"), states a goal ("my task was", "we
//! had to"), reports the candidate doing something ("I led", "we then migrated") or reports
//! what came of it ("as a result", "reduced latency"). The earliest cue of each kind is kept,
//! as written, so the user sees why a component counts as present.

use domain::StarCues;

use crate::lexicon::{Grammar, Lexicon, Who};
use crate::specificity::{is_outcome_verb_at, outcome_start};
use text::tokens::Tokens;

pub(crate) const SITUATION_CUES: &[&str] = &[
    "when i was",
    "when i worked",
    "when i joined",
    "when i started",
    "while i was",
    "while i worked",
    "while working",
    "at my previous",
    "at my last",
    "at my current",
    "in my previous",
    "in my last",
    "in my current",
    "in my first",
    "in my role",
    "in my time",
    "during my",
    "back in",
    "last year",
    "last quarter",
    "a few years ago",
    "years ago",
    "months ago",
    "a while ago",
    "at the time",
    "at that time",
    "the situation",
    "the context",
    "the background",
    "the problem was",
    "the challenge was",
    "the issue was",
    "we were facing",
    "we faced",
    "i faced",
    "we noticed",
    "i noticed",
    "there was",
    "there were",
    "our team was",
    "the team was",
    "the company was",
    "the project was",
    "the client was",
    "one time",
    "recently", // A moment or a place that opens a story ("One night shift", "When I took over").
    "when i took",
    "when i moved",
    "when i arrived",
    "when i became",
    "when we",
    "one night",
    "one day",
    "one morning",
    "one evening",
    "one week",
    "one shift",
    "one quarter",
    "one example",
    "a concrete example",
    "one concrete",
    "for example",
    "in my class",
    "in my team",
    "in my unit",
    "on my unit",
    "the moment",
    "one moment",
    "soon after",
    "shortly after",
];

pub(crate) const TASK_CUES: &[&str] = &[
    "my task",
    "my role was",
    "my job was",
    "my goal",
    "my responsibility",
    "my objective",
    "my brief",
    "i was responsible",
    "i was asked",
    "i was tasked",
    "i was in charge",
    "i was hired to",
    "i was brought in",
    "i was expected",
    "i had to",
    "i needed to",
    "i set out to",
    "we needed to",
    "we had to",
    "the goal was",
    "our goal",
    "the aim was",
    "our aim",
    "the objective",
    "the task was",
    "the target was",
    "our target",
    "the mandate",
    "the deadline",
    "responsible for",
    "in charge of",
    "was supposed to",
    "needed to",
    "had to", // Taking a task on oneself.
    "i volunteered to",
    "i took on",
    "i took over",
    "i was given",
    "i set myself",
    "i aimed",
    "the plan was",
];

pub(crate) const RESULT_CUES: &[&str] = &[
    "as a result",
    "the result",
    "the results",
    "resulted in",
    "the outcome",
    "in the end",
    "by the end",
    "at the end",
    "ultimately",
    "eventually",
    "which led to",
    "this led to",
    "that led to",
    "this meant",
    "which meant",
    "that meant",
    "the impact",
    "the feedback",
    "feedback was",
    "i learned",
    "i learnt",
    "we learned",
    "we learnt",
    "the lesson",
    "since then",
    "afterwards",
    "i was promoted",
    "it worked",
    "successfully", // What followed, told by when or by comparison ("two days later", "was adopted by two other wards").
    "days later",
    "weeks later",
    "months later",
    "years later",
    "was adopted",
    "were adopted",
    "higher than",
    "lower than",
    "continued for",
    "went from",
    "no longer",
    "after launch",
    "after the launch",
    "after go-live",
];

/// Past tenses of doing verbs that do not end in "-ed".
const IRREGULAR_ACTIONS: &[&str] = &[
    "led",
    "built",
    "rebuilt",
    "ran",
    "wrote",
    "rewrote",
    "made",
    "set",
    "took",
    "drove",
    "chose",
    "began",
    "brought",
    "gave",
    "held",
    "met",
    "spoke",
    "sent",
    "found",
    "put",
    "kept",
    "taught",
    "sold",
    "won",
    "cut",
    "did",
    "caught",
    "split",
    "shut",
    "oversaw",
    "undertook",
    "sought",
    "told",
    "paid",
    "spent",
    "fought",
    "wound",
    "drew",
    "froze",
];

/// "-ed" words after "I" that report a state, a wish or the setting rather than an action.
pub(crate) const NOT_ACTIONS: &[&str] = &[
    "needed",
    "wanted",
    "liked",
    "loved",
    "hoped",
    "wished",
    "believed",
    "guessed",
    "supposed",
    "assumed",
    "seemed",
    "expected",
    "enjoyed",
    "preferred",
    "worried",
    "wondered",
    "feared",
    "tried",
    "faced",
    "joined",
    "learned",
    "noticed",
    "realised",
    "realized",
    "felt",
    "agreed",
    "waited",
];

/// Words allowed between the pronoun and the verb ("I then decided", "we quickly rolled back").
pub(crate) const ADVERBS: &[&str] = &[
    "then",
    "also",
    "personally",
    "quickly",
    "first",
    "immediately",
    "eventually",
    "finally",
    "just",
    "directly",
    "initially",
    "later",
    "always",
    "proactively",
    "carefully",
    "myself",
    "ourselves",
    "together",
    "actually",
];

/// A past-tense doing verb ("need" and "indeed" end in "-ed" too).
pub fn is_action_verb(word: &str) -> bool {
    IRREGULAR_ACTIONS.contains(&word)
        || (word.len() >= 4
            && word.ends_with("ed")
            && !word.ends_with("eed")
            && word.chars().all(|c| c.is_alphabetic() || c == '-')
            && !NOT_ACTIONS.contains(&word))
}

/// "I led", "I then decided", "I've built": a pronoun of `pronouns`, up to two adverbs and a
/// past-tense doing verb, in one clause. Returns the pronoun's and the verb's token indices.
pub(crate) fn actions(tokens: &Tokens, pronouns: &[&str]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (at, token) in tokens.tokens.iter().enumerate() {
        if !pronouns.contains(&token.lower.as_str()) {
            continue;
        }
        let mut verb = at + 1;
        while verb - at <= 2
            && ADVERBS.contains(&tokens.lower(verb))
            && !tokens.tokens[verb - 1].break_after
        {
            verb += 1;
        }
        let same_clause = verb < tokens.len() && !tokens.tokens[verb - 1].break_after;
        if same_clause && is_action_verb(tokens.lower(verb)) {
            found.push((at, verb));
        }
    }
    found
}

/// The STAR cues of an answer. `employers` are the CV's employers: naming one sets the scene.
pub(super) fn star(tokens: &Tokens, employers: &[String], lexicon: &Lexicon) -> StarCues {
    let first_phrase = |cues: &[&'static str]| {
        tokens
            .find_phrases(cues)
            .first()
            .map(|found| (found.start, found.end))
    };
    let situation = [
        first_phrase(lexicon.situation_cues),
        named_place(tokens),
        year_mentioned(tokens, lexicon),
        employer_named(tokens, employers),
    ];
    let action = lexicon.actions(tokens, Who::Either).first().copied();
    // A result follows the action: in "sats dropped to 84%, so I escalated", the drop is the
    // situation. Without any action, an outcome alone still reports a result.
    let outcome_verb = (action.map_or(0, |(_, verb)| verb)..tokens.len())
        .find(|&at| is_outcome_verb_at(tokens, at, lexicon))
        .map(|at| (outcome_start(tokens, at, lexicon), at));
    let cue = |candidates: &[Option<(usize, usize)>]| {
        candidates
            .iter()
            .flatten()
            .min()
            .map(|&(start, end)| tokens.span(start, end).to_owned())
    };
    StarCues {
        situation: cue(&situation),
        task: cue(&[first_phrase(lexicon.task_cues)]),
        action: cue(&[action]),
        result: cue(&[first_phrase(lexicon.result_cues), outcome_verb]),
    }
}

/// "at Helvetic Clearing": "at" and the capitalised words after it.
fn named_place(tokens: &Tokens) -> Option<(usize, usize)> {
    (0..tokens.len()).find_map(|at| {
        let is_capitalised = |index: usize| {
            tokens
                .original(index)
                .starts_with(|c: char| c.is_uppercase())
                && tokens.lower(index) != "i"
        };
        if tokens.lower(at) != "at"
            || tokens.next_in_clause(at).is_none()
            || !is_capitalised(at + 1)
        {
            return None;
        }
        let mut end = at + 1;
        while tokens.next_in_clause(end).is_some() && is_capitalised(end + 1) {
            end += 1;
        }
        Some((at, end))
    })
}

/// "in 2021", "since 2019"; in the other languages a month may stand between ("en mai 2023",
/// "im März 2022").
fn year_mentioned(tokens: &Tokens, lexicon: &Lexicon) -> Option<(usize, usize)> {
    let is_year_at = |at: usize| {
        tokens.get(at).is_some_and(|token| {
            token.lower.len() == 4
                && token
                    .lower
                    .parse::<u32>()
                    .is_ok_and(|year| (1950..=2099).contains(&year))
        })
    };
    (0..tokens.len()).find_map(|at| {
        let next = tokens.next_in_clause(at)?;
        let month_between = lexicon.grammar != Grammar::English
            && tokens.next_in_clause(at + 1).is_some()
            && is_year_at(at + 2);
        if month_between && matches!(tokens.lower(at), "en" | "depuis" | "seit" | "im" | "desde") {
            return Some((at, at + 2));
        }
        let is_year = next.lower.len() == 4
            && next
                .lower
                .parse::<u32>()
                .is_ok_and(|year| (1950..=2099).contains(&year));
        // "en 2021", "seit 2019", "desde 2020" in the other languages.
        let before_year = matches!(
            tokens.lower(at),
            "in" | "since" | "during" | "en" | "depuis" | "seit" | "im" | "desde"
        );
        (before_year && is_year).then_some((at, at + 1))
    })
}

fn employer_named(tokens: &Tokens, employers: &[String]) -> Option<(usize, usize)> {
    employers
        .iter()
        .filter_map(|employer| {
            (0..tokens.len()).find_map(|at| tokens.phrase_at(at, employer).map(|end| (at, end)))
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::ENGLISH;

    const STAR_ANSWER: &str = "When I was at Tramline, our pricing service kept timing out at peak. My task was to make it hold 2,500 events per second. I profiled it, then I rewrote the hot path in Go and added a cache. As a result, p99 latency dropped from 800 ms to 90 ms.";

    fn cues(answer: &str) -> StarCues {
        star(&Tokens::new(answer), &[], &ENGLISH)
    }

    #[test]
    fn a_star_answer_has_all_four_components_with_their_cues() {
        let cues = cues(STAR_ANSWER);
        assert_eq!(cues.situation.as_deref(), Some("When I was"));
        assert_eq!(cues.task.as_deref(), Some("My task"));
        assert_eq!(cues.action.as_deref(), Some("I profiled"));
        assert_eq!(cues.result.as_deref(), Some("As a result"));
        assert!(cues.is_complete());
    }

    #[test]
    fn stories_outside_software_open_and_close_in_their_own_words() {
        let story = cues("One night shift a patient's blood pressure started to fall. I volunteered to lead the response and titrated the vasopressor. Two days later she was extubated, and our bundle was adopted by two other wards.");
        assert_eq!(story.situation.as_deref(), Some("One night"));
        assert_eq!(story.task.as_deref(), Some("I volunteered to"));
        assert_eq!(story.action.as_deref(), Some("I volunteered"));
        assert_eq!(story.result.as_deref(), Some("days later"));
        let took_over = cues("When I took over the class, attendance had fallen to 80 %.");
        assert_eq!(took_over.situation.as_deref(), Some("When I took"));
    }

    #[test]
    fn an_opinion_has_no_star_components() {
        let cues = cues("Honestly I think testing matters a lot and good teams care about it.");
        assert_eq!(cues, StarCues::default());
    }

    #[test]
    fn action_without_context_or_result() {
        let cues = cues("I personally rewrote the billing job in Rust.");
        assert_eq!(cues.action.as_deref(), Some("I personally rewrote"));
        assert_eq!(cues.situation, None);
        assert_eq!(cues.task, None);
        assert_eq!(cues.result, None);
    }

    #[test]
    fn places_years_and_employers_set_the_scene() {
        assert_eq!(
            cues("At Helvetic Clearing, I led the move.")
                .situation
                .as_deref(),
            Some("At Helvetic Clearing")
        );
        assert_eq!(
            cues("In 2021 we migrated 30 services.")
                .situation
                .as_deref(),
            Some("In 2021")
        );
        let employers = ["tramline mobility".to_owned()];
        let cues = star(
            &Tokens::new("I joined Tramline Mobility as a junior."),
            &employers,
            &ENGLISH,
        );
        assert_eq!(cues.situation.as_deref(), Some("Tramline Mobility"));
        assert_eq!(cues.action, None, "joining is not an action");
    }

    #[test]
    fn an_outcome_verb_is_a_result_and_a_we_action_is_an_action() {
        let cues = cues("We finally migrated the cluster and revenue grew 12%.");
        assert_eq!(cues.action.as_deref(), Some("We finally migrated"));
        assert_eq!(cues.result.as_deref(), Some("revenue grew"));
    }

    #[test]
    fn an_outcome_before_the_action_is_the_situation() {
        let cues = cues("The patient's sats dropped to 84%, so I escalated at once and the patient recovered within minutes.");
        assert_eq!(cues.action.as_deref(), Some("I escalated"));
        assert_eq!(cues.result.as_deref(), Some("patient recovered"));
        let cues = super::star(
            &Tokens::new("Sats dropped to 84%, so I escalated."),
            &[],
            &ENGLISH,
        );
        assert_eq!(cues.result, None);
    }

    #[test]
    fn states_and_wishes_are_not_actions() {
        for answer in [
            "I needed more time.",
            "I wanted to help.",
            "I think so.",
            "I, decided.",
        ] {
            assert_eq!(actions(&Tokens::new(answer), &["i"]), [], "{answer}");
        }
        assert_eq!(
            actions(&Tokens::new("I led it and then I decided."), &["i"]),
            [(0, 1), (5, 6)]
        );
    }
}
