"""Recording that the applicant paid a dossier's fees and charges (phí, lệ phí).

The counter's fee receipt (forms: fee_receipt) acknowledges money actually taken, so it
lists only fees recorded here as paid, with the time of payment. It is the counter's
internal acknowledgment: the lawful receipt is the electronic invoice or fee receipt
(hóa đơn / biên lai điện tử: NĐ 123/2020/NĐ-CP, NĐ 11/2020/NĐ-CP on biên lai) issued by
the fee system, not by this app.

Recording a fee that has an amount as "free" (miễn) waives it: an exception, so once the
site has users it is a supervisor's call ("override", counterapp/users/roles.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from counterapp.app import AppContext
from counterapp.db.base import utcnow
from counterapp.db.engine import session_scope
from counterapp.dossiers.intake import FEE_METHODS, OP_UPDATE, FieldError, IntakeError, StatusError, _officer
from counterapp.dossiers.lifecycle import _at, _load_for_update
from counterapp.dossiers.models import Dossier, DossierFee
from counterapp.dossiers.queries import dossier_to_dict
from counterapp.dossiers.status import DossierStatus
from counterapp.outbox import enqueue

NO_PAYMENT_STATUSES = (DossierStatus.REFUSED, DossierStatus.WITHDRAWN)
"""No fee is taken for a dossier in these statuses."""


def paid_fees(dossier: Dossier) -> list[DossierFee]:
    return [f for f in dossier.fees if f.paid and f.paid_at is not None]


def record_payment(
    ctx: AppContext,
    code: str,
    officer: str | None,
    *,
    method: str | None = None,
    at: datetime | None = None,
    fee_codes: Iterable[str] | None = None,
) -> Dossier:
    """Mark the dossier's unpaid fees (or those with `fee_codes`) paid at `at` (default now;
    not in the future), by `method` (cash, transfer, ...; default: each fee's own), recorded
    by `officer`. Outbox "dossier.update". IntakeError / StatusError (nothing written) when
    there is nothing to pay or the input is wrong."""
    officer_name = _officer(officer, config=ctx.config)
    if method is not None and method not in FEE_METHODS:
        raise IntakeError([FieldError(
            "method", f"Hình thức thu không rõ: {method!r} / unknown payment method {method!r} ({', '.join(FEE_METHODS)})")])
    when = _at(at, ctx)
    wanted = {c.strip() for c in fee_codes} if fee_codes is not None else None
    with session_scope(ctx.writer_sessions) as session:
        dossier = _load_for_update(session, code)
        if dossier.status in NO_PAYMENT_STATUSES:
            status = DossierStatus(dossier.status)
            raise StatusError(f"Hồ sơ {dossier.code} đang ở trạng thái \"{status.label_vi}\": không thu phí / "
                              f"dossier {dossier.code} is \"{status.label_en}\": no fee is taken")
        if not dossier.fees:
            raise StatusError(f"Hồ sơ {dossier.code} không có phí, lệ phí / dossier {dossier.code} has no fees")
        if when < dossier.received_at:
            raise IntakeError([FieldError("at", "Thời điểm thu trước khi tiếp nhận hồ sơ / paid before the dossier was received")])
        fees = [f for f in dossier.fees if not f.paid and (wanted is None or (f.code or "") in wanted)]
        if wanted is not None and (unknown := wanted - {f.code or "" for f in dossier.fees}):
            raise IntakeError([FieldError("fee", f"Không có khoản phí mã {', '.join(sorted(unknown))} / no fee with code "
                                                 f"{', '.join(sorted(unknown))}")])
        if not fees:
            raise StatusError(f"Hồ sơ {dossier.code}: các khoản phí, lệ phí đã thu rồi / all fees were already paid")
        if any((method or fee.method) == "free" and fee.amount_vnd > 0 for fee in fees):
            from counterapp.users.accounts import require_permission

            require_permission(session, officer_name, "override")  # a fee waived: a supervisor's exception
        for fee in fees:
            fee.paid = True
            fee.paid_at = when
            fee.paid_by = officer_name
            if method is not None:
                fee.method = method
        dossier.updated_at = utcnow()
        session.flush()
        enqueue(session, OP_UPDATE, dossier.uuid, {
            "uuid": dossier.uuid,
            "code": dossier.code,
            "at": when.isoformat(),
            "by": officer_name,
            "paid_fees": [f.code or f.name for f in fees],
            "dossier": dossier_to_dict(dossier),
        })
    return dossier


__all__ = ["NO_PAYMENT_STATUSES", "paid_fees", "record_payment"]
