"""The numpy/Pillow/Qt image operations that replaced OpenCV in page clean-up, on small
hand-drawn arrays whose right answer is known."""

from __future__ import annotations

import numpy as np

from counterapp.digitize import imageops


def mask_from(rows: list[str]) -> np.ndarray:
    return np.array([[c == "#" for c in row] for row in rows])


def test_background_touching_the_border_is_found_through_diagonals_and_text_is_not():
    mask = mask_from([
        "##........",
        "..#.......",  # joined to the corner only diagonally: still background (8-connectivity)
        "...#......",
        "......##..",  # text in the middle: touches nothing
        "......##..",
        ".........#",  # on the right edge
    ])
    back = imageops.touching_border(mask)
    assert back[0, 0] and back[1, 2] and back[2, 3] and back[5, 9]
    assert not back[3, 6] and not back[4, 7]
    assert back.sum() == 5


def test_largest_region_box_counts_pixels_not_extent():
    mask = mask_from([
        "#.........",
        ".#........",
        "..#...####",  # a long thin diagonal (5 pixels) and a 4 x 3 block (12 pixels)
        "...#..####",
        "....#.####",
    ])
    assert imageops.largest_component_box(mask) == (6, 2, 4, 3)
    assert imageops.largest_component_box(np.zeros((4, 4), bool)) is None


def test_closing_fills_gaps_narrower_than_the_square_and_keeps_the_sheet_at_the_edge():
    mask = np.zeros((40, 40), bool)
    mask[:, :20] = True  # a sheet running off the left edge
    mask[10:12, 5:9] = False  # a text stroke: a 2-pixel hole in the paper
    mask[:, 30:] = True  # another region 10 pixels away
    closed = imageops.close(mask, 5)
    assert closed[10:12, 5:9].all()  # the hole is filled
    assert closed[:, :20].all()  # nothing eaten at the image border
    assert not closed[:, 21:29].any()  # a gap wider than 5 stays open


def test_median_removes_single_dust_pixels_and_keeps_strokes():
    gray = np.full((12, 12), 240, np.uint8)
    gray[3, 3] = 0  # dust
    gray[0, 11] = 0  # dust in the corner (edges replicated, not zero-padded)
    gray[6:9, 1:11] = 20  # a 3-pixel stroke
    out = imageops.median3(gray)
    assert out[3, 3] == 240 and out[0, 11] == 240
    assert (out[7, 2:10] == 20).all()
    assert out.shape == gray.shape and out.dtype == np.uint8


def test_otsu_splits_paper_from_ink():
    rng = np.random.default_rng(0)
    gray = np.concatenate([rng.normal(40, 8, 3000), rng.normal(230, 6, 7000)]).clip(0, 255).astype(np.uint8)
    t = imageops.otsu_threshold(gray)
    assert 40 < t < 230  # any level between the two modes splits them alike
    assert ((gray > t) == (np.arange(gray.size) >= 3000)).all()


def test_rotation_is_counter_clockwise_same_size_and_fills_white():
    img = np.full((101, 101, 3), 255, np.uint8)
    img[45:56, 85:96] = (200, 0, 0)  # a red square at the right middle
    turned = imageops.rotate(img, 90)
    assert turned.shape == img.shape
    ys, xs = np.nonzero(turned[:, :, 1] < 100)
    assert abs(ys.mean() - 10) <= 2 and abs(xs.mean() - 50) <= 2  # now at the top middle
    assert tuple(turned[ys[0], xs[0]]) == (200, 0, 0)  # colours kept in order (RGB, not BGR)
    tilted = imageops.rotate(np.zeros((100, 200, 3), np.uint8), 10)
    assert (tilted[0, 0] == 255).all() and (tilted[50, 100] == 0).all()
    gray = imageops.rotate(np.zeros((100, 200), np.uint8), 10)
    assert gray.shape == (100, 200) and gray[0, 0] == 255 and gray[50, 100] == 0


def test_shrinking_keeps_an_edge_where_it_was():
    gray = np.full((400, 300), 40, np.uint8)
    gray[101:, :] = 250  # paper starts at row 101 of 400
    small = imageops.shrink(gray, 150, 200)
    assert small.shape == (200, 150)
    crossing = int(np.argmax(small[:, 75] > 145))
    assert abs(crossing - 101 / 2) <= 1


def test_grey_conversion_weights_as_itu_601():
    img = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [128, 128, 128]]], np.uint8)
    assert [abs(int(v) - e) <= 1 for v, e in zip(imageops.to_gray(img)[0], (76, 150, 29, 128), strict=False)] == [True] * 4
