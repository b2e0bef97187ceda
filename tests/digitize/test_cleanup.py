"""Clean-up on generated pages with known skew, known blank pages and a dark scanner background."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from counterapp.digitize import cleanup
from tests.digitize.conftest import text_page

BASE = text_page(seed=3)


@pytest.mark.parametrize("angle", [-7.5, -2.0, -0.6, 1.3, 9.0])
def test_skew_is_measured_and_corrected_within_half_a_degree(angle):
    skewed = np.asarray(BASE.rotate(angle, resample=Image.BILINEAR, fillcolor="white"))
    assert abs(cleanup.estimate_skew(skewed) - angle) <= 0.5
    straight, found = cleanup.deskew(skewed)
    assert abs(found - angle) <= 0.5
    assert abs(cleanup.estimate_skew(straight)) <= 0.5


def test_straight_page_is_left_untouched():
    result = cleanup.clean_page(np.asarray(BASE))
    assert not result.changed and not result.blank
    assert result.image.shape == np.asarray(BASE).shape


def test_blank_pages_are_detected_and_pages_with_little_text_are_not():
    rng = np.random.default_rng(0)
    white = np.full((2339, 1654, 3), 247, np.uint8)
    speckled = white.copy()  # scanner dust: isolated dark pixels, a faint shadow at the edge
    speckled[rng.integers(0, 2339, 800), rng.integers(0, 1654, 800)] = 0
    speckled[:, :40] = 120
    one_line = np.asarray(text_page(seed=1, lines=1))
    assert cleanup.is_blank(white)
    assert cleanup.is_blank(speckled)
    assert not cleanup.is_blank(one_line)
    assert not cleanup.is_blank(np.asarray(BASE))


def test_blank_threshold_is_adjustable():
    one_line = np.asarray(text_page(seed=1, lines=1))
    ratio = cleanup.ink_ratio(one_line)
    assert not cleanup.is_blank(one_line, cleanup.BlankThresholds(ink_ratio=ratio / 2))
    # a one-line page is also a mark (counterapp/digitize/cleanup.py): both thresholds move
    assert cleanup.is_blank(one_line, cleanup.BlankThresholds(ink_ratio=ratio * 2, mark_extent=10_000))


def test_crop_to_page_removes_dark_scanner_background():
    sheet = np.asarray(text_page(size=(827, 1169), seed=2))
    scan = np.full((1400, 1100, 3), 50, np.uint8)
    scan[100:100 + 1169, 150:150 + 827] = sheet
    cropped, did = cleanup.crop_to_page(scan)
    assert did
    h, w = cropped.shape[:2]
    assert abs(w - 827) <= 8 and abs(h - 1169) <= 8
    # a page that fills the scan is not cropped
    assert cleanup.crop_to_page(sheet)[1] is False


def test_quarter_turns():
    img = np.zeros((10, 20, 3), np.uint8)
    img[0, 0] = 255  # top-left marker
    right = cleanup.rotate90(img, 1)
    assert right.shape == (20, 10, 3) and right[0, -1, 0] == 255  # clockwise: top-left -> top-right
    assert cleanup.rotate90(img, 2)[-1, -1, 0] == 255
    assert cleanup.rotate90(img, 4).tobytes() == img.tobytes()


def test_skewed_sheet_on_dark_background_is_cut_straight_without_dark_wedges():
    sheet = text_page(size=(827, 1169), seed=2).rotate(3, expand=True, fillcolor=(50, 50, 50))
    scan = Image.new("RGB", (1100, 1400), (50, 50, 50))
    scan.paste(sheet, (100, 60))
    result = cleanup.clean_page(np.asarray(scan))
    assert result.cropped and result.deskewed and abs(result.skew - 3) <= 0.5
    h, w = result.image.shape[:2]
    assert abs(w - 827) <= 12 and abs(h - 1169) <= 12
    gray = cleanup.to_gray(result.image)
    for edge in (gray[:2], gray[-2:], gray[:, :2], gray[:, -2:]):
        assert (edge < 128).mean() < 0.01  # no background left along the edges


def test_cleanup_thresholds_from_site_settings():
    from counterapp.config import parse_site_config
    from counterapp.digitize.common import DigitizeError

    opts = cleanup.cleanup_options_from_config(parse_site_config({"digitize": {"blank_ink_ratio": 0.01, "crop": False}}))
    assert opts.blank.ink_ratio == 0.01 and not opts.crop and opts.deskew
    with pytest.raises(DigitizeError, match="digitize"):
        cleanup.cleanup_options_from_config(parse_site_config({"digitize": {"blank_ink_ratio": "nhiều"}}))
