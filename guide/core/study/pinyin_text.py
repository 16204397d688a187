"""Pinyin normalised for matching, so learners can type it however they know how.

"nǐ hǎo", "ni3 hao3", "ni hao", "nihao" and "NiHao" all become `nihao`; ü may be typed as
ü, v, u: or (loosely) u. Matching ignores tones on purpose: most newcomers cannot type
tone marks, and a search that insists on them finds nothing.

Two forms exist because ü is ambiguous when typed as u: the *strict* key writes ü as `v`
(what pypinyin and Chinese IMEs use: lv = 绿), the *loose* key writes it as `u` (so "lu"
also finds 绿, ranked below an exact spelling).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONE_MARKS = frozenset("\u0304\u0301\u030c\u0300")  # macron, acute, caron, grave
_DIAERESIS = "\u0308"
_TONE_NUMBER_RE = re.compile(r"(?<=[a-z])[0-5](?![0-9])")
_NOT_KEY_RE = re.compile(r"[^a-z0-9]+")
# What a typed pinyin query may contain: letters (with tone marks or ü), tone numbers,
# spaces and syllable separators.
_PINYIN_QUERY_RE = re.compile(r"^[a-zA-Zü\u00c0-\u024f\u0300-\u036f0-5\s'’\-:]+$")


def strip_tones(text: str) -> str:
    """'nǚ hǎo' -> 'nv hao': tone marks dropped, ü (and u:) written as v, case kept."""
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    for char in decomposed:
        if char in _TONE_MARKS:
            continue
        if char == _DIAERESIS and kept and kept[-1] in "uU":
            kept[-1] = "v" if kept[-1] == "u" else "V"
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).replace("u:", "v").replace("U:", "V")


def key(text: str) -> str:
    """Strict matching key: lower case, no tones (marks or numbers), no spaces, ü as v."""
    plain = _NOT_KEY_RE.sub("", strip_tones(text).lower())
    return _TONE_NUMBER_RE.sub("", plain)


def loose(strict_key: str) -> str:
    """The same key with ü written as u, for people who type 绿 as "lu"."""
    return strict_key.replace("v", "u")


def looks_like_pinyin(query: str) -> bool:
    """True when a query could be pinyin (letters, tone marks or numbers, spaces)."""
    return bool(query.strip()) and _PINYIN_QUERY_RE.match(query) is not None and any(c.isalpha() for c in query)


# Every toneless syllable pypinyin's dictionary uses (ü as v), plus r, m, n, ng for erhua and
# interjections. Kept here so splitting pinyin never has to load pypinyin (~0.15 s).
_SYLLABLES = frozenset("""
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca cai
can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai
chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di
dia dian diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng
fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha
hai han hang hao he hei hen heng hm hng hong hou hu hua huai huan huang hui hun huo ji jia jian
jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku
kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin
ling liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi mian miao mie
min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nia nian niang niao nie nin ning
niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping
po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun r ran rang rao re ren reng
ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she
shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo
ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang
wei wen weng wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang
yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan
zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou
zu zuan zui zun zuo
""".split())


def _valid_syllables() -> frozenset[str]:
    return _SYLLABLES


def is_syllable(text: str) -> bool:
    """'hao' yes, 'hello' no (toneless, lower case, ü as v)."""
    return text in _SYLLABLES


def syllables(word: str) -> list[str]:
    """Split a joined toneless word into syllables: 'shoucang' -> ['shou', 'cang'].

    Fewest syllables, longest first on a tie (so 'xian' stays one syllable, 'fangan'
    becomes fang + an and 'rengong' ren + gong); text that is not pinyin comes back as a
    single piece."""
    return list(_split_written(word))


@lru_cache(maxsize=65536)
def _split_written(word: str) -> tuple[str, ...]:
    return _split(key(word))


def _split(word: str) -> tuple[str, ...]:
    """The split with the fewest syllables, the longest first piece winning a tie: so
    'rengong' is ren + gong, not reng + o + ng ('o' and 'ng' are syllables too)."""
    if not word:
        return ()
    valid = _valid_syllables()
    best: dict[int, tuple[str, ...] | None] = {len(word): ()}

    def walk(start: int) -> tuple[str, ...] | None:
        if start in best:
            return best[start]
        found: tuple[str, ...] | None = None
        for end in range(min(len(word), start + 6), start, -1):
            piece = word[start:end]
            if piece in valid:
                rest = walk(end)
                if rest is not None and (found is None or len(rest) + 1 < len(found)):
                    found = (piece, *rest)
        best[start] = found
        return found

    return walk(0) or (word,)


def han_pinyin(zh: str) -> list[str]:
    """pypinyin's toneless reading of a text, one item per character (ü as v).

    Letters and digits in the text (yyds, 666, IP) come back as their own items, so
    typing them finds the entry too."""
    from pypinyin import lazy_pinyin

    out: list[str] = []
    for piece in lazy_pinyin(zh, v_to_u=False):
        out.extend(k for k in (key(word) for word in piece.split()) if k)
    return out


def zh_with_pinyin(zh: str, pinyin: str) -> str:
    """汉字 followed by their pinyin, without repeating what the pinyin already starts with:
    slang written in letters has pinyin like "yyds (yǒngyuǎn de shén)", and "emo" is its own."""
    zh, pinyin = zh.strip(), pinyin.strip()
    if not pinyin or pinyin == zh:
        return zh
    if pinyin.startswith(zh):
        return pinyin
    return f"{zh} ({pinyin})"
