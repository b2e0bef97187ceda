"""Searchable Vietnamese text for scanned PDFs (Tesseract, `-l vie`).

Tesseract renders each page image into a text-only PDF page (invisible text,
`textonly_pdf=1`) which is laid under the scanned page with pikepdf; the image
is not touched. OCR takes about a second per page, so it runs in the
background (`OcrRunner`); the officer never waits for it. Whether it runs at
all is a site setting: `[digitize] ocr = true`, `ocr_lang = "vie"`.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from counterapp.digitize.common import DigitizeError, fsync_dir

TESSERACT_CANDIDATES = (
    "C:/Program Files/Tesseract-OCR/tesseract.exe",
    "C:/Program Files (x86)/Tesseract-OCR/tesseract.exe",
)


def find_tesseract(configured: str | None = None) -> str | None:
    """`[digitize] tesseract = PATH` if set, else PATH, else the usual Windows install folders."""
    if configured:
        return configured if Path(configured).exists() else None
    found = shutil.which("tesseract")
    if found:
        return found
    return next((c for c in TESSERACT_CANDIDATES if Path(c).exists()), None)


def tesseract_available(lang: str = "vie", configured: str | None = None) -> bool:
    exe = find_tesseract(configured)
    if not exe:
        return False
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True).stdout
    return all(part in out.split() for part in lang.split("+"))


def ocr_settings(config) -> tuple[bool, str]:
    section = config.section("digitize") if config is not None else {}
    return bool(section.get("ocr", False)), str(section.get("ocr_lang", "vie"))


def tesseract_setting(config) -> str | None:
    section = config.section("digitize") if config is not None else {}
    return section.get("tesseract") or None


def ocr_pdf(
    in_path: str | Path, out_path: str | Path, lang: str = "vie", timeout: float = 300, tesseract: str | None = None
) -> int:
    """Write `out_path`: `in_path` with an invisible text layer per page. Returns pages processed."""
    import pikepdf
    from pikepdf import PdfImage, Rectangle

    exe = find_tesseract(tesseract)
    if not exe:
        raise DigitizeError("Chưa cài Tesseract OCR (hoặc sai đường dẫn digitize.tesseract) / tesseract not found")
    in_path, out_path = Path(in_path), Path(out_path)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = 0
    with tempfile.TemporaryDirectory(prefix="counter-ocr-") as tmp, pikepdf.open(in_path) as pdf:
        layers = []
        try:
            for number, page in enumerate(pdf.pages, start=1):
                images = _page_images(page)
                if len(images) != 1:
                    continue
                width_pt = float(page.mediabox[2]) - float(page.mediabox[0])
                dpi = max(1, round(int(images[0].Width) / (width_pt / 72)))
                pil = PdfImage(images[0]).as_pil_image()
                img_path = Path(tmp) / f"p{number}.png"
                pil.save(img_path, dpi=(dpi, dpi))
                base = Path(tmp) / f"t{number}"
                proc = subprocess.run(
                    [exe, str(img_path), str(base), "-l", lang, "--dpi", str(dpi), "-c", "textonly_pdf=1", "pdf"],
                    capture_output=True, text=True, env=env, timeout=timeout,
                )
                if proc.returncode != 0 or not base.with_suffix(".pdf").exists():
                    raise DigitizeError(f"OCR lỗi ở trang {number}: {proc.stderr.strip()[:200]} / OCR failed")
                layer = pikepdf.open(base.with_suffix(".pdf"))
                layers.append(layer)
                page.add_underlay(layer.pages[0], Rectangle(*[float(v) for v in page.mediabox]))
                done += 1
            tmp_out = out_path.with_name(f".{out_path.name}.tmp-{os.getpid()}")
            pdf.save(tmp_out, fix_metadata_version=False)
        finally:
            for layer in layers:
                layer.close()
    with open(tmp_out, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp_out, out_path)
    fsync_dir(out_path.parent)
    return done


def _page_images(page) -> list:
    getter = getattr(page, "get_images", None)
    return list((getter() if getter is not None else page.images).values())


class OcrRunner:
    """One background thread working through OCR jobs in order; `submit` never blocks.

    A job is any callable (e.g. `lambda: run_attachment_ocr(ctx, uuid)`); errors are
    passed to `on_error` and the runner carries on with the next job.
    """

    def __init__(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._jobs: queue.Queue[Callable[[], object] | None] = queue.Queue()
        self._on_error = on_error
        self._thread = threading.Thread(target=self._run, name="counter-ocr", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[], object]) -> None:
        self._jobs.put(job)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                job()
            except BaseException as exc:  # noqa: BLE001 - a failed job must not stop the runner
                if self._on_error:
                    self._on_error(exc)
            finally:
                self._jobs.task_done()

    def join(self, timeout: float | None = None) -> None:
        """Wait until every submitted job is done (tests and orderly shutdown)."""
        self._jobs.join() if timeout is None else self._thread.join(timeout)

    def stop(self) -> None:
        self._jobs.put(None)
        self._thread.join()
