"""Never lose a page: a page with only a handwritten note, a signature or a stamp is kept,
and real blank scans (noise, dust, grey paper, an edge shadow) are still dropped. The margin
between the two is measured here on generated 200-dpi A4 scans (cleanup.BlankThresholds)."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from PIL import Image, ImageDraw

from counterapp.digitize import cleanup

A4_200 = (1654, 2339)  # 200 dpi
MM = 200 / 25.4  # pixels per millimetre
BLUE, RED = (35, 45, 150), (190, 30, 40)


def _scan(img: Image.Image, rng: np.random.Generator, noise: float = 4.0) -> np.ndarray:
    """Scanner noise and JPEG at quality 80, as a counter scanner delivers."""
    arr = np.asarray(img, np.float32) + rng.normal(0, noise, (img.height, img.width, 1))
    out = io.BytesIO()
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=80)
    return np.asarray(Image.open(out).convert("RGB"))


def _paper(shade: int = 247) -> Image.Image:
    return Image.new("RGB", A4_200, (shade, shade, shade - 3))


def _pen(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], colour=BLUE, mm: float = 0.45) -> None:
    draw.line(points, fill=colour, width=max(2, round(mm * MM)), joint="curve")


def _scribble(x: float, y: float, length_mm: float, rng: np.random.Generator, height_mm: float = 3.0):
    """Handwriting-like strokes: a wavy line of loops, broken into words."""
    points, words = [], []
    t = 0.0
    while t < length_mm:
        points.append((x + t * MM, y + math.sin(t * 2.2) * height_mm / 2 * MM + rng.normal(0, 0.3)))
        t += 0.25
        if rng.random() < 0.04 and len(points) > 8:  # a space between words
            words.append(points)
            points = []
            t += 2.5
    return [*words, points] if len(points) > 1 else words


def blanks(rng: np.random.Generator) -> dict[str, np.ndarray]:
    dusty = np.asarray(_paper()).copy()
    dusty[rng.integers(0, A4_200[1], 1500), rng.integers(0, A4_200[0], 1500)] = 20  # single dark pixels
    for _ in range(25):  # dust specks up to 0.6 mm
        y, x, size = rng.integers(200, 2100), rng.integers(150, 1500), rng.integers(2, 6)
        dusty[y : y + size, x : x + size] = 40
    shadow = np.asarray(_paper()).copy()
    shadow[:, :60] = 110  # the lid's shadow along the edge
    return {
        "white": _scan(_paper(), rng),
        "dust": _scan(Image.fromarray(dusty), rng),
        "grey paper": _scan(_paper(205), rng, noise=6.0),
        "edge shadow": _scan(Image.fromarray(shadow), rng),
    }


def sparse_pages(rng: np.random.Generator) -> dict[str, np.ndarray]:
    pages = {}
    note = _paper()
    draw = ImageDraw.Draw(note)
    for stroke in _scribble(300, 900, 70, rng):
        _pen(draw, stroke)
    pages["one-line note"] = note
    word = _paper()
    for stroke in _scribble(700, 1500, 10, rng):
        _pen(ImageDraw.Draw(word), stroke)
    pages["one word"] = word
    signature = _paper()
    loops = [(1000 + (t * 0.9 + 12 * math.cos(t / 3)) * MM / 3, 1800 + 14 * math.sin(t / 2.5) * MM / 3)
             for t in np.linspace(0, 100, 400)]
    _pen(ImageDraw.Draw(signature), loops, mm=0.5)
    pages["signature"] = signature
    stamp = _paper()
    r = 14 * MM
    ImageDraw.Draw(stamp).ellipse((800 - r, 1200 - r, 800 + r, 1200 + r), outline=RED, width=round(0.6 * MM))
    pages["stamp"] = stamp
    return {name: _scan(page, rng) for name, page in pages.items()}


def _measure(img: np.ndarray) -> tuple[float, int]:
    gray = cleanup._work_scale(cleanup.to_gray(img), cleanup.WORK_MAX)[0]
    return cleanup.ink_ratio(img), cleanup.longest_mark(gray)


def test_sparse_pages_are_kept_blank_scans_dropped_with_a_measured_margin() -> None:
    rng = np.random.default_rng(7)
    thresholds = cleanup.BlankThresholds()
    blank_marks = {name: _measure(img) for name, img in blanks(rng).items()}
    sparse_marks = {name: _measure(img) for name, img in sparse_pages(rng).items()}
    print("\nblank scans (ink share, longest mark px):", blank_marks)
    print("sparse pages (ink share, longest mark px):", sparse_marks)
    # Under the ink-share threshold alone these pages were dropped: the marks are what keeps them.
    assert sum(ratio < thresholds.ink_ratio for ratio, _ in sparse_marks.values()) >= 3
    longest_on_blanks = max(mark for _, mark in blank_marks.values())
    shortest_mark = min(mark for _, mark in sparse_marks.values())
    assert longest_on_blanks < thresholds.mark_extent <= shortest_mark
    assert shortest_mark >= 2 * thresholds.mark_extent  # a margin, not a coin toss
    for name, img in blanks(np.random.default_rng(7)).items():
        assert cleanup.clean_page(img).blank, name
    for name, img in sparse_pages(np.random.default_rng(7)).items():
        result = cleanup.clean_page(img)
        assert not result.blank, (name, result.ink_ratio, result.longest_mark)


@pytest.mark.parametrize("angle", [0.0, 2.0])
def test_a_page_with_only_a_signature_goes_into_the_pdf(angle: float, tmp_path) -> None:
    """Through the whole pipeline, as `counterapp digitize` runs it: the signature page stays."""
    from counterapp.digitize.pipeline import digitize_files

    rng = np.random.default_rng(3)
    signature = Image.fromarray(sparse_pages(rng)["signature"]).rotate(angle, fillcolor=(247, 247, 244))
    blank = Image.fromarray(blanks(rng)["white"])
    paths = []
    for name, img in (("sig", signature), ("blank", blank)):
        path = tmp_path / f"{name}.jpg"
        img.save(path, "JPEG", quality=85, dpi=(200, 200))
        paths.append(path)
    result = digitize_files(paths, tmp_path / "out.pdf", work_dir=tmp_path)
    assert result.built[0].page_count == 1 and len(result.dropped_blank) == 1


def test_near_empty_pages_are_not_turned() -> None:
    """A stamp, a word or dust has no text lines to measure: its skew stays 0 (before: a round
    stamp came out turned 14°, a dusty blank 11.5°, a short word -3°)."""
    pages = {**sparse_pages(np.random.default_rng(7)), **blanks(np.random.default_rng(7))}
    for name, img in pages.items():
        result = cleanup.clean_page(img)
        assert result.skew == 0.0 and not result.deskewed, name


def test_digitize_reads_the_sites_digitize_settings_and_flags_override(tmp_path, data_dir) -> None:
    """`counterapp digitize` honours `[digitize]` like `scan` and the window (it ignored it)."""
    import subprocess
    import sys

    rng = np.random.default_rng(5)
    note = tmp_path / "note.jpg"
    Image.fromarray(sparse_pages(rng)["one word"]).save(note, "JPEG", quality=85, dpi=(200, 200))
    blank = tmp_path / "blank.jpg"
    Image.fromarray(blanks(rng)["white"]).save(blank, "JPEG", quality=85, dpi=(200, 200))
    with open(data_dir / "site.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[digitize]\ndrop_blank = false\n")

    def pages(*extra: str) -> int:
        out = tmp_path / "out.pdf"
        done = subprocess.run([sys.executable, "-m", "counterapp", "--data-dir", str(data_dir), "digitize", str(note),
                               str(blank), "--out", str(out), "--json", *extra], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        import json

        return json.loads(done.stdout)["files"][0]["page_count"]

    assert pages() == 2  # the site keeps blank pages
    (data_dir / "site.toml").write_text((data_dir / "site.toml").read_text(encoding="utf-8")
                                        .replace("drop_blank = false", "drop_blank = true"), encoding="utf-8")
    assert pages() == 1  # the blank one goes, the word stays
    assert pages("--keep-blank") == 2  # the command line wins
