"""Pinyin syllables written as one word, the way the Hanyu Pinyin rules write them.

Two things need the syllables still apart, so both readings (pypinyin's and CC-CEDICT's)
are written here, never by joining strings that were already joined:
- An apostrophe goes before a syllable starting with a, o or e that is not the first of its
  word: 可爱 kě'ài, 西安 Xī'ān (xīān reads as xiān), 女儿 nǚ'ér.
- 儿 said as an r on the syllable before it (erhua) is written as that r: 哪儿 nǎr, 一点儿
  yìdiǎnr. pypinyin reads every 儿 as a syllable of its own (nǎ ér), so which 儿 is an r
  is decided from CC-CEDICT, which writes erhua as "r5" (哪兒 [na3 r5]) and a real
  syllable as "er2" (女兒 [nu:3 er2]):
  1. the longest CC-CEDICT word that ends at the 儿 decides (新生婴儿: 婴儿, yīng'ér);
  2. else a CC-CEDICT word that starts at it keeps it a syllable (六一儿童节: 儿童);
  3. else it is the r suffix on the word before it (小狗儿 xiǎogǒur): a syllable ér after
     another word is literary and such words are in CC-CEDICT.
  Where CC-CEDICT lists both readings, the r wins (花儿 huār "flower" over huā'ér, a folk
  song; 托儿 tuōr "shill"), except the words in `_SAID_ER`.
- A word pypinyin does not know is read character by character, each character in its most
  common reading: 干妈 gànmā, 吹干 chuīgàn, 晒干 shàigàn, where 干 is gān ("dry"). Where every
  CC-CEDICT reading of the word gives a syllable another sound or another full tone, that
  syllable is CC-CEDICT's (gānmā, chuīgān; 重置 chóngzhì, 长按 cháng'àn, 弹窗 tánchuāng).
  Light syllables are not taken from it (the next rule, tone_sandhi), nor a doubled
  character's (狗狗, which CC-CEDICT writes as said colloquially, gǒugōu), and 一 / 不 keep
  their own rules.
- A 不 or 得 after a word's first character is light where CC-CEDICT reads it light: the potential complement
  (看不懂 kàn bu dǒng, 来不及 láibují), words like 对不起 duìbuqǐ, and 长得 zhǎngde, as the
  phrase book and textbooks write them. pypinyin reads them all bù; CC-CEDICT is followed word by word, so
  the ones it reads bù (受不了) keep their tone (and tone_sandhi then marks it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from guide.core.translate.tone_sandhi import first_tone

ERHUA_CHARS = frozenset("儿兒")
ERHUA = "r"
_LIGHT = {"不": "bu", "得": "de"}  # said light inside a word where CC-CEDICT says so
_APOSTROPHE_BEFORE = frozenset("aāáǎàoōóǒòeēéěèAĀÁǍÀOŌÓǑÒEĒÉĚÈ")
_MAX_WORD = 12
# Listed with both readings, but said ér in everyday text: 小儿 in 小儿感冒 (children's), not xiǎor.
_SAID_ER = frozenset({"小儿", "小兒"})

Syllables = list[str | None]  # one per character of the word; None for a character that is not Han


def needs_apostrophe(syllable: str) -> bool:
    """True for a syllable that takes an apostrophe when it is not the first of its word."""
    return syllable[:1] in _APOSTROPHE_BEFORE


def join_syllables(pieces: Iterable[tuple[str, bool]]) -> str:
    """(text, is a pinyin syllable) pieces as one word: apostrophes between syllables, the
    erhua r on the syllable before it; text that is not pinyin (AA, 3) is copied as it is."""
    out: list[str] = []
    after_syllable = False
    for text, is_syllable in pieces:
        if is_syllable and after_syllable and text != ERHUA and needs_apostrophe(text):
            out.append("'")
        out.append(text)
        after_syllable = is_syllable
    return "".join(out)


def write_word(word: str, syllables: Sequence[str | None]) -> str:
    """A word's reading from one syllable per character (None: the character as written)."""
    return join_syllables((char, False) if syllable is None else (syllable, True)
                          for char, syllable in zip(word, syllables))


def _erhua_positions(word: str, syllables: Sequence[str | None]) -> list[int]:
    """Positions of 儿 said after another syllable of the word (an r or a syllable ér)."""
    return [i for i in range(1, len(word))
            if word[i] in ERHUA_CHARS and syllables[i] is not None and syllables[i - 1] is not None]


def _ending_at(word: str, i: int) -> list[str]:
    """Words of two or more characters inside `word` that end at position i, longest first."""
    return [word[j:i + 1] for j in range(max(0, i + 1 - _MAX_WORD), i)]


def _starting_at(word: str, i: int) -> list[str]:
    return [word[i:k] for k in range(i + 2, min(len(word), i + _MAX_WORD) + 1)]


def cedict_er(headword: str, readings: Iterable[Sequence[str]]) -> str | None:
    """How CC-CEDICT says the final 儿 of `headword`, from its readings' marked syllables
    (r5 is "r"): "r", a syllable ("ér"), or None when no reading has one syllable per character."""
    finals = [reading[-1].lower() for reading in _per_character(headword, readings)]
    if not finals:
        return None
    if ERHUA in finals and headword not in _SAID_ER:
        return ERHUA
    return next((f for f in finals if f != ERHUA), finals[0])


def resolve_erhua(readings: dict[str, Syllables],
                  known: Callable[[Iterable[str]], set[str]],
                  cedict: Callable[[Iterable[str]], dict[str, list[list[str]]]]) -> None:
    """Each 儿 after a syllable becomes "r" or CC-CEDICT's syllable (see the module's rules),
    in place. `known` says which words CC-CEDICT has; `cedict` gives their readings, each as
    its syllables with tone marks."""
    places = {word: _erhua_positions(word, syllables) for word, syllables in readings.items()}
    places = {word: found for word, found in places.items() if found}
    if not places:
        return
    candidates = {c for word, found in places.items() for i in found
                  for c in (*_ending_at(word, i), *_starting_at(word, i))}
    found_words = known(candidates)
    ending = {c for word, positions in places.items() for i in positions for c in _ending_at(word, i)} & found_words
    said = {c: cedict_er(c, syllables) for c, syllables in cedict(ending).items()} if ending else {}
    for word, positions in places.items():
        syllables = readings[word]
        for i in positions:
            decided = next((said[c] for c in _ending_at(word, i) if said.get(c)), None)
            if decided is None and any(c in found_words for c in _starting_at(word, i)):
                continue  # 儿童, 儿子: the start of a word, said ér
            syllables[i] = decided or ERHUA


def resolve_from_cedict(readings: dict[str, Syllables],
                        cedict: Callable[[Iterable[str]], dict[str, list[list[str]]]]) -> None:
    """Syllables of words of two or more characters taken from CC-CEDICT where every one of its
    readings of the word (one syllable per character) agrees, in place (see the module's
    rules): a full tone or another sound (吹干: chuīgàn -> chuīgān), and a light 不 or 得 after
    the first character (看不懂: kàn bu dǒng; 长得: zhǎngde)."""
    words = [word for word in readings if len(word) >= 2]
    if not words:
        return
    for word, cedict_readings in cedict(words).items():
        whole = [[syllable.lower() for syllable in reading] for reading in _per_character(word, cedict_readings)]
        if not whole:
            continue
        syllables = readings[word]
        for i, said in enumerate(whole[0]):
            ours = syllables[i]
            if ours is None or said == ours.lower() or any(reading[i] != said for reading in whole[1:]):
                continue
            if first_tone(said):
                if word[i] not in _SANDHI_CHARS and word[i] not in ERHUA_CHARS and word[i - 1:i] != word[i]:
                    syllables[i] = said  # not 一 / 不 (tone_sandhi), 儿 (resolve_erhua), nor 狗狗 (spoken gǒugōu)
            elif i and _LIGHT.get(word[i]) == said:
                syllables[i] = said


def _per_character(word: str, readings: Iterable[Sequence[str]]) -> list[Sequence[str]]:
    """CC-CEDICT's readings of `word` that have one syllable per character."""
    return [reading for reading in readings if len(reading) == len(word)]


_SANDHI_CHARS = frozenset("一不")
