"""The search index: every query form from the issue, and the ranking rules
(exact > prefix > word > substring; labels and phrases before step bodies)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers.packs import generated_pack, search_pack

from guide.core.content.loader import load_pack
from guide.core.content.model import Pack
from guide.core.study.search import (
    SearchIndex,
    SearchResult,
    index_for,
    label_mentions,
    plain_text,
    step_label_keys,
)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    loaded = load_pack(search_pack(tmp_path_factory.mktemp("search") / "pack"))
    assert not loaded.problems, loaded.problems
    return loaded


@pytest.fixture(scope="module")
def index(pack: Pack) -> SearchIndex:
    return SearchIndex.build(pack)


def ids(results: list[SearchResult]) -> list[str]:
    return [r.id for r in results]


@pytest.mark.parametrize("query", ["ni hao", "nihao", "ni3 hao3", "nǐ hǎo", "NiHao", "NI HAO", "ni3hao3", "  ni hao  "])
def test_every_way_of_typing_pinyin_finds_nihao_first(index: SearchIndex, query: str) -> None:
    results = index.search(query)
    assert results[0].kind == "phrase" and results[0].id == "你好"
    assert "你好吗？" in ids(results), "a phrase starting with the same syllables is found too"
    assert ids(results).index("你好") < ids(results).index("你好吗？"), "exact before prefix"


@pytest.mark.parametrize("query", ["shoucang", "shou cang", "shōucáng", "shou1 cang2", "ShouCang"])
def test_pinyin_finds_the_label(index: SearchIndex, query: str) -> None:
    first = index.search(query)[0]
    assert (first.kind, first.id, first.pinyin, first.en) == ("label", "收藏", "shōucáng", "Save / Collect")


def test_v_and_u_umlaut(index: SearchIndex) -> None:
    assert ids(index.search("lv"))[0] == "要绿色的", "lv finds 绿 (lǜ)"
    assert ids(index.search("lǜ"))[0] == "要绿色的"
    assert ids(index.search("lu:"))[0] == "要绿色的", "u: is another way to write ü"
    assert "怎么走路过去？" not in ids(index.search("lv")), "a typed v means ü, so 路 (lù) is not a match"
    loose = ids(index.search("lu"))
    assert loose.index("怎么走路过去？") < loose.index("要绿色的"), "lu finds 路 first, then 绿 typed without the umlaut"


def test_syllable_matches_start_at_syllable_boundaries(index: SearchIndex) -> None:
    assert "你好" in ids(index.search("hao")), "a later syllable matches"
    assert "你好" not in ids(index.search("ao")), "but not the middle of a syllable"


def test_letters_in_the_hanzi_and_the_written_pinyin(index: SearchIndex) -> None:
    assert ids(index.search("yyds"))[0] == "yyds"
    assert "yyds" in ids(index.search("yongyuan")), "the written pinyin of an abbreviation"


def test_english_prefix_and_words(index: SearchIndex) -> None:
    fol = index.search("fol")
    assert (fol[0].kind, fol[0].id) == ("label", "关注"), "fol finds Follow, the shorter label first"
    assert "已关注" in ids(fol)
    assert ids(index.search("FOLLOW"))[0] == "关注"
    assert ids(index.search("green one"))[0] == "要绿色的", "several words, each a word prefix"
    assert ids(index.search("how"))[:2] == ["你好吗？", "怎么走路过去？"]


def test_hanzi_substrings(index: SearchIndex) -> None:
    assert ids(index.search("红书"))[0] == "小红书"
    assert ids(index.search("大家好"))[0] == "大家好！", "punctuation does not stop an exact match"
    assert ids(index.search("绿"))[0] == "要绿色的"
    kinds = [r.kind for r in index.search("收藏")]
    assert kinds[0] == "label" and "step" in kinds, "steps that show the label come after it"


def test_ranking_exact_prefix_substring(index: SearchIndex) -> None:
    exact = index.search("post")[0]
    prefix = next(r for r in index.search("pos") if r.id == "发布")
    inside = next(r for r in index.search("ost") if r.id == "发布")
    assert exact.id == "发布" and exact.score > prefix.score > inside.score


def test_labels_and_phrases_before_step_bodies(index: SearchIndex) -> None:
    results = index.search("save")
    assert results[0].id == "收藏"
    body_only = [r for r in results if r.kind == "step" and r.snippet]
    assert body_only, "steps that say 'save' only in their body are found"
    last_entry = max(i for i, r in enumerate(results) if r.kind in ("label", "phrase"))
    first_body = min(i for i, r in enumerate(results) if r in body_only)
    assert last_entry < first_body


def test_step_and_walkthrough_results_carry_what_opens_them(index: SearchIndex) -> None:
    step = next(r for r in index.search("save a note") if r.kind == "step")
    assert (step.walkthrough_id, step.step_id, step.id) == ("first", "save", "first/save")
    assert step.title == "First steps › Save a note"
    walkthrough = index.search("follow creators")[0]
    assert (walkthrough.kind, walkthrough.walkthrough_id, walkthrough.step_id) == ("walkthrough", "follow", "")
    body = next(r for r in index.search("the star") if r.kind == "step")
    assert body.step_id == "feed" and "the star" in body.snippet, "a body match shows where it matched"


def test_as_dict_is_the_cli_json_shape(index: SearchIndex) -> None:
    row = index.search("ni hao")[0].as_dict()
    assert row == {"kind": "phrase", "id": "你好", "zh": "你好", "pinyin": "nǐ hǎo", "en": "Hello",
                   "title": "Greetings", "score": row["score"]}
    assert isinstance(row["score"], float)


def test_empty_unknown_and_odd_queries(index: SearchIndex) -> None:
    assert index.search("") == [] and index.search("   ") == []
    assert index.search("xyzzyq") == []
    for odd in ("*", "((", "\\", "\n", "a" * 5000, "’", "？", "\x00"):
        index.search(odd)  # never raises


def test_limit_kinds_and_match_ids(index: SearchIndex) -> None:
    assert len(index.search("a", limit=3)) == 3
    assert {r.kind for r in index.search("save", kinds=("step",))} == {"step"}
    assert set(index.match_ids("hao", "phrase")) == {"你好", "你好吗？", "大家好！"}


def test_partial_index_for_a_page(pack: Pack) -> None:
    labels = SearchIndex.build(pack, kinds=("label",))
    assert {e.kind for e in labels.entries} == {"label"} and len(labels) == len(pack.glossary)


def test_index_for_shares_one_index_per_pack(pack: Pack) -> None:
    assert index_for(pack) is index_for(pack)


def test_step_labels_and_mentions(pack: Pack) -> None:
    follow = pack.walkthrough("follow")
    assert step_label_keys(follow.steps[0]) == ["关注", "已关注"]
    assert step_label_keys(follow.steps[1]) == ["收藏"], "hotspot labels count"
    mentions = label_mentions(pack)
    assert [(w.id, s.id) for w, s in mentions["收藏"]] == [("first", "save"), ("follow", "feed")]


def test_plain_text_expands_labels_and_drops_markup(pack: Pack) -> None:
    text = plain_text("Tap **{{ui:收藏}}**, see [the guide](https://example.com/x).", pack)
    assert text == "Tap 收藏 Save / Collect, see the guide."


def test_fast_on_a_5000_phrase_pack() -> None:
    """The benchmark measures this properly; here a loose bound catches a slow rewrite."""
    big = generated_pack()
    started = time.perf_counter()
    index = SearchIndex.build(big)
    build = time.perf_counter() - started
    assert build < 5.0
    for query in ("a", "n", "fol", "friends cats", "nihao", "ni hao", "你", "收藏", "lv", "zhongwenpengyou"):
        started = time.perf_counter()
        index.search(query)
        assert time.perf_counter() - started < 0.05, query
    assert len(index.search("save", limit=None)) > 1000


def test_core_search_has_no_qt() -> None:
    import subprocess
    import sys

    code = "import sys, guide.core.study.search, guide.core.study.pinyin_text, guide.core.study.export, guide.core.study.practice; " \
           "print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert out.stdout.strip() == "False", out.stderr


def test_the_bundled_pack_indexes_without_loading_pypinyin() -> None:
    """Every entry's written pinyin gives one syllable per character, so building the Ctrl+K
    index (in the background at every start) never pays for pypinyin's dictionary."""
    import subprocess
    import sys

    code = ("import sys; from guide.core.content.loader import load_pack; from guide.core.storage import paths; "
            "from guide.core.study.search import index_for; index_for(load_pack(paths.default_pack())); "
            "print('pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr
