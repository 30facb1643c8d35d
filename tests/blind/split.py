#!/usr/bin/env python3
"""Merges the blind question drafts into train.toml and test.toml by a fixed hash.

The questions were written by people who saw only ../shared/sources (never the knowledge
file). A case belongs to the test half when the FNV-1a 64-bit hash of its question (UTF-8,
trimmed) is odd; `tests/it/blind_split.rs` checks that every case sits in its half, so a case
cannot be moved to make a figure look better. Tune on train.toml; only score test.toml.

    python3 tests/blind/split.py DRAFT.toml... > /dev/null   # rewrites train.toml and test.toml
"""
import sys
import tomllib
from pathlib import Path

FIELDS = ("q", "expect", "scope", "category", "variant", "register", "kind", "style")


def fnv1a(s: str) -> int:
    h = 0xCBF29CE484222325
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit(c: dict) -> str:
    out = ["[[case]]"]
    for k in FIELDS:
        if k not in c:
            continue
        v = c[k]
        if isinstance(v, list):
            out.append(f"{k} = [{', '.join(toml_str(x) for x in v)}]")
        else:
            out.append(f"{k} = {toml_str(v)}")
    return "\n".join(out) + "\n"


def main(paths: list[str]) -> None:
    seen: set[str] = set()
    halves: dict[str, list[dict]] = {"train": [], "test": []}
    for p in paths:
        for c in tomllib.load(open(p, "rb"))["case"]:
            q = c["q"].strip()
            key = " ".join(q.lower().split())
            if key in seen:
                continue
            seen.add(key)
            c["q"] = q
            if c.get("scope") == "out":
                c.setdefault("register", c.get("variant", "out_of_scope"))
            else:
                c["register"] = c["variant"]
            halves["test" if fnv1a(q) & 1 else "train"].append(c)
    here = Path(__file__).parent
    for name, cases in halves.items():
        head = (f"# Blind development questions, {name} half ({'tune on these' if name == 'train' else 'score only: never tune on these'}).\n"
                "# Written from ../shared/sources only; split by FNV-1a(question) & 1 (see split.py).\n"
                "# `register` is the user's way of writing (short, paraphrase, verbose, casual, typo,\n"
                "# vietnamese); `kind` what the question is about.\n\n")
        (here / f"{name}.toml").write_text(head + "\n".join(emit(c) for c in cases), encoding="utf-8")
        ins = sum(c.get("scope") != "out" for c in cases)
        print(f"{name}: {len(cases)} cases, {ins} in scope, {len(cases) - ins} out", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
