//! Function words of French, German and Spanish, for the same job as the English stop words
//! of `top_words`: a word that is a function word in one of these languages is almost never a
//! content word in English (or the others), so one set serves every language.

pub(crate) const OTHER_LANGUAGES: &[&str] = &[
    // French
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "mais", "donc", "car", "ni",
    "est", "sont", "été", "être", "ai", "as", "avons", "avez", "ont", "avait", "était", "je",
    "tu", "il", "elle", "nous", "vous", "ils", "elles", "on", "me", "te", "se", "lui", "leur",
    "leurs", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos",
    "votre", "vos", "ce", "cet", "cette", "ces", "qui", "que", "quoi", "dont", "où", "au",
    "aux", "dans", "sur", "sous", "avec", "sans", "pour", "par", "chez", "entre", "vers",
    "pendant", "depuis", "avant", "après", "plus", "moins", "très", "aussi", "bien", "tout",
    "tous", "toute", "toutes", "ne", "pas", "y", "en", "afin", "ainsi", "alors", "comme",
    "quand", "lorsque", "puis", "fait", "faire", "euh", "ben", "bah", "genre", "voilà",
    // German
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
    "eines", "und", "oder", "aber", "denn", "sondern", "ist", "sind", "war", "waren", "bin",
    "bist", "habe", "hat", "haben", "hatte", "hatten", "wird", "werden", "wurde", "wurden",
    "ich", "du", "er", "sie", "es", "wir", "ihr", "mich", "mir", "uns", "sich", "mein",
    "meine", "meinen", "meinem", "meiner", "unser", "unsere", "unseren", "unserem", "ihre",
    "ihren", "ihrem", "sein", "seine", "mit", "für", "von", "zu", "zum", "zur", "im", "am",
    "an", "auf", "aus", "bei", "nach", "über", "unter", "durch", "gegen", "ohne", "um", "vor",
    "als", "wie", "auch", "nicht", "noch", "schon", "sehr", "dass", "wenn", "weil", "dann",
    "also", "so", "halt", "eben", "äh", "ähm", "quasi", "sozusagen",
    // Spanish
    "el", "los", "las", "uno", "unos", "unas", "del", "al", "y", "o", "pero", "porque", "es",
    "son", "fue", "era", "ser", "estar", "está", "están", "he", "ha", "hemos", "han", "había",
    "yo", "él", "ella", "nosotros", "nosotras", "ustedes", "usted", "ellos", "ellas", "mi",
    "mis", "su", "sus", "nuestro", "nuestra", "nuestros", "nuestras", "este", "esta", "estos",
    "estas", "ese", "esa", "eso", "lo", "le", "les", "para", "por", "con", "sin", "sobre",
    "desde", "hasta", "hacia", "como", "cuando", "donde", "muy", "más", "menos", "también",
    "todo", "todos", "toda", "todas", "ya", "no", "sí", "pues", "bueno",
];
