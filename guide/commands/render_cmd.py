"""`--screenshot FILE --view VIEW`: render one view offscreen to a PNG and exit."""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

from guide.commands.exit_codes import EXIT_OK, EXIT_USAGE
from guide.core.storage.user_files import write_replacing

KNOWN = ("start", "walkthroughs", "glossary", "phrasebook", "translator", "screenshot")


def _settle(app, seconds: float, busy=lambda: False) -> None:  # noqa: ANN001
    """Process events for a moment (longer while a page says it is busy)."""
    end = time.monotonic() + seconds
    hard_end = time.monotonic() + 15
    while time.monotonic() < end or (busy() and time.monotonic() < hard_end):
        app.processEvents()
        time.sleep(0.01)


def _target_problem(target: Path) -> str | None:
    """Why `target` must not be written (never a device node, FIFO or folder; no new folders)."""
    if not target.parent.is_dir():
        return f"the folder {target.parent} does not exist"
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return exc.strerror or str(exc)
    return None if stat.S_ISREG(mode) else "it exists and is not a regular file"


def _save_png(image, target: Path) -> bool:  # noqa: ANN001 - a QPixmap
    """Encode in memory, then write a temporary file beside the target and rename it over."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        return False
    if _target_problem(target):  # checked again: it may have changed while rendering
        return False
    try:
        write_replacing(target, bytes(data))
    except OSError:
        return False
    return True


def run_screenshot(args: argparse.Namespace) -> int:
    if os.environ.get("QT_QPA_PLATFORM") is None and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    picture = ""
    if args.view.startswith("screenshot:"):  # screenshot:FILE reads FILE on the Screenshot page
        picture = args.view.partition(":")[2]
        if not os.path.isfile(picture):
            print(f"rednote-guide: no such picture {picture!r} for --view screenshot:FILE", file=sys.stderr)
            return EXIT_USAGE
        args.view = "screenshot"
    view = args.view.strip("/")
    head, _, rest = view.partition("/")
    if head not in KNOWN and head != "walkthrough":
        print(f"rednote-guide: unknown view {view!r}; choose one of: start, walkthroughs, walkthrough/ID[/STEP], glossary, phrasebook, translator, screenshot[:FILE]", file=sys.stderr)
        return EXIT_USAGE
    try:
        width, height = (int(n) for n in str(getattr(args, "size", None) or "1280x800").lower().split("x"))
    except ValueError:
        print(f"rednote-guide: --size wants WIDTHxHEIGHT, e.g. 800x600, not {args.size!r}", file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "pack", None) and not (Path(args.pack) / "pack.yaml").is_file():
        print(f"rednote-guide: no content pack at {args.pack} (a pack folder has a pack.yaml)", file=sys.stderr)
        return EXIT_USAGE
    target = Path(args.screenshot)
    problem = _target_problem(target)
    if problem:
        print(f"rednote-guide: will not write {target}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    # A throwaway profile: a screenshot never writes to the user's settings, history or cache.
    profile = tempfile.TemporaryDirectory(prefix="rednote-guide-shot-")
    for name in ("CONFIG", "DATA", "CACHE"):
        os.environ[f"XDG_{name}_HOME"] = os.path.join(profile.name, name.lower())
    from guide.ui.shell.app import build_window, make_application

    app = make_application()
    window = build_window(args, app)
    window.context.settings.offline_only = True  # screenshots never reach the network
    window.resize(width, height)
    window.show()
    if head == "walkthrough":
        walkthrough_id, _, step_id = rest.partition("/")
        walkthrough = window.context.pack.walkthrough(walkthrough_id)
        if walkthrough is None:
            known = ", ".join(w.id for w in window.context.pack.walkthroughs)
            print(f"rednote-guide: no walkthrough {walkthrough_id!r} in this pack; known: {known}", file=sys.stderr)
            return EXIT_USAGE
        if step_id and walkthrough.step_index(step_id) is None:
            steps = ", ".join(s.id for s in walkthrough.steps)
            print(f"rednote-guide: walkthrough {walkthrough_id!r} has no step {step_id!r}; steps: {steps}", file=sys.stderr)
            return EXIT_USAGE
        window.open_walkthrough(walkthrough_id, step_id or walkthrough.steps[0].id)
        page = window.pages["walkthroughs"]
    else:
        page = window.show_page(head)
        if head == "translator" and hasattr(page, "set_text"):
            page.set_text("这个博主的穿搭绝绝子，已经种草了！")
        if head == "screenshot" and picture and hasattr(page, "open_file"):
            page.open_file(Path(picture))
    busy = getattr(page, "is_busy", lambda: False)
    _settle(app, 0.6, busy)
    chips = getattr(getattr(page, "words", None), "chips", []) if head == "translator" else []
    if chips:  # show what clicking a word gives: its full entry under the cards
        max(chips, key=lambda chip: len(chip.word.text)).click()
        _settle(app, 0.3)
    if head == "screenshot" and picture and getattr(page, "reading", None) is not None:
        labels = [i for i, line in enumerate(page.reading.lines) if line.label is not None]
        if labels:  # show a label's card beside the picture
            page.select_line(labels[0])
            _settle(app, 0.3)
    image = window.grab()
    if image.isNull() or not _save_png(image, target):
        print(f"rednote-guide: could not write {args.screenshot}", file=sys.stderr)
        return 1
    window.close()
    return EXIT_OK
