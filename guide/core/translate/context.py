"""Senses the neighbouring words decide (issue 21, part 3).

A word's card lists its everyday senses first (senses.py), but some words change meaning
with the word beside them: 最火的 is "the most popular", not "fire"; 三天前 is "three days
ago"; 有才 is "talented" while 才 alone is "only then". Each rule here names the word, the
neighbours that decide, and the sense they make first (a "hint": shown first on the card,
the word's other senses after it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Measure words after 这 / 那 / 哪 / 每 / a number, where CC-CEDICT's first sense misleads.
CLASSIFIERS = {
    "家": "(measure word for shops, restaurants, companies)",
    "个": "(measure word for people and things)",
    "部": "(measure word for films, phones)",
    "本": "(measure word for books)",
    "张": "(measure word for photos, tickets, tables)",
    "条": "(measure word for posts, news, roads, fish)",
    "位": "(polite measure word for people)",
    "只": "(measure word for animals; one of a pair)",
    "款": "(measure word for styles, models of a product)",
    "支": "(measure word for lipsticks, pens, songs)",
    "双": "(measure word for pairs: shoes, chopsticks)",
    "套": "(measure word for sets: outfits, sets of products)",
    "份": "(measure word for portions, copies, gifts)",
    "首": "(measure word for songs, poems)",
    "集": "(measure word for episodes)",
    "顿": "(measure word for meals)",
    "块": "(measure word for money: yuan; or for pieces)",
    "码": "(clothing) size (小一码: one size smaller)",
    "件": "(measure word for clothes, matters)",
    "杯": "(measure word for cups of drinks)",
    "碗": "(measure word for bowls of food)",
    "束": "(measure word for bunches of flowers)",
    "面": "(measure word for flat things: walls, mirrors, flags)",
}
BEFORE_CLASSIFIER = set("这那哪每几一两二三四五六七八九十百千万半") | set("0123456789")
NUMERALS = set("一两二三四五六七八九十百千万几半") | set("0123456789")
PARTICLES = set("的了吗吧啊呀哦嘛呢啦")
TIME_UNITS = ("年", "天", "月", "周", "时", "钟", "秒", "星期", "礼拜")
_LOOKS = frozenset("白黑瘦胖高矮老小大嫩年气贵脸腿")  # 显 before these: "makes you look …"
_A_BIT_AFTER = frozenset({"快", "慢", "小", "大", "早", "晚", "少", "多", "轻", "近", "远",
                          "便宜", "低", "高", "好"})
ADJECTIVE_DEGREE = frozenset({"很", "太", "好", "超", "真", "巨", "挺", "特别", "非常", "有点", "有点儿", "有些",
                              "比较", "更", "最", "越来越", "这么", "那么", "蛮", "贼", "偏"})  # before an adjective
DEGREE = frozenset({"最", "很", "太", "超", "好", "真", "巨", "挺", "特别", "这么", "那么", "爆",
                    "更", "贼", "蛮", "能", "会", "也", "又", "突然", "一下子", "彻底"})


@dataclass(frozen=True)
class Rule:
    """`word` reads as `hint` when the word before is in `after`, ends with `after_suffix`,
    or the word after is in `before` or starts with a character in `before_start`."""

    word: str
    hint: str
    after: frozenset[str] = frozenset()
    after_suffix: tuple[str, ...] = ()
    before: frozenset[str] = frozenset()
    before_start: frozenset[str] = frozenset()
    unless_before_start: frozenset[str] = field(default_factory=frozenset)
    at_end: bool = False  # also at the end of the text
    reading: str = ""  # the reading of that sense, when it is not the word's usual one

    def applies(self, previous: str | None, following: str | None) -> bool:
        if following and following[0] in self.unless_before_start:
            return False
        if following is None and self.at_end:
            return True
        if previous is not None and (previous in self.after
                                     or (self.after_suffix and previous.endswith(self.after_suffix))):
            return True
        return following is not None and (following in self.before or following[0] in self.before_start)


RULES = (
    # 最火的, 好火啊, 这也能火, 火了: "popular"; 火太大了 (the flame) keeps "fire".
    Rule("火", "popular; trending (最火的: the most popular)", after=DEGREE,
         before=frozenset({"了", "啦", "起来", "遍", "爆"}), unless_before_start=frozenset("太很")),
    # 奶茶 is one word; 奶香, 奶昔 often are not: before a food word 奶 is milk.
    Rule("奶", "milk (奶香: milky aroma)", after=frozenset({"加", "喝", "牛", "酸", "羊", "豆", "燕麦"}),
         before_start=frozenset("茶香昔油粉盖咖味片糖酪冻砖绿霜泡")),
    # 三天前, 两年前, 一个月前: "ago"; 三天后: "later".
    Rule("前", "ago; before (三天前: three days ago)", after_suffix=TIME_UNITS),
    Rule("后", "later; after (三天后: three days later)", after_suffix=TIME_UNITS),
    # 才 alone is "only then" (sense_overrides.yaml); after 有 it is the noun.
    Rule("才", "talent; ability (有才: talented)",
         after=frozenset({"有", "太有", "很有", "好有", "真有", "多"})),
    # 共3条评论, 共三件: "in total".
    Rule("共", "in total; altogether (共3条: 3 in total)",
         before_start=frozenset(NUMERALS) | frozenset({"有", "计"})),
    # 皮肤很干, 嘴唇干, 有点干: "dry", said gān; 干活, 我不干 (gàn: to do) keep theirs.
    Rule("干", "dry (皮肤很干: the skin is very dry)", reading="gān", after=ADJECTIVE_DEGREE,
         after_suffix=("皮肤", "唇", "头发", "发尾", "发梢", "眼睛", "喉咙", "嗓子", "空气", "天气", "皮")),
    # 头发太长了, 显腿长, 时间长: "long", said cháng; 长痘, 长胖, 头发长了 (zhǎng: to grow) keep theirs.
    Rule("长", "long (头发太长了: the hair is too long)", reading="cháng", after=ADJECTIVE_DEGREE,
         after_suffix=("腿", "时间")),
    Rule("长", "to grow; to get (长痘: to get spots; 长胖: to put on weight)", before_start=frozenset("痘胖肉斑痣出了")),
    # 睡不着觉, 睡个好觉, 午觉: "sleep", said jiào (觉 alone is jué, "to feel", in 觉得 and the like).
    Rule("觉", "sleep (睡觉: to sleep; 睡不着觉: can't sleep)", reading="jiào",
         after=frozenset({"睡", "睡不着", "睡得着", "不着", "睡个", "好", "午", "懒", "回笼", "睡了", "个"})),
    # 好好 at the end of a clause is 好 "so" + 好 "good" (皮肤好好啊), not "well; carefully".
    Rule("好好", "so good (好 \"so\" + 好 \"good\")", before=frozenset("啊呀哦呢吧啦嘛"),
         before_start=frozenset("，。！？!?,.~～"), at_end=True),
)
_RULES: dict[str, list[Rule]] = {}
for _rule in RULES:
    _RULES.setdefault(_rule.word, []).append(_rule)  # the first that applies wins


def hint_for(word: str, previous: str | None, following: str | None, clause: list[str]) -> tuple[str, str]:
    """The sense the neighbours make first, or "" (see module doc), and its reading when it is
    not the word's usual one (很干: gān, "dry"), else "". `previous` and `following` are the
    neighbouring tokens' text (None at a clause edge for `previous`, None at the end of the
    text for `following`); `clause` is the clause's words."""
    rule = next((rule for rule in _RULES.get(word, ()) if rule.applies(previous, following)), None)
    if rule is not None:
        return rule.hint, rule.reading
    return _hint_without_reading(word, previous, following, clause), ""


def _hint_without_reading(word: str, previous: str | None, following: str | None, clause: list[str]) -> str:
    if word in CLASSIFIERS and previous is not None and previous[-1:] in BEFORE_CLASSIFIER:
        return CLASSIFIERS[word]
    if (word == "风" and previous is not None and len(previous) >= 2 and previous[-1] not in "阵股场级"
            and (following is None or following in PARTICLES or not following[0].isalnum())):
        return "style (通勤风: commuter style; 复古风: retro style)"
    if word == "显" and following is not None and following[0] in _LOOKS:
        return "makes you look … (显瘦: look slimmer; 显白: look fairer)"
    if word == "越" and clause.count("越") >= 2:
        return "the more … (越…越…: the more … the more …)"
    if word == "点" and previous is not None and (previous in _A_BIT_AFTER or _after_more_or_less(previous, clause)):
        return "a bit; a little (多穿点: wear a bit more; 快点: a bit faster)"
    return ""


def _after_more_or_less(previous: str, clause: list[str]) -> bool:
    """多穿点 / 少吃点: 点 two words after 多 or 少."""
    for i in range(2, len(clause)):
        if clause[i] == "点" and clause[i - 1] == previous and clause[i - 2] in ("多", "少"):
            return True
    return False
