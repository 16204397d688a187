"""The real OCR engine's answers for pictures the tests draw, recorded, so that tests about what
the app does with an answer (labels found, steps named) do not run the engine again each time
(~1.5 s a phone screen).

A recording answers only for the very pixels it was read from, and only while the engine is
the one that read it (rapidocr, onnxruntime and their versions, the models, and
guide/core/screen/ocr_worker.py and ocr_client.py as they were): anything else is read by the
real engine, as without recordings, and a warning says so. To record again after such a change:

    GUIDE_RECORD_OCR=1 pytest tests/core/screen/test_app_screens.py tests/core/screen/test_screen_match.py
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path

from PIL import Image

import guide.core.screen
from guide.core.screen.ocr_client import OcrClient, OcrOutput, RawLine, output_from_json, output_to_json

RECORDINGS = Path(__file__).with_name("recorded_ocr.json")
RECORD = os.environ.get("GUIDE_RECORD_OCR") == "1"


def engine_key() -> str:
    """What the engine's answer depends on besides the pixels; read without importing rapidocr
    (a test checks that the app's process never has it)."""
    parts = [f"{name} {importlib.metadata.version(name)}" for name in ("rapidocr", "onnxruntime")]
    spec = importlib.util.find_spec("rapidocr")
    if spec is not None and spec.submodule_search_locations:
        models = Path(next(iter(spec.submodule_search_locations))) / "models"
        parts += [f"{model.name} {model.stat().st_size}" for model in sorted(models.glob("*.onnx"))]
    code = Path(next(iter(guide.core.screen.__path__)))
    parts += [hashlib.sha256((code / name).read_bytes()).hexdigest() for name in ("ocr_worker.py", "ocr_client.py")]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def picture_key(path: Path) -> str:
    with Image.open(path) as image:
        return hashlib.sha256(f"{image.mode} {image.size}\n".encode() + image.tobytes()).hexdigest()[:24]


class RecordedOcr(OcrClient):
    """Answers a picture from the recordings when they hold it for this engine; else asks
    `live` (and with GUIDE_RECORD_OCR=1 keeps its answer in the recordings)."""

    def __init__(self, live: OcrClient) -> None:
        self.live = live
        self.engine = engine_key()
        data = json.loads(RECORDINGS.read_text(encoding="utf-8")) if RECORDINGS.exists() else {}
        same_engine = data.get("engine") == self.engine
        self.pictures: dict[str, dict] = data.get("pictures", {}) if same_engine else {}
        self.read_live: list[str] = []  # the pictures the engine had to read

    def read(self, path: Path | str, debug_sleep: float = 0.0,
             on_lines: Callable[[list[RawLine]], None] | None = None) -> OcrOutput:
        key = picture_key(Path(path))
        kept = None if RECORD else self.pictures.get(key)
        if kept is not None:
            output = output_from_json(kept)
            if on_lines is not None and output.lines:
                on_lines(output.lines)
            return output
        output = self.live.read(path, debug_sleep, on_lines)
        self.read_live.append(Path(path).name)
        if RECORD:
            answer = output_to_json(output)
            del answer["seconds"]
            self.pictures[key] = {"picture": Path(path).name, **answer}
            _write(self.engine, self.pictures)
        return output

    def warm(self) -> bool:
        return self.live.warm()

    def cancel(self) -> None:
        self.live.cancel()

    def close(self) -> None:
        """The live client is closed by whoever made it."""


def _write(engine: str, pictures: dict[str, dict]) -> None:
    """One line per line read, so a new recording's diff shows what the engine reads differently."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    out = [f'{{"engine": {dump(engine)}, "pictures": {{']
    for number, (key, answer) in enumerate(sorted(pictures.items(), key=lambda item: item[1]["picture"])):
        head = {name: value for name, value in answer.items() if name != "lines"}
        out.append(f'{"," if number else ""}{dump(key)}: {dump(head)[:-1]}, "lines": [')
        out += [f"  {dump(line)}{',' if n < len(answer['lines']) - 1 else ''}" for n, line in enumerate(answer["lines"])]
        out.append("]}")
    out.append("}}")
    RECORDINGS.write_text("\n".join(out) + "\n", encoding="utf-8")
