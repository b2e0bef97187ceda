"""Work the intake and dossier pages run off the GUI thread (through ui.workers).

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
from counterapp.dossiers.intake import (
    create_dossier,
    record_print,
    refuse_intake,
    request_completion,
)
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


def receipts_dir(ctx) -> Path:  # noqa: ANN001
    return Path(ctx.files_dir) / "forms"


def _pdf_name(code: str, form: str) -> str:
    return f"{code}-{form}.pdf"


def _form_for(ctx, code: str, form: str, officer: str, *, write_pdf: bool = True, **options: Any) -> FormResult:  # noqa: ANN001
    """Build the form's context (data only, no Qt: this runs in a worker). The PDF, when
    wanted, is written afterwards on the GUI thread by `write_form_pdf`."""
    from counterapp.forms.contexts import dossier_context

    with ctx.sessions() as session:
        dossier = get_by_code(session, code)
        context = dossier_context(form, session, dossier, ctx.config, officer=officer, **options)
        result = FormResult(
            code=dossier.code,
            provisional=bool(dossier.code_provisional),
            status=int(dossier.status),
            received_at=dossier.received_at,
            due_at=dossier.due_at,
            applicant_name=dossier.applicant_name or "",
            form=form,
            context=context,
        )
    result.pdf_wanted = write_pdf
    result.pdf_officer = officer
    result.pdf_details = options_details(options)
    return result


def write_form_pdf(ctx, result: FormResult) -> FormResult:  # noqa: ANN001
    """Write the form's PDF and log it; call on the GUI thread (a receipt takes ~40 ms).

    Qt documents are not built in worker threads: PySide6 holds the GIL inside some Qt
    calls that take Qt's signal-slot locks, and the GUI thread takes those locks before it
    asks for the GIL back, a deadlock seen when a PDF was rendered during start-up.
    PDF errors are reported, not raised: the dossier is saved and can be reprinted."""
    from counterapp.forms.render import render_pdf

    if not result.pdf_wanted or result.pdf_path is not None:
        return result
    try:
        path = receipts_dir(ctx) / _pdf_name(result.code, result.form)
        render_pdf(result.form, result.context, path, ctx.config, ctx.data_dir)
        result.pdf_path = path
        with session_scope(ctx.writer_sessions) as session:
            record_print(session, get_by_code(session, result.code), result.form, result.pdf_officer, "pdf",
                         details=result.pdf_details)
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


def save_and_request_completion(ctx, request: dict[str, Any], officer: str, reason: str) -> FormResult:  # noqa: ANN001
    """Receive the dossier, then ask for its missing documents (status 5) and produce the request."""
    dossier = create_dossier(ctx, request, officer)
    request_completion(ctx, dossier.code, None, reason, officer)
    return _form_for(ctx, dossier.code, "completion_request", officer)


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
    from counterapp.dossiers.intake import reschedule_dossier

    reschedule_dossier(ctx, code, new_due_at, reason, officer)
    return _form_for(ctx, code, "apology", officer, write_pdf=False, new_due_at=new_due_at, reason=reason)


def log_print(ctx, code: str, form: str, officer: str, target: str, details: dict[str, Any] | None = None) -> bool:  # noqa: ANN001
    """Log a print of a dossier's form; returns True when it was a reprint."""
    with session_scope(ctx.writer_sessions) as session:
        record = record_print(session, get_by_code(session, code), form, officer, target, details=details)
        return bool(record.reprint)
