"""The values inside the app's own text, read and said in English: counts (2.3万 → 23,000),
times, dates, "ago" times (2小时前 → 2 hours ago), prices (¥75 → ~US$10.74), account ids.

A UI template (templates.py) names one of these kinds per placeholder; the word breakdown
uses them for numbers in running text. Each kind is a regular expression fragment (matched
on `fold`ed text) and a reader that turns what it matched into English, or None when the
text only looks like one (month 13, 25:00)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# -- the yuan rate for prices ------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """How many yuan one US dollar buys, and when that was true: prices are shown converted,
    always with the rate and its date, so a user can tell how old the figure is."""

    yuan_per_dollar: float
    date: str

    def describe(self) -> str:
        return f"¥{self.yuan_per_dollar:.2f} = US$1 on {self.date}" if self.date else f"¥{self.yuan_per_dollar:.2f} = US$1"


# The People's Bank of China central parity rate of 26 Jan 2026 (6.9843, Xinhua). A setting
# (Translator settings) replaces it; this is only the default.
DEFAULT_RATE = Rate(6.98, "2026-01-26")


# -- folding: compare full-width and half-width, upper and lower case alike ----------------


def fold(text: str) -> str:
    """Per character NFKC (full-width ：０￥ → :0¥) and lower case, keeping the length, so a
    position in the folded text is the same position in the original."""
    out = []
    for char in text:
        folded = unicodedata.normalize("NFKC", char)
        folded = folded if len(folded) == 1 else char
        lower = folded.lower()
        out.append(lower if len(lower) == 1 else folded)
    return "".join(out)


# -- counts: 2.3万, 1.2w, 3k, 99+, 1,000+ ---------------------------------------------------

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
COUNT_RE = rf"{_NUMBER}(?:\s*(?:万|w|千|k|亿))?\+?"
_UNITS = {"万": 10_000, "w": 10_000, "千": 1_000, "k": 1_000, "亿": 100_000_000}
_COUNT_PARTS = rf"({_NUMBER})\s*(万|w|千|k|亿)?(\+?)$"


def read_count(text: str) -> str | None:
    """"2.3万" → "23,000", "99+" → "99+", "12345" → "12,345", "1.5k" → "1,500"."""
    match = re.match(_COUNT_PARTS, fold(text).strip())
    if match is None:
        return None
    number, unit, plus = match.groups()
    try:
        value = Decimal(number.replace(",", "")) * _UNITS.get(unit or "", 1)
    except InvalidOperation:
        return None
    return _grouped(value) + plus


def count_adds_meaning(text: str) -> bool:
    """A count worth explaining in running text: with a unit (万, w, k …) or a trailing +."""
    return re.search(r"[万w千k亿+]", fold(text)) is not None


def _grouped(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,f}".rstrip("0").rstrip(".")


# -- times and dates ---------------------------------------------------------------------

TIME_RE = r"(?:[01]?\d|2[0-3]):[0-5]\d"
_DATE_WITH_YEAR = r"(?:19|20)\d{2}(?:-\d{1,2}-\d{1,2}|\.\d{1,2}\.\d{1,2}|/\d{1,2}/\d{1,2}|年\d{1,2}月\d{1,2}日?)"
YEAR_OR_MONTH_RE = r"(?:19|20)\d{2}年(?:\d{1,2}月)?"  # 2023年 the year 2023, 2024年5月 May 2024
DATE_RE = rf"(?:{_DATE_WITH_YEAR}|{YEAR_OR_MONTH_RE}|\d{{1,2}}-\d{{1,2}}|\d{{1,2}}月\d{{1,2}}日?)"
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_MONTHS = tuple(name[:3] for name in _MONTH_NAMES)  # Jan … Dec
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def read_time(text: str) -> str | None:
    """"20:15" stays "20:15" (a 24-hour clock; on a video cover it is the video's length)."""
    match = re.fullmatch(TIME_RE, fold(text).strip())
    return match.group(0) if match else None


def read_date(text: str) -> str | None:
    """"03-15" → "Mar 15", "2023-03-01" → "Mar 1, 2023", "2023年3月1日" → "Mar 1, 2023";
    "2024年5月" → "May 2024", "2023年" → "the year 2023"."""
    folded = fold(text).strip()
    if re.fullmatch(DATE_RE, folded) is None:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", folded)]
    if folded.endswith("年"):
        return f"the year {numbers[0]}"
    if folded.endswith("月") and len(numbers) == 2:
        return f"{_MONTH_NAMES[numbers[1] - 1]} {numbers[0]}" if 1 <= numbers[1] <= 12 else None
    year, month, day = numbers if len(numbers) == 3 else (None, *numbers)
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        return None
    return f"{_MONTHS[month - 1]} {day}" + (f", {year}" if year else "")


# -- "ago": 刚刚, 2小时前, 3天前, 昨天, 星期一 ---------------------------------------------------

_AGO_UNITS = {"秒": "second", "秒钟": "second", "分钟": "minute", "分": "minute", "小时": "hour", "个小时": "hour",
              "天": "day", "周": "week", "星期": "week", "个星期": "week", "个月": "month", "月": "month", "年": "year"}
_AGO_WORDS = {"刚刚": "just now", "昨天": "yesterday", "前天": "the day before yesterday", "今天": "today",
              "半小时前": "half an hour ago"}
_WEEKDAYS = {"一": "Monday", "二": "Tuesday", "三": "Wednesday", "四": "Thursday", "五": "Friday", "六": "Saturday",
             "日": "Sunday", "天": "Sunday"}
_UNIT_ALTERNATION = "|".join(sorted(map(re.escape, _AGO_UNITS), key=len, reverse=True))
NUMBER_AGO_RE = rf"\d+\s*(?:{_UNIT_ALTERNATION})\s*前"
AGO_RE = rf"(?:{NUMBER_AGO_RE}|刚刚|半小时前|昨天|前天|今天|(?:星期|周)[一二三四五六日天])"


def read_ago(text: str) -> str | None:
    """"2小时前" → "2 hours ago", "1天前" → "1 day ago", "昨天" → "yesterday", "周三" → "Wednesday"."""
    folded = re.sub(r"\s+", "", fold(text))
    if folded in _AGO_WORDS:
        return _AGO_WORDS[folded]
    weekday = re.fullmatch(r"(?:星期|周)([一二三四五六日天])", folded)
    if weekday:
        return _WEEKDAYS[weekday.group(1)]
    match = re.fullmatch(rf"(\d+)({_UNIT_ALTERNATION})前", folded)
    if match is None:
        return None
    number, unit = int(match.group(1)), _AGO_UNITS[match.group(2)]
    return f"{number} {unit}{'' if number == 1 else 's'} ago"


# -- prices: ¥75, 75元, 75块, 1.2万元 --------------------------------------------------------

PRICE_RE = rf"(?:¥\s*{_NUMBER}|{_NUMBER}\s*万?\s*(?:元|块))"
_PRICE_PARTS = rf"¥\s*({_NUMBER})$|({_NUMBER})\s*(万?)\s*(?:元|块)$"


def price_in_yuan(text: str) -> Decimal | None:
    match = re.match(_PRICE_PARTS, fold(text).strip())
    if match is None:
        return None
    number = match.group(1) or match.group(2)
    try:
        return Decimal(number.replace(",", "")) * (10_000 if match.group(3) else 1)
    except InvalidOperation:
        return None


def read_price(text: str, rate: Rate = DEFAULT_RATE) -> str | None:
    """"¥75" → "¥75 (~US$10.74; ¥6.98 = US$1 on 2026-01-26)": the conversion always says
    which rate it used and how old that rate is."""
    yuan = price_in_yuan(text)
    if yuan is None:
        return None
    if rate.yuan_per_dollar <= 0:
        return f"¥{_grouped(yuan)}"
    dollars = yuan / Decimal(str(rate.yuan_per_dollar))
    shown = f"{dollars:,.2f}" if dollars < 100 else f"{dollars.quantize(Decimal(1)):,}"
    return f"¥{_grouped(yuan)} (~US${shown}; {rate.describe()})"


# -- ids: 小红书号：118302851 ---------------------------------------------------------------

ID_RE = r"[a-z0-9_.]{3,}"


def read_id(text: str) -> str | None:
    """Kept exactly as written (no thousands separators: it is a name, not an amount)."""
    stripped = text.strip()
    return stripped if re.fullmatch(ID_RE, fold(stripped)) else None
