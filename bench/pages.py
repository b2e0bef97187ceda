"""Digitize throughput: 200-dpi A4 colour pages through clean-up (crop, deskew, blank
detection), the crash-safe batch and PDF/A assembly, without OCR, on one core.

Prints pages per second (target > 1 page/s) and the peak resident memory of a run of
20 and of 60 pages, each in its own process: the peak should not grow with the batch.

    .venv/bin/python bench/pages.py [--sizes 20 60]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    import cv2

    cv2.setNumThreads(1)


def make_pages(variants: int = 6) -> list[bytes]:
    """Scanner-like JPEGs: typed text, skewed by a few degrees; every sixth page blank."""
    import numpy as np
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(42)
    out = []
    for i in range(variants):
        img = Image.new("RGB", (1654, 2339), (248, 247, 244))
        if i % 6 != 5:
            draw = ImageDraw.Draw(img)
            for y in range(230, 2100, 58):
                x = 170
                while x < 1480:
                    w = int(rng.integers(20, 120))
                    draw.rectangle([x, y, min(x + w, 1484), y + 20], fill=(30, 30, 45))
                    x += w + 18
            img = img.rotate(float(rng.uniform(-4, 4)), resample=Image.BILINEAR, fillcolor=(248, 247, 244))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=85, dpi=(200, 200))
        out.append(buf.getvalue())
    return out


def run(count: int) -> dict:
    one_core()
    from PIL import Image

    from counterapp.digitize.batch import ScanBatch
    from counterapp.digitize.common import Page
    from counterapp.digitize.pdfbuild import PdfMeta, build_pdf

    jpegs = make_pages()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        start = time.perf_counter()
        batch = ScanBatch.create(tmp, officer="bench")
        for i in range(count):
            data = jpegs[i % len(jpegs)]
            image = Image.open(io.BytesIO(data))
            image.load()
            batch.add_page(Page(image, dpi=200, encoded=data), detect_separators=True)
        cleaned = time.perf_counter()
        built = build_pdf(batch.page_images(), Path(tmp) / "out.pdf", PdfMeta("BENCH", "GT01", "bench"))
        end = time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "pages": count, "kept": built.page_count, "seconds": round(end - start, 2),
        "cleanup_s": round(cleaned - start, 2), "pdf_s": round(end - cleaned, 2),
        "pages_per_s": round(count / (end - start), 2), "peak_rss_mb": round(peak_kb / 1024, 1),
        "pdf_mb": round(built.size / 1e6, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 60])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child)))
        return 0
    results = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(size)], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'pages':>6} {'kept':>5} {'total s':>8} {'clean s':>8} {'pdf s':>6} {'pages/s':>8} {'peak RSS MB':>12} {'PDF MB':>7}")
    for r in results:
        print(f"{r['pages']:>6} {r['kept']:>5} {r['seconds']:>8} {r['cleanup_s']:>8} {r['pdf_s']:>6} "
              f"{r['pages_per_s']:>8} {r['peak_rss_mb']:>12} {r['pdf_mb']:>7}")
    rate = min(r["pages_per_s"] for r in results)
    print(f"slowest rate: {rate} pages/s on one core (target > 1): {'OK' if rate > 1 else 'BELOW TARGET'}")
    if len(results) > 1:
        growth = results[-1]["peak_rss_mb"] / results[0]["peak_rss_mb"]
        print(f"peak RSS {results[-1]['pages']} vs {results[0]['pages']} pages: x{growth:.2f} "
              f"({'flat' if growth < 1.15 else 'GROWS with the batch'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
