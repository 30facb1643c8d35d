#!/usr/bin/env python3
"""Builds general-frequency.txt: how common each word is in general English and Vietnamese.

The matcher uses it to tell informative words ("Geneva", "protocol", "football") from words
that say little about a question ("homework", "friend", "wondering"), and to leave real words
alone when correcting typos. Data: the `wordfreq` package (Robyn Speer et al.), version 3.1.1,
lists small_en and small_vi, redistributed under CC BY-SA 4.0 (see LICENSE).

    pip download wordfreq==3.1.1 --no-deps -d /tmp/wf && unzip -q /tmp/wf/*.whl -d /tmp/wf/x
    pip install msgpack
    python3 extract.py /tmp/wf/x/wordfreq/data > general-frequency.txt

Output: one line per Zipf value in tenths (Zipf = log10 of the frequency per billion words,
7.7 for "the", 3 for a word seen once per million), then the words at that frequency,
folded as the bot folds them (NFKD, combining marks dropped, đ -> d, lower case), letters
only. A word in both languages keeps its higher value.
"""
import gzip
import sys
import unicodedata

import msgpack


def fold(w: str) -> str:
    w = unicodedata.normalize("NFKD", w)
    w = "".join(c for c in w if not unicodedata.combining(c))
    return w.replace("đ", "d").replace("Đ", "d").lower()


def main(data: str) -> None:
    best: dict[str, int] = {}
    for name in ("small_en", "small_vi"):
        buckets = msgpack.load(gzip.open(f"{data}/{name}.msgpack.gz"), raw=False)
        for i, words in enumerate(buckets[1:]):
            zipf10 = round(90 - i / 10)
            for w in words:
                f = fold(w)
                if not f.isalpha() or not f.isascii():
                    continue
                if best.get(f, -1) < zipf10:
                    best[f] = zipf10
    by_value: dict[int, list[str]] = {}
    for w, z in best.items():
        by_value.setdefault(z, []).append(w)
    print("# general word frequencies (Zipf x 10, then words); built by extract.py from wordfreq 3.1.1, CC BY-SA 4.0")
    for z in sorted(by_value, reverse=True):
        print(z, " ".join(sorted(by_value[z])))


if __name__ == "__main__":
    main(sys.argv[1])
