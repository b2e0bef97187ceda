"""What each role may do: the one permission table, and the refusal that says who may.

Why: the counter's rules about who may act (a supervisor approves a late new date, refuses a
dossier already received, overrides; an admin manages settings, users and templates) must
hold the same way in the window and on the command line, so they live here in the core and
the core checks them (counterapp/dossiers/lifecycle.py, new_date.py) where the acting person
is known. Widgets only ask `can(role, action)` to grey out what would be refused anyway.

Roles, lowest first: officer (cán bộ tiếp nhận) < supervisor (lãnh đạo / tổ trưởng) < admin
(quản trị). Where each is checked: refuse_after_receipt in dossiers/lifecycle.py,
late_new_date in dossiers/new_date.py, override in sync/engine.resolve_conflict (a sync
conflict decided) and dossiers/fees.record_payment (a fee with an amount recorded as
"free", i.e. waived), settings in the catalog and calendar imports, users in users/accounts.py;
statistics waits for the reports (issue 11), templates for a template editor (none yet:
templates are files an admin edits in the data folder). Each role may do everything the roles below it may. Decision (documented in the
README, "Officers and roles"): admin includes supervisor. A counter's accounts are managed by
the person responsible for it (often the tổ trưởng), and a small commune counter may have a
single supervisor who also manages it; giving IT staff an admin account therefore also lets
them approve late dates, which a site that wants separation avoids by giving IT staff their
own admin account and keeping supervisors as "supervisor".

No database, no Qt: cheap to import.
"""

from __future__ import annotations

ROLES = ("officer", "supervisor", "admin")
ROLE_LABELS = {
    "officer": ("cán bộ tiếp nhận", "officer"),
    "supervisor": ("lãnh đạo", "supervisor"),
    "admin": ("quản trị", "admin"),
}

# action -> (lowest role allowed, Vietnamese phrase, English phrase)
ACTIONS: dict[str, tuple[str, str, str]] = {
    "intake": ("officer", "tiếp nhận hồ sơ", "receive dossiers"),
    "forms": ("officer", "in biểu mẫu", "print forms"),
    "scanning": ("officer", "số hoá giấy tờ", "scan documents"),
    "return": ("officer", "trả kết quả", "return results"),
    "status": ("officer", "chuyển trạng thái hồ sơ", "change a dossier's status"),
    "payment": ("officer", "ghi nhận thu phí", "record payments"),
    "new_date": ("officer", "hẹn lại ngày trả lần đầu, trước hạn", "give a first new date before the appointment"),
    "refuse_after_receipt": ("supervisor", "từ chối hồ sơ đã tiếp nhận", "refuse a dossier already received"),
    "late_new_date": ("supervisor", "duyệt hẹn lại ngày trả khi đã quá hạn hoặc hẹn lại lần hai",
                      "approve a new date past the appointment or a second new date"),
    "override": ("supervisor", "quyết định thay (xung đột đồng bộ, miễn phí, ngoại lệ)",
                 "override (sync conflicts, fee waivers, exceptions)"),
    "statistics": ("supervisor", "xem thống kê, báo cáo", "see statistics and reports"),
    "settings": ("admin", "thay đổi cấu hình, danh mục thủ tục, lịch ngày nghỉ",
                 "change settings, the procedure catalog or the holiday calendar"),
    "users": ("admin", "quản lý người dùng", "manage users"),
    "templates": ("admin", "sửa mẫu in", "edit form templates"),
}


def role_rank(role: str | None) -> int:
    """0 officer, 1 supervisor, 2 admin; -1 for no or an unknown role."""
    try:
        return ROLES.index(str(role or "").strip().lower())
    except ValueError:
        return -1


def check_role(role: str | None) -> str:
    """The role, normalised, or ValueError (vi / en) naming the three roles."""
    text = str(role or "").strip().lower()
    if text not in ROLES:
        raise ValueError(f"Vai trò không hợp lệ: {role!r} (officer, supervisor, admin) / "
                         f"unknown role {role!r} (officer, supervisor, admin)")
    return text


def can(role: str | None, action: str) -> bool:
    """True when `role` may do `action` (KeyError for an action not in the table)."""
    lowest = ACTIONS[action][0]
    rank = role_rank(role)
    return rank >= 0 and rank >= ROLES.index(lowest)


def allowed_roles(action: str) -> tuple[str, ...]:
    lowest = ACTIONS[action][0]
    return ROLES[ROLES.index(lowest):]


class PermissionDenied(PermissionError):
    """The acting person's role may not do this; the message says who may (vi / en)."""

    def __init__(self, action: str, who: str | None = None, role: str | None = None,
                 detail: str | None = None) -> None:
        lowest, vi, en = ACTIONS[action]
        label_vi, label_en = ROLE_LABELS[lowest]
        if lowest == "supervisor":
            who_vi, who_en = f"Chỉ {label_vi} ({lowest}) hoặc quản trị (admin)", "only a supervisor or an admin"
        elif lowest == "admin":
            who_vi, who_en = "Chỉ quản trị (admin)", "only an admin"
        else:
            who_vi, who_en = "Chỉ người dùng đang hoạt động", "only an active user"
        actor_vi = actor_en = ""
        if who:
            r_vi, r_en = ROLE_LABELS.get(str(role or ""), ("không có vai trò", "no role"))
            actor_vi, actor_en = f"; {who} là {r_vi}", f"; {who} is {r_en}"
        extra = f" ({detail})" if detail else ""
        super().__init__(f"{who_vi} được {vi}{actor_vi} / {who_en} may {en}{actor_en}{extra}")
        self.action, self.who, self.role = action, who, role


def require(role: str | None, action: str, who: str | None = None) -> None:
    """PermissionDenied unless `role` may do `action`."""
    if not can(role, action):
        raise PermissionDenied(action, who, role)
