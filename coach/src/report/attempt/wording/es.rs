//! The comparison of an attempt with the original answer, in Spanish, with "usted".

use super::AttemptWording;
use domain::Language;

pub(crate) const SPANISH: AttemptWording = AttemptWording {
    language: Language::Spanish,
    and: " y ",
    word: "palabra",
    words: "palabras",

    star_now: [
        "La situación ya aparece («{cue}»).",
        "La tarea ya aparece («{cue}»).",
        "La acción ya aparece («{cue}»).",
        "El resultado ya aparece («{cue}»).",
    ],
    first_figures: "Ahora con un resultado medible: {list}.",
    more_figures: "Más cifras: {list}.",
    job_terms: "Nombra lo que pide el puesto: {list}.",
    // Spanish verbs carry the person: the analysis counts them, not the word "yo".
    personal_now: "Dice lo que hizo usted mismo, en primera persona.",
    fewer_fillers: "Menos muletillas: {after} en lugar de {before}.",
    fewer_hedges: "Menos expresiones de duda: {after} en lugar de {before}.",
    more_depth: "Más profundidad: {after} palabras en lugar de {before}.",

    star_missing: [
        "Sin situación: diga dónde y cuándo ocurrió.",
        "Sin tarea: diga qué tenía que lograr.",
        "Sin acción: diga qué hizo usted, paso a paso.",
        "Sin resultado: diga cómo terminó.",
    ],
    star_lost: "Su primera respuesta sí lo incluía.",
    no_figure: "Sin cifras: añada un resultado medible (un porcentaje, un plazo, un importe).",
    no_job_term: "Ningún término de la oferta: relacione su respuesta con lo que pide el puesto.",
    no_personal: "Sin primera persona: diga lo que hizo usted mismo, no solo lo que hizo el equipo.",
    still_no_personal: "Todavía sin primera persona: diga lo que hizo usted mismo, no solo lo que hizo el equipo.",
    filler_habit: "{count} muletillas: dígalo con claridad y convicción.",
    hedge_habit: "{count} expresiones de duda: dígalo con claridad y convicción.",
    too_short: "Demasiado corta: {words}; una respuesta completa tiene entre {min} y {max}, aproximadamente.",
    too_long: "Demasiado larga: {count} palabras; no pase de {max}.",
};
