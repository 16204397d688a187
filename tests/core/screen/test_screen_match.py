"""Which step is this: the pack's own mockups rendered to PNG, read by real OCR (its answers
recorded: helpers/recorded_ocr.py), name their own step; a picture with no labels names none."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.screens import render_svg

from guide.core.content.loader import load_pack
from guide.core.screen.ocr_client import OcrClient
from guide.core.screen.reader import ScreenReader
from guide.core.screen.screen_match import ScreenMatcher
from guide.core.storage import paths

MOCKUPS = ("first-note-9-who", "sign-up-8-about-you", "privacy-and-safety-7-report", "search-and-follow-1-search-page")


@pytest.fixture(scope="module")
def pack():  # noqa: ANN201
    return load_pack(paths.default_pack())


@pytest.mark.parametrize("name", MOCKUPS)
def test_a_rendered_mockup_names_its_own_step(qapp, pack, recorded_ocr: OcrClient, tmp_path: Path, name: str) -> None:  # noqa: ANN001
    png = render_svg(paths.default_pack() / "images" / f"{name}.svg", tmp_path / f"{name}.png")
    reading = ScreenReader(pack, client=recorded_ocr).read(png)
    assert reading.screen is not None, reading.labels_found()
    assert reading.screen.step.screen is not None and reading.screen.step.screen.stem == name
    assert reading.to_json()["screen"]["walkthrough"] == name.split("-")[0] or \
        name.startswith(reading.screen.walkthrough.id)


def test_no_labels_no_guess(pack) -> None:  # noqa: ANN001
    matcher = ScreenMatcher(pack)
    assert matcher.best([]) is None
    assert matcher.best(["首页"]) is None  # one common label says nothing


def test_rare_labels_outweigh_common_ones(pack) -> None:  # noqa: ANN001
    matcher = ScreenMatcher(pack)
    assert matcher.weight("获取验证码") > matcher.weight("关注")


# -- issue 21, part 4: the right walkthrough, or none ---------------------------------------------

@pytest.fixture(scope="module")
def lines_reader(pack):  # noqa: ANN001, ANN201
    """A reader as the app has it (with a translator), whose OCR engine reads what it is told."""
    from helpers.fake_ocr import LinesClient

    from guide.core.translate.pipeline import Translator

    return ScreenReader(pack, Translator(pack), LinesClient())


def _read(reader: ScreenReader, tmp_path: Path, lines: list, size: tuple[int, int] = (1080, 2340)):  # noqa: ANN202
    """What the app says about a screenshot whose OCR gave `lines`."""
    from PIL import Image

    path = tmp_path / "shot.png"
    Image.new("RGB", size, "white").save(path)
    reader.client.size, reader.client.lines = size, lines  # type: ignore[attr-defined]
    return reader.read(path).screen


def _named(match) -> list[str]:  # noqa: ANN001
    also = getattr(match, "also", None)  # (a close second)
    picks = [] if match is None else [match] + ([also] if also is not None else [])
    return [f"{m.walkthrough.id}/{m.step.id}" for m in picks]


def test_two_labels_seen_on_many_screens_name_no_step(pack) -> None:  # noqa: ANN001
    """关注 and 说点什么… are on notes, comment lists and live rooms alike."""
    assert ScreenMatcher(pack).best(["关注", "说点什么..."]) is None


def test_a_note_with_counts_instead_of_words_is_not_a_live_room(lines_reader, tmp_path: Path) -> None:  # noqa: ANN001
    """As real notes were read: 关注 by the author, the comment box, and 851 / 367 / 50 beside
    the icons (no 点赞 收藏 评论) — it fitted the live room's picture, and was named so."""
    from helpers.fake_ocr import line

    lines = [line("弄堂小生", 200, 139, 180, 60), line("关注", 810, 139, 101, 66),
             line("纽约第一周的生活记录", 51, 1135, 495, 64), line("环境很干净，服务员也很热情，推荐给大家。", 53, 1215, 786, 50),
             line("03-25 北京", 51, 1409, 171, 51), line("求店名，想去", 161, 1622, 268, 59),
             line("/说点什么...", 65, 2200, 253, 72), line("851☆36750", 528, 2191, 484, 80)]
    named = _named(_read(lines_reader, tmp_path, lines))
    assert not any(step.startswith("live-and-shopping/") for step in named), named


def test_the_menu_names_its_settings_not_scanning_from_a_computer(lines_reader, tmp_path: Path) -> None:  # noqa: ANN001
    """The ≡ menu shows 扫一扫 (scan), which made it "RedNote on your computer › Scan it". That step
    shows the very same menu, so it may still come second ("… or …"), not first."""
    from helpers.fake_ocr import line

    items = ["发现好友", "创作中心", "浏览记录", "我的草稿", "订单", "钱包"]
    lines = [line(text, 135, 196 + 130 * i, 200, 66) for i, text in enumerate(items)]
    lines += [line("扫一扫", 91, 2115, 116, 64), line("帮助与客服", 317, 2118, 184, 59), line("设置", 627, 2118, 84, 59)]
    named = _named(_read(lines_reader, tmp_path, lines))
    assert named and named[0] in ("language-and-translate/open-settings", "privacy-and-safety/open-settings"), named


def test_a_password_log_in_is_signing_up(lines_reader, tmp_path: Path) -> None:  # noqa: ANN001
    from helpers.fake_ocr import line

    lines = [line("密码登录", 72, 338, 272, 84), line("+1", 64, 515, 141, 78), line("请输入手机号", 218, 518, 305, 67),
             line("请输入密码", 69, 682, 249, 69), line("登录", 479, 886, 119, 74), line("验证码登录", 64, 1023, 203, 66),
             line("忘记密码", 843, 1026, 167, 61), line("我已阅读并同意《用户协议》《隐私政策》", 74, 1142, 659, 50),
             line("其他登录方式", 434, 1960, 212, 51), line("微信登录", 429, 2069, 181, 61)]
    named = _named(_read(lines_reader, tmp_path, lines))
    assert named and named[0].startswith("sign-up/"), named


def test_the_websites_log_in_dialog_is_the_website_walkthrough(lines_reader, tmp_path: Path) -> None:  # noqa: ANN001
    """The website's log-in dialog over the dimmed page, as the engine read it (the dialog's
    heading and its 手机号登录 tab in one line): it matched nothing."""
    from helpers.fake_ocr import line

    lines = [line("小红书", 52, 46, 160, 61), line("发现", 118, 195, 94, 51), line("登录后推荐更懂你的笔记", 554, 254, 414, 46),
             line("手机号登录", 970, 254, 216, 48), line("发布", 124, 298, 84, 45), line("+86", 1022, 349, 68, 36),
             line("输入手机号", 1106, 347, 168, 42), line("通知", 122, 395, 86, 52), line("输入验证码", 1020, 445, 166, 47),
             line("获取验证码", 1252, 447, 162, 41), line("登录", 1156, 552, 86, 54),
             line("我已阅读并同意《用户协议》《隐私政策》", 994, 651, 416, 34), line("可用小红书或微信扫码", 552, 661, 272, 40),
             line("新用户可直接登录", 994, 699, 186, 34), line("更多", 118, 985, 92, 49)]
    assert _named(_read(lines_reader, tmp_path, lines, (1920, 1080)))[:1] == ["web-on-desktop/qr-login"]


def test_a_close_second_is_offered_too(pack) -> None:  # noqa: ANN001
    """A step of another walkthrough shows the same screen: both are offered."""
    matcher = ScreenMatcher(pack)
    drawer = ["扫一扫", "设置", "帮助与客服", "浏览记录", "创作中心", "订单", "购物车", "layout:portrait",
              "text:发现好友", "text:我的草稿", "bottom:扫一扫", "bottom:设置", "bottom:帮助与客服"]
    match = matcher.best(drawer)
    assert match is not None and match.also is not None
    assert match.also.walkthrough.id != match.walkthrough.id
    assert " or “" in match.sentence() and match.also.step.title in match.sentence()


SEED_SCRIPT = """
from guide.core.content.loader import load_pack
from guide.core.screen.labels import LabelMatcher
from guide.core.screen.screen_match import ScreenMatcher, svg_texts
from guide.core.storage import paths

pack = load_pack(paths.default_pack())
labels = LabelMatcher(pack.glossary)
matcher = ScreenMatcher(pack)
shared = {}
for walkthrough in pack.walkthroughs:
    for step in walkthrough.steps:
        if step.screen is not None:
            shared.setdefault(step.screen, []).append(step.id)
for screen in sorted(shared, key=str):
    found = sorted({m.entry.zh for m in map(labels.match, svg_texts(screen)) if m and m.kind != "fuzzy"})
    match = matcher.best(found)
    print(screen.name, match.walkthrough.id + "/" + match.step.id if match else None)
"""


def test_the_answer_does_not_depend_on_hash_order(tmp_path: Path) -> None:
    """Steps sharing one mockup tie; the tie used to be broken by set order (PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys

    answers = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        result = subprocess.run([sys.executable, "-c", SEED_SCRIPT], env=env, capture_output=True, text=True,
                                timeout=120, check=True)
        answers.add(result.stdout)
    assert len(answers) == 1
