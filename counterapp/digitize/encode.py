"""How each cleaned page is stored and put in the PDF: colour, grey or bilevel (black and white).

Why: every deskewed page used to be re-encoded as an RGB JPEG at quality 88, grey scans
included: 1,315 KB a page, more than the scans that came in. A province keeps ~600,000
dossiers a year, each of several documents, so size is money. Now a page is classified:

- **colour** when ink of a colour is on it (a red seal, a blue signature, a photo): JPEG,
  4:2:0, at the lowest of a few qualities whose error against the cleaned page stays under
  `max_rmse` (luma, on a band across the page, both smoothed 3 x 3 so that the scanner's
  noise, which JPEG may drop, does not count: unsmoothed, the noisiest text page of the set
  needed q75 and 923 KB as grey, smoothed q45 and 490 KB); a seal is never thresholded away.
- **grey** when it has no colour but has tones that are neither paper nor ink (a grey
  photograph, shading, pencil, a faded stamp): a one-channel JPEG (DeviceGray), never
  promoted to RGB.
- **bilevel** when it is paper and ink only (typed or printed text, signatures in black):
  CCITT Group 4 in a TIFF, which img2pdf embeds as it is (CCITTFaxDecode, no re-encoding),
  at the scan's own density (>= 200 dpi, TT 01/2023/TT-VPCP). The threshold sits nearer the
  paper than the ink, so thin strokes and diacritics stay whole. Enlarging a 200-dpi page to
  300 dpi before thresholding was tried: Tesseract read it no better (CER 0.3% vs 0.1%).

JBIG2 would be smaller still, but no maintained encoder is installable here (jbig2enc is not
packaged in Debian 12 nor on PyPI), and G4 pages already sit far under the 300 KB target.

Measured on the generated degraded set (counterapp/digitize/testpages.py, bench/pages.py
prints the figures beside the former encoding): see the README's size table.

numpy and Pillow only, like clean-up (imageops.py says why).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from counterapp.digitize import imageops

COLOUR, GREY, BILEVEL = "colour", "grey", "bilevel"
KINDS = (COLOUR, GREY, BILEVEL)
KEEP_BYTES_PER_MPX = 35_000
"""An untouched JPEG page this small (about 300 KB for A4 at 300 dpi) keeps its own bytes."""
MIN_SPAN = 80
"""Grey levels between paper and ink assumed at the least (blank and near-blank pages)."""


@dataclass(frozen=True)
class EncodeOptions:
    chroma: int = 40
    """A pixel (on the page shrunk 4x) is coloured when max(R,G,B) - min(R,G,B) exceeds this."""
    colour_share: float = 0.0003
    """...and the page is colour when that share of its pixels is coloured (a 2 cm seal is ~0.5%)."""
    faint_share: float = 0.0004
    """A page is grey, not bilevel, when this share of it is tone that is neither paper nor
    near ink (after an opening that removes noise): photographs, shading, pencil, faded stamps."""
    qualities: tuple[int, ...] = (45, 55, 65, 75, 85)
    max_rmse: float = 1.75
    """The JPEG quality chosen is the lowest whose luma error (root mean square, grey levels,
    both images smoothed 3 x 3) against the cleaned page stays under this. On the degraded set
    q45 gives 1.2-1.7, q85 0.6-0.8."""
    bilevel: bool = True


@dataclass(frozen=True)
class EncodedPage:
    """A page ready for the PDF: the bytes img2pdf embeds, their density and what they are."""

    data: bytes
    dpi: int
    kind: str = COLOUR
    quality: int | None = None

    @property
    def suffix(self) -> str:
        return ".tif" if self.kind == BILEVEL else ".jpg"

    def __iter__(self):
        """Unpacks as the (bytes, dpi) pair build_pdf took before pages had a kind."""
        return iter((self.data, self.dpi))


@dataclass(frozen=True)
class PageClass:
    kind: str
    colour_share: float
    faint_share: float
    paper: int
    ink: int


def encode_options_from_config(config) -> EncodeOptions:
    """`[digitize] bilevel` from site.toml, default false: the digitization rules ask for colour
    copies at 200 dpi or more (NĐ 45/2020, TT 01/2023/TT-VPCP; the archive rule TT 02/2019/TT-BNV
    says "ảnh màu"), which a black-and-white G4 page is not, so the app keeps text pages as grey
    JPEG (205 KB an A4 text page, mean of the degraded set, paper flattened) and colour ones in colour. A
    province that accepts black and white for text pages sets it true: 25 KB a page. The library
    default (`EncodeOptions`) stays bilevel for callers that ask for the smallest files."""
    section = config.section("digitize") if config is not None else {}
    return EncodeOptions(bilevel=bool(section.get("bilevel", False)))


def _gray(img: np.ndarray) -> np.ndarray:
    return imageops.to_gray(img)


def classify(img: np.ndarray, options: EncodeOptions = EncodeOptions()) -> PageClass:
    """Colour, grey or bilevel, from the cleaned page (H x W x 3 RGB or H x W grey, uint8)."""
    return _classify(img, _gray(img), options)


def _classify(img: np.ndarray, gray: np.ndarray, options: EncodeOptions) -> PageClass:
    if min(img.shape[:2]) < 16:  # a sliver: nothing to measure, nothing to gain
        return PageClass(COLOUR if img.ndim == 3 else GREY, 0.0, 0.0, 255, 0)
    colour = 0.0
    if img.ndim == 3:
        small = np.asarray(Image.fromarray(np.ascontiguousarray(img), "RGB").reduce(4))
        r, g, b = small[..., 0], small[..., 1], small[..., 2]  # channel by channel: 20x a max(axis=2)
        chroma = np.maximum(np.maximum(r, g), b) - np.minimum(np.minimum(r, g), b)
        colour = float((chroma > options.chroma).mean())
    # halved by the darkest of each 2 x 2 block: a ruled line one pixel wide stays as dark as
    # it is (an average would turn it into a mid-tone and the page grey), a mid-tone stays one
    h, w = (gray.shape[0] // 2) * 2, (gray.shape[1] // 2) * 2
    half = np.minimum(np.minimum(gray[0:h:2, 0:w:2], gray[0:h:2, 1:w:2]),
                      np.minimum(gray[1:h:2, 0:w:2], gray[1:h:2, 1:w:2]))
    hist = np.bincount(half.ravel(), minlength=256)
    cum = np.cumsum(hist) / half.size
    paper = int(np.searchsorted(cum, 0.6))  # most of a page is paper, even a dense one
    ink = int(np.searchsorted(cum, 0.005))
    if colour > options.colour_share:
        return PageClass(COLOUR, colour, 0.0, paper, ink)
    # on a page with little or no ink the darkest 0.5% is paper noise: measure from a
    # notional ink at least MIN_SPAN darker than the paper instead
    ink = min(ink, paper - MIN_SPAN)
    span = paper - ink
    dark = half < ink + span * 0.5
    light = half < paper - span * 0.3
    near_ink = imageops._square(dark, 7, dilate=True)
    # no opening here: it would erase a pencil line two (half-size) pixels wide, and noise
    # does not reach 30% of the way to the ink (9 grey levels of noise on the degraded set)
    faint = float((light & ~near_ink).mean())
    kind = GREY if faint > options.faint_share or not options.bilevel else BILEVEL
    return PageClass(kind, colour, faint, paper, ink)


def _jpeg(image: Image.Image, dpi: int, quality: int, final: bool = True) -> bytes:
    buf = io.BytesIO()
    # progressive with optimised tables: 7% smaller on the seal page at the same quality (PDF has
    # read progressive JPEG since 1.3), but 4x the time: only for the page kept, not the trials
    image.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), subsampling="4:2:0" if image.mode == "RGB" else 0,
               optimize=final, progressive=final)
    return buf.getvalue()


def _smooth(image: Image.Image) -> np.ndarray:
    return np.asarray(image.filter(ImageFilter.BoxBlur(1)))


def _rmse(a: np.ndarray, b: np.ndarray) -> float:
    d = a.astype(np.float32) - b.astype(np.float32)
    return float(np.sqrt(np.mean(d * d)))


def encode_jpeg_choosing(image: Image.Image, dpi: int, options: EncodeOptions = EncodeOptions()) -> tuple[bytes, int]:
    """The lowest quality whose luma error stays under `max_rmse` (measured on a 2x-shrunk
    centre band to keep it quick), or the highest candidate."""
    ref = image if image.mode == "L" else image.convert("L")
    w, h = ref.size
    box = (0, h // 3, w, h // 3 + max(16, h // 6))
    ref_band = _smooth(ref.crop(box))
    candidates = sorted(options.qualities)
    for quality in candidates[:-1]:
        band = image.crop(box)
        data = _jpeg(band, dpi, quality, final=False)  # the error does not depend on the tables
        with Image.open(io.BytesIO(data)) as back:
            got = _smooth(back.convert("L"))
        if _rmse(got, ref_band) <= options.max_rmse:
            return _jpeg(image, dpi, quality), quality
    return _jpeg(image, dpi, candidates[-1]), candidates[-1]


def binarize(gray: np.ndarray, paper: int | None = None, ink: int | None = None) -> Image.Image:
    """A 1-bit page, ink black."""
    image = Image.fromarray(gray)
    if paper is None or ink is None:
        threshold = imageops.otsu_threshold(gray)
    else:
        threshold = ink + (paper - ink) * 0.6  # nearer the paper: thin strokes and diacritics stay whole
    lut = [255 if v > threshold else 0 for v in range(256)]
    return image.point(lut, "1")


PAPER_BAND = 0.25
"""Share of the way from paper to ink within which a pixel of a text page counts as paper."""


def flatten_paper(gray: np.ndarray, paper: int, ink: int) -> np.ndarray:
    """A text page kept grey (`bilevel` off) with its paper made one even tone: every pixel within
    PAPER_BAND of the paper's level becomes that level. Only such pages (paper and ink, nothing in
    between: `_classify`'s own test) are flattened, so what changes is the scanner's noise and the
    paper's grain, never a stroke, a pencil line or a photo (those pages are classed grey for their
    mid-tones and keep every pixel). JPEG then spends its bytes on the text: the generated set's
    text pages went from 263 KB a page (largest 444) to 205 KB (largest 239), and Tesseract's
    character error rate from 0.25% to 0.22% (bench/pages.py --only-degraded --grey-text)."""
    threshold = paper - (paper - ink) * PAPER_BAND
    lut = np.arange(256, dtype=np.uint8)
    lut[lut > threshold] = paper
    return lut[gray]


def _g4(image: Image.Image, dpi: int) -> bytes:
    """One strip for the whole page: img2pdf copies a single-strip G4 payload as it is; Pillow's
    default 64 KB strips made it decode and encode every page again (45 ms a page)."""
    buf = io.BytesIO()
    image.save(buf, "TIFF", compression="group4", dpi=(dpi, dpi), strip_size=(image.width + 7) // 8 * image.height)
    return buf.getvalue()


def encode_page(img: np.ndarray | Image.Image, dpi: int, options: EncodeOptions = EncodeOptions(),
                kind: str | None = None) -> EncodedPage:
    """Classify (unless `kind` is given) and encode one cleaned page."""
    arr = np.asarray(img) if isinstance(img, Image.Image) else img
    if arr.ndim == 3 and arr.shape[2] == 4:
        arr = arr[..., :3]
    gray = _gray(arr)
    cls = _classify(arr, gray, options) if kind is None else None
    kind = kind or cls.kind
    if kind == BILEVEL:
        paper, ink = (cls.paper, cls.ink) if cls else (None, None)
        return EncodedPage(_g4(binarize(gray, paper, ink), dpi), dpi, BILEVEL)
    if kind == GREY or arr.ndim == 2:
        if cls is not None and cls.kind == GREY and cls.faint_share <= options.faint_share:
            gray = flatten_paper(gray, cls.paper, cls.ink)  # a text page kept grey (bilevel off)
        image = Image.fromarray(gray)
        data, quality = encode_jpeg_choosing(image, dpi, options)
        return EncodedPage(data, dpi, GREY, quality)
    data, quality = encode_jpeg_choosing(Image.fromarray(np.ascontiguousarray(arr), "RGB"), dpi, options)
    return EncodedPage(data, dpi, COLOUR, quality)


def keep_original(original: bytes, encoded: EncodedPage, pixels: int) -> bool:
    """Whether an untouched page's own JPEG goes in instead of `encoded`: when it is of the
    same kind and either no larger or within the size budget (no second generation of JPEG
    loss for a gain that does not matter)."""
    if encoded.kind == BILEVEL or kind_of(original) != encoded.kind:
        return False
    return len(original) <= max(len(encoded.data), KEEP_BYTES_PER_MPX * pixels / 1e6)


def reencode(image: Image.Image, dpi: int, kind: str) -> EncodedPage:
    """A stored page changed (turned a quarter) encoded again in its own kind."""
    if image.mode == "1":
        return EncodedPage(_g4(image, dpi), dpi, BILEVEL)
    return encode_page(np.asarray(image), dpi, kind=GREY if image.mode == "L" else kind)


def kind_of(data: bytes) -> str:
    """What stored page bytes are: a G4 TIFF is bilevel, a one-channel JPEG grey, else colour."""
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return BILEVEL
    with Image.open(io.BytesIO(data)) as img:
        return GREY if img.mode == "L" else (BILEVEL if img.mode == "1" else COLOUR)
