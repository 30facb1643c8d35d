//! Text normalisation shared by the index and the queries.
//!
//! Both sides of a match go through the same steps, so whatever a step does to a word
//! (stripping a diacritic, stemming) it does to the stored phrasing too:
//!
//! 0. [`expand_acronyms`], on the raw text: "US", "U.S.", "UK", "EU" written in capitals
//!    become the names they stand for, before folding makes "US" the pronoun "us".
//! 1. [`fold`]: Unicode NFKD, combining marks dropped, `đ`/`Đ` → `d`, lower case.
//! 2. [`words`]: split on anything that is not a letter or digit; ordinals lose their
//!    suffix ("26th" → "26").
//! 3. The matcher then joins multi-word synonyms ("ha noi" → "hanoi"), drops filler
//!    words ([`is_filler`]), corrects typos and stems ([`stem`]).

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Country and organisation acronyms users write in capitals, and the name each stands
/// for. Names, not codes: the knowledge and the country data know the names.
const ACRONYMS: &[(&str, &str)] = &[
    ("US", "United States"),
    ("USA", "United States"),
    ("UK", "United Kingdom"),
    ("EU", "European Union"),
    ("UAE", "United Arab Emirates"),
    ("DPRK", "North Korea"),
    ("DRC", "Democratic Republic of the Congo"),
];

/// Vietnamese names that fold to a common word: "Mỹ" folds to the English "my".
/// Matched (lower-cased, composed) with their diacritics, which is what makes them names.
const MARKED_NAMES: &[(&str, &str)] = &[("mỹ", "Hoa Kỳ")];

/// Rewrites acronyms written in capitals ("US", "USA", "UK", "EU", "UAE") and their
/// dotted forms ("U.S.", "u.k.") to the names they stand for, so folding does not turn
/// "US" into the pronoun "us" or "U.S." into two stray letters.
///
/// Case is the whole point: "us" and "Us" stay pronouns. In text with no lower-case
/// letter at all (shouting), "US" is only a name after "THE" ("TELL US" stays a pronoun).
/// The Vietnamese "Mỹ" (the United States) becomes "Hoa Kỳ", which does not fold to a
/// filler word; so does "My" right after "nước"/"nuoc" ("the country My").
pub fn expand_acronyms(text: &str) -> Cow<'_, str> {
    let shouting = !text.chars().any(char::is_lowercase);
    let mut out = String::new();
    let mut last = 0;
    let mut prev_word = "";
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        // A word: a run of letters, digits and inner dots ("U.S.A"), plus one final dot.
        let start = i;
        let mut end = i;
        for (j, ch) in text[i..].char_indices() {
            let dot_inside = ch == '.'
                && bytes
                    .get(i + j + 1)
                    .is_some_and(|b| b.is_ascii_alphanumeric());
            if ch.is_alphanumeric() || is_combining_mark(ch) || dot_inside {
                end = i + j + ch.len_utf8();
            } else {
                break;
            }
        }
        let word = &text[start..end];
        let dotted_end = end + usize::from(word.contains('.') && bytes.get(end) == Some(&b'.'));
        if let Some(name) = acronym(word, prev_word, shouting) {
            out.push_str(&text[last..start]);
            out.push_str(name);
            last = dotted_end;
        }
        prev_word = word;
        i = dotted_end.max(end);
    }
    if last == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// The name an acronym-looking word stands for, if it is one.
fn acronym(word: &str, prev_word: &str, shouting: bool) -> Option<&'static str> {
    if !word.is_ascii() {
        let composed: String = word.nfc().flat_map(char::to_lowercase).collect();
        return MARKED_NAMES
            .iter()
            .find(|(w, _)| *w == composed)
            .map(|(_, n)| *n);
    }
    // "nuoc My", typed without diacritics: after "nước" (country), "my" is the name.
    if word.eq_ignore_ascii_case("my") && fold(prev_word) == "nuoc" {
        return Some(MARKED_NAMES[0].1);
    }
    let lookup = |key: &str| ACRONYMS.iter().find(|(a, _)| *a == key).map(|(_, n)| *n);
    if word.contains('.') {
        // "U.S", "u.k", "E.U": single letters between dots, in any case.
        let mut parts = word.split('.');
        let letters: Option<String> = parts
            .by_ref()
            .map(|p| {
                let mut cs = p.chars();
                match (cs.next(), cs.next()) {
                    (Some(l), None) if l.is_ascii_alphabetic() => Some(l.to_ascii_uppercase()),
                    _ => None,
                }
            })
            .collect();
        return letters.filter(|l| l.len() >= 2).and_then(|l| lookup(&l));
    }
    if !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    if word == "US" && shouting && !prev_word.eq_ignore_ascii_case("the") {
        return None;
    }
    lookup(word)
}

/// Accent-, case- and diacritic-insensitive form: "Lương Cường" → "luong cuong".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            // đ does not decompose under NFKD; ð is a look-alike some keyboards produce.
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Splits folded text into words of letters and digits. "26th" → "26", "24/7" → "24", "7".
pub fn words(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(strip_ordinal)
        .collect()
}

fn strip_ordinal(word: &str) -> String {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < word.len() {
        let rest = &word[digits..];
        if matches!(rest, "st" | "nd" | "rd" | "th") {
            return word[..digits].to_string();
        }
    }
    word.to_string()
}

/// English stem of a folded word (Snowball). Vietnamese words pass through nearly
/// unchanged, and identically on both sides of a match, which is all that matters.
pub fn stem(word: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    // British and American spellings meet: organize → organise, criminalization → criminalisation.
    let word = word.replace("iz", "is");
    STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::English))
        .stem(&word)
        .into_owned()
}

/// Words that carry no topic: English function words, question words, conversational
/// padding, and their Vietnamese counterparts (folded, without diacritics).
pub fn is_filler(word: &str) -> bool {
    FILLERS.binary_search(&word).is_ok()
}

/// Sorted, so `is_filler` can binary-search. A test keeps it sorted.
const FILLERS: &[&str] = &[
    "a",
    "about",
    "actually",
    "ai",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anyone",
    "anything",
    "are",
    "as",
    "at",
    "ba",
    "bao",
    "be",
    "been",
    "being",
    "biet",
    "but",
    "by",
    "ca",
    "cac",
    "can",
    "cho",
    "co",
    "con",
    "could",
    "cua",
    "da",
    "dang",
    "de",
    "did",
    "do",
    "does",
    "duoc",
    "everyone",
    "exactly",
    "for",
    "from",
    "gi",
    "gio",
    "give",
    "go",
    "going",
    "got",
    "guys",
    "had",
    "has",
    "have",
    "hay",
    "he",
    "hello",
    "help",
    "her",
    "hey",
    "hi",
    "him",
    "his",
    "how",
    "i",
    "if",
    "im",
    "in",
    "into",
    "is",
    "it",
    "its",
    "ja",
    "just",
    "khi",
    "khong",
    "kind",
    "know",
    "la",
    "let",
    "like",
    "lol",
    "ma",
    "many",
    "may",
    "me",
    "mot",
    "much",
    "my",
    "nao",
    "nay",
    "need",
    "nhe",
    "nhi",
    "nhieu",
    "nhung",
    "nua",
    "o",
    "of",
    "ok",
    "okay",
    "on",
    "one",
    "or",
    "our",
    "please",
    "pls",
    "plz",
    "quick",
    "quickly",
    "ra",
    "really",
    "right",
    "s",
    "say",
    "she",
    "should",
    "so",
    "some",
    "someone",
    "something",
    "t",
    "tell",
    "than",
    "thank",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thi",
    "this",
    "those",
    "to",
    "toi",
    "tu",
    "u",
    "um",
    "up",
    "us",
    "va",
    "ve",
    "voi",
    "wanna",
    "want",
    "was",
    "we",
    "well",
    "were",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whos",
    "why",
    "will",
    "with",
    "would",
    "ya",
    "yeah",
    "yes",
    "yet",
    "yo",
    "you",
    "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_vietnamese_diacritics_and_d_stroke() {
        assert_eq!(fold("Lương Cường"), "luong cuong");
        assert_eq!(fold("Đại hội đồng"), "dai hoi dong");
        assert_eq!(fold("António GUTERRES"), "antonio guterres");
    }

    #[test]
    fn acronyms_in_capitals_are_names_and_pronouns_stay_pronouns() {
        assert_eq!(
            expand_acronyms("did the US sign?"),
            "did the United States sign?"
        );
        assert_eq!(
            expand_acronyms("Has the U.S. signed"),
            "Has the United States signed"
        );
        assert_eq!(
            expand_acronyms("the u.s.a signed?"),
            "the United States signed?"
        );
        assert_eq!(
            expand_acronyms("UK and E.U."),
            "United Kingdom and European Union"
        );
        assert_eq!(
            expand_acronyms("did the UAE sign"),
            "did the United Arab Emirates sign"
        );
        assert_eq!(expand_acronyms("Mỹ đã ký chưa"), "Hoa Kỳ đã ký chưa");
        assert_eq!(expand_acronyms("nước MỸ"), "nước Hoa Kỳ");
        assert_eq!(
            expand_acronyms("nuoc My da ky chua"),
            "nuoc Hoa Kỳ da ky chua"
        );
        let decomposed: String = "Mỹ".nfd().collect();
        assert_eq!(expand_acronyms(&decomposed), "Hoa Kỳ");
        // Pronouns, other words and shouting stay as they are.
        for same in [
            "tell us about it",
            "Us too",
            "USB sticks",
            "TELL US THE DATES",
            "e.g. the venue",
            "my country",
            "UNODC",
        ] {
            assert_eq!(expand_acronyms(same), same);
            assert!(matches!(expand_acronyms(same), Cow::Borrowed(_)));
        }
        assert_eq!(
            expand_acronyms("DID THE US SIGN"),
            "DID THE United States SIGN"
        );
        assert_eq!(
            expand_acronyms("US-based firms"),
            "United States-based firms"
        );
    }

    #[test]
    fn words_split_punctuation_and_ordinals() {
        assert_eq!(
            words("what's on the 26th?"),
            ["what", "s", "on", "the", "26"]
        );
        assert_eq!(words("24/7 network"), ["24", "7", "network"]);
        assert_eq!(words("4th-5th"), ["4", "5"]);
        assert_eq!(words("x1st"), ["x1st"]);
    }

    #[test]
    fn stems_meet_across_inflections_and_spellings() {
        assert_eq!(stem("signing"), stem("signed"));
        assert_eq!(stem("organized"), stem("organised"));
        assert_eq!(stem("articles"), stem("article"));
        assert_eq!(stem("2024"), "2024");
    }

    #[test]
    fn filler_list_is_sorted_and_unique() {
        assert!(
            FILLERS.windows(2).all(|w| w[0] < w[1]),
            "FILLERS must stay sorted"
        );
        assert!(is_filler("the") && is_filler("gi") && !is_filler("signing"));
    }
}
