#!/usr/bin/env python3
"""Scores the bot on a blind half by register, with ranking figures the scorer lacks.

    python3 tests/blind/report.py tests/blind/test.toml [--bin target/release/hanoi-bot] [--fails]

For each register: in-scope answered right, out-of-scope refused, and for in-scope questions
whether the top candidate (answered or not) was right and whether a right entry was among the
answer and its suggestions (what a refusal offers). Uses score.py's loader and judge.
"""
import argparse
import json
import subprocess
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2].parent / "shared" / "eval"))
import score  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cases")
    ap.add_argument("--bin", default="target/release/hanoi-bot")
    ap.add_argument("--fails", action="store_true")
    ap.add_argument("--json-out")
    a = ap.parse_args()
    cases = score.load_cases(a.cases)
    raw = tomllib.load(open(a.cases, "rb"))["case"]
    regs = [c.get("register", c.get("variant")) for c in raw]
    export = json.loads(subprocess.run([a.bin, "export", "--json"], capture_output=True, check=True).stdout)
    answers = {e["id"]: score.fold(e["answer"]) for e in export["entries"]}
    out = subprocess.run([a.bin, "ask", "--json"], input="".join(c.q + "\n" for c in cases).encode(),
                         capture_output=True, check=True).stdout.decode().splitlines()
    rows = [json.loads(l) for l in out]
    stats: dict = {}
    fails = []
    refused = [0, 0]  # in-scope questions refused; of them, a right entry among the suggestions
    for c, reg, r in zip(cases, regs, rows):
        res = score.judge(c, r["answered"], r["answer"], r.get("id"), r.get("confidence", 0))
        s = stats.setdefault((c.scope, reg), [0, 0, 0, 0])
        s[0] += 1
        s[1] += res.passed
        if c.scope == "in":
            ids = ([r["id"]] if r["answered"] and r.get("id") else []) + [x["id"] for x in r["suggestions"]]
            ok = [any(e in answers.get(i, "") for e in c.expect_folded) for i in ids]
            s[2] += bool(ok and ok[0])
            s[3] += any(ok)
            if not r["answered"]:
                refused[0] += 1
                refused[1] += any(ok)
        if not res.passed:
            fails.append((c, reg, r, res.outcome))
    tot = {"in": [0, 0, 0, 0], "out": [0, 0, 0, 0]}
    print(f"{a.cases}")
    print(f"  {'scope':<5} {'register':<12} {'n':>4} {'pass%':>6} {'top1%':>6} {'anyK%':>6}")
    for (scope, reg), s in sorted(stats.items()):
        for i in range(4):
            tot[scope][i] += s[i]
        extra = f"{100*s[2]/s[0]:6.1f} {100*s[3]/s[0]:6.1f}" if scope == "in" else ""
        print(f"  {scope:<5} {reg:<12} {s[0]:>4} {100*s[1]/s[0]:6.1f} {extra}")
    i, o = tot["in"], tot["out"]
    print(f"  TOTAL in {100*i[1]/i[0]:.1f}% (top1 {100*i[2]/i[0]:.1f}%, any {100*i[3]/i[0]:.1f}%)  out {100*o[1]/max(o[0],1):.1f}%  n={i[0]+o[0]}")
    print(f"  refusals of in-scope questions: {refused[0]}, a right entry among the suggestions: "
          f"{100*refused[1]/max(refused[0],1):.1f}%")
    if a.fails:
        for c, reg, r, outcome in fails:
            print(f"[{outcome}] {reg}: {c.q}\n    expect {c.expect[:4]} got {r.get('id')} {r['confidence']:.2f} sugg={[x['id'] for x in r['suggestions']]}")


if __name__ == "__main__":
    main()
