//! The coach in German, with "Sie". Every focus phrase is feminine, neuter or plural, so it
//! reads the same as subject and as object, and the templates put it only there (never after
//! a preposition that takes the dative).

use super::{Theme, Themes, Wording};
use domain::Language;

pub(crate) const GERMAN: Wording = Wording {
    language: Language::German,
    cv_action_at: "Bei {employer} nennt Ihr Lebenslauf: „{phrase}“.",
    cv_action: "Ihr Lebenslauf nennt: „{phrase}“.",
    cv_mention_at: "Bei {employer} nennt Ihr Lebenslauf: „{phrase}“.",
    cv_mention: "Ihr Lebenslauf nennt: „{phrase}“.",

    off_topic_bridges: &[
        "Das ging an meiner Frage vorbei, versuchen wir eine andere.",
        "Das war nicht das Thema, also zurück zur Sache.",
        "Zurück zu Ihrer Arbeit.",
        "Zurück zum Thema.",
        "Das gehörte nicht dazu.",
        "Zurück zu Ihrer Tätigkeit.",
    ],
    not_an_answer_bridges: &[
        "Bleiben wir bei den Fragen des Gesprächs.",
        "Bleiben wir beim Thema.",
        "Zurück zum Gespräch.",
    ],
    fact_bridges: &["Danke, das ist klar: „{fact}“.", "Notiert: „{fact}“."],
    tool_bridge: "Sie erwähnten {tool}; weiter.",
    answered_bridge: "Das beantwortet meine Frage.",

    opener_with_role_title: &[
        "Ihre Zeit bei {employer} als {role_title} kommt dieser Stelle am nächsten. Wie hat sie Sie auf die Arbeit bei {company} vorbereitet?",
        "Beginnen wir mit Ihrer Zeit bei {employer} als {role_title}: Welcher Teil davon bereitet Sie am besten auf die Stelle als {title} vor, und warum?",
        "Ihre Zeit bei {employer} als {role_title} ist dieser Stelle nah: Wie hat sie Sie auf {company} vorbereitet?",
    ],
    opener_with_skill: "Beginnen wir bei {employer}: Wie hat Ihre Arbeit mit {skill} Sie dort auf die Stelle als {title} vorbereitet?",
    opener_at_employer: "Beginnen wir mit Ihrer Zeit bei {employer}: Welcher Teil davon bereitet Sie am besten auf die Stelle als {title} vor, und warum?",
    opener_generic: &[
        "Zum Einstieg: Könnten Sie mir Ihren Werdegang schildern und sagen, was Sie an der Stelle als {title} bei {company} reizt?",
        "Zum Einstieg: Welche Erfahrung bereitet Sie am besten auf die Stelle als {title} vor, und warum?",
    ],
    why_company: "Warum {company}?",

    deep_dive_with_evidence: [
        [
            "Wie sind Sie dabei das Thema {skill} angegangen, und was haben Sie gelernt?",
            "Was fanden Sie dort an {skill} am schwierigsten, und wie haben Sie es gemeistert?",
        ],
        [
            "Welche Abwägungen haben Sie bei {skill} getroffen, und wie haben Sie entschieden?",
            "Was war dort das schwierigste Problem mit {skill}, und wie haben Sie es gelöst?",
        ],
        [
            "Wie haben Sie bei {skill} für andere die Richtung vorgegeben, und was würden Sie heute ändern?",
            "Welche Entscheidungen zu {skill} würden Sie heute überdenken, und warum?",
        ],
    ],
    deep_dive_without_evidence: [
        "Was haben Sie bereits mit {skill} gemacht, und was haben Sie daraus gelernt?",
        "Was ist das schwierigste Problem, das Sie mit {skill} gelöst haben, und wie?",
        "Wo ist Ihr Ansatz bei {skill} gescheitert, und was haben Sie danach geändert?",
    ],
    deep_dive_leads: [
        "{company} verlangt {name}, und Ihr Lebenslauf nennt es.",
        "Ihr Lebenslauf nennt {name}, worauf die Stelle bei {company} setzt.",
    ],

    gap_asks: [
        "Was kommt dem in Ihrer Erfahrung am nächsten, und wie würden Sie es lernen?",
        "Was ist Ihre nächstliegende Erfahrung, und wie würden Sie sich einarbeiten?",
        "Wie würden Sie diese Lücke schnell schließen und dabei weiter die Arbeit leiten?",
    ],
    gap_years: "Die Stelle verlangt mindestens {required} Jahre Erfahrung, Ihr Lebenslauf zeigt {shown}. Was zeigt, dass Sie dieser Stufe gewachsen sind?",
    gap_probes: [
        "Die Stellenanzeige von {company} verlangt {name}, was ich in Ihrem Lebenslauf nicht finden konnte. {ask}",
        "{company} nennt {name} für diese Stelle, aber Ihr Lebenslauf erwähnt es nicht. {ask}",
        "Zu {name}, das {company} braucht, zeigt Ihr Lebenslauf nichts. {ask}",
    ],

    star_asks: [
        "Was ist passiert, was haben Sie selbst getan, und was war das Ergebnis?",
        "Was wäre beinahe schiefgegangen, wie sind Sie damit umgegangen, und was war das Ergebnis?",
    ],
    star_asks_by_seniority: [
        "Was haben Sie selbst getan, was haben Sie gelernt, und was war das Ergebnis?",
        "Was war die schwierigste Entscheidung, wen betraf sie, und was war das Ergebnis?",
        "Wen mussten Sie überzeugen, wie ist Ihnen das gelungen, und was war das Ergebnis?",
    ],
    place_at_employer: "bei {employer}",
    place_with_skill: "bei der Arbeit mit {skill}",
    place_any: "in einer früheren Stelle",
    themes: Themes {
        deadline: Theme {
            template: "Erzählen Sie von einer Situation {place}, in der eine Frist gefährdet war. Was haben Sie getan, und was war das Ergebnis?",
            focus: "eine gefährdete Frist",
            cues: &[
                "frist", "termin", "deadline", "verzögerung", "verspätung", "zeitplan", "druck",
                "priorität", "priorisiert", "dringend", "eilig", "übergabe", "schicht",
                "stunden", "tage", "wochen", "zeit", "rechtzeitig", "abgabe", "start",
            ],
        },
        disagreement: Theme {
            template: "Beschreiben Sie eine Meinungsverschiedenheit mit einer Kollegin oder einem Kollegen {place}. Wie haben Sie sie gelöst, und mit welchem Ergebnis?",
            focus: "eine Meinungsverschiedenheit im Team",
            cues: &[
                "meinungsverschiedenheit", "konflikt", "streit", "meinung", "ansicht",
                "diskussion", "kompromiss", "überzeugt", "spannung", "kollegin", "kollege",
                "kollegen", "vorgesetzte", "einigung", "geeinigt",
            ],
        },
        mistake: Theme {
            template: "Erzählen Sie von einem Fehler, der Ihnen {place} unterlaufen ist. Was haben Sie danach getan, und was haben Sie gelernt?",
            focus: "eine Situation, in der Ihnen ein Fehler unterlief",
            cues: &[
                "fehler", "versehen", "vergessen", "übersehen", "falsch", "schuld",
                "entschuldigt", "korrigiert", "behoben", "vorfall", "lektion", "gelernt",
                "bemerkt",
            ],
        },
        learned_quickly: Theme {
            template: "Erzählen Sie von einer Situation {place}, in der Sie schnell etwas Neues lernen mussten. Wie sind Sie vorgegangen, und was ist passiert?",
            focus: "eine Situation, in der Sie schnell lernen mussten",
            cues: &[
                "gelernt", "lernen", "schulung", "kurs", "fortbildung", "einarbeitung",
                "gelesen", "geübt", "neu", "neue", "neues", "schnell", "dokumentation",
            ],
        },
        feedback: Theme {
            template: "Beschreiben Sie eine Rückmeldung, die Sie {place} erhalten haben und die Ihre Arbeitsweise verändert hat. Was haben Sie geändert?",
            focus: "eine Rückmeldung, die Ihre Arbeitsweise verändert hat",
            cues: &[
                "rückmeldung", "feedback", "kritik", "rat", "hinweis", "beurteilung",
                "mitarbeitergespräch", "vorgesetzte", "mentor", "geändert", "verbessert",
            ],
        },
        without_authority: Theme {
            template: "Erzählen Sie von einer Situation {place}, in der Sie eine Entscheidung ohne formale Befugnis verändert haben. Was war das Ergebnis?",
            focus: "eine Entscheidung, die Sie ohne formale Befugnis verändert haben",
            cues: &[
                "überzeugt", "einfluss", "entscheidung", "vorgeschlagen", "vorschlag", "daten",
                "präsentiert", "leitung", "geschäftsführung", "zugestimmt", "befugnis",
            ],
        },
        wrong_call: Theme {
            template: "Beschreiben Sie eine Entscheidung, die Sie {place} getroffen haben und die sich als falsch erwies. Wie haben Sie das bemerkt und korrigiert?",
            focus: "eine Entscheidung, die sich als falsch erwies",
            cues: &[
                "falsch", "fehler", "entscheidung", "entschieden", "rückgängig", "korrigiert",
                "bemerkt", "gemerkt", "lektion", "gelernt",
            ],
        },
        helped_grow: Theme {
            template: "Wie haben Sie {place} jemandem geholfen, sich weiterzuentwickeln? Was haben Sie getan, und was hat sich für diese Person verändert?",
            focus: "die Förderung einer anderen Person",
            cues: &[
                "mentor", "mentorin", "eingearbeitet", "einarbeitung", "gefördert", "praxisanleiterin",
                "praxisanleiter", "auszubildende", "junior", "entwickelt", "geschult",
                "befördert", "unterstützt",
            ],
        },
    },

    requirement_questions: [
        "Die Stelle bei {company} umfasst: {phrase}. Wann haben Sie das bereits getan, und mit welchem Ergebnis?",
        "Die Stellenanzeige von {company} nennt „{phrase}“. Wo haben Sie das gezeigt, und mit welchem Ergebnis?",
    ],
    role_questions: [
        "Wie würden Ihre ersten neunzig Tage als {title} bei {company} aussehen?",
        "Welcher Teil der Stelle als {title} wird Ihnen wohl am schwersten fallen, und wie würden Sie sich vorbereiten?",
        "Welcher Erfolg in Ihrem Lebenslauf zeigt am besten, dass Sie die Stelle als {title} bei {company} ausfüllen können, und warum?",
    ],
    motivation: [
        "Warum möchten Sie als {title} zu {company} wechseln und nicht in eine ähnliche Stelle anderswo?",
        "Was reizt Sie gerade an {company}, und warum ist diese Stelle als {title} Ihr nächster Schritt?",
        "Was wissen Sie über {company}, und warum passt die Stelle als {title} zu Ihren Zielen?",
    ],
    closings: [
        "Zum Schluss: Welche Fragen haben Sie an mich zur Stelle als {title} oder zum Team bei {company}?",
        "Bevor wir enden: Was sollte {company} beim Vergleich der Bewerbungen für die Stelle als {title} über Sie wissen?",
        "Letzte Frage: Was sollten wir noch über Ihre Eignung für {company} wissen?",
    ],
    other_experience: "Welcher andere Teil Ihrer Erfahrung ist für die Stelle als {title} bei {company} wichtig, und warum (Frage {n})?",
    closing_fallback: "Bevor wir enden: Gibt es noch etwas, das {company} über Sie wissen sollte (Frage {n})?",

    focus_role: "die Stelle als {title}",
    focus_employer: "Ihre Zeit bei {employer}",
    focus_skill: "Ihre Arbeit mit {name}",
    focus_years: "die Erfahrung, die diese Stufe verlangt",
    focus_gap: "Ihre Erfahrung, die {name} am nächsten kommt",
    focus_achievement: "diese Arbeit bei {employer}",
    focus_requirement: "die Anforderung „{phrase}“",
    focus_motivation: "Ihre Motivation für {company}",
    focus_default: "diese Arbeit",

    too_short_subject: &[
        "Sie erwähnten „{subject}“. Was genau war Ihr eigener Anteil daran, und wie ging es aus?",
        "Was haben Sie bei „{subject}“ persönlich getan, Schritt für Schritt, und was änderte sich danach?",
    ],
    too_short_action: &[
        "Sie sagten: „{action}“. Was genau haben Sie getan, Schritt für Schritt, und was war das Ergebnis?",
    ],
    too_short: &[
        "Könnten Sie {focus} an einem konkreten Beispiel zeigen: die Situation, Ihr Handeln und das Ergebnis?",
        "Welcher konkrete Moment steht für {focus}, und was haben Sie dort Schritt für Schritt getan?",
        "Welche einzelne Episode zeigt {focus} am besten, und wie ging sie aus?",
        "Denken Sie an einen bestimmten Tag in Bezug auf {focus}. Was geschah, und welcher Teil davon war Ihrer?",
    ],
    off_topic_action: &[
        "Danke, aber das betraf „{action}“ und nicht {focus}. Könnten Sie mir stattdessen etwas über {focus} erzählen?",
    ],
    off_topic: &[
        "Ich glaube, das beantwortete eine andere Frage. Könnten Sie mir etwas über {focus} erzählen: Was geschah, und was haben Sie getan?",
        "Das scheint um etwas anderes zu gehen. Könnten Sie auf {focus} zurückkommen: Was haben Sie getan, und wie ging es aus?",
    ],
    not_an_answer: &[
        "Bleiben wir beim Gespräch. Könnten Sie mir in eigenen Worten etwas über {focus} erzählen: Was haben Sie getan, und wie ging es aus?",
        "Ich möchte Ihre eigene Antwort hören. Welcher Moment fällt Ihnen für {focus} ein, und was war Ihr Anteil daran?",
    ],
    we_action: &["Sie sagten: „{action}“. Was haben Sie dabei persönlich entschieden oder getan?"],
    we_only: &[
        "Sie sagten mehrmals „wir“. Was haben Sie persönlich für {focus} entschieden oder getan?",
        "Was war Ihr eigener Beitrag für {focus}, und was wäre ohne Sie passiert?",
    ],
    no_result_action: &[
        "Sie sagten: „{action}“. Was war das messbare Ergebnis: Welche Zahl oder Kennzahl hat sich verändert, und um wie viel?",
        "Wie haben Sie das Ergebnis von „{action}“ gemessen, und was zeigten die Zahlen?",
    ],
    no_result: &[
        "Was hat {focus} messbar bewirkt: Welche Zahl hat sich bewegt, und um wie viel?",
        "Wie haben Sie das Ergebnis für {focus} gemessen, und was zeigten die Zahlen?",
    ],
    skill_action: &["Sie sagten: „{action}“. Warum dort {skill}, und welche Alternativen haben Sie verworfen?"],
    skill: &[
        "Sie erwähnten {skill}, das diese Stelle nutzt. Wie genau haben Sie es eingesetzt, und was würden Sie heute anders machen?",
        "Gehen wir bei {skill} tiefer: Was war das schwierigste Problem, das Sie damit gelöst haben, und wie?",
    ],
    that_tool: "dieses Werkzeug",
    detail_outcome: &[
        "Sie sagten: „{outcome}“. Welche Ihrer Änderungen hat am meisten bewirkt, und woran haben Sie das erkannt?",
        "Wie haben Sie überprüft, dass „{outcome}“ zutrifft, und was würden Sie nächstes Mal anders machen?",
    ],
    detail_action: "Sie sagten: „{action}“. Warum dieser Ansatz, und welche Alternativen haben Sie erwogen?",
    detail_person: "Sie erwähnten „{person}“. Wie haben Sie zusammengearbeitet, und was hat diese Person danach anders gemacht?",
    detail_tool: "Was war dabei das Schwierigste am Einsatz von {tool}, und wie sind Sie damit umgegangen?",
    detail_measure: "Sie erwähnten {measure}. Wie kam es dazu, und was war Ihr eigener Anteil daran?",
};
