//! Which state or organisation a question names: records first, then every state of
//! the country data, by whole names, longest first ("South Sudan" before "Sudan").

use super::super::model::Country;
use super::{entries, key, known};
use crate::text::{expand_acronyms, fold, word_slices};
use rustc_hash::FxHashMap;

/// Something a question can name: a record of the knowledge or a state of the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// English name, as the answer writes it.
    pub name: String,
    /// The name takes "the" in a sentence.
    pub definite: bool,
    /// Vietnamese name, when the knowledge has one.
    pub name_vi: Option<String>,
    /// The `[[country]]` id, when the knowledge has a record.
    pub record: Option<String>,
    /// ISO 3166-1 alpha-2 code, when the place is a state.
    pub iso: Option<String>,
}

/// Finds the state or organisation a question names, by whole names, longest first.
#[derive(Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Folded name → index in `places`.
    phrases: FxHashMap<String, usize>,
    /// First words of the names, each with its longest name in words: a word not
    /// listed here starts no name, so most words of a question cost one lookup, and a
    /// start tries no name longer than its own ("united" 8 words, "france" 1).
    starts: FxHashMap<String, usize>,
}

impl Gazetteer {
    /// Records first (their curated names win), then every state with no record.
    pub(in crate::knowledge) fn build(records: &[Country]) -> Gazetteer {
        let mut g = Gazetteer::default();
        for c in records {
            let i = g.places.len();
            g.places.push(Place {
                name: c.name.clone(),
                definite: c.definite,
                name_vi: Some(c.name_vi.clone()),
                record: Some(c.id.clone()),
                iso: c.iso.clone(),
            });
            for n in entries::names_of(c) {
                g.add(&n, i);
            }
        }
        for k in known() {
            let recorded = records.iter().any(|c| {
                c.iso
                    .as_deref()
                    .is_some_and(|i| i.eq_ignore_ascii_case(&k.alpha2))
            });
            if recorded {
                continue;
            }
            let i = g.places.len();
            g.places.push(Place {
                name: k.name.clone(),
                definite: k.definite,
                name_vi: k.name_vi.clone(),
                record: None,
                iso: Some(k.alpha2.clone()),
            });
            for n in &k.names {
                g.add(n, i);
            }
        }
        g
    }

    fn add(&mut self, name: &str, place: usize) {
        let k = key(name);
        if k.is_empty() {
            return;
        }
        let len = k.split(' ').count();
        if let Some(first) = k.split(' ').next() {
            let n = self.starts.entry(first.to_string()).or_insert(0);
            *n = (*n).max(len);
        }
        self.phrases.entry(k).or_insert(place);
    }

    /// The first place the text names ("did the US sign" → United States).
    pub fn find(&self, text: &str) -> Option<&Place> {
        let folded = fold(&expand_acronyms(text));
        let ws: Vec<&str> = word_slices(&folded).collect();
        (0..ws.len()).find_map(|i| {
            let &longest = self.starts.get(ws[i])?;
            crate::text::find_joined(&ws[i..], longest, |_, key| self.phrases.get(key))
                .map(|&p| &self.places[p])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::known_by_iso;
    use super::*;

    #[test]
    fn the_gazetteer_finds_the_longest_whole_name() {
        let g = Gazetteer::build(&[]);
        let name = |q: &str| g.find(q).map(|p| p.name.clone());
        assert_eq!(name("Did Germany sign?").as_deref(), Some("Germany"));
        assert_eq!(name("did the US sign").as_deref(), Some("United States"));
        assert_eq!(
            name("Has South Sudan signed"),
            Some(known_by_iso("SS").unwrap().name.clone())
        );
        assert_eq!(
            name("did the UAE sign?"),
            Some(known_by_iso("AE").unwrap().name.clone())
        );
        assert_eq!(name("tell us about the venue"), None);
        assert_eq!(name("did Korea sign"), None, "two states are called Korea");
    }
}
