"""What keeps search quick on every keystroke without timing anything: the index gives the
garbage collector little to walk (a full collection is a pause in whatever the user is
doing), and what a query shows is what the plain, slow way gives."""

from __future__ import annotations

import gc

from helpers.packs import generated_pack

from guide.core.study.search import SearchIndex, plain_text, snippet


def objects_the_collector_walks(root: object, outside: object) -> int:
    """How many references a full collection follows inside `root` (not into `outside`)."""
    seen: set[int] = {id(outside)}
    stack = [root]
    visits = 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen or not gc.is_tracked(obj) or isinstance(obj, type):
            continue
        seen.add(id(obj))
        referents = gc.get_referents(obj)
        visits += len(referents)
        stack.extend(referents)
    return visits


def test_the_index_gives_the_garbage_collector_little_to_walk() -> None:
    """Sorted columns of hundreds of thousands of strings, kept in lists, made every full
    collection walk them all (~10 ms a pause on a 5,000-phrase pack)."""
    pack = generated_pack()
    index = SearchIndex.build(pack)
    gc.collect()
    per_entry = objects_the_collector_walks(index, pack) / len(index)
    assert per_entry <= 25, f"{per_entry:.0f} references walked per entry"


def test_snippets_are_what_the_full_text_gives() -> None:
    pack = generated_pack(phrases=400)
    index = SearchIndex.build(pack)
    notes = {p.zh: p.note for p in pack.phrases}
    bodies = {f"{w.id}/{s.id}": " ".join(plain_text(part, pack) for part in (s.body, s.tip or "", s.warning or ""))
              for w in pack.walkthroughs for s in w.steps}
    checked = 0
    for query in ("cats", "thanks please", "message", "收藏"):
        for result in index.search(query, limit=None):
            if result.snippet:
                written = notes[result.id] if result.kind == "phrase" else bodies[result.id]
                assert result.snippet == snippet(written, query)
                checked += 1
    assert checked > 50
