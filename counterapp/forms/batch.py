"""Printing one form for many dossiers as one job: receipts reprinted, form 04 letters for the
overdue, routing slips. One preview with every page, one PDF, one print job, and one line in the
print log per dossier (marked as a reprint when that form was printed for it before).

Why one job: a supervisor printing the week's routing slips or the overdue letters used to open
a preview per dossier and press Print twenty times; a printer shared by an office also
interleaves twenty separate jobs with other people's pages.

Two steps, split by thread (counterapp/forms/render.py says why Qt documents are laid out on the
GUI thread or in a child process only):

- `prepare_batch` reads the dossiers and builds each form's data (plain dicts, no Qt: a worker
  may run it). Dossiers the form does not fit are set aside with the reason (a receipt for a
  refused dossier, form 04 for one that is not late); for form 04 with a new date, the new date
  is recorded on each dossier first (counterapp/dossiers/new_date.py, supervisor rules included).
- `render_batch_pdf`, `paint_batch`, `print_batch` lay the forms out and paint them on a PDF,
  a preview or a printer; `log_batch` writes the print log (one transaction for the batch).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counterapp.db.base import utcnow
from counterapp.db.engine import session_scope
from counterapp.dossiers.print_log import record_print
from counterapp.dossiers.status import RUNNING_STATUSES, DossierStatus
from counterapp.dossiers.ui_support import is_overdue
from counterapp.forms.contexts import DOSSIER_FORMS, dossier_context, load_dossier
from counterapp.forms.offered import forms_for_status
from counterapp.forms.specs import FormError, form_spec, template_set_of

if TYPE_CHECKING:
    from PySide6.QtGui import QPagedPaintDevice

    from counterapp.app import AppContext
    from counterapp.config import SiteConfig
    from counterapp.dossiers.models import Dossier

BATCH_FORMS = ("receipt", "apology", "routing_slip")
"""The batches the dossier list offers; any per-dossier form works from the CLI."""


@dataclass
class BatchEntry:
    code: str
    dossier_id: int
    context: dict[str, Any]
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class BatchSkip:
    code: str
    reason: str  # Vietnamese / English


@dataclass
class Batch:
    form: str
    officer: str
    entries: list[BatchEntry] = field(default_factory=list)
    skipped: list[BatchSkip] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [e.code for e in self.entries]

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "codes": self.codes,
            "skipped": [{"code": s.code, "reason": s.reason} for s in self.skipped],
        }


def unique_codes(codes: list[str]) -> list[str]:
    """The codes in the order given, blanks and repeats dropped."""
    seen: dict[str, None] = {}
    for code in codes:
        code = (code or "").strip()
        if code and code not in seen:
            seen[code] = None
    return list(seen)


def read_codes_file(path: str | Path) -> list[str]:
    """Dossier codes from a text file: one a line (or separated by spaces, commas), `#` comments."""
    codes: list[str] = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        line = line.split("#", 1)[0]
        codes.extend(part for part in line.replace(",", " ").replace(";", " ").split() if part)
    return unique_codes(codes)


def late_for_apology(dossier: Dossier, now: datetime) -> bool:
    """Form 04 applies: still with the administration and past its appointment in force,
    or already given a new date with an apology (printing it again)."""
    try:
        running = DossierStatus(dossier.status) in RUNNING_STATUSES
    except ValueError:
        return False
    return running and (is_overdue(dossier, now) or dossier.rescheduled_due_at is not None)


def _fits(form: str, dossier: Dossier, now: datetime) -> str | None:
    """Why the form does not fit the dossier (vi / en), or None."""
    if form == "apology":
        if late_for_apology(dossier, now):
            return None
        return (f"{dossier.code}: chưa quá hạn, không in mẫu 04 / not overdue, form 04 does not apply")
    offered = {f.form for f in forms_for_status(int(dossier.status))}
    if form in offered or form not in {"receipt", "routing_slip", "fee_receipt", "completion_request",
                                       "refusal", "stop_notice"}:
        return None
    try:
        status = DossierStatus(int(dossier.status))
        label = f"{status.label_vi} / {status.label_en}"
    except ValueError:
        label = str(dossier.status)
    return f"{dossier.code}: mẫu này không dùng cho hồ sơ ở trạng thái {label} / this form does not fit the status"


def prepare_batch(
    ctx: AppContext,
    form: str,
    codes: list[str],
    officer: str,
    *,
    new_due_at: datetime | None = None,
    reason: str = "",
    supervisor: str | None = None,
    signer_title: str = "",
    signer_name: str = "",
    now: datetime | None = None,
) -> Batch:
    """Each dossier's form data, in the order of `codes` (data only, no Qt).

    Form 04 (`apology`): only the overdue among the codes; with `new_due_at` and `reason` the new
    date is recorded on each first (a supervisor named when the rules need one), without them the
    dossier's recorded new date and reason are printed again (or it is set aside)."""
    if form not in DOSSIER_FORMS:
        raise FormError(f"Không in hàng loạt được mẫu {form!r} / {form!r} is not a per-dossier form")
    codes = unique_codes(codes)
    if not codes:
        raise FormError("Chưa chọn hồ sơ nào / no dossier given")
    now = now or utcnow()
    batch = Batch(form=form, officer=officer or "")
    options: dict[str, Any] = {"officer": officer or None}
    if form == "routing_slip":
        spec = form_spec("routing_slip", ctx.data_dir, template_set_of(ctx.config))
        options["blank_rows"] = int(spec.settings.get("blank_rows", 4))
    if form in ("apology", "stop_notice"):
        options.update(signer_title=signer_title, signer_name=signer_name)
    for code in codes:
        with ctx.sessions() as session:
            try:
                dossier = load_dossier(session, code)
            except FormError as exc:
                batch.skipped.append(BatchSkip(code, str(exc)))
                continue
            why = _fits(form, dossier, now)
        if why:
            batch.skipped.append(BatchSkip(code, why))
            continue
        try:
            entry = _entry(ctx, form, code, dict(options), new_due_at, reason, supervisor)
        except Exception as exc:  # noqa: BLE001 - a refusal of one dossier (rules, permissions) sets it aside
            if not _refusal(exc):
                raise
            batch.skipped.append(BatchSkip(code, str(exc)))
            continue
        batch.entries.append(entry)
    return batch


def _refusal(exc: BaseException) -> bool:
    from counterapp.dossiers.intake import DossierNotFound, IntakeError, StatusError
    from counterapp.users.roles import PermissionDenied

    return isinstance(exc, FormError | IntakeError | StatusError | DossierNotFound | PermissionDenied)


def _entry(
    ctx: AppContext, form: str, code: str, options: dict[str, Any], new_due_at: datetime | None, reason: str,
    supervisor: str | None,
) -> BatchEntry:
    details: dict[str, Any] = {}
    if form == "apology":
        if new_due_at is not None:
            from counterapp.dossiers.new_date import reschedule_dossier

            aware = new_due_at if new_due_at.tzinfo else new_due_at.replace(tzinfo=ctx.config.zone)
            reschedule_dossier(ctx, code, aware, reason, options.get("officer"), supervisor=supervisor or None)
    with ctx.sessions() as session:
        dossier = load_dossier(session, code)
        if form == "apology":
            if dossier.rescheduled_due_at is None or not (dossier.reschedule_reason or "").strip():
                raise FormError(f"{dossier.code}: chưa có ngày hẹn mới và lý do; cho ngày hẹn mới và lý do / "
                                "no new date recorded yet: give the new date and the reason")
            options["new_due_at"] = dossier.rescheduled_due_at
            options["reason"] = dossier.reschedule_reason
            details = {"new_due_at": dossier.rescheduled_due_at.isoformat(), "reason": dossier.reschedule_reason}
        context = dossier_context(form, session, dossier, ctx.config, **options)
        return BatchEntry(code=dossier.code, dossier_id=dossier.id, context=context, details=details)


# -- rendering (Qt: the GUI thread, the CLI's main thread or a child process) ---------------------


def build_batch(batch: Batch, config: SiteConfig, data_dir: Path | None = None) -> tuple[list[list[Any]], Any]:
    """Every dossier's form laid out: (one list of documents per dossier, the form's spec)."""
    from counterapp.forms.render import build_documents

    if not batch.entries:
        raise FormError("Không có hồ sơ nào để in / nothing to print")
    groups = [build_documents(batch.form, e.context, config, data_dir) for e in batch.entries]
    return groups, groups[0][0]._counter_spec


def render_batch_pdf_bytes(batch: Batch, config: SiteConfig, data_dir: Path | None = None) -> bytes:
    from counterapp.forms.render import groups_pdf_bytes

    groups, spec = build_batch(batch, config, data_dir)
    return groups_pdf_bytes(groups, spec)


def render_batch_pdf(batch: Batch, out_path: str | Path, config: SiteConfig, data_dir: Path | None = None) -> Path:
    """All the batch's pages in one PDF file, written atomically."""
    from counterapp.forms.files import write_atomic

    return write_atomic(Path(out_path), render_batch_pdf_bytes(batch, config, data_dir))


def paint_batch(
    batch: Batch, device: QPagedPaintDevice, config: SiteConfig, data_dir: Path | None = None, *,
    apply_layout: bool = True,
) -> int:
    """Paint the whole batch on a printer or a preview (QPrintPreviewDialog.paintRequested)."""
    from counterapp.forms.render import paint_groups

    groups, spec = build_batch(batch, config, data_dir)
    if apply_layout:
        device.setPageLayout(spec.page_layout())
    return paint_groups(groups, device, spec)


def print_batch(batch: Batch, printer_name: str, config: SiteConfig, data_dir: Path | None = None) -> int:
    """Send the batch to a printer as one job, no dialog ("" : the system default).
    PrinterNotFound (a FormError) when the printer is not installed. Returns the page count."""
    from counterapp.forms.printers import open_printer

    printer = open_printer(printer_name, title=f"{batch.form} x{len(batch.entries)}")
    return paint_batch(batch, printer, config, data_dir)


def log_batch(
    ctx: AppContext, batch: Batch, target: str, *, details: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """A print-log row per dossier of the batch, in one transaction: [{"code", "reprint"}]."""
    from counterapp.dossiers.models import Dossier

    copies = max(1, len(form_spec(batch.form, ctx.data_dir, template_set_of(ctx.config)).copies))
    shared = dict(details or {}, batch=len(batch.entries))
    logged = []
    with session_scope(ctx.writer_sessions) as session:
        for entry in batch.entries:
            dossier = session.get(Dossier, entry.dossier_id)
            record = record_print(session, dossier, batch.form, batch.officer, target, copies,
                                  details={**shared, **entry.details})
            logged.append({"code": entry.code, "reprint": bool(record.reprint)})
    return logged


__all__ = [
    "BATCH_FORMS",
    "Batch",
    "BatchEntry",
    "BatchSkip",
    "build_batch",
    "late_for_apology",
    "log_batch",
    "paint_batch",
    "prepare_batch",
    "print_batch",
    "read_codes_file",
    "render_batch_pdf",
    "render_batch_pdf_bytes",
    "unique_codes",
]
