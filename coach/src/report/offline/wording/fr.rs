//! The offline report in French, with "vous".

use super::ReportWording;
use domain::Language;

pub(crate) const FRENCH: ReportWording = ReportWording {
    language: Language::French,
    and: " et ",
    more: "{n} autre(s)",
    components: ["situation", "tâche", "action", "résultat"],
    dimensions: ["pertinence", "structure", "précision", "clarté", "assurance", "régularité"],
    word: "mot",
    words: "mots",
    answer: "réponse",
    answers: "réponses",

    strength_star: "Votre réponse à la question {n} est une histoire STAR complète : la situation, votre tâche, ce que vous avez fait et ce qui en est ressorti.",
    strength_measured: "À la question {n}, vous avez appuyé un résultat sur un chiffre : les recruteurs retiennent les résultats mesurés.",
    strength_numbers: "Vous avez donné des chiffres concrets ({list}).",
    strength_terms: "Vous avez relié votre expérience à ce que demande le poste : {list}.",
    strength_first_person: "Vous avez parlé de vos propres décisions à la première personne (« {phrase} »).",

    weak_short: "Votre réponse à la question {n} compte {words} : c'est trop court pour qu'un recruteur en juge. Donnez un exemple concret.",
    weak_off_topic: "Votre réponse à la question {n} n'a pas répondu à la question : elle portait sur autre chose.",
    weak_no_result: "Votre réponse à la question {n} s'arrête avant le résultat : dites ce qui a changé grâce à ce que vous avez fait.",
    weak_hedging: "Les formules prudentes ({list}) donnent une impression d'hésitation sur votre propre travail : dites ce que vous avez fait et ce qui s'est passé.",
    weak_we: "À la question {n}, vous dites « nous » du début à la fin : le recruteur ne peut pas savoir quelle part vous revenait.",
    weak_no_number: "Votre réponse à la question {n} ne contient aucun chiffre : ni ordre de grandeur, ni résultat, ni délai.",
    weak_fillers: "Les mots de remplissage ({list}) brouillent votre message.",
    we: "nous",

    missing_backed: "Votre CV montre {list}, que le poste demande, mais aucune réponse ne s'en est servie : intégrez-le à vos exemples.",
    missing_unbacked: "Le poste demande {list} ; ni vos réponses ni votre CV ne le montrent. Préparez un exemple, ou dites comment vous combleriez ce manque.",
    missing_star: "Aucune réponse n'a donné {list} d'une histoire STAR.",
    missing_number: "Aucune réponse n'a donné de chiffre : un pourcentage, un montant, un nombre ou une durée.",
    missing_why: "Aucune réponse n'a dit pourquoi {company} : préparez une raison liée à ce poste, pas à n'importe quel poste.",
    it: "le",
    them: "les",

    not_answer_off_topic: "Cette réponse ne répondait pas à la question : elle portait sur autre chose. Répondez à ce qui était demandé, avec un exemple tiré de votre travail.",
    not_answer_repeated: "Cette réponse ne répondait pas à la question : elle répétait la question ou s'adressait à l'interlocuteur. Répondez à ce qui était demandé, avec un exemple tiré de votre travail.",
    not_answer_empty: "Cette réponse ne répondait pas à la question : il n'y a rien à évaluer. Répondez à ce qui était demandé, avec un exemple tiré de votre travail.",
    worked_star: "Une histoire STAR complète : la situation, la tâche, votre action et le résultat.",
    worked_parts: "Vous avez donné : {list}.",
    worked_numbers: "Des chiffres concrets : {list}.",
    worked_terms: "Vous avez cité ce que demande le poste : {list}.",
    worked_owned: "Vous avez assumé le travail (« {phrase} »).",
    add_short: "Un exemple concret : où vous étiez, ce que vous avez fait vous-même et ce qui a changé ({words}, c'est trop peu pour juger).",
    add_number: "Un chiffre : un pourcentage, un montant, un nombre ou une durée.",
    add_own_part: "Votre propre rôle : dites « je » pour ce que vous avez fait vous-même.",
    add_asked: "{term} : la question portait dessus ; dites comment vous l'avez utilisé.",
    add_plainly: "Dites-le simplement : supprimez {list} quand vous en avez la certitude.",
    add_closing_line: "Une phrase de conclusion : ce que vous avez appris, ou ce que vous feriez autrement la prochaine fois.",
    star_advice: [
        "La situation : où et quand, et quel était l'enjeu.",
        "Votre tâche : ce que vous deviez accomplir et pourquoi c'était important.",
        "Vos propres actions, à la première personne : ce que vous avez décidé et fait.",
        "Le résultat : ce qui a changé, de combien et en combien de temps.",
    ],

    answered_of: "{answered} questions sur {planned} ont reçu une réponse",
    summary_no_score: "Pas assez d'éléments pour une note ({of}). {reason}",
    summary_scored: "{score}/10 ({of}).",
    summary_strongest: "{score}/10 ({of}). Point le plus fort : {best} ({high}/10). À travailler : {worst} ({low}/10).",
    no_answer: "Aucune question n'a reçu de réponse : il n'y a rien à noter.",
    too_few_substantial: "Sur vos {answers}, {substantial} comptaient {min_words} mots ou plus ; répondez à au moins {min} questions avec un exemple concret pour obtenir une note.",
};
