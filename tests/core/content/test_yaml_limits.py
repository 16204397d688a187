"""The YAML reader stays linear on huge mappings and refuses absurd ones with a clear message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers.packs import write_pack

from guide.core.content import yamlsafe
from guide.core.content.loader import load_pack


def _flat(n: int) -> str:
    return "".join(f"k{i}: {i}\n" for i in range(n))


def _cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        yamlsafe.parse_text(text)
        best = min(best, time.process_time() - start)
    return best


def test_duplicate_key_check_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """4× the keys must cost about 4× (quadratic would be 16×); a ratio, never a time limit."""
    monkeypatch.setattr(yamlsafe, "MAX_KEYS", 10**6, raising=False)
    small, large = _cpu_seconds(_flat(2000)), _cpu_seconds(_flat(8000))
    assert large / small < 8, f"{small:.3f}s vs {large:.3f}s"


def test_a_mapping_with_too_many_keys_is_refused_at_its_line() -> None:
    with pytest.raises(yamlsafe.YamlError) as caught:
        yamlsafe.parse_text("top:\n" + "".join(f"  k{i}: {i}\n" for i in range(40000)))
    assert "more than 2000 keys in one mapping" in caught.value.message
    assert caught.value.line == 2 + yamlsafe.MAX_KEYS


def test_duplicate_keys_still_found_in_big_mappings() -> None:
    with pytest.raises(yamlsafe.YamlError, match="'k5' appears twice") as caught:
        yamlsafe.parse_text(_flat(100) + "k5: again\n")
    assert caught.value.line == 101


def test_forty_thousand_keys_in_a_walkthrough_fail_that_file_only(tmp_path: Path) -> None:
    pack_dir = write_pack(tmp_path / "p")
    (pack_dir / "walkthroughs" / "second.yaml").write_text(_flat(40000), encoding="utf-8")
    pack = load_pack(pack_dir)
    assert [w.id for w in pack.walkthroughs] == ["first"]
    assert any("keys in one mapping" in p.message for p in pack.errors)


@pytest.mark.parametrize("value", [
    "Tap 我 to open", "小红书", "关注", "Home", "我的", "→ next", "#话题#", "a",  # text, no resolver asked
    "yes", "No", "true", "OFF", "on", "y", "n", "~", "null", "Null", "",  # bools and nulls, as YAML 1.1 reads them
    "1", "-3", "+4", "1_000", "0x1F", "0o17", "017", "1e3", ".5", "-.inf", ".NaN", "3.14", "2024-05-01",
    "tap", "the end", "open", "now", "yellow", "false alarm", "ok", "=", "<<",  # text that starts like something else
])
def test_a_plain_scalar_reads_as_the_resolver_reads_it(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text that cannot be anything else is taken as text without YAML's resolver; every
    value reads exactly as it does when the resolver is asked about each one."""
    def read() -> object:
        node = yamlsafe.parse_text(f"key: {value}\n")
        assert node is not None
        return node.get("key").value  # type: ignore[union-attr]

    quick = read()
    monkeypatch.setattr(yamlsafe, "_IMPLICIT_FIRST", None)  # every scalar through the resolver
    asked = read()
    assert type(quick) is type(asked) and (quick == asked or quick != quick), (value, quick, asked)
    if value[:1].isalpha() and value.lower() not in ("yes", "no", "true", "false", "on", "off", "y", "n", "null"):
        assert quick == value  # words stay words
