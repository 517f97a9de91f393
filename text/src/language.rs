//! Which language a text is written in, from its function words: articles, pronouns and
//! prepositions that each language uses constantly and the others do not. Skill names,
//! employers and acronyms are mostly English in any CV, so content words say little; "der",
//! "les" and "los" say a lot. The offline coach speaks the first four; the others are for LLM
//! interviewers, and the analysis reads an answer in one of them with the English lists.

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

/// The languages only LLM interviewers speak. Their lists leave out every word of the four
/// above and common English words ("i", "to", "we", "is", "of", "her", "door", "um"), so a
/// text in one of the four gains no hits from them; a word two of them share ("e" in Italian
/// and Portuguese, "na" in Portuguese and Polish) is in both.
const ITALIAN: &[&str] = &[
    "il", "lo", "gli", "di", "della", "delle", "dei", "degli", "dello", "dell", "nel", "nella",
    "nei", "nelle", "alla", "alle", "ai", "agli", "dal", "dalla", "e", "è", "che", "per", "non",
    "sono", "anche", "ho", "abbiamo", "siamo", "questo", "questa", "questi", "nostro", "nostra",
    "nostri", "vostro", "vostra", "tuo", "tua", "suo", "ma", "più", "io", "mio", "mia", "ed",
    "tra", "sul", "sulla", "essere", "stato", "molto", "dove", "perché", "ci", "ti", "uno",
];
const PORTUGUESE: &[&str] = &[
    "o", "os", "da", "dos", "das", "na", "nas", "em", "com", "não", "é", "são", "você", "vocês",
    "seu", "seus", "suas", "pelo", "pela", "ao", "à", "também", "mais", "foi", "eu", "meu",
    "minha", "nosso", "nossa", "nossos", "nossas", "isso", "isto", "mas", "muito", "uma", "e",
    "ser", "ter", "tem", "têm", "onde", "já", "entre", "sem", "até", "numa", "essa", "esse",
    "nesta", "neste", "estamos",
];
const DUTCH: &[&str] = &[
    "het", "een", "van", "dat", "niet", "met", "voor", "zijn", "wij", "jij", "jouw", "onze", "ons",
    "ik", "mijn", "ook", "naar", "bij", "aan", "te", "heeft", "hebben", "wordt", "worden", "uit",
    "maar", "deze", "dit", "hoe", "wat", "waar", "wanneer", "kunnen", "zal", "zou", "jullie",
    "binnen", "tot", "nog", "heb", "hun", "geen", "welke", "op",
];
const POLISH: &[&str] = &[
    "w",
    "z",
    "na",
    "się",
    "jest",
    "nie",
    "że",
    "od",
    "dla",
    "jak",
    "są",
    "oraz",
    "lub",
    "przez",
    "jako",
    "po",
    "który",
    "która",
    "które",
    "którzy",
    "nasz",
    "nasza",
    "nasze",
    "naszego",
    "naszej",
    "naszym",
    "będzie",
    "będziesz",
    "jestem",
    "mam",
    "także",
    "też",
    "czy",
    "ze",
    "ja",
    "mój",
    "moja",
    "mnie",
    "tym",
    "tego",
    "tej",
    "ta",
    "przy",
    "bardzo",
    "tak",
    "ale",
    "gdy",
    "jeśli",
    "aby",
    "był",
    "była",
    "było",
    "byłem",
    "byłam",
    "może",
    "można",
];
const SWEDISH: &[&str] = &[
    "och", "att", "är", "det", "som", "på", "för", "med", "av", "till", "har", "inte", "vi", "jag",
    "ett", "om", "kan", "vår", "våra", "vårt", "din", "ditt", "dina", "ni", "hos", "eller",
    "också", "från", "efter", "när", "där", "vara", "varit", "blir", "mycket", "samt", "inom",
    "mot", "hade", "mitt", "mina", "sig", "sitt", "sina", "vid", "detta", "denna", "dessa", "utan",
    "genom", "så",
];
const TURKISH: &[&str] = &[
    "ve",
    "bir",
    "bu",
    "için",
    "ile",
    "olarak",
    "olan",
    "çok",
    "daha",
    "gibi",
    "veya",
    "ama",
    "ben",
    "biz",
    "siz",
    "sizin",
    "bizim",
    "mı",
    "kadar",
    "sonra",
    "değil",
    "var",
    "yok",
    "olmak",
    "şu",
    "ki",
    "ise",
    "hem",
    "ancak",
    "tüm",
    "üzere",
    "az",
    "ilgili",
    "konusunda",
    "sahip",
    "tercihen",
    "iyi",
];

/// Fewer function words than this is too little text to tell.
const MIN_HITS: usize = 4;
/// Another language must count this many times as many function words as the runner-up: a
/// text that mixes languages evenly stays English.
const CLEAR_LEAD: f64 = 1.25;

/// The language `text` is written in; English when the text is too short or unclear.
pub fn detect_language(text: &str) -> Language {
    let lower = text.to_lowercase();
    // In the order of `Language::ALL`: a tie goes to the earlier one, English first.
    let mut counts: Vec<(Language, usize)> = Language::ALL.iter().map(|&l| (l, 0)).collect();
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
    let (leader, most) = counts[0];
    let second = counts[1].1;
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
        Language::Italian => ITALIAN,
        Language::Portuguese => PORTUGUESE,
        Language::Dutch => DUTCH,
        Language::Polish => POLISH,
        Language::Swedish => SWEDISH,
        Language::Turkish => TURKISH,
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

    #[test]
    fn job_ads_in_languages_only_llm_interviewers_speak() {
        let ads = [
            (
                Language::Italian,
                "Sviluppatore backend Java (m/f)\nFintech Srl, Milano\n\nChi cerchiamo\nCerchiamo uno sviluppatore per il nostro team di pagamenti. Ti occuperai della progettazione e dello sviluppo dei servizi che gestiscono le transazioni.\n\nRequisiti\n- Almeno tre anni di esperienza con Java e Spring Boot.\n- Conoscenza di PostgreSQL e dei sistemi di messaggistica (Kafka).\n- Buona conoscenza della lingua inglese.",
            ),
            (
                Language::Portuguese,
                "Analista de dados pleno\nBanco Horizonte, São Paulo\n\nO que você vai fazer\n- Construir os painéis de indicadores da área comercial em Power BI.\n- Trabalhar com o time de produto na definição das métricas.\n\nO que esperamos de você\n- Experiência com SQL e Python.\n- Inglês intermediário é um diferencial.",
            ),
            (
                Language::Dutch,
                "Verpleegkundige interne geneeskunde (32-36 uur)\nZiekenhuis Rivierenland, Tiel\n\nWat ga je doen?\nJe werkt in een team van twaalf collega's en bent het aanspreekpunt voor patiënten en hun familie.\n\nWat vragen wij?\n- Een afgeronde opleiding tot verpleegkundige (BIG-registratie).\n- Ervaring met het werken in onregelmatige diensten is een pré.",
            ),
            (
                Language::Polish,
                "Specjalista ds. rekrutacji IT\nSoftwareHouse Sp. z o.o., Kraków\n\nTwoje zadania\n- Prowadzenie procesów rekrutacyjnych na stanowiska techniczne.\n- Współpraca z menedżerami przy określaniu potrzeb kadrowych.\n\nCzego oczekujemy\n- Minimum dwóch lat doświadczenia w rekrutacji IT.\n- Bardzo dobrej znajomości języka angielskiego, który jest językiem pracy w naszym zespole.",
            ),
            (
                Language::Swedish,
                "Lärare i matematik och fysik\nKunskapsgymnasiet, Göteborg\n\nOm tjänsten\nDu kommer att undervisa i matematik och fysik på gymnasiet och ingå i ett arbetslag med fem lärare.\n\nVi söker dig som\n- har lärarlegitimation med behörighet i matematik.\n- är van att arbeta med digitala verktyg i undervisningen.",
            ),
            (
                Language::Turkish,
                "Satış Temsilcisi\nAnadolu Gıda A.Ş., İstanbul\n\nAranan nitelikler\n- Üniversitelerin ilgili bölümlerinden mezun,\n- Satış alanında en az iki yıl deneyimi olan,\n- Müşteri ilişkileri konusunda iyi ve ekip çalışmasına yatkın,\n- Tercihen İngilizce bilen, seyahat engeli olmayan bir takım arkadaşı arıyoruz.",
            ),
        ];
        for (language, ad) in ads {
            assert_eq!(detect_language(ad), language, "{ad}");
        }
    }

    #[test]
    fn close_languages_stay_apart() {
        // Portuguese against Spanish, Italian against French and Spanish, Dutch against
        // German: the answer to one question in each.
        let answers = [
            (Language::Spanish, "Yo gestioné el cierre del trimestre y reduje los plazos de entrega porque el equipo no tenía un proceso claro."),
            (Language::Portuguese, "Eu fui responsável pelo fechamento do trimestre e reduzi os prazos de entrega, porque a equipe não tinha um processo claro."),
            (Language::Italian, "Io ero responsabile della chiusura del trimestre e ho ridotto i tempi di consegna perché il team non aveva un processo chiaro."),
            (Language::French, "J'ai piloté la clôture du trimestre et réduit les délais de livraison, car l'équipe n'avait pas de processus clair."),
            (Language::Dutch, "Ik was verantwoordelijk voor de afsluiting van het kwartaal en heb de levertijden verkort, omdat het team geen duidelijk proces had."),
            (Language::German, "Ich war für den Quartalsabschluss verantwortlich und habe die Lieferzeiten verkürzt, weil das Team keinen klaren Prozess hatte."),
        ];
        for (language, answer) in answers {
            assert_eq!(detect_language(answer), language, "{answer}");
        }
    }
}
