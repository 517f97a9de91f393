//! The coach in English.

use super::{Theme, Themes, Wording};
use domain::Language;

pub(crate) const ENGLISH: Wording = Wording {
    language: Language::English,
    cv_action_at: "At {employer} you {phrase}.",
    cv_action: "Your CV says you {phrase}.",
    cv_mention_at: "At {employer}, your CV mentions {phrase}.",
    cv_mention: "Your CV mentions {phrase}.",

    off_topic_bridges: &[
        "That drifted from my question, so let's try another.",
        "That was off topic, so let's refocus.",
        "Let's refocus on work.",
        // Short ones for a planned question that takes nearly the whole word budget, and
        // several, so that one differs enough from a question already asked after them.
        "Let's refocus.",
        "That was unrelated.",
        "Back to your work.",
    ],
    not_an_answer_bridges: &[
        "Let's stay with the interview questions.",
        "Let's stay on track.",
        "Back to work.",
    ],
    fact_bridges: &["Thanks, that is clear: {fact}.", "Noted: {fact}."],
    tool_bridge: "You mentioned {tool}; moving on.",
    answered_bridge: "That answers it; moving on.",

    opener_with_role_title: &[
        "Your time at {employer} as {role_title} looks closest to this role. How did it prepare you for the work here at {company}?",
        "Let's start with your time at {employer} as {role_title}: which part of it best prepares you for the {title} role, and why?",
        "Your time at {employer} as {role_title} is close to this role: how did it prepare you for {company}?",
    ],
    opener_with_skill: "Let's start at {employer}: how did your work on {skill} there prepare you for the {title} role?",
    opener_at_employer: "Let's start with your time at {employer}: which part of it best prepares you for the {title} role, and why?",
    opener_generic: &[
        "To start, could you walk me through your background and why the {title} role at {company} appeals to you?",
        "To start, which experience of yours best prepares you for the {title} role, and why?",
    ],
    why_company: "Why {company}?",

    deep_dive_with_evidence: [
        [
            "How did you approach the {skill} side of it, and what did you learn?",
            "What did you find hardest about {skill} there, and how did you get past it?",
        ],
        [
            "Which trade-offs did you weigh on the {skill} side, and how did you decide?",
            "What was the hardest problem there involving {skill}, and how did you solve it?",
        ],
        [
            "How did you set direction on {skill} for others, and what would you change today?",
            "Which {skill} decisions would you revisit now, and why?",
        ],
    ],
    deep_dive_without_evidence: [
        "What have you done involving {skill}, and what did you learn from it?",
        "What is the hardest problem you have solved involving {skill}, and how?",
        "Where has your approach to {skill} failed, and what did you change afterwards?",
    ],
    deep_dive_leads: [
        "{company} asks for {name}, and your CV lists it.",
        "Your CV names {name}, which the role at {company} relies on.",
    ],

    gap_asks: [
        "What comes closest in your experience, and how would you learn it?",
        "What is your closest experience, and how would you get up to speed?",
        "How would you close that gap quickly while still leading the work?",
    ],
    gap_years: "The role asks for {required}+ years of experience and your CV shows {shown}. What makes you ready for this level?",
    gap_probes: [
        "The {company} job ad asks for {name}, which I could not find in your CV. {ask}",
        "{company} lists {name} for this role, but your CV does not mention it. {ask}",
        "Your CV does not show {name}, which {company} needs. {ask}",
    ],

    star_asks: [
        "What happened, what did you do yourself, and what was the result?",
        "What nearly went wrong, how did you handle it, and what was the outcome?",
    ],
    star_asks_by_seniority: [
        "What did you do yourself, what did you learn, and what was the result?",
        "What was the hardest decision, who did it affect, and what was the result?",
        "Who did you need to convince, how did you do it, and what was the result?",
    ],
    place_at_employer: "at {employer}",
    place_with_skill: "while working with {skill}",
    place_any: "in a past role",
    themes: Themes {
        deadline: Theme {
            template: "Tell me about a time {place} when a deadline was at risk. What did you do, and what was the outcome?",
            focus: "a deadline at risk",
            cues: &[
                "deadline", "late", "delay", "slipped", "schedule", "launch", "release", "go-live",
                "behind", "scope", "overrun", "rush", "pressure", "priority", "prioritised", "date",
                "handover", "target", "timeline", "sprint", "milestone", "cutover", "urgent", "hurry",
                "time", "weeks", "days", "hours", "shift",
            ],
        },
        disagreement: Theme {
            template: "Describe a disagreement with a colleague {place}. How did you resolve it, and what was the result?",
            focus: "a disagreement with a colleague",
            cues: &[
                "disagree", "disagreed", "disagreement", "argue", "argument", "conflict", "opinion",
                "debate", "pushed", "compromise", "convinced", "tension", "view", "colleague",
                "manager", "objected", "consensus", "agreed",
            ],
        },
        mistake: Theme {
            template: "Tell me about a mistake you made {place}. What did you do next, and what did you learn?",
            focus: "a mistake you made",
            cues: &[
                "mistake", "error", "wrong", "forgot", "missed", "fault", "blame", "apologised",
                "apologized", "fixed", "oversight", "incident", "owned", "lesson", "realised",
                "realized", "wrongly", "failed",
            ],
        },
        learned_quickly: Theme {
            template: "Tell me about a time {place} when you had to learn something new quickly. What did you do, and what happened?",
            focus: "learning something new quickly",
            cues: &[
                "learn", "learned", "learnt", "course", "training", "trained", "read", "studied",
                "taught", "practised", "practiced", "onboarding", "unfamiliar", "new", "tutorial",
                "documentation", "shadowed", "quickly",
            ],
        },
        feedback: Theme {
            template: "Describe feedback you received {place} that changed how you work. What did you change?",
            focus: "feedback that changed how you work",
            cues: &[
                "feedback", "told", "criticised", "criticized", "review", "comment", "advice",
                "suggested", "appraisal", "manager", "mentor", "changed", "improve",
            ],
        },
        without_authority: Theme {
            template: "Tell me about a time {place} when you changed a decision without formal authority. What was the outcome?",
            focus: "changing a decision without formal authority",
            cues: &[
                "convinced", "persuaded", "influence", "decision", "proposed", "proposal", "data",
                "presented", "stakeholder", "stakeholders", "buy-in", "agreed", "authority",
                "leadership", "director",
            ],
        },
        wrong_call: Theme {
            template: "Describe a call you made {place} that turned out wrong. How did you notice and recover?",
            focus: "a call that turned out wrong",
            cues: &[
                "wrong", "mistake", "decision", "decided", "reversed", "rollback", "rolled",
                "recover", "recovered", "noticed", "realised", "realized", "fixed", "lesson",
                "error",
            ],
        },
        helped_grow: Theme {
            template: "How did you help someone grow {place}? What did you do, and what changed for them?",
            focus: "helping someone grow",
            cues: &[
                "mentor", "mentored", "mentoring", "coach", "coached", "junior", "grow", "grew",
                "develop", "trained", "promoted", "feedback", "taught", "supported", "preceptor",
            ],
        },
    },

    requirement_questions: [
        "The role at {company} involves: {phrase}. When have you done that, and what was the result?",
        "The {company} job ad lists \"{phrase}\". Where have you shown that, and with what result?",
    ],
    role_questions: [
        "What would your first ninety days as {title} at {company} look like?",
        "Which part of the {title} role do you expect to find hardest, and how would you prepare?",
        "Which achievement on your CV best shows you can do the {title} job at {company}, and why?",
    ],
    motivation: [
        "Why do you want to join {company} as {title}, rather than a similar role elsewhere?",
        "What draws you to {company} in particular, and why is this {title} role your next step?",
        "What do you know about {company}, and why does the {title} role fit where you want to go?",
    ],
    closings: [
        "To close, what questions do you have for me about the {title} role or the team at {company}?",
        "Before we finish, what should {company} remember about you when comparing candidates for {title}?",
        "Last question: what else should we know about your fit for {company}?",
    ],
    other_experience: "Which other part of your experience matters for the {title} role at {company}, and why (question {n})?",
    closing_fallback: "Before we finish, is there anything else {company} should know about you (question {n})?",

    focus_role: "the {title} role",
    focus_employer: "your time at {employer}",
    focus_skill: "your work on {name}",
    focus_years: "the experience this level needs",
    focus_gap: "your closest experience to {name}",
    focus_achievement: "that work at {employer}",
    focus_requirement: "\"{phrase}\"",
    focus_motivation: "why {company}",
    focus_default: "that work",

    too_short_subject: &[
        "You mentioned the {subject}. What exactly was your own part in it, and how did it end?",
        "What did you personally do during that {subject}, step by step, and what changed afterwards?",
    ],
    too_short_action: &[
        "You said you {action}. What exactly did you do, step by step, and what was the outcome?",
    ],
    too_short: &[
        "Could you make {focus} concrete with one example: the situation, your action and the outcome?",
        "Can you walk me through one specific moment in {focus}, step by step?",
        "Which single episode from {focus} shows best what you did, and how did it end?",
        "Picture a particular day during {focus}. What happened then, and which part was yours?",
    ],
    off_topic_action: &[
        "Thanks, though that was about how you {action} rather than {focus}. Could you tell me about {focus} instead?",
    ],
    off_topic: &[
        "I think that answered a different question. Could you tell me about {focus}: what happened, and what did you do?",
        "That seems to be about something else. Could you come back to {focus}: what did you do, and how did it end?",
    ],
    not_an_answer: &[
        "Let's stay with the interview. Could you tell me about {focus} in your own words: what did you do, and how did it end?",
        "I'd like your own answer here. Which moment from {focus} comes to mind, and what was your part in it?",
    ],
    we_action: &["You said \"we {action}\". What did you personally decide or do there?"],
    we_only: &[
        "You said \"we\" several times. What did you personally decide or do in {focus}?",
        "Which part of {focus} was yours alone, and what would have happened without you?",
    ],
    no_result_action: &[
        "You {action}. What was the measurable result: which number or metric changed, and by how much?",
        "When you {action}, how did you measure the result, and what did the numbers show?",
    ],
    no_result: &[
        "What result did {focus} have: which number did you move, and by how much?",
        "How did you measure the result of {focus}, and what did the numbers show?",
    ],
    skill_action: &["You {action}. Why {skill} there, and which alternatives did you rule out?"],
    skill: &[
        "You mentioned {skill}, which this role uses. How exactly did you use it, and what would you do differently today?",
        "Let's go deeper on {skill}: what was the hardest problem you solved with it, and how?",
    ],
    that_tool: "that tool",
    detail_outcome: &[
        "You said {outcome}. Which of your changes made the biggest difference, and how did you know?",
        "How did you confirm that {outcome}, and what would you do differently next time?",
    ],
    detail_action: "You {action}. Why that approach, and which alternatives did you consider?",
    detail_person: "You mentioned {person}. How did you work with them, and what did they do differently afterwards?",
    detail_tool: "What was the hardest part of using {tool} there, and how did you handle it?",
    detail_measure: "You mentioned {measure}. How did you get there, and what was your own part in it?",
};
