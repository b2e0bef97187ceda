"""Small read-only helpers the counter window needs, so no rule lives in a widget.

No Qt here. Everything the window shows as a rule (which checklist line is missing, what
fees a channel carries, whether a code is a dossier code, how a card address splits into
units, what the number blocks say) comes from these functions, which lean on the core.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from counterapp.catalog.folding import fold
from counterapp.catalog.models import Procedure
from counterapp.config import SiteConfig
from counterapp.db.base import utcnow
from counterapp.dossiers import admin_units
from counterapp.dossiers.conditions import classify_documents
from counterapp.dossiers.fee_units import is_per_copy
from counterapp.dossiers.intake import _is_missing, _time_limit
from counterapp.dossiers.models import Dossier
from counterapp.dossiers.numbering import PROVISIONAL_MARK, blocks_remaining, low_threshold
from counterapp.dossiers.queries import list_dossiers, next_page_key
from counterapp.dossiers.status import RUNNING_STATUSES, DossierStatus

# --------------------------------------------------------------------------- checklist / fees


@dataclass(frozen=True)
class ChecklistLine:
    document_code: str | None
    name: str
    case_name: str | None
    required_originals: int
    required_copies: int
    form_name: str | None = None
    conditional: bool = False
    """Required only when the officer ticks that its case applies (conditions.py)."""
    condition_label: str = ""

    @property
    def case_key(self) -> str:
        """What goes in IntakeRequest.applicable_cases when this line's case is ticked."""
        return self.document_code or self.name


def checklist_lines(procedure: Procedure) -> list[ChecklistLine]:
    """The procedure's document list as checklist lines, each marked conditional or not by
    the core's classification: the documents every applicant brings first, then those of
    particular cases ("theo trường hợp"), each group in catalog order. The officer goes down
    the ones everybody brings without stepping over cases that rarely apply (khai sinh: three
    conditional lines sat between the 2nd and the 3rd ordinary one, 3 keys each intake)."""
    documents = list(procedure.documents)
    lines = [
        ChecklistLine(
            document_code=d.code,
            name=d.name,
            case_name=d.case_name,
            required_originals=int(d.originals or 0),
            required_copies=int(d.copies or 0),
            form_name=getattr(d, "form_name", None),
            conditional=condition.conditional,
            condition_label=condition.label_vi,
        )
        for d, condition in zip(documents, classify_documents(documents), strict=True)
    ]
    return sorted(lines, key=lambda line: line.conditional)  # stable: catalog order within each group


def line_is_missing(originals: int, copies: int, required_originals: int, required_copies: int) -> bool:
    """The core's rule for a checklist line that applies (an original stands in for a copy)."""
    return _is_missing(int(originals), int(copies), int(required_originals), int(required_copies))


def procedure_fees(procedure: Procedure, channel: int) -> list[dict[str, Any]]:
    """The fees the core would charge for this channel, as FeeIn-shaped dicts (unpaid, cash,
    quantity 1). `per_copy`: charged per copy (fee_units.is_per_copy), so the window asks
    for a count; `unit`: the catalog's DONVI."""
    limit = _time_limit(procedure, channel)
    fees = []
    for f in limit.fees if limit is not None else []:
        fees.append(
            {
                "code": f.code,
                "name": f.description or f.code or "Lệ phí",
                "amount_vnd": int(f.amount_vnd or 0),
                "unit_amount_vnd": int(f.amount_vnd or 0),
                "quantity": 1,
                "unit": f.unit,
                "per_copy": is_per_copy(f.unit, f.description),
                "method": "cash",
                "paid": False,
            }
        )
    return fees


def time_limit_text(procedure: Procedure, channel: int) -> str:
    """"1 Ngày làm việc" for the channel (post falls back to direct), or ""."""
    limit = _time_limit(procedure, channel)
    if limit is None:
        return ""
    amount = float(limit.amount)
    amount_text = str(int(amount)) if amount.is_integer() else str(amount).replace(".", ",")
    return f"{amount_text} {limit.unit}"


# --------------------------------------------------------------------------- numbering


@dataclass(frozen=True)
class NumberingNotice:
    remaining: int
    low: bool
    provisional: bool

    @property
    def message(self) -> str:
        """Vietnamese / English; "" when all is well."""
        if self.provisional:
            return (
                "Đã hết dải số hồ sơ: hồ sơ tiếp nhận bây giờ sẽ mang MÃ TẠM (có chữ TAM), "
                "cổng dịch vụ công sẽ cấp mã chính thức sau / no dossier numbers left: the next "
                "code will be PROVISIONAL until the portal confirms it"
            )
        if self.low:
            return (
                f"Sắp hết dải số hồ sơ: còn {self.remaining} số cho hôm nay; hãy đồng bộ để nhận thêm / "
                f"dossier numbers running low: {self.remaining} left today; sync to get more"
            )
        return ""


def numbering_notice(session: Session, config: SiteConfig, day: date | None = None) -> NumberingNotice:
    day = day or utcnow().astimezone(config.zone).date()
    remaining = blocks_remaining(session, config, day)
    return NumberingNotice(remaining=remaining, low=remaining < low_threshold(config), provisional=remaining <= 0)


# --------------------------------------------------------------------------- dossier codes

_CODE_RE = re.compile(rf"[0-9A-Za-z][0-9A-Za-z.]*-\d{{6}}-(?:{PROVISIONAL_MARK}[0-9A-Za-z]*-)?\d{{4}}")


_URL_CODE_RE = re.compile(r"[?&]code=([^&#\s]+)")


def find_dossier_code(text: str) -> str | None:
    """The dossier code a scanner typed: the code itself, or the receipt QR's tracking URL
    (`...?code=<code>`, see forms.render.qr_payload). None for anything else."""
    text = (text or "").strip()
    if not text:
        return None
    if _CODE_RE.fullmatch(text):
        return text
    m = _URL_CODE_RE.search(text)
    if m and _CODE_RE.fullmatch(m.group(1)):
        return m.group(1)
    return None


# --------------------------------------------------------------------------- CCCD address


@dataclass(frozen=True)
class AddressParts:
    province: admin_units.Unit | None = None
    commune: admin_units.Unit | None = None
    street: str = ""


def split_address(address: str) -> AddressParts:
    """Best effort: "street, commune, [district,] province" -> units in force since 1/7/2025.

    The last comma part naming a province gives the province; a part naming one of its
    communes gives the commune; what comes before the commune stays as street. When the
    province cannot be found the whole address is the street.
    """
    parts = [p.strip() for p in (address or "").split(",") if p.strip()]
    if not parts:
        return AddressParts()
    province = None
    province_index = None
    for i in range(len(parts) - 1, -1, -1):
        province = admin_units.find_province(parts[i])
        if province is not None:
            province_index = i
            break
    if province is None or province_index is None:
        return AddressParts(street=", ".join(parts))
    commune = None
    commune_index = None
    for i in range(province_index - 1, -1, -1):
        commune = admin_units.find_commune(province.code, parts[i])
        if commune is not None:
            commune_index = i
            break
    if commune is None or commune_index is None:
        # old district/commune names that no longer exist stay in the street text
        return AddressParts(province=province, street=", ".join(parts[:province_index]))
    return AddressParts(province=province, commune=commune, street=", ".join(parts[:commune_index]))


def sex_choice(text: str | None) -> str | None:
    """"Nam" / "Nữ" from what a card or an officer wrote, or None."""
    f = fold(text)
    if f in ("nam", "male", "m"):
        return "Nam"
    if f in ("nu", "female", "f"):
        return "Nữ"
    return None


# --------------------------------------------------------------------------- dossier list


@dataclass
class ListFilters:
    text: str = ""
    status: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    due_today: bool = False
    overdue: bool = False


@dataclass
class ListRow:
    uuid: str
    code: str
    provisional: bool
    applicant_name: str
    procedure_code: str
    procedure_name: str
    status: int
    received_at: datetime
    due_at: datetime | None
    overdue: bool
    sync_state: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _is_overdue(dossier: Dossier, now: datetime) -> bool:
    due = dossier.current_due_at or dossier.due_at
    if due is None:
        return False
    try:
        running = DossierStatus(dossier.status) in RUNNING_STATUSES
    except ValueError:
        return False
    return running and due < now


def is_overdue(dossier: Dossier, now: datetime | None = None) -> bool:
    """With the administration (not waiting on the citizen) and past its appointment in
    force (the apology form applies)."""
    return _is_overdue(dossier, now or utcnow())


def list_rows(
    session: Session,
    filters: ListFilters,
    config: SiteConfig,
    *,
    after: tuple[datetime, int] | None = None,
    limit: int = 200,
) -> tuple[list[ListRow], tuple[datetime, int] | None]:
    """One page of the dossier list as plain rows, and the key of the next page (None at the end)."""
    now = utcnow()
    dossiers = list_dossiers(
        session,
        text=filters.text or None,
        status=filters.status,
        date_from=filters.date_from,
        date_to=filters.date_to,
        due_today=filters.due_today,
        overdue=filters.overdue,
        now=now,
        zone=config.zone,
        limit=limit,
        after=after,
    )
    try:
        from counterapp.outbox import dossier_sync_states

        states = dossier_sync_states(session, [d.uuid for d in dossiers])
    except Exception:  # noqa: BLE001  (an older outbox without sync state: leave the column empty)
        states = {}
    rows = [
        ListRow(
            uuid=d.uuid,
            code=d.code,
            provisional=bool(d.code_provisional),
            applicant_name=d.applicant_name or "",
            procedure_code=d.procedure_code or "",
            procedure_name=d.procedure_name or "",
            status=int(d.status),
            received_at=d.received_at,
            due_at=d.current_due_at or d.due_at,
            overdue=_is_overdue(d, now),
            sync_state=states.get(d.uuid),
        )
        for d in dossiers
    ]
    key = next_page_key(dossiers) if len(dossiers) >= limit else None
    return rows, key


SYNC_STATE_LABELS = {
    "synced": "Đã đồng bộ",
    "waiting": "Chờ gửi",
    "sending": "Đang gửi",
    "needs_attention": "Cần xử lý",
    "conflict": "Xung đột",
}


def default_officer(config: SiteConfig | None = None) -> str:
    """Who works at this counter when no one is signed in to the portal: the site's configured
    officer (site.toml [officer] full_name), else "" (the core then says what to do). Never the
    operating-system account: "root" or "binhtv" is not a name to print on a citizen's receipt."""
    from counterapp.officer import configured_officer_or_none

    configured = configured_officer_or_none(config) if config is not None else None
    return configured.full_name if configured is not None else ""
