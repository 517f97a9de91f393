//! What a text is about, as a set of crude stems: enough to tell whether an answer speaks to a
//! question's topic, or two texts to the same one, without a dictionary.

use std::collections::HashSet;

use crate::numbers::count_value;
use crate::tokens::Tokens;
use crate::top_words::is_stop_word;

/// Words of interview questions that say how to answer, not what about: "Tell me about a
/// time…, what did you do, and what was the outcome?" shares none of them with the answer's
/// topic.
const QUESTION_WORDS: &[&str] = &[
    "tell",
    "describe",
    "time",
    "times",
    "happened",
    "outcome",
    "result",
    "results",
    "situation",
    "personally",
    "hardest",
    "decision",
    "decisions",
    "trade-offs",
    "weigh",
    "approach",
    "learn",
    "learned",
    "change",
    "changed",
    "experience",
    "role",
    "work",
    "example",
    "walk",
    "step",
    "mentions",
    "says",
    "lists",
    "asks",
    "would",
    "today",
    "next",
    "handle",
    "handled",
    "nearly",
    "went",
    "wrong",
    "affect",
    "convince",
    "yourself",
    "problem",
    "solve",
    "solved",
    "side",
    "find",
    "found",
    "part",
    "question",
    "cv",
    // The opener's framing ("Let's start at …: how did … prepare you"): an answer about
    // sourdough starters is not on its topic.
    "start",
    "starting",
    "prepare",
    "prepared",
    "background",
    // The coach's own framing around a question ("I think that answered a different
    // question.", "That seems to be about something else."): "I have been thinking about
    // getting a dog" does not meet the topic through "think".
    "think",
    "answered",
    "different",
    "seems",
    "something",
    "else",
    "refocus",
    "drifted",
    "topic",
    "track",
    "interview",
    "questions",
    "thanks",
    "noted",
    "moving",
    "mentioned",
    "clear",
    "come",
    "back",
];

/// The same for the coach's French, German and Spanish questions: how to answer, not what
/// about.
const QUESTION_WORDS_ELSEWHERE: &[&str] = &[
    // French
    "parlez",
    "décrivez",
    "situation",
    "résultat",
    "exemple",
    "moment",
    "expérience",
    "poste",
    "travail",
    "qu'avez",
    "comment",
    "pourquoi",
    "quelle",
    "quelles",
    "quels",
    "question",
    "entretien",
    "précis",
    "précise",
    "étape",
    "personnellement",
    "difficile",
    "changé",
    "appris",
    "passé",
    "retirez",
    "prépare",
    "commençons",
    "pourriez",
    "pouvez",
    "montre",
    "mieux",
    "s'est",
    "qu'est",
    "votre",
    "vous-même",
    "ensuite",
    "revenons",
    "merci",
    "noté",
    // German
    "erzählen",
    "beschreiben",
    "situation",
    "ergebnis",
    "beispiel",
    "moment",
    "erfahrung",
    "stelle",
    "arbeit",
    "getan",
    "welche",
    "welcher",
    "welchen",
    "warum",
    "frage",
    "gespräch",
    "konkret",
    "konkreten",
    "schritt",
    "persönlich",
    "schwierigste",
    "gelernt",
    "passiert",
    "vorbereitet",
    "beginnen",
    "könnten",
    "zeigt",
    "besten",
    "lebenslauf",
    "danke",
    "notiert",
    "zurück",
    "thema",
    // Spanish
    "hábleme",
    "describa",
    "situación",
    "resultado",
    "ejemplo",
    "momento",
    "experiencia",
    "puesto",
    "trabajo",
    "hizo",
    "cómo",
    "pregunta",
    "entrevista",
    "concreto",
    "paso",
    "personalmente",
    "difícil",
    "aprendió",
    "pasó",
    "preparó",
    "empecemos",
    "podría",
    "muestra",
    "mejor",
    "ocasión",
    "gracias",
    "anotado",
    "volvamos",
    "tema",
    // The coach's framing around a follow-up ("Pourriez-vous me parler de …", "¿Podría
    // hablarme de …?"): an answer about talking to a baker is not on its topic.
    "parler",
    "portait",
    "plutôt",
    "revenir",
    "crois",
    "répondait",
    "semble",
    "erzählen",
    "betraf",
    "stattdessen",
    "zurückkommen",
    "glaube",
    "beantwortete",
    "scheint",
    "hablarme",
    "hablar",
    "trataba",
    "aunque",
    "volver",
    "creo",
    "respondía",
    "parece",
];

/// Words any account of work uses, whatever it is about: an answer made of these says
/// nothing about its topic ("I worked closely with the people involved").
const GENERIC_WORDS: &[&str] = &[
    "work",
    "worked",
    "working",
    "works",
    "closely",
    "people",
    "person",
    "involved",
    "planned",
    "plan",
    "planning",
    "carefully",
    "talked",
    "talk",
    "everyone",
    "everybody",
    "affected",
    "made",
    "make",
    "sure",
    "understood",
    "understand",
    "goals",
    "goal",
    "reasons",
    "reason",
    "behind",
    "approach",
    "things",
    "thing",
    "stuff",
    "well",
    "happy",
    "together",
    "team",
    "overall",
    "whole",
    "went",
    "really",
    "good",
    "great",
    "best",
    "always",
    "help",
    "helped",
    "once",
    "issue",
    "issues",
    "problem",
    "problems",
    "situation",
    "difficult",
    "hard",
    "tough",
    "sort",
    "sorted",
    "fine",
    "okay",
    "pretty",
    "quite",
    "able",
    "tried",
    "try",
    "getting",
    "got",
    "give",
    "gave",
    "took",
    "take",
    "done",
    "doing",
    "lots",
    "kind",
    "everything",
    "anything",
    "something",
    "nothing",
];

/// The same for French, German and Spanish answers.
const GENERIC_WORDS_ELSEWHERE: &[&str] = &[
    // French
    "travail",
    "travaillé",
    "équipe",
    "personnes",
    "choses",
    "bien",
    "vraiment",
    "toujours",
    "problème",
    "situation",
    "difficile",
    "temps",
    "mieux",
    "meilleur",
    "beaucoup",
    "content",
    "contente",
    "ensemble",
    "aidé",
    "passé",
    "semaine",
    "quelque",
    "chose",
    "peut-être",
    // German
    "arbeit",
    "gearbeitet",
    "team",
    "menschen",
    "dinge",
    "immer",
    "wirklich",
    "problem",
    "situation",
    "schwierig",
    "zeit",
    "besten",
    "viel",
    "vielen",
    "zufrieden",
    "gemeinsam",
    "geholfen",
    "woche",
    "etwas",
    "vielleicht",
    // Spanish
    "trabajo",
    "trabajé",
    "equipo",
    "personas",
    "cosas",
    "bien",
    "siempre",
    "realmente",
    "problema",
    "situación",
    "difícil",
    "tiempo",
    "mejor",
    "mucho",
    "contento",
    "contenta",
    "juntos",
    "ayudé",
    "semana",
    "algo",
    "quizás",
];

/// The first "N years" in a text ("6+ years", "nine years' experience"), read with the same
/// words and numbers as answers are.
pub fn years_stated(text: &str) -> Option<u32> {
    let tokens = Tokens::new(text);
    (1..tokens.len()).find_map(|at| {
        let unit = tokens.lower(at).trim_end_matches('\'');
        let english = matches!(unit, "year" | "years" | "year's");
        let elsewhere = matches!(unit, "ans" | "années" | "jahre" | "jahren" | "años");
        // "in drei Jahren", "en deux ans": how long something took, not years of experience.
        let took = at >= 2
            && matches!(
                tokens.lower(at - 2),
                "in" | "en" | "dans" | "innerhalb" | "binnen"
            );
        let is_years = (english || (elsewhere && !took)) && !tokens.tokens[at - 1].break_after;
        is_years
            .then(|| count_value(tokens.lower(at - 1)))
            .flatten()
    })
}

/// Stems of a text's content words: lower-cased words of four letters or more, neither stop
/// words nor words any account of work uses, cut to their first five letters so that
/// "mentoring" and "mentored" meet.
pub fn content_stems(text: &str) -> HashSet<String> {
    stems(text, &[])
}

/// The content stems of a question, without the words that only say how to answer it.
pub fn question_stems(question: &str) -> HashSet<String> {
    stems(
        question,
        &[QUESTION_WORDS, QUESTION_WORDS_ELSEWHERE].concat(),
    )
}

fn stems(text: &str, also_ignored: &[&str]) -> HashSet<String> {
    let tokens = Tokens::new(text);
    (0..tokens.len())
        .map(|at| without_elision(tokens.lower(at).trim_end_matches("'s")))
        .filter(|word| {
            word.chars().count() >= 4
                && word.chars().any(char::is_alphabetic)
                && !is_stop_word(word)
                && !GENERIC_WORDS.contains(word)
                && !GENERIC_WORDS_ELSEWHERE.contains(word)
                && !also_ignored.contains(word)
        })
        .map(stem)
        .collect()
}

/// "l'équipe" → "équipe", "d'expérience" → "expérience": a French article or pronoun
/// elided onto the word is not part of it.
fn without_elision(word: &str) -> &str {
    match word.split_once('\'') {
        Some(("l" | "d" | "j" | "qu" | "n" | "s" | "c" | "m" | "t", rest)) => rest,
        _ => word,
    }
}

/// The first five letters: a crude stem that needs no dictionary.
pub fn stem(word: &str) -> String {
    word.to_lowercase().chars().take(5).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_in_digits_and_words() {
        assert_eq!(years_stated("At least 6+ years of backend work"), Some(6));
        assert_eq!(years_stated("with nine years' experience in Go"), Some(9));
        assert_eq!(years_stated("Years of fun, 2016 – 2020"), None);
        assert_eq!(years_stated("twenty years"), Some(20));
        assert_eq!(years_stated("au moins trois ans d'expérience"), Some(3));
        assert_eq!(
            years_stated("Mindestens drei Jahre Vertriebserfahrung"),
            Some(3)
        );
        assert_eq!(years_stated("5 años de experiencia"), Some(5));
        assert_eq!(years_stated("+44 % in drei Jahren"), None);
    }

    #[test]
    fn content_stems_ignore_how_a_question_is_asked() {
        let question = question_stems(
            "Tell me about a time at Acme when a deadline was at risk. What did you do, and what was the outcome?",
        );
        assert!(question.contains("deadl") && question.contains("acme"));
        assert!(!question.contains("outco") && !question.contains("time"));
        let answer = content_stems("I mentored two juniors; both were promoted.");
        assert!(question.is_disjoint(&answer));
        assert!(
            content_stems("I worked closely with the people involved and made sure.").is_empty()
        );
        let french = content_stems("J'ai repris l'atelier avec les élèves de troisième.");
        assert!(french.contains("ateli") && french.contains("élève") && french.contains("repri"));
        assert!(!french.contains("avec") && !french.contains("l'ate"));
    }
}
