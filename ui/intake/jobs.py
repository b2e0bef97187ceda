"""Work the intake and dossier pages run off the GUI thread (as `ui.ops.BackgroundOp`s).

Each function takes the AppContext and plain data, calls the core, and returns plain
data (never a live ORM object) for the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from counterapp.db.engine import session_scope
from counterapp.dossiers.intake import create_dossier, refuse_intake
from counterapp.dossiers.print_log import record_print
from counterapp.dossiers.queries import get_by_code

log = logging.getLogger(__name__)


@dataclass
class FormResult:
    """A dossier just recorded and the form to show for it."""

    code: str
    provisional: bool
    status: int
    received_at: datetime | None
    due_at: datetime | None
    applicant_name: str
    form: str
    context: dict[str, Any] = field(default_factory=dict)
    pdf_path: Path | None = None
    pdf_error: str | None = None
    pdf_wanted: bool = False  # the GUI thread writes it: see write_form_pdf
    pdf_officer: str = ""
    pdf_details: dict[str, Any] | None = None
    register_number: str | None = None  # form 02 of a dossier not received: the request's number
    due_rule_text: str = ""  # how the appointment was computed, when the due rule explains itself


def receipts_dir(ctx) -> Path:  # noqa: ANN001
    from counterapp.crypto import output_folder

    return output_folder(ctx.files_dir, "forms")  # private, outside the data folder, when encrypted


def _pdf_name(code: str, form: str) -> str:
    return f"{code}-{form}.pdf"


def _form_for(ctx, code: str, form: str, officer: str, *, write_pdf: bool = True, **options: Any) -> FormResult:  # noqa: ANN001
    """Build the form's context (data only, no Qt: this runs in a worker). The PDF, when
    wanted, is written afterwards on the GUI thread by `write_form_pdf`."""
    from counterapp.forms.contexts import dossier_context

    with ctx.sessions() as session:
        dossier = get_by_code(session, code)
        context = dossier_context(form, session, dossier, ctx.config, officer=officer, **options)
        rule = dossier.due_rule or {}
        result = FormResult(
            code=dossier.code,
            provisional=bool(dossier.code_provisional),
            status=int(dossier.status),
            received_at=dossier.received_at,
            due_at=dossier.due_at,
            applicant_name=dossier.applicant_name or "",
            form=form,
            context=context,
            due_rule_text=str(rule.get("rule_text") or "") if isinstance(rule, dict) else "",
        )
    result.pdf_wanted = write_pdf
    result.pdf_officer = officer
    result.pdf_details = options_details(options)
    return result


def write_form_pdf(ctx, result: FormResult) -> FormResult:  # noqa: ANN001
    """Write the form's PDF and log it; call on the GUI thread (a receipt takes ~40 ms).

    Qt allows rendering in a worker (nothing shared), but in the window PySide6 keeps the GIL
    inside Qt calls that wait for locks the GUI thread holds while it waits for the GIL: a
    deadlock seen when a PDF was rendered in a worker during start-up. So the window renders
    here, on the GUI thread (counterapp/forms/render.py says the same, with the details).
    PDF errors are reported, not raised: the dossier is saved and can be reprinted."""
    from counterapp.forms.render import render_pdf

    if not result.pdf_wanted or result.pdf_path is not None:
        return result
    try:
        path = receipts_dir(ctx) / _pdf_name(result.code, result.form)
        render_pdf(result.form, result.context, path, ctx.config, ctx.data_dir)
        result.pdf_path = path
        with session_scope(ctx.writer_sessions) as session:
            dossier = None if result.register_number else get_by_code(session, result.code)
            record_print(session, dossier, result.form, result.pdf_officer, "pdf", details=result.pdf_details)
    except Exception as exc:  # noqa: BLE001
        log.exception("form %s for %s failed", result.form, result.code)
        result.pdf_error = str(exc)
    return result


def options_details(options: dict[str, Any]) -> dict[str, Any] | None:
    details = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in options.items()}
    return details or None


def save_intake(ctx, request: dict[str, Any], officer: str) -> FormResult:  # noqa: ANN001
    """Receive the dossier (status 2) and produce its receipt. IntakeError when refused."""
    dossier = create_dossier(ctx, request, officer)
    return _form_for(ctx, dossier.code, "receipt", officer)


def open_request(ctx, request: dict[str, Any], officer: str, reason: str) -> FormResult:  # noqa: ANN001
    """The dossier is incomplete and NOT received: record the request to complete in the
    register and produce form 02 (numbered by the register, no dossier code)."""
    from counterapp.dossiers.completion import get_completion_request, open_completion_request
    from counterapp.forms.completion import register_completion_context

    row = open_completion_request(ctx, request, officer, reason=reason)
    with ctx.sessions() as session:
        stored = get_completion_request(session, row.number)
        context = register_completion_context(stored, ctx.config, officer)
    return FormResult(
        code=row.number, provisional=False, status=0, received_at=row.created_at, due_at=None,
        applicant_name=row.applicant_name, form="completion_request", context=context, pdf_wanted=True,
        pdf_officer=officer, pdf_details={"request": row.number}, register_number=row.number,
    )


def receive_request(ctx, number: str, request: dict[str, Any], officer: str) -> FormResult:  # noqa: ANN001
    """The applicant came back with the documents: receive the dossier from the register
    row (linked to it) and produce its receipt. IncompleteDossier while anything is missing."""
    from counterapp.dossiers.completion import receive_completion_request

    dossier = receive_completion_request(ctx, number, officer, request=request)
    return _form_for(ctx, dossier.code, "receipt", officer)


def open_requests(ctx) -> list[dict[str, Any]]:  # noqa: ANN001
    """The register's open requests to complete, newest first, as plain dicts."""
    from counterapp.dossiers.completion import list_completion_requests, request_to_dict

    with ctx.sessions() as session:
        return [request_to_dict(r) for r in list_completion_requests(session, "open")]


def refuse(ctx, request: dict[str, Any], officer: str, reason: str) -> FormResult:  # noqa: ANN001
    """Record the refusal (status 3) and produce the refusal form."""
    dossier = refuse_intake(ctx, request, reason, officer)
    return _form_for(ctx, dossier.code, "refusal", officer)


def form_for_dossier(ctx, code: str, form: str, officer: str, *, write_pdf: bool = False, **options: Any) -> FormResult:  # noqa: ANN001
    """Any per-dossier form of an existing dossier (reprint, apology): its context, and its
    PDF in the files folder when `write_pdf`."""
    return _form_for(ctx, code, form, officer, write_pdf=write_pdf, **options)


def apology_for_dossier(ctx, code: str, officer: str, *, new_due_at: datetime, reason: str) -> FormResult:  # noqa: ANN001
    """Record the new date promised with the apology, then build the apology form."""
    from counterapp.dossiers.new_date import reschedule_dossier

    reschedule_dossier(ctx, code, new_due_at, reason, officer)
    return _form_for(ctx, code, "apology", officer, write_pdf=False, new_due_at=new_due_at, reason=reason)


def log_print(ctx, code: str, form: str, officer: str, target: str, details: dict[str, Any] | None = None) -> bool:  # noqa: ANN001
    """Log a print of a dossier's form; returns True when it was a reprint."""
    with session_scope(ctx.writer_sessions) as session:
        dossier = None if (details or {}).get("request") else get_by_code(session, code)
        record = record_print(session, dossier, form, officer, target, details=details)
        return bool(record.reprint)
