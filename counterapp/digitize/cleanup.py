"""Page clean-up: pure functions on numpy arrays (H x W x 3 RGB or H x W gray, uint8).

- `estimate_skew(img)`: the text-line angle in degrees (positive = the page
  content is turned counter-clockwise), found by maximising the sharpness of
  the horizontal projection profile of ink pixels.
- `deskew(img)`, `rotate(img, degrees)`, `rotate90(img, quarter_turns)`.
- `crop_to_page(img)`: cut away the scanner background around the sheet.
- `is_blank(img, thresholds)`: blank-page detection with adjustable thresholds.
- `clean_page(img, options)`: the default chain the GUI and `counterapp digitize` share.

numpy and Pillow only (imageops.py says why not OpenCV); bench/pages.py compares accuracy
and speed with the former OpenCV version on the same generated pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from counterapp.digitize import imageops
from counterapp.digitize.imageops import WHITE, to_gray  # noqa: F401  (cleanup.to_gray is public)


@dataclass(frozen=True)
class BlankThresholds:
    """A page is blank when the share of ink pixels inside the margins is below `ink_ratio` AND
    no mark on it is as long as `mark_extent`.

    Why both: a page carrying only a one-line handwritten note, a signature or a stamp has an
    ink share of 0.001-0.0025, under the 0.003 that tells a page of text from scanner noise, and
    was dropped; losing a citizen's page is the worst thing digitizing can do. A mark is an
    8-connected patch of ink on the page shrunk to WORK_MAX (0.3 mm a pixel on A4), measured
    without the median filter that erases thin pen strokes. Measured on the generated pages of
    tests/digitize/test_blank_marks.py: the longest patch on blank scans (noise, dust up to
    0.6 mm, grey paper, JPEG) is 3 px; marks on sparse pages are 28 px and longer (a 10 mm
    handwritten word 28, a one-line note 44, a stamp 96, a signature 116). 8 px (2.4 mm) sits
    between them.

    `ink_delta`: how much darker than the paper (the median) a pixel must be to count as ink.
    `margin`: fraction of width/height ignored on each side (punch holes, shadows at the edges).
    """

    ink_ratio: float = 0.003
    ink_delta: int = 60
    margin: float = 0.06
    mark_extent: int = 8


@dataclass(frozen=True)
class CleanupOptions:
    deskew: bool = True
    crop: bool = True
    drop_blank: bool = True
    blank: BlankThresholds = field(default_factory=BlankThresholds)
    max_skew: float = 15.0
    min_skew: float = 0.1
    """Angles smaller than this are left alone (no needless re-encoding)."""
    orient: bool = False
    """Turn sideways and upside-down pages upright (Tesseract OSD, counterapp/digitize/orientation.py),
    where Tesseract and its `osd` data are installed; the batch does it, not `clean_page`. Off for
    a caller that does not ask (OSD costs 0.4-1 s a page); on in the app by `[digitize] orient`."""
    orient_min_confidence: float = 5.0
    tesseract: str = ""


@dataclass
class CleanResult:
    image: np.ndarray
    gray: np.ndarray | None = None
    """The cleaned page in grey, shrunk to WORK_MAX on its longer side (what the blank check
    measured and the separator search reads: no second conversion)."""
    skew: float = 0.0
    deskewed: bool = False
    cropped: bool = False
    blank: bool = False
    ink_ratio: float = 0.0
    longest_mark: int = 0
    """Extent in WORK_MAX pixels of the longest ink patch (measured only on pages under the ink
    share threshold: 0 otherwise)."""

    @property
    def changed(self) -> bool:
        return self.deskewed or self.cropped


WORK_MAX = 1000
"""Largest side of the shrunk grey page the measurements work on (700 crop, 900 skew, 1000 ink)."""


def _work_scale(gray: np.ndarray, target: int = 900, base: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """The page shrunk to `target` pixels on its longer side, and the scale. `base`: the same page
    already shrunk to WORK_MAX, shrunk further from there (a tenth of the work of the full page)."""
    h, w = gray.shape
    scale = min(1.0, target / max(h, w))
    if scale < 1.0:
        gray = imageops.shrink(gray if base is None else base, int(w * scale), int(h * scale))
    return gray, scale


def _ink_mask(gray: np.ndarray) -> np.ndarray:
    """Binary mask (bool) of ink pixels: Otsu on the page, ignoring flat paper."""
    return gray <= imageops.otsu_threshold(gray)


def estimate_skew(img: np.ndarray, max_angle: float = 15.0, *, _base: np.ndarray | None = None) -> float:
    """The skew angle in degrees; `rotate(img, -angle)` straightens the page.

    Projection profile search: ink pixel coordinates are projected on the axis
    normal to each candidate angle; straight text lines give the peakiest histogram.
    Coarse 0.5° steps, then 0.05° steps around the best.
    """
    gray, _ = _work_scale(to_gray(img), base=_base)
    mask = _ink_mask(gray)
    h, w = mask.shape
    m = max(2, int(min(h, w) * 0.02))
    mask[:m, :] = mask[-m:, :] = False
    mask[:, :m] = mask[:, -m:] = False
    ys, xs = np.nonzero(mask)
    if len(xs) < 50 or len(xs) > 0.5 * mask.size:
        return 0.0
    if len(xs) > 60_000:  # evenly spread over the page in reading order (no numpy.random in the bundle)
        pick = np.linspace(0, len(xs) - 1, 60_000).astype(np.int64)
        xs, ys = xs[pick], ys[pick]
    xs = xs.astype(np.float32) - w / 2
    ys = ys.astype(np.float32) - h / 2
    diag = int(np.hypot(h, w)) + 2

    def score(angle: float) -> float:
        t = np.deg2rad(angle)
        # content turned counter-clockwise by `angle` (y down): rows follow y' = y*cos + x*sin
        proj = ys * np.cos(t) + xs * np.sin(t)
        hist = np.bincount((proj + diag).astype(np.int32), minlength=2 * diag)
        return float(np.dot(hist, hist))

    coarse = np.arange(-max_angle, max_angle + 1e-6, 0.5)
    best = max(coarse, key=score)
    fine = np.round(np.arange(best - 0.5, best + 0.5 + 1e-6, 0.05), 3)
    scores = np.array([score(a) for a in fine])
    # thick strokes give a plateau of equal scores: take its middle, not its first angle
    top = scores >= scores.max() * (1 - 2e-4)
    i = int(np.argmax(scores))
    if top.sum() == 1 and 0 < i < len(fine) - 1:
        # a single peak: the parabola through it and its neighbours puts it between grid steps
        left, mid, right = scores[i - 1 : i + 2]
        curve = left - 2 * mid + right
        shift = 0.5 * (left - right) / curve if curve < 0 else 0.0
        return float(round(float(fine[i] + 0.05 * max(-0.5, min(0.5, shift))), 2)) + 0.0
    return float(round(float(fine[top].mean()), 2)) + 0.0


def rotate(img: np.ndarray, degrees: float, fill: int | tuple[int, ...] = WHITE) -> np.ndarray:
    """Rotate counter-clockwise by `degrees` about the centre, same size, `fill` (white) around."""
    return imageops.rotate(img, degrees, fill)


def deskew(img: np.ndarray, max_angle: float = 15.0) -> tuple[np.ndarray, float]:
    angle = estimate_skew(img, max_angle)
    if abs(angle) < 0.05:
        return img, angle
    return rotate(img, -angle), angle


def rotate90(img: np.ndarray, quarter_turns: int) -> np.ndarray:
    """Rotate clockwise by 90° x `quarter_turns` (1 = 90° right, 2 = upside down, 3 = 90° left)."""
    turns = quarter_turns % 4
    if turns == 0:
        return img
    return np.ascontiguousarray(np.rot90(img, k=-turns))


def page_box(img: np.ndarray, min_area: float = 0.3, *, _base: np.ndarray | None = None
             ) -> tuple[int, int, int, int] | None:
    """(x, y, w, h) of the sheet when it stands out from a darker scanner background, else None."""
    gray, scale = _work_scale(to_gray(img), 700, _base)
    blur = imageops.blur5(gray)
    bright = blur > imageops.otsu_threshold(blur)
    # Paper is bright; background must be clearly darker than paper for a crop to make sense.
    paper = blur[bright]
    back = blur[~bright]
    if paper.size == 0 or back.size == 0 or float(np.median(paper)) - float(np.median(back)) < 50:
        return None
    # close the text's gaps in the bright sheet, then take the biggest bright region's box
    box = imageops.largest_component_box(imageops.close(bright, 15))
    if box is None:
        return None
    x, y, w, h = box
    gh, gw = gray.shape
    if w * h < min_area * gw * gh:
        return None
    if w >= gw - 2 and h >= gh - 2:
        return None
    inv = 1.0 / scale
    X, Y = int(round(x * inv)), int(round(y * inv))
    W, H = int(round(w * inv)), int(round(h * inv))
    full_h, full_w = img.shape[:2]
    return X, Y, min(W, full_w - X), min(H, full_h - Y)


def crop_to_page(img: np.ndarray) -> tuple[np.ndarray, bool]:
    box = page_box(img)
    if box is None:
        return img, False
    x, y, w, h = box
    return np.ascontiguousarray(img[y : y + h, x : x + w]), True


def trim_background_edges(img: np.ndarray, max_trim: float = 0.1) -> np.ndarray:
    """After straightening a sheet cut from a dark background, shave the dark wedges
    left along its edges. Background = dark pixels connected to the image border (text is not)."""
    top, bottom, left, right = _trim_box(to_gray(img), max_trim)
    return np.ascontiguousarray(img[top:bottom, left:right])


def _trim_box(gray: np.ndarray, max_trim: float = 0.1) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) of `trim_background_edges`, from the grey page."""
    h, w = gray.shape
    paper = float(np.median(gray))
    back = imageops.touching_border(gray < paper - 80)
    if not back.any():
        return 0, h, 0, w
    top, bottom, left, right = 0, h, 0, w
    max_rows, max_cols = int(h * max_trim), int(w * max_trim)
    # peel the worst edge line, one at a time, until every edge is clean paper
    while bottom - top > 10 and right - left > 10:
        edges = {
            "top": back[top, left:right].mean() if top < max_rows else 0.0,
            "bottom": back[bottom - 1, left:right].mean() if h - bottom < max_rows else 0.0,
            "left": back[top:bottom, left].mean() if left < max_cols else 0.0,
            "right": back[top:bottom, right - 1].mean() if w - right < max_cols else 0.0,
        }
        worst = max(edges, key=edges.get)
        if edges[worst] <= 0.002:
            break
        if worst == "top":
            top += 1
        elif worst == "bottom":
            bottom -= 1
        elif worst == "left":
            left += 1
        else:
            right -= 1
    return top, bottom, left, right


def _sheet_box(gray: np.ndarray) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) of a straightened sheet on a dark bed (the bed's colour filled in
    from outside the scan): the outermost rows and columns that are paper over at least half the
    paper's fullest row or column. Only the outermost count, so text, a table's dark header or a
    photo printed up to the sheet's edge inside never move the cut (peeling dark edge lines one
    at a time, as `_trim_box` does, ate 21 mm of such a photo)."""
    small, scale = _work_scale(gray, WORK_MAX)
    bright = small >= float(np.median(small)) - 80
    cols, rows = bright.mean(axis=0), bright.mean(axis=1)
    xs = np.nonzero(cols >= 0.5 * cols.max())[0]
    ys = np.nonzero(rows >= 0.5 * rows.max())[0]
    h, w = gray.shape
    if len(xs) == 0 or len(ys) == 0:
        return 0, h, 0, w
    inv = 1.0 / scale
    return (int(round(ys[0] * inv)), min(h, int(round((ys[-1] + 1) * inv))),
            int(round(xs[0] * inv)), min(w, int(round((xs[-1] + 1) * inv))))


def ink_ratio(img: np.ndarray, thresholds: BlankThresholds = BlankThresholds()) -> float:
    return _ink_ratio_work(_work_scale(to_gray(img), WORK_MAX)[0], thresholds)


def _ink_ratio_work(gray: np.ndarray, thresholds: BlankThresholds) -> float:
    """`ink_ratio` on the grey page already shrunk to WORK_MAX."""
    h, w = gray.shape
    my, mx = int(h * thresholds.margin), int(w * thresholds.margin)
    inner = gray[my : h - my, mx : w - mx] if h - 2 * my > 10 and w - 2 * mx > 10 else gray
    inner = imageops.median3(inner)  # scanner dust and noise are single pixels
    paper = float(np.median(inner))
    ink = inner < max(0.0, paper - thresholds.ink_delta)
    return float(ink.mean())


def longest_mark(gray: np.ndarray, thresholds: BlankThresholds = BlankThresholds()) -> int:
    """The extent (WORK_MAX pixels) of the longest ink patch inside the margins of the grey page
    already shrunk to WORK_MAX; 0 for none."""
    h, w = gray.shape
    my, mx = int(h * thresholds.margin), int(w * thresholds.margin)
    inner = gray[my : h - my, mx : w - mx] if h - 2 * my > 10 and w - 2 * mx > 10 else gray
    paper = float(np.median(inner))
    _, extents = imageops.component_extents(inner < max(0.0, paper - thresholds.ink_delta))
    return int(extents.max()) if len(extents) else 0


def _blank_work(gray: np.ndarray, thresholds: BlankThresholds, ratio: float | None = None) -> tuple[bool, float, int]:
    """(blank, ink share, longest mark) of the grey page shrunk to WORK_MAX; `ratio`: its ink
    share when already measured."""
    if ratio is None:
        ratio = _ink_ratio_work(gray, thresholds)
    if ratio >= thresholds.ink_ratio:
        return False, ratio, 0
    mark = longest_mark(gray, thresholds)
    return mark < thresholds.mark_extent, ratio, mark


def is_blank(img: np.ndarray, thresholds: BlankThresholds = BlankThresholds()) -> bool:
    return _blank_work(_work_scale(to_gray(img), WORK_MAX)[0], thresholds)[0]


def on_dark_bed(base: np.ndarray) -> bool:
    """A sheet on a dark scanner bed that touches the scan's edges (its box is the whole scan, so
    `page_box` finds nothing to cut): the bed still shows along at least two edges, as wedges
    beside a skewed sheet or as an ADF's strips. One dark edge alone is a lid's shadow or a dark
    band printed on the page, and is left alone. Read off the four edge lines only (every page
    without a margin of bed asks: 0.2 ms)."""
    paper = _median_u8(base)
    edges = (base[0], base[-1], base[:, 0], base[:, -1])
    dark = [line[line < paper - 80] for line in edges]
    if sum(len(d) >= BED_EDGE_SHARE * len(line) for d, line in zip(dark, edges, strict=True)) < 2:
        return False
    return paper - float(np.median(np.concatenate(dark))) >= 50


def _median_u8(gray: np.ndarray) -> int:
    """The median of a uint8 image from its histogram (a tenth of np.median's time)."""
    counts = np.cumsum(np.bincount(gray.ravel(), minlength=256))
    return int(np.searchsorted(counts, (counts[-1] + 1) // 2))


BED_EDGE_SHARE = 0.25
"""Share of an edge's pixels the bed must cover to count on that edge: measured 0.39-1.0 on the
bed's edges of tests/digitize/test_dark_bed.py, 0.07 on the edges beside a 15 mm dark band."""
BED_FILL_BAND = 0.015
"""Width of the band along each edge, as a share of the shorter side (1.5%, 3 mm on A4), where the
bed left after trimming is painted paper colour: never deeper, so a dark photo or seal that
reaches the edge of the sheet keeps its pixels."""


def _bed_colour(img: np.ndarray, gray: np.ndarray) -> tuple[int, ...]:
    """The bed's median colour, from the dark pixels joined to the scan's edge."""
    work = gray[::4, ::4]
    back = imageops.touching_border(work < float(np.median(work)) - 80)
    pixels = img[::4, ::4][back]
    return tuple(int(v) for v in np.median(pixels, axis=0)) if pixels.size else (0, 0, 0)


def fill_bed_wedges(img: np.ndarray, gray: np.ndarray) -> np.ndarray:
    """Paint the bed's wedges left in the corners after straightening and trimming with the paper's
    colour (unpaper's border filter): dark pixels joined to the edge inside a thin band only (the
    band alone is searched: 73 -> 12 ms an A4 page at 150 dpi)."""
    paper_level = _median_u8(gray)
    band = max(2, int(round(BED_FILL_BAND * min(gray.shape))))
    dark = gray < paper_level - 80
    dark[band:-band, band:-band] = False
    back = imageops.touching_border(dark)
    if not back.any():
        return img
    out = img.copy()
    step = 8  # the paper's colour from every 8th pixel each way: a median of ~30,000
    sample, level = img[::step, ::step], gray[::step, ::step]
    sheet = level >= paper_level - 30
    paper = np.median(sample[sheet], axis=0) if sheet.any() else WHITE
    out[back] = np.asarray(paper, np.uint8)
    return out


def clean_page(img: np.ndarray, options: CleanupOptions = CleanupOptions()) -> CleanResult:
    """Crop to the sheet, straighten it, and measure whether it is blank.

    The grey page and its copy shrunk to WORK_MAX are made once and cut along with the page;
    after a rotation the shrunk copy is rotated too (a tenth of the work of converting and
    shrinking the rotated colour page), unless dark wedges must be trimmed at full size.

    A skewed sheet that touches every edge of a dark bed (its box is the whole scan) was archived
    with dark wedges and at the scan's size: of 4 such generated A4 scans (tests/digitize/
    test_dark_bed.py) none was cut, 6.8-13.5 mm too wide. It is now straightened, trimmed to the
    sheet and what is left of the bed in the corners painted paper colour: within 1 mm of A4."""
    result = CleanResult(image=img)
    gray = to_gray(img)
    base = _work_scale(gray, WORK_MAX)[0]
    bed = False
    if options.crop:
        box = page_box(gray, _base=base)
        if box is not None:
            x, y, w, h = box
            result.image = np.ascontiguousarray(img[y : y + h, x : x + w])
            gray, result.cropped = gray[y : y + h, x : x + w], True
            base = _work_scale(gray, WORK_MAX)[0]
        else:
            bed = on_dark_bed(base)
    # A near-empty page (under the blank ink share: a note, a signature, a stamp, dust) has no
    # lines of text to measure: its projection profile peaks anywhere (a round stamp measured
    # 14°, a dusty blank 11.5°, a short word -3°) and it came out visibly turned. It keeps skew 0.
    # The ink share is measured once, here: straightening moves ink, it does not make or erase
    # it, so a page over the threshold now is not blank after the turn either.
    ratio = _ink_ratio_work(base, options.blank)
    near_empty = ratio < options.blank.ink_ratio
    turned = False
    if options.deskew and not near_empty:
        angle = estimate_skew(gray, options.max_skew, _base=base)
        result.skew = angle
        if abs(angle) >= options.min_skew:
            # On a bed, what comes in from outside the scan is bed too: the wedges then reach the
            # corners, where trimming finds them, and the fill paints what is left paper colour.
            result.image = rotate(result.image, -angle, _bed_colour(result.image, gray) if bed else WHITE)
            result.deskewed = turned = True
            if result.cropped or bed:
                gray = to_gray(result.image)
            else:
                base = rotate(base, -angle)
    if turned and result.cropped or bed:
        top, bottom, left, right = _sheet_box(gray) if bed else _trim_box(gray)
        result.image = np.ascontiguousarray(result.image[top:bottom, left:right])
        gray = gray[top:bottom, left:right]
        if bed:
            result.image = fill_bed_wedges(result.image, gray)
            gray = to_gray(result.image)
            result.cropped = True
        base = _work_scale(gray, WORK_MAX)[0]
    result.gray = base
    result.blank, result.ink_ratio, result.longest_mark = _blank_work(base, options.blank, ratio)
    return result


def cleanup_options_from_config(config) -> CleanupOptions:
    """`[digitize] deskew, crop, drop_blank, orient, orient_min_confidence, tesseract, blank_ink_ratio,
    blank_ink_delta, blank_margin` from site.toml."""
    section = config.section("digitize") if config is not None else {}
    base, blank = CleanupOptions(), BlankThresholds()
    try:
        return CleanupOptions(
            deskew=bool(section.get("deskew", base.deskew)),
            crop=bool(section.get("crop", base.crop)),
            drop_blank=bool(section.get("drop_blank", base.drop_blank)),
            orient=bool(section.get("orient", True)),
            orient_min_confidence=float(section.get("orient_min_confidence", base.orient_min_confidence)),
            tesseract=str(section.get("tesseract", "") or ""),
            blank=BlankThresholds(
                ink_ratio=float(section.get("blank_ink_ratio", blank.ink_ratio)),
                ink_delta=int(section.get("blank_ink_delta", blank.ink_delta)),
                margin=float(section.get("blank_margin", blank.margin)),
            ),
        )
    except (TypeError, ValueError) as exc:
        from counterapp.digitize.common import DigitizeError

        raise DigitizeError(f"Cấu hình [digitize] sai: {exc} / invalid [digitize] settings") from exc
