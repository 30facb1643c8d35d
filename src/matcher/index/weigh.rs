//! BM25F weights, once every entry is tokenised: each token's saturated weight per
//! entry (over all fields, over the asked fields, over the answer), IDF, the names
//! that single out one entry, and the `[[not_held]]` tokens.

use super::{Field, Indexed, Posting, FIELDS};
use crate::knowledge::{EntryKind, Knowledge};
use crate::matcher::analyzer::Analyzer;
use rustc_hash::{FxHashMap, FxHashSet};

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;

/// What [`super::build`] derives once every entry is tokenised: postings with their BM25F
/// weights, IDF, names that single out one entry, and the `[[not_held]]` tokens.
pub(super) struct Weighed {
    pub(super) entries: Vec<Indexed>,
    pub(super) postings: Vec<Vec<Posting>>,
    pub(super) idf: Vec<f32>,
    pub(super) unknown_weight: f32,
    pub(super) name_owner: FxHashMap<u32, usize>,
    pub(super) not_held: FxHashMap<String, usize>,
    pub(super) not_held_tokens: FxHashSet<String>,
}

/// [`Weighed`] from the entries' records and their term counts (`tfs`), field lengths
/// (`lens`) and answer tokens, per entry.
pub(super) fn weigh(
    k: &Knowledge,
    analyzer: &Analyzer,
    n_tokens: usize,
    mut entries: Vec<Indexed>,
    tfs: &[[FxHashMap<u32, f32>; FIELDS]],
    lens: &[[f32; FIELDS]],
    answers: &[Vec<u32>],
) -> Weighed {
    let n = entries.len().max(1) as f32;
    let mut avg = [0.0f32; FIELDS];
    for (f, a) in avg.iter_mut().enumerate() {
        let with: Vec<f32> = lens.iter().map(|l| l[f]).filter(|&l| l > 0.0).collect();
        *a = with.iter().sum::<f32>() / with.len().max(1) as f32;
    }
    let fields = [
        Field::Name,
        Field::Question,
        Field::Keyword,
        Field::Attribute,
        Field::Answer,
    ];
    let mut postings: Vec<Vec<Posting>> = vec![Vec::new(); n_tokens];
    let saturate = |x: f32| x * (K1 + 1.0) / (x + K1);
    for (i, (tf, len)) in tfs.iter().zip(lens).enumerate() {
        // Pseudo term frequency over all fields, over the "asked" fields, over the answer.
        let mut pseudo: FxHashMap<u32, [f32; 3]> = FxHashMap::default();
        for f in fields {
            let norm = 1.0 - f.b() + f.b() * len[f as usize] / avg[f as usize].max(1.0);
            for (&t, &c) in &tf[f as usize] {
                let x = f.weight() * c / norm;
                let slot = pseudo.entry(t).or_insert([0.0; 3]);
                slot[0] += x;
                if matches!(f, Field::Answer) {
                    slot[2] += c / norm;
                } else {
                    slot[1] += x;
                }
            }
        }
        for (t, [all, asked, answer]) in pseudo {
            postings[t as usize].push(Posting {
                entry: i as u32,
                bm25: saturate(all),
                asked: saturate(asked),
                answer: saturate(answer),
            });
        }
    }
    let idf: Vec<f32> = postings
        .iter()
        .map(|p| (1.0 + n / p.len().max(1) as f32).ln())
        .collect();
    for e in &mut entries {
        e.phrasing_idf = e
            .phrasings
            .iter()
            .map(|p| p.iter().map(|&t| idf[t as usize]).sum())
            .collect();
    }
    // A word nobody wrote is as telling as the rarest word we have.
    let unknown_weight = (1.0 + n).ln();
    // Names shared by several entries ("Viet Nam", "Luong") do not single one out.
    let mut name_df = vec![0u32; n_tokens];
    for e in &entries {
        for &t in &e.name_tokens {
            name_df[t as usize] += 1;
        }
    }
    let person_tokens: FxHashSet<u32> = entries
        .iter()
        .filter(|e| e.kind == Some(EntryKind::Person))
        .flat_map(|e| e.name_tokens.iter().copied())
        .filter(|&t| name_df[t as usize] <= 2)
        .collect();
    let mut name_owner = FxHashMap::default();
    for (i, (e, answer)) in entries.iter_mut().zip(answers).enumerate() {
        e.name_tokens.retain(|&t| name_df[t as usize] <= 2);
        for &t in &e.name_tokens {
            // Only a name no other entry bears, and not a word most entries use.
            if name_df[t as usize] == 1 && (postings[t as usize].len() as f32) <= n / 10.0 {
                name_owner.insert(t, i);
            }
        }
        e.mentions_person |= answer.iter().any(|t| person_tokens.contains(t));
    }
    let mut not_held = FxHashMap::default();
    let mut not_held_tokens = FxHashSet::default();
    for (i, n) in k.not_held.iter().enumerate() {
        for w in &n.words {
            if let Some(word) = analyzer.words(w).first() {
                not_held.entry(analyzer.own_stem(word)).or_insert(i);
                not_held_tokens.insert(analyzer.token(word));
            }
        }
    }
    Weighed {
        entries,
        postings,
        idf,
        unknown_weight,
        name_owner,
        not_held,
        not_held_tokens,
    }
}
