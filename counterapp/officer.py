"""The officer at this counter, as the printed forms name them.

Why: a form is signed by a person, and the person's full name (with title and phone,
where the form has them) must be printed under the signature. The operating system's
account name ("root", "admin", "binhtv") is not a name a citizen can read, so forms
never print it. Until officers sign in (a later change), the counter's officer is
configured in site.toml:

    [officer]
    full_name = "Trần Văn Bình"
    title = "Công chức tiếp nhận hồ sơ"
    phone = "0203 3 812 345"
    username = "binhtv"

Core module: no Qt, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PLACEHOLDER_NAMES = frozenset({"root", "admin", "administrator", "user", "officer"})
"""Account names that are never a person's name on a form (compared case-insensitively)."""


class OfficerError(ValueError):
    """The officer cannot be named on a form; the message is for the officer (vi / en)."""


@dataclass(frozen=True)
class Officer:
    """A counter officer: the account they use and what forms print about them."""

    username: str
    full_name: str
    title: str = ""
    phone: str = ""


def is_placeholder_name(name: str | None) -> bool:
    """True for an empty name or an account name such as "root" / "Administrator"."""
    text = " ".join(str(name or "").split())
    return not text or text.casefold() in PLACEHOLDER_NAMES


def check_full_name(name: str | None) -> str:
    """The name, trimmed, or OfficerError when it is empty or an account name like "root"."""
    text = " ".join(str(name or "").split())
    if not text:
        raise OfficerError(
            "Thiếu họ tên cán bộ: đăng nhập cổng (Đồng bộ → Đăng nhập cổng…) hoặc khai báo site.toml, "
            "mục [officer] full_name / officer's full name missing: sign in to the portal or set "
            "[officer] full_name in site.toml"
        )
    if text.casefold() in PLACEHOLDER_NAMES:
        raise OfficerError(
            f"\"{text}\" là tên tài khoản máy, không phải họ tên người ký; khai báo họ tên cán bộ trong "
            f"site.toml, mục [officer] full_name / \"{text}\" is an account name, not a person's name: "
            "set [officer] full_name in site.toml"
        )
    return text


def officer_from_mapping(data: dict[str, Any]) -> Officer:
    """An Officer from a mapping with full_name, title, phone, username (OfficerError when unusable)."""
    full_name = check_full_name(data.get("full_name"))
    return Officer(
        username=str(data.get("username") or "").strip(),
        full_name=full_name,
        title=str(data.get("title") or "").strip(),
        phone=str(data.get("phone") or "").strip(),
    )


def configured_officer(config: Any) -> Officer:
    """The officer of site.toml's [officer] section; OfficerError (vi / en) when the section is
    missing or its full_name is empty or an account name such as "root" or "admin"."""
    section = config.section("officer")
    if not section:
        raise OfficerError(
            "Chưa khai báo cán bộ tiếp nhận: thêm mục [officer] full_name = \"Họ và tên\" vào site.toml / "
            "no officer configured: add [officer] full_name to site.toml"
        )
    return officer_from_mapping(section)


def configured_officer_or_none(config: Any) -> Officer | None:
    """The configured officer, or None when none (or an unusable one) is configured."""
    try:
        return configured_officer(config)
    except OfficerError:
        return None
