"""Who may read and write what on the reference portal.

The session carries what the server assigned at sign-in (the user's agency; an officer's
counters), never what the client claimed. Every route checks the object's agency and counter
against it:

| role | reads | counter writes (push, files, number blocks) | back office (/admin) |
|---|---|---|---|
| officer | own agency, own counters | own agency, own counters | no |
| supervisor | own agency, every counter | own agency, every counter | no |
| admin | own agency, every counter | no (a back office, not a counter) | own agency |

A read of something outside the user's scope is answered 404, exactly like something that
does not exist (no existence leak); a write is answered 403.
"""

from __future__ import annotations

from sync import protocol as p
from sync.portal.errors import Forbidden, NotFound

COUNTER_ROLES = frozenset({p.Role.OFFICER, p.Role.SUPERVISOR})


def sees(who: p.WhoAmI, agency_code: str, counter_id: str) -> bool:
    """May `who` read the data of this agency's counter?"""
    if not who.agency_code or agency_code != who.agency_code:
        return False
    if who.role == p.Role.OFFICER:
        return counter_id in who.counters
    return True


def writes(who: p.WhoAmI, agency_code: str, counter_id: str) -> bool:
    """May `who` change, as a counter, the data of this agency's counter?"""
    return who.role in COUNTER_ROLES and sees(who, agency_code, counter_id)


def check_read(who: p.WhoAmI | None, agency_code: str, counter_id: str, what: str = "Không có dữ liệu này / no such item") -> None:
    if who is None:  # the portal itself (CLI, tests): trusted
        return
    if not sees(who, agency_code, counter_id):
        raise NotFound(what)


def check_write(who: p.WhoAmI | None, agency_code: str, counter_id: str) -> None:
    if who is None:  # the portal itself (CLI, tests): trusted
        return
    if who.role not in COUNTER_ROLES:
        raise Forbidden("Tài khoản quản trị không gửi dữ liệu của quầy / an admin account does not write "
                        "as a counter")
    if not sees(who, agency_code, counter_id):
        raise Forbidden(f"Không có quyền với dữ liệu của quầy {counter_id or '?'} ({agency_code or '?'}) / not "
                        f"allowed to change counter {counter_id or '?'} of agency {agency_code or '?'}")


def check_counter_role(who: p.WhoAmI | None) -> None:
    if who is None:
        return
    if who.role not in COUNTER_ROLES:
        raise Forbidden("Tài khoản quản trị không gửi dữ liệu của quầy / an admin account does not write "
                        "as a counter")


def check_back_office(who: p.WhoAmI | None, agency_code: str) -> None:
    """An admin of that agency (the route already requires the admin role)."""
    if who is None:  # the portal itself (CLI, tests): trusted
        return
    if who.role != p.Role.ADMIN or not who.agency_code or agency_code != who.agency_code:
        raise Forbidden(f"Không có quyền với cơ quan {agency_code or '?'} / not allowed for agency "
                        f"{agency_code or '?'}")
