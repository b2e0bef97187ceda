"""Form 02 (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ) for a dossier that was not received.

Why a second builder: `contexts.completion_request_context` prints the request recorded
on a *received* dossier (status 5, asked later in processing). At intake an incomplete
dossier is not received at all (NĐ 118/2025, TT 03/2025), so there is no dossier: the
form is printed from the register row (counterapp/dossiers/completion.py), numbered with
the request's number and without a dossier code or QR. Same template, same keys.
"""

from __future__ import annotations

from typing import Any

from counterapp.config import SiteConfig
from counterapp.dossiers import admin_units
from counterapp.dossiers.models import CompletionRequest
from counterapp.forms.contexts import _copies_note, subject_values


def _address(applicant: dict[str, Any]) -> str:
    if applicant.get("address"):
        return str(applicant["address"])
    province = admin_units.province(applicant["province_code"]) if applicant.get("province_code") else None
    commune = (
        admin_units.commune(applicant["province_code"], applicant["commune_code"])
        if province is not None and applicant.get("commune_code")
        else None
    )
    return admin_units.compose_address(
        applicant.get("street"),
        applicant.get("commune_name") or (commune.name if commune else None),
        applicant.get("province_name") or (province.name if province else None),
    ) or ""


def _applicant_name(applicant: dict[str, Any]) -> str:
    if applicant.get("kind") == "organization":
        org = str(applicant.get("org_name") or "")
        person = str(applicant.get("representative") or applicant.get("name") or "")
        return f"{org} – người đại diện: {person}" if org and person else org or person
    return str(applicant.get("name") or "")


def missing_rows(missing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The table of form 02: name, how many, what exactly (originals / copies)."""
    rows = []
    for item in missing:
        originals, copies = int(item.get("originals") or 0), int(item.get("copies") or 0)
        note = _copies_note(originals, copies)
        if item.get("note"):
            note = f"{note}; {item['note']}" if note else str(item["note"])
        rows.append({"name": str(item.get("name") or ""), "count": (originals + copies) or 1, "note": note})
    return rows


def register_completion_context(row: CompletionRequest, config: SiteConfig, officer: str | None = None) -> dict[str, Any]:
    """Form 02 of a register row: its number, the applicant and request it was issued
    for, exactly the missing documents it recorded, the reason and the officer to call."""
    request = row.request
    applicant = request.get("applicant") or {}
    summary = str(request.get("summary") or "").strip()
    what = row.procedure_name if not summary or summary == row.procedure_name else f"{row.procedure_name} – {summary}"
    return subject_values(request.get("subject") if isinstance(request.get("subject"), dict) else None) | {
        "number": row.number,
        "code": "",
        "code_provisional": False,
        "code_note": "",
        "applicant_name": row.applicant_name if applicant.get("kind") != "organization" else _applicant_name(applicant),
        "applicant_address": _address(applicant),
        "applicant_phone": row.applicant_phone or "",
        "applicant_email": str(applicant.get("email") or ""),
        "request": what,
        "procedure_code": row.procedure_code,
        "officer_name": row.officer or officer or "",
        "officer_title": row.officer_title or "",
        "officer_phone": row.officer_phone or "",
        "received_at": "",
        "due_at": "",
        "doc_date": row.created_at,
        "missing_documents": missing_rows(row.missing),
        "reason": row.reason or "",
    }


__all__ = ["missing_rows", "register_completion_context"]
