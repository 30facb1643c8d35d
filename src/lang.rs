//! The language to answer in, and the language a question is written in.
//!
//! A question decides its own answer's language: someone with an English Discord client
//! who asks in Vietnamese gets Vietnamese. [`Lang::detect`] reads the question's words;
//! only when they say nothing either way (a bare name, a number) does the front end
//! fall back to the Discord locale, or to English in the terminal.
//!
//! Detection weighs three kinds of evidence, word by word:
//!
//! - letters only Vietnamese writes (đ, ơ, ư, ă, and the hook, dot-below and stacked
//!   tone marks); the accents Vietnamese shares with French or Portuguese (é, ô, ã)
//!   count less, so "António Guterres" does not make a question Vietnamese;
//! - Vietnamese function words and everyday question words, folded ("khong", "nao",
//!   "bao nhieu", "la gi", "cua", "duoc"), so a question typed without diacritics is
//!   still recognised;
//! - English function words ("what", "the", "is", "of"), and, weaker, a few English
//!   words of this domain a question may consist of ("signing ceremony dates").
//!
//! A capitalised word inside a sentence is taken for a name: only letters no other
//! language writes count, once ("Who is Phan Đình Trạc?" is English).
//!
//! Words both languages write the same way ("to", "do", "the", "may", "can") count for
//! English at a lower weight, and "Viet Nam" and "Ha Noi" count for neither: English
//! questions write them too. A general-purpose detector (`whatlang`) was measured on
//! the knowledge's own questions before this one was written (figures in
//! `tests/it/language.rs`): it took nearly half of the Vietnamese questions typed
//! without diacritics for Javanese, Italian, Tagalog and others; with only English and
//! Vietnamese allowed it still missed one in five of those the curators wrote without
//! diacritics, and took "Who is Lương Cường?" for Vietnamese.

use crate::text::fold;
use unicode_normalization::UnicodeNormalization;

/// The language to answer in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the default, and every locale but Vietnamese).
    #[default]
    En,
    /// Vietnamese, where the knowledge has a translation.
    Vi,
}

impl Lang {
    /// Discord locales: "vi" is Vietnamese; everything else gets English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// The language `text` is written in, or `None` when its words do not tell (a bare
    /// name, a number, an acronym): the caller then falls back to what it knows of the
    /// reader (a Discord locale, `--lang`).
    pub fn detect(text: &str) -> Option<Lang> {
        let (vi, en) = evidence(text);
        match vi.cmp(&en) {
            std::cmp::Ordering::Greater => Some(Lang::Vi),
            std::cmp::Ordering::Less => Some(Lang::En),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// The question's language, else `fallback`.
    pub fn of_question(text: &str, fallback: Lang) -> Lang {
        Lang::detect(text).unwrap_or(fallback)
    }
}

/// Vietnamese and English evidence in `text`, in points (see the module's notes).
fn evidence(text: &str) -> (u32, u32) {
    let raw: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // A word of lower-case ASCII letters and digits is its own folded form: borrowed,
    // not copied (most words of an English question).
    let folded: Vec<std::borrow::Cow<'_, str>> = raw
        .iter()
        .map(|&w| {
            if w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                std::borrow::Cow::Borrowed(w)
            } else {
                std::borrow::Cow::Owned(fold(w))
            }
        })
        .collect();
    let (mut vi, mut en) = (0, 0);
    let mut i = 0;
    while i < raw.len() {
        let (word, f) = (raw[i], folded[i].as_ref());
        let next = folded.get(i + 1).map(|w| w.as_ref());
        // Place names English writes in two words: neither language's evidence.
        if matches!((f, next), ("viet", Some("nam")) | ("ha", Some("noi"))) {
            i += 2;
            continue;
        }
        i += 1;
        // An acronym in capitals ("AI", "UN") is not the Vietnamese word it folds to.
        if word.chars().count() > 1 && word.chars().all(|c| c.is_uppercase()) {
            continue;
        }
        // A capitalised word is most likely a name ("Who is Phan Đình Trạc?", "António
        // Guterres"): only letters no other language writes count, and once. Inside a
        // sentence its meaning does not count either; the first word's does ("Khi nào").
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if capital {
            vi += u32::from(letters(word) == 2);
            if i > 1 {
                continue;
            }
        } else {
            vi += letters(word);
        }
        let prev = i.checked_sub(2).map(|j| folded[j].as_ref());
        if f == "the" && (next == Some("nao") || matches!(prev, Some("co" | "nhu"))) {
            // "thế nào" (how), "có thể" (can): Vietnamese, not the article.
            vi += 2;
        } else if let Some(&(v, e)) = word_points().get(f) {
            vi += v;
            en += e;
        }
    }
    (vi, en)
}

/// What a folded word is worth as evidence, (Vietnamese, English): a Vietnamese
/// function word 2, content word 1; an English function word 2, other listed word 1.
/// One hash lookup per word, where five binary searches were most of the cost of
/// telling a long question's language. A word in two lists counts as the first.
fn word_points() -> &'static rustc_hash::FxHashMap<&'static str, (u32, u32)> {
    static POINTS: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, (u32, u32)>> =
        std::sync::OnceLock::new();
    POINTS.get_or_init(|| {
        let mut m = rustc_hash::FxHashMap::default();
        let lists: [(&[&str], (u32, u32)); 5] = [
            (VI_FUNCTION, (2, 0)),
            (VI_CONTENT, (1, 0)),
            (EN_FUNCTION, (0, 2)),
            (EN_SHARED, (0, 1)),
            (EN_CONTENT, (0, 1)),
        ];
        for (list, points) in lists {
            for &w in list {
                m.entry(w).or_insert(points);
            }
        }
        m
    })
}

/// Points for the letters of one word: 2 for a letter only Vietnamese writes, 1 for an
/// accent it shares with other languages, 0 for plain letters.
fn letters(word: &str) -> u32 {
    if word.is_ascii() {
        return 0;
    }
    let mut shared = false;
    let mut marks_on_letter = 0;
    for c in word.nfd() {
        match c {
            'đ' | 'Đ' => return 2,
            // Hook above, dot below, horn, breve.
            '\u{0309}' | '\u{0323}' | '\u{031B}' | '\u{0306}' => return 2,
            '\u{0300}'..='\u{036F}' => {
                marks_on_letter += 1;
                // A circumflex with a tone on it (ấ, ề, ỗ): Vietnamese only.
                if marks_on_letter > 1 {
                    return 2;
                }
                shared = true;
            }
            _ => marks_on_letter = 0,
        }
    }
    u32::from(shared)
}

/// Vietnamese function and question words, folded; none is an English word.
/// Sorted: looked up by binary search.
const VI_FUNCTION: &[&str] = &[
    "ai", "bao", "biet", "cac", "chi", "cho", "chua", "co", "cua", "cung", "da", "dang", "dau",
    "den", "di", "duoc", "duoi", "gi", "gio", "hoac", "khi", "khong", "la", "lai", "ma", "mot",
    "nao", "nay", "nen", "neu", "nhat", "nhieu", "nhu", "nhung", "o", "phai", "ra", "rat", "roi",
    "sao", "sau", "se", "tai", "theo", "thi", "tren", "trong", "truoc", "tu", "va", "vao", "ve",
    "vi", "viec", "voi",
];

/// Everyday Vietnamese words of this domain, folded; none is an English word.
/// Sorted: looked up by binary search.
const VI_CONTENT: &[&str] = &[
    "bieu", "chuc", "chuong", "cong", "cuoc", "dien", "dieu", "dinh", "doan", "dung", "gom",
    "hieu", "hoi", "khai", "khoan", "kien", "ky", "le", "lien", "luc", "mac", "mang", "ngay",
    "nghi", "nguoi", "noi", "nuoc", "phat", "phe", "phien", "quoc", "thong", "thuc", "tich", "toi",
    "truong", "uoc", "vien",
];

/// English function and question words, folded; none is a Vietnamese word.
/// Sorted: looked up by binary search.
const EN_FUNCTION: &[&str] = &[
    "about", "after", "all", "and", "any", "are", "been", "before", "but", "by", "could", "did",
    "does", "for", "from", "has", "have", "how", "i", "in", "into", "is", "it", "its", "many",
    "much", "of", "on", "or", "should", "that", "their", "there", "these", "they", "this", "was",
    "were", "what", "when", "where", "which", "who", "whom", "whose", "why", "will", "with",
    "would", "you",
];

/// English words Vietnamese also writes when typed without diacritics ("tổ" → "to",
/// "thế" → "the"): English evidence, weaker.
/// Sorted: looked up by binary search.
const EN_SHARED: &[&str] = &[
    "a", "an", "at", "be", "can", "do", "may", "no", "so", "the", "to",
];

/// English words of this domain a question may consist of ("signing ceremony dates"):
/// English evidence, weaker. None is a Vietnamese word.
/// Sorted: looked up by binary search.
const EN_CONTENT: &[&str] = &[
    "article",
    "attend",
    "ceremony",
    "chapter",
    "convention",
    "countries",
    "country",
    "date",
    "dates",
    "held",
    "list",
    "name",
    "number",
    "opening",
    "people",
    "programme",
    "said",
    "say",
    "schedule",
    "session",
    "sign",
    "signatories",
    "signature",
    "signed",
    "signing",
    "speaker",
    "speakers",
    "speech",
    "states",
    "treaty",
    "venue",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [VI_FUNCTION, VI_CONTENT, EN_FUNCTION, EN_SHARED, EN_CONTENT] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn letters_tell_vietnamese_from_shared_accents() {
        assert_eq!(letters("Đà"), 2);
        assert_eq!(letters("ước"), 2);
        assert_eq!(letters("Nội"), 2);
        assert_eq!(letters("António"), 1);
        assert_eq!(letters("Côte"), 1);
        assert_eq!(letters("signing"), 0);
    }
}
