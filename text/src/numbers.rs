//! Counts written in digits or spelled out, as answers and job descriptions give them.

/// Spelled-out numbers up to twenty, at the index of their value.
pub const SMALL_NUMBERS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Spelled-out numbers up to ten in French, German and Spanish, at the index of their value
/// ("un"/"uno" and "ein" are left out: they are articles far more often than counts).
const SMALL_NUMBERS_ELSEWHERE: [[&str; 3]; 11] = [
    ["zéro", "null", "cero"],
    ["", "", ""],
    ["deux", "zwei", "dos"],
    ["trois", "drei", "tres"],
    ["quatre", "vier", "cuatro"],
    ["cinq", "fünf", "cinco"],
    ["six", "sechs", "seis"],
    ["sept", "sieben", "siete"],
    ["huit", "acht", "ocho"],
    ["neuf", "neun", "nueve"],
    ["dix", "zehn", "diez"],
];

/// The value of a count written in digits ("6", "6+") or spelled out up to twenty ("nine"),
/// or up to ten in French, German or Spanish ("trois", "drei", "tres").
pub fn count_value(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('+');
    let lower = word.to_lowercase();
    word.parse::<usize>()
        .ok()
        .or_else(|| SMALL_NUMBERS.iter().position(|small| *small == lower))
        .or_else(|| {
            SMALL_NUMBERS_ELSEWHERE
                .iter()
                .position(|spellings| !lower.is_empty() && spellings.contains(&lower.as_str()))
        })
        .and_then(|value| u32::try_from(value).ok())
}
