//! The function words of each language detected by them: articles, pronouns and prepositions
//! that each language uses constantly and the others do not.

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

/// Latin-script languages added for LLM interviewers, under the same rule: no word of the
/// lists above nor a common English word ("a", "is", "on", "care", "van", "di", "ja" are left
/// out though each is frequent in one of them).
const ROMANIAN: &[&str] = &[
    "și",
    "şi",
    "în",
    "cu",
    "pentru",
    "sunt",
    "pe",
    "să",
    "mai",
    "fi",
    "sau",
    "nu",
    "acest",
    "această",
    "aceasta",
    "către",
    "noastre",
    "nostru",
    "noastră",
    "echipei",
    "vei",
    "lor",
    "cel",
    "cea",
    "cei",
    "dintre",
    "prin",
    "într",
    "unei",
    "unui",
    "fost",
    "avem",
    "oferim",
    "cerințe",
    "responsabilități",
    "experiență",
];
const CZECH: &[&str] = &[
    "pro",
    "že",
    "jsou",
    "jsme",
    "bude",
    "budete",
    "nebo",
    "také",
    "při",
    "podle",
    "naše",
    "náš",
    "našeho",
    "našem",
    "vás",
    "váš",
    "vaše",
    "jste",
    "máte",
    "nabízíme",
    "této",
    "tento",
    "tato",
    "toto",
    "být",
    "jsem",
    "až",
    "ani",
    "už",
    "jeho",
    "jejich",
    "pouze",
    "díky",
    "mezi",
    "znalost",
    "požadujeme",
    "hledáme",
];
const HUNGARIAN: &[&str] = &[
    "és",
    "hogy",
    "egy",
    "nem",
    "vagy",
    "már",
    "csak",
    "ez",
    "kell",
    "lesz",
    "által",
    "számára",
    "között",
    "valamint",
    "illetve",
    "vagyunk",
    "vagyok",
    "olyan",
    "minden",
    "több",
    "után",
    "szerint",
    "részére",
    "való",
    "lehet",
    "jó",
    "keresünk",
    "feladatok",
    "elvárások",
    "kínálunk",
    "területen",
];
const FINNISH: &[&str] = &[
    "ei",
    "että",
    "ovat",
    "olla",
    "sekä",
    "tai",
    "kanssa",
    "myös",
    "joka",
    "jossa",
    "jotka",
    "meidän",
    "sinun",
    "olet",
    "olemme",
    "mutta",
    "kun",
    "niin",
    "tämä",
    "tässä",
    "hyvä",
    "sinulla",
    "meillä",
    "etsimme",
    "ole",
    "oli",
    "kuin",
    "mukaan",
    "olisi",
    "tehtävässä",
    "kokemusta",
    "tarjoamme",
];
const INDONESIAN: &[&str] = &[
    "dan",
    "yang",
    "untuk",
    "dengan",
    "ini",
    "itu",
    "dari",
    "ke",
    "dalam",
    "akan",
    "kami",
    "anda",
    "adalah",
    "atau",
    "pada",
    "tidak",
    "sebagai",
    "juga",
    "memiliki",
    "bisa",
    "dapat",
    "kita",
    "saya",
    "oleh",
    "serta",
    "bekerja",
    "mampu",
    "pengalaman",
    "minimal",
];
const VIETNAMESE: &[&str] = &[
    "và", "của", "các", "có", "là", "được", "cho", "với", "trong", "những", "một", "không", "này",
    "để", "chúng", "tôi", "bạn", "từ", "về", "tại", "đã", "sẽ", "theo", "cũng", "khi", "hoặc",
    "nhưng", "ở", "mà", "thì", "năm", "người", "làm", "việc",
];
/// Danish and Norwegian (Bokmål) share most function words and differ in spelling more than
/// in words, so both count the same list: they always tie, and a tie stays English. A text in
/// either thereby no longer counts as Swedish (which shares "vi", "det", "på" with them) and
/// the user picks the one meant.
const DANISH_OR_NORWEGIAN: &[&str] = &[
    "og", "ikke", "jeg", "mig", "meg", "dig", "deg", "vores", "våre", "hvor", "hvis", "hvad",
    "hva", "være", "været", "også", "til", "skal", "mellem", "mellom", "gennem", "gjennom",
    "nogle", "noen", "denne", "dette", "disse", "af", "ud", "erfaring", "søger", "søker",
];

/// The function words of `language`; none for the languages told by their script.
pub(super) fn function_words(language: Language) -> &'static [&'static str] {
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
        Language::Romanian => ROMANIAN,
        Language::Czech => CZECH,
        Language::Hungarian => HUNGARIAN,
        Language::Finnish => FINNISH,
        Language::Indonesian => INDONESIAN,
        Language::Vietnamese => VIETNAMESE,
        Language::Danish | Language::Norwegian => DANISH_OR_NORWEGIAN,
        Language::Russian
        | Language::Ukrainian
        | Language::Greek
        | Language::Arabic
        | Language::Hebrew
        | Language::Persian
        | Language::Hindi
        | Language::Bengali
        | Language::Chinese
        | Language::Japanese
        | Language::Korean
        | Language::Thai => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word in two lists gives both a hit; the lists added after the first ten share none
    /// with the others, so a text in one of those ten counts as it did before.
    #[test]
    fn later_lists_share_no_word_with_earlier_ones() {
        let earlier = [
            ENGLISH, FRENCH, GERMAN, SPANISH, ITALIAN, PORTUGUESE, DUTCH, POLISH, SWEDISH, TURKISH,
        ];
        let later = [
            ("romanian", ROMANIAN),
            ("czech", CZECH),
            ("hungarian", HUNGARIAN),
            ("finnish", FINNISH),
            ("indonesian", INDONESIAN),
            ("vietnamese", VIETNAMESE),
            ("danish or norwegian", DANISH_OR_NORWEGIAN),
        ];
        for (name, list) in later {
            for word in list {
                assert!(
                    !earlier.iter().any(|words| words.contains(word)),
                    "{name}: {word}"
                );
                let in_later = later
                    .iter()
                    .filter(|(_, words)| words.contains(word))
                    .count();
                assert_eq!(in_later, 1, "{name}: {word}");
            }
        }
    }
}
