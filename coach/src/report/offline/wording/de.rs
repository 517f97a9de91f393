//! The offline report in German, with "Sie".

use super::ReportWording;
use domain::Language;

pub(crate) const GERMAN: ReportWording = ReportWording {
    language: Language::German,
    and: " und ",
    more: "{n} weitere",
    components: ["Situation", "Aufgabe", "Handlung", "Ergebnis"],
    dimensions: ["Relevanz", "Struktur", "Konkretheit", "Klarheit", "Souveränität", "Beständigkeit"],
    word: "Wort",
    words: "Wörter",
    answer: "Antwort",
    answers: "Antworten",

    strength_star: "Ihre Antwort auf Frage {n} ist eine vollständige STAR-Geschichte: die Situation, Ihre Aufgabe, was Sie getan haben und was dabei herauskam.",
    strength_measured: "In Frage {n} haben Sie ein Ergebnis mit einer Zahl belegt: An gemessene Ergebnisse erinnern sich Interviewer.",
    strength_numbers: "Sie haben konkrete Zahlen genannt ({list}).",
    strength_terms: "Sie haben Ihre Erfahrung mit dem verbunden, was die Stelle verlangt: {list}.",
    strength_first_person: "Sie haben über Ihre eigenen Entscheidungen in der Ich-Form gesprochen („{phrase}“).",

    weak_short: "Ihre Antwort auf Frage {n} hat {words}: zu kurz, als dass ein Interviewer sie beurteilen könnte. Nennen Sie ein konkretes Beispiel.",
    weak_off_topic: "Ihre Antwort auf Frage {n} hat die Frage nicht beantwortet: Sie ging um etwas anderes.",
    weak_no_result: "Ihre Antwort auf Frage {n} endet vor dem Ergebnis: Sagen Sie, was sich durch Ihr Handeln verändert hat.",
    weak_hedging: "Vorsichtige Formulierungen ({list}) lassen Sie bei Ihrer eigenen Arbeit unsicher wirken: Sagen Sie, was Sie getan haben und was geschah.",
    weak_we: "In Frage {n} sagen Sie durchgehend „wir“: Der Interviewer kann nicht erkennen, welcher Teil Ihrer war.",
    weak_no_number: "Ihre Antwort auf Frage {n} enthält keine Zahl: keine Größenordnung, kein Ergebnis, keinen Zeitraum.",
    weak_fillers: "Füllwörter ({list}) verwässern Ihre Aussage.",
    we: "wir",

    missing_backed: "Ihr Lebenslauf zeigt {list}, was die Stelle verlangt, aber keine Antwort hat es genutzt: Bringen Sie es in Ihre Beispiele ein.",
    missing_unbacked: "Die Stelle verlangt {list}; weder Ihre Antworten noch Ihr Lebenslauf zeigen das. Bereiten Sie ein Beispiel vor oder sagen Sie, wie Sie die Lücke schließen würden.",
    missing_star: "Keine Antwort hat {list} einer STAR-Geschichte genannt.",
    missing_number: "Keine Antwort hat eine Zahl genannt: einen Prozentsatz, einen Betrag, eine Anzahl oder eine Dauer.",
    missing_why: "Keine Antwort hat gesagt, warum {company}: Bereiten Sie einen Grund vor, der zu dieser Stelle passt und nicht zu irgendeiner.",
    it: "es",
    them: "sie",

    not_answer_off_topic: "Das hat die Frage nicht beantwortet: Es ging um etwas anderes. Beantworten Sie, was gefragt war, mit einem Beispiel aus Ihrer Arbeit.",
    not_answer_repeated: "Das hat die Frage nicht beantwortet: Es wiederholte die Frage oder wandte sich an den Interviewer. Beantworten Sie, was gefragt war, mit einem Beispiel aus Ihrer Arbeit.",
    not_answer_empty: "Das hat die Frage nicht beantwortet: Es gibt darin nichts zu beurteilen. Beantworten Sie, was gefragt war, mit einem Beispiel aus Ihrer Arbeit.",
    worked_star: "Eine vollständige STAR-Geschichte: Situation, Aufgabe, Ihre Handlung und das Ergebnis.",
    worked_parts: "Sie haben genannt: {list}.",
    worked_numbers: "Konkrete Zahlen: {list}.",
    worked_terms: "Sie haben genannt, was die Stelle verlangt: {list}.",
    worked_owned: "Sie haben die Arbeit als Ihre benannt („{phrase}“).",
    add_short: "Ein konkretes Beispiel: wo Sie waren, was Sie selbst getan haben und was sich verändert hat ({words} sind zu wenig, um es zu beurteilen).",
    add_number: "Eine Zahl: ein Prozentsatz, ein Betrag, eine Anzahl oder eine Dauer.",
    add_own_part: "Ihr eigener Anteil: Sagen Sie „ich“ für das, was Sie selbst getan haben.",
    add_asked: "{term}: Die Frage zielte darauf; sagen Sie, wie Sie es eingesetzt haben.",
    add_plainly: "Sagen Sie es klar: Lassen Sie {list} weg, wo Sie sich sicher sind.",
    add_closing_line: "Ein Schlusssatz: was Sie gelernt haben oder was Sie beim nächsten Mal anders machen würden.",
    star_advice: [
        "Die Situation: wo und wann, und was auf dem Spiel stand.",
        "Ihre Aufgabe: was Sie erreichen mussten und warum es wichtig war.",
        "Ihr eigenes Handeln, in der Ich-Form: was Sie entschieden und getan haben.",
        "Das Ergebnis: was sich verändert hat, um wie viel und bis wann.",
    ],

    answered_of: "{answered} von {planned} Fragen beantwortet",
    summary_no_score: "Nicht genug Anhaltspunkte für eine Bewertung ({of}). {reason}",
    summary_scored: "{score}/10 bei {of}.",
    summary_strongest: "{score}/10 bei {of}. Am stärksten: {best} ({high}/10). Daran arbeiten: {worst} ({low}/10).",
    no_answer: "Keine Frage wurde beantwortet, es gibt also nichts zu bewerten.",
    too_few_substantial: "Von Ihren {answers} hatten {substantial} mindestens {min_words} Wörter; beantworten Sie mindestens {min} Fragen mit einem konkreten Beispiel, um eine Bewertung zu erhalten.",
};
