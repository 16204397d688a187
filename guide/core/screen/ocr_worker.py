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
import os
import queue
import sys
import threading
import time
from pathlib import Path
from typing import Any

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


def load_pixels(path: Path) -> Any:
    """Decode to an 8-bit BGR array (rapidocr's layout); transparent parts become white."""
    import numpy as np
    from PIL import Image

    from guide.core.screen.image_check import check_image

    check_image(path)
    with Image.open(path) as image:
        image.load()  # a truncated file fails here
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            rgb = Image.alpha_composite(background, rgba).convert("RGB")
        else:
            rgb = image.convert("RGB")
    array = np.asarray(rgb)
    return np.ascontiguousarray(array[:, :, ::-1])


def decode(path: Path) -> Any:
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
    try:
        import resource

        peak = int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux
        return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS
    except (ImportError, OSError):  # pragma: no cover - Windows
        return 0


def recognise(engine: Any, pixels: Any, on_lines: Any = None) -> Any:
    """`engine(pixels)`; with `on_lines`, the lines recognised so far are also passed to it
    every PARTIAL_EVERY seconds, top of the picture first. rapidocr 3 finds every box
    (`detect_and_crop`), then recognises all the crops in one call (`recognize_txt`): that call
    is made here a crop at a time, on this engine only and for this read only."""
    steps = ("detect_and_crop", "recognize_txt")
    if on_lines is None or not all(callable(getattr(engine, name, None)) for name in steps):
        return engine(pixels)
    from rapidocr.ch_ppocr_rec import TextRecOutput
    from rapidocr.utils.process_img import map_boxes_to_original

    detect, recognise_crops = engine.detect_and_crop, engine.recognize_txt
    found: dict[str, Any] = {}
    height, width = pixels.shape[:2]
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
                lines = [_line(points, part.txts[0], part.scores[0]) for points, part in zip(boxes, parts[sent:])
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
        return engine(pixels)
    finally:
        del engine.detect_and_crop, engine.recognize_txt  # the class's own again


def _line(points: Any, text: Any, score: Any) -> dict[str, Any]:
    return {"text": str(text), "points": [[float(x), float(y)] for x, y in points], "score": float(score)}


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
    on_lines = None
    if request.get("stream") and send is not None:
        def on_lines(lines: list[dict[str, Any]]) -> None:
            send({**answer, "partial": True, "lines": lines})
    result = recognise(engine, pixels, on_lines)
    lines = []
    boxes = getattr(result, "boxes", None)
    if boxes is not None:
        for points, text, score in zip(boxes, result.txts, result.scores):
            lines.append(_line(points, text, score))
    height, width = pixels.shape[:2]
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
