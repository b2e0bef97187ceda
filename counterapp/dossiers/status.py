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
