"""The name of the unit that receives dossiers, as the site calls it.

Why: NĐ 118/2025/NĐ-CP (from 1 July 2025) renamed the counters: the one-stop units
are now "Trung tâm Phục vụ hành chính công" of the province or of the commune, with
branches and reception points; "Bộ phận Tiếp nhận và Trả kết quả" is the old
name. Each site names its own unit, so nothing in the forms hard-codes it:

    [site]
    parent_agency_name = "UBND TỈNH QUẢNG NINH"
    unit_name = "Trung tâm Phục vụ hành chính công phường Hạ Long"

Without `unit_name`, the unit is "Trung tâm Phục vụ hành chính công" followed by the
agency's place ("UBND phường Hạ Long" -> "... phường Hạ Long"). A site's forms.toml
`unit_name` (e.g. the 2018 set's) is used when site.toml has none.
"""

from __future__ import annotations

import re
from typing import Any

UNIT_PREFIX = "Trung tâm Phục vụ hành chính công"
_AGENCY_WORDS = re.compile(r"^\s*(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+", re.IGNORECASE)


def default_unit_name(agency_name: str, prefix: str = UNIT_PREFIX) -> str:
    """`Trung tâm Phục vụ hành chính công phường Hạ Long` from `UBND phường Hạ Long`."""
    place = _AGENCY_WORDS.sub("", agency_name or "").strip()
    return f"{prefix} {place}".strip() if place else prefix


def unit_name(config: Any, settings: dict[str, Any] | None = None) -> str:
    """The unit as the site configures it: [site] unit_name, else the forms' `unit_name`
    setting, else the NĐ 118/2025 default built from the agency name."""
    configured = str(config.section("site").get("unit_name") or "").strip()
    if configured:
        return configured
    settings = settings or {}
    from_forms = str(settings.get("unit_name") or "").strip()
    if from_forms:
        return from_forms
    prefix = str(settings.get("unit_name_prefix") or UNIT_PREFIX).strip()
    return default_unit_name(config.agency_name, prefix)

