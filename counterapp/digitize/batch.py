"""A crash-safe scan batch: every page is on disk as soon as it arrives.

Layout: `<data_dir>/scan-batches/<batch uuid>/manifest.json` plus one image per
page (`0001.jpg`, or `0001.tif` for a bilevel page: encode.py chooses colour, grey or CCITT G4). The page file is written (temp name, fsync, rename)
before the manifest mentions it, and the manifest itself is replaced
atomically, so a crash at any moment leaves a readable batch; an image the
manifest does not know yet is adopted when the batch is opened again.
`recover_batches(data_dir)` lists the unfinished batches to offer back at start.

In a data folder whose files are encrypted (counterapp/crypto.py) the page images and the
manifest (it names the dossier and the officer) are written encrypted and read back through
`crypto.read_plain`; nothing here needs to know which.

The GUI's thumbnail view reads `pages()` (ids, file paths, flags, rotation) and
calls `rotate`, `delete`, `restore`, `move`/`reorder`; nothing here is Qt.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from counterapp import crypto
from counterapp.digitize.cleanup import CleanupOptions, clean_page, rotate90, to_gray
from counterapp.digitize.common import MIN_DPI, DigitizeError, Page, new_uuid
from counterapp.digitize.encode import EncodedPage, EncodeOptions, encode_page, keep_original, kind_of, reencode

BATCHES_DIR = "scan-batches"
MANIFEST = "manifest.json"
_PAGE_FILE = re.compile(r"^(\d{4,})\.(jpg|png|tif)$")


@dataclass
class BatchPage:
    """One page as the thumbnail view sees it."""

    id: str
    path: Path
    dpi: int
    rotation: int = 0  # clockwise quarter turns still to apply
    deleted: bool = False
    blank: bool = False
    skew: float = 0.0
    separator: dict[str, str] | None = None
    origin: str = ""
    width: int = 0
    height: int = 0

    def image(self) -> Image.Image:
        """The page as it will go into the PDF (rotation applied)."""
        with Image.open(io.BytesIO(crypto.read_plain(self.path))) as img:
            img.load()
            if self.rotation % 4:
                img = Image.fromarray(rotate90(np.asarray(img), self.rotation))
            return img

    def thumbnail(self, max_px: int = 256) -> Image.Image:
        img = self.image()
        if img.mode == "1":  # a bilevel page: shrunk in grey, or thin strokes break up
            img = img.convert("L")
        img.thumbnail((max_px, max_px))
        return img


@dataclass
class PageGroup:
    """Pages between separator sheets, with the codes the separator named."""

    dossier_code: str | None
    document_code: str | None
    pages: list[BatchPage] = field(default_factory=list)


class ScanBatch:
    def __init__(self, folder: Path, manifest: dict[str, Any]) -> None:
        self.folder = folder
        self.manifest = manifest
        # the scan worker adds pages while the officer rotates or deletes others
        self._lock = threading.RLock()

    # ---- life cycle
    @classmethod
    def create(
        cls,
        data_dir: str | Path,
        *,
        officer: str = "",
        dossier_code: str | None = None,
        document_code: str | None = None,
        settings: dict[str, Any] | None = None,
        cleanup: CleanupOptions | None = None,
        encode: EncodeOptions | None = None,
    ) -> ScanBatch:
        uuid = new_uuid()
        folder = Path(data_dir) / BATCHES_DIR / uuid
        folder.mkdir(parents=True)
        opts = cleanup or CleanupOptions()
        manifest = {
            "version": 1,
            "uuid": uuid,
            "state": "open",
            "created_at": datetime.now(UTC).isoformat(),
            "officer": officer,
            "dossier_code": dossier_code,
            "document_code": document_code,
            "settings": settings or {},
            "cleanup": {
                "deskew": opts.deskew, "crop": opts.crop, "drop_blank": opts.drop_blank,
                "ink_ratio": opts.blank.ink_ratio, "ink_delta": opts.blank.ink_delta, "margin": opts.blank.margin,
                "orient": opts.orient, "orient_min_confidence": opts.orient_min_confidence,
                "tesseract": opts.tesseract,
            },
            "encode": {"bilevel": (encode or EncodeOptions()).bilevel},
            "next": 1,
            "pages": [],
        }
        batch = cls(folder, manifest)
        batch._save()
        return batch

    @classmethod
    def open(cls, data_dir: str | Path, uuid: str) -> ScanBatch:
        folder = Path(data_dir) / BATCHES_DIR / uuid
        path = folder / MANIFEST
        try:
            manifest = json.loads(crypto.read_plain(path).decode("utf-8"))
        except (OSError, ValueError) as exc:
            raise DigitizeError(f"Không đọc được lô quét {uuid}: {exc} / cannot read scan batch") from exc
        batch = cls(folder, manifest)
        batch._adopt_orphans()
        return batch

    @property
    def uuid(self) -> str:
        return self.manifest["uuid"]

    @property
    def state(self) -> str:
        return self.manifest["state"]

    @property
    def cleanup_options(self) -> CleanupOptions:
        from counterapp.digitize.cleanup import BlankThresholds

        c = self.manifest.get("cleanup", {})
        return CleanupOptions(
            deskew=c.get("deskew", True), crop=c.get("crop", True), drop_blank=c.get("drop_blank", True),
            # batches made before orientation existed keep their pages as they were scanned
            orient=c.get("orient", False), orient_min_confidence=c.get("orient_min_confidence", 5.0),
            tesseract=c.get("tesseract", ""),
            blank=BlankThresholds(
                ink_ratio=c.get("ink_ratio", 0.003), ink_delta=c.get("ink_delta", 60), margin=c.get("margin", 0.06)
            ),
        )

    @property
    def encode_options(self) -> EncodeOptions:
        return EncodeOptions(bilevel=self.manifest.get("encode", {}).get("bilevel", True))

    def _save(self) -> None:
        with self._lock:
            self._write_manifest()

    def _write_manifest(self) -> None:
        crypto.write_file(
            self.folder / MANIFEST, json.dumps(self.manifest, ensure_ascii=False, indent=1).encode("utf-8")
        )

    def _adopt_orphans(self) -> None:
        known = {p["file"] for p in self.manifest["pages"]}
        adopted = False
        for path in sorted(self.folder.iterdir()):
            m = _PAGE_FILE.match(path.name)
            if not m or path.name in known:
                continue
            try:
                with Image.open(io.BytesIO(crypto.read_plain(path))) as img:
                    img.load()
                    dpi = int(round(img.info.get("dpi", (MIN_DPI,))[0])) or MIN_DPI
                    size = img.size
            except (OSError, crypto.EncryptedFileError):
                path.unlink(missing_ok=True)  # torn write of the very last page
                continue
            self.manifest["pages"].append(_entry(m.group(1), path.name, dpi, size, origin="recovered"))
            self.manifest["next"] = max(self.manifest["next"], int(m.group(1)) + 1)
            adopted = True
        if adopted:
            self._save()

    def finish(self) -> None:
        self.manifest["state"] = "finished"
        self._save()

    # ---- filing, group by group (counterapp.digitize.models.file_batch)
    @staticmethod
    def group_key(group: PageGroup) -> str:
        """A group as filed: its dossier, component and exact pages (with their rotation). A
        group changed after it was filed is a different group, filed again."""
        pages = ",".join(f"{p.id}:{p.rotation % 4}" for p in group.pages)
        return f"{group.dossier_code}|{group.document_code}|{pages}"

    def filed_attachment(self, group: PageGroup) -> str | None:
        """The attachment uuid this exact group was filed as, if it was."""
        return self.manifest.get("filed", {}).get(self.group_key(group))

    def mark_filed(self, group: PageGroup, attachment_uuid: str) -> None:
        with self._lock:
            self.manifest.setdefault("filed", {})[self.group_key(group)] = attachment_uuid
            self._write_manifest()

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # ---- adding pages
    def add_page(self, page: Page, *, detect_separators: bool = True) -> BatchPage:
        """Clean the page (crop, deskew, blank check), store it, record it. Returns its entry.

        The page is stored as encode.py classifies it (colour / grey JPEG, bilevel G4); an
        untouched JPEG page keeps its original bytes when they are no larger and of that kind.
        Blank pages are kept but marked deleted, so the officer can bring one back.
        """
        opts = self.cleanup_options
        arr = np.asarray(page.image)
        result = clean_page(arr, opts)
        separator = None
        if detect_separators:
            from counterapp.digitize.separators import detect_separator

            sep = detect_separator(result.gray if result.gray is not None else result.image)
            if sep is not None:
                separator = {"dossier_code": sep.dossier_code, "document_code": sep.document_code}
        turn = self._orientation(result, page.dpi, opts) if separator is None else None
        encoded = encode_page(result.image, page.dpi, self.encode_options)
        h, w = result.image.shape[:2]
        if page.encoded is not None and not result.changed and keep_original(page.encoded, encoded, w * h):
            encoded = EncodedPage(page.encoded, page.dpi, encoded.kind)
        with self._lock:
            number = int(self.manifest["next"])
            page_id = f"{number:04d}"
            name = f"{page_id}{encoded.suffix}"
            # the manifest write below syncs the folder
            crypto.write_file(self.folder / name, encoded.data, sync_dir=False)
            entry = _entry(page_id, name, page.dpi, (w, h), origin=page.origin)
            entry.update(skew=result.skew, blank=result.blank, ink_ratio=round(result.ink_ratio, 5),
                         kind=encoded.kind)
            if result.blank and opts.drop_blank and separator is None:
                entry["deleted"] = True
            if separator:
                entry["separator"] = separator
            if turn is not None:
                entry["orientation"] = {"turns": turn.quarter_turns, "confidence": turn.confidence}
                if turn.quarter_turns and turn.confidence >= opts.orient_min_confidence:
                    entry["rotation"] = turn.quarter_turns
            self.manifest["pages"].append(entry)
            self.manifest["next"] = number + 1
            self._save()
            return self._page(entry)

    @staticmethod
    def _orientation(result, dpi: int, opts: CleanupOptions):
        """Which way up the cleaned page is (Tesseract OSD), or None: not asked, a blank page, or
        no Tesseract. Only the turn is recorded: the stored page keeps its pixels, the rotation is
        applied on output like the officer's own turns, which can undo it."""
        if not opts.orient or result.blank:
            return None
        from counterapp.digitize.orientation import detect_orientation

        return detect_orientation(to_gray(result.image), dpi, opts.tesseract or None)

    def add_pages(self, pages: Iterable[Page], **kw: Any) -> Iterator[BatchPage]:
        for page in pages:
            yield self.add_page(page, **kw)

    # ---- what the thumbnail view shows
    def _page(self, entry: dict[str, Any]) -> BatchPage:
        return BatchPage(
            id=entry["id"], path=self.folder / entry["file"], dpi=entry["dpi"], rotation=entry.get("rotation", 0),
            deleted=entry.get("deleted", False), blank=entry.get("blank", False), skew=entry.get("skew", 0.0),
            separator=entry.get("separator"), origin=entry.get("origin", ""),
            width=entry.get("width", 0), height=entry.get("height", 0),
        )

    def pages(self, include_deleted: bool = True) -> list[BatchPage]:
        with self._lock:
            return [self._page(e) for e in self.manifest["pages"] if include_deleted or not e.get("deleted")]

    def kept_pages(self) -> list[BatchPage]:
        """Pages that go into the PDF: not deleted, not separator sheets."""
        return [p for p in self.pages(False) if p.separator is None]

    def _find(self, page_id: str) -> dict[str, Any]:
        for entry in self.manifest["pages"]:
            if entry["id"] == page_id:
                return entry
        raise DigitizeError(f"Không có trang {page_id} trong lô / no such page")

    # ---- operations (each one saved at once)
    def rotate(self, page_id: str, quarter_turns: int = 1) -> None:
        with self._lock:
            entry = self._find(page_id)
            entry["rotation"] = (entry.get("rotation", 0) + quarter_turns) % 4
            self._save()

    def delete(self, page_id: str) -> None:
        with self._lock:
            self._find(page_id)["deleted"] = True
            self._save()

    def restore(self, page_id: str) -> None:
        with self._lock:
            self._find(page_id)["deleted"] = False
            self._save()

    def reorder(self, page_ids: list[str]) -> None:
        """New order of all page ids (a permutation of the current ones)."""
        with self._lock:
            current = {e["id"]: e for e in self.manifest["pages"]}
            if sorted(page_ids) != sorted(current):
                raise DigitizeError("Thứ tự trang không khớp với lô / page order does not match the batch")
            self.manifest["pages"] = [current[i] for i in page_ids]
            self._save()

    def move(self, page_id: str, new_index: int) -> None:
        with self._lock:
            ids = [e["id"] for e in self.manifest["pages"]]
            if page_id not in ids:
                raise DigitizeError(f"Không có trang {page_id} trong lô / no such page")
            ids.remove(page_id)
            ids.insert(max(0, min(new_index, len(ids))), page_id)
            self.reorder(ids)

    def set_target(self, dossier_code: str | None, document_code: str | None) -> None:
        with self._lock:
            self.manifest["dossier_code"] = dossier_code
            self.manifest["document_code"] = document_code
            self._save()

    # ---- splitting and output
    def groups(self) -> list[PageGroup]:
        """Split at separator sheets. Pages before the first separator go to the batch's own target."""
        groups: list[PageGroup] = [PageGroup(self.manifest.get("dossier_code"), self.manifest.get("document_code"))]
        for page in self.pages(include_deleted=True):
            if page.separator is not None:
                groups.append(PageGroup(page.separator["dossier_code"], page.separator["document_code"]))
                continue
            if not page.deleted:
                groups[-1].pages.append(page)
        return [g for g in groups if g.pages]

    def page_images(self, pages: list[BatchPage] | None = None) -> Iterator[EncodedPage]:
        """Each page as stored (colour / grey JPEG, G4 TIFF), re-encoding only rotated pages
        (in their own kind: a bilevel page stays G4). An EncodedPage unpacks as (bytes, dpi)."""
        for page in self.kept_pages() if pages is None else pages:
            data = crypto.read_plain(page.path)
            if page.rotation % 4 == 0:
                yield EncodedPage(data, page.dpi, kind_of(data))
            else:
                yield reencode(page.image(), page.dpi, kind_of(data))


def _entry(page_id: str, name: str, dpi: int, size: tuple[int, int], origin: str = "") -> dict[str, Any]:
    return {
        "id": page_id, "file": name, "dpi": int(dpi), "rotation": 0, "deleted": False, "blank": False,
        "skew": 0.0, "origin": origin, "width": size[0], "height": size[1],
    }


def batches_root(data_dir: str | Path) -> Path:
    return Path(data_dir) / BATCHES_DIR


def recover_batches(data_dir: str | Path) -> list[ScanBatch]:
    """Unfinished batches with at least one page, oldest first: offer them back at start."""
    root = batches_root(data_dir)
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        if not (folder / MANIFEST).exists():
            continue
        try:
            batch = ScanBatch.open(data_dir, folder.name)
        except DigitizeError:
            continue
        if batch.state == "open" and batch.manifest["pages"]:
            found.append(batch)
    return sorted(found, key=lambda b: b.manifest.get("created_at", ""))


def purge_batches(data_dir: str | Path, max_age_days: float = 30) -> int:
    """Remove finished batches, and unfinished ones older than `max_age_days` (scans hold
    personal data: keep them only as long as needed). Returns how many were removed."""
    import time

    root = batches_root(data_dir)
    if not root.is_dir():
        return 0
    removed = 0
    cutoff = time.time() - max_age_days * 86400
    for folder in root.iterdir():
        manifest = folder / MANIFEST
        try:
            mtime = manifest.stat().st_mtime
            state = json.loads(crypto.read_plain(manifest).decode("utf-8")).get("state")
        except (OSError, ValueError, crypto.EncryptedFileError):
            state, mtime = None, folder.stat().st_mtime
        if state == "finished" or mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
