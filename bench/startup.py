"""Start-up time: process start -> main window shown and idle, against a bare PySide6
QMainWindow started the same way in the same run. Target (issue #2): ratio under 1.5.

The Counter child starts through `counterapp.cli.main`, the console script's entry.
Figures, each from just before the process is spawned:
- window shown and idle: the first event-loop turn after show() (the bare window: the same);
- catalog listed: the catalog's first page in the list and searchable, from the start-up
  reader (counterapp/catalog/reader.py), before SQLAlchemy is loaded;
- data folder open: AppContext attached (SQLAlchemy, models, migrations checked), the
  catalog record shown in full;
- all pages built: intake, dossier list and scanning pages built in idle time and attached.

The sources are byte-compiled first (what pip install and the PyInstaller bundle ship):
this machine sets PYTHONDONTWRITEBYTECODE=1, and an editable install would otherwise
compile every module of ours on every start.

    .venv/bin/python bench/startup.py [--runs 11]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1200, 760); w.show()
def idle():
    print(time.time()); app.quit()
QTimer.singleShot(0, idle)
app.exec()
"""

COUNTER = """
import time, sys
from PySide6.QtCore import QTimer
import counterapp.cli  # the `counterapp` command's own entry, as the console script runs it
marks = {}
def mark(name):
    marks.setdefault(name, time.time())
def watch(w):  # the same window run_gui shows; marks taken on its event loop
    QTimer.singleShot(0, lambda: mark("shown"))
    beats = []  # a 5 ms heartbeat on the GUI thread: its longest gap is the longest freeze
    heart = QTimer(w, interval=5)
    heart.timeout.connect(lambda: beats.append(time.time()))
    QTimer.singleShot(0, heart.start)
    w.catalog_view.model.modelReset.connect(lambda: w.catalog_view.model.rowCount() and mark("listed"))
    w.catalog_ready.connect(lambda _ctx: QTimer.singleShot(0, lambda: mark("opened")))
    def done():
        mark("pages")
        gap = max((b - a for a, b in zip(beats, beats[1:])), default=0.0)
        print(marks["shown"], marks["listed"], marks["opened"], marks["pages"], gap * 1000)
        w.close()
    w.context_ready.connect(lambda _ctx: QTimer.singleShot(0, done))
import ui.main_window as window_module  # imported by run_gui anyway; here only to watch the window
open_window = window_module.open_window
def watched_open_window(*args, **kwargs):
    w = open_window(*args, **kwargs)
    watch(w)
    return w
window_module.open_window = watched_open_window
counterapp.cli.main([])  # as an officer starts it: the data folder from the platform's user data folder
"""


def run_once(code: str, *args: str, home: str | None = None) -> list[float]:
    """Milliseconds from just before the spawn to each instant the child printed. With `home`,
    the child's platform user data folder is under it (XDG_DATA_HOME), as on a counter PC."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("COUNTERAPP_DATA_DIR", None)
    if home is not None:
        env["XDG_DATA_HOME"] = home
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    fields = out.stdout.split()
    return [(float(f) - started) * 1000 for f in fields[:4]] + [float(f) for f in fields[4:5]]


def byte_compile() -> None:
    root = Path(__file__).resolve().parent.parent
    for package in ("counterapp", "sync", "ui"):
        compileall.compile_dir(root / package, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    byte_compile()
    home = tempfile.mkdtemp(prefix="counter-startup-")
    first = run_once(COUNTER, home=home)  # first start: creates the database, loads the demo catalog
    bare: list[float] = []
    figures: list[list[float]] = [[], [], [], [], []]
    for _ in range(args.runs):
        bare.append(run_once(BARE)[0])
        for series, value in zip(figures, run_once(COUNTER, home=home), strict=False):
            series.append(value)
    b = statistics.median(bare)
    print(f"runs: {args.runs} each, interleaved; platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}; "
          "sources byte-compiled")
    print(f"bare QMainWindow shown, idle       median {b:6.0f} ms   min {min(bare):6.0f} ms")
    names = ("Counter window shown, idle", "Counter catalog listed", "Counter data folder open", "Counter all pages built")
    for name, series in zip(names, figures, strict=False):
        m = statistics.median(series)
        print(f"{name:34s} median {m:6.0f} ms   min {min(series):6.0f} ms   ratio {m / b:5.2f}"
              f" (of the minimums {min(series) / min(bare):5.2f})")
    stalls = figures[4]
    print(f"longest GUI-thread freeze, shown -> all pages built: median {statistics.median(stalls):.0f} ms, "
          f"max {max(stalls):.0f} ms")
    print(f"Counter first start (new folder)   shown {first[0]:.0f} ms, catalog listed {first[1]:.0f} ms, "
          f"all pages {first[3]:.0f} ms (creates the database, loads the demo catalog)")
    print("target: window shown and idle, ratio < 1.5")


if __name__ == "__main__":
    main()
