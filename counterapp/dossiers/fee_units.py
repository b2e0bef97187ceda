"""Which fees are charged per copy, and how a counted fee line reads.

Why: a fee such as "Phí cấp bản sao ... 8.000 đồng/bản" is charged once per copy the
applicant asks for, so the counter records a count and unit price x count, not one flat
amount. The decision lives here (not in the window) so the CLI, the forms and the window
agree, and it reads the catalog's own wording (DONVI, MOTA), which is data.

Rule: the unit (DONVI, "Đồng/bản") decides when it names what is counted; "Đồng/việc",
"Đồng/trang", ... are not per copy even when the description also mentions a copy fee
(the demo catalog's "Miễn lệ phí đăng ký khai sinh ...; phí cấp bản sao ... 8.000
đồng/bản" is a free registration, amount 0 per case; the copy fee is not its amount).
Only a unit that names nothing ("Đồng", blank) lets the description decide.
"""

from __future__ import annotations

import re

from counterapp.catalog.folding import fold
from counterapp.forms.formatting import format_vnd

QUANTITY_MAX = 999

# folded (lower case, no diacritics): "ban" = bản, "ban sao" = bản sao, "moi ban" = mỗi bản
_COPY_UNIT = re.compile(r"^(ban|ban sao)$")
_COPY_TEXT = re.compile(r"/\s*ban\b|\bban sao\b|\bmoi ban\b")


def _unit_part(unit: str | None) -> str:
    """"Đồng/bản" -> "ban"; "Đồng" / None -> "" (what the unit counts, folded)."""
    if not unit or "/" not in unit:
        return ""
    return fold(unit.split("/", 1)[1]).strip()


def is_per_copy(unit: str | None, description: str | None) -> bool:
    """True when the fee is charged per copy (bản / bản sao), so the counter asks for a count."""
    part = _unit_part(unit)
    if part:
        return bool(_COPY_UNIT.match(part))
    return bool(_COPY_TEXT.search(fold(description or "")))


def unit_suffix(unit: str | None) -> str:
    """"Đồng/bản" -> "/bản" (as the catalog spells it), else ""."""
    if not unit or "/" not in unit:
        return ""
    return "/" + unit.split("/", 1)[1].strip()


def fee_amount_text(amount_vnd: int, quantity: int | None = 1, unit_amount_vnd: int | None = None,
                    unit: str | None = None) -> str:
    """"16.000 đồng", or for a counted line "8.000 đồng/bản × 2 = 16.000 đồng"."""
    quantity = int(quantity or 1)
    if quantity == 1:
        return format_vnd(int(amount_vnd))
    price = int(unit_amount_vnd) if unit_amount_vnd is not None else int(amount_vnd) // quantity
    return f"{format_vnd(price)}{unit_suffix(unit)} × {quantity} = {format_vnd(int(amount_vnd))}"


def counted_fee(fee: dict, quantity: int) -> dict:
    """A FeeIn-shaped dict for `quantity` copies: amount = price of one x quantity (as intake
    records it), the price of one kept in `unit_amount_vnd`."""
    price = fee.get("unit_amount_vnd")
    price = int(price if price is not None else fee.get("amount_vnd") or 0)
    return dict(fee, quantity=int(quantity), unit_amount_vnd=price, amount_vnd=price * int(quantity))
