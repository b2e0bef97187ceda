"""The forms' typeface: the fonts shipped in resources/fonts/ registered with Qt once, and the
family chosen per form (the ones a template asks for that this machine has, then the shipped
Liberation Serif). QtGui only, like render.py, which lays the forms out with it."""

from __future__ import annotations

import threading
from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase

from counterapp.forms.specs import FormSpec
from counterapp.paths import resource

SHIPPED_FONT_FAMILY = "Liberation Serif"  # resources/fonts/, SIL OFL 1.1; metric-compatible with Times New Roman
_fonts_lock = threading.Lock()
_shipped_fonts: tuple[str, ...] | None = None


def ensure_shipped_fonts() -> tuple[str, ...]:
    """Register the fonts shipped in resources/fonts/ with Qt, once (the families added).

    Called by the rendering path before any font is resolved, never at start-up: a
    machine without Times New Roman (a fresh Debian, a stripped Windows image) still
    prints every form in a serif face that covers Vietnamese, with the same metrics."""
    global _shipped_fonts
    with _fonts_lock:
        if _shipped_fonts is None:
            families: list[str] = []
            folder = resource("fonts")
            for path in sorted(folder.glob("*.ttf")) if folder.is_dir() else []:
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id >= 0:
                    families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
            _shipped_fonts = tuple(families)
            _installed_families.cache_clear()
        return _shipped_fonts


@lru_cache(maxsize=16)
def _installed_families(wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The wanted families this machine has, in order, then the shipped one as the last resort."""
    installed = set(QFontDatabase.families())
    found = [f for f in wanted if f in installed]
    if SHIPPED_FONT_FAMILY in installed and SHIPPED_FONT_FAMILY not in found:
        found.append(SHIPPED_FONT_FAMILY)
    return tuple(found) or wanted


def _font(spec: FormSpec) -> QFont:
    ensure_shipped_fonts()
    families = list(_installed_families(spec.font_families))
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(spec.font_size_pt)
    return font
