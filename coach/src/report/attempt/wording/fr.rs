//! The comparison of an attempt with the original answer, in French, with "vous".

use super::AttemptWording;
use domain::Language;

pub(crate) const FRENCH: AttemptWording = AttemptWording {
    language: Language::French,
    and: " et ",
    word: "mot",
    words: "mots",

    star_now: [
        "La situation y est désormais (« {cue} »).",
        "La tâche y est désormais (« {cue} »).",
        "L'action y est désormais (« {cue} »).",
        "Le résultat y est désormais (« {cue} »).",
    ],
    first_figures: "Un résultat chiffré cette fois : {list}.",
    more_figures: "Davantage de chiffres : {list}.",
    job_terms: "Vous citez ce que demande le poste : {list}.",
    personal_now: "Vous dites ce que vous avez fait vous-même (« je »).",
    fewer_fillers: "Moins de mots de remplissage : {after} au lieu de {before}.",
    fewer_hedges: "Moins de formules prudentes : {after} au lieu de {before}.",
    more_depth: "Plus de fond : {after} mots au lieu de {before}.",

    star_missing: [
        "Pas de situation : dites où et quand cela s'est passé.",
        "Pas de tâche : dites ce que vous deviez accomplir.",
        "Pas d'action : dites ce que vous avez fait, étape par étape.",
        "Pas de résultat : dites comment cela s'est terminé.",
    ],
    star_lost: "Votre première réponse en parlait.",
    no_figure: "Aucun chiffre : ajoutez un résultat mesurable (un pourcentage, une durée, un montant).",
    no_job_term: "Aucun terme de l'offre d'emploi : reliez votre réponse à ce que demande le poste.",
    no_personal: "Pas de « je » : dites ce que vous avez fait vous-même, pas seulement ce qu'a fait l'équipe.",
    still_no_personal: "Toujours pas de « je » : dites ce que vous avez fait vous-même, pas seulement ce qu'a fait l'équipe.",
    filler_habit: "{count} mots de remplissage : dites-le simplement, avec conviction.",
    hedge_habit: "{count} formules prudentes : dites-le simplement, avec conviction.",
    too_short: "Trop court : {words} ; une réponse complète en compte environ {min} à {max}.",
    too_long: "Trop long : {count} mots ; restez en dessous de {max}.",
};
