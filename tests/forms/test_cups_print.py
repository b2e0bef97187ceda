"""`counterapp print ... --printer NAME` to a real CUPS queue: a cupsd of the test's own (its own
configuration, spool and socket in a temporary folder; the system's CUPS is not touched) with a
queue whose device is a file. The queue's driver hands the PDF Qt sends through CUPS's own
pdftopdf filter to the file, so what lands there is what a printer would get, read back with
pdftotext.

Needs Debian's `cups-daemon cups-client cups-filters` (scripts/debian-packages-test.txt) and root
(cupsd starts as root and runs filters as `lp`); skipped with the reason otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from counterapp.app import AppContext
from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.models import PrintRecord
from tests.forms.conftest import pdf_pages, pdf_text
from tests.forms.test_dossier_forms import ctx, intake  # noqa: F401 - ctx is a fixture

ROOT = Path(__file__).resolve().parents[2]
QUEUE = "testq"
# A PostScript Printer Description of a PDF printer: CUPS runs pdftopdf and sends the PDF as is
# (Debian's "Generic PDF Printer" would wrap it in PJL). ISOLatin1 text, as PPDs must be.
PPD = """*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "COUNTER.PPD"
*Manufacturer: "Counter"
*Product: "(PDF to a file)"
*ModelName: "Counter test PDF queue"
*ShortNickName: "Counter test PDF queue"
*NickName: "Counter test PDF queue"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsVersion: 2.4
*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"
*OpenUI *PageSize/Page Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: ""
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: ""
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
"""


def _tool(name: str) -> str | None:
    return shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/sbin/{name}") if os.access(p, os.X_OK)), None)


def _why_not() -> str | None:
    if not sys.platform.startswith("linux"):
        return "the CUPS test runs on Linux"
    if os.geteuid() != 0:
        return "cupsd must start as root (it runs its filters as lp); run the suite as root, as CI does"
    missing = [t for t in ("cupsd", "lpadmin", "lpstat") if _tool(t) is None]
    if missing or not Path("/usr/lib/cups/filter/pdftopdf").exists():
        return (f"CUPS is not installed ({', '.join(missing) or 'pdftopdf'} missing): apt-get install "
                "cups-daemon cups-client cups-filters (scripts/debian-packages-test.txt)")
    return None


def _wait(what: str, ready, seconds: float = 60) -> None:  # noqa: ANN001
    """Poll until `ready()` (not a timing assertion: a bound on a hang)."""
    end = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > end:
            raise AssertionError(f"{what}: not ready after {seconds:.0f} s")
        time.sleep(0.2)


@pytest.fixture
def cups() -> Iterator[dict]:
    """A cupsd of its own with the file queue `testq`; stopped and removed afterwards."""
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    # Not pytest's tmp_path: its parents are private to root, and the filters run as lp.
    root = Path(tempfile.mkdtemp(prefix="counter-cups-"))
    root.chmod(0o755)
    for sub in ("spool", "cache", "state", "log", "ppd"):
        (root / sub).mkdir()
    (root / "tmp").mkdir(mode=0o1777)
    (root / "tmp").chmod(0o1777)
    (root / "cups-files.conf").write_text(
        f"ServerRoot {root}\nRequestRoot {root}/spool\nCacheDir {root}/cache\nStateDir {root}/state\n"
        f"TempDir {root}/tmp\nErrorLog {root}/log/error_log\nAccessLog {root}/log/access_log\n"
        f"PageLog {root}/log/page_log\nPrintcap {root}/printcap\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
        "FileDevice Yes\nUser lp\nGroup lp\nSystemGroup root\n",
        encoding="utf-8",
    )
    socket = root / "cups.sock"
    (root / "cupsd.conf").write_text(
        f"Listen {socket}\nLogLevel info\nWebInterface No\nBrowsing No\nDefaultAuthType None\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n",
        encoding="utf-8",
    )
    (root / "counter.ppd").write_text(PPD, encoding="latin-1")
    env = dict(os.environ, CUPS_SERVER=str(socket))
    daemon = subprocess.Popen(
        [_tool("cupsd"), "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    try:
        def up() -> bool:
            if daemon.poll() is not None:
                raise AssertionError(f"cupsd stopped: {daemon.stderr.read().decode(errors='replace')}")
            return subprocess.run([_tool("lpstat"), "-r"], env=env, capture_output=True, text=True).stdout.strip() \
                == "scheduler is running"

        _wait("cupsd", up)
        output = root / "out" / "printed.pdf"
        output.parent.mkdir()
        subprocess.run(
            [_tool("lpadmin"), "-p", QUEUE, "-E", "-v", f"file://{output}", "-P", str(root / "counter.ppd")],
            env=env, check=True, capture_output=True,
        )
        yield {"env": env, "output": output, "root": root}
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        shutil.rmtree(root, ignore_errors=True)


def _completed(env: dict) -> list[str]:
    done = subprocess.run([_tool("lpstat"), "-W", "completed", "-o", QUEUE], env=env, capture_output=True, text=True)
    return [line.split()[0] for line in done.stdout.splitlines() if line.strip()]


def _print(data_dir: Path, env: dict, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(env, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), COUNTERAPP_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-m", "counterapp", "--data-dir", str(data_dir), "print", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def _job_output(cups: dict, jobs_before: int) -> Path:
    """The file the queue wrote once the next job completed."""
    _wait("the print job", lambda: len(_completed(cups["env"])) > jobs_before and cups["output"].exists())
    return cups["output"]


def test_a_receipt_printed_to_a_cups_queue_is_a_pdf_with_its_text(
    gui, cups: dict, ctx: AppContext, data_dir: Path
) -> None:
    code = create_dossier(ctx, intake(), officer="Trần Văn Bình").code
    done = _print(data_dir, cups["env"], "receipt", code, "--printer", QUEUE)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["printer"] == QUEUE
    out = _job_output(cups, 0)
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert code in text and "GIẤY TIẾP NHẬN HỒ SƠ" in text and "Nguyễn Thị Hồng Đào" in text
    assert len(pdf_pages(out)) == 2  # the two copies, one job
    with ctx.sessions() as session:
        record = session.scalars(select(PrintRecord)).one()
    assert (record.form, record.target, json.loads(record.details_json)["printer"]) == ("receipt", "printer", QUEUE)


def test_a_batch_is_one_job_on_the_queue(gui, cups: dict, ctx: AppContext, data_dir: Path) -> None:
    codes = [create_dossier(ctx, intake(), officer="Trần Văn Bình").code for _ in range(3)]
    done = _print(data_dir, cups["env"], "routing_slip", *codes, "--printer", QUEUE)
    assert done.returncode == 0, done.stderr
    out = _job_output(cups, 0)
    assert len(_completed(cups["env"])) == 1  # one job for the three dossiers
    text = pdf_text(out)
    assert all(code in text for code in codes)
    assert len(pdf_pages(out)) == json.loads(done.stdout)["pages"] == 3


def test_an_unknown_queue_prints_nothing_and_says_which_exist(gui, cups: dict, ctx: AppContext, data_dir: Path) -> None:
    code = create_dossier(ctx, intake(), officer="Trần Văn Bình").code
    done = _print(data_dir, cups["env"], "receipt", code, "--printer", "khongco")
    assert done.returncode == 2
    assert "Không có máy in 'khongco'" in done.stderr and QUEUE in done.stderr and "Traceback" not in done.stderr
    assert _completed(cups["env"]) == []
