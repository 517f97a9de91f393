//! The comparison of an attempt with the original answer, in German, with "Sie".

use super::AttemptWording;
use domain::Language;

pub(crate) const GERMAN: AttemptWording = AttemptWording {
    language: Language::German,
    and: " und ",
    word: "Wort",
    words: "Wörter",

    star_now: [
        "Die Situation fehlt nicht mehr („{cue}“).",
        "Die Aufgabe fehlt nicht mehr („{cue}“).",
        "Ihr Handeln fehlt nicht mehr („{cue}“).",
        "Das Ergebnis fehlt nicht mehr („{cue}“).",
    ],
    first_figures: "Jetzt mit messbarem Ergebnis: {list}.",
    more_figures: "Mehr Zahlen: {list}.",
    job_terms: "Sie nennen, was die Stelle verlangt: {list}.",
    personal_now: "Sie sagen, was Sie selbst getan haben („ich“).",
    fewer_fillers: "Weniger Füllwörter: {after} statt {before}.",
    fewer_hedges: "Weniger vorsichtige Formulierungen: {after} statt {before}.",
    more_depth: "Mehr Tiefe: {after} Wörter statt {before}.",

    star_missing: [
        "Keine Situation: Sagen Sie, wo und wann es geschah.",
        "Keine Aufgabe: Sagen Sie, was Sie erreichen mussten.",
        "Kein eigenes Handeln: Sagen Sie Schritt für Schritt, was Sie getan haben.",
        "Kein Ergebnis: Sagen Sie, wie es ausging.",
    ],
    star_lost: "Ihre erste Antwort hatte das noch.",
    no_figure: "Keine Zahl: Nennen Sie ein messbares Ergebnis (einen Prozentsatz, eine Dauer, einen Betrag).",
    no_job_term: "Kein Begriff aus der Stellenanzeige: Verbinden Sie Ihre Antwort mit dem, was die Stelle verlangt.",
    no_personal: "Kein persönliches „ich“: Sagen Sie, was Sie selbst getan haben, nicht nur, was das Team getan hat.",
    still_no_personal: "Noch immer kein persönliches „ich“: Sagen Sie, was Sie selbst getan haben, nicht nur, was das Team getan hat.",
    filler_habit: "{count} Füllwörter: Sagen Sie es klar und mit Überzeugung.",
    hedge_habit: "{count} vorsichtige Formulierungen: Sagen Sie es klar und mit Überzeugung.",
    too_short: "Zu kurz: {words}; eine vollständige Antwort hat etwa {min} bis {max}.",
    too_long: "Zu lang: {count} Wörter; bleiben Sie unter {max}.",
};
