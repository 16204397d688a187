"""Phone screenshots drawn here with Pillow and the Noto CJK font, with the text we drew.

Used by the OCR tests and by benchmarks/bench_ocr.py, so that accuracy is measured on
pictures whose truth is known (not only on the pack's own mockups):
- clean: 1080×1920 PNG, dark text on white, a RedNote-like note page;
- noisy: the same layout with the caption in white on a busy "photo", sensor noise, a
  downscale to 720 px wide and back, saved as a JPEG at quality ~30;
- small: the clean page at half size (540×960), as a screenshot shared by a messenger;
- dark: the clean page in dark mode (inverted).
The screens a newcomer screenshots (profile, notes with counts, the ≡ menu, log-in pages,
website pages), with their icons and their truth, are drawn in app_screens.py.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk",
             "/usr/share/fonts/truetype/noto")
FONT_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf")
BOLD_FILES = ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf")

CAPTIONS = ["周末去了一家超好吃的火锅店", "这个博主的穿搭绝绝子", "第一次来美国的小红书", "猫咪今天又在沙发上睡觉",
            "分享一下我的护肤心得", "纽约街头的秋天真的很美", "有没有人知道这家店在哪里", "新手学做饭的第一周"]
BODIES = ["今天和朋友一起去吃了火锅，味道真的很好。", "环境很干净，服务员也很热情，推荐给大家。",
          "价格不算便宜，但是分量很足，两个人刚刚好。", "记得点赞收藏关注哦，我们下次见。",
          "欢迎大家在评论区和我交流，看到都会回复。", "拍照很出片，适合周末和朋友一起来。"]
WRAPPED = ["这家店的甜品也很好吃，芒果班戟和杨枝甘露都是", "必点的，分量很足。"]
COMMENTS = ["好想去啊", "求店名", "看起来太好吃了", "已经收藏了", "哈哈哈太可爱了", "楼主的照片拍得真好"]


def font_path(bold: bool = False) -> Path:
    names = BOLD_FILES if bold else FONT_FILES
    for folder in FONT_DIRS:
        for name in names:
            path = Path(folder) / name
            if path.is_file():
                return path
    if bold:
        return font_path(False)
    raise FileNotFoundError("no Noto CJK font found: apt-get install fonts-noto-cjk")


@dataclass
class Screenshot:
    image: Image.Image
    lines: list[str]  # every line of text drawn, in reading order


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(bold)), size)


def _photo(image: Image.Image, rng: random.Random, box: tuple[int, int, int, int]) -> None:
    """A busy, mid-tone "photo" inside `box`: bands of colour and blobs, so white text has
    work to do (drawn apart and pasted, so no blob spills onto the text around it)."""
    x0, y0, x1, y1 = box
    photo = Image.new("RGB", (x1 - x0, y1 - y0))
    draw = ImageDraw.Draw(photo)
    height = y1 - y0
    for y in range(0, height, 8):
        shade = 90 + int(60 * (y / height))
        draw.rectangle((0, y, x1 - x0, y + 8), fill=(shade + rng.randint(-20, 20), shade - 30 + rng.randint(-20, 20),
                                                     shade - 50 + rng.randint(-10, 10)))
    for _ in range(40):
        cx, cy, r = rng.randint(0, x1 - x0), rng.randint(0, height), rng.randint(20, 120)
        colour = (rng.randint(60, 200), rng.randint(60, 200), rng.randint(60, 200))
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    image.paste(photo, (x0, y0))


def note_page(seed: int = 1, white_on_photo: bool = False) -> Screenshot:
    """A 1080×1920 RedNote note page: top bar, photo with caption, title, body, comments,
    bottom bar of buttons."""
    rng = random.Random(seed)
    image = Image.new("RGB", (1080, 1920), "white")
    draw = ImageDraw.Draw(image)
    lines: list[str] = []
    regular, bold, small = _font(44), _font(50, bold=True), _font(38)

    draw.text((60, 60), "关注", font=bold, fill="#222222")
    draw.text((420, 60), "发现", font=bold, fill="#222222")
    draw.text((780, 60), "附近", font=bold, fill="#222222")
    lines += ["关注", "发现", "附近"]

    caption = rng.choice(CAPTIONS)
    _photo(image, rng, (0, 180, 1080, 900))
    if white_on_photo:
        draw.text((60, 760), caption, font=_font(56, bold=True), fill="white")
    else:
        draw.rectangle((40, 740, 1040, 850), fill="white")
        draw.text((60, 760), caption, font=_font(56, bold=True), fill="#111111")
    lines.append(caption)

    y = 950
    title = rng.choice(CAPTIONS[::-1])
    draw.text((60, y), title, font=bold, fill="#111111")
    lines.append(title)
    y += 100
    for body in rng.sample(BODIES, 3):
        draw.text((60, y), body, font=regular, fill="#333333")
        lines.append(body)
        y += 80
    for part in WRAPPED:  # one sentence wrapped over two lines, as a note's body does
        draw.text((60, y), part, font=regular, fill="#333333")
        lines.append(part)
        y += 62
    y += 30
    draw.text((60, y), "评论", font=small, fill="#666666")
    lines.append("评论")
    y += 80
    for comment in rng.sample(COMMENTS, 3):
        draw.text((60, y), comment, font=regular, fill="#333333")
        lines.append(comment)
        y += 90
    draw.line((0, 1790, 1080, 1790), fill="#DDDDDD", width=2)
    draw.text((60, 1820), "说点什么...", font=small, fill="#999999")
    for x, word in ((560, "点赞"), (740, "收藏"), (920, "评论")):
        draw.text((x, 1820), word, font=small, fill="#333333")
    lines += ["说点什么...", "点赞", "收藏", "评论"]
    return Screenshot(image, lines)


def clean(seed: int = 1) -> Screenshot:
    return note_page(seed)


def noisy(seed: int = 1) -> Screenshot:
    """White caption on the photo, sensor noise, a messenger's downscale and upscale, and
    JPEG at quality 30."""
    shot = note_page(seed, white_on_photo=True)
    rng = random.Random(seed)
    image = shot.image.filter(ImageFilter.GaussianBlur(0.7))
    noise = Image.effect_noise(image.size, 40).convert("RGB")
    image = Image.blend(image, noise, 0.2)
    image = image.resize((720, 1280), Image.BILINEAR).resize((1080, 1920), Image.BILINEAR)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=28 + rng.randint(0, 4))
    buffer.seek(0)
    return Screenshot(Image.open(buffer).convert("RGB"), shot.lines)


def dark(seed: int = 1) -> Screenshot:
    """The clean page in dark mode: light text on black (the photo inverted too)."""
    from PIL import ImageOps

    shot = note_page(seed)
    return Screenshot(ImageOps.invert(shot.image), shot.lines)


def small(seed: int = 1) -> Screenshot:
    shot = note_page(seed)
    return Screenshot(shot.image.resize((540, 960), Image.LANCZOS), shot.lines)


def action_bar(seed: int = 1) -> Screenshot:
    """Only the note page's bottom bar (说点什么... 点赞 收藏 评论), 1080×130: for tests about
    what happens around a reading rather than the reading itself, the engine reads it in a
    fraction of the whole page's time (~1.5 s less on a loaded machine)."""
    shot = note_page(seed)
    return Screenshot(shot.image.crop((0, 1790, 1080, 1920)), shot.lines[-4:])


def save(shot: Screenshot, path: Path) -> Path:
    shot.image.save(path, "JPEG" if path.suffix.lower() in (".jpg", ".jpeg") else "PNG", quality=92)
    return path


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def characters_right(expected: list[str], found: list[str]) -> float:
    """Share of the drawn characters read right: each drawn line against the read line
    closest to it (edit distance), so a line split or joined differently still counts."""
    total = sum(len(line) for line in expected)
    right = 0
    for line in expected:
        best = min((levenshtein(line, text) for text in found), default=len(line))
        right += max(0, len(line) - best)
    return right / total if total else 1.0


def render_svg(svg: Path, target: Path, scale: int = 3) -> Path:
    """One of the pack's SVG mockups as a phone-sized PNG (mockups are 360 px wide, phones
    1080). Needs a QGuiApplication (the `qapp` fixture)."""
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    image = QImage(renderer.defaultSize() * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target)):
        raise OSError(f"cannot write {target}")
    return target
