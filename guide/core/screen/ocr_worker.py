"""The OCR worker process: `python -m guide.core.screen.ocr_worker`. Never imported by the app.

It holds rapidocr + onnxruntime (~350 MB while working), so it lives in its own process:
the app stays small, and a native crash here becomes a message there. Protocol: one JSON
object per line. The worker first prints `{"ready": true}` (or `{"ready": false,
"message": ...}`), then answers each request line

    {"id": 1, "op": "read", "path": "/x.png"}  ->  {"id": 1, "ok": true, "width": ..,
        "height": .., "lines": [{"text", "points": [[x, y] x4], "score"}], "seconds": ..,
        "peak_rss_kb": ..}
    or {"id": 1, "ok": false, "kind": "bad_image" | "error", "message": "..."}

A read with `"stream": true` is first answered by zero or more `{"id": 1, "partial": true,
"lines": [...]}` with the lines recognised so far (top of the picture first), so the app can
show them before the whole answer; the final answer holds every line again.

and exits when stdin closes or after `--idle` seconds without a request.
Anything libraries print goes to stderr, so stdout carries only the protocol.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import queue
import sys
import threading
import time
from pathlib import Path
from typing import Any, NamedTuple

# Before onnxruntime can be imported: from 1.29 it otherwise contacts a telemetry host from
# native code and writes under ~/.cache/Microsoft. The client sets it too.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
os.environ.setdefault("OMP_NUM_THREADS", "1")

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
DET_LIMIT_SIDE = 960
PARTIAL_FIRST, PARTIAL_EVERY = 0.1, 0.25  # seconds of recognition before the first / each next batch


def model_paths() -> tuple[Path, Path]:
    """The detection and recognition models shipped inside the rapidocr wheel.

    Found without importing rapidocr (its import pulls in cv2 and numpy); passed explicitly
    so that rapidocr's download code path can never run."""
    import importlib.util

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("rapidocr is not installed")
    models = Path(next(iter(spec.submodule_search_locations))) / "models"
    det, rec = models / DET_MODEL, models / REC_MODEL
    for path in (det, rec):
        if not path.is_file():
            raise FileNotFoundError(f"the OCR model {path.name} is missing from {models}")
    return det, rec


def build_engine() -> Any:
    """rapidocr with the bundled models, no orientation model, detector capped, one thread,
    one line recognised at a time."""
    det, rec = model_paths()
    from rapidocr import RapidOCR

    engine = RapidOCR(params={
        "Global.use_cls": False,
        "Global.log_level": "warning",
        "Det.model_path": str(det),
        "Rec.model_path": str(rec),
        "Det.limit_side_len": DET_LIMIT_SIDE,
        "Det.limit_type": "max",
        # One line at a time: batches pad every crop to the widest in the batch. Measured on
        # a 1080×1920 note page: 0.43 s and 340 MB peak, against 0.59 s and 520 MB with 6.
        "Rec.rec_batch_num": 1,
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })
    engine._load_det_model()  # load both now: the first read should not pay for it
    engine._load_rec_model()
    return engine


# A picture of up to this many pixels (a little over a 1440×3200 phone screenshot) is read as it
# is. A larger one is decoded smaller (JPEG) or made smaller band by band as it is converted,
# down to OCR_LONG_SIDE: rapidocr scales every picture's long side to that before it detects or
# recognises anything (and crops the lines from that copy), so nothing it could read is lost.
MAX_OCR_PIXELS = 5_000_000
OCR_LONG_SIDE = 2000  # rapidocr's Global.max_side_len
BAND_ROWS = 128  # rows of the result converted at a time


class Pixels(NamedTuple):
    """What OCR reads (`bgr`, perhaps smaller) and the picture's own size, which boxes are given in."""

    bgr: Any
    width: int
    height: int

    def in_picture(self, points: Any) -> list[list[float]]:
        """Box corners found on `bgr`, in the picture's own pixels."""
        scale_x, scale_y = self.width / self.bgr.shape[1], self.height / self.bgr.shape[0]
        return [[float(x) * scale_x, float(y) * scale_y] for x, y in points]


def ocr_size(width: int, height: int) -> tuple[int, int]:
    """The size OCR reads a picture at: its own within MAX_OCR_PIXELS, else OCR_LONG_SIDE long."""
    if width * height <= MAX_OCR_PIXELS:
        return width, height
    ratio = OCR_LONG_SIDE / max(width, height)
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def load_pixels(path: Path) -> Pixels:
    """Decode to an 8-bit BGR array (rapidocr's layout); transparent parts become white.

    Memory: a 6000×6600 WebP took the worker to 1 GB when the whole picture was converted
    (RGBA, a white composite, RGB, a BGR copy) before rapidocr scaled it down. Now the decoded
    picture is held once: a large JPEG is decoded at 1/2, 1/4 or 1/8 size (Pillow's draft),
    WebP by OpenCV (once, where Pillow holds it three times), and the conversions and the
    scaling work a band of rows at a time into the one array OCR reads."""
    from PIL import Image

    from guide.core.screen.image_check import check_image

    info = check_image(path)
    target = ocr_size(info.width, info.height)
    if info.format == "WEBP":
        return Pixels(_webp_bgr(path, target), info.width, info.height)
    with Image.open(path) as image:
        width, height = image.size
        if target != (width, height) and image.format == "JPEG":
            image.draft("RGB", target)  # the decoder skips detail: never smaller than target
        image.load()  # a truncated file fails here
        return Pixels(_bgr_in_bands(image, target), width, height)


def _bgr_in_bands(image: Any, target: tuple[int, int]) -> Any:
    """`image` as BGR at `target` size, converted and scaled a band of rows at a time (an area
    average, the same as scaling it whole): converting it whole, or Pillow's own resize of an
    RGBA picture (which first makes a premultiplied copy), held it two or three times over."""
    import numpy as np
    from PIL import Image

    transparent = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    out = np.empty((target[1], target[0], 3), np.uint8)
    step = image.height / target[1]
    for top in range(0, target[1], BAND_ROWS):
        bottom = min(top + BAND_ROWS, target[1])
        first, last = math.floor(top * step), min(image.height, math.ceil(bottom * step))
        band = image.crop((0, first, image.width, last))
        if transparent:
            rgba = band.convert("RGBA")
            band = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
        band = band.convert("RGB")
        if band.size != (target[0], bottom - top):
            box = (0, top * step - first, image.width, bottom * step - first)
            band = band.resize((target[0], bottom - top), Image.Resampling.BOX, box=box)
        out[top:bottom] = np.asarray(band)[:, :, ::-1]
    return out


def _webp_bgr(path: Path, target: tuple[int, int]) -> Any:
    """WebP through OpenCV: Pillow holds the decoded picture three times over (650 MB for
    6000×6600), OpenCV once, straight in BGR(A). Only the RIFF chunk is read (bytes a file
    carries after it are not the picture), and from memory, so any file name works."""
    import cv2
    import numpy as np

    with path.open("rb") as handle:
        head = handle.read(12)
        data = head + handle.read(max(0, int.from_bytes(head[4:8], "little") - 4))
    picture = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    del data
    if picture is None or picture.ndim != 3 or picture.shape[2] not in (3, 4):
        raise ValueError("the WebP decoder could not read it")
    if (picture.shape[1], picture.shape[0]) != target:
        picture = cv2.resize(picture, target, interpolation=cv2.INTER_AREA)
    if picture.shape[2] == 4:  # transparent parts on white, as for every other format
        alpha = picture[:, :, 3:4].astype(np.uint16)
        picture = ((picture[:, :, :3] * alpha + 255 * (255 - alpha) + 127) // 255).astype(np.uint8)
    return np.ascontiguousarray(picture)


def give_back_memory() -> None:
    """Return the decoded picture's freed memory to the system (glibc keeps freed blocks under
    32 MB for itself, so the worker's size stayed at its largest picture's)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl): nothing to do
        pass


def decode(path: Path) -> Pixels:
    """`load_pixels`, with every way a damaged file can fail turned into BadImage."""
    from guide.core.screen.image_check import BadImage

    try:
        return load_pixels(path)
    except BadImage:
        raise
    except MemoryError:
        raise BadImage(f"{path}: the picture is too large to read") from None
    except Exception as exc:  # noqa: BLE001 - decoders raise many types for damaged data
        text = str(exc)
        reason = "the file is cut short" if "truncated" in text.lower() else (text.split("\n")[0][:160]
                                                                               or type(exc).__name__)
        raise BadImage(f"{path}: not a picture this app can read ({reason})") from None


def peak_rss_kb() -> int:
    """The worker's own peak resident memory. On Linux VmHWM: ru_maxrss also counts the peak of
    the process that started the worker (it is carried over the exec), so a large app made a
    small worker look large."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):  # not Linux
        pass
    try:
        import resource

        peak = int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux
        return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS
    except (ImportError, OSError):  # pragma: no cover - Windows
        return 0


def recognise(engine: Any, pixels: Pixels, on_lines: Any = None) -> Any:
    """`engine(pixels.bgr)`; with `on_lines`, the lines recognised so far are also passed to it
    every PARTIAL_EVERY seconds, top of the picture first. rapidocr 3 finds every box
    (`detect_and_crop`), then recognises all the crops in one call (`recognize_txt`): that call
    is made here a crop at a time, on this engine only and for this read only."""
    steps = ("detect_and_crop", "recognize_txt")
    if on_lines is None or not all(callable(getattr(engine, name, None)) for name in steps):
        return engine(pixels.bgr)
    from rapidocr.ch_ppocr_rec import TextRecOutput
    from rapidocr.utils.process_img import map_boxes_to_original

    detect, recognise_crops = engine.detect_and_crop, engine.recognize_txt
    found: dict[str, Any] = {}
    height, width = pixels.bgr.shape[:2]
    min_score = float(getattr(engine, "text_score", 0.5))

    def detect_and_note(image: Any, op_record: dict[str, Any]) -> Any:
        crops, detected = detect(image, op_record)
        found["boxes"], found["record"] = detected.boxes, op_record
        return crops, detected

    def recognise_in_steps(crops: list[Any]) -> Any:
        parts, sent, last = [], 0, time.perf_counter()
        for index in range(len(crops)):
            parts.append(recognise_crops(crops[index:index + 1]))
            waited = time.perf_counter() - last
            if index + 1 < len(crops) and waited >= (PARTIAL_FIRST if sent == 0 else PARTIAL_EVERY):
                boxes = map_boxes_to_original(found["boxes"][sent:index + 1].copy(), found["record"], height, width)
                lines = [_line(pixels, points, part.txts[0], part.scores[0]) for points, part in zip(boxes, parts[sent:])
                         if str(part.txts[0]).strip() and float(part.scores[0]) >= min_score]
                if lines:
                    on_lines(lines)
                sent, last = index + 1, time.perf_counter()
        return TextRecOutput(imgs=[img for part in parts for img in part.imgs],
                             txts=tuple(part.txts[0] for part in parts),
                             scores=tuple(part.scores[0] for part in parts),
                             word_results=tuple(part.word_results[0] for part in parts),
                             elapse=sum(part.elapse or 0.0 for part in parts), viser=parts[-1].viser)

    engine.detect_and_crop, engine.recognize_txt = detect_and_note, recognise_in_steps
    try:
        return engine(pixels.bgr)
    finally:
        del engine.detect_and_crop, engine.recognize_txt  # the class's own again


def _line(pixels: Pixels, points: Any, text: Any, score: Any) -> dict[str, Any]:
    """One line of the answer; its box in the picture's own pixels, also when OCR read a smaller copy."""
    return {"text": str(text), "points": pixels.in_picture(points), "score": float(score)}


def handle(engine: Any, request: dict[str, Any], send: Any = None) -> dict[str, Any]:
    from guide.core.screen.image_check import BadImage

    answer: dict[str, Any] = {"id": request.get("id")}
    if request.get("op") == "ping":
        return {**answer, "ok": True, "peak_rss_kb": peak_rss_kb(), "pid": os.getpid()}
    if request.get("op") != "read":
        return {**answer, "ok": False, "kind": "error", "message": f"unknown request {request.get('op')!r}"}
    if os.environ.get("GUIDE_OCR_DEBUG") == "1" and request.get("debug_sleep"):
        time.sleep(float(request["debug_sleep"]))  # tests: a read that is surely still running
    started = time.perf_counter()
    path = Path(str(request.get("path", "")))
    try:
        pixels = decode(path)
    except BadImage as exc:
        return {**answer, "ok": False, "kind": "bad_image", "message": str(exc)}
    finally:
        give_back_memory()
    on_lines = None
    if request.get("stream") and send is not None:
        def on_lines(lines: list[dict[str, Any]]) -> None:
            send({**answer, "partial": True, "lines": lines})
    result = recognise(engine, pixels, on_lines)
    lines = []
    boxes = getattr(result, "boxes", None)
    if boxes is not None:
        for points, text, score in zip(boxes, result.txts, result.scores):
            lines.append(_line(pixels, points, text, score))
    width, height = pixels.width, pixels.height
    return {**answer, "ok": True, "width": int(width), "height": int(height), "lines": lines,
            "seconds": round(time.perf_counter() - started, 3), "peak_rss_kb": peak_rss_kb()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ocr_worker")
    parser.add_argument("--idle", type=float, default=180.0, help="exit after this many seconds without a request")
    args = parser.parse_args(argv)
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # libraries that print must not corrupt the protocol

    def send(message: dict[str, Any]) -> None:
        protocol.write(json.dumps(message, ensure_ascii=False) + "\n")
        protocol.flush()

    try:
        engine = build_engine()
    except Exception as exc:  # noqa: BLE001 - reported to the client, which explains it
        send({"ready": False, "message": f"{type(exc).__name__}: {exc}"})
        return 1
    send({"ready": True, "pid": os.getpid()})

    requests: queue.Queue[str | None] = queue.Queue()

    def read_stdin() -> None:
        for line in sys.stdin:
            requests.put(line)
        requests.put(None)

    threading.Thread(target=read_stdin, daemon=True).start()
    while True:
        try:
            line = requests.get(timeout=args.idle)
        except queue.Empty:
            return 0  # idle long enough: give the memory back
        if line is None:
            return 0
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except json.JSONDecodeError:
            send({"id": None, "ok": False, "kind": "error", "message": "malformed request"})
            continue
        try:
            send(handle(engine, request, send))
        except Exception as exc:  # noqa: BLE001 - one bad read must not end the worker
            send({"id": request.get("id"), "ok": False, "kind": "error", "message": f"{type(exc).__name__}: {exc}"})


if __name__ == "__main__":
    sys.exit(main())
