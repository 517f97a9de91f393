//! Which of the offline coach's four languages a text is written in, from its function words:
//! articles, pronouns and prepositions that each language uses constantly and the others do
//! not. Skill names, employers and acronyms are mostly English in any CV, so content words
//! say little; "der", "les" and "los" say a lot.

use domain::Language;

/// Function words of each language. A word French and Spanish share ("de", "la", "que") is in
/// both lists: it tells them from English and German without favouring either.
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "is", "for", "with", "on", "that", "you", "we", "our", "your", "are",
    "be", "at", "this", "will", "have", "has", "or", "from", "by", "it", "was", "i", "my", "which",
    "who", "what", "were", "they", "their", "would", "should", "can", "been",
];
const FRENCH: &[&str] = &[
    "le", "les", "des", "du", "et", "est", "une", "pour", "dans", "avec", "sur", "qui", "nous",
    "vous", "votre", "vos", "notre", "nos", "au", "aux", "ce", "cette", "ces", "il", "elle", "je",
    "j", "l", "d", "qu", "ne", "pas", "plus", "par", "être", "été", "sont", "ai", "mes", "mon",
    "ou", "où", "leur", "très", "chez", "sans", "avons", "avez", "afin", "ainsi", "que", "de",
    "la", "en", "un", "se",
];
const GERMAN: &[&str] = &[
    "der", "die", "das", "und", "ist", "ein", "eine", "einen", "einem", "einer", "mit", "für",
    "von", "zu", "im", "auf", "den", "dem", "nicht", "sich", "wir", "sie", "ich", "ihr", "ihre",
    "ihren", "unser", "unsere", "bei", "als", "auch", "oder", "werden", "wird", "sind", "haben",
    "hat", "über", "nach", "aus", "durch", "zum", "zur", "mein", "meine", "habe", "dass",
];
const SPANISH: &[&str] = &[
    "el", "los", "las", "del", "y", "es", "una", "para", "por", "con", "su", "sus", "al", "lo",
    "como", "pero", "mi", "mis", "nuestro", "nuestra", "nuestros", "usted", "ustedes", "ha",
    "hemos", "fue", "muy", "también", "está", "están", "este", "esta", "estos", "yo", "más",
    "sobre", "donde", "cuando", "porque", "que", "de", "la", "en", "un", "se", "creo", "sé", "eso",
    "esto", "pues", "quizás", "qué", "cuál", "ese", "esa", "le", "entonces",
];

/// Fewer function words than this is too little text to tell.
const MIN_HITS: usize = 4;
/// Another language must count this many times as many function words as the runner-up: a
/// text that mixes languages evenly stays English.
const CLEAR_LEAD: f64 = 1.25;

/// The language `text` is written in; English when the text is too short or unclear.
pub fn detect_language(text: &str) -> Language {
    let lower = text.to_lowercase();
    let mut counts = [
        (Language::English, 0usize),
        (Language::French, 0),
        (Language::German, 0),
        (Language::Spanish, 0),
    ];
    for word in lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
    {
        for (language, count) in &mut counts {
            if function_words(*language).contains(&word) {
                *count += 1;
            }
        }
    }
    counts.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    let [(leader, most), (_, second), ..] = counts;
    if most < MIN_HITS || (most as f64) < CLEAR_LEAD * second as f64 {
        Language::English
    } else {
        leader
    }
}

fn function_words(language: Language) -> &'static [&'static str] {
    match language {
        Language::English => ENGLISH,
        Language::French => FRENCH,
        Language::German => GERMAN,
        Language::Spanish => SPANISH,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn corpus(kind: &str, folder: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/corpus")
            .join(kind)
            .join(folder)
            .join("ground_truth.txt");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn german_documents_from_the_corpus() {
        assert_eq!(
            detect_language(&corpus("jd", "jd05_pdf_fpdf2")),
            Language::German
        );
        assert_eq!(
            detect_language(&corpus("cv", "cv09_pdf_libreoffice")),
            Language::German
        );
    }

    #[test]
    fn english_documents_from_the_corpus() {
        for (kind, folder) in [
            ("jd", "jd03_txt_plain-text"),
            ("jd", "jd11_pdf_reportlab"),
            ("cv", "cv03_docx_python-docx"),
        ] {
            assert_eq!(
                detect_language(&corpus(kind, folder)),
                Language::English,
                "{folder}"
            );
        }
    }

    #[test]
    fn french_and_spanish_job_ads() {
        let french = "Enseignant de mathématiques (H/F)\nCollège Jean Moulin, Lyon\n\nVos missions\n- Préparer et assurer les cours de mathématiques pour les classes de 6e à la 3e.\n- Suivre la progression des élèves et travailler avec l'équipe pédagogique.\n\nVotre profil\n- Vous êtes titulaire du CAPES de mathématiques.";
        assert_eq!(detect_language(french), Language::French);
        let spanish = "Ejecutivo de ventas B2B\nGrupo Solaris, Madrid\n\nTus funciones\n- Gestionar una cartera de clientes en la zona centro y abrir nuevas cuentas.\n- Negociar contratos con los departamentos de compras.\n\nRequisitos\n- Experiencia de tres años en venta consultiva, preferiblemente en el sector energético.";
        assert_eq!(detect_language(spanish), Language::Spanish);
    }

    #[test]
    fn answers_in_each_language() {
        assert_eq!(
            detect_language("J'ai repris la classe en novembre et j'ai mis en place un suivi hebdomadaire des élèves."),
            Language::French
        );
        assert_eq!(
            detect_language("Ich habe die Station im Nachtdienst geleitet und die Übergabe mit dem Team neu strukturiert."),
            Language::German
        );
        assert_eq!(
            detect_language("Yo gestioné la cuenta más grande del equipo y cerré el contrato con el director de compras."),
            Language::Spanish
        );
    }

    #[test]
    fn short_or_mixed_text_stays_english() {
        assert_eq!(detect_language(""), Language::English);
        assert_eq!(detect_language("Python, SQL, Kafka"), Language::English);
        assert_eq!(detect_language("Merci beaucoup"), Language::English);
        // An English answer that names a French employer.
        assert_eq!(
            detect_language("I was the lead of the data team at Société Générale, and we moved the reports to dbt."),
            Language::English
        );
    }
}
