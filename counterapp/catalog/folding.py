"""Vietnamese text folding: the search key for diacritic-insensitive matching.

"Đăng ký đất đai" -> "dang ky dat dai". đ/Đ are letters of their own in Unicode (no
decomposition), so they are mapped explicitly.
"""

from __future__ import annotations

import re
import unicodedata

_D_TABLE = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[0-9a-z]+")


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ included), collapse white space."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def tokens(text: str | None) -> list[str]:
    """The folded words of `text` (letters and digits only), as the FTS index splits them."""
    return _TOKEN.findall(fold(text))
