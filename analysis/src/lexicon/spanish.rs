//! Spanish: the subject pronoun is usually left out, so the verb's ending says whose action
//! it was ("gestioné", "cerramos"), and the perfect is "he"/"hemos" with a participle.

use super::{Grammar, Lexicon, Who};

use text::tokens::Tokens;

pub(crate) const SPANISH: Lexicon = Lexicon {
    grammar: Grammar::Spanish,
    situation_cues: &[
        "cuando llegué",
        "cuando empecé",
        "cuando entré",
        "cuando trabajaba",
        "cuando estaba",
        "en mi anterior",
        "en mi puesto",
        "en mi último",
        "en mi primer",
        "en mi equipo",
        "el año pasado",
        "hace dos",
        "hace unos",
        "hace un",
        "la situación",
        "el contexto",
        "el problema era",
        "el reto era",
        "un día",
        "una noche",
        "una mañana",
        "por ejemplo",
        "un ejemplo",
        "en aquel momento",
        "en ese momento",
        "al principio",
        "en el último",
        "durante",
    ],
    task_cues: &[
        "mi tarea",
        "mi función",
        "mi objetivo",
        "mi responsabilidad",
        "mi papel",
        "tenía que",
        "debía",
        "teníamos que",
        "el objetivo era",
        "la meta era",
        "me encargaron",
        "me pidieron",
        "era responsable",
        "me encargué",
        "se trataba de",
        "me propuse",
    ],
    result_cues: &[
        "resultado",
        "como resultado",
        "al final",
        "finalmente",
        "gracias a",
        "lo que permitió",
        "esto permitió",
        "eso permitió",
        "desde entonces",
        "aprendí",
        "la lección",
        "después",
        "semanas después",
        "meses después",
        "más tarde",
        "ya no",
    ],
    hedges: &[
        "creo que",
        "pienso que",
        "supongo",
        "quizás",
        "quizá",
        "tal vez",
        "probablemente",
        "no estoy seguro",
        "no estoy segura",
        "no sé",
        "más o menos",
        "de alguna manera",
        "espero",
        "diría",
        "posiblemente",
        "un poco",
    ],
    commitments: &[
        "estoy convencido",
        "estoy convencida",
        "estoy seguro",
        "estoy segura",
        "voy a",
        "sé que",
        "sin duda",
        "definitivamente",
        "me comprometo",
    ],
    fillers: &[
        "eh", "em", "mmm", "o sea", "pues", "bueno", "vale", "en plan", "digamos", "sabes",
        "es que",
    ],
    i_words: &["yo", "me", "mi", "mis", "conmigo", "mío", "mía"],
    we_words: &[
        "nosotros", "nosotras", "nos", "nuestro", "nuestra", "nuestros", "nuestras",
    ],
    adverbs: &[
        "personalmente",
        "primero",
        "luego",
        "después",
        "también",
        "rápidamente",
    ],
    not_actions: &[
        "fui",
        "estuve",
        "quise",
        "pensé",
        "creí",
        "sentí",
        "tuve",
        "supe",
        "quería",
        "estamos",
        "queríamos",
        "estábamos",
        "teníamos",
        "debíamos",
        "podíamos",
        "sabíamos",
    ],
    outcome_verbs: &[
        "reduje",
        "aprobaron",
        "aprobado",
        "redujo",
        "redujimos",
        "reducido",
        "aumenté",
        "aumentó",
        "aumentamos",
        "aumentado",
        "mejoré",
        "mejoró",
        "mejoramos",
        "mejorado",
        "dupliqué",
        "duplicó",
        "duplicamos",
        "gané",
        "ganamos",
        "cerré",
        "cerramos",
        "cerrado",
        "firmé",
        "firmamos",
        "lancé",
        "lanzamos",
        "bajó",
        "bajaron",
        "subió",
        "subieron",
        "pasó",
        "pasaron",
        "superé",
        "superó",
        "superamos",
        "alcancé",
        "alcanzó",
        "alcanzamos",
        "ahorré",
        "ahorramos",
        "creció",
        "crecieron",
        "crecimos",
        "conseguí",
        "conseguimos",
        "logré",
        "logramos",
    ],
    change_verbs: &[
        "bajó",
        "bajaron",
        "subió",
        "subieron",
        "pasó",
        "pasaron",
        "creció",
        "crecieron",
        "aumentó",
        "mejoró",
        "redujo",
    ],
    passive_auxiliaries: &["fue", "fueron", "ha", "han", "se"],
    not_done: &[
        "no", "nunca", "debía", "quería", "iba", "podría", "habría", "para",
    ],
    number_words: &[
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "doce",
        "quince",
        "veinte",
        "treinta",
        "cuarenta",
        "cincuenta",
        "cien",
        "mil",
        "millón",
        "millones",
        "mitad",
        "doble",
    ],
    duration_units: &[
        "día",
        "días",
        "semana",
        "semanas",
        "mes",
        "meses",
        "año",
        "años",
        "hora",
        "horas",
        "minuto",
        "minutos",
        "trimestre",
        "trimestres",
        "turno",
        "turnos",
    ],
    people: &[
        "jefe",
        "jefa",
        "director",
        "directora",
        "compañero",
        "compañera",
        "compañeros",
        "cliente",
        "clientes",
        "paciente",
        "pacientes",
        "familia",
        "familias",
        "alumno",
        "alumnos",
        "alumna",
        "médico",
        "médica",
        "equipo",
        "comprador",
        "compradora",
        "proveedor",
        "responsable",
        "gerente",
        "socio",
    ],
    determiners: &[
        "mi", "mis", "nuestro", "nuestra", "nuestros", "el", "la", "los", "las", "un", "una", "su",
    ],
    joiners: &["y", "luego"],
};

/// Words ending in "é" or "í" that are no first-person preterite.
const NOT_VERBS: &[&str] = &[
    "qué", "porqué", "café", "bebé", "josé", "aquí", "allí", "ahí", "así", "frenesí", "maniquí",
    "también",
];

/// Irregular first-person preterites ("hice", "propuse").
const IRREGULAR_I: &[&str] = &[
    "hice", "puse", "dije", "propuse", "conduje", "reduje", "traje", "di", "vi", "rehice",
];

/// First-person preterites of being, having and wanting: the candidate's, but no action.
const STATES_I: &[&str] = &["fui", "estuve", "quise", "tuve", "supe", "pude"];

const PARTICIPLE_ENDINGS: &[&str] = &["ado", "ido", "ada", "ida"];
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "hecho",
    "puesto",
    "escrito",
    "dicho",
    "abierto",
    "resuelto",
    "vuelto",
    "visto",
    "cubierto",
    "propuesto",
];

/// Whose action a verb form tells: "gestioné", "he" → I; "cerramos", "hemos" → we.
pub(super) fn person_of_verb(word: &str) -> Option<Who> {
    let letters = word.chars().count();
    if !word.chars().all(char::is_alphabetic) || NOT_VERBS.contains(&word) {
        return None;
    }
    if word == "he" || IRREGULAR_I.contains(&word) {
        return Some(Who::I);
    }
    if word == "hemos" || (letters >= 6 && (word.ends_with("amos") || word.ends_with("imos"))) {
        return Some(Who::We);
    }
    let preterite_i = letters >= 4 && (word.ends_with('é') || word.ends_with('í'));
    (preterite_i || STATES_I.contains(&word)).then_some(Who::I)
}

pub(super) fn actions(tokens: &Tokens, lexicon: &Lexicon, who: Who) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for at in 0..tokens.len() {
        let word = tokens.lower(at);
        let Some(person) = person_of_verb(word) else {
            continue;
        };
        // "lo que hice", "cuando llegué": a relative clause or the setting, not an action told.
        let subordinate = at > 0
            && matches!(
                tokens.lower(at - 1),
                "que" | "cuando" | "donde" | "si" | "como"
            );
        if subordinate {
            continue;
        }
        if who != Who::Either && person != who {
            continue;
        }
        if matches!(word, "he" | "hemos") {
            let participle = tokens.next_in_clause(at).map(|_| at + 1).filter(|&next| {
                let next = tokens.lower(next);
                IRREGULAR_PARTICIPLES.contains(&next)
                    || PARTICIPLE_ENDINGS
                        .iter()
                        .any(|ending| next.ends_with(ending))
            });
            if let Some(participle) = participle {
                found.push((at, participle));
            }
        } else if !lexicon.not_actions.contains(&word)
            && !word.ends_with("íamos")
            && !word.ends_with("ábamos")
        {
            found.push((at, at));
        }
    }
    found
}
