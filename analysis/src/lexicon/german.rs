//! German: the pronoun stands next to its verb on either side ("ich leitete", "dann habe ich
//! … eingeführt"), and a perfect tense puts the participle at the end of the clause.

use super::{Grammar, Lexicon, Who};

use text::tokens::Tokens;
use text::top_words::is_stop_word;

pub(crate) const GERMAN: Lexicon = Lexicon {
    grammar: Grammar::German,
    situation_cues: &[
        "als ich",
        "als wir",
        "damals",
        "letztes jahr",
        "im letzten jahr",
        "vor zwei jahren",
        "vor einigen",
        "vor kurzem",
        "in meiner",
        "in meinem",
        "bei meinem",
        "bei meiner",
        "die situation",
        "die ausgangslage",
        "das problem war",
        "eines tages",
        "eines nachts",
        "eines abends",
        "in einer nacht",
        "in einer schicht",
        "zum beispiel",
        "ein beispiel",
        "zu beginn",
        "im nachtdienst",
        "im frühjahr",
        "im herbst",
        "im sommer",
        "im winter",
    ],
    task_cues: &[
        "meine aufgabe",
        "meine rolle",
        "mein ziel",
        "meine verantwortung",
        "ich sollte",
        "ich musste",
        "wir mussten",
        "das ziel war",
        "ich war verantwortlich",
        "verantwortlich für",
        "ich hatte die aufgabe",
        "man bat mich",
        "ich wurde gebeten",
        "ich übernahm",
        "es ging darum",
    ],
    result_cues: &[
        "ergebnis",
        "im ergebnis",
        "am ende",
        "schließlich",
        "letztlich",
        "dadurch",
        "das führte",
        "seitdem",
        "seither",
        "ich habe gelernt",
        "die lektion",
        "danach",
        "wochen später",
        "monate später",
        "tage später",
        "wurde übernommen",
        "nicht mehr",
    ],
    hedges: &[
        "ich glaube",
        "ich denke",
        "ich vermute",
        "vielleicht",
        "wahrscheinlich",
        "eventuell",
        "ich bin nicht sicher",
        "nicht sicher",
        "ich weiß nicht",
        "irgendwie",
        "gewissermaßen",
        "mehr oder weniger",
        "ich hoffe",
        "ich würde sagen",
        "möglicherweise",
        "ein bisschen",
        "ich schätze",
    ],
    commitments: &[
        "ich bin überzeugt",
        "ich bin sicher",
        "ich werde",
        "ich weiß",
        "definitiv",
        "sicherlich",
        "auf jeden fall",
        "ohne zweifel",
    ],
    fillers: &[
        "äh",
        "ähm",
        "öh",
        "hm",
        "halt",
        "sozusagen",
        "quasi",
        "na ja",
        "irgendwie so",
        "weißt du",
        "eigentlich",
    ],
    i_words: &[
        "ich", "mich", "mir", "mein", "meine", "meinen", "meinem", "meiner", "meines",
    ],
    we_words: &[
        "wir", "uns", "unser", "unsere", "unseren", "unserem", "unserer", "unseres",
    ],
    adverbs: &[
        "dann",
        "danach",
        "zuerst",
        "sofort",
        "selbst",
        "persönlich",
        "schnell",
        "auch",
        "direkt",
        "anschließend",
        "schließlich",
    ],
    not_actions: &[
        "glaube", "denke", "finde", "hoffe", "weiß", "wusste", "wollte", "möchte", "mochte",
        "musste", "sollte", "konnte", "kann", "muss", "soll", "will", "fühlte", "dachte", "meine",
        "mag", "bevor", "nachdem", "sobald", "damit", "ob", "obwohl", "während", "seit", "wenn",
        "als", "dass", "weil", "wie", "bin", "war", "habe", "hatte", "haben", "hatten", "sind",
        "waren", "würde", "wäre", "mich", "mir", "immer", "nie", "noch",
    ],
    outcome_verbs: &[
        "gesenkt",
        "reduziert",
        "gesteigert",
        "bestanden",
        "erhöht",
        "verbessert",
        "verdoppelt",
        "halbiert",
        "gewonnen",
        "abgeschlossen",
        "eingeführt",
        "sank",
        "sanken",
        "stieg",
        "stiegen",
        "gesunken",
        "gestiegen",
        "übertroffen",
        "erreicht",
        "eingespart",
        "gespart",
        "verkürzt",
        "wuchs",
        "gewachsen",
        "verringert",
        "befördert",
        "übernommen",
    ],
    change_verbs: &[
        "sank",
        "sanken",
        "stieg",
        "stiegen",
        "gesunken",
        "gestiegen",
        "wuchs",
        "gewachsen",
    ],
    passive_auxiliaries: &[
        "ist", "sind", "wurde", "wurden", "war", "waren", "hat", "haben",
    ],
    not_done: &[
        "nicht", "nie", "sollte", "wollte", "müsste", "könnte", "würde", "zu",
    ],
    number_words: &[
        "zwei",
        "drei",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "zwölf",
        "zwanzig",
        "dreißig",
        "vierzig",
        "fünfzig",
        "hundert",
        "tausend",
        "million",
        "millionen",
        "hälfte",
        "verdoppelt",
        "halbiert",
    ],
    duration_units: &[
        "tag",
        "tage",
        "tagen",
        "woche",
        "wochen",
        "monat",
        "monate",
        "monaten",
        "jahr",
        "jahre",
        "jahren",
        "stunde",
        "stunden",
        "minute",
        "minuten",
        "quartal",
        "quartale",
        "schicht",
        "schichten",
        "nacht",
        "nächte",
    ],
    people: &[
        "chef",
        "chefin",
        "vorgesetzte",
        "vorgesetzten",
        "kollegin",
        "kollege",
        "kollegen",
        "kunde",
        "kunden",
        "kundin",
        "patient",
        "patientin",
        "patienten",
        "angehörige",
        "angehörigen",
        "familie",
        "arzt",
        "ärztin",
        "oberarzt",
        "oberärztin",
        "chefarzt",
        "stationsleitung",
        "pflegedienstleitung",
        "team",
        "einkäufer",
        "einkäuferin",
        "leiterin",
        "leiter",
        "auszubildende",
        "auszubildenden",
        "schüler",
        "schülerin",
    ],
    determiners: &[
        "mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere", "unseren", "unserem",
        "der", "die", "das", "den", "dem", "einen", "eine", "einer", "einem",
    ],
    joiners: &["und", "dann"],
};

const AUXILIARIES: &[&str] = &["habe", "hatte", "haben", "hatten"];

/// Prefixes that leave "ge-" out of a participle: "vereinfacht", "erreicht", "übernommen".
const INSEPARABLE_PREFIXES: &[&str] = &["ver", "be", "er", "ent", "zer", "über", "miss"];

/// A participle, written in lower case (nouns are capitalised): "eingeführt", "gesenkt",
/// "strukturiert", "vereinfacht", "übernommen".
fn is_participle(tokens: &Tokens, at: usize) -> bool {
    let word = tokens.lower(at);
    let ends_like_one = word.ends_with('t') || word.ends_with("en");
    word.chars().count() >= 6
        && word.chars().all(char::is_alphabetic)
        && tokens.original(at).starts_with(char::is_lowercase)
        && (word.ends_with("iert")
            || (word.contains("ge") && ends_like_one)
            || (INSEPARABLE_PREFIXES
                .iter()
                .any(|prefix| word.starts_with(prefix))
                && ends_like_one))
}

/// Strong verbs' past tenses, which do not end in "-te" ("übernahm", "rief … an").
const IRREGULAR_PAST: &[&str] = &[
    "übernahm",
    "nahm",
    "gab",
    "fand",
    "schrieb",
    "sprach",
    "traf",
    "hielt",
    "entschied",
    "begann",
    "rief",
    "ging",
    "kam",
    "bat",
    "las",
    "schlug",
    "zog",
    "bot",
    "stand",
    "half",
    "setzte",
    "brachte",
    "leitete",
];

/// A verb beside the pronoun: a word written in lower case that is neither a function word
/// nor a state ("glaube", "musste").
fn is_verb_beside(tokens: &Tokens, lexicon: &Lexicon, at: usize) -> bool {
    let word = tokens.lower(at);
    tokens.original(at).starts_with(char::is_lowercase)
        && word.chars().all(char::is_alphabetic)
        && !is_stop_word(word)
        && !lexicon.not_actions.contains(&word)
}

/// A past tense: "leitete", "führte", "übernahm". A present tense ("ich versuche") tells a
/// habit, not what was done.
fn is_past(tokens: &Tokens, at: usize) -> bool {
    let word = tokens.lower(at);
    word.ends_with("te") || word.ends_with("ten") || IRREGULAR_PAST.contains(&word)
}

pub(super) fn actions(tokens: &Tokens, lexicon: &Lexicon, who: Who) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for at in 0..tokens.len() {
        let pronoun = tokens.lower(at);
        let wanted = match who {
            Who::I => pronoun == "ich",
            Who::We => pronoun == "wir",
            Who::Either => matches!(pronoun, "ich" | "wir"),
        };
        if !wanted {
            continue;
        }
        let next = tokens.next_in_clause(at).map(|_| at + 1);
        let previous = (at > 0 && !tokens.tokens[at - 1].break_after).then(|| at - 1);
        let auxiliary = [next, previous]
            .into_iter()
            .flatten()
            .find(|&index| AUXILIARIES.contains(&tokens.lower(index)));
        if let Some(auxiliary) = auxiliary {
            let participle =
                (at + 1..=tokens.clause_end(at)).find(|&index| is_participle(tokens, index));
            if let Some(participle) = participle {
                found.push((auxiliary.min(at), participle));
            }
        } else if let Some(verb) =
            previous.filter(|&previous| is_verb_beside(tokens, lexicon, previous))
        {
            // The finite verb before the pronoun ("übernahm ich", "versorge ich beatmete …"):
            // the word after the pronoun is no verb of its own.
            if is_past(tokens, verb) {
                found.push((verb, verb));
            }
        } else if let Some(verb) =
            next.filter(|&next| is_verb_beside(tokens, lexicon, next) && is_past(tokens, next))
        {
            found.push((at, verb));
        }
    }
    found
}
