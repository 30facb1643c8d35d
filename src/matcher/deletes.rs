//! The typo index of [`super::vocabulary`]: symmetric deletes (SymSpell) of every
//! correction target, so the candidates of a misspelled word are found by hashing its
//! own deletes, whatever the vocabulary's size.
//!
//! Building it is most of the work the second core does while loading (a few hundred
//! thousand keys for the shipped knowledge), and each unknown word of a question hashes
//! its deletes again, so both the hashing and the sort are written for speed: each
//! delete continues the hash of the letters before it instead of starting over, and the
//! keys are radix-sorted. Tests keep both equal to their plain definitions.

/// Symmetric-delete index over the correction targets (SymSpell): every target word
/// keyed by its first letter and each string its tail leaves after one or two letters
/// are deleted. Two words whose first letters agree are within `k` edits
/// (optimal string alignment: insertions, deletions, substitutions, adjacent swaps) only
/// if deleting at most `k` letters from each tail leaves the same string, so the
/// candidates of a word are found by hashing its own deletes. Keys are 32-bit hashes:
/// a collision only adds a candidate, which the exact distance then rejects.
#[derive(Debug, Default)]
pub(super) struct Deletes {
    /// Key hash in the high half, target index in the low half, sorted: one `u64`
    /// sorts several times faster than a pair.
    keys: Vec<u64>,
    /// Where the keys whose hash begins with each `bits`-bit prefix start in `keys`
    /// (one more entry closes the last bucket). A binary search over a few hundred
    /// thousand keys misses the cache at almost every step, and a question hashes
    /// dozens of deletes per unknown word: a lookup here is two reads.
    starts: Vec<u32>,
    /// Bits of the prefix: about one key per bucket.
    bits: u32,
}

/// Deletes up to two letters, the widest edit budget of
/// [`super::vocabulary::Vocabulary::correct`].
const MAX_EDITS: usize = 2;

impl Deletes {
    pub(super) fn build(targets: &[(Box<str>, u32)]) -> Deletes {
        let mut keys = Vec::with_capacity(targets.len() * 24);
        let mut chars = Vec::new();
        for (i, (w, _)) in targets.iter().enumerate() {
            chars.clear();
            chars.extend(w.chars());
            // A word is only ever a candidate for words of at least five letters, at
            // most one edit away when it has four letters (see `correct`).
            let edits = match chars.len() {
                0..=3 => continue,
                4 => 1,
                _ => MAX_EDITS,
            };
            each_delete(&chars, edits, |h| keys.push(u64::from(h) << 32 | i as u64));
        }
        // The indices were pushed in increasing order, so a stable sort on the hash
        // alone orders the keys as a sort of the whole `u64` would.
        sort_by_high_half(&mut keys);
        keys.dedup();
        let bits = keys.len().max(1).ilog2().clamp(1, 24);
        let mut starts = vec![0u32; (1 << bits) + 1];
        for &k in &keys {
            starts[(k >> (64 - bits)) as usize + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        Deletes { keys, starts, bits }
    }

    /// Target indices sharing the key `h`.
    pub(super) fn get(&self, h: u32) -> impl Iterator<Item = u32> + '_ {
        let b = h.checked_shr(32 - self.bits).unwrap_or(0) as usize;
        // An index never built (no targets) has no buckets.
        let (start, end) = match self.starts.get(b..b + 2) {
            Some(&[s, e]) => (s as usize, e as usize),
            _ => (0, 0),
        };
        let h = u64::from(h);
        self.keys[start..end]
            .iter()
            .filter(move |&&k| k >> 32 == h)
            // The low half is the index.
            .map(|&k| k as u32)
    }
}

/// Stable LSD radix sort on the high 32 bits, in three passes of 11 bits: a third of
/// the instructions of `sort_unstable` on the shipped knowledge's keys.
fn sort_by_high_half(keys: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const SHIFTS: [u32; 3] = [32, 32 + BITS, 32 + 2 * BITS];
    let digit = |k: u64, shift: u32| ((k >> shift) & ((1 << BITS) - 1)) as usize;
    let mut counts = vec![[0usize; 1 << BITS]; SHIFTS.len()];
    for &k in keys.iter() {
        for (pass, &shift) in SHIFTS.iter().enumerate() {
            counts[pass][digit(k, shift)] += 1;
        }
    }
    let mut out = vec![0u64; keys.len()];
    for (pass, &shift) in SHIFTS.iter().enumerate() {
        // Counts become each digit's first slot.
        let mut next = 0;
        for c in counts[pass].iter_mut() {
            next += std::mem::replace(c, next);
        }
        let starts = &mut counts[pass];
        for &k in keys.iter() {
            let d = digit(k, shift);
            out[starts[d]] = k;
            starts[d] += 1;
        }
        std::mem::swap(keys, &mut out);
    }
}

/// FNV-1a, the hash of the delete keys.
const FNV_OFFSET: u32 = 0x811c_9dc5;
fn fnv(h: u32, c: char) -> u32 {
    (h ^ c as u32).wrapping_mul(0x0100_0193)
}

/// Calls `f` with the hash of the word and of every string left by deleting up to
/// `edits` letters after the first (some strings more than once), in no set order.
pub(super) fn each_delete(chars: &[char], edits: usize, mut f: impl FnMut(u32)) {
    let rest = |h: u32, from: usize| chars[from..].iter().fold(h, |h, &c| fnv(h, c));
    let Some(&first) = chars.first() else {
        f(FNV_OFFSET);
        return;
    };
    // The hash of the letters before `i`, carried from one deleted letter to the next.
    let mut before = fnv(FNV_OFFSET, first);
    f(rest(before, 1));
    if edits == 0 {
        return;
    }
    for i in 1..chars.len() {
        if edits == 1 {
            f(rest(before, i + 1));
        } else {
            // The letters before `j` but `i`, carried from one `j` to the next.
            let mut kept = before;
            for (j, &c) in chars.iter().enumerate().skip(i + 1) {
                f(rest(kept, j + 1));
                kept = fnv(kept, c);
            }
            // Every letter but `i`.
            f(kept);
        }
        before = fnv(before, chars[i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition: every kept string hashed from the start.
    fn each_delete_plain(chars: &[char], edits: usize) -> Vec<u32> {
        let hash = |skip1: usize, skip2: usize| {
            let kept = chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip1 && *i != skip2);
            kept.fold(FNV_OFFSET, |h, (_, &c)| fnv(h, c))
        };
        let mut out = vec![hash(usize::MAX, usize::MAX)];
        for i in 1..chars.len() {
            if edits >= 1 {
                out.push(hash(i, usize::MAX));
            }
            if edits >= 2 {
                out.extend((i + 1..chars.len()).map(|j| hash(i, j)));
            }
        }
        out.sort_unstable();
        out
    }

    proptest! {
        #[test]
        fn deletes_hash_as_the_plain_definition_does(
            word in "[a-zđơưăâêô]{0,14}",
            edits in 0usize..=2,
        ) {
            let chars: Vec<char> = word.chars().collect();
            let mut fast = Vec::new();
            each_delete(&chars, edits, |h| fast.push(h));
            fast.sort_unstable();
            prop_assert_eq!(fast, each_delete_plain(&chars, edits));
        }

        #[test]
        fn a_lookup_finds_what_a_scan_of_the_keys_finds(
            words in proptest::collection::vec("[a-gđơ]{3,9}", 0..60),
            probes in proptest::collection::vec("[a-gđơ]{3,9}", 1..20),
        ) {
            let targets: Vec<(Box<str>, u32)> =
                words.iter().map(|w| (w.as_str().into(), 0)).collect();
            let index = Deletes::build(&targets);
            for p in &probes {
                let chars: Vec<char> = p.chars().collect();
                let mut hashes = Vec::new();
                each_delete(&chars, MAX_EDITS, |h| hashes.push(h));
                for h in hashes {
                    let found: Vec<u32> = index.get(h).collect();
                    let scanned: Vec<u32> = index
                        .keys
                        .iter()
                        .filter(|&&k| k >> 32 == u64::from(h))
                        .map(|&k| k as u32)
                        .collect();
                    prop_assert_eq!(found, scanned);
                }
            }
        }

        #[test]
        fn the_radix_sort_orders_as_a_full_sort_does(
            mut hashes in proptest::collection::vec(any::<u32>(), 0..3000),
            small in any::<bool>(),
        ) {
            // Few distinct hashes too, so that equal hashes meet.
            if small {
                hashes.iter_mut().for_each(|h| *h %= 7);
            }
            // Indices pushed in increasing order, several keys per index, as `build` does.
            let mut keys: Vec<u64> =
                hashes.iter().enumerate().map(|(n, &h)| u64::from(h) << 32 | (n / 3) as u64).collect();
            let mut expected = keys.clone();
            expected.sort_unstable();
            sort_by_high_half(&mut keys);
            prop_assert_eq!(keys, expected);
        }
    }
}
