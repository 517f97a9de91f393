//! The coach in French, vouvoiement throughout. Phrasings that would agree with the
//! candidate's gender ("prêt", "préparé") are avoided rather than guessed.

use super::{Theme, Themes, Wording};
use domain::Language;

pub(crate) const FRENCH: Wording = Wording {
    language: Language::French,
    cv_action_at: "Chez {employer}, votre CV indique « {phrase} ».",
    cv_action: "Votre CV indique « {phrase} ».",
    cv_mention_at: "Chez {employer}, votre CV indique « {phrase} ».",
    cv_mention: "Votre CV indique « {phrase} ».",

    off_topic_bridges: &[
        "Cela s'éloigne de ma question, essayons-en une autre.",
        "C'était hors sujet, recentrons-nous.",
        "Revenons à votre travail.",
        "Recentrons-nous.",
        "C'était sans rapport.",
        "Revenons à vos expériences.",
    ],
    not_an_answer_bridges: &[
        "Restons sur les questions de l'entretien.",
        "Restons sur l'entretien.",
        "Revenons au travail.",
    ],
    fact_bridges: &["Merci, c'est clair : « {fact} ».", "C'est noté : « {fact} »."],
    tool_bridge: "C'est noté pour {tool}.",
    answered_bridge: "Cela répond à ma question.",

    opener_with_role_title: &[
        "Votre expérience chez {employer} comme {role_title} semble la plus proche de ce poste. Qu'en retirez-vous pour le travail chez {company} ?",
        "Commençons par votre expérience chez {employer} comme {role_title} : quelle partie vous prépare le mieux au poste de {title}, et pourquoi ?",
        "Votre expérience chez {employer} comme {role_title} est proche de ce poste : en quoi vous prépare-t-elle pour {company} ?",
    ],
    opener_with_skill: "Commençons chez {employer} : en quoi votre travail avec {skill} vous prépare-t-il au poste de {title} ?",
    opener_at_employer: "Commençons par votre expérience chez {employer} : quelle partie vous prépare le mieux au poste de {title}, et pourquoi ?",
    opener_generic: &[
        "Pour commencer, pourriez-vous me présenter votre parcours et ce qui vous attire dans le poste de {title} chez {company} ?",
        "Pour commencer, quelle expérience vous prépare le mieux au poste de {title}, et pourquoi ?",
    ],
    why_company: "Pourquoi {company} ?",

    deep_dive_with_evidence: [
        [
            "Comment avez-vous abordé l'aspect {skill}, et qu'en avez-vous appris ?",
            "Qu'avez-vous trouvé le plus difficile avec {skill}, et comment l'avez-vous surmonté ?",
        ],
        [
            "Quels compromis avez-vous pesés côté {skill}, et comment avez-vous tranché ?",
            "Quel a été le problème le plus difficile impliquant {skill}, et comment l'avez-vous résolu ?",
        ],
        [
            "Comment avez-vous fixé le cap sur {skill} pour les autres, et que changeriez-vous aujourd'hui ?",
            "Quelles décisions sur {skill} reverriez-vous aujourd'hui, et pourquoi ?",
        ],
    ],
    deep_dive_without_evidence: [
        "Qu'avez-vous réalisé avec {skill}, et qu'en avez-vous appris ?",
        "Quel est le problème le plus difficile que vous avez résolu avec {skill}, et comment ?",
        "Où votre approche de {skill} a-t-elle échoué, et qu'avez-vous changé ensuite ?",
    ],
    deep_dive_leads: [
        "{company} demande {name}, et votre CV le mentionne.",
        "Votre CV cite {name}, sur quoi s'appuie le poste chez {company}.",
    ],

    gap_asks: [
        "Quelle expérience s'en rapproche le plus, et comment l'apprendriez-vous ?",
        "Quelle est votre expérience la plus proche, et comment vous mettriez-vous à niveau ?",
        "Comment combleriez-vous vite ce manque tout en continuant à piloter le travail ?",
    ],
    gap_years: "Le poste demande au moins {required} ans d'expérience et votre CV en montre {shown}. Qu'est-ce qui montre que vous êtes à la hauteur de ce niveau ?",
    gap_probes: [
        "L'annonce de {company} demande {name}, que je n'ai pas trouvé dans votre CV. {ask}",
        "{company} cite {name} pour ce poste, mais votre CV ne le mentionne pas. {ask}",
        "Votre CV ne montre pas {name}, dont {company} a besoin. {ask}",
    ],

    star_asks: [
        "Que s'est-il passé, qu'avez-vous fait vous-même, et quel a été le résultat ?",
        "Qu'est-ce qui a failli mal tourner, comment l'avez-vous géré, et quel a été le résultat ?",
    ],
    star_asks_by_seniority: [
        "Qu'avez-vous fait vous-même, qu'avez-vous appris, et quel a été le résultat ?",
        "Quelle a été la décision la plus difficile, qui a-t-elle touché, et quel a été le résultat ?",
        "Qui avez-vous dû convaincre, de quelle manière, et quel a été le résultat ?",
    ],
    place_at_employer: "chez {employer}",
    place_with_skill: "en travaillant avec {skill}",
    place_any: "dans un poste précédent",
    themes: Themes {
        deadline: Theme {
            template: "Parlez-moi d'une situation {place} où un délai était menacé. Qu'avez-vous fait, et quel a été le résultat ?",
            focus: "un délai menacé",
            cues: &[
                "délai", "échéance", "retard", "date", "planning", "calendrier", "urgence", "urgent",
                "pression", "priorité", "livraison", "lancement", "semaine", "semaines", "jours",
                "heures", "temps", "rentrée", "examen", "brevet", "garde", "fin",
            ],
        },
        disagreement: Theme {
            template: "Décrivez un désaccord avec un collègue {place}. Comment l'avez-vous résolu, et avec quel résultat ?",
            focus: "un désaccord avec un collègue",
            cues: &[
                "désaccord", "conflit", "opinion", "avis", "débat", "compromis", "convaincu",
                "tension", "collègue", "collègues", "responsable", "consensus", "accord",
                "discussion", "point de vue",
            ],
        },
        mistake: Theme {
            template: "Parlez-moi d'une erreur que vous avez commise {place}. Qu'avez-vous fait ensuite, et qu'en avez-vous appris ?",
            focus: "une erreur que vous avez commise",
            cues: &[
                "erreur", "faute", "oubli", "oublié", "raté", "trompé", "excuses", "corrigé",
                "incident", "leçon", "compris", "rendu compte", "échec",
            ],
        },
        learned_quickly: Theme {
            template: "Parlez-moi d'un moment {place} où vous avez dû apprendre vite quelque chose de nouveau. Qu'avez-vous fait, et que s'est-il passé ?",
            focus: "l'apprentissage rapide d'une nouveauté",
            cues: &[
                "appris", "apprendre", "formation", "formé", "cours", "lu", "étudié", "pratiqué",
                "nouveau", "nouvelle", "tutoriel", "documentation", "vite", "rapidement",
            ],
        },
        feedback: Theme {
            template: "Décrivez un retour reçu {place} qui a changé votre façon de travailler. Qu'avez-vous changé ?",
            focus: "un retour qui a changé votre façon de travailler",
            cues: &[
                "retour", "critique", "conseil", "remarque", "inspection", "inspecteur",
                "entretien", "évaluation", "responsable", "tuteur", "changé", "amélioré",
            ],
        },
        without_authority: Theme {
            template: "Parlez-moi d'une situation {place} où vous avez fait changer une décision sans autorité formelle. Quel a été le résultat ?",
            focus: "une décision changée sans autorité formelle",
            cues: &[
                "convaincu", "persuadé", "influence", "décision", "proposé", "proposition",
                "données", "présenté", "direction", "directeur", "directrice", "accord",
                "autorité",
            ],
        },
        wrong_call: Theme {
            template: "Décrivez une décision prise {place} qui s'est révélée mauvaise. Comment l'avez-vous remarqué et rattrapé ?",
            focus: "une décision qui s'est révélée mauvaise",
            cues: &[
                "erreur", "décision", "décidé", "revenu", "annulé", "corrigé", "rattrapé",
                "remarqué", "compris", "leçon", "mauvaise",
            ],
        },
        helped_grow: Theme {
            template: "Comment avez-vous aidé quelqu'un à progresser {place} ? Qu'avez-vous fait, et qu'est-ce qui a changé pour cette personne ?",
            focus: "l'accompagnement d'une personne dans sa progression",
            cues: &[
                "tuteur", "tutrice", "tutorat", "accompagné", "accompagnement", "formé",
                "progresser", "progrès", "stagiaire", "débutant", "mentor", "conseils",
                "promu", "soutenu",
            ],
        },
    },

    requirement_questions: [
        "Le poste chez {company} comprend : {phrase}. Quand l'avez-vous déjà fait, et avec quel résultat ?",
        "L'annonce de {company} mentionne « {phrase} ». Où l'avez-vous démontré, et avec quel résultat ?",
    ],
    role_questions: [
        "À quoi ressembleraient vos quatre-vingt-dix premiers jours comme {title} chez {company} ?",
        "Quelle partie du poste de {title} vous semble la plus difficile, et comment vous y prépareriez-vous ?",
        "Quelle réussite de votre CV montre le mieux que vous pouvez occuper le poste de {title} chez {company}, et pourquoi ?",
    ],
    motivation: [
        "Pourquoi souhaitez-vous rejoindre {company} comme {title}, plutôt qu'un poste similaire ailleurs ?",
        "Qu'est-ce qui vous attire chez {company} en particulier, et pourquoi ce poste de {title} est-il votre prochaine étape ?",
        "Que savez-vous de {company}, et en quoi le poste de {title} correspond-il à vos objectifs ?",
    ],
    closings: [
        "Pour terminer, quelles questions avez-vous pour moi sur le poste de {title} ou l'équipe de {company} ?",
        "Avant de conclure, que devrait retenir {company} de vous en comparant les candidatures pour ce poste de {title} ?",
        "Dernière question : que devrions-nous encore savoir sur vous et votre adéquation avec {company} ?",
    ],
    other_experience: "Quelle autre partie de votre expérience compte pour le poste de {title} chez {company}, et pourquoi (question {n}) ?",
    closing_fallback: "Avant de conclure, y a-t-il autre chose que {company} devrait savoir sur vous (question {n}) ?",

    focus_role: "ce poste de {title}",
    focus_employer: "votre expérience chez {employer}",
    focus_skill: "votre travail avec {name}",
    focus_years: "l'expérience qu'exige ce niveau",
    focus_gap: "votre expérience la plus proche de {name}",
    focus_achievement: "ce travail chez {employer}",
    focus_requirement: "« {phrase} »",
    focus_motivation: "votre motivation pour {company}",
    focus_default: "ce travail",

    too_short_subject: &[
        "Vous avez évoqué « {subject} ». Quel a été précisément votre rôle, et comment cela s'est-il terminé ?",
        "Qu'avez-vous fait personnellement pendant « {subject} », étape par étape, et qu'est-ce qui a changé ensuite ?",
    ],
    too_short_action: &[
        "Vous avez dit : « {action} ». Qu'avez-vous fait exactement, étape par étape, et quel a été le résultat ?",
    ],
    too_short: &[
        "Pourriez-vous illustrer {focus} par un exemple précis : la situation, votre action et le résultat ?",
        "Pouvez-vous me décrire pas à pas un moment précis de {focus} ?",
        "Quel épisode de {focus} montre le mieux ce que vous avez fait, et comment s'est-il terminé ?",
        "Pensez à une journée précise de {focus}. Que s'est-il passé, et quelle part vous revenait ?",
    ],
    off_topic_action: &[
        "Merci, mais cela portait sur « {action} » plutôt que sur {focus}. Pourriez-vous me parler de {focus} ?",
    ],
    off_topic: &[
        "Je crois que cela répondait à une autre question. Pourriez-vous me parler de {focus} : que s'est-il passé, et qu'avez-vous fait ?",
        "Cela semble porter sur autre chose. Pourriez-vous revenir à {focus} : qu'avez-vous fait, et comment cela s'est-il terminé ?",
    ],
    not_an_answer: &[
        "Restons sur l'entretien. Pourriez-vous me parler de {focus} avec vos propres mots : qu'avez-vous fait, et comment cela s'est-il terminé ?",
        "J'aimerais votre propre réponse. Quel moment de {focus} vous vient à l'esprit, et quel y était votre rôle ?",
    ],
    we_action: &["Vous avez dit « {action} ». Qu'avez-vous personnellement décidé ou fait ?"],
    we_only: &[
        "Vous avez souvent dit « nous ». Qu'avez-vous personnellement décidé ou fait dans {focus} ?",
        "Quelle part de {focus} était la vôtre, et que se serait-il passé sans vous ?",
    ],
    no_result_action: &[
        "Vous avez dit : « {action} ». Quel a été le résultat mesurable : quel chiffre ou indicateur a changé, et de combien ?",
        "Après « {action} », comment avez-vous mesuré le résultat, et que montraient les chiffres ?",
    ],
    no_result: &[
        "Quel résultat a eu {focus} : quel chiffre avez-vous fait évoluer, et de combien ?",
        "Comment avez-vous mesuré le résultat de {focus}, et que montraient les chiffres ?",
    ],
    skill_action: &["Vous avez dit : « {action} ». Pourquoi {skill} à ce moment-là, et quelles alternatives avez-vous écartées ?"],
    skill: &[
        "Vous avez cité {skill}, que ce poste utilise. Comment vous en êtes-vous servi exactement, et que feriez-vous autrement aujourd'hui ?",
        "Approfondissons {skill} : quel a été le problème le plus difficile que vous avez résolu avec, et comment ?",
    ],
    that_tool: "cet outil",
    detail_outcome: &[
        "Vous avez dit : « {outcome} ». Lequel de vos changements a le plus compté, et comment le saviez-vous ?",
        "Comment avez-vous vérifié ce résultat, « {outcome} », et que feriez-vous autrement la prochaine fois ?",
    ],
    detail_action: "Vous avez dit : « {action} ». Pourquoi cette approche, et quelles alternatives avez-vous envisagées ?",
    detail_person: "Vous avez mentionné « {person} ». Comment avez-vous travaillé ensemble, et qu'est-ce qui a changé ensuite pour cette personne ?",
    detail_tool: "Quelle a été la partie la plus difficile dans l'utilisation de {tool}, et comment l'avez-vous gérée ?",
    detail_measure: "Vous avez mentionné {measure}. Comment en est-on arrivé là, et quelle a été votre part ?",
};
