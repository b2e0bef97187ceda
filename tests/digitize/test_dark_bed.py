"""A sheet on a dark scanner bed comes out as the sheet: cut to A4 within 3 mm, with no dark
wedge left, even when the skewed sheet touches every edge of the scan (its bounding box is the
whole image, so there is nothing to "crop" in the usual sense) or an ADF leaves strips.

Generated 150-dpi scans: a typed A4 page turned by a known angle, pasted on a dark bed that
clips its corners, with scanner noise and JPEG."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from counterapp.digitize import cleanup, imageops
from tests.digitize.conftest import text_page

DPI = 150
MM = DPI / 25.4
A4 = (1240, 1754)  # 150 dpi
BED = (40, 40, 46)


def _scan(img: Image.Image, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    arr = np.asarray(img, np.float32) + rng.normal(0, 4, (img.height, img.width, 1))
    out = io.BytesIO()
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=80)
    return np.asarray(Image.open(out).convert("RGB"))


def sheet_on_bed(angle: float, bed_size: tuple[int, int], at: tuple[int, int], seed: int = 3) -> np.ndarray:
    page = text_page(size=A4, seed=seed)
    turned = page.rotate(angle, expand=True, resample=Image.Resampling.BILINEAR, fillcolor=BED)
    bed = Image.new("RGB", bed_size, BED)
    bed.paste(turned, at)
    return _scan(bed, seed)


def bed_left(image: np.ndarray) -> float:
    """Share of the page that is dark and joined to its edge: what is left of the bed."""
    return float(imageops.touching_border(cleanup.to_gray(image) < 120).mean())


TOUCHING_EVERY_EDGE = {
    "3° on a bed just larger than A4": (3.0, (1300, 1800), (-15, -8)),
    "-2°": (-2.0, (1280, 1790), (-10, -12)),
    "4°, corners clipped": (4.0, (1320, 1820), (-20, -20)),
    "ADF, 1°, strips all round": (1.0, (1250, 1770), (-3, -4)),
}
TOUCHING_SOME_EDGES = {
    "pushed into a corner of the glass": (2.5, (1400, 1900), (-30, -25)),
    "ADF strips top and bottom": (0.0, (1240, 1900), (0, 60)),
    "ADF strips, 1.5°": (1.5, (1260, 1950), (-18, 80)),
}


@pytest.mark.parametrize("case", [*TOUCHING_EVERY_EDGE, *TOUCHING_SOME_EDGES])
def test_a_sheet_on_a_dark_bed_comes_out_a4_with_no_dark_wedge(case):
    angle, bed, at = {**TOUCHING_EVERY_EDGE, **TOUCHING_SOME_EDGES}[case]
    scan = sheet_on_bed(angle, bed, at)
    assert bed_left(scan) > 0.01  # the scan does show the bed
    result = cleanup.clean_page(scan)
    h, w = result.image.shape[:2]
    assert result.cropped and abs(result.skew - angle) < 0.1
    assert abs(w - A4[0]) <= 3 * MM and abs(h - A4[1]) <= 3 * MM, (w / MM, h / MM)
    assert bed_left(result.image) < 0.0005
    assert not result.blank


def test_one_dark_edge_is_a_shadow_not_a_bed():
    """A lid's shadow or a dark band along one edge does not make the page a sheet on a bed (the
    bed shows on two edges at least); a sheet touching every edge of the bed does."""
    page = text_page(size=A4, seed=5)
    ImageDraw.Draw(page).rectangle((0, 0, int(15 * MM), A4[1]), fill=(20, 20, 25))
    shadow = cleanup._work_scale(cleanup.to_gray(_scan(page, 5)), cleanup.WORK_MAX)[0]
    assert not cleanup.on_dark_bed(shadow)
    on_bed = sheet_on_bed(*TOUCHING_EVERY_EDGE["3° on a bed just larger than A4"])
    assert cleanup.on_dark_bed(cleanup._work_scale(cleanup.to_gray(on_bed), cleanup.WORK_MAX)[0])


def test_a_dark_photo_reaching_the_sheet_edge_keeps_its_pixels_past_the_thin_band():
    """A skewed sheet on the bed with a dark photo that reaches its right edge: the bed's wedges are
    painted paper colour only within a thin band, so the photo stays."""
    page = text_page(size=A4, seed=6)
    top, bottom = int(60 * MM), int(120 * MM)
    ImageDraw.Draw(page).rectangle((A4[0] - int(50 * MM), top, A4[0], bottom), fill=(30, 30, 30))
    turned = page.rotate(3.0, expand=True, resample=Image.Resampling.BILINEAR, fillcolor=BED)
    bed = Image.new("RGB", (1300, 1800), BED)
    bed.paste(turned, (-15, -8))
    result = cleanup.clean_page(_scan(bed, 6))
    assert result.cropped
    gray = cleanup.to_gray(result.image)
    photo = gray[top + int(5 * MM) : bottom - int(5 * MM), -int(45 * MM) : -int(5 * MM)]
    assert photo.mean() < 70  # still dark: not painted over
