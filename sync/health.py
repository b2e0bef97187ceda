"""The doctor's checks that talk to the portal: reachable, TLS certificate valid, clock agreed.

Why a clock check: appointments are computed on the counter PC (offline first), so a PC clock
that is off by a day prints a wrong appointment on a receipt the citizen keeps. The portal's
HTTP `Date` header is the reference; more than 2 minutes apart is an error (IT fixes NTP).

One GET of `/api/v1/health` answers all three (about 3 ms on loopback). The result lines have the
shape of `counterapp.doctor.Check`, so the faces run `core_checks` and these together.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import requests

from counterapp.doctor import Check, CheckFunction, Report, core_checks, run_all
from sync.protocol import API_PREFIX

CLOCK_TOLERANCE_SECONDS = 120


def check_portal(config: Any, *, timeout: float = 5.0) -> list[Check]:
    url = str(config.portal_url or "").rstrip("/")
    if not url:
        return [Check("portal", "warning", "Chưa đặt địa chỉ cổng: chỉ làm việc ngoại tuyến / no portal URL: offline only",
                      "IT đặt portal_url trong tệp cấu hình / IT sets portal_url in the site file")]
    ca_bundle = config.section("portal").get("ca_bundle") or None
    detail: dict[str, Any] = {"url": url, "ca_bundle": ca_bundle}
    sent = datetime.now(UTC)
    try:
        response = requests.get(f"{url}{API_PREFIX}/health", timeout=timeout, verify=ca_bundle or True)
    except requests.exceptions.SSLError as exc:
        return [Check("portal_tls", "error", f"Chứng chỉ TLS của cổng không hợp lệ / the portal's TLS certificate is not "
                      f"valid: {_short(exc)}", "Kiểm tra địa chỉ cổng và [portal] ca_bundle / check the portal URL and "
                      "[portal] ca_bundle", detail)]
    except requests.RequestException as exc:
        return [Check("portal", "error", f"Không kết nối được cổng {url} / the portal cannot be reached: {_short(exc)}",
                      "Kiểm tra mạng, tường lửa, proxy / check the network, firewall and proxy; "
                      "the app keeps working offline", detail)]
    received = datetime.now(UTC)
    detail["http_status"] = response.status_code
    detail["round_trip_ms"] = round((received - sent).total_seconds() * 1000)
    checks = []
    if response.status_code != 200:
        checks.append(Check("portal", "error", f"Cổng trả lời lỗi HTTP {response.status_code} / the portal answered "
                            f"HTTP {response.status_code}", "Báo quản trị cổng / tell the portal's administrators", detail))
    else:
        checks.append(Check("portal", "ok", f"Cổng trả lời sau {detail['round_trip_ms']} ms / the portal answers in "
                            f"{detail['round_trip_ms']} ms", detail=detail))
        if url.startswith("https://"):
            checks.append(Check("portal_tls", "ok", "Chứng chỉ TLS của cổng hợp lệ / the portal's TLS certificate is valid"))
    checks.append(_clock_check(response.headers.get("Date"), sent, received))
    return checks


def _clock_check(header: str | None, sent: datetime, received: datetime) -> Check:
    if not header:
        return Check("clock", "warning", "Cổng không gửi giờ: không so được đồng hồ / the portal sent no Date: clock not checked")
    try:
        portal_time = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return Check("clock", "warning", f"Giờ của cổng không đọc được / the portal's Date header is unreadable: {header!r}")
    if portal_time.tzinfo is None:
        portal_time = portal_time.replace(tzinfo=UTC)
    local = sent + (received - sent) / 2
    skew = (local - portal_time).total_seconds()
    detail = {"skew_seconds": round(skew, 1), "portal_time": portal_time.isoformat()}
    # The Date header has whole seconds: allow one more.
    if abs(skew) > CLOCK_TOLERANCE_SECONDS + 1:
        direction = "nhanh" if skew > 0 else "chậm"
        return Check("clock", "error", f"Đồng hồ máy {direction} {abs(skew) / 60:.0f} phút so với cổng: ngày hẹn sẽ sai / "
                     f"this PC's clock is {abs(skew) / 60:.0f} min {'ahead' if skew > 0 else 'behind'} of the portal: "
                     "appointments will be wrong", "Bật đồng bộ giờ (NTP) của hệ điều hành / turn on the OS time sync (NTP)",
                     detail)
    return Check("clock", "ok", f"Đồng hồ khớp với cổng (lệch {abs(skew):.0f} giây) / clock agrees with the portal "
                 f"({abs(skew):.0f} s apart)", detail=detail)


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) < 160 else text[:157] + "..."


def portal_checks(config_loader: Any) -> list[tuple[str, CheckFunction]]:
    """The portal check for `counterapp.doctor.run_all`; `config_loader()` gives the SiteConfig."""
    return [("portal", lambda: check_portal(config_loader()))]


def run_doctor(data_dir: str | Path | None, *, offline: bool = False, hardware: bool = True) -> Report:
    """Core and portal checks for the data folder: `counterapp doctor` and Help → Kiểm tra máy."""
    from counterapp.config import load_site_config
    from counterapp.paths import resolve_data_dir

    folder = resolve_data_dir(data_dir)
    checks = core_checks(folder, hardware=hardware)
    if not offline:
        checks += portal_checks(lambda: load_site_config(folder))
    return run_all(checks)
