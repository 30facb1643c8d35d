//! How common a word is in general English and Vietnamese, and so how much it says.
//!
//! A question's words that no entry explains are the best sign it asks for something
//! the knowledge does not hold, but only if they are telling: "homework" or "wondering"
//! in a long message say nothing about the topic, "Geneva" or "protocol" say a lot.
//! The table is `knowledge/wordfreq/general-frequency.txt` (wordfreq 3.1.1, CC BY-SA 4.0,
//! see the LICENSE beside it), folded as the matcher folds, embedded in the binary.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../knowledge/wordfreq/general-frequency.txt");

static T: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();

/// Whether the table is hashed already.
pub(crate) fn is_loaded() -> bool {
    T.get().is_some()
}

/// Hashes the table now rather than at the first lookup.
pub(crate) fn load() {
    table();
}

fn table() -> &'static FxHashMap<&'static str, u8> {
    T.get_or_init(|| {
        let mut m = FxHashMap::with_capacity_and_hasher(40_000, Default::default());
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split(' ');
            let Some(z) = parts.next().and_then(|z| z.parse::<u8>().ok()) else {
                continue;
            };
            for w in parts {
                m.entry(w).or_insert(z);
            }
        }
        m
    })
}

/// Zipf frequency (log10 per billion words: 7.7 for "the", 3 for one in a million) of a
/// folded word, if it is among the ~40,000 commonest English and Vietnamese words.
pub fn zipf(word: &str) -> Option<f32> {
    table().get(word).map(|&z| f32::from(z) / 10.0)
}

/// How much a word says about a topic, 0 (function words) to 1 (rare or unknown).
pub fn informativeness(word: &str) -> f32 {
    match zipf(word) {
        None => 1.0,
        Some(z) => ((6.5 - z) / 4.0).clamp(0.0, 1.0),
    }
}

/// Whether a word is common enough in general use that it is more likely meant than
/// mistyped ("tall" is not a typo of "talk").
pub fn is_common(word: &str) -> bool {
    zipf(word).is_some_and(|z| z >= 3.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_say_little_and_rare_ones_a_lot() {
        assert!(informativeness("the") < 0.01);
        assert!(informativeness("wondering") < informativeness("geneva"));
        assert!(informativeness("friend") < informativeness("protocol"));
        assert_eq!(informativeness("qwxzv"), 1.0);
        assert!(zipf("khong").is_some(), "folded Vietnamese is in the table");
    }
}
