"""`rednote-guide read IMAGE [--json] [--offline]`: read a screenshot from the command line.

Exit 0 when read, 2 for a bad image or usage error (reason on stderr), 4 when the
optional [ocr] extra is not installed (the message says how to install it), 1 when the OCR
engine itself failed (it crashed, hung or could not start; the message says which).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from guide.commands.exit_codes import EXIT_NO_OCR, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def _fail(message: str, code: int) -> int:
    print(f"rednote-guide read: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from guide.core.screen.image_check import BadImage, check_path
    from guide.core.screen.ocr_client import (
        OcrCancelled,
        OcrFailed,
        OcrUnavailable,
        ocr_available,
        unavailable_message,
    )

    path = Path(args.image)
    try:
        check_path(path)  # a missing file is a usage error whether or not OCR is installed
    except BadImage as exc:
        return _fail(str(exc), EXIT_USAGE)
    if not ocr_available():
        return _fail(unavailable_message(), EXIT_NO_OCR)

    from guide.core.content.loader import load_pack
    from guide.core.screen.ocr_client import OcrClient
    from guide.core.screen.reader import ScreenReader
    from guide.core.storage import paths
    from guide.core.storage.settings import SettingsStore
    from guide.core.translate.cache import TranslationCache
    from guide.core.translate.pipeline import TranslateOptions, Translator

    settings = SettingsStore().load()
    pack_dir = Path(args.pack) if getattr(args, "pack", None) else paths.default_pack()
    pack = load_pack(pack_dir) if (pack_dir / "pack.yaml").is_file() else None
    options = TranslateOptions.from_settings(settings, offline=args.offline or settings.offline_only,
                                             record_history=False)
    translator = Translator(pack, TranslationCache(paths.cache_dir()))
    reader = ScreenReader(pack, translator, OcrClient(idle_seconds=30, log_path=paths.cache_dir() / "ocr-worker.log"))
    try:
        reading = reader.read(path)
        reader.translate(reading, options)
    except BadImage as exc:
        return _fail(str(exc), EXIT_USAGE)
    except OcrUnavailable as exc:
        return _fail(str(exc), EXIT_NO_OCR)
    except (OcrFailed, OcrCancelled) as exc:
        return _fail(str(exc), EXIT_PROBLEMS)
    finally:
        reader.close()
        translator.close()

    if args.json:
        print(json.dumps(reading.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_human(reading)
    return EXIT_OK


def _print_human(reading) -> None:  # noqa: ANN001 - guide.core.screen.reader.Reading
    if not reading.lines:  # as the Screenshot page says it
        print(f"{reading.image.name}: {reading.width}×{reading.height}, read in {reading.seconds:.1f} s: No text found "
              "on this picture. Is it a screenshot with Chinese on it? (A photo without writing, or text too small "
              "or blurred to read, gives no lines.)")
        return
    print(f"{reading.image.name}: {reading.width}×{reading.height}, {len(reading.lines)} lines "
          f"read in {reading.seconds:.1f} s")
    if reading.screen is not None:
        print(reading.screen.sentence())
    for line in reading.lines:
        if line.label is not None:
            entry = line.label.entry
            fuzzy = f"  (read as {line.text})" if line.text != entry.zh else ""
            print(f"  [label] {entry.zh}  {entry.pinyin}  ·  {entry.en}{fuzzy}")
        elif line.english:
            print(f"  {line.text}\n      → {line.english}")
        elif line.translation is not None and line.translation.gloss:
            words = _whole_items([f"{w.text} {w.meanings[0]}" for w in line.translation.gloss if w.meanings], 160)
            print(f"  {line.text}\n      words: {words}")
        else:
            print(f"  {line.text}")


def _whole_items(items: list[str], width: int) -> str:
    """Items joined with "; " up to about `width` characters, each whole (a meaning is never
    cut mid-word); " …" marks that more words followed."""
    shown: list[str] = []
    for item in items:
        if shown and len("; ".join([*shown, item])) > width:
            return "; ".join(shown) + " …"
        shown.append(item)
    return "; ".join(shown)
