"""UI templates, places and emoji codes in glossary.yaml: loaded into the model, and every
mistake an author can make reported at its file:line:col (issue 21 part 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.packs import GLOSSARY, write_pack

from guide.core.content.loader import load_pack
from guide.core.content.model import Pack
from guide.core.content.templates import matcher_for
from guide.core.content.validator import validate_pack
from guide.core.storage import paths

EXTRA = """\
templates:
  - zh: "共{n}条评论"
    en: "{n} comments"
    where: Comment list
  - zh: "{ago} {place}"
    en: "{ago} · {place} — where the poster was"
places:
  - {zh: 福建, pinyin: Fújiàn, en: Fujian, kind: province}
  - {zh: 美国, pinyin: Měiguó, en: the United States, kind: country}
emoji:
  - {code: "[doge]", en: doge, note: smug or teasing}
"""


def glossary_problems(pack: Pack) -> list[str]:
    return [f"{p.location.line}:{p.location.column}: {p.message}" for p in pack.problems
            if p.location.path.name == "glossary.yaml"]


def load_with(tmp_path: Path, extra: str) -> Pack:
    return load_pack(write_pack(tmp_path / "p", glossary=GLOSSARY + extra))


def only_problem(folder: Path, extra: str) -> str:
    """The one glossary.yaml problem of a pack whose glossary ends with `extra`."""
    [problem] = glossary_problems(load_with(folder, extra))
    return problem


def line_of(extra: str, needle: str) -> int:
    """The glossary.yaml line that holds `needle` (GLOSSARY comes first)."""
    return (GLOSSARY + extra).splitlines().index(next(l for l in (GLOSSARY + extra).splitlines() if needle in l)) + 1


def test_templates_places_and_emoji_load_into_the_model(tmp_path: Path) -> None:
    pack = load_with(tmp_path, EXTRA)
    assert pack.problems == ()
    first = pack.templates[0]
    assert (first.zh, first.en, first.where) == ("共{n}条评论", "{n} comments", "Comment list")
    assert [p.en for p in pack.places] == ["Fujian", "the United States"]
    assert pack.emoji[0].code == "[doge]" and pack.emoji[0].note == "smug or teasing"
    assert pack.templates[0].location.line == line_of(EXTRA, "共{n}条评论")
    assert matcher_for(pack).match("共 19 条评论").english == "19 comments"


def test_an_unknown_placeholder_is_refused_at_its_character(tmp_path: Path) -> None:
    extra = EXTRA.replace('zh: "共{n}条评论"\n    en: "{n} comments"', 'zh: "共{count}条评论"\n    en: "{count} comments"')
    pack = load_with(tmp_path, extra)
    line = line_of(extra, "共{count}")
    [zh_problem, en_problem] = glossary_problems(pack)
    assert zh_problem.startswith(f"{line}:11: ") and "unknown placeholder {count}" in zh_problem and "{n}" in zh_problem
    assert en_problem.startswith(f"{line + 1}:10: ")
    assert [t.zh for t in pack.templates] == ["{ago} {place}"]  # the good one still loads


def test_zh_and_en_must_use_the_same_placeholders(tmp_path: Path) -> None:
    extra = EXTRA.replace('en: "{n} comments"', 'en: "comments"')
    problem = only_problem(tmp_path, extra)
    line = line_of(extra, 'en: "comments"')
    assert problem.startswith(f"{line}:10: ")
    assert "en does not use {n}" in problem
    extra = EXTRA.replace('en: "{n} comments"', 'en: "{n} comments at {time}"')
    problem = only_problem(tmp_path / "b", extra)
    assert "en uses {time}, which zh does not have" in problem


@pytest.mark.parametrize(("old", "new", "at", "message"), [
    # `en: {n} comments` is a YAML syntax error and `en: {n}` a mapping: both say to quote it
    ('en: "{n} comments"', "en: {n} comments", "en: {n} comments", "put it in quotes"),
    ('en: "{n} comments"', "en: {n}", "en: {n}", "put it in quotes"),
    ('zh: "共{n}条评论"\n    en: "{n} comments"', 'zh: "全部评论"\n    en: "All comments"', "全部评论",
     "needs at least one placeholder"),
    ("kind: country", "kind: nation", "nation", "place kind must be one of"),
    ('"[doge]"', '"doge"', 'code: "doge"', "square brackets"),
    ("places:", '  - zh: "共 {n} 条评论"\n    en: "{n} comments"\nplaces:', "共 {n} 条评论", "already defined at line"),
    ("where: Comment list", "wher: Comment list", "wher:", "unknown key 'wher' in template; did you mean 'where'?"),
], ids=["unquoted", "unquoted-alone", "no-placeholder", "place-kind", "emoji-code", "twice", "key-typo"])
def test_each_mistake_is_one_error_at_its_line(tmp_path: Path, old: str, new: str, at: str, message: str) -> None:
    extra = EXTRA.replace(old, new)
    problem = only_problem(tmp_path, extra)
    assert problem.startswith(f"{line_of(extra, at)}:") and message in problem


def test_place_needs_a_places_list(tmp_path: Path) -> None:
    no_places = EXTRA.split("places:")[0]
    problem = only_problem(tmp_path, no_places)
    assert problem.startswith(f"{line_of(no_places, '{ago} {place}')}:") and "no `places` list" in problem


def test_validate_reports_a_template_an_earlier_one_shadows(tmp_path: Path) -> None:
    extra = EXTRA.replace('  - zh: "{ago} {place}"', '  - zh: "{n}条评论"\n    en: "{n} comments"\n  - zh: "{ago} {place}"')
    extra = extra.replace('  - zh: "共{n}条评论"\n    en: "{n} comments"\n    where: Comment list\n', "")
    extra = extra.replace("templates:\n", 'templates:\n  - zh: "{n}"\n    en: "{n}"\n  - zh: "{id}"\n    en: "ID {id}"\n')
    root = write_pack(tmp_path / "p", glossary=GLOSSARY + extra)
    _pack, problems = validate_pack(root)
    shadowed = [p for p in problems if "shadowed" in p.message]
    assert len(shadowed) == 1 and shadowed[0].is_error
    assert shadowed[0].location.line == line_of(extra, '"{id}"')
    assert "'{n}' (line " in shadowed[0].message and "118302851" in shadowed[0].message


def test_the_bundled_pack_has_the_first_week_templates_and_every_province() -> None:
    pack = load_pack(paths.default_pack())
    assert len(pack.templates) >= 30
    places = {p.zh: p for p in pack.places}
    provinces = ("北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 "
                 "四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门").split()
    assert [p for p in provinces if p not in places] == []
    assert places["陕西"].en == "Shaanxi" and places["山西"].en == "Shanxi"
    assert {"美国", "加拿大", "英国", "澳大利亚", "日本", "韩国", "新加坡", "德国", "法国"} <= set(places)
    assert {"[笑哭R]", "[doge]", "[赞R]", "[哭惹R]", "[派对R]"} <= {e.code for e in pack.emoji}
    _pack, problems = validate_pack(paths.default_pack(), strict=True)
    assert [str(p) for p in problems if p.location.path.name == "glossary.yaml"] == []
