"""Pages from files (PDF, JPEG, PNG, TIFF) and a watched folder for scanners that
save to a network share.

A file in the watched folder is taken only once its size and modification time
have stayed the same for `stable_polls` consecutive polls, and a file whose
content (SHA-256) was already taken is skipped, even under another name. The
set of taken hashes is kept in a small JSON file so a restart does not take
them again.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from counterapp.digitize.common import MIN_DPI, DigitizeError, Page, atomic_write_bytes, jpeg_dpi, sha256_file

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
ACCEPTED_SUFFIXES = IMAGE_SUFFIXES | {".pdf"}


def _image_dpi(image: Image.Image, default: int) -> int:
    dpi = image.info.get("dpi")
    try:
        value = int(round(float(dpi[0]))) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if value >= 50 else default


def load_pages(path: str | Path, default_dpi: int = MIN_DPI, force_dpi: int | None = None) -> Iterator[Page]:
    """Yield the pages of an image or PDF file, one at a time.

    `default_dpi` is used when an image file does not say; `force_dpi` overrides what
    it says (phones and some scanners write 72 or 96 whatever the real resolution).
    """
    if force_dpi:
        for page in load_pages(path, default_dpi):
            page.dpi = int(force_dpi)
            yield page
        return
    path = Path(path)
    if not path.exists():
        raise DigitizeError(f"Không tìm thấy tệp {path} / file not found")
    from counterapp import crypto

    if crypto.is_encrypted(path):  # a stored attachment of an encrypted data folder
        with crypto.plain_path(path) as plain:
            yield from load_pages(plain, default_dpi)
        return
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        yield from _pdf_pages(path, default_dpi)
        return
    try:
        image = Image.open(path)
    except (UnidentifiedImageError, OSError) as exc:
        raise DigitizeError(f"Không đọc được ảnh {path.name}: {exc} / not a readable image") from exc
    with image:
        if image.format == "JPEG":
            data = path.read_bytes()
            dpi = jpeg_dpi(data) or _image_dpi(image, default_dpi)
            rgb = image.mode == "RGB"
            yield Page(image.convert("RGB"), dpi=dpi, encoded=data if rgb else None, origin=str(path))
            return
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            dpi = _image_dpi(frame, default_dpi)
            yield Page(_to_rgb(frame), dpi=dpi, origin=f"{path}#{index + 1}")


def _to_rgb(frame: Image.Image) -> Image.Image:
    if frame.mode in ("RGBA", "LA", "P"):
        frame = frame.convert("RGBA")
        white = Image.new("RGBA", frame.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, frame).convert("RGB")
    return frame.convert("RGB")


def _pdf_pages(path: Path, default_dpi: int) -> Iterator[Page]:
    """A scanned PDF: take each page's single image as is; otherwise render the page."""
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError as exc:
        raise DigitizeError(f"Không đọc được PDF {path.name}: {exc} / not a readable PDF") from exc
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
            got = _single_image(page)
            if got is not None:
                yield Page(got[0], dpi=got[1], encoded=got[2], origin=f"{path}#{number}")
            else:
                yield _render_page(path, number, max(default_dpi, MIN_DPI))


def _single_image(page) -> tuple[Image.Image, int, bytes | None] | None:
    import pikepdf
    from pikepdf import PdfImage

    try:
        images = list(_images(page))
        if len(images) != 1:
            return None
        # only when the page is nothing but the image (no text drawn on top)
        contents = page.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        drawn = b"".join(s.read_bytes() for s in streams if s is not None)
        if b"Tj" in drawn or b"TJ" in drawn:
            return None
        pdfimage = PdfImage(images[0])
        pil = pdfimage.as_pil_image()
        box = page.mediabox
        width_pt = float(box[2]) - float(box[0])
        dpi = int(round(pil.width / (width_pt / 72.0))) if width_pt else MIN_DPI
        encoded = None
        if pdfimage.filters == ["/DCTDecode"] and pil.mode == "RGB":
            encoded = images[0].read_raw_bytes()
        return pil.convert("RGB"), dpi, encoded
    except Exception:
        return None


def _render_page(path: Path, number: int, dpi: int) -> Page:
    exe = shutil.which("pdftoppm")
    if not exe:
        raise DigitizeError("Thiếu pdftoppm (poppler-utils) / pdftoppm missing")
    with tempfile.TemporaryDirectory(prefix="counter-pdf-") as tmp:
        out = Path(tmp) / "page"
        subprocess.run(
            [exe, "-r", str(dpi), "-f", str(number), "-l", str(number), "-png", "-singlefile", str(path), str(out)],
            check=True, capture_output=True,
        )
        with Image.open(out.with_suffix(".png")) as img:
            return Page(img.convert("RGB"), dpi=dpi, origin=f"{path}#{number}")


def page_from_bytes(data: bytes, dpi: int = MIN_DPI, origin: str = "") -> Page:
    image = Image.open(io.BytesIO(data))
    image.load()
    encoded = data if image.format == "JPEG" and image.mode == "RGB" else None
    return Page(image.convert("RGB"), dpi=jpeg_dpi(data) or _image_dpi(image, dpi), encoded=encoded, origin=origin)


@dataclass
class _Seen:
    size: int
    mtime: float
    stable: int = 0


class WatchedFolder:
    """Files dropped by a scanner into `folder`, each returned once, when complete."""

    def __init__(self, folder: str | Path, state_file: str | Path, stable_polls: int = 2) -> None:
        self.folder = Path(folder)
        self.state_file = Path(state_file)
        self.stable_polls = max(1, stable_polls)
        self._pending: dict[Path, _Seen] = {}
        self._done_paths: set[tuple[str, int, float]] = set()
        self._hashes: set[str] = set()
        if self.state_file.exists():
            try:
                self._hashes = set(json.loads(self.state_file.read_text(encoding="utf-8")).get("sha256", []))
            except ValueError:
                self._hashes = set()

    def _save(self) -> None:
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.state_file, json.dumps({"sha256": sorted(self._hashes)}).encode())

    def poll(self) -> list[Path]:
        """One look at the folder; returns files that became complete and are new."""
        if not self.folder.is_dir():
            raise DigitizeError(f"Không truy cập được thư mục quét {self.folder} / watched folder unavailable")
        ready: list[Path] = []
        present: set[Path] = set()
        for path in sorted(self.folder.iterdir()):
            if path.name.startswith(".") or path.suffix.lower() not in ACCEPTED_SUFFIXES or not path.is_file():
                continue
            present.add(path)
            try:
                stat = path.stat()
            except OSError:
                continue
            key = (str(path), stat.st_size, stat.st_mtime)
            if key in self._done_paths:
                continue
            seen = self._pending.get(path)
            if seen is None or seen.size != stat.st_size or seen.mtime != stat.st_mtime or stat.st_size == 0:
                self._pending[path] = _Seen(stat.st_size, stat.st_mtime)
                continue
            seen.stable += 1
            if seen.stable < self.stable_polls:
                continue
            del self._pending[path]
            self._done_paths.add(key)
            digest = sha256_file(path)
            if digest in self._hashes:
                continue
            self._hashes.add(digest)
            self._save()
            ready.append(path)
        for gone in set(self._pending) - present:
            del self._pending[gone]
        return ready

    def watch(self, interval: float = 1.0, stop=None) -> Iterator[Path]:
        """Poll forever (or until `stop.is_set()`), yielding each complete new file."""
        while stop is None or not stop.is_set():
            yield from self.poll()
            time.sleep(interval)


def _images(page) -> list:
    getter = getattr(page, "get_images", None)
    found = getter() if getter is not None else page.images
    return list(found.values())


WATCHED_STATE_FILE = "watched-folder.json"


def watched_folder_from_config(config, data_dir: str | Path) -> WatchedFolder | None:
    """`[scanner] watched_folder = "//server/scans"` (and `watched_stable_polls`), or None if unset."""
    section = config.section("scanner") if config is not None else {}
    folder = section.get("watched_folder")
    if not folder:
        return None
    return WatchedFolder(folder, Path(data_dir) / WATCHED_STATE_FILE, int(section.get("watched_stable_polls", 2)))
