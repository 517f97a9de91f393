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

/// The value of a count written in digits ("6", "6+") or spelled out up to twenty ("nine").
pub fn count_value(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('+');
    word.parse().ok().or_else(|| {
        SMALL_NUMBERS
            .iter()
            .position(|small| *small == word)
            .and_then(|value| u32::try_from(value).ok())
    })
}
