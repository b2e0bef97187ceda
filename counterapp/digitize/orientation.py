"""Upright pages: Tesseract's orientation detection (OSD, `--psm 0 -l osd`) for pages fed in
sideways or upside down. An upside-down page was archived upside down with a garbage text layer.

Measured on a generated A4 form of Vietnamese text at 200 dpi (tests/digitize/test_orientation.py
makes the same page), Tesseract 5.3:
- at the page's own 200 dpi, the right answer at every quarter turn, confidence 9.8-14.8;
- shrunk to 1,400 px, still right, 6.0-8.3; shrunk to 1,000 px (the clean-up's work copy), wrong
  at every turn, with confidence up to 3.05. So OSD reads the page at up to 2,400 px;
- a page of three lines: right, but at 0.9-1.1; one line, a big title or a blank page: Tesseract
  declines ("too few characters"); a photo-like page: "0" at 0.3-0.65.

A page is turned only at confidence >= `DEFAULT_MIN_CONFIDENCE` (5.0: under every right answer on
a page of text, over every wrong one); the rest keep their turn and the officer rotates them (the
thumbnail shows the page as it will be filed; [ and ] turn it). OSD takes 0.4-1 s a page on one
core (2-2.7 s while the machine ran other work), in the scan worker, never the window's thread.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from counterapp.digitize import imageops
from counterapp.digitize.ocr import find_tesseract

DEFAULT_MIN_CONFIDENCE = 5.0
MAX_SIDE = 2400
"""OSD reads the page at most this large on its longer side (200 dpi on A4)."""


@dataclass(frozen=True)
class Orientation:
    quarter_turns: int
    """Clockwise quarter turns that make the page upright (0..3), as `BatchPage.rotation`."""
    confidence: float


@lru_cache(maxsize=8)
def osd_available(exe: str) -> bool:
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "osd" in out.split()


def detect_orientation(gray: np.ndarray, dpi: int = 200, tesseract: str | None = None,
                       timeout: float = 60) -> Orientation | None:
    """The page's orientation, or None when Tesseract (with its `osd` data) is missing or finds
    too little text to tell. `gray` is the cleaned page in grey (uint8, H x W)."""
    exe = find_tesseract(tesseract or None)
    if exe is None or not osd_available(exe):
        return None
    h, w = gray.shape[:2]
    scale = min(1.0, MAX_SIDE / max(h, w))
    if scale < 1.0:
        w, h = max(1, round(w * scale)), max(1, round(h * scale))
        gray = imageops.shrink(gray, w, h)
    # PGM straight through stdin: no file, no PNG encoding (Leptonica reads PNM from memory)
    data = b"P5\n%d %d\n255\n" % (w, h) + np.ascontiguousarray(gray, np.uint8).tobytes()
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    command = [exe, "stdin", "stdout", "--psm", "0", "--dpi", str(max(70, round(dpi * scale))), "-l", "osd"]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=timeout, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_osd(done.stdout.decode("utf-8", "replace"))


def parse_osd(text: str) -> Orientation | None:
    rotate = re.search(r"^Rotate:\s*(\d+)", text, re.MULTILINE)
    confidence = re.search(r"^Orientation confidence:\s*([\d.]+)", text, re.MULTILINE)
    if not rotate or not confidence:
        return None
    return Orientation(int(rotate.group(1)) // 90 % 4, float(confidence.group(1)))
