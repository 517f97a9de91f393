//! The comparison of an attempt with the original answer, in English.

use super::AttemptWording;
use domain::Language;

pub(crate) const ENGLISH: AttemptWording = AttemptWording {
    language: Language::English,
    and: " and ",
    word: "word",
    words: "words",

    star_now: [
        "The situation is there now (\u{201c}{cue}\u{201d}).",
        "The task is there now (\u{201c}{cue}\u{201d}).",
        "The action is there now (\u{201c}{cue}\u{201d}).",
        "The result is there now (\u{201c}{cue}\u{201d}).",
    ],
    first_figures: "A measurable result now: {list}.",
    more_figures: "More figures: {list}.",
    job_terms: "Names {list} from the job description.",
    personal_now: "Says what you did yourself (\u{201c}I\u{201d}).",
    fewer_fillers: "Fewer filler words: {after} instead of {before}.",
    fewer_hedges: "Fewer hedges: {after} instead of {before}.",
    more_depth: "More depth: {after} words instead of {before}.",

    star_missing: [
        "No situation: say where and when it happened.",
        "No task: say what you had to achieve.",
        "No action: say what you did, step by step.",
        "No result: say how it ended.",
    ],
    star_lost: "The first answer had it.",
    no_figure: "No figure: add a measurable result (a percentage, a time, an amount).",
    no_job_term: "No term from the job description: tie the answer to what the job asks for.",
    no_personal: "No personal \u{201c}I\u{201d}: say what you did yourself, not only what the team did.",
    still_no_personal: "Still no personal \u{201c}I\u{201d}: say what you did yourself, not only what the team did.",
    filler_habit: "{count} filler words: say it plainly, with conviction.",
    hedge_habit: "{count} hedges: say it plainly, with conviction.",
    too_short: "Short: {words}; a full answer takes about {min} to {max}.",
    too_long: "Long: {count} words; keep it under {max}.",
};
