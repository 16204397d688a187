"""jieba's cut computed from the dictionary index gives rjieba's cuts without its 33 MB
word list in memory (issue 12, part 2)."""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

import pytest
import yaml

from guide.core.storage import paths
from guide.core.translate import dict_index, word_cut
from guide.core.translate.dict_index import open_index
from guide.core.translate.gloss import Glosser

GOLD = Path(__file__).with_name("gold_sentences.yaml")


def corpus() -> list[str]:
    lines = ["".join(item.split("=")[0] for item in line.split())
             for line in yaml.safe_load(GOLD.read_text(encoding="utf-8"))]
    for path in sorted(paths.default_pack().glob("*.yaml")):
        lines += re.findall(r"[^\s:\"'][^\"'\n]{3,}", path.read_text(encoding="utf-8"))
    lines += ["yyds好看!!  3.5% AT&T的B超 e.g. 25-year-old 哈哈哈哈哈哈笑死我了 啊啊啊啊啊好喜欢", "  ", ""]
    return lines


@pytest.fixture(scope="module")
def index(built_dictionary_index: Path):
    built, _ = open_index(built_dictionary_index)  # the session's: built by the app's own code
    yield built
    built.close()


def test_the_index_cuts_as_rjieba_does(index) -> None:
    import rjieba

    cutter = index.cutter()
    assert cutter is not None
    texts = corpus()
    assert len(texts) > 500
    assert [cutter.cut(t) for t in texts] == [rjieba.cut(t) for t in texts]


def test_a_breakdown_never_loads_rjieba_or_pypinyin(tmp_path: Path, dictionary_index: Path) -> None:
    """In a fresh process: the index answers for both (their tables cost ~80 MB of RSS)."""
    import subprocess

    code = ("import sys\n"
            "from guide.core.translate.gloss import Glosser\n"
            "g = Glosser(None); g.gloss('今天天气很好，强烈推荐这家火锅店'); g.pinyin('我去银行')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rjieba', 'pypinyin', 'jieba')))\n")
    open_index()[0].close()  # the index exists in this test's cache dir (a link to the session's: only opened)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "[]"


def test_without_jieba_data_the_breakdown_cuts_with_rjieba(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dict_index, "jieba_rows", lambda: ([], [], 0))
    monkeypatch.setattr(dict_index, "BUILD_IN_CHILD", False)
    source = tmp_path / "cedict.txt.gz"  # the words of the sentence: the whole file adds seconds, not a case
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.write("今天 今天 [jin1 tian1] /today/\n天氣 天气 [tian1 qi4] /weather/\n"
                     "很 很 [hen3] /very/\n好 好 [hao3] /good/\n")
    built, _ = open_index(tmp_path / "index.sqlite3", source)
    assert built.cutter() is None
    glosser = Glosser(None, dictionary=lambda: built)
    assert [w.text for w in glosser.gloss("今天天气很好")] == ["今天", "天气", "很", "好"]
    built.close()


def test_hmm_joins_characters_no_word_covers() -> None:
    cutter = word_cut.WordCutter(lambda words: {}, lambda chars: {}, 100)
    assert "".join(cutter.cut("绝绝子好看")) == "绝绝子好看"
    assert cutter.cut("abc def") == ["abc", " ", "def"]


def test_word_counts_are_the_same_with_or_without_sqlite_json(index, built_dictionary_index: Path) -> None:
    """Longer words are found by their first characters when SQLite has JSON (fewer lookups);
    an SQLite without it asks for each word: the counts, the cuts and the breakdowns are the same."""
    plain, _ = open_index(built_dictionary_index)
    plain._connection.json = False  # as has_json finds on an SQLite older than 3.38
    texts = corpus()[:150]
    runs = {t[i:j] for t in texts for i in range(len(t)) for j in range(i + 1, min(len(t), i + word_cut.MAX_WORD) + 1)}
    try:
        assert index._connection.has_json()
        counts = index.word_frequencies(runs)
        assert counts == plain.word_frequencies(runs)
        assert any(len(w) >= 4 for w in counts) and any(len(w) == 1 for w in counts)
        assert [index.cutter().cut(t) for t in texts] == [plain.cutter().cut(t) for t in texts]
        with_json, without = Glosser(None, dictionary=lambda: index), Glosser(None, dictionary=lambda: plain)
        for text in texts[:60]:
            assert with_json.gloss(text, "zh") == without.gloss(text, "zh"), text
            assert with_json.pinyin(text) == without.pinyin(text), text
    finally:
        plain.close()


def test_a_text_view_answers_as_the_index_does(index) -> None:
    """`for_text` reads a text's words in two queries and answers the cut, the segmenter and
    the readings from memory: the same answers, for the text's words and for any other."""
    texts = corpus()[:200]
    for text in texts:
        view = index.for_text(text)
        runs = sorted({text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + 6) + 1)})
        others = ["银行", "不是词语啊", "小红书", text[:1] + "银行"]
        assert view.known(runs + others) == index.known(runs + others), text
        assert view.word_frequencies(runs + others) == index.word_frequencies(runs + others), text
        assert view.readings(runs[:40] + others) == index.readings(runs[:40] + others), text
        sample = runs[:20] + others
        assert view.lookup_many(sample) == index.lookup_many(sample), text
        assert [view.lookup(w) for w in sample] == [index.lookup(w) for w in sample], text


@pytest.mark.parametrize("tail", ["", "我看不懂，对不起，来不及了。"])  # + the readings' light 不 (CC-CEDICT)
def test_a_breakdown_reads_the_index_in_a_few_queries(index, tail: str) -> None:
    """A 300-character caption's words, cut, readings and cards come from a few queries (its
    runs of characters, two ways; the HMM's odds for characters not met before; its words'
    entries), not a query per step and table:
    each query costs ~0.3 ms whatever it asks, and the breakdown runs as the user types."""
    sys.path.insert(0, str(Path(__file__).parents[3] / "benchmarks"))
    from bench_translate import TEXT_300

    glosser = Glosser(None, dictionary=lambda: index)
    glosser.gloss("今天天气很好", "zh")  # what is read once per process (jieba's total, SQLite's JSON)
    statements: list[str] = []
    index._connection.db.set_trace_callback(statements.append)
    try:
        words = glosser.gloss(TEXT_300 + tail, "zh")
        line = glosser.pinyin(TEXT_300 + tail)
    finally:
        index._connection.db.set_trace_callback(None)
    assert len(words) > 100 and len(line.split()) > 100
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 4, statements
