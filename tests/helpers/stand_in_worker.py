"""A stand-in for the OCR worker that answers as a broken (or hostile) one would, for the
client's limits: `python stand_in_worker.py MODE --idle N`. Modes: `long-line` (an answer of
16 MiB, never ended by a newline), `many-lines` (100,000 boxes), `long-text` (one line of
100,000 characters)."""

from __future__ import annotations

import json
import sys
import time

BOX = [[0.0, 0.0], [40.0, 0.0], [40.0, 20.0], [0.0, 20.0]]


def main() -> None:
    mode = sys.argv[1]
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        answer = {"id": request["id"], "ok": True, "width": 1080, "height": 1920, "seconds": 0.1, "peak_rss_kb": 1}
        if mode == "long-line":
            out.write('{"id": ' + str(request["id"]) + ', "lines": ["' + "x" * (16 * 2**20))
            out.flush()
            time.sleep(60)
        elif mode == "many-lines":
            answer["lines"] = [{"text": "字", "points": BOX, "score": 0.9}] * 100_000
        else:
            answer["lines"] = [{"text": "字" * 100_000, "points": BOX, "score": 0.9}]
        out.write(json.dumps(answer, ensure_ascii=False, separators=(",", ":")) + "\n")  # 100,000 boxes: 6 MB
        out.flush()


if __name__ == "__main__":
    main()
