//! Acronyms and marked names on the raw text, before folding loses case and diacritics:
//! "US" in capitals is the United States, "us" the pronoun; "Mỹ" is the United States,
//! "my" the English word.

use super::fold;
use std::borrow::Cow;
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
/// Case is the whole point: "us" and "Us" stay pronouns, except after "the" ("did the
/// us sign"), which the pronoun never follows. In text with no lower-case letter at all
/// (shouting), "US" is only a name after "THE" ("TELL US" stays a pronoun).
/// The Vietnamese "Mỹ" (the United States) becomes "Hoa Kỳ", which does not fold to a
/// filler word; so does "My" right after "nước"/"nuoc" ("the country My").
pub fn expand_acronyms(text: &str) -> Cow<'_, str> {
    if !may_hold_one(text) {
        return Cow::Borrowed(text);
    }
    scan(text)
}

/// Whether `text` has anything [`scan`] could rewrite: an acronym's first two capitals,
/// a dot between letters ("u.s"), "my" or "us" as a word in any case, or "mỹ" composed. Most
/// text has none, and the scan looks at every character (a test checks the two agree).
fn may_hold_one(text: &str) -> bool {
    let b = text.as_bytes();
    // A byte that cannot continue a word the scan would see as "my" (anything but an
    // ASCII letter or digit: a non-ASCII byte may be a combining tilde, "my\u{303}").
    let apart = |i: usize| b.get(i).is_none_or(|c| !c.is_ascii_alphanumeric());
    (0..b.len().saturating_sub(1)).any(|i| {
        let (x, y) = (b[i], b[i + 1]);
        acronym_start(x, y)
            || (x == b'.' && y.is_ascii_alphanumeric())
            || (matches!((x | 0x20, y | 0x20), (b'm', b'y') | (b'u', b's'))
                && (i == 0 || apart(i - 1))
                && apart(i + 2))
            // "mỹ" or "MỸ" composed: "m", then "ỹ" or "Ỹ" (E1 BB B9, E1 BB B8).
            || ((x | 0x20) == b'm' && b.get(i + 1..i + 4).is_some_and(|t| {
                t[0] == 0xE1 && t[1] == 0xBB && matches!(t[2], 0xB8 | 0xB9)
            }))
    })
}

/// Whether two bytes begin one of the [`ACRONYMS`] (a test checks each does).
fn acronym_start(x: u8, y: u8) -> bool {
    matches!(
        (x, y),
        (b'U', b'S' | b'K' | b'A') | (b'E', b'U') | (b'D', b'P' | b'R')
    )
}

/// [`expand_acronyms`] by looking at every word.
fn scan(text: &str) -> Cow<'_, str> {
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

/// The name a marked word ("Mỹ") stands for: the word composed and lower-cased, looked
/// up in [`MARKED_NAMES`].
fn marked_name(word: &str) -> Option<&'static str> {
    // Each marked name is a short word; a longer one cannot compose to it (a
    // decomposed form is at most twice as long).
    if word.len() > 2 * MARKED_NAMES.iter().map(|(w, _)| w.len()).max().unwrap_or(0) {
        return None;
    }
    let composed: String = word.nfc().flat_map(char::to_lowercase).collect();
    MARKED_NAMES
        .iter()
        .find(|(w, _)| *w == composed)
        .map(|(_, n)| *n)
}

/// The name an acronym-looking word stands for, if it is one.
fn acronym(word: &str, prev_word: &str, shouting: bool) -> Option<&'static str> {
    if !word.is_ascii() {
        // Every marked name begins with "m", composed or not; most words do not, and
        // composing each word of Vietnamese text costs more than the rest of the scan.
        // (Each begins with a lower-case ASCII letter; a test checks.)
        let first = word.as_bytes()[0].to_ascii_lowercase();
        if !MARKED_NAMES.iter().any(|(w, _)| w.as_bytes()[0] == first) {
            return None;
        }
        return marked_name(word);
    }
    // "nuoc My", typed without diacritics: after "nước" (country), "my" is the name.
    if word.eq_ignore_ascii_case("my") && fold(prev_word) == "nuoc" {
        return Some(MARKED_NAMES[0].1);
    }
    let lookup = |key: &str| ACRONYMS.iter().find(|(a, _)| *a == key).map(|(_, n)| *n);
    // "did the us sign", typed in lower case: the pronoun never follows "the".
    if word.eq_ignore_ascii_case("us") && prev_word.eq_ignore_ascii_case("the") {
        return lookup("US");
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts made of `pieces` (each chosen often) and of any characters.
    fn made_of(
        pieces: &'static [&'static str],
        extra: BoxedStrategy<String>,
        len: std::ops::Range<usize>,
    ) -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            pieces.len() as u32 => proptest::sample::select(pieces).prop_map(str::to_string),
            1 => extra,
            1 => any::<char>().prop_map(|c| c.to_string()),
        ];
        proptest::collection::vec(piece, len).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn the_quick_check_never_skips_a_rewrite(
            text in made_of(
                &["US", "us", "uS", "the", "u.s.", "E.U", "UAE", "DPRK", "nước", "nuoc", "My", "mY", "Mỹ",
                  "M\u{1ef8}", "my\u{303}", "THE", "UN", "kỹ", "economy", "m\u{1ef9}"],
                "[ .?a-zA-Z]{0,3}".boxed(),
                0..12,
            )
        ) {
            prop_assert_eq!(expand_acronyms(&text), scan(&text));
        }

        #[test]
        fn the_first_letter_check_never_skips_a_marked_name(
            word in made_of(
                &["m", "M", "ỹ", "Ỹ", "y\u{303}", "\u{303}", "ư"],
                Just(String::new()).boxed(),
                1..4,
            )
        ) {
            if !word.is_ascii() {
                prop_assert_eq!(acronym(&word, "", false), marked_name(&word));
            }
        }
    }

    #[test]
    fn every_acronym_begins_with_two_capitals_the_quick_check_looks_for() {
        for (a, _) in ACRONYMS {
            let b = a.as_bytes();
            assert!(acronym_start(b[0], b[1]), "{a}");
        }
    }

    #[test]
    fn every_marked_name_passes_the_quick_check_as_users_write_it() {
        // The check spells out "mỹ": a marked name added to the list must be added there.
        for (w, _) in MARKED_NAMES {
            let capital: String = w.chars().take(1).flat_map(char::to_uppercase).collect();
            let written = [
                w.to_string(),
                w.to_uppercase(),
                capital + &w[1..],
                w.nfd().collect(),
                format!("nước {w}."),
            ];
            for text in written {
                assert!(may_hold_one(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn marked_names_begin_with_a_lower_case_ascii_letter() {
        for (w, _) in MARKED_NAMES {
            assert!(w.as_bytes()[0].is_ascii_lowercase(), "{w}");
        }
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
}
