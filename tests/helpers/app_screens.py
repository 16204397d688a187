"""Real-looking RedNote screens, drawn with Pillow and the Noto CJK font, with their truth.

screens.py draws one note page to measure how many characters OCR gets right. These are
the screens a newcomer actually screenshots, drawn the way the app draws them, so that
label recall and "which walkthrough step is this" are measured where they go wrong:
- labels set close together (profile tabs 笔记 收藏 赞过, web tabs 视频 用户, 赞 回复 under
  a web comment, a name followed by its 作者 tag) that the OCR engine reads as one line;
- icons drawn as shapes beside labels (a ＋ beside 发布, ≡ beside 更多, a QR code after the
  RedNote ID, a gear beside 编辑资料, a pin before 置顶, the WeChat logo before 微信登录,
  chevrons) that OCR reads as a character (十, 三, 品, 中, 不, 阳, √);
- note pages with counts (851 / 367 / 50) beside the like / save / comment icons instead
  of the words, which is what a real note shows once anyone has liked it.

Each screen carries the glossary labels a reader should find on it (`labels`, with the box
each was drawn in) and the walkthrough steps that show that screen (`steps`, as
"walkthrough/step"; empty: no step should be named).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from helpers.screens import font_path

Rect = tuple[int, int, int, int]  # x0, y0, x1, y1

GREY, DARK, RED, LIGHT = "#8A8A8A", "#222222", "#FF2442", "#F2F2F2"

NOTE_STEPS = frozenset({
    "home-tour/open-a-note", "like-save-comment/the-action-bar", "like-save-comment/like",
    "like-save-comment/save", "like-save-comment/write-a-comment", "like-save-comment/reply",
    "like-save-comment/like-a-comment", "search-and-follow/follow-from-a-note",
    "language-and-translate/translate-button", "making-friends/reply-to-welcomes",
    "making-friends/comment-etiquette"})
PROFILE_STEPS = frozenset({
    "your-profile/avatar-and-name", "your-profile/rednote-id", "your-profile/ip-location",
    "your-profile/your-numbers", "your-profile/edit-profile", "your-profile/profile-tabs",
    "privacy-and-safety/ip-location", "language-and-translate/open-the-menu"})
HOME_STEPS = frozenset({
    "home-tour/bottom-tabs", "home-tour/second-tab", "home-tour/top-tabs", "home-tour/channels",
    "home-tour/search", "home-tour/note-cards", "first-note/tap-plus", "your-profile/open-me"})


@dataclass
class AppScreen:
    name: str
    image: Image.Image
    lines: list[str] = field(default_factory=list)  # every text drawn
    labels: list[tuple[str, Rect]] = field(default_factory=list)  # glossary labels drawn, with their box
    steps: frozenset[str] = frozenset()  # walkthrough/step ids showing this screen; empty: none

    @property
    def label_set(self) -> set[str]:
        return {zh for zh, _box in self.labels}


class Canvas:
    """Draws text and icon shapes, recording the text and the labels."""

    def __init__(self, name: str, width: int = 1080, height: int = 2340, background: str = "white") -> None:
        self.screen = AppScreen(name, Image.new("RGB", (width, height), background))
        self.draw = ImageDraw.Draw(self.screen.image)
        self._fonts: dict[tuple[int, bool], ImageFont.FreeTypeFont] = {}

    def font(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        key = (size, bold)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(str(font_path(bold)), size)
        return self._fonts[key]

    def width(self, text: str, size: int, bold: bool = False) -> int:
        return round(self.draw.textlength(text, font=self.font(size, bold)))

    def text(self, x: float, y: float, text: str, size: int = 42, fill: str = DARK, bold: bool = False,
             label: str | bool | None = None, centre: bool = False) -> Rect:
        """Draw `text` with its top-left at (x, y) (or centred on x); `label`: the glossary
        label it shows (True: the text itself)."""
        font = self.font(size, bold)
        if centre:
            x -= self.draw.textlength(text, font=font) / 2
        self.draw.text((x, y), text, font=font, fill=fill)
        box = self.draw.textbbox((x, y), text, font=font)
        self.screen.lines.append(text)
        if label:
            self.screen.labels.append((text if label is True else label, box))
        return box

    def label_at(self, zh: str, box: Rect) -> None:
        self.screen.labels.append((zh, box))

    # -- icons, as shapes: OCR reads some of them as characters, as it does on real screens --

    def plus(self, cx: float, cy: float, size: float, fill: str = DARK, stroke: float = 0.16) -> None:
        half, bar = size / 2, max(3, size * stroke / 2)
        self.draw.rectangle((cx - half, cy - bar, cx + half, cy + bar), fill=fill)
        self.draw.rectangle((cx - bar, cy - half, cx + bar, cy + half), fill=fill)

    def plus_button(self, cx: float, cy: float, w: float = 150, h: float = 100) -> None:
        self.draw.rounded_rectangle((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), radius=h / 3, fill=RED)
        self.plus(cx, cy, h * 0.45, "white")

    def bars(self, x: float, y: float, size: float, fill: str = DARK) -> None:
        """≡: three bars."""
        bar = max(3, size / 10)
        for i in range(3):
            top = y + i * size * 0.38
            self.draw.rectangle((x, top, x + size, top + bar), fill=fill)

    def qr(self, x: float, y: float, size: float, fill: str = GREY, seed: int = 5) -> None:
        """A QR-code-like grid: three finder squares and a few modules."""
        rng = random.Random(seed)
        cell = size / 7
        for fx, fy in ((0, 0), (4, 0), (0, 4)):
            x0, y0 = x + fx * cell, y + fy * cell
            self.draw.rectangle((x0, y0, x0 + 3 * cell, y0 + 3 * cell), outline=fill, width=max(2, int(cell / 2)))
        for gx in range(4, 7):
            for gy in range(4, 7):
                if rng.random() < 0.6:
                    self.draw.rectangle((x + gx * cell, y + gy * cell, x + (gx + 0.8) * cell, y + (gy + 0.8) * cell),
                                        fill=fill)

    def gear(self, cx: float, cy: float, r: float, fill: str = DARK) -> None:
        for k in range(8):
            angle = k * math.pi / 4
            tx, ty = cx + math.cos(angle) * r * 0.95, cy + math.sin(angle) * r * 0.95
            self.draw.ellipse((tx - r * 0.22, ty - r * 0.22, tx + r * 0.22, ty + r * 0.22), fill=fill)
        self.draw.ellipse((cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8), fill=fill)
        self.draw.ellipse((cx - r * 0.35, cy - r * 0.35, cx + r * 0.35, cy + r * 0.35), fill="white")

    def pin(self, x: float, y: float, size: float, fill: str = "white") -> None:
        """A push pin, head up."""
        self.draw.rectangle((x + size * 0.2, y, x + size * 0.8, y + size * 0.12), fill=fill)
        self.draw.polygon([(x + size * 0.3, y + size * 0.12), (x + size * 0.7, y + size * 0.12),
                           (x + size * 0.85, y + size * 0.55), (x + size * 0.15, y + size * 0.55)], fill=fill)
        self.draw.rectangle((x + size * 0.46, y + size * 0.55, x + size * 0.54, y + size), fill=fill)

    def wechat(self, cx: float, cy: float, r: float, colour: str = "#07C160") -> None:
        """The WeChat logo: two overlapping speech bubbles with eyes."""
        self.draw.ellipse((cx - r, cy - r * 0.8, cx + r * 0.3, cy + r * 0.3), fill=colour)
        self.draw.polygon([(cx - r * 0.7, cy + r * 0.1), (cx - r * 0.8, cy + r * 0.5), (cx - r * 0.35, cy + r * 0.25)],
                          fill=colour)
        self.draw.ellipse((cx - r * 0.15, cy - r * 0.2, cx + r, cy + r * 0.75), fill=colour, outline="white", width=3)
        for ex, ey, er in ((-0.65, -0.35, 0.1), (-0.2, -0.35, 0.1), (0.15, 0.2, 0.08), (0.6, 0.2, 0.08)):
            self.draw.ellipse((cx + (ex - er) * r, cy + (ey - er) * r, cx + (ex + er) * r, cy + (ey + er) * r),
                              fill="white")

    def chevron(self, x: float, y: float, size: float, direction: str = "down", fill: str = GREY) -> None:
        w = max(3, int(size / 8))
        if direction == "down":
            points = [(x, y + size * 0.3), (x + size / 2, y + size * 0.75), (x + size, y + size * 0.3)]
        elif direction == "right":
            points = [(x + size * 0.3, y), (x + size * 0.75, y + size / 2), (x + size * 0.3, y + size)]
        else:  # left: a back arrow
            points = [(x + size * 0.7, y), (x + size * 0.25, y + size / 2), (x + size * 0.7, y + size)]
        self.draw.line(points, fill=fill, width=w, joint="curve")

    def heart(self, cx: float, cy: float, r: float, colour: str = DARK, filled: bool = False) -> None:
        points = []
        for k in range(40):
            t = 2 * math.pi * k / 40
            hx = 16 * math.sin(t) ** 3
            hy = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
            points.append((cx + hx * r / 17, cy - hy * r / 17))
        if filled:
            self.draw.polygon(points, fill=colour)
        else:
            self.draw.line(points + points[:1], fill=colour, width=max(2, int(r / 6)))

    def star(self, cx: float, cy: float, r: float, colour: str = DARK) -> None:
        points = []
        for k in range(10):
            radius = r if k % 2 == 0 else r * 0.45
            angle = -math.pi / 2 + k * math.pi / 5
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
        self.draw.line(points + points[:1], fill=colour, width=max(2, int(r / 6)))

    def bubble(self, cx: float, cy: float, r: float, colour: str = DARK) -> None:
        self.draw.ellipse((cx - r, cy - r * 0.85, cx + r, cy + r * 0.85), outline=colour, width=max(2, int(r / 6)))
        self.draw.line([(cx - r * 0.5, cy + r * 0.7), (cx - r * 0.8, cy + r * 1.1), (cx - r * 0.1, cy + r * 0.8)],
                       fill=colour, width=max(2, int(r / 6)))

    def avatar(self, cx: float, cy: float, r: float, colour: str = "#F4B5A0") -> None:
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
        self.draw.ellipse((cx - r * 0.4, cy - r * 0.55, cx + r * 0.4, cy + r * 0.25), fill="#FFFFFF")

    def magnifier(self, x: float, y: float, size: float, fill: str = DARK) -> None:
        w = max(3, int(size / 9))
        self.draw.ellipse((x, y, x + size * 0.72, y + size * 0.72), outline=fill, width=w)
        self.draw.line([(x + size * 0.62, y + size * 0.62), (x + size, y + size)], fill=fill, width=w)

    def photo(self, box: Rect, seed: int, dark: bool = False) -> None:
        """A busy "photo": colour bands and blobs, pasted so nothing spills out."""
        rng = random.Random(seed)
        x0, y0, x1, y1 = box
        picture = Image.new("RGB", (x1 - x0, y1 - y0))
        draw = ImageDraw.Draw(picture)
        base = 40 if dark else 150
        for y in range(0, y1 - y0, 10):
            shade = base + int(50 * y / (y1 - y0))
            draw.rectangle((0, y, x1 - x0, y + 10), fill=(shade, shade - 20 + rng.randint(-10, 10), shade - 40))
        for _ in range(25):
            cx, cy, r = rng.randint(0, x1 - x0), rng.randint(0, y1 - y0), rng.randint(30, 150)
            tone = (rng.randint(base - 30, base + 80), rng.randint(base - 30, base + 80), rng.randint(base - 30, base + 80))
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=tone)
        self.screen.image.paste(picture, (x0, y0))

    def status_bar(self, fill: str = DARK) -> None:
        self.text(60, 30, "9:41", 38, fill, bold=True)
        self.draw.rounded_rectangle((930, 40, 1000, 72), radius=8, outline=fill, width=3)
        self.draw.rectangle((936, 46, 980, 66), fill=fill)

    def tab_bar(self, y: int = 2190) -> None:
        """首页 热门 ＋ 消息 我, the ＋ a red button without text."""
        self.draw.line((0, y - 30, 1080, y - 30), fill="#EEEEEE", width=2)
        self.text(108, y, "首页", 44, DARK, bold=True, label=True, centre=True)
        self.text(324, y, "热门", 44, GREY, label=True, centre=True)
        self.plus_button(540, y + 30)
        self.text(756, y, "消息", 44, GREY, label=True, centre=True)
        self.draw.ellipse((800, y - 12, 846, y + 34), fill=RED)
        self.text(823, y - 10, "3", 32, "white", centre=True)
        self.text(972, y, "我", 44, GREY, label=True, centre=True)


# -- phone screens --------------------------------------------------------------------------

NAMES = ["柚子不加糖", "弄堂小生", "是小鹿呀", "Momo在洛杉矶", "一只胖橘", "今天也要加油鸭"]
COMMENTS = ["太可爱了吧，欢迎入坑", "求店名，想去", "楼主的照片拍得真好", "哈哈哈太真实了", "已经收藏了，周末就去",
            "欢迎来小红书，有问题可以问我"]
PLACES = ["上海", "福建", "广东", "北京", "浙江", "美国"]
TITLES = ["纽约第一周的生活记录", "第一次用小红书，请多关照", "周末去了一家超好吃的火锅店", "分享一下我的护肤心得"]
BODIES = ["今天和朋友一起去吃了火锅，味道真的很好。", "环境很干净，服务员也很热情，推荐给大家。",
          "价格不算便宜，但是分量很足，两个人刚刚好。"]


def profile(seed: int = 1) -> AppScreen:
    """Your own profile: ≡, name, 小红书号 with its QR code, IP属地, the three counts,
    编辑资料 beside a gear, the 笔记 收藏 赞过 tabs set close, a pinned note (pin + 置顶)."""
    c = Canvas("profile")
    c.status_bar()
    c.bars(50, 130, 56)
    c.avatar(170, 360, 110)
    c.text(320, 270, "Lily在纽约", 58, DARK, bold=True)
    box = c.text(320, 365, "小红书号：118302851", 34, GREY)
    c.label_at("小红书号", box)
    c.qr(box[2] + 18, 368, 36)
    box = c.text(320, 420, "IP属地：美国", 34, GREY)
    c.label_at("IP属地", box)
    c.label_at("美国", box)
    c.text(60, 540, "点击这里，填写简介", 38, GREY)
    x = 60
    for count, word in (("12", "关注"), ("34", "粉丝"), ("56", "获赞与收藏")):
        box = c.text(x, 640, count, 44, DARK, bold=True)
        word_box = c.text(box[2] + 14, 646, word, 36, GREY, label=True)
        x = word_box[2] + 60
    c.draw.rounded_rectangle((600, 720, 880, 800), radius=40, outline="#CCCCCC", width=3)
    c.text(740, 736, "编辑资料", 38, DARK, label=True, centre=True)
    c.draw.rounded_rectangle((900, 720, 1020, 800), radius=40, outline="#CCCCCC", width=3)
    c.gear(960, 760, 24)
    for x, word, fill in ((330, "笔记", DARK), (446, "收藏", GREY), (562, "赞过", GREY)):
        c.text(x, 870, word, 46, fill, bold=fill == DARK, label=True)
    c.draw.rectangle((340, 940, 412, 946), fill=RED)
    c.draw.line((0, 960, 1080, 960), fill="#EEEEEE", width=2)
    for column, (title, likes) in enumerate(((TITLES[0], "128"), (TITLES[1], "56"))):
        x0 = 20 + column * 530
        c.photo((x0, 990, x0 + 510, 1640), seed + column)
        c.text(x0 + 16, 1660, title, 38, DARK)
        c.avatar(x0 + 36, 1760, 22)
        c.text(x0 + 70, 1740, "Lily在纽约", 32, GREY)
        c.heart(x0 + 420, 1760, 18, GREY)
        c.text(x0 + 448, 1740, likes, 32, GREY)
    c.draw.rounded_rectangle((36, 1006, 186, 1066), radius=14, fill="#00000088")
    c.pin(48, 1016, 40)
    c.text(96, 1010, "置顶", 36, "white", label=True)
    c.tab_bar()
    c.screen.steps = PROFILE_STEPS
    return c.screen


def _comment(c: Canvas, y: int, name: str, text: str, when: str, likes: str, author: bool = False,
             x: int = 60, width: int = 1080) -> int:
    """One comment: avatar, name (and the 作者 tag), text, date and place, 回复, a heart and
    its count on the right. Returns the y below it."""
    c.avatar(x + 40, y + 40, 40, "#B8D4F0")
    box = c.text(x + 110, y, name, 34, GREY)
    if author:
        tag = (box[2] + 14, y + 2, box[2] + 96, y + 44)
        c.draw.rounded_rectangle(tag, radius=10, fill="#F3F3F3")
        c.text(tag[0] + 9, y + 5, "作者", 28, GREY, label=True)
    c.text(x + 110, y + 52, text, 42, DARK)
    box = c.text(x + 110, y + 120, when, 32, GREY, label="美国" if when.endswith("美国") else None)
    c.text(box[2] + 30, y + 120, "回复", 32, GREY, label=True)
    c.heart(width - 110, y + 70, 20, GREY)
    c.text(width - 110, y + 100, likes, 30, GREY, centre=True)
    return y + 200


def _note_bar(c: Canvas, counts: tuple[str, str, str], y: int = 2200, placeholder: str = "说点什么...") -> None:
    """The bar at the bottom of a note: the comment box, then like, save and comment with their
    counts (the words 点赞 收藏 评论 only show while a count is 0)."""
    c.draw.line((0, y - 40, 1080, y - 40), fill="#EEEEEE", width=2)
    c.draw.rounded_rectangle((40, y - 16, 470, y + 76), radius=46, fill=LIGHT)
    c.draw.line([(80, y + 50), (104, y + 14)], fill=GREY, width=5)
    c.text(124, y + 6, placeholder, 38, GREY, label="说点什么...")
    for x, draw_icon, count in ((560, c.heart, counts[0]), (740, c.star, counts[1]), (910, c.bubble, counts[2])):
        draw_icon(x, y + 30, 30)
        c.text(x + 44, y + 8, count, 38, DARK)


NOTE_COUNTS = (("851", "367", "50"), ("1.2万", "3456", "890"), ("23", "8", "6"))


def note(seed: int = 1, text_card: bool = False) -> AppScreen:
    """A note as a real one looks: 关注 beside the author, the photo (or a text card), title,
    body, tags, date and place, 共 N 条评论, comments (one by the author, with the 作者 tag),
    展开 N 条回复, and the bottom bar with counts instead of 点赞 收藏 评论."""
    rng = random.Random(seed)
    c = Canvas(f"note-{'text' if text_card else 'photo'}-{seed}")
    c.status_bar()
    c.chevron(40, 140, 50, "left", DARK)
    c.avatar(150, 165, 40)
    author = rng.choice(NAMES[:4])
    c.text(210, 140, author, 40, DARK)
    c.draw.rounded_rectangle((780, 128, 940, 204), radius=38, outline=RED, width=3)
    c.text(860, 142, "关注", 38, RED, label=True, centre=True)
    c.chevron(980, 140, 50, "right", DARK)  # share arrow, drawn as a chevron
    if text_card:
        c.draw.rectangle((0, 240, 1080, 1100), fill="#FCE8D5")
        c.text(540, 560, "用中文写笔记", 84, "#5A3A1A", bold=True, centre=True)
        c.text(540, 680, "的第一天", 84, "#5A3A1A", bold=True, centre=True)
    else:
        c.photo((0, 240, 1080, 1100), seed)
        c.draw.rounded_rectangle((920, 270, 1050, 330), radius=28, fill="#00000066")
        c.text(985, 276, f"1/{rng.randint(3, 9)}", 34, "white", centre=True)
    c.text(60, 1130, rng.choice(TITLES), 48, DARK, bold=True)
    y = 1210
    for body in rng.sample(BODIES, 2):
        c.text(60, y, body, 40, "#333333")
        y += 64
    c.text(60, y, "#纽约生活 #留学日常 #新人报到", 38, "#13386C")
    y += 70
    place = rng.choice(PLACES)
    c.text(60, y, f"03-{rng.randint(10, 28)} {place}", 32, GREY, label="美国" if place == "美国" else None)
    y += 80
    counts = NOTE_COUNTS[seed % len(NOTE_COUNTS)]
    box = c.text(60, y, f"共 {counts[2]} 条评论", 36, "#555555")
    c.label_at("评论", box)
    y += 80
    names = rng.sample(NAMES, 2)
    y = _comment(c, y, names[0], rng.choice(COMMENTS), f"03-{rng.randint(10, 28)} {rng.choice(PLACES)}", "86")
    y = _comment(c, y, author, "谢谢大家的喜欢！", "03-16 美国", "12", author=True)
    box = c.text(170, y - 40, f"展开 {rng.randint(2, 9)} 条回复", 34, "#13386C")
    c.label_at("展开", box)
    _note_bar(c, counts)
    c.screen.steps = NOTE_STEPS
    return c.screen


def comment_list(seed: int = 2) -> AppScreen:
    """A video note's comment sheet: N 条评论 and ×, comments with 作者 and 展开 N 条回复,
    and the comment box with the placeholder that varies."""
    rng = random.Random(seed)
    c = Canvas("comment-list")
    c.photo((0, 0, 1080, 760), seed, dark=True)
    c.draw.rounded_rectangle((0, 720, 1080, 2340), radius=40, fill="white")
    box = c.text(540, 770, "50 条评论", 38, DARK, bold=True, centre=True)
    c.label_at("评论", box)
    c.plus(1010, 800, 40, GREY, stroke=0.1)  # the × is a plus turned; drawn upright it is what OCR sees
    y = 880
    names = rng.sample(NAMES, 4)
    for index, name in enumerate(names):
        y = _comment(c, y, name, COMMENTS[(seed + index) % len(COMMENTS)], f"{index + 1}天前 {PLACES[index]}",
                     str(rng.randint(1, 300)), author=index == 1)
        if index == 1:
            box = c.text(170, y - 40, "展开 4 条回复", 34, "#13386C")
            c.label_at("展开", box)
            y += 40
    c.draw.line((0, 2160, 1080, 2160), fill="#EEEEEE", width=2)
    c.draw.rounded_rectangle((40, 2190, 1040, 2290), radius=50, fill=LIGHT)
    c.text(90, 2214, "说点什么吧，万一火了呢~", 38, GREY)
    c.label_at("说点什么...", (90, 2214, 400, 2260))
    c.screen.steps = NOTE_STEPS
    return c.screen


def live_room(seed: int = 4) -> AppScreen:
    """A live stream as a viewer sees it: streamer and 关注, viewers and ×, the chat, the
    welcome notice, and the comment box with the shop, gift and like icons."""
    c = Canvas("live-room", background="#1A1A1A")
    c.photo((0, 0, 1080, 2340), seed, dark=True)
    c.status_bar("white")
    c.draw.rounded_rectangle((30, 120, 560, 220), radius=50, fill="#00000077")
    c.avatar(80, 170, 40)
    c.text(140, 128, "阿May的好物小店", 36, "white", bold=True)
    c.text(140, 174, "1.2万人看过", 28, "#DDDDDD")
    c.draw.rounded_rectangle((400, 140, 540, 200), radius=30, fill=RED)
    c.text(470, 146, "关注", 34, "white", label=True, centre=True)
    for k in range(3):
        c.avatar(740 + k * 70, 170, 34, ["#E5C07B", "#98C379", "#61AFEF"][k])
    c.text(930, 150, "368", 34, "white")
    c.plus(1035, 170, 40, "white", stroke=0.1)
    c.text(40, 1560, "欢迎来到直播间！小红书倡导绿色直播，", 34, "#FFE082")
    c.text(40, 1610, "封面和直播内容违规将被处理。", 34, "#FFE082")
    y = 1700
    for who, said in (("Tom：", "Hello from Texas!"), ("小雨：", "主播今天好美"), ("阿杰：", "这款有链接吗"),
                      ("Amy：", "Can you speak English?")):
        box = c.text(40, y, who, 38, "#9FD3FF")
        c.text(box[2] + 4, y, said, 38, "white")
        y += 80
    c.text(40, y, "阿杰 来了", 34, "#DDDDDD")
    c.draw.rounded_rectangle((30, 2200, 520, 2290), radius=45, fill="#00000088")
    c.text(70, 2222, "说点什么...", 38, "#DDDDDD", label=True)
    for x in (640, 780, 920):
        c.draw.rounded_rectangle((x - 45, 2200, x + 45, 2290), radius=45, fill="#00000088")
    c.star(640, 2245, 26, "white")
    c.draw.rectangle((758, 2228, 802, 2268), outline="white", width=4)  # gift box
    c.heart(920, 2245, 26, "#FF6B81", filled=True)
    c.screen.steps = frozenset({"live-and-shopping/watch-and-follow", "live-and-shopping/comment",
                                "live-and-shopping/gifts"})
    return c.screen


def menu(seed: int = 5) -> AppScreen:
    """The ≡ menu over the profile: items with their icons, the scan / help / settings row."""
    c = Canvas("menu")
    c.draw.rectangle((820, 0, 1080, 2340), fill="#9A9A9A")
    c.text(860, 270, "Lily", 58, "#555555", bold=True)
    c.status_bar()
    y = 200
    for item in ("发现好友", "创作中心", "浏览记录", "我的草稿", "订单", "购物车", "钱包", "社区公约"):
        c.draw.rounded_rectangle((70, y + 6, 116, y + 52), radius=10, outline=DARK, width=4)
        label = item if item in ("创作中心", "浏览记录", "订单", "购物车", "社区公约") else None
        c.text(150, y, item, 44, DARK, label=label)
        y += 130
    c.draw.line((40, 1980, 780, 1980), fill="#EEEEEE", width=2)
    for x, item, icon in ((150, "扫一扫", "qr"), (410, "帮助与客服", "bubble"), (670, "设置", "gear")):
        if icon == "qr":
            c.qr(x - 32, 2030, 64, DARK)
        elif icon == "gear":
            c.gear(x, 2062, 30)
        else:
            c.bubble(x, 2062, 30)
        c.text(x, 2120, item, 32, "#555555", label=True, centre=True)
    # the steps whose picture is this menu and whose subject is in it (settings; orders and cart),
    # not "Scan it with your phone", which is about logging in on a computer
    c.screen.steps = frozenset({"language-and-translate/open-settings", "privacy-and-safety/open-settings",
                                "live-and-shopping/orders-and-cart"})
    return c.screen


def password_login(seed: int = 6) -> AppScreen:
    """Log in with a password: back, 帮助, +1 and the number, the password, 登录, 验证码登录
    and 忘记密码, the agreement line, and the other ways in (WeChat logo beside 微信登录)."""
    c = Canvas("password-login")
    c.status_bar()
    c.chevron(40, 130, 50, "left", DARK)
    c.text(960, 130, "帮助", 38, "#555555")
    c.text(80, 330, "密码登录", 64, DARK, bold=True, label=True)
    c.text(80, 520, "+1", 46, DARK)
    c.chevron(150, 524, 36, "down", DARK)
    c.text(240, 516, "请输入手机号", 46, "#BBBBBB")
    c.draw.line((80, 610, 1000, 610), fill="#EEEEEE", width=3)
    c.text(80, 680, "请输入密码", 46, "#BBBBBB")
    c.draw.line((80, 770, 1000, 770), fill="#EEEEEE", width=3)
    c.draw.rounded_rectangle((80, 860, 1000, 980), radius=60, fill=RED)
    c.text(540, 888, "登录", 46, "white", bold=True, label=True, centre=True)
    box = c.text(80, 1030, "验证码登录", 36, "#555555")  # log in with a code: the two labels end to end
    c.label_at("验证码", box)
    c.label_at("登录", box)
    c.text(1000 - c.width("忘记密码", 36), 1030, "忘记密码", 36, "#555555")
    c.draw.ellipse((80, 1148, 116, 1184), outline=GREY, width=3)
    box = c.text(132, 1144, "我已阅读并同意《用户协议》《隐私政策》", 32, GREY)
    for zh in ("我已阅读并同意", "用户协议", "隐私政策"):
        c.label_at(zh, box)
    c.text(540, 1960, "其他登录方式", 32, "#AAAAAA", label=True, centre=True)
    c.draw.rounded_rectangle((300, 2040, 780, 2150), radius=55, outline="#DDDDDD", width=3)
    c.wechat(380, 2095, 36)
    c.text(440, 2068, "微信登录", 40, DARK, label=True)
    # the log-in steps of signing up, and agreeing to the terms (the agreement line is here)
    c.screen.steps = frozenset({"sign-up/agree-to-terms", "sign-up/choose-how-to-log-in", "sign-up/country-code",
                                "sign-up/request-the-code"})
    return c.screen


def home_feed(seed: int = 7) -> AppScreen:
    """Home: ≡, 关注 发现 同城, search; the channel row with its ⌄; four note cards; the tab bar."""
    rng = random.Random(seed)
    c = Canvas("home-feed")
    c.status_bar()
    c.bars(50, 140, 52)
    for x, word, fill in ((380, "关注", GREY), (540, "发现", DARK), (700, "同城", GREY)):
        c.text(x, 128, word, 46, fill, bold=fill == DARK, label=True, centre=True)
    c.draw.rectangle((515, 196, 565, 202), fill=RED)
    c.magnifier(970, 132, 54)
    x = 50
    for word in ("推荐", "穿搭", "美食", "旅行", "彩妆", "萌宠"):
        box = c.text(x, 250, word, 40, DARK if word == "推荐" else "#666666", label=True)
        x = box[2] + 56
    c.chevron(1000, 256, 40, "down", "#666666")
    for k in range(4):
        x0, y0 = 20 + (k % 2) * 530, 340 + (k // 2) * 880
        c.photo((x0, y0, x0 + 510, y0 + 660), seed * 10 + k)
        c.text(x0 + 16, y0 + 680, TITLES[k], 36, DARK)
        c.avatar(x0 + 36, y0 + 780, 22)
        c.text(x0 + 70, y0 + 760, rng.choice(NAMES), 30, GREY)
        c.heart(x0 + 410, y0 + 780, 18, GREY)
        c.text(x0 + 436, y0 + 760, str(rng.randint(10, 999)), 30, GREY)
    c.tab_bar()
    c.screen.steps = HOME_STEPS
    return c.screen


def channel_editor(seed: int = 8) -> AppScreen:
    """The channel editor: 我的频道 with 编辑 and the channels, then more channels, each with a ＋."""
    c = Canvas("channel-editor")
    c.status_bar()
    c.text(60, 160, "我的频道", 46, DARK, bold=True)
    c.draw.rounded_rectangle((880, 160, 1020, 220), radius=30, outline=RED, width=3)
    c.text(950, 166, "编辑", 34, RED, label=True, centre=True)
    for k, word in enumerate(("推荐", "穿搭", "美食", "旅行", "彩妆", "萌宠")):
        x0, y0 = 60 + (k % 4) * 245, 270 + (k // 4) * 130
        c.draw.rounded_rectangle((x0, y0, x0 + 220, y0 + 100), radius=14, fill=LIGHT)
        c.text(x0 + 110, y0 + 24, word, 38, DARK, label=True, centre=True)
    c.text(60, 620, "推荐频道", 46, DARK, bold=True)
    for k, word in enumerate(("心理", "健身", "读书", "摄影", "家居", "职场")):
        x0, y0 = 60 + (k % 4) * 245, 720 + (k // 4) * 130
        c.draw.rounded_rectangle((x0, y0, x0 + 220, y0 + 100), radius=14, fill=LIGHT)
        c.plus(x0 + 62, y0 + 50, 30, "#555555")
        c.text(x0 + 90, y0 + 24, word, 38, "#555555")
    c.screen.steps = frozenset({"home-tour/channels"})
    return c.screen


def messages(seed: int = 9) -> AppScreen:
    """The Messages tab: 赞和收藏, 新增关注 and 评论和@ over their icons, the chats, the tab bar."""
    rng = random.Random(seed)
    c = Canvas("messages")
    c.status_bar()
    c.text(540, 130, "消息", 48, DARK, bold=True, centre=True)
    c.text(880, 136, "发现群聊", 36, "#555555", label=True)
    for x, word, colour in ((200, "赞和收藏", "#FF5A6E"), (540, "新增关注", "#4A90E2"), (880, "评论和@", "#2BC48A")):
        c.draw.rounded_rectangle((x - 60, 260, x + 60, 380), radius=36, fill=colour)
        c.heart(x, 320, 30, "white", filled=True)
        c.text(x, 410, word, 36, DARK, label=True, centre=True)
    y = 560
    for name, said in (("小红书团队", "新人福利已到账，快来看看"), (rng.choice(NAMES), "你好呀，你是美国人吗"),
                       (rng.choice(NAMES), "谢谢关注，我们互关吧"), ("陌生人消息", "2 条新消息")):
        c.avatar(110, y + 60, 60, "#D7C4F0")
        label = "陌生人消息" if name == "陌生人消息" else None
        c.text(200, y, name, 42, DARK, label=label)
        c.text(200, y + 64, said, 36, GREY)
        c.text(1020 - c.width("03-16", 30), y + 6, "03-16", 30, "#AAAAAA")
        y += 170
    c.tab_bar()
    c.screen.steps = frozenset({"messages-and-groups/open-messages", "messages-and-groups/find-groups"})
    return c.screen


def share_sheet(seed: int = 10) -> AppScreen:
    """Share from a note: the logos over 微信 朋友圈 QQ 微博 复制链接, then 举报 and 不感兴趣."""
    c = Canvas("share-sheet")
    c.photo((0, 0, 1080, 1400), seed)
    c.draw.rounded_rectangle((0, 1360, 1080, 2340), radius=40, fill="white")
    c.text(540, 1410, "分享至", 38, DARK, bold=True, centre=True)
    for k, (word, colour) in enumerate((("微信", "#07C160"), ("朋友圈", "#07C160"), ("QQ", "#12B7F5"),
                                        ("微博", "#E6162D"), ("复制链接", "#888888"))):
        cx = 120 + k * 210
        if word == "微信":
            c.wechat(cx, 1570, 60)
        else:
            c.draw.ellipse((cx - 60, 1510, cx + 60, 1630), fill=colour)
        label = word if word in ("微信", "朋友圈", "复制链接") else None
        c.text(cx, 1660, word, 32, "#555555", label=label, centre=True)
    for k, word in enumerate(("举报", "不感兴趣")):
        cx = 120 + k * 210
        c.draw.ellipse((cx - 60, 1800, cx + 60, 1920), fill=LIGHT)
        c.text(cx, 1950, word, 32, "#555555", label=True, centre=True)
    c.text(540, 2200, "取消", 40, DARK, label=True, centre=True)
    c.screen.steps = frozenset({"like-save-comment/share-and-more"})
    return c.screen


def settings(seed: int = 14) -> AppScreen:
    """设置: rows with a chevron at the right end of each, the cache size, 退出登录."""
    c = Canvas("settings", background="#F5F5F5")
    c.status_bar()
    c.chevron(40, 130, 50, "left", DARK)
    c.text(540, 128, "设置", 46, DARK, bold=True, label=True, centre=True)
    y = 260
    for group in (("账号与安全", "隐私设置", "通知设置"), ("通用设置", "深色模式", "清除缓存"),
                  ("帮助与客服", "关于小红书")):
        c.draw.rectangle((0, y - 20, 1080, y - 20 + 130 * len(group)), fill="white")
        for word in group:
            c.text(60, y + 18, word, 42, DARK, label=True)
            if word == "清除缓存":
                c.text(1000 - c.width("12.3MB", 36), y + 22, "12.3MB", 36, GREY)
            else:
                c.chevron(990, y + 24, 36, "right", "#BBBBBB")
            y += 130
        y += 60
    c.draw.rectangle((0, y, 1080, y + 130), fill="white")
    c.text(540, y + 38, "退出登录", 42, RED, label=True, centre=True)
    c.screen.steps = frozenset({"language-and-translate/general-settings", "privacy-and-safety/privacy-settings",
                                "language-and-translate/open-settings", "privacy-and-safety/open-settings"})
    return c.screen


def search_results(seed: int = 15) -> AppScreen:
    """Search results on the phone: back, the query and 搜索, the 全部 用户 商品 图文 视频 tabs set
    close, 综合 with its ⌄ and 筛选, two result cards."""
    rng = random.Random(seed)
    c = Canvas("search-results")
    c.status_bar()
    c.chevron(30, 130, 50, "left", DARK)
    c.draw.rounded_rectangle((100, 116, 880, 196), radius=40, fill=LIGHT)
    c.magnifier(130, 136, 40, GREY)
    c.text(190, 130, "纽约美食", 40, DARK)
    c.text(910, 130, "搜索", 42, DARK, label=True)
    x = 50
    for word in ("全部", "用户", "商品", "图文", "视频"):
        box = c.text(x, 250, word, 42, DARK if word == "全部" else "#666666", bold=word == "全部", label=True)
        x = box[2] + 40
    c.text(50, 350, "综合", 36, "#555555", label=True)
    c.chevron(130, 356, 30, "down", "#555555")
    c.text(1030 - c.width("筛选", 36), 350, "筛选", 36, "#555555", label=True)
    for column in range(2):
        x0 = 20 + column * 530
        c.photo((x0, 440, x0 + 510, 1100), seed * 10 + column)
        c.text(x0 + 16, 1120, ("纽约必吃的十家小店", "法拉盛中餐馆合集")[column], 38, DARK)
        c.avatar(x0 + 36, 1220, 22)
        c.text(x0 + 70, 1200, rng.choice(NAMES), 30, GREY)
        c.heart(x0 + 410, 1220, 18, GREY)
        c.text(x0 + 436, 1200, str(rng.randint(100, 9999)), 30, GREY)
    c.screen.steps = frozenset({"search-and-follow/results", "search-and-follow/filters", "search-and-follow/find-people"})
    return c.screen


def chat(seed: int = 16) -> AppScreen:
    """A private chat: the name, the stranger notice, bubbles, the box to write in."""
    c = Canvas("chat", background="#F5F5F5")
    c.status_bar()
    c.chevron(30, 130, 50, "left", DARK)
    c.text(540, 128, "Momo在洛杉矶", 44, DARK, bold=True, centre=True)
    c.text(40, 260, "对方未关注你，在对方回复或关注你之前，你最多只能发送1条消息", 28, GREY)
    for y, text, mine in ((380, "你好！我也是从美国来的", False), (520, "真的吗？你在哪个城市", True),
                          (660, "洛杉矶，可以互关吗", False)):
        width = c.width(text, 40) + 60
        x0 = 1040 - width if mine else 150
        c.avatar(80 if not mine else 1000, y + 45, 36)
        c.draw.rounded_rectangle((x0 - (80 if mine else 0), y, x0 + width - (80 if mine else 0), y + 96), radius=24,
                                 fill="#FF6B81" if mine else "white")
        c.text(x0 + 30 - (80 if mine else 0), y + 24, text, 40, "white" if mine else DARK)
    c.draw.rectangle((0, 2170, 1080, 2340), fill="white")
    c.draw.rounded_rectangle((40, 2200, 860, 2290), radius=45, fill=LIGHT)
    c.text(80, 2222, "发消息…", 38, "#AAAAAA")
    c.plus(960, 2245, 50, DARK, stroke=0.08)
    c.screen.steps = frozenset({"messages-and-groups/in-a-chat", "making-friends/chat-privately",
                                "privacy-and-safety/scams", "messages-and-groups/send-a-message"})
    return c.screen


# -- web screens (a 1920×1080 browser window) -------------------------------------------------------

def _web_sidebar(c: Canvas, dim: bool = False) -> None:
    """xiaohongshu.com's left column: the logo, 发现, ＋ 发布, 通知, 我, and ≡ 更多 at the bottom."""
    ink = "#777777" if dim else DARK
    c.text(60, 40, "小红书", 48, RED if not dim else "#B07080", bold=True, label=True)
    y = 190
    for word, icon in (("发现", "compass"), ("发布", "plus"), ("通知", "bell"), ("我", "avatar")):
        if icon == "plus":
            c.plus(85, y + 24, 34, ink)
        elif icon == "avatar":
            c.avatar(85, y + 24, 20)
        else:
            c.draw.ellipse((68, y + 7, 102, y + 41), outline=ink, width=4)
        c.text(130, y, word, 38, ink, label=True)
        y += 100
    c.bars(68, 990, 32, ink)
    c.text(130, 980, "更多", 38, ink)


def web_note(seed: int = 11) -> AppScreen:
    """A note opened on the website: sidebar, photo, author and 关注, text, 共 N 条评论, comments
    with the 作者 tag and 赞 回复 under each, the bar with counts."""
    rng = random.Random(seed)
    c = Canvas("web-note", 1920, 1080, "#F5F5F5")
    _web_sidebar(c)
    c.draw.rectangle((360, 60, 1860, 1040), fill="white")
    c.photo((360, 60, 1060, 1040), seed)
    c.avatar(1110, 120, 30)
    c.text(1160, 100, "是小鹿呀", 32, DARK)
    c.draw.rounded_rectangle((1690, 92, 1820, 148), radius=28, fill=RED)
    c.text(1755, 100, "关注", 32, "white", label=True, centre=True)
    c.text(1090, 190, "第一次用小红书，请多关照", 38, DARK, bold=True)
    c.text(1090, 250, "今天和朋友一起去吃了火锅，味道真的很好。", 30, "#333333")
    c.text(1090, 300, "03-15 福建", 26, GREY)
    box = c.text(1090, 370, "共 19 条评论", 28, "#555555")
    c.label_at("评论", box)
    y = 430
    for index, (name, text) in enumerate(((rng.choice(NAMES[:1]), "太可爱了吧，欢迎入坑"), ("是小鹿呀", "谢谢你！"))):
        c.avatar(1115, y + 26, 26, "#B8D4F0")
        box = c.text(1160, y, name, 28, GREY)
        if index == 1:
            tag = (box[2] + 10, y + 2, box[2] + 76, y + 38)
            c.draw.rounded_rectangle(tag, radius=8, fill="#F0F0F0")
            c.text(tag[0] + 7, y + 4, "作者", 24, GREY, label=True)
        c.text(1160, y + 44, text, 32, DARK)
        box = c.text(1160, y + 96, "03-16 上海", 26, GREY)
        c.heart(box[2] + 40, y + 112, 13, GREY)
        word = c.text(box[2] + 58, y + 96, "赞", 26, GREY, label=True)
        c.bubble(word[2] + 34, y + 112, 13, GREY)
        c.text(word[2] + 54, y + 96, "回复", 26, GREY, label=True)
        y += 170
    c.draw.line((1060, 920, 1860, 920), fill="#EEEEEE", width=2)
    c.draw.rounded_rectangle((1090, 950, 1450, 1010), radius=30, fill=LIGHT)
    c.text(1120, 960, "说点什么...", 28, GREY, label=True)
    for x, draw_icon, count in ((1500, c.heart, "851"), (1620, c.star, "367"), (1740, c.bubble, "19")):
        draw_icon(x, 980, 20)
        c.text(x + 30, 962, count, 28, DARK)
    c.screen.steps = frozenset({"web-on-desktop/open-a-note"})
    return c.screen


def web_search(seed: int = 12) -> AppScreen:
    """Search results on the website: the search box, 全部 图文 视频 用户 set close, 综合 ⌄ and
    筛选, the result cards."""
    rng = random.Random(seed)
    c = Canvas("web-search", 1920, 1080)
    _web_sidebar(c)
    c.draw.rounded_rectangle((560, 30, 1360, 100), radius=35, fill=LIGHT)
    c.text(600, 44, "猫咪", 34, DARK)
    c.magnifier(1300, 46, 36)
    x = 380
    for word in ("全部", "图文", "视频", "用户"):
        box = c.text(x, 150, word, 34, DARK if word == "全部" else "#555555", bold=word == "全部", label=True)
        x = box[2] + 28
    c.text(1560, 152, "综合", 30, "#555555", label=True)
    c.chevron(1630, 158, 26, "down", "#555555")
    c.text(1700, 152, "筛选", 30, "#555555", label=True)
    for k in range(4):
        x0 = 380 + k * 370
        c.photo((x0, 230, x0 + 350, 760), seed * 10 + k)
        c.text(x0 + 10, 780, TITLES[k][:10], 28, DARK)
        c.avatar(x0 + 26, 850, 16)
        c.text(x0 + 52, 834, rng.choice(NAMES), 24, GREY)
        c.heart(x0 + 290, 850, 12, GREY)
        c.text(x0 + 306, 836, str(rng.randint(10, 999)), 24, GREY)
    c.screen.steps = frozenset({"web-on-desktop/browse-and-search", "search-and-follow/results",
                                "search-and-follow/filters"})
    return c.screen


def web_login(seed: int = 13) -> AppScreen:
    """The website's log-in dialog over the dimmed feed: the QR code, 手机号登录 with the
    number, the code and 获取验证码, 登录, the agreement line."""
    c = Canvas("web-login", 1920, 1080, "#8C8C8C")
    _web_sidebar(c, dim=True)
    c.draw.rounded_rectangle((460, 190, 1460, 890), radius=24, fill="white")
    c.plus(1420, 230, 30, GREY, stroke=0.1)
    c.text(560, 250, "登录后推荐更懂你的笔记", 36, DARK, bold=True)
    c.qr(560, 330, 300, DARK, seed)
    c.text(560, 660, "可用小红书或微信扫码", 26, GREY)
    c.text(1000, 250, "手机号登录", 36, DARK, bold=True, label=True)
    c.draw.rounded_rectangle((1000, 330, 1400, 400), radius=35, fill=LIGHT)
    c.text(1030, 344, "+86", 30, DARK)
    c.text(1120, 344, "输入手机号", 30, "#AAAAAA")
    c.draw.rounded_rectangle((1000, 430, 1400, 500), radius=35, fill=LIGHT)
    c.text(1030, 444, "输入验证码", 30, "#AAAAAA")
    c.text(1260, 444, "获取验证码", 30, "#555555", label=True)
    c.draw.rounded_rectangle((1000, 540, 1400, 610), radius=35, fill=RED)
    c.text(1200, 552, "登录", 34, "white", bold=True, label=True, centre=True)
    box = c.text(1000, 650, "我已阅读并同意《用户协议》《隐私政策》", 22, GREY)
    for zh in ("我已阅读并同意", "用户协议", "隐私政策"):
        c.label_at(zh, box)
    c.text(1000, 700, "新用户可直接登录", 22, GREY)
    c.screen.steps = frozenset({"web-on-desktop/qr-login", "web-on-desktop/open-the-website"})
    return c.screen


SCREENS: dict[str, Callable[[], AppScreen]] = {
    "profile": profile, "note-photo": note, "note-text": lambda: note(2, text_card=True),
    "note-photo-3": lambda: note(3), "comment-list": comment_list, "live-room": live_room, "menu": menu,
    "password-login": password_login, "home-feed": home_feed, "channel-editor": channel_editor,
    "messages": messages, "share-sheet": share_sheet, "settings": settings, "search-results": search_results,
    "chat": chat, "web-note": web_note, "web-search": web_search,
    "web-login": web_login,
}


def all_screens() -> list[AppScreen]:
    return [make() for make in SCREENS.values()]
