"""The few image operations page clean-up needs, on numpy arrays with Pillow's C code.

Why not OpenCV: it was the largest thing in the frozen bundle (cv2 + its .libs: 155 MB of
the 510 MB Linux bundle, for a dozen calls) and it carries a second OpenBLAS. scipy's
ndimage would do labelling and morphology but weighs ~100 MB too. Everything here is
Pillow (grey conversion, shrinking), Qt's raster painter (rotation: Pillow's bilinear rotate
took 2.5x OpenCV's time on an A4 page, QPainter painting into the array 0.5x), or a few vectorised
numpy passes (Otsu, 5 x 5 blur, 3 x 3 median, binary closing, connected components by row runs).
bench/pages.py measures accuracy and speed against the OpenCV version on the same pages.

Arrays are uint8, H x W (grey) or H x W x 3 (RGB); masks are bool.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

WHITE = 255


def to_gray(img: np.ndarray) -> np.ndarray:
    """ITU-R 601 luma, as OpenCV's COLOR_RGB2GRAY (Pillow's "L" uses the same weights)."""
    if img.ndim == 2:
        return img
    return np.asarray(Image.fromarray(np.ascontiguousarray(img), "RGB").convert("L"))


def shrink(gray: np.ndarray, width: int, height: int) -> np.ndarray:
    """Shrink with Pillow's antialiased bilinear (a tent filter as wide as the scale): edges stay
    where OpenCV's INTER_AREA puts them, to the pixel, on the bench's sheets; Pillow's BOX snaps
    each output pixel to whole source pixels and moved crop edges by a pixel."""
    image = Image.fromarray(np.ascontiguousarray(gray))
    size = (max(1, width), max(1, height))
    # reducing_gap=1: first an exact integer box reduction (whole blocks, so no edge moves), then
    # the bilinear for the rest; as fast as OpenCV's INTER_AREA, same crop boxes on the bench
    return np.asarray(image.resize(size, Image.Resampling.BILINEAR, reducing_gap=1.0))


def otsu_threshold(gray: np.ndarray) -> int:
    """The grey level that best splits the histogram in two classes (Otsu 1979), as OpenCV picks it:
    pixels strictly above it are the bright class."""
    hist = np.bincount(gray.ravel(), minlength=256)[:256].astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 0
    p = hist / total
    omega = np.cumsum(p)
    mu = np.cumsum(p * np.arange(256))
    denom = omega * (1.0 - omega)
    with np.errstate(divide="ignore", invalid="ignore"):
        between = np.where(denom > 1e-12, (mu[-1] * omega - mu) ** 2 / denom, 0.0)
    return int(np.argmax(between))


def rotate(img: np.ndarray, degrees: float, fill: int | tuple[int, ...] = WHITE) -> np.ndarray:
    """Rotate counter-clockwise by `degrees` about the centre, same size, bilinear; what comes in
    from outside is `fill` (white; a sheet on a dark bed gets the bed's colour).

    Qt's raster painter paints straight into the numpy array that is returned (RGB888 or
    Grayscale8 over the array's own memory), from an RGB32 copy of the source (the format its
    bilinear fetch is fastest on). An A4 page at 200 dpi (bench, fastest of 12): colour 15.8 ms
    (OpenCV's warpAffine 32.3 ms; the earlier RGB32 canvas converted back and copied 35.6 ms),
    grey 14.7 ms at 300 dpi and 2.1 ms for the 1000-pixel work copy (Pillow's rotate 36.6 and
    6.8 ms; OpenCV 7.3 and 1.3 ms). Same pixels as the RGB32 canvas (max difference 0)."""
    from PySide6.QtGui import QImage, QPainter  # QImage needs no QGuiApplication

    src = np.ascontiguousarray(img)
    h, w = src.shape[:2]
    if src.ndim == 2:
        source = QImage(src.data, w, h, w, QImage.Format.Format_Grayscale8)
        out = np.full((h, w), fill if isinstance(fill, int) else int(np.mean(fill)), np.uint8)
        target = QImage(out.data, w, h, w, QImage.Format.Format_Grayscale8)
    else:
        source = QImage(src.data, w, h, 3 * w, QImage.Format.Format_RGB888)
        out = np.empty((h, w, 3), np.uint8)
        out[...] = fill  # white: a plain memset
        target = QImage(out.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    # RGB32 is the raster engine's fast (SIMD) source format; Qt's own conversion to it is too
    source = source.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(target)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)  # bilinear
    painter.translate(w / 2, h / 2)
    painter.rotate(-degrees)  # Qt's y axis points down: negative is counter-clockwise on screen
    painter.translate(-w / 2, -h / 2)
    painter.drawImage(0, 0, source)
    painter.end()
    return out


def median3(gray: np.ndarray) -> np.ndarray:
    """3 x 3 median, edges replicated (OpenCV's medianBlur(3)): single-pixel dust and noise go,
    strokes stay. A 19-exchange sorting network over the nine shifted views: ~10x faster than
    Pillow's MedianFilter, which sorts per pixel."""
    h, w = gray.shape
    padded = np.pad(gray, 1, mode="edge")
    p = [padded[dy : dy + h, dx : dx + w] for dy in range(3) for dx in range(3)]

    def sort(i: int, j: int) -> None:
        p[i], p[j] = np.minimum(p[i], p[j]), np.maximum(p[i], p[j])

    for i, j in ((1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8), (0, 3), (5, 8),
                 (4, 7), (3, 6), (1, 4), (2, 5), (4, 7), (4, 2), (6, 4), (4, 2)):
        sort(i, j)
    return p[4]


def _square(mask: np.ndarray, size: int, dilate: bool) -> np.ndarray:
    """Dilation (any set in the size x size window) or erosion (all set), one axis at a time
    over shifted views; outside the image counts as unset for dilation, set for erosion."""
    op = np.logical_or if dilate else np.logical_and
    r, (h, w) = size // 2, mask.shape
    p = np.pad(mask, ((0, 0), (r, r)), constant_values=not dilate)
    acc = p[:, 0:w].copy()
    for k in range(1, size):
        op(acc, p[:, k : k + w], out=acc)
    p = np.pad(acc, ((r, r), (0, 0)), constant_values=not dilate)
    acc = p[0:h].copy()
    for k in range(1, size):
        op(acc, p[k : k + h], out=acc)
    return acc


def blur5(gray: np.ndarray) -> np.ndarray:
    """5 x 5 binomial blur (1 4 6 4 1, a Gaussian of sigma 1), edges mirrored as OpenCV's
    GaussianBlur does; integer sums on uint16, a tenth of Pillow's GaussianBlur time here."""
    h, w = gray.shape
    p = np.pad(gray, 2, mode="reflect").astype(np.uint16)
    rows = p[:, 0:w] + p[:, 4 : w + 4] + 4 * (p[:, 1 : w + 1] + p[:, 3 : w + 3]) + 6 * p[:, 2 : w + 2]
    rows = (rows + 8) >> 4
    out = rows[0:h] + rows[4 : h + 4] + 4 * (rows[1 : h + 1] + rows[3 : h + 3]) + 6 * rows[2 : h + 2]
    return ((out + 8) >> 4).astype(np.uint8)


def close(mask: np.ndarray, size: int) -> np.ndarray:
    """Binary closing with a size x size square: dilate, then erode (gaps narrower than `size` fill).
    Outside the image counts as unset for the dilation and as set for the erosion, as in OpenCV."""
    return _square(_square(mask, size, dilate=True), size, dilate=False)


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Horizontal runs of set pixels: row, first column, column after the last; in reading order."""
    h, w = mask.shape
    padded = np.zeros((h, w + 2), np.int8)
    padded[:, 1:-1] = mask
    d = np.diff(padded, axis=1)
    rows, starts = np.nonzero(d == 1)
    _, ends = np.nonzero(d == -1)
    return rows, starts, ends


def _run_labels(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, width: int) -> np.ndarray:
    """A component id per run, 8-connectivity: runs on consecutive rows touching or diagonal join."""
    n = len(rows)
    if n == 0:
        return np.zeros(0, np.int64)
    stride = width + 2
    key_start = rows * stride + starts
    key_end = rows * stride + ends
    # for each run b, the runs a of the row above with a.start <= b.end and a.end >= b.start
    above = (rows - 1) * stride
    lo = np.searchsorted(key_end, above + starts, "left")
    hi = np.searchsorted(key_start, above + ends, "right")
    counts = np.maximum(hi - lo, 0)
    b = np.repeat(np.arange(n), counts)
    offsets = np.arange(len(b)) - np.repeat(np.cumsum(counts) - counts, counts)
    a = np.repeat(lo, counts) + offsets
    labels = np.arange(n)
    while True:  # hook each edge's roots onto the smaller one, then jump pointers to the roots
        la, lb = labels[a], labels[b]
        low = np.minimum(la, lb)
        hooked = labels.copy()
        np.minimum.at(hooked, la, low)
        np.minimum.at(hooked, lb, low)
        while True:
            jumped = hooked[hooked]
            if np.array_equal(jumped, hooked):
                break
            hooked = jumped
        if np.array_equal(hooked, labels):
            return labels
        labels = hooked


def largest_component_box(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    """(x, y, w, h) of the largest 8-connected set region, or None when nothing is set."""
    rows, starts, ends = _runs(mask)
    if len(rows) == 0:
        return None
    labels = _run_labels(rows, starts, ends, mask.shape[1])
    area = np.bincount(labels, weights=ends - starts)
    pick = labels == int(np.argmax(area))
    x0, x1 = int(starts[pick].min()), int(ends[pick].max())
    y0, y1 = int(rows[pick].min()), int(rows[pick].max()) + 1
    return x0, y0, x1 - x0, y1 - y0


def component_extents(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per 8-connected set region: its area in pixels and its extent (the longer side of its
    bounding box). Empty arrays when nothing is set."""
    rows, starts, ends = _runs(mask)
    if len(rows) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    labels = _run_labels(rows, starts, ends, mask.shape[1])
    n = int(labels.max()) + 1
    area = np.bincount(labels, weights=ends - starts, minlength=n).astype(np.int64)
    x0 = np.full(n, np.iinfo(np.int64).max)
    y0 = x0.copy()
    x1 = np.zeros(n, np.int64)
    y1 = x1.copy()
    np.minimum.at(x0, labels, starts)
    np.maximum.at(x1, labels, ends)
    np.minimum.at(y0, labels, rows)
    np.maximum.at(y1, labels, rows + 1)
    present = area > 0
    return area[present], np.maximum(x1 - x0, y1 - y0)[present]


def touching_border(mask: np.ndarray) -> np.ndarray:
    """The set pixels 8-connected to the image border (what a flood fill from the edges reaches)."""
    h, w = mask.shape
    rows, starts, ends = _runs(mask)
    out = np.zeros((h, w + 1), np.int8)
    if len(rows) == 0:
        return out[:, :w].astype(bool)
    labels = _run_labels(rows, starts, ends, w)
    edge = (rows == 0) | (rows == h - 1) | (starts == 0) | (ends == w)
    keep = np.isin(labels, np.unique(labels[edge]))
    out[rows[keep], starts[keep]] = 1  # paint the kept runs: +1 where one starts, -1 after it ends
    out[rows[keep], ends[keep]] = -1
    return np.cumsum(out, axis=1, dtype=np.int32)[:, :w] > 0
