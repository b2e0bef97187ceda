"""Dossier status: the national TrangThaiHoSo codes 1..10 with their labels."""

from __future__ import annotations

from enum import IntEnum


class DossierStatus(IntEnum):
    NEW = 1  # Mới đăng ký
    RECEIVED = 2  # Được tiếp nhận
    REFUSED = 3  # Không được tiếp nhận
    PROCESSING = 4  # Đang xử lý
    NEEDS_COMPLETION = 5  # Yêu cầu bổ sung giấy tờ
    NEEDS_PAYMENT = 6  # Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7  # Công dân yêu cầu rút hồ sơ
    STOPPED = 8  # Dừng xử lý
    FINISHED = 9  # Đã xử lý xong
    RETURNED = 10  # Đã trả kết quả

    @property
    def label_vi(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]

    @property
    def label(self) -> str:
        """"Vietnamese / English", as officers see it."""
        return f"{self.label_vi} / {self.label_en}"

    @property
    def is_open(self) -> bool:
        """Still with the administration: counts towards due / overdue lists."""
        return self in OPEN_STATUSES


_LABELS: dict[DossierStatus, tuple[str, str]] = {
    DossierStatus.NEW: ("Mới đăng ký", "Newly registered"),
    DossierStatus.RECEIVED: ("Được tiếp nhận", "Received"),
    DossierStatus.REFUSED: ("Không được tiếp nhận", "Refused"),
    DossierStatus.PROCESSING: ("Đang xử lý", "Processing"),
    DossierStatus.NEEDS_COMPLETION: ("Yêu cầu bổ sung giấy tờ", "Documents requested"),
    DossierStatus.NEEDS_PAYMENT: ("Yêu cầu thực hiện nghĩa vụ tài chính", "Payment requested"),
    DossierStatus.WITHDRAWN: ("Công dân yêu cầu rút hồ sơ", "Withdrawn by applicant"),
    DossierStatus.STOPPED: ("Dừng xử lý", "Processing stopped"),
    DossierStatus.FINISHED: ("Đã xử lý xong", "Processed"),
    DossierStatus.RETURNED: ("Đã trả kết quả", "Result returned"),
}

OPEN_STATUSES: frozenset[DossierStatus] = frozenset(
    {
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.NEEDS_COMPLETION,
        DossierStatus.NEEDS_PAYMENT,
    }
)
"""Statuses in which the appointment still runs (due today / overdue lists)."""

CLOSED_STATUSES: frozenset[DossierStatus] = frozenset(
    {
        DossierStatus.REFUSED,
        DossierStatus.WITHDRAWN,
        DossierStatus.STOPPED,
        DossierStatus.RETURNED,
    }
)


def status_label(value: int) -> str:
    try:
        return DossierStatus(value).label
    except ValueError:
        return f"Trạng thái {value} / status {value}"


# --------------------------------------------------------------------------- transitions
_S = DossierStatus

ALLOWED_TRANSITIONS: dict[DossierStatus, frozenset[DossierStatus]] = {
    _S.NEW: frozenset({_S.RECEIVED, _S.REFUSED, _S.WITHDRAWN}),
    # FINISHED from RECEIVED is "resolved now" at the counter; RETURNED always needs FINISHED first.
    _S.RECEIVED: frozenset(
        {_S.REFUSED, _S.PROCESSING, _S.NEEDS_COMPLETION, _S.NEEDS_PAYMENT, _S.WITHDRAWN, _S.STOPPED, _S.FINISHED}
    ),
    _S.PROCESSING: frozenset({_S.NEEDS_COMPLETION, _S.NEEDS_PAYMENT, _S.WITHDRAWN, _S.STOPPED, _S.FINISHED}),
    # Waiting on the citizen: back to work (RECEIVED / PROCESSING) ends the pause.
    _S.NEEDS_COMPLETION: frozenset({_S.RECEIVED, _S.PROCESSING, _S.NEEDS_PAYMENT, _S.WITHDRAWN, _S.STOPPED}),
    _S.NEEDS_PAYMENT: frozenset(
        {_S.RECEIVED, _S.PROCESSING, _S.NEEDS_COMPLETION, _S.WITHDRAWN, _S.STOPPED, _S.FINISHED}
    ),
    _S.STOPPED: frozenset({_S.PROCESSING}),
    _S.FINISHED: frozenset({_S.PROCESSING, _S.RETURNED}),
    _S.REFUSED: frozenset(),
    _S.WITHDRAWN: frozenset(),
    _S.RETURNED: frozenset(),
}
"""The one table of status changes, for the counter, the window, the command line and the
back-office progress pulled from the portal alike (counterapp/dossiers/lifecycle.py)."""

PAUSED_STATUSES: frozenset[DossierStatus] = frozenset({_S.NEEDS_COMPLETION, _S.NEEDS_PAYMENT})
"""Waiting on the citizen (documents, payment): the overdue clock does not run."""

RUNNING_STATUSES: frozenset[DossierStatus] = OPEN_STATUSES - PAUSED_STATUSES
"""Open and with the administration: these can be overdue."""


def _name(value: int) -> tuple[str, str]:
    try:
        s = DossierStatus(value)
    except ValueError:
        return f"trạng thái {value}", f"status {value}"
    return f"\"{s.label_vi}\" ({int(s)})", f"\"{s.label_en}\" ({int(s)})"


def transition_refusal(code: str, from_status: int, to_status: int) -> str | None:
    """None when `from_status` -> `to_status` is allowed, else the officer's message (vi / en)
    naming both statuses and what the dossier may become instead."""
    try:
        frm, to = DossierStatus(from_status), DossierStatus(to_status)
    except ValueError:
        frm = to = None
    if frm is not None and to is not None and to in ALLOWED_TRANSITIONS[frm]:
        return None
    (frm_vi, frm_en), (to_vi, to_en) = _name(from_status), _name(to_status)
    allowed = sorted(ALLOWED_TRANSITIONS.get(frm, frozenset())) if frm is not None else []
    if allowed:
        instead_vi = "chỉ chuyển được sang: " + ", ".join(f"{s.label_vi} ({int(s)})" for s in allowed)
        instead_en = "it can only become: " + ", ".join(f"{s.label_en} ({int(s)})" for s in allowed)
    else:
        instead_vi, instead_en = "đây là trạng thái cuối", "that status is final"
    hint_vi = hint_en = ""
    if to is _S.RETURNED and frm in (_S.RECEIVED, _S.PROCESSING):
        hint_vi = ". Chỉ trả kết quả cho hồ sơ đã xử lý xong (9): ghi nhận giải quyết xong trước"
        hint_en = ". A result is returned only for a processed dossier (9): record it as resolved first"
    return (
        f"Hồ sơ {code} đang ở trạng thái {frm_vi}, không chuyển sang {to_vi} được; {instead_vi}{hint_vi} / "
        f"dossier {code} is {frm_en} and cannot become {to_en}; {instead_en}{hint_en}"
    )
