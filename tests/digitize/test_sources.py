"""Scanners: SANE's `test` backend (own SANE_CONFIG_DIR) for flatbed and feeder batches, and a
small eSCL server on 127.0.0.1 for the network path. TWAIN/WIA cannot run here (Windows only):
only its clear refusal on this OS is checked."""

from __future__ import annotations

import re
import sys
import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pikepdf
import pytest

from counterapp.cli import main
from counterapp.digitize.common import DigitizeError
from counterapp.digitize.pdfbuild import read_pdf_info
from counterapp.digitize.pipeline import scan_to_pdf
from counterapp.digitize.sources import (
    EsclSource,
    SaneSource,
    ScanSettings,
    WindowsTwainSource,
    load_scan_settings,
    remember_scan_settings,
)
from tests.digitize.conftest import images_of, jpeg_bytes, text_page


def test_settings_defaults_meet_the_rules_and_bad_values_are_refused():
    settings = ScanSettings()
    assert settings.mode == "color" and settings.dpi >= 200 and settings.meets_rules
    with pytest.raises(DigitizeError, match="200 dpi"):
        ScanSettings(dpi=150)
    with pytest.raises(DigitizeError, match="Nguồn giấy"):
        ScanSettings(source="tray")


def test_settings_from_site_config_then_remembered_choice(tmp_path):
    from counterapp.config import parse_site_config

    config = parse_site_config({"scanner": {"backend": "sane", "device": "test:0", "dpi": 300, "source": "adf"}})
    settings = load_scan_settings(config, tmp_path)
    assert (settings.device, settings.dpi, settings.source) == ("test:0", 300, "adf")
    remember_scan_settings(tmp_path, ScanSettings(device="test:1", dpi=200, source="flatbed"))
    again = load_scan_settings(config, tmp_path)
    assert (again.device, again.dpi, again.source) == ("test:1", 200, "flatbed")


def test_twain_is_refused_clearly_off_windows():
    if sys.platform == "win32":
        pytest.skip("this checks the refusal on other systems")
    with pytest.raises(DigitizeError, match="Windows"):
        WindowsTwainSource()


# ------------------------------------------------------------------ SANE


def test_sane_lists_test_devices(sane_config_dir):
    names = [d.name for d in SaneSource().list_devices()]
    assert "test:0" in names


def test_sane_flatbed_page(sane_config_dir):
    (page,) = list(SaneSource().scan(ScanSettings(device="test:0", dpi=200, source="flatbed")))
    assert page.image.mode == "RGB" and page.dpi == 200
    assert page.image.width == pytest.approx(80 / 25.4 * 200, abs=3)  # the test device's 80 mm width


def _sigpipe_ignored() -> bool:
    status = open("/proc/self/status").read()
    mask = next(line for line in status.splitlines() if line.startswith("SigIgn:")).split()[1]
    return bool(int(mask, 16) & (1 << (13 - 1)))  # SIGPIPE is signal 13


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_a_sane_scan_leaves_sigpipe_ignored(sane_config_dir):
    """libsane sets SIGPIPE back to "terminate"; after that a connection reset during an upload
    killed the whole process (the test suite died with exit 141). Scanning must leave it ignored."""
    assert _sigpipe_ignored()
    list(SaneSource().scan(ScanSettings(device="test:0", dpi=200, source="flatbed")))
    SaneSource().list_devices()
    assert _sigpipe_ignored()


def test_sane_feeder_batch_to_pdf_via_cli(sane_config_dir, data_dir, capsys):
    out = data_dir / "feeder.pdf"
    status = main(["scan", "--device", "test:0", "--source", "adf", "--dpi", "200", "--out", str(out),
                   "--dossier", "H49.22-261128-0003", "--document", "GT01", "--json"])
    assert status == 0, capsys.readouterr().err
    info = read_pdf_info(out)
    assert info["page_count"] == 10  # the test backend's feeder holds ten sheets
    assert info["min_dpi"] == 200 and info["pdfa_part"] == "2"
    with pikepdf.open(out) as pdf:
        image = images_of(pdf.pages[0])[0]
        assert image.ColorSpace == pikepdf.Name.DeviceRGB
    assert not any((data_dir / "scan-batches").iterdir())  # the finished batch is cleaned away


def test_sane_without_feeder_source_name_is_refused(sane_config_dir):
    with pytest.raises(DigitizeError, match="duplex"):
        list(SaneSource().scan(ScanSettings(device="test:0", source="duplex")))


def test_scanimage_fallback_when_python_sane_is_missing(sane_config_dir):
    source = SaneSource()
    source._sane = None  # as on a machine where python-sane could not be built
    pages = list(source.scan(ScanSettings(device="test:0", source="adf")))
    assert len(pages) == 10 and pages[0].dpi == 200


# ------------------------------------------------------------------ eSCL

CAPS = """<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03"
  xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
 <pwg:Version>2.63</pwg:Version><pwg:MakeAndModel>Counter Test eSCL</pwg:MakeAndModel>
 <scan:Platen><scan:PlatenInputCaps/></scan:Platen>
 <scan:Adf><scan:AdfSimplexInputCaps/>{duplex}</scan:Adf>
</scan:ScannerCapabilities>"""


class EsclServer:
    """A tiny eSCL scanner: capabilities, a job per POST, pages by NextDocument, 404 when empty."""

    def __init__(self, pages: list[bytes], duplex: bool = True) -> None:
        self.pages = pages
        self.caps = CAPS.replace("{duplex}", "<scan:AdfDuplexInputCaps/>" if duplex else "").encode()
        self.jobs: dict[str, list[bytes]] = {}
        self.settings: list[ET.Element] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, code, body=b"", ctype="text/xml", headers=None):
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path == "/eSCL/ScannerCapabilities":
                    return self._send(200, server.caps)
                m = re.fullmatch(r"/eSCL/ScanJobs/(\w+)/NextDocument", self.path)
                if m and server.jobs.get(m.group(1)):
                    return self._send(200, server.jobs[m.group(1)].pop(0), "image/jpeg")
                return self._send(404)

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                root = ET.fromstring(body)
                server.settings.append(root)
                job = f"job{len(server.jobs) + 1}"
                source = root.findtext("{http://www.pwg.org/schemas/2010/12/sm}InputSource")
                server.jobs[job] = list(server.pages if source == "Feeder" else server.pages[:1])
                return self._send(201, headers={"Location": f"/eSCL/ScanJobs/{job}"})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/eSCL"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def escl_pages():
    return [jpeg_bytes(text_page(size=(827, 1169), seed=i), dpi=None) for i in range(3)]


def test_escl_feeder_job_pages_arrive_untouched(escl_pages, data_dir):
    with EsclServer(escl_pages) as server:
        assert EsclSource(server.url).list_devices()[0].description == "Counter Test eSCL"
        settings = ScanSettings(backend="escl", escl_url=server.url, source="adf", dpi=300)
        result = scan_to_pdf(settings, data_dir / "escl.pdf", data_dir, officer="D")
        sent = server.settings[0]
    assert sent.findtext("{http://schemas.hp.com/imaging/escl/2011/05/03}XResolution") == "300"
    assert sent.findtext("{http://schemas.hp.com/imaging/escl/2011/05/03}ColorMode") == "RGB24"
    assert result.built[0].page_count == 3 and result.built[0].min_dpi == 300
    with pikepdf.open(data_dir / "escl.pdf") as pdf:
        for page, data in zip(pdf.pages, escl_pages, strict=False):
            # text pages are stored bilevel (encode.py), at the density the scanner gave
            image = pikepdf.PdfImage(images_of(page)[0])
            assert image.filters == ["/CCITTFaxDecode"] and image.width == 827 and data


def test_escl_duplex_asks_the_feeder_for_both_sides(escl_pages):
    with EsclServer(escl_pages) as server:
        pages = list(EsclSource(server.url).scan(ScanSettings(backend="escl", escl_url=server.url, source="duplex")))
        sent = server.settings[0]
    assert len(pages) == 3
    assert sent.findtext("{http://www.pwg.org/schemas/2010/12/sm}InputSource") == "Feeder"
    assert sent.findtext("{http://schemas.hp.com/imaging/escl/2011/05/03}Duplex") == "true"


def test_escl_duplex_refused_when_the_scanner_has_no_duplex(escl_pages):
    with EsclServer(escl_pages, duplex=False) as server, pytest.raises(DigitizeError, match="hai mặt"):
        list(EsclSource(server.url).scan(ScanSettings(backend="escl", escl_url=server.url, source="duplex")))


def test_escl_flatbed_gives_one_page(escl_pages):
    with EsclServer(escl_pages) as server:
        pages = list(EsclSource(server.url).scan(ScanSettings(backend="escl", escl_url=server.url)))
    assert len(pages) == 1 and pages[0].encoded == escl_pages[0]


def test_cli_scan_over_escl(escl_pages, data_dir, capsys):
    with EsclServer(escl_pages) as server:
        out = data_dir / "net.pdf"
        assert main(["scan", "--backend", "escl", "--device", server.url, "--source", "adf", "--out", str(out)]) == 0
    assert read_pdf_info(out)["page_count"] == 3


def test_escl_unreachable_scanner_is_reported():
    with pytest.raises(DigitizeError, match="Không kết nối được máy quét mạng"):
        EsclSource("http://127.0.0.1:9/eSCL", timeout=2).list_devices()
