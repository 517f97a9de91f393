//! The offline report in Spanish, with "usted".

use super::ReportWording;
use domain::Language;

pub(crate) const SPANISH: ReportWording = ReportWording {
    language: Language::Spanish,
    and: " y ",
    more: "{n} más",
    components: ["situación", "tarea", "acción", "resultado"],
    dimensions: ["pertinencia", "estructura", "concreción", "claridad", "seguridad", "regularidad"],
    word: "palabra",
    words: "palabras",
    answer: "respuesta",
    answers: "respuestas",

    strength_star: "Su respuesta a la pregunta {n} es una historia STAR completa: la situación, su tarea, lo que hizo y lo que resultó de ello.",
    strength_measured: "En la pregunta {n} respaldó un resultado con una cifra: los entrevistadores recuerdan los resultados medidos.",
    strength_numbers: "Dio cifras concretas ({list}).",
    strength_terms: "Relacionó su experiencia con lo que pide el puesto: {list}.",
    strength_first_person: "Habló de sus propias decisiones en primera persona («{phrase}»).",

    weak_short: "Su respuesta a la pregunta {n} tiene {words}: demasiado corta para que un entrevistador la valore. Dé un ejemplo concreto.",
    weak_off_topic: "Su respuesta a la pregunta {n} no respondió a la pregunta: trataba de otra cosa.",
    weak_no_result: "Su respuesta a la pregunta {n} se detiene antes del resultado: diga qué cambió gracias a lo que hizo.",
    weak_hedging: "Las expresiones de duda ({list}) transmiten inseguridad sobre su propio trabajo: diga lo que hizo y lo que pasó.",
    weak_we: "En la pregunta {n} dice «nosotros» todo el tiempo: el entrevistador no puede saber qué parte fue suya.",
    weak_no_number: "Su respuesta a la pregunta {n} no tiene ninguna cifra: ni escala, ni resultado, ni plazo.",
    weak_fillers: "Las muletillas ({list}) diluyen su mensaje.",
    we: "nosotros",

    missing_backed: "Su CV muestra {list}, que el puesto pide, pero ninguna respuesta lo usó: inclúyalo en sus ejemplos.",
    missing_unbacked: "El puesto pide {list}; ni sus respuestas ni su CV lo muestran. Prepare un ejemplo, o explique cómo cubriría esa carencia.",
    missing_star: "Ninguna respuesta dio {list} de una historia STAR.",
    missing_number: "Ninguna respuesta dio una cifra: un porcentaje, un importe, una cantidad o un plazo.",
    missing_why: "Ninguna respuesta dijo por qué {company}: prepare una razón ligada a este puesto, no a cualquiera.",
    it: "lo",
    them: "los",

    not_answer_off_topic: "Esto no respondió a la pregunta: trataba de otra cosa. Responda a lo que se preguntó, con un ejemplo de su trabajo.",
    not_answer_repeated: "Esto no respondió a la pregunta: repetía la pregunta o se dirigía al entrevistador. Responda a lo que se preguntó, con un ejemplo de su trabajo.",
    not_answer_empty: "Esto no respondió a la pregunta: no hay nada que valorar. Responda a lo que se preguntó, con un ejemplo de su trabajo.",
    worked_star: "Una historia STAR completa: situación, tarea, su acción y el resultado.",
    worked_parts: "Dio: {list}.",
    worked_numbers: "Cifras concretas: {list}.",
    worked_terms: "Nombró lo que pide el puesto: {list}.",
    worked_owned: "Asumió el trabajo como suyo («{phrase}»).",
    add_short: "Un ejemplo concreto: dónde estaba, qué hizo usted mismo y qué cambió ({words} es demasiado poco para valorarlo).",
    add_number: "Una cifra: un porcentaje, un importe, una cantidad o un plazo.",
    add_own_part: "Su propio papel: diga «yo» para lo que hizo usted mismo.",
    add_asked: "{term}: la pregunta trataba de ello; diga cómo lo ha utilizado.",
    add_plainly: "Dígalo con claridad: quite {list} cuando esté seguro de ello.",
    add_closing_line: "Una frase de cierre: lo que aprendió, o lo que haría de otra forma la próxima vez.",
    star_advice: [
        "La situación: dónde y cuándo, y qué estaba en juego.",
        "Su tarea: qué tenía que lograr y por qué importaba.",
        "Sus propias acciones, en primera persona: qué decidió e hizo.",
        "El resultado: qué cambió, cuánto y en qué plazo.",
    ],

    answered_of: "{answered} de {planned} preguntas respondidas",
    summary_no_score: "No hay suficientes elementos para una puntuación ({of}). {reason}",
    summary_scored: "{score}/10 con {of}.",
    summary_strongest: "{score}/10 con {of}. Lo más fuerte: {best} ({high}/10). A mejorar: {worst} ({low}/10).",
    no_answer: "No se respondió ninguna pregunta, así que no hay nada que puntuar.",
    too_few_substantial: "De sus {answers}, {substantial} tenían {min_words} palabras o más; responda al menos {min} preguntas con un ejemplo concreto para obtener una puntuación.",
};
