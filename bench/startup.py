"""Start-up time: process start -> main window shown and idle, against a bare PySide6
QMainWindow started the same way in the same run. Target (issue #2): ratio under 1.5.

"Catalog listed" means the data folder is open (migrations checked, demo catalog
present) and the catalog list is filled and searchable (the other pages attach after
that, their imports off the GUI thread); for the bare window, the first event-loop turn
after show(). Each child prints the wall-clock instant it went idle; the parent took the
instant just before spawning it.

    .venv/bin/python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

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
from ui.main_window import create_application, open_window
app = create_application()
w = open_window(sys.argv[1])
w.show()
shown = []
QTimer.singleShot(0, lambda: shown.append(time.time()))
def ready(_ctx):
    QTimer.singleShot(0, lambda: (print(time.time(), shown[0], w.catalog_view.model.rowCount()), app.quit()))
w.catalog_ready.connect(ready)
app.exec()
"""


def run_once(code: str, *args: str) -> tuple[float, float]:
    """(ms to idle, ms to the window's first idle turn) from just before the spawn."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    fields = out.stdout.split()
    idle = (float(fields[0]) - started) * 1000
    shown = (float(fields[1]) - started) * 1000 if len(fields) > 2 else idle
    return idle, shown


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="counter-startup-")
    first, _ = run_once(COUNTER, data_dir)  # first start: creates the database, loads the demo catalog
    bare, counter, shown = [], [], []
    for _ in range(args.runs):
        bare.append(run_once(BARE)[0])
        idle, first_turn = run_once(COUNTER, data_dir)
        counter.append(idle)
        shown.append(first_turn)
    b, c, s = statistics.median(bare), statistics.median(counter), statistics.median(shown)
    print(f"runs: {args.runs} each, interleaved; platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    print(f"bare QMainWindow                 median {b:7.0f} ms   min {min(bare):7.0f} ms")
    print(f"Counter window shown, idle       median {s:7.0f} ms   min {min(shown):7.0f} ms   ratio {s / b:5.2f}")
    print(f"Counter catalog listed (warm)    median {c:7.0f} ms   min {min(counter):7.0f} ms   ratio {c / b:5.2f}")
    print(f"Counter first start              {first:7.0f} ms (creates the database, loads the demo catalog)")
    print("target: ratio < 1.5")


if __name__ == "__main__":
    main()
