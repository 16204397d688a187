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


MAX_TIMEOUT = 600.0
MAX_INPUT_CHARS = 50_000


def _usage(message: str) -> int:
    print(f"rednote-guide translate: {message}", file=sys.stderr)
    return EXIT_USAGE


def _read_text(args: argparse.Namespace) -> str | None:
    if args.text != "-":
        return args.text
    try:
        return sys.stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"rednote-guide translate: cannot read standard input ({exc})", file=sys.stderr)
        return None


def _valid_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def run(args: argparse.Namespace) -> int:
    from guide.core.translate.engines import engine_names

    text = _read_text(args)
    if text is None:
        return EXIT_USAGE
    text = text.strip()
    if not text:
        return _usage("nothing to translate (the text is empty)")
    if len(text) > MAX_INPUT_CHARS:
        return _usage(f"the text is too long ({len(text)} characters; at most {MAX_INPUT_CHARS})")
    timeout = args.timeout
    if timeout is not None and (not math.isfinite(timeout) or timeout <= 0 or timeout > MAX_TIMEOUT):
        return _usage(f"--timeout must be a number of seconds between 0 and {MAX_TIMEOUT:g}")
    if args.engine is not None and args.engine not in engine_names():
        return _usage(f"unknown engine {args.engine!r}; choose one of: {', '.join(engine_names())}")
    if args.endpoint is not None and not _valid_url(args.endpoint):
        return _usage("--endpoint must be an http:// or https:// URL, e.g. http://localhost:5000")

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
    overrides: dict[str, object] = {"target": args.to, "offline": args.offline or settings.offline_only}
    if args.engine:
        overrides["engines"] = (args.engine,)
    elif args.endpoint:
        overrides["engines"] = ("libretranslate", *settings.engines)
    if args.endpoint:
        overrides["libretranslate_url"] = args.endpoint
    if timeout is not None:
        overrides["timeout"] = timeout
    options = TranslateOptions.from_settings(settings, **overrides)

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
    print(f"rednote-guide translate: no translation; {result.error}", file=sys.stderr)
    return EXIT_GLOSS_ONLY


def _print_human(result: TranslationResult) -> None:
    """Translation first (scripts can take line one), then pinyin, origin and the words."""
    if result.translated:
        print(result.translation)
    if result.pinyin:
        print(f"  pinyin: {result.pinyin}")
    print(f"  from:   {result.origin_label()}")
    words = result.target_gloss if result.target_lang == "zh" and result.target_gloss else result.gloss
    if words:
        print("  words:")
        width = max(_width(w.text) for w in words)
        for word in words:
            pad = " " * (width - _width(word.text))
            meanings = "; ".join(word.meanings) if word.meanings else "(not in the dictionary)"
            print(f"    {word.text}{pad}  {word.pinyin:<14} {meanings}")


def _width(text: str) -> int:
    """Display columns: Han characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
