//! The blind question set's halves (tests/blind/): a case sits in the test half exactly
//! when the FNV-1a 64-bit hash of its trimmed question is odd (`tests/blind/split.py`),
//! so no case can be moved between halves to make a figure look better.

use hanoi_bot::curation::refit::load_cases;
use std::collections::HashSet;
use std::path::Path;

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[test]
fn fnv1a_matches_the_split_script() {
    // Reference values of FNV-1a 64 (as Python's split.py computes them).
    assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
}

#[test]
fn every_case_sits_in_the_half_its_hash_names() {
    let mut seen = HashSet::new();
    for (file, odd) in [
        ("tests/blind/train.toml", false),
        ("tests/blind/test.toml", true),
    ] {
        let cases = load_cases(Path::new(file)).expect("blind half");
        assert!(cases.len() > 900, "{file}: {} cases", cases.len());
        for c in &cases {
            let q = c.q.trim();
            assert_eq!(fnv1a(q) & 1 == 1, odd, "{file}: {q:?} is in the wrong half");
            assert!(seen.insert(q.to_string()), "{q:?} is in the set twice");
        }
    }
}
