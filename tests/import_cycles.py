#!/usr/bin/env python3
"""Import cycles between the files of src/: `python3 tests/import_cycles.py [SRC]`.

Each file is a node. A file depends on another when it names an item *defined* there:
through `use` (braces expanded, `self`/`super`/`crate` paths, aliases followed) or an
inline path in its code (`crate::reply::clip_words`, `super::Data`, `render::embed`
after `use super::render`). A `pub use` re-export is followed to where the item is
defined and is not itself a dependency (it is the module's facade, not a use), and
neither is `mod x;`. Test modules (`#[cfg(test)] mod tests`) are left out: they are
compiled only for `cargo test`.

Prints the dependency edges with `-v`, every cycle (strongly connected component of
more than one file) and exits 1 if there is one.
"""

import os
import re
import sys
from collections import defaultdict

SRC = next((a for a in sys.argv[1:] if not a.startswith("-")), "src")
VERBOSE = "-v" in sys.argv

ITEM = re.compile(
    r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+|const\s+|unsafe\s+)*"
    r"(fn|struct|enum|const|static|type|trait|mod|union)\s+([A-Za-z_][A-Za-z0-9_]*)",
    re.M,
)
USE = re.compile(r"^\s*(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", re.M)
PATH = re.compile(r"\b((?:crate|super|self|[A-Za-z_][A-Za-z0-9_]*)(?:::[A-Za-z_][A-Za-z0-9_]*)+)")


def module_of(rel):
    """src-relative file path -> module path tuple (() is the crate root)."""
    parts = rel[:-3].split(os.sep)
    if parts[-1] in ("lib", "main") and len(parts) == 1:
        return ()
    if parts[-1] == "mod":
        parts = parts[:-1]
    return tuple(parts)


def strip(text):
    """Comments, strings and test modules removed."""
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'r#*"(?:.|\n)*?"#*', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    text = re.sub(r"'(?:\\.|[^'\\])'", "' '", text)
    cut = re.search(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text)
    return text[: cut.start()] if cut else text


def expand(tree):
    """`a::{b, c::{d, e as f}}` -> [(path, alias)]."""
    tree = re.sub(r"\s+", " ", tree.strip())
    tree = re.sub(r"\s*(::|\{|\}|,)\s*", r"\1", tree)
    out = []

    def walk(prefix, t):
        if "{" not in t:
            name, _, alias = t.partition(" as ")
            segs = [s for s in (prefix + "::" + name if prefix else name).split("::") if s]
            if segs and segs[-1] == "self":
                segs = segs[:-1]
            if segs and segs[-1] != "*":
                out.append((segs, alias or segs[-1]))
            return
        head, body = t.split("{", 1)
        body = body[: body.rindex("}")]
        head = head.rstrip(":")
        depth, cur = 0, ""
        for ch in body:
            if ch == "," and depth == 0:
                if cur:
                    walk(prefix + "::" + head if prefix and head else prefix or head, cur)
                cur = ""
                continue
            depth += ch == "{"
            depth -= ch == "}"
            cur += ch
        if cur:
            walk(prefix + "::" + head if prefix and head else prefix or head, cur)

    walk("", tree)
    return out


files = {}
for root, _, names in os.walk(SRC):
    for n in names:
        if n.endswith(".rs"):
            rel = os.path.relpath(os.path.join(root, n), SRC)
            if rel == "main.rs":
                continue  # the binary: a separate crate
            files[module_of(rel)] = (rel, strip(open(os.path.join(root, n)).read()))

modules = set(files)
items = {m: set(n for _, n in ITEM.findall(t)) for m, (_, t) in files.items()}
reexports = {}  # (module, name) -> absolute path segments
for m, (_, t) in files.items():
    for vis, tree in USE.findall(t):
        if vis:
            for segs, alias in expand(tree):
                reexports[(m, alias)] = (m, segs)


def absolute(m, segs):
    """Resolves `crate`/`super`/`self` at the start of a path used in module `m`."""
    cur = list(m)
    segs = list(segs)
    if segs[0] == "crate":
        cur, segs = [], segs[1:]
    while segs and segs[0] in ("super", "self"):
        if segs.pop(0) == "super":
            cur = cur[:-1]
    return tuple(cur), segs


def resolve(m, segs, seen=None):
    """The module defining what `segs` (as written in module `m`) names, or None."""
    seen = seen or set()
    cur, segs = absolute(m, segs)
    if not segs:
        return cur
    while segs and cur + (segs[0],) in modules:
        cur, segs = cur + (segs[0],), segs[1:]
    if not segs:
        return cur
    key = (cur, segs[0])
    if key in reexports and key not in seen:
        seen.add(key)
        home, target = reexports[key]
        return resolve(home, list(target) + segs[1:], seen)
    if segs[0] in items.get(cur, ()):
        return cur
    return None  # another crate (std, serenity, ...)


edges = defaultdict(set)
why = {}
for m, (rel, t) in files.items():
    # Child modules are in scope by their names (`commands::ask()` in `discord`).
    aliases = {c[-1]: (c, []) for c in modules if c[:-1] == m and len(c) == len(m) + 1}
    for vis, tree in USE.findall(t):
        for segs, alias in expand(tree):
            if segs[0] not in ("crate", "super", "self") and tuple(segs[:1]) not in {
                x[:1] for x in modules if len(x) == 1
            }:
                if m != () or tuple(segs[:1]) not in modules:
                    continue  # an external crate
            aliases[alias] = absolute(m, segs)
            if vis:
                continue  # a re-export is the facade, not a use
            target = resolve(m, segs)
            if target is not None and target != m:
                edges[m].add(target)
                why.setdefault((m, target), "use " + "::".join(segs))
    body = USE.sub("", t)
    for p in PATH.findall(body):
        segs = p.split("::")
        if segs[0] in aliases:
            base, rest = aliases[segs[0]]
            target = resolve((), ["crate", *base, *rest, *segs[1:]])
        elif segs[0] in ("crate", "super", "self"):
            target = resolve(m, segs)
        else:
            continue
        if target is not None and target != m:
            edges[m].add(target)
            why.setdefault((m, target), p)

name = lambda m: files[m][0]
if VERBOSE:
    for m in sorted(edges, key=name):
        for t in sorted(edges[m], key=name):
            print(f"{name(m)} -> {name(t)}   ({why[(m, t)]})")

# Tarjan's strongly connected components.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]


def connect(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in edges[v]:
        if w not in index:
            connect(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        sccs.append(comp)


sys.setrecursionlimit(10000)
for v in sorted(files, key=name):
    if v not in index:
        connect(v)

cycles = [c for c in sccs if len(c) > 1]
n_edges = sum(len(e) for e in edges.values())
print(f"{len(files)} files, {n_edges} dependencies between them")
for c in cycles:
    members = sorted(c, key=name)
    print("cycle: " + ", ".join(name(x) for x in members))
    for a in members:
        for b in sorted(edges[a] & set(c), key=name):
            print(f"  {name(a)} -> {name(b)}   ({why[(a, b)]})")
print("no import cycle" if not cycles else f"{len(cycles)} cycle(s)")
sys.exit(1 if cycles else 0)
