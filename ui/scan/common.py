"""Small helpers the scanning page's widgets share (messages, styles, local times).

Why a module: the page is split into widgets of one job each (scanner, thumbnails,
preview, filing, reuse); they show errors and times the same way.
"""

from __future__ import annotations

from counterapp.digitize.common import DigitizeError
from ui.messages import for_window

ERROR_STYLE = "background:#fdecea;color:#8a1c13;border:1px solid #e0a39c;padding:6px;"
INFO_STYLE = "background:#e8f4ea;color:#174d22;border:1px solid #9ccaa5;padding:6px;"
OFFER_STYLE = "QFrame#{name} {{ background:#fff6d6; border:1px solid #e2c66b; }}"


def message(exc: BaseException) -> str:
    """What the officer reads for a failure: the core's bilingual text, else the exception."""
    return for_window(str(exc)) if isinstance(exc, DigitizeError) else f"{type(exc).__name__}: {for_window(str(exc))}"


def local_time(value, ctx) -> str:
    """An instant (datetime or ISO text) in the site's zone, as the officer reads it."""
    from datetime import datetime

    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    zone = getattr(getattr(ctx, "config", None), "zone", None)
    if zone is not None and value.tzinfo is not None:
        value = value.astimezone(zone)
    return value.strftime("%H:%M %d/%m/%Y")
