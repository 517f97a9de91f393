//! The offline report in English.

use super::ReportWording;
use domain::Language;

pub(crate) const ENGLISH: ReportWording = ReportWording {
    language: Language::English,
    and: " and ",
    more: "{n} more",
    components: ["situation", "task", "action", "result"],
    dimensions: [
        "relevance",
        "structure",
        "specificity",
        "clarity",
        "confidence",
        "consistency",
    ],
    word: "word",
    words: "words",
    answer: "answer",
    answers: "answers",

    strength_star: "Your answer to question {n} is a complete STAR story: the situation, your task, what you did and what came of it.",
    strength_measured: "In question {n} you backed a result with a number: interviewers remember measured outcomes.",
    strength_numbers: "You gave concrete numbers ({list}).",
    strength_terms: "You tied your experience to what the job asks for: {list}.",
    strength_first_person: "You spoke about your own decisions in the first person (\u{201c}{phrase}\u{201d}).",

    weak_short: "Your answer to question {n} has {words}: too short for an interviewer to judge. Give one concrete example.",
    weak_off_topic: "Your answer to question {n} did not answer the question: it was about something else.",
    weak_no_result: "Your answer to question {n} stops before the result: say what changed because of what you did.",
    weak_hedging: "Hedging ({list}) makes you sound unsure of your own work: say what you did and what happened.",
    weak_we: "In question {n} you say \u{201c}we\u{201d} throughout: the interviewer cannot tell which part was yours.",
    weak_no_number: "Your answer to question {n} has no number: no scale, no result, no time frame.",
    weak_fillers: "Filler words ({list}) blur your point.",
    we: "we",

    missing_backed: "Your CV shows {list}, which the job asks for, but no answer used {them}: bring {them} into your examples.",
    missing_unbacked: "The job asks for {list}; neither your answers nor your CV show {them}. Prepare an example, or say how you would close the gap.",
    missing_star: "No answer gave the {list} of a STAR story.",
    missing_number: "No answer gave a number: a percentage, an amount, a count or a time.",
    missing_why: "No answer said why {company}: prepare a reason tied to this job, not any job.",
    it: "it",
    them: "them",

    not_answer_off_topic: "This did not answer the question: it was about something else. Answer what was asked, with an example from your work.",
    not_answer_repeated: "This did not answer the question: it repeated the question or addressed the interviewer instead. Answer what was asked, with an example from your work.",
    not_answer_empty: "This did not answer the question: there is nothing in it to judge. Answer what was asked, with an example from your work.",
    worked_star: "A complete STAR story: situation, task, your action and the result.",
    worked_parts: "You gave the {list}.",
    worked_numbers: "Concrete numbers: {list}.",
    worked_terms: "You named what the job asks for: {list}.",
    worked_owned: "You owned the work (\u{201c}{phrase}\u{201d}).",
    add_short: "One concrete example: where you were, what you did yourself and what changed ({words} is too little to judge).",
    add_number: "A number: a percentage, an amount, a count or a time.",
    add_own_part: "Your own part: say \u{201c}I\u{201d} for what you did yourself.",
    add_asked: "{term}: the question asked about it; say how you have used it.",
    add_plainly: "Say it plainly: drop {list} where you are sure.",
    add_closing_line: "A closing line: what you learned, or what you would do differently next time.",
    star_advice: [
        "The situation: where and when, and what was at stake.",
        "Your task: what you had to achieve and why it mattered.",
        "Your own actions, in the first person: what you decided and did.",
        "The result: what changed, by how much and by when.",
    ],

    answered_of: "{answered} of {planned} questions answered",
    summary_no_score: "Not enough evidence for a score ({of}). {reason}",
    summary_scored: "{score}/10 over {of}.",
    summary_strongest: "{score}/10 over {of}. Strongest: {best} ({high}/10). Work on: {worst} ({low}/10).",
    no_answer: "No question was answered, so there is nothing to score.",
    too_few_substantial: "{substantial} of your {answers} had {min_words} words or more; answer at least {min} questions with a concrete example to get a score.",
};
