"""The strip of notices above the intake form: numbers running out, drafts left over,
the result of the last save, the core's refusal, what a card scan filled.

Why its own widget: the notices are one job (show one line, clear it when it no longer
holds); the page decides when. Texts keep the page's translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from counterapp.app import AppContext

translate = QCoreApplication.translate

BANNER_WARN = "background: #fff3cd; color: #5c4400; border: 1px solid #e0c36a; padding: 4px; border-radius: 3px"
BANNER_OK = "background: #e3f4e6; color: #1b5e20; border: 1px solid #8bc79a; padding: 4px; border-radius: 3px"
BANNER_ERR = "background: #fdecea; color: #8a1c12; border: 1px solid #e3a59e; padding: 4px; border-radius: 3px"
BANNER_INFO = "background: #e8f0fb; color: #17375e; border: 1px solid #9db7dc; padding: 4px; border-radius: 3px"


def _banner(style: str, object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class Banners(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.numbers_banner = _banner(BANNER_WARN, "numbersBanner")
        self.result_banner = _banner(BANNER_OK, "resultBanner")
        self.error_banner = _banner(BANNER_ERR, "errorBanner")
        self.info_banner = _banner(BANNER_INFO, "infoBanner")
        self.drafts_frame = QFrame()
        self.drafts_frame.setObjectName("draftsBanner")
        self.drafts_frame.setStyleSheet("#draftsBanner {" + BANNER_INFO + "}")
        drafts_lay = QHBoxLayout(self.drafts_frame)
        drafts_lay.setContentsMargins(6, 2, 6, 2)
        self.drafts_label = QLabel()
        self.drafts_label.setWordWrap(True)
        self.drafts_open_button = QPushButton()
        self.drafts_discard_button = QPushButton()
        drafts_lay.addWidget(self.drafts_label, 1)
        drafts_lay.addWidget(self.drafts_open_button)
        drafts_lay.addWidget(self.drafts_discard_button)
        self.drafts_frame.hide()
        for w in (self.numbers_banner, self.drafts_frame, self.result_banner, self.error_banner, self.info_banner):
            lay.addWidget(w)

    def refresh_numbers(self, ctx: AppContext) -> Any:
        """Warn when the day's range of dossier numbers runs low or out; returns the notice."""
        from counterapp.dossiers.ui_support import numbering_notice

        with ctx.sessions() as session:
            notice = numbering_notice(session, ctx.config)
        if notice.provisional:
            text = translate("IntakePage", "Đã hết dải số hồ sơ: hồ sơ tiếp nhận bây giờ sẽ mang MÃ TẠM (có chữ TAM) "
                                   "cho đến khi cổng dịch vụ công cấp mã chính thức. Hãy đồng bộ để nhận dải số mới.")
        elif notice.low:
            text = translate("IntakePage", "Sắp hết dải số hồ sơ: chỉ còn {n} số cho hôm nay. Hãy đồng bộ để nhận thêm; "
                                   "khi hết, mã hồ sơ sẽ là mã tạm.").replace("{n}", str(notice.remaining))
        else:
            text = ""
        self.numbers_banner.setText(text)
        self.numbers_banner.setVisible(bool(text))
        return notice
