//! States and organisations as entities: "did my country sign?".
//!
//! - The country data (from the ISO 3166 lists of the `keshvar` crate): names, codes and
//!   Vietnamese translations of every state, so curators type a record's status and
//!   source, not 200 names, and the bot recognises a state the knowledge has no record of.
//!   What the bot uses of it is kept in `states.tsv` beside this file: reading the
//!   crate's data took ~45 ms at every start, the table takes well under one. A test
//!   derives the table from the crate again and fails when they differ (the crate is a
//!   dev-dependency; `HANOI_WRITE_STATES=1 cargo test states_table` rewrites the file).
//! - [`Gazetteer`]: which state or record a question names.
//! - `check`: the rules of `[[country]]` and `[signatories]`.
//! - `entries`: each record becomes an answerable entry, its names a synonym group;
//!   `compose` writes its answers in English and Vietnamese.

pub(super) mod check;
mod compose;
pub(super) mod entries;
mod gazetteer;

pub use gazetteer::{Gazetteer, Place};

use crate::text::is_filler;
/// How names are compared: [`crate::text::key`].
pub use crate::text::key;
use std::sync::OnceLock;

/// Names the data gives a state in another language that are common English words: the
/// German and Danish "Island" (Iceland) read "a small island state" as Iceland. The
/// list was found by checking every one-word name against the general word frequencies
/// (knowledge/wordfreq): "island" is the only such name as common as everyday words.
#[cfg(test)]
const ENGLISH_WORDS: &[&str] = &["island"];

/// UN observer states: not members, but "States" that a UN convention is open to.
#[cfg(test)]
const OBSERVERS: &[&str] = &["VA", "PS"];

/// (Part of deriving `states.tsv`: after a change here, rewrite it as the module notes say.)
#[cfg(test)]
/// Today's Vietnamese names where the country data has an older transliteration
/// ("Cộng hoà Nam Hàn", "Nam Dương", "Căm Bốt") or none: the names Vietnamese readers
/// type. Names that are the English ones ("Singapore", "Indonesia") need no entry.
const VI_NAMES: &[(&str, &str)] = &[
    ("KR", "Hàn Quốc"),
    ("KP", "Triều Tiên"),
    ("JP", "Nhật Bản"),
    ("IN", "Ấn Độ"),
    ("GB", "nước Anh"),
    ("KH", "Campuchia"),
    ("NL", "Hà Lan"),
    ("SA", "Ả Rập Xê Út"),
    ("AE", "Các Tiểu vương quốc Ả Rập Thống nhất"),
    ("UA", "Ukraina"),
    ("AT", "nước Áo"),
    ("IT", "nước Ý"),
    ("MX", "Mê-hi-cô"),
    ("AR", "Ác-hen-ti-na"),
    ("NZ", "New Zealand"),
    ("IE", "Ireland"),
    ("TL", "Đông Timor"),
    ("CH", "Thụy Sĩ"),
    ("SE", "Thụy Điển"),
    ("IR", "Iran"),
    ("IL", "Israel"),
];

/// A state of the country data and the names users may call it by.
#[derive(Debug, Clone)]
pub struct Known {
    /// ISO 3166-1 alpha-2 and alpha-3 codes.
    pub alpha2: String,
    /// ISO 3166-1 alpha-3 code.
    pub alpha3: String,
    /// English display name ("Germany", "United States").
    pub name: String,
    /// The name takes "the" in a sentence ("the United States").
    pub definite: bool,
    /// The data's Vietnamese name, where it has one (some are dated transliterations).
    pub name_vi: Option<String>,
    /// ISO short and long names, unofficial names in Latin script and the Vietnamese
    /// name when it is more than one word; a name two states share is left out.
    pub names: Vec<String>,
}

/// The states table derived from the country data (see the module notes).
const STATES: &str = include_str!("states.tsv");

/// Every UN member and observer state of the country data, read once.
pub fn known() -> &'static [Known] {
    static KNOWN: OnceLock<Vec<Known>> = OnceLock::new();
    KNOWN.get_or_init(|| parse_states(STATES))
}

/// Reads `states.tsv`: alpha-2, alpha-3, definite (0/1), name, Vietnamese name (may be
/// empty), names separated by `|`; one state a line.
fn parse_states(table: &str) -> Vec<Known> {
    table
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let field = |i: usize| f.get(i).copied().unwrap_or_default();
            Known {
                alpha2: field(0).to_string(),
                alpha3: field(1).to_string(),
                definite: field(2) == "1",
                name: field(3).to_string(),
                name_vi: Some(field(4)).filter(|v| !v.is_empty()).map(str::to_string),
                names: field(5)
                    .split('|')
                    .filter(|n| !n.is_empty())
                    .map(str::to_string)
                    .collect(),
            }
        })
        .collect()
}

/// Writes states as `states.tsv` holds them.
#[cfg(test)]
fn render_states(states: &[Known]) -> String {
    let mut out = String::from(
        "# Generated from the keshvar crate's data by a test in mod.rs (see the module notes).\n\
         # alpha2, alpha3, definite, name, Vietnamese name, names (|-separated)\n",
    );
    for k in states {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            k.alpha2,
            k.alpha3,
            u8::from(k.definite),
            k.name,
            k.name_vi.as_deref().unwrap_or_default(),
            k.names.join("|")
        ));
    }
    out
}

/// The state with this ISO alpha-2 code.
pub fn known_by_iso(alpha2: &str) -> Option<&'static Known> {
    known()
        .iter()
        .find(|k| k.alpha2.eq_ignore_ascii_case(alpha2))
}

/// The states as derived from the country data (`keshvar`).
#[cfg(test)]
fn load() -> Vec<Known> {
    let mut all: Vec<Known> = Vec::new();
    for c in keshvar::CountryIterator::new() {
        let alpha2 = c.alpha2().to_string();
        if !c.un_member() && !OBSERVERS.contains(&alpha2.as_str()) {
            continue;
        }
        let short = tidy(c.iso_short_name());
        let name = c
            .unofficial_name_list()
            .iter()
            .find_map(|n| tidy(n))
            .or_else(|| short.clone())
            .unwrap_or_else(|| c.iso_short_name().to_string());
        let modern_vi = VI_NAMES
            .iter()
            .find(|(a, _)| *a == alpha2)
            .map(|(_, vi)| *vi);
        let data_vi = c
            .translations()
            .get("vi")
            .and_then(|v| v.split(',').next())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        let name_vi = modern_vi
            .map(|vi| vi.trim_start_matches("nước ").to_string())
            .or_else(|| data_vi.clone());
        let mut names: Vec<String> = Vec::new();
        let candidates = std::iter::once(short)
            .chain(std::iter::once(tidy(c.iso_long_name())))
            .chain(c.unofficial_name_list().iter().map(|n| tidy(n)))
            .flatten();
        for n in candidates {
            if usable(&n, 1)
                && !ENGLISH_WORDS.contains(&key(&n).as_str())
                && !names.iter().any(|x| key(x) == key(&n))
            {
                names.push(n);
            }
        }
        if let Some(vi) = modern_vi {
            names.push(vi.to_string());
        }
        // A one-syllable Vietnamese name ("Đức") is also a common word ("đạo đức");
        // "nước Đức" (the country Germany) is not.
        match data_vi.as_ref() {
            Some(vi) if usable(vi, 2) => names.push(vi.clone()),
            Some(vi) if !vi.contains([' ', '-']) => names.push(format!("nước {vi}")),
            _ => {}
        }
        // The same name twice would read as a name two states share.
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(key(n)));
        let definite = c
            .iso_long_name()
            .strip_prefix("The ")
            .is_some_and(|long| long.starts_with(&name));
        all.push(Known {
            alpha2,
            alpha3: c.alpha3().to_string(),
            name,
            definite,
            name_vi,
            names,
        });
    }
    // "Congo" and "Korea" are two states each: such a name identifies neither.
    let mut owners: std::collections::HashMap<String, usize> = Default::default();
    for k in &all {
        for n in &k.names {
            *owners.entry(key(n)).or_default() += 1;
        }
    }
    for k in &mut all {
        k.names.retain(|n| owners[&key(n)] == 1);
    }
    all
}

/// A confidence level ("high", "medium", "low") in Vietnamese.
pub fn confidence_vi(c: &str) -> &str {
    match c {
        "high" => "cao",
        "medium" => "trung bình",
        "low" => "thấp",
        other => other,
    }
}

/// Whether a name can identify a state: at least `min_words` words, and a single word
/// must be four letters or more and not a filler ("Iran" yes; a Vietnamese one-syllable
/// name like "Nhật" no, it is also the common word "nhất").
fn usable(name: &str, min_words: usize) -> bool {
    let k = key(name);
    let ws: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
    match ws.as_slice() {
        [] => false,
        [w] => min_words <= 1 && w.chars().count() >= 4 && !is_filler(w),
        _ => ws.len() >= min_words,
    }
}

/// A data name as users write it, or `None` when it is not in Latin script or is an
/// abbreviation. "Iran (Islamic Republic of)" → "Islamic Republic of Iran";
/// "Korea (North)" → "Korea"; "Palestine, State of" → "State of Palestine"; a leading
/// "The" is dropped.
#[cfg(test)]
fn tidy(name: &str) -> Option<String> {
    let latin = name.chars().all(|c| {
        c.is_ascii()
            || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{0300}'..='\u{036F}' | '’' | '‘')
    });
    if !latin || name.contains('.') {
        return None;
    }
    let name = name.trim();
    let name = name.strip_prefix("The ").unwrap_or(name);
    let (base, qualifier) = match name.find(['(', '[']) {
        Some(i) => (
            name[..i].trim(),
            Some(name[i + 1..].trim_end_matches([')', ']']).trim()),
        ),
        None => match name.split_once(',') {
            Some((a, b)) => (a.trim(), Some(b.trim())),
            None => (name, None),
        },
    };
    let out = match qualifier {
        Some(q) if q.to_lowercase().ends_with(" of") || q.to_lowercase().ends_with(" of the") => {
            format!("{q} {base}")
        }
        _ => base.to_string(),
    };
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_table_matches_the_country_data() {
        let derived = render_states(&load());
        if std::env::var_os("HANOI_WRITE_STATES").is_some() {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/knowledge/countries/states.tsv"
            );
            std::fs::write(path, &derived).expect("write states.tsv");
        }
        assert!(
            derived == STATES,
            "states.tsv is stale: HANOI_WRITE_STATES=1 cargo test states_table"
        );
        let parsed = parse_states(STATES);
        assert_eq!(
            render_states(&parsed),
            derived,
            "the table reads back as written"
        );
    }

    #[test]
    fn data_names_are_tidied_for_users() {
        assert_eq!(
            tidy("Iran (Islamic Republic of)").as_deref(),
            Some("Islamic Republic of Iran")
        );
        assert_eq!(tidy("Korea (North)").as_deref(), Some("Korea"));
        assert_eq!(
            tidy("Palestine, State of").as_deref(),
            Some("State of Palestine")
        );
        assert_eq!(
            tidy("The Republic of Austria").as_deref(),
            Some("Republic of Austria")
        );
        assert_eq!(tidy("Congo (Dem. Rep.)"), None);
        assert_eq!(tidy("ドイツ"), None);
    }

    #[test]
    fn the_data_knows_states_by_their_names_and_drops_shared_ones() {
        let us = known_by_iso("US").expect("United States");
        assert_eq!(us.alpha3, "USA");
        assert!(us.names.iter().any(|n| n == "United States"));
        assert_eq!(us.name_vi.as_deref(), Some("Mỹ"));
        assert!(us.definite);
        let de = known_by_iso("DE").expect("Germany");
        assert_eq!(de.name, "Germany");
        assert!(!de.definite);
        assert!(de.names.iter().any(|n| n == "nước Đức"), "{:?}", de.names);
        for k in known() {
            assert!(!k
                .names
                .iter()
                .any(|n| key(n) == "korea" || key(n) == "congo"));
        }
        assert!(known().len() >= 193, "every UN member state");
        assert!(known_by_iso("PR").is_none(), "territories are not states");
    }
}
