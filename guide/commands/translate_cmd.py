"""`rednote-guide translate [...] TEXT|-`: the translator from the command line.

Exit 0 with a translation, 3 when only the dictionary gloss was possible (reasons on
stderr), 2 for usage errors. Same settings, cache, history and keyring as the app.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from guide.commands.exit_codes import EXIT_GLOSS_ONLY, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from guide.core.translate.pipeline import TranslationResult


MAX_INPUT_CHARS = 50_000


def _usage(message: str) -> int:
    print(f"rednote-guide translate: {message}", file=sys.stderr)
    return EXIT_USAGE


class _InputProblem(Exception):
    """Why the text cannot be used (a usage error, exit 2)."""


def _read_text(args: argparse.Namespace) -> str:
    """The text from the argument or standard input, strictly UTF-8 and never read past
    the limit (`translate - < /dev/zero` stops after MAX_INPUT_CHARS characters)."""
    if args.text != "-":
        text = args.text
        if any("\udc80" <= ch <= "\udcff" for ch in text):  # bytes the locale could not decode
            raise _InputProblem("the text is not valid UTF-8")
        return text
    buffer = getattr(sys.stdin, "buffer", None)
    try:
        if buffer is None:  # a text stream (tests, embedding)
            text = sys.stdin.read(MAX_INPUT_CHARS + 1)
        else:
            data = buffer.read(4 * MAX_INPUT_CHARS + 1)  # UTF-8 uses at most 4 bytes a character
            if len(data) > 4 * MAX_INPUT_CHARS:
                raise _InputProblem(f"the text is too long (more than {MAX_INPUT_CHARS} characters)")
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _InputProblem(f"standard input is not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise _InputProblem(f"cannot read standard input ({exc.strerror or exc})") from None
    if len(text) > MAX_INPUT_CHARS:
        raise _InputProblem(f"the text is too long (more than {MAX_INPUT_CHARS} characters)")
    return text


def _valid_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def run(args: argparse.Namespace) -> int:
    """Translate and print (a reader that closes the pipe early is handled in guide.cli)."""
    from guide.core.translate.engines import engine_names

    try:
        text = _read_text(args)
    except _InputProblem as exc:
        return _usage(str(exc))
    text = text.strip()
    if not text:
        return _usage("nothing to translate (the text is empty)")
    if len(text) > MAX_INPUT_CHARS:
        return _usage(f"the text is too long ({len(text)} characters; at most {MAX_INPUT_CHARS})")
    from guide.core.storage.settings import timeout_in_range, timeout_range_text

    timeout = args.timeout
    if timeout is not None and (not math.isfinite(timeout) or not timeout_in_range(timeout)):
        return _usage(f"--timeout must be {timeout_range_text()}, as in the app's Settings (“Give up on an engine "
                      f"after”); got {args.timeout:g}")
    if args.engine is not None and args.engine not in engine_names():
        return _usage(f"unknown engine {args.engine!r}; choose one of: {', '.join(engine_names())}")
    if args.endpoint is not None and not _valid_url(args.endpoint):
        return _usage("--endpoint must be an http:// or https:// URL, e.g. http://localhost:5000")
    if getattr(args, "model", None) and args.engine != "llm":
        return _usage("--model needs --engine llm")

    from guide.core.content.loader import load_pack
    from guide.core.storage import paths
    from guide.core.storage.settings import SettingsStore
    from guide.core.translate.cache import TranslationCache
    from guide.core.translate.history import History
    from guide.core.translate.pipeline import TranslateOptions, Translator

    settings_store = SettingsStore()
    settings = settings_store.load()
    pack_dir = Path(args.pack) if getattr(args, "pack", None) else paths.default_pack()
    pack = load_pack(pack_dir) if (pack_dir / "pack.yaml").is_file() else None
    from guide.core.translate.pipeline import direction_conflict

    held_back = settings.offline_only and not args.offline and not getattr(args, "online", False)
    overrides: dict[str, object] = {"target": args.to, "offline": args.offline or held_back,
                                    "check": bool(getattr(args, "check", False)), "confirm_direction": True}
    # An endpoint belongs to one engine: alone it means LibreTranslate, and nothing else is asked.
    engine = args.engine or ("libretranslate" if args.endpoint else None)
    if engine:
        overrides["engines"] = (engine,)
    if args.endpoint:
        if engine == "libretranslate":
            overrides["libretranslate_url"] = args.endpoint
        elif engine == "llm":
            overrides["llm_url"] = args.endpoint
        else:
            overrides["base_urls"] = {engine: args.endpoint}
    if getattr(args, "model", None):
        overrides["llm_model"] = args.model
    if timeout is not None:
        overrides["timeout"] = timeout
    options = TranslateOptions.from_settings(settings, **overrides)
    if args.to:
        warning = direction_conflict(text, "en" if args.to == "zh" else "zh")
        if warning:
            print(f"rednote-guide translate: warning: {warning} Translating anyway, as asked.", file=sys.stderr)

    translator = Translator(pack, TranslationCache(paths.cache_dir()), History(paths.data_dir()))
    try:
        for notice in settings_store.notices + translator.notices():
            print(f"rednote-guide: {notice}", file=sys.stderr)
        result = translator.translate(text, options)
    finally:
        translator.close()

    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_human(result)
    if result.translated:
        return EXIT_OK
    if held_back:  # the app's switch, not this command line, kept the engines out: say where
        print(f"rednote-guide translate: no translation: Offline only is on in the app (the Translator page's "
              f"“Offline only” box, or Settings…; saved in {settings_store.path}), so no engine was asked. Add "
              f"--online to use the engines for this command only.", file=sys.stderr)
    else:
        print(f"rednote-guide translate: no translation; {result.error}", file=sys.stderr)
    return EXIT_GLOSS_ONLY


def _print_human(result: TranslationResult) -> None:
    """Translation first (scripts can take line one), then pinyin, origin and the words.
    Nothing reaches the terminal with control characters in it (escape codes)."""
    from guide.core.translate.normalise import strip_controls as clean

    if result.translated:
        print(clean(result.translation or ""))
    if result.pinyin:
        print(f"  pinyin: {clean(result.pinyin)}")
    if result.note:
        print(f"  note:   {clean(result.note)}")
    if result.checked:
        back = result.back_translation
        print(f"  check:  {clean(back)}" if back is not None else "  check:  (no back-translation)")
    if result.share is not None:
        print(f"  shared: {clean(result.share.describe())}")
        print(f"  link:   {clean(result.share.url)}")
    if result.share is None or result.share.title:  # a share text without a title: its message says it all
        print(f"  from:   {clean(result.origin_label())}")
    words = result.target_gloss if result.target_lang == "zh" and result.target_gloss else result.gloss
    if words:
        print("  words:")
        width = max(_width(clean(w.text)) for w in words)
        for word in words:
            text = clean(word.text)
            pad = " " * (width - _width(text))
            meanings = "; ".join(clean(m) for m in word.meanings) if word.meanings else "(not in the dictionary)"
            print(f"    {text}{pad}  {word.pinyin:<14} {meanings}")


def _width(text: str) -> int:
    """Display columns: Han characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
