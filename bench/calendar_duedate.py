"""Due-date arithmetic speed: short and long durations on the 2026-2027 default calendar.

Prints microseconds per `compute_due` call for several duration sizes (working time,
calendar days, same-day), the same on a counter open on Saturdays that counts
Monday-Friday, and the time to load the calendar from a database (defaults, i.e. the
shipped 2026 file and the library for 2027, are cached after the first build).

    .venv/bin/python bench/calendar_duedate.py [--calls 20000]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

from counterapp.calendar.duedate import DurationUnit, compute_due
from counterapp.calendar.service import load_calendar
from counterapp.config import SiteConfig
from counterapp.db import make_engine, make_session_factory, upgrade_to_head

CUTOFF = clock(15, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=20000)
    args = parser.parse_args()
    config = SiteConfig()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(Path(folder) / "bench.db")
        upgrade_to_head(engine)
        sessions = make_session_factory(engine)
        for label in ("first load (builds statutory defaults)", "second load (cached defaults)"):
            started = time.perf_counter()
            with sessions() as session:
                calendar = load_calendar(session, config, [2026, 2027])
            print(f"{label}: {(time.perf_counter() - started) * 1000:.1f} ms")
        engine.dispose()
    rng = random.Random(1)
    base = datetime(2026, 1, 1, tzinfo=calendar.zone)
    receipts = [base + timedelta(minutes=rng.randrange(0, 365 * 1440)) for _ in range(args.calls)]
    saturday = dataclasses.replace(calendar, weekdays=frozenset(range(6)))  # counting stays Mon-Fri
    assert saturday.counting_weekdays == frozenset(range(5))
    cases = [(4, DurationUnit.WORKHOUR, False), (3, DurationUnit.WORKDAY, False), (20, DurationUnit.WORKDAY, False),
             (60, DurationUnit.WORKDAY, False), (500, DurationUnit.WORKDAY, False), (30, DurationUnit.DAY, False),
             (1, DurationUnit.WORKDAY, True)]
    for label, rules in (("Mon-Fri", calendar), ("Sat reception", saturday)):
        for amount, unit, same_day in cases:
            started = time.perf_counter()
            for received in receipts:
                compute_due(received, amount, unit, rules, CUTOFF if same_day else None, same_day=same_day)
            per_call = (time.perf_counter() - started) / len(receipts) * 1e6
            name = "same-day" if same_day else unit.value
            print(f"{label:<13} {amount:>4} {name:<9}: {per_call:7.1f} µs per call")


if __name__ == "__main__":
    main()
