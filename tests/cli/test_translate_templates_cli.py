"""`rednote-guide translate --json` with the bundled pack: the app's own text and emoji codes
are answered offline, and the JSON keeps DESIGN's fields (issue 21 part 2, issue 24)."""

from __future__ import annotations

import json

import pytest

from guide.cli import main

FIELDS = {"source_text", "source_lang", "target_lang", "translation", "origin", "pinyin", "gloss", "error", "note",
          "back_translation", "share"}


def translate_json(capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, dict[str, object]]:
    code = main(["translate", "--offline", "--json", text])
    return code, json.loads(capsys.readouterr().out)


def test_a_template_is_translated_offline(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = translate_json(capsys, "共 2.3万 条评论")
    assert code == 0 and set(data) == FIELDS
    assert (data["translation"], data["origin"]) == ("23,000 comments", "phrasebook")
    assert {"text": "2.3万", "pinyin": "2.3 wàn", "meanings": ["23,000"]} in data["gloss"]


def test_emoji_codes_are_named_in_the_breakdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = translate_json(capsys, "笑死[笑哭R]")
    assert code == 0  # 笑死 is in the phrase book and the code is named: nothing needed an engine
    assert (data["translation"], data["origin"]) == ("LOL / I'm dead [laughing-crying face]", "phrasebook")
    assert data["pinyin"] == "xiàosǐ [笑哭R]"
    code_word = next(w for w in data["gloss"] if w["text"] == "[笑哭R]")
    assert code_word["meanings"][0] == "laughing-crying face emoji"


def test_a_template_answer_is_not_said_to_come_from_the_phrase_book(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["translate", "--offline", "3天前"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0 and lines[0] == "3 days ago"
    [source] = [line.strip() for line in lines if line.strip().startswith("from:")]
    assert source.startswith("from:   Read by the guide") and "phrase book" not in source
