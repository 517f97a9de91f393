//! The coach in Spanish, with "usted". Every question opens with "¿"; focus phrases never
//! start with "el", so "de {focus}" needs no contraction.

use super::{Theme, Themes, Wording};
use domain::Language;

pub(crate) const SPANISH: Wording = Wording {
    language: Language::Spanish,
    cv_action_at: "En {employer}, su CV menciona «{phrase}».",
    cv_action: "Su CV menciona «{phrase}».",
    cv_mention_at: "En {employer}, su CV menciona «{phrase}».",
    cv_mention: "Su CV menciona «{phrase}».",

    off_topic_bridges: &[
        "Eso se alejó de mi pregunta, así que probemos otra.",
        "Eso no venía al caso; volvamos al tema.",
        "Volvamos a su trabajo.",
        "Volvamos al tema.",
        "Eso no estaba relacionado.",
        "Regresemos a su trabajo.",
    ],
    not_an_answer_bridges: &[
        "Sigamos con las preguntas de la entrevista.",
        "Sigamos con la entrevista.",
        "Volvamos a la entrevista.",
    ],
    fact_bridges: &["Gracias, queda claro: «{fact}».", "Anotado: «{fact}»."],
    tool_bridge: "Mencionó {tool}; sigamos.",
    answered_bridge: "Eso responde a mi pregunta.",

    opener_with_role_title: &[
        "Su etapa en {employer} como {role_title} parece la más cercana a este puesto. ¿Cómo le preparó para el trabajo en {company}?",
        "Empecemos por su etapa en {employer} como {role_title}: ¿qué parte le prepara mejor para el puesto de {title}, y por qué?",
        "Su etapa en {employer} como {role_title} se parece a este puesto: ¿cómo le preparó para {company}?",
    ],
    opener_with_skill: "Empecemos por {employer}: ¿cómo le preparó su trabajo con {skill} allí para el puesto de {title}?",
    opener_at_employer: "Empecemos por su etapa en {employer}: ¿qué parte le prepara mejor para el puesto de {title}, y por qué?",
    opener_generic: &[
        "Para empezar, ¿podría resumirme su trayectoria y decirme por qué le atrae el puesto de {title} en {company}?",
        "Para empezar, ¿qué experiencia suya le prepara mejor para el puesto de {title}, y por qué?",
    ],
    why_company: "¿Por qué {company}?",

    deep_dive_with_evidence: [
        [
            "¿Cómo abordó usted la parte de {skill}, y qué aprendió?",
            "¿Qué le resultó más difícil de {skill} allí, y cómo lo superó?",
        ],
        [
            "¿Qué ventajas e inconvenientes sopesó usted en la parte de {skill}, y cómo decidió?",
            "¿Cuál fue allí el problema más difícil relacionado con {skill}, y cómo lo resolvió usted?",
        ],
        [
            "¿Cómo marcó usted el rumbo en {skill} para otras personas, y qué cambiaría hoy?",
            "¿Qué decisiones sobre {skill} revisaría usted ahora, y por qué?",
        ],
    ],
    deep_dive_without_evidence: [
        "¿Qué ha hecho usted con {skill}, y qué aprendió de ello?",
        "¿Cuál es el problema más difícil que ha resuelto usted con {skill}, y cómo?",
        "¿Dónde ha fallado su enfoque de {skill}, y qué cambió después?",
    ],
    deep_dive_leads: [
        "{company} pide {name}, y su CV lo menciona.",
        "Su CV cita {name}, algo en lo que se apoya el puesto en {company}.",
    ],

    gap_asks: [
        "¿Qué es lo más parecido en su experiencia, y cómo lo aprendería?",
        "¿Cuál es su experiencia más cercana, y cómo se pondría al día?",
        "¿Cómo cerraría usted rápidamente esa carencia sin dejar de liderar el trabajo?",
    ],
    gap_years: "El puesto pide al menos {required} años de experiencia y su CV muestra {shown}. ¿Qué demuestra que está a la altura de este nivel?",
    gap_probes: [
        "La oferta de {company} pide {name}, que no he encontrado en su CV. {ask}",
        "{company} menciona {name} para este puesto, pero su CV no lo recoge. {ask}",
        "Su CV no muestra {name}, que {company} necesita. {ask}",
    ],

    star_asks: [
        "¿Qué pasó, qué hizo usted personalmente y cuál fue el resultado?",
        "¿Qué estuvo a punto de salir mal, cómo lo gestionó usted y cuál fue el resultado?",
    ],
    star_asks_by_seniority: [
        "¿Qué hizo usted personalmente, qué aprendió y cuál fue el resultado?",
        "¿Cuál fue su decisión más difícil, a quién afectó y cuál fue el resultado?",
        "¿A quién tuvo usted que convencer, cómo lo logró y cuál fue el resultado?",
    ],
    place_at_employer: "en {employer}",
    place_with_skill: "trabajando con {skill}",
    place_any: "en un puesto anterior",
    themes: Themes {
        deadline: Theme {
            template: "Hábleme de una ocasión {place} en la que un plazo estuvo en riesgo. ¿Qué hizo usted, y cuál fue el resultado?",
            focus: "un plazo en riesgo",
            cues: &[
                "plazo", "fecha", "retraso", "calendario", "urgente", "urgencia", "presión",
                "prioridad", "priorizar", "entrega", "lanzamiento", "cierre", "semana",
                "semanas", "días", "horas", "tiempo", "trimestre", "objetivo",
            ],
        },
        disagreement: Theme {
            template: "Describa un desacuerdo con un compañero {place}. ¿Cómo lo resolvió usted, y cuál fue el resultado?",
            focus: "un desacuerdo con un compañero",
            cues: &[
                "desacuerdo", "conflicto", "discusión", "opinión", "debate", "compromiso",
                "convencí", "tensión", "compañero", "compañera", "jefe", "jefa", "consenso",
                "acuerdo",
            ],
        },
        mistake: Theme {
            template: "Hábleme de un error que cometió {place}. ¿Qué hizo usted después, y qué aprendió?",
            focus: "un error que cometió",
            cues: &[
                "error", "equivoqué", "olvidé", "fallo", "culpa", "disculpas", "corregí",
                "incidente", "lección", "aprendí", "di cuenta",
            ],
        },
        learned_quickly: Theme {
            template: "Hábleme de una ocasión {place} en la que tuvo que aprender algo nuevo rápidamente. ¿Qué hizo usted, y qué pasó?",
            focus: "aprender algo nuevo rápidamente",
            cues: &[
                "aprendí", "aprender", "curso", "formación", "estudié", "leí", "practiqué",
                "nuevo", "nueva", "rápido", "rápidamente", "documentación",
            ],
        },
        feedback: Theme {
            template: "Describa una opinión que recibió {place} y que cambió su forma de trabajar. ¿Qué cambió?",
            focus: "una opinión que cambió su forma de trabajar",
            cues: &[
                "opinión", "crítica", "consejo", "comentario", "evaluación", "jefe", "jefa",
                "mentor", "cambié", "mejoré", "feedback",
            ],
        },
        without_authority: Theme {
            template: "Hábleme de una ocasión {place} en la que usted cambió una decisión sin autoridad formal. ¿Cuál fue el resultado?",
            focus: "cambiar una decisión sin autoridad formal",
            cues: &[
                "convencí", "persuadí", "influencia", "decisión", "propuse", "propuesta",
                "datos", "presenté", "dirección", "director", "directora", "autoridad",
            ],
        },
        wrong_call: Theme {
            template: "Describa una decisión que tomó {place} y que resultó equivocada. ¿Cómo se dio cuenta usted y cómo la corrigió?",
            focus: "una decisión que resultó equivocada",
            cues: &[
                "equivocada", "error", "decisión", "decidí", "revertí", "corregí", "di cuenta",
                "lección", "aprendí",
            ],
        },
        helped_grow: Theme {
            template: "¿Cómo ayudó usted a alguien a crecer {place}? ¿Qué hizo, y qué cambió para esa persona?",
            focus: "ayudar a alguien a crecer",
            cues: &[
                "mentor", "mentora", "formé", "acompañé", "crecer", "desarrollo", "junior",
                "ascendido", "ascendida", "apoyé", "enseñé",
            ],
        },
    },

    requirement_questions: [
        "El puesto en {company} incluye: {phrase}. ¿Cuándo lo ha hecho usted, y con qué resultado?",
        "La oferta de {company} menciona «{phrase}». ¿Dónde lo ha demostrado usted, y con qué resultado?",
    ],
    role_questions: [
        "¿Cómo serían sus primeros noventa días como {title} en {company}?",
        "¿Qué parte del puesto de {title} cree usted que le resultará más difícil, y cómo se prepararía?",
        "¿Qué logro de su CV demuestra mejor que puede desempeñar el puesto de {title} en {company}, y por qué?",
    ],
    motivation: [
        "¿Por qué quiere usted incorporarse a {company} como {title}, y no a un puesto similar en otra empresa?",
        "¿Qué le atrae de {company} en particular, y por qué este puesto de {title} es su siguiente paso?",
        "¿Qué sabe usted de {company}, y por qué el puesto de {title} encaja con lo que busca?",
    ],
    closings: [
        "Para terminar, ¿qué preguntas tiene usted para mí sobre el puesto de {title} o el equipo de {company}?",
        "Antes de terminar, ¿qué debería recordar {company} de usted al comparar las candidaturas para {title}?",
        "Última pregunta: ¿qué más deberíamos saber sobre su encaje con {company}?",
    ],
    other_experience: "¿Qué otra parte de su experiencia es importante para el puesto de {title} en {company}, y por qué (pregunta {n})?",
    closing_fallback: "Antes de terminar, ¿hay algo más que {company} debería saber de usted (pregunta {n})?",

    focus_role: "este puesto de {title}",
    focus_employer: "su etapa en {employer}",
    focus_skill: "su trabajo con {name}",
    focus_years: "la experiencia que exige este nivel",
    focus_gap: "su experiencia más cercana a {name}",
    focus_achievement: "ese trabajo en {employer}",
    focus_requirement: "«{phrase}»",
    focus_motivation: "su motivación por {company}",
    focus_default: "ese trabajo",

    too_short_subject: &[
        "Mencionó «{subject}». ¿Cuál fue exactamente su papel, y cómo terminó?",
        "¿Qué hizo usted personalmente durante «{subject}», paso a paso, y qué cambió después?",
    ],
    too_short_action: &[
        "Dijo: «{action}». ¿Qué hizo usted exactamente, paso a paso, y cuál fue el resultado?",
    ],
    too_short: &[
        "¿Podría concretar {focus} con un ejemplo: la situación, su acción y el resultado?",
        "¿Puede usted describirme paso a paso un momento concreto de {focus}?",
        "¿Qué episodio de {focus} muestra mejor lo que hizo usted, y cómo terminó?",
        "Piense en un día concreto de {focus}. ¿Qué pasó entonces, y qué parte le correspondió a usted?",
    ],
    off_topic_action: &[
        "Gracias, aunque eso trataba de «{action}» y no de {focus}. ¿Podría usted hablarme de {focus}?",
    ],
    off_topic: &[
        "Creo que eso respondía a otra pregunta. ¿Podría hablarme de {focus}: qué pasó y qué hizo usted?",
        "Parece que habla de otra cosa. ¿Podría usted volver a {focus}: qué hizo y cómo terminó?",
    ],
    not_an_answer: &[
        "Sigamos con la entrevista. ¿Podría hablarme de {focus} con sus propias palabras: qué hizo y cómo terminó?",
        "Me gustaría su propia respuesta. ¿Qué momento de {focus} le viene a la mente, y cuál fue su papel?",
    ],
    we_action: &["Dijo «{action}». ¿Qué decidió o hizo usted personalmente?"],
    we_only: &[
        "Dijo «nosotros» varias veces. ¿Qué decidió o hizo usted personalmente en {focus}?",
        "¿Qué parte de {focus} fue solo suya, y qué habría pasado sin usted?",
    ],
    no_result_action: &[
        "Dijo: «{action}». ¿Cuál fue su resultado medible: qué cifra o indicador cambió, y cuánto?",
        "Tras «{action}», ¿cómo midió usted el resultado, y qué mostraron las cifras?",
    ],
    no_result: &[
        "¿Qué resultado tuvo {focus}: qué cifra movió usted, y cuánto?",
        "¿Cómo midió usted el resultado de {focus}, y qué mostraron las cifras?",
    ],
    skill_action: &["Dijo: «{action}». ¿Por qué {skill} en ese caso, y qué alternativas descartó usted?"],
    skill: &[
        "Mencionó {skill}, que este puesto utiliza. ¿Cómo lo usó usted exactamente, y qué haría distinto hoy?",
        "Profundicemos en {skill}: ¿cuál fue el problema más difícil que resolvió usted con ello, y cómo?",
    ],
    that_tool: "esa herramienta",
    detail_outcome: &[
        "Dijo: «{outcome}». ¿Cuál de sus cambios marcó la mayor diferencia, y cómo lo supo?",
        "¿Cómo confirmó usted que «{outcome}», y qué haría distinto la próxima vez?",
    ],
    detail_action: "Dijo: «{action}». ¿Por qué ese enfoque, y qué alternativas consideró usted?",
    detail_person: "Mencionó «{person}». ¿Cómo trabajó usted con esa persona, y qué hizo ella de forma distinta después?",
    detail_tool: "¿Qué fue lo más difícil de usar {tool} allí, y cómo lo gestionó usted?",
    detail_measure: "Mencionó {measure}. ¿Cómo llegó a esa cifra, y cuál fue su parte?",
};
