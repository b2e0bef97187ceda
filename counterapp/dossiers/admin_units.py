"""Provinces and communes in force since 1 July 2025 (two-level local government).

Data from the `vietnam-provinces` package (34 provinces, 3,321 commune-level units).
Codes are the national statistical codes as strings: province "22", commune "06994"
style (5 digits, zero-padded).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from counterapp.catalog.folding import fold


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    division: str = ""  # "tỉnh", "thành phố trung ương", "phường", "xã", "đặc khu"

    @property
    def folded(self) -> str:
        return fold(self.name)


def _province_code(value: object) -> str:
    return f"{int(value):02d}"  # type: ignore[call-overload]


def _ward_code(value: object) -> str:
    return f"{int(value):05d}"  # type: ignore[call-overload]


@lru_cache(maxsize=1)
def _all_provinces() -> tuple[Unit, ...]:
    from vietnam_provinces import Province

    units = [
        Unit(_province_code(p.code), p.name, getattr(p.division_type, "value", str(p.division_type)))
        for p in Province.iter_all()
    ]
    return tuple(sorted(units, key=lambda u: u.folded))


@lru_cache(maxsize=1)
def _communes_by_province() -> dict[str, tuple[Unit, ...]]:
    from vietnam_provinces import Ward

    grouped: dict[str, list[Unit]] = {}
    for w in Ward.iter_all():
        unit = Unit(_ward_code(w.code), w.name, getattr(w.division_type, "value", str(w.division_type)))
        grouped.setdefault(_province_code(w.province_code), []).append(unit)
    return {code: tuple(sorted(units, key=lambda u: u.folded)) for code, units in grouped.items()}


def provinces() -> list[Unit]:
    """Every province-level unit, sorted by name (diacritics ignored)."""
    return list(_all_provinces())


def communes(province_code: str | int) -> list[Unit]:
    """The commune-level units of one province, sorted by name; [] for an unknown code."""
    try:
        key = _province_code(province_code)
    except (TypeError, ValueError):
        return []
    return list(_communes_by_province().get(key, ()))


def province(code: str | int) -> Unit | None:
    try:
        key = _province_code(code)
    except (TypeError, ValueError):
        return None
    return next((u for u in _all_provinces() if u.code == key), None)


def commune(province_code: str | int, code: str | int) -> Unit | None:
    try:
        key = _ward_code(code)
    except (TypeError, ValueError):
        return None
    return next((u for u in communes(province_code) if u.code == key), None)


def find_province(name: str) -> Unit | None:
    """The province whose name matches `name` ignoring diacritics and "Tỉnh"/"Thành phố"."""
    wanted = _strip_prefix(fold(name), ("tinh ", "thanh pho "))
    return next((u for u in _all_provinces() if _strip_prefix(u.folded, ("tinh ", "thanh pho ")) == wanted), None)


def find_commune(province_code: str | int, name: str) -> Unit | None:
    """The commune of a province whose name matches `name` ignoring diacritics and its kind word."""
    prefixes = ("phuong ", "xa ", "dac khu ", "thi tran ")
    wanted = _strip_prefix(fold(name), prefixes)
    return next((u for u in communes(province_code) if _strip_prefix(u.folded, prefixes) == wanted), None)


def _strip_prefix(text: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def compose_address(street: str | None, commune_name: str | None, province_name: str | None) -> str:
    """"street, commune, province" skipping empty parts."""
    return ", ".join(p.strip() for p in (street, commune_name, province_name) if p and p.strip())
