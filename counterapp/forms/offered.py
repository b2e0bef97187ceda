"""Which of a dossier's forms the counter may print, by the dossier's status.

Why in the core: printing form 05 for a dossier that was never stopped, or a refusal for
one that was received, hands the citizen a document that contradicts the record. The
window's "In mẫu" menu and any other face ask here instead of deciding for themselves.
The numbers are the forms of Thông tư 03/2025/TT-VPCP, Phụ lục I (the fee receipt is the
counter's own acknowledgment, not one of the seven).

Form 04 (apology and new date) is not offered here: it records a new date first, so it has
its own dialog; form 07 (ledger) is for a date range, not one dossier.
"""

from __future__ import annotations

from dataclasses import dataclass

from counterapp.dossiers.status import DossierStatus as S

_RECEIVED = frozenset({S.RECEIVED, S.PROCESSING, S.NEEDS_COMPLETION, S.NEEDS_PAYMENT, S.WITHDRAWN, S.STOPPED,
                       S.FINISHED, S.RETURNED})


@dataclass(frozen=True)
class OfferedForm:
    form: str  # the name `counterapp print` takes
    number: str  # "01".."07" of TT 03/2025/TT-VPCP, "" for the counter's own
    title_vi: str
    title_en: str
    statuses: frozenset[S]


OFFERED_FORMS: tuple[OfferedForm, ...] = (
    OfferedForm("receipt", "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Receipt and appointment", _RECEIVED),
    OfferedForm("completion_request", "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "Request to complete",
                frozenset({S.NEEDS_COMPLETION})),
    OfferedForm("refusal", "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "Refusal", frozenset({S.REFUSED})),
    OfferedForm("stop_notice", "05", "Thông báo dừng giải quyết hồ sơ", "Notice that processing stopped",
                frozenset({S.STOPPED})),
    OfferedForm("routing_slip", "06", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "Routing slip", _RECEIVED),
    OfferedForm("fee_receipt", "", "Giấy biên nhận đã thu phí, lệ phí", "Fee receipt (paid fees)", _RECEIVED),
)


def forms_for_status(status: int) -> list[OfferedForm]:
    """The per-dossier forms that make sense for a dossier in `status` (national code 1..10)."""
    try:
        value = S(int(status))
    except (TypeError, ValueError):
        return []
    return [f for f in OFFERED_FORMS if value in f.statuses]
