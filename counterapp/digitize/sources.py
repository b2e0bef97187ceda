"""Scanners behind one interface.

- `SaneSource`: SANE on Linux through python-sane (flatbed, feeder, duplex);
  falls back to `scanimage --batch` when python-sane is not installed.
- `EsclSource`: eSCL/AirScan network scanners over plain HTTP, every OS.
- `WindowsTwainSource`: TWAIN/WIA on Windows. Deliberately thin and NOT tested
  here (no Windows machine): it names the library it uses (`pytwain`, PyPI
  "pytwain", import name `twain`; WIA through `pywin32` COM "WIA.CommonDialog")
  and refuses clearly on any other OS.

Every source yields `Page` objects one at a time so a batch can save each page
as it arrives (see batch.py).
"""

from __future__ import annotations

import functools
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from PIL import Image

from counterapp.digitize.common import MIN_DPI, DigitizeError, Page, atomic_write_bytes

SOURCES = ("flatbed", "adf", "duplex")
MODES = ("color", "gray")
BACKENDS = ("sane", "escl", "twain", "wia")
REMEMBERED_FILE = "scanner.json"


@dataclass(frozen=True)
class ScanSettings:
    """What to scan with and how. Defaults meet the rules: colour, 200 dpi."""

    backend: str = "sane"
    device: str = ""
    dpi: int = MIN_DPI
    mode: str = "color"
    source: str = "flatbed"
    escl_url: str = ""
    escl_verify_tls: bool = True
    """Many network scanners serve HTTPS with a self-signed certificate: IT may turn checking off."""

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise DigitizeError(
                f"Loại máy quét không hỗ trợ: {self.backend!r} / unknown scanner backend (sane, escl, twain, wia)"
            )
        if self.source not in SOURCES:
            raise DigitizeError(
                f"Nguồn giấy không hợp lệ: {self.source!r} / unknown source (flatbed, adf, duplex)"
            )
        if self.mode not in MODES:
            raise DigitizeError(f"Chế độ màu không hợp lệ: {self.mode!r} / unknown colour mode (color, gray)")
        if int(self.dpi) < MIN_DPI:
            raise DigitizeError(
                f"Độ phân giải tối thiểu {MIN_DPI} dpi, đã chọn {self.dpi} / at least {MIN_DPI} dpi required"
            )

    @property
    def meets_rules(self) -> bool:
        """Colour and at least 200 dpi (gray is allowed but is not a compliant copy)."""
        return self.mode == "color" and self.dpi >= MIN_DPI

    @classmethod
    def from_mapping(cls, data: dict[str, Any], base: ScanSettings | None = None) -> ScanSettings:
        base = base or cls()
        known = {
            k: data[k] for k in ("backend", "device", "dpi", "mode", "source", "escl_url", "escl_verify_tls") if k in data
        }
        if "escl_verify_tls" in known:
            known["escl_verify_tls"] = bool(known["escl_verify_tls"])
        if "dpi" in known:
            try:
                known["dpi"] = int(known["dpi"])
            except (TypeError, ValueError) as exc:
                raise DigitizeError(f"dpi phải là số / dpi must be a number: {known['dpi']!r}") from exc
        for key in ("backend", "device", "mode", "source", "escl_url"):
            if key in known:
                known[key] = str(known[key])
        return replace(base, **known)


def load_scan_settings(config: Any, data_dir: str | Path | None = None) -> ScanSettings:
    """Site defaults from `[scanner]` in site.toml, then the officer's remembered choice."""
    settings = ScanSettings.from_mapping(config.section("scanner") if config is not None else {})
    if data_dir is not None:
        path = Path(data_dir) / REMEMBERED_FILE
        if path.exists():
            try:
                settings = ScanSettings.from_mapping(json.loads(path.read_text(encoding="utf-8")), settings)
            except (ValueError, DigitizeError):
                pass  # a damaged preference file falls back to the site defaults
    return settings


def remember_scan_settings(data_dir: str | Path, settings: ScanSettings) -> None:
    """Keep the chosen scanner and settings for the next session on this PC."""
    atomic_write_bytes(
        Path(data_dir) / REMEMBERED_FILE, json.dumps(asdict(settings), ensure_ascii=False, indent=2).encode()
    )


@dataclass(frozen=True)
class DeviceInfo:
    name: str
    description: str
    backend: str


@runtime_checkable
class ScannerSource(Protocol):
    backend: str

    def list_devices(self) -> list[DeviceInfo]: ...

    def scan(self, settings: ScanSettings) -> Iterator[Page]: ...


def source_for(settings: ScanSettings) -> ScannerSource:
    if settings.backend == "sane":
        return SaneSource()
    if settings.backend == "escl":
        return EsclSource(settings.escl_url or settings.device, verify_tls=settings.escl_verify_tls)
    return WindowsTwainSource(use_wia=settings.backend == "wia")


def scan_pages(settings: ScanSettings) -> Iterator[Page]:
    return source_for(settings).scan(settings)


# --------------------------------------------------------------------------- SANE

_SANE_SOURCE_NAMES = {
    "flatbed": ("flatbed", "platen", "normal"),
    "adf": ("automatic document feeder", "adf front", "adf", "feeder", "adf simplex", "adf-front"),
    "duplex": ("adf duplex", "duplex", "adf-duplex", "automatic document feeder(duplex)"),
}


def _pick_source(choices: list[str], wanted: str) -> str | None:
    lowered = {c.lower(): c for c in choices if isinstance(c, str)}
    for candidate in _SANE_SOURCE_NAMES[wanted]:
        if candidate in lowered:
            return lowered[candidate]
    for low, original in lowered.items():
        if wanted == "duplex" and "duplex" in low:
            return original
        if wanted == "adf" and ("adf" in low or "feeder" in low) and "duplex" not in low:
            return original
    return None


def _sane_mode(choices: list[str], wanted: str) -> str | None:
    names = ("color", "colour", "24bit color", "rgb") if wanted == "color" else ("gray", "grey", "grayscale", "8bit gray")
    lowered = {c.lower(): c for c in choices if isinstance(c, str)}
    for name in names:
        if name in lowered:
            return lowered[name]
    for low, original in lowered.items():
        if names[0] in low:
            return original
    return None


_sane_ready = False
# SANE is not thread-safe: two threads inside it at once (a device listing while a scan
# runs, two windows listing devices) abort the process. Every call into it holds this
# lock; a scan holds it until its last page is out.
_SANE_LOCK = threading.RLock()


def ignore_sigpipe() -> None:
    """Put SIGPIPE back to "ignored" for the whole process.

    Python starts with SIGPIPE ignored, so a write to a closed socket or pipe raises an error
    the code handles (a portal connection reset during an upload is retried). libsane's backends
    set it back to the default ("terminate") while they work: measured with the `test` backend,
    the test process was killed by SIGPIPE (exit 141) on a later write to a closed pipe, and the
    window could be killed the same way by a connection reset after a scan. `signal.signal`
    works only on the main thread and scanning runs in a worker, so this goes through libc.
    """
    if sys.platform == "win32":
        return
    import signal

    _libc_signal()(int(signal.SIGPIPE), 1)  # SIG_IGN


@functools.cache
def _libc_signal():  # noqa: ANN202
    import ctypes

    signal_function = ctypes.CDLL(None, use_errno=True).signal
    signal_function.argtypes = [ctypes.c_int, ctypes.c_void_p]
    signal_function.restype = ctypes.c_void_p
    return signal_function


class SaneSource:
    """SANE scanners (Linux, macOS with sane-backends) via python-sane, else `scanimage`."""

    backend = "sane"

    def __init__(self) -> None:
        try:
            import sane  # type: ignore[import-not-found]

            self._sane = sane
        except ImportError:
            self._sane = None

    @property
    def uses_scanimage(self) -> bool:
        return self._sane is None

    def _init(self) -> None:
        global _sane_ready
        with _SANE_LOCK:
            if not _sane_ready:
                self._sane.init()
                ignore_sigpipe()
                _sane_ready = True

    def list_devices(self) -> list[DeviceInfo]:
        if self._sane is None:
            return self._scanimage_list()
        with _SANE_LOCK:
            self._init()
            try:
                devices = self._sane.get_devices()
            finally:
                ignore_sigpipe()
        return [DeviceInfo(d[0], " ".join(x for x in d[1:] if x), "sane") for d in devices]

    def scan(self, settings: ScanSettings) -> Iterator[Page]:
        if not settings.device:
            raise DigitizeError("Chưa chọn máy quét / no scanner chosen")
        if self._sane is None:
            yield from self._scanimage_scan(settings)
            return
        with _SANE_LOCK:
            yield from self._sane_scan(settings)

    def _sane_scan(self, settings: ScanSettings) -> Iterator[Page]:
        self._init()
        try:
            dev = self._sane.open(settings.device)
        except Exception as exc:  # _sane.error
            raise DigitizeError(
                f"Không mở được máy quét {settings.device}: {exc} / cannot open scanner"
            ) from exc
        try:
            options = {o[1]: o for o in dev.get_options()}
            if "mode" in options and options["mode"][8]:
                mode = _sane_mode(options["mode"][8], settings.mode)
                if mode is None:
                    raise DigitizeError(f"Máy quét không có chế độ {settings.mode} / mode not offered")
                dev.mode = mode
            if "resolution" in options:
                dev.resolution = settings.dpi
            if "source" in options and options["source"][8]:
                src = _pick_source(options["source"][8], settings.source)
                if src is None:
                    raise DigitizeError(
                        f"Máy quét không hỗ trợ nguồn '{settings.source}' (có: {', '.join(options['source'][8])})"
                        f" / source not offered by this scanner"
                    )
                dev.source = src
            elif settings.source != "flatbed":
                raise DigitizeError("Máy quét không có khay nạp giấy / scanner has no document feeder")
            dpi = int(round(float(getattr(dev, "resolution", settings.dpi) or settings.dpi)))
            if settings.source == "flatbed":
                image = dev.scan()
                ignore_sigpipe()
                yield Page(_rgb(image, settings.mode), dpi=dpi, origin=f"sane:{settings.device}")
            else:
                for image in dev.multi_scan():
                    ignore_sigpipe()  # before handing the page on: the caller may write to a socket
                    yield Page(_rgb(image, settings.mode), dpi=dpi, origin=f"sane:{settings.device}")
        except DigitizeError:
            raise
        except Exception as exc:
            raise DigitizeError(f"Lỗi khi quét: {exc} / scan failed") from exc
        finally:
            dev.close()
            ignore_sigpipe()

    # scanimage fallback (python-sane missing)
    def _scanimage(self) -> str:
        exe = shutil.which("scanimage")
        if not exe:
            raise DigitizeError("Chưa cài SANE (scanimage) / SANE is not installed")
        return exe

    def _scanimage_list(self) -> list[DeviceInfo]:
        out = subprocess.run(
            [self._scanimage(), "-f", "%d\t%v %m%n"], capture_output=True, text=True, timeout=60
        ).stdout
        return [DeviceInfo(*line.split("\t", 1), "sane") for line in out.splitlines() if "\t" in line]

    def _scanimage_scan(self, settings: ScanSettings) -> Iterator[Page]:
        names = {"flatbed": "Flatbed", "adf": "Automatic Document Feeder", "duplex": "ADF Duplex"}
        with tempfile.TemporaryDirectory(prefix="counter-scan-") as tmp:
            cmd = [
                self._scanimage(), "-d", settings.device, "--format=png",
                "--resolution", str(settings.dpi), "--mode", "Color" if settings.mode == "color" else "Gray",
                "--source", names[settings.source],
            ]
            if settings.source == "flatbed":
                out = Path(tmp) / "p0001.png"
                proc = subprocess.run([*cmd, "-o", str(out)], capture_output=True, text=True)
                files = [out] if proc.returncode == 0 else []
            else:
                proc = subprocess.run([*cmd, f"--batch={tmp}/p%04d.png"], capture_output=True, text=True)
                files = sorted(Path(tmp).glob("p*.png"))
            if not files:
                raise DigitizeError(f"Lỗi khi quét: {proc.stderr.strip()} / scan failed")
            for path in files:
                with Image.open(path) as img:
                    yield Page(_rgb(img, settings.mode), dpi=settings.dpi, origin=f"scanimage:{settings.device}")


def _rgb(image: Image.Image, mode: str) -> Image.Image:
    want = "RGB" if mode == "color" else "L"
    return image.convert(want) if image.mode != want else image.copy()


# --------------------------------------------------------------------------- eSCL

PWG = "http://www.pwg.org/schemas/2010/12/sm"
SCAN = "http://schemas.hp.com/imaging/escl/2011/05/03"


class EsclSource:
    """An eSCL (AirScan) scanner at `base_url`, e.g. `http://192.168.1.20/eSCL`."""

    backend = "escl"

    def __init__(self, base_url: str, timeout: float = 30.0, verify_tls: bool = True, busy_wait: float = 120.0) -> None:
        if not base_url:
            raise DigitizeError("Chưa nhập địa chỉ máy quét mạng (eSCL) / no eSCL scanner URL set")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        import requests

        self._http = requests.Session()
        self._http.verify = verify_tls
        self.busy_wait = busy_wait

    def capabilities(self) -> ET.Element:
        import requests

        try:
            resp = self._http.get(f"{self.base_url}/ScannerCapabilities", timeout=self.timeout)
            resp.raise_for_status()
        except requests.RequestException as exc:
            raise DigitizeError(f"Không kết nối được máy quét mạng {self.base_url}: {exc} / scanner unreachable") from exc
        return ET.fromstring(resp.content)

    def list_devices(self) -> list[DeviceInfo]:
        caps = self.capabilities()
        model = caps.findtext(f"{{{PWG}}}MakeAndModel") or "eSCL scanner"
        return [DeviceInfo(self.base_url, model, "escl")]

    def scan(self, settings: ScanSettings) -> Iterator[Page]:
        import requests

        caps = self.capabilities()
        has_feeder = caps.find(f"{{{SCAN}}}Adf") is not None
        if settings.source != "flatbed" and not has_feeder:
            raise DigitizeError("Máy quét không có khay nạp giấy / scanner has no document feeder")
        if settings.source == "duplex" and caps.find(f".//{{{SCAN}}}AdfDuplexInputCaps") is None:
            raise DigitizeError("Máy quét không quét được hai mặt / scanner cannot scan both sides (duplex)")
        body = self._job_xml(settings)
        try:
            resp = self._http.post(
                f"{self.base_url}/ScanJobs", data=body, headers={"Content-Type": "text/xml"}, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise DigitizeError(f"Không gửi được lệnh quét: {exc} / cannot start the scan job") from exc
        if resp.status_code == 503:
            raise DigitizeError("Máy quét đang bận / scanner busy")
        if resp.status_code != 201 or "Location" not in resp.headers:
            raise DigitizeError(f"Máy quét từ chối lệnh quét (HTTP {resp.status_code}) / scan job refused")
        job = resp.headers["Location"]
        if job.startswith("/"):
            from urllib.parse import urljoin

            job = urljoin(self.base_url + "/", job)
        job = job.rstrip("/")
        busy_since = None
        while True:
            try:
                page = self._http.get(f"{job}/NextDocument", timeout=self.timeout)
            except requests.RequestException as exc:
                raise DigitizeError(f"Mất kết nối với máy quét: {exc} / scanner connection lost") from exc
            if page.status_code == 404:
                return
            if page.status_code == 503:  # still scanning the next sheet
                busy_since = busy_since or time.monotonic()
                if time.monotonic() - busy_since > self.busy_wait:
                    raise DigitizeError("Máy quét không trả trang tiếp theo (kẹt giấy?) / scanner stopped responding")
                time.sleep(0.2)
                continue
            busy_since = None
            if page.status_code != 200:
                raise DigitizeError(f"Máy quét trả lỗi HTTP {page.status_code} / scanner error")
            data = page.content
            image = Image.open(io.BytesIO(data))
            image.load()
            encoded = data if image.format == "JPEG" and settings.mode == "color" and image.mode == "RGB" else None
            # a platen job has one page: the next NextDocument answers 404 and ends the loop
            yield Page(_rgb(image, settings.mode), dpi=settings.dpi, encoded=encoded, origin=f"escl:{self.base_url}")

    @staticmethod
    def _job_xml(settings: ScanSettings) -> bytes:
        source = "Platen" if settings.source == "flatbed" else "Feeder"
        duplex = "<scan:Duplex>true</scan:Duplex>" if settings.source == "duplex" else ""
        color = "RGB24" if settings.mode == "color" else "Grayscale8"
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<scan:ScanSettings xmlns:scan="{SCAN}" xmlns:pwg="{PWG}">'
            "<pwg:Version>2.63</pwg:Version>"
            "<scan:Intent>Document</scan:Intent>"
            f"<pwg:InputSource>{source}</pwg:InputSource>"
            f"<scan:ColorMode>{color}</scan:ColorMode>"
            f"<scan:XResolution>{settings.dpi}</scan:XResolution>"
            f"<scan:YResolution>{settings.dpi}</scan:YResolution>"
            "<pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>"
            "<scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt>"
            f"{duplex}"
            "</scan:ScanSettings>"
        ).encode()


# --------------------------------------------------------------------------- Windows

class WindowsTwainSource:
    """TWAIN (via `pytwain`, import name `twain`) or WIA (via `pywin32` COM) on Windows.

    UNTESTED: there is no Windows machine in this project's test setup. The code
    is kept minimal on purpose; everything after acquisition (batch, clean-up,
    PDF) is the same tested path as for SANE and eSCL.
    """

    backend = "twain"

    def __init__(self, use_wia: bool = False) -> None:
        self.use_wia = use_wia
        if sys.platform != "win32":
            raise DigitizeError(
                "TWAIN/WIA chỉ có trên Windows; hãy dùng SANE hoặc eSCL / TWAIN and WIA are available on Windows only"
            )

    def list_devices(self) -> list[DeviceInfo]:  # pragma: no cover - Windows only
        if self.use_wia:
            import win32com.client  # type: ignore[import-not-found]

            manager = win32com.client.Dispatch("WIA.DeviceManager")
            return [
                DeviceInfo(info.DeviceID, info.Properties("Name").Value, "wia") for info in manager.DeviceInfos
            ]
        import twain  # type: ignore[import-not-found]

        with twain.SourceManager() as sm:
            return [DeviceInfo(name, name, "twain") for name in sm.source_list]

    def scan(self, settings: ScanSettings) -> Iterator[Page]:  # pragma: no cover - Windows only
        with tempfile.TemporaryDirectory(prefix="counter-scan-") as tmp:
            if self.use_wia:
                import win32com.client  # type: ignore[import-not-found]

                dialog = win32com.client.Dispatch("WIA.CommonDialog")
                item = dialog.ShowAcquireImage()
                if item is None:
                    return
                path = os.path.join(tmp, "page.bmp")
                item.SaveFile(path)
                with Image.open(path) as img:
                    yield Page(_rgb(img, settings.mode), dpi=settings.dpi, origin="wia")
                return
            import twain  # type: ignore[import-not-found]

            with twain.SourceManager() as sm:
                src = sm.open_source(settings.device or None)
                src.set_capability(twain.ICAP_XRESOLUTION, twain.TWTY_FIX32, float(settings.dpi))
                src.set_capability(twain.ICAP_YRESOLUTION, twain.TWTY_FIX32, float(settings.dpi))
                src.set_capability(
                    twain.ICAP_PIXELTYPE, twain.TWTY_UINT16, twain.TWPT_RGB if settings.mode == "color" else twain.TWPT_GRAY
                )
                if settings.source != "flatbed":
                    src.set_capability(twain.CAP_FEEDERENABLED, twain.TWTY_BOOL, True)
                    src.set_capability(twain.CAP_DUPLEXENABLED, twain.TWTY_BOOL, settings.source == "duplex")
                src.request_acquire(show_ui=False, modal_ui=False)
                more = 1
                while more:
                    handle, more = src.xfer_image_natively()
                    path = os.path.join(tmp, "page.bmp")
                    twain.dib_to_bm_file(handle, path)
                    twain.global_handle_free(handle)
                    with Image.open(path) as img:
                        yield Page(_rgb(img, settings.mode), dpi=settings.dpi, origin=f"twain:{settings.device}")
