//! The language of a text written mostly in a script other than Latin: the script alone says
//! it for most of them, a few letters tell the pairs that share one (Russian and Ukrainian,
//! Arabic and Persian, Chinese and Japanese). Skill names and acronyms stay in Latin letters
//! in such texts, so the script only has to lead, not fill the text.

use domain::Language;

/// The scripts told apart. Han and kana are one group: Japanese writes with both.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Bengali,
    Hangul,
    HanOrKana,
    Thai,
}

const SCRIPTS: [Script; 9] = [
    Script::Cyrillic,
    Script::Greek,
    Script::Arabic,
    Script::Hebrew,
    Script::Devanagari,
    Script::Bengali,
    Script::Hangul,
    Script::HanOrKana,
    Script::Thai,
];

/// Fewer letters of the leading script than this is too little to tell (a name, a heading).
const MIN_LETTERS: usize = 8;

/// The language of `text` if at least half its letters are in one non-Latin script.
pub(super) fn detect_by_script(text: &str) -> Option<Language> {
    let mut per_script = [0usize; SCRIPTS.len()];
    let mut letters = 0usize;
    for c in text.chars() {
        match script_of(c) {
            Some(script) => {
                letters += 1;
                per_script[SCRIPTS.iter().position(|&s| s == script)?] += 1;
            }
            None if c.is_alphabetic() => letters += 1,
            None => {}
        }
    }
    let (index, &most) = per_script
        .iter()
        .enumerate()
        .max_by_key(|(_, &count)| count)?;
    if most < MIN_LETTERS || most * 2 < letters {
        return None;
    }
    Some(match SCRIPTS[index] {
        Script::Cyrillic => cyrillic(text, most),
        Script::Greek => Language::Greek,
        Script::Arabic => arabic(text),
        Script::Hebrew => Language::Hebrew,
        Script::Devanagari => Language::Hindi,
        Script::Bengali => Language::Bengali,
        Script::Hangul => Language::Korean,
        Script::HanOrKana => han_or_kana(text),
        Script::Thai => Language::Thai,
    })
}

fn script_of(c: char) -> Option<Script> {
    Some(match u32::from(c) {
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0900..=0x097F | 0xA8E0..=0xA8FF => Script::Devanagari,
        0x0980..=0x09FF => Script::Bengali,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF => Script::Hangul,
        _ if is_kana(c) || is_han(c) => Script::HanOrKana,
        0x0E00..=0x0E7F => Script::Thai,
        _ => return None,
    })
}

fn is_kana(c: char) -> bool {
    matches!(u32::from(c), 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

fn is_han(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F
    )
}

/// Ukrainian writes і, ї, є and ґ, which Russian lacks; Russian writes ы, э, ъ and ё, which
/// Ukrainian lacks. "і" alone is Ukrainian's "and", so a Ukrainian text has them on every line.
fn cyrillic(text: &str, cyrillic_letters: usize) -> Language {
    let lower = text.to_lowercase();
    let ukrainian = lower.chars().filter(|c| "іїєґ".contains(*c)).count();
    let russian = lower.chars().filter(|c| "ыэъё".contains(*c)).count();
    // One Ukrainian letter in a hundred Cyrillic ones: a Russian text quoting a Ukrainian
    // place name stays Russian.
    if ukrainian > russian && ukrainian * 100 >= cyrillic_letters {
        Language::Ukrainian
    } else {
        Language::Russian
    }
}

/// Persian writes پ چ ژ گ, which Arabic lacks, and its own ی and ک where Arabic writes ي and
/// ك; Arabic alone has ة.
fn arabic(text: &str) -> Language {
    let persian = text.chars().filter(|c| "پچژگیک".contains(*c)).count();
    let arabic = text.chars().filter(|c| "يكة".contains(*c)).count();
    if persian > arabic {
        Language::Persian
    } else {
        Language::Arabic
    }
}

/// Japanese mixes kana into its Han characters on every line (particles, endings); Chinese
/// writes none.
fn han_or_kana(text: &str) -> Language {
    let han = text.chars().filter(|&c| is_han(c)).count();
    let kana = text.chars().filter(|&c| is_kana(c)).count();
    // One kana in twenty: a Chinese text quoting a Japanese product name stays Chinese.
    if kana * 20 > han {
        Language::Japanese
    } else {
        Language::Chinese
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_borrowed_name_does_not_switch_the_language() {
        // A Russian ad naming a Ukrainian city, a Chinese one naming a Japanese product.
        assert_eq!(
            detect_by_script(
                "Офис находится в Киеве (Київ), мы ищем разработчика с опытом работы от трёх лет."
            ),
            Some(Language::Russian)
        );
        assert_eq!(
            detect_by_script("负责移动端应用开发，熟悉 iOS 和 Android 平台，有使用过ソニー相关设备开发经验者优先考虑，本科及以上学历，三年以上工作经验，具备良好的沟通能力和团队合作精神。"),
            Some(Language::Chinese)
        );
    }

    #[test]
    fn persian_and_arabic_are_told_by_their_letters() {
        assert_eq!(
            detect_by_script("ما به دنبال یک برنامه‌نویس با تجربه برای تیم پرداخت هستیم."),
            Some(Language::Persian)
        );
        assert_eq!(
            detect_by_script("نبحث عن مبرمج ذي خبرة للانضمام إلى فريق الدفع في الشركة."),
            Some(Language::Arabic)
        );
    }

    #[test]
    fn latin_text_or_too_few_letters_is_left_to_the_function_words() {
        assert_eq!(
            detect_by_script("Backend engineer, Go and PostgreSQL"),
            None
        );
        assert_eq!(detect_by_script("東京 office"), None);
        assert_eq!(
            detect_by_script("Senior Java developer wanted for the Москва team"),
            None
        );
    }
}
