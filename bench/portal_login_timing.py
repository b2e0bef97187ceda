"""Does the reference portal's sign-in answer tell which user names exist? Times wrong
passwords for a known user and for unknown ones against the real portal on 127.0.0.1
and prints the medians (before the dummy hash: 73 ms vs 2 ms).

    python bench/portal_login_timing.py [--n 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from sync import protocol as p
    from sync.portal.server import PortalThread
    from sync.portal.users import Throttle

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # The throttle would answer 429 at once after a few failures: lift it for the measure.
        server = PortalThread(f"sqlite:///{tmp}/p.db", catalog=[], throttle=Throttle(user_free=10**6, ip_free=10**6))
        server.start()
        url = server.url + p.API_PREFIX + "/auth/login"
        try:
            with requests.Session() as http:
                times: dict[str, list[float]] = {"known user, wrong password": [], "unknown user": []}
                for i in range(args.n):
                    for label, name in (("known user, wrong password", "officer"), ("unknown user", f"nobody{i}")):
                        t0 = time.perf_counter()
                        answer = http.post(url, json={"username": name, "password": "wrong"})
                        times[label].append((time.perf_counter() - t0) * 1000)
                        assert answer.status_code == 401
        finally:
            server.stop()
    for label, values in times.items():
        print(f"{label:28s} median {statistics.median(values):6.1f} ms  (n={len(values)})")


if __name__ == "__main__":
    main()
