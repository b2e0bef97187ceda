"""What the print dialog prints: a ledger for dates, one form of one dossier, or one form for
many dossiers (a batch).

A job paints its pages for the preview and the printer (on the GUI thread: Qt documents are
laid out on the GUI thread or in a child process, never in a worker; counterapp/forms/render.py
says why), saves a PDF and logs every print. The ledger, seconds long for a month, is saved and
printed by `counterapp print ledger` in a child process (which logs it); its preview is laid
out here, once per "Xem trước". On a site with users the child would need the officer's
password, so there the window lays the ledger out itself, on the GUI thread, and logs it. A batch (counterapp/forms/batch.py) is a few receipts or
letters (~40 ms each): painted here, logged per dossier in a background op. A preview is not
logged: the print log marks the next print as a reprint once anything was logged for the form.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QProcess
from PySide6.QtPrintSupport import QPrinter

from ui.ops import BackgroundOp

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.forms.batch import Batch

Done = Callable[[str | None], None]  # None: done; else the message to show


def child_command(ctx: AppContext, *args: str) -> tuple[str, list[str]]:
    """`counterapp --data-dir ... ARGS` as a child process (the frozen bundle or the module)."""
    program, prefix = (sys.executable, []) if getattr(sys, "frozen", False) else (sys.executable, ["-m", "counterapp"])
    return program, [*prefix, "--data-dir", str(ctx.data_dir), *args]


class LedgerJob(QObject):
    """Form 07 for a range of days (inclusive, in the site's zone)."""

    form = "ledger"
    needs_dates = True

    def __init__(self, ctx: AppContext, officer: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.officer = officer
        self.first: date | None = None
        self.last: date | None = None
        self.process: QProcess | None = None
        self.count = 0

    def set_dates(self, first: date, last: date) -> None:
        self.first, self.last = first, last

    def title(self) -> str:
        return self.tr("Sổ theo dõi hồ sơ {a} – {b}").replace("{a}", f"{self.first:%d/%m/%Y}").replace(
            "{b}", f"{self.last:%d/%m/%Y}")

    def default_pdf_name(self) -> str:
        return f"so-theo-doi-{self.first:%Y%m%d}-{self.last:%Y%m%d}.pdf"

    def context(self) -> dict[str, Any]:
        from counterapp.forms.contexts import ledger_context

        with self.ctx.sessions() as session:
            context = ledger_context(session, self.ctx.config, self.first, self.last)
        self.count = int(context["count"])
        return context

    def paint(self, printer: QPrinter) -> int:
        from counterapp.forms.render import print_document

        return print_document("ledger", self.context(), printer, self.ctx.config, self.ctx.data_dir)

    def _signed_in_site(self) -> bool:
        from counterapp.users.accounts import has_users

        with self.ctx.sessions() as session:
            return has_users(session)

    def _in_process(self, target: str, where: str, done: Done) -> None:
        """On a site with users the child process would need the officer's password (the CLI
        signs people in): the window, where the officer is signed in, lays the ledger out itself
        on the GUI thread (Qt's rule holds: never a worker) and logs it."""
        from counterapp.forms.printers import open_printer
        from counterapp.forms.render import print_document, render_pdf

        try:
            context = self.context()
            if target == "pdf":
                render_pdf("ledger", context, Path(where), self.ctx.config, self.ctx.data_dir)
            else:
                print_document("ledger", context, open_printer(where, title=self.title()), self.ctx.config,
                               self.ctx.data_dir)
        except Exception as exc:  # noqa: BLE001 - said to the officer, nothing logged
            done(str(exc))
            return
        details = {"from": self.first.isoformat(), "to": self.last.isoformat(),
                   **({"printer": where} if target == "printer" else {})}
        (BackgroundOp(self, _log_ledger, self.ctx, self.officer, target, details)
         .success(lambda _r: done(None)).failure(lambda exc: done(str(exc))).describe(self.tr("Ghi nhật ký in")).run())

    def _run(self, args: list[str], done: Done) -> None:
        if self.process is not None:
            return
        if self._signed_in_site():
            self._in_process("pdf" if args[0] == "--pdf" else "printer", args[1], done)
            return
        program, argv = child_command(self.ctx, "print", "ledger", "--from", self.first.isoformat(), "--to",
                                      self.last.isoformat(), *(["--officer", self.officer] if self.officer else []),
                                      *args)
        process = QProcess(self)
        process.setProgram(program)
        process.setArguments(argv)

        def finished(code: int, _status: Any) -> None:
            self.process = None
            error = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
            done(None if code == 0 else (error or self.tr("Không in được sổ theo dõi")))
            process.deleteLater()

        process.finished.connect(finished)
        self.process = process
        process.start()

    def save_pdf(self, path: Path, done: Done) -> None:
        self._run(["--pdf", str(path)], done)

    def print_to(self, printer: str, done: Done) -> None:
        self._run(["--printer", printer], done)


def _log_ledger(ctx: AppContext, officer: str, target: str, details: dict[str, Any]) -> bool:
    from counterapp.db.engine import session_scope
    from counterapp.dossiers.print_log import record_print

    with session_scope(ctx.writer_sessions) as session:
        return bool(record_print(session, None, "ledger", officer, target, 1, details=details).reprint)


class BatchJob(QObject):
    """One form for the dossiers of a prepared batch."""

    needs_dates = False

    def __init__(self, ctx: AppContext, batch: Batch, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.batch = batch
        self.form = batch.form

    def title(self) -> str:
        return self.tr("{n} hồ sơ").replace("{n}", str(len(self.batch.entries)))

    def default_pdf_name(self) -> str:
        first = self.batch.entries[0].code if self.batch.entries else "batch"
        return f"{self.form}-{len(self.batch.entries)}-{first}.pdf".replace("/", "-")

    def paint(self, printer: QPrinter) -> int:
        from counterapp.forms.batch import paint_batch

        return paint_batch(self.batch, printer, self.ctx.config, self.ctx.data_dir)

    def _log(self, target: str, details: dict[str, Any], done: Done | None = None) -> None:
        from counterapp.forms.batch import log_batch

        op = BackgroundOp(self, log_batch, self.ctx, self.batch, target, details=details)
        op.describe(self.tr("Ghi nhật ký in"))
        if done is not None:
            op.success(lambda _r: done(None)).failure(lambda exc: done(str(exc)))
        op.run()

    def save_pdf(self, path: Path, done: Done) -> None:
        from counterapp.forms.batch import render_batch_pdf

        try:
            render_batch_pdf(self.batch, path, self.ctx.config, self.ctx.data_dir)
        except Exception as exc:  # noqa: BLE001 - shown to the officer, nothing recorded
            done(str(exc))
            return
        self._log("pdf", {"file": str(path)}, done)

    def print_to(self, printer: str, done: Done) -> None:
        from counterapp.forms.printers import open_printer

        try:
            device = open_printer(printer, title=self.title())
            self.paint(device)
        except Exception as exc:  # noqa: BLE001 - an unknown or failing printer: said, nothing logged
            done(str(exc))
            return
        self._log("printer", {"printer": printer}, done)


class FormJob(QObject):
    """One form of one dossier (a reprint from the list, forms 02-06, the fee receipt), built
    by ui/intake/jobs.py in a worker; logged through `log_print` like the intake's preview."""

    needs_dates = False

    def __init__(self, ctx: AppContext, result: Any, officer: str, details: dict[str, Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result = result
        self.form = result.form
        self.officer = officer
        self.details = dict(details or {})

    def title(self) -> str:
        return self.result.code

    def default_pdf_name(self) -> str:
        return f"{self.result.code}-{self.form}.pdf".replace("/", "-")

    def paint(self, printer: QPrinter) -> int:
        from counterapp.forms.render import print_document

        return print_document(self.form, self.result.context, printer, self.ctx.config, self.ctx.data_dir)

    def _log(self, target: str, extra: dict[str, Any], done: Done) -> None:
        from ui.intake.jobs import log_print

        (BackgroundOp(self, log_print, self.ctx, self.result.code, self.form, self.officer, target,
                      {**self.details, **extra} or None)
         .describe(self.tr("Ghi nhật ký in")).success(lambda _r: done(None)).failure(lambda exc: done(str(exc))).run())

    def save_pdf(self, path: Path, done: Done) -> None:
        from counterapp.forms.render import render_pdf

        try:
            render_pdf(self.form, self.result.context, path, self.ctx.config, self.ctx.data_dir)
        except Exception as exc:  # noqa: BLE001 - shown to the officer, nothing recorded
            done(str(exc))
            return
        self._log("pdf", {"file": str(path)}, done)

    def print_to(self, printer: str, done: Done) -> None:
        from counterapp.forms.printers import open_printer

        try:
            self.paint(open_printer(printer, title=f"{self.form} {self.result.code}"))
        except Exception as exc:  # noqa: BLE001 - an unknown or failing printer: said, nothing logged
            done(str(exc))
            return
        self._log("printer", {"printer": printer}, done)


__all__ = ["BatchJob", "FormJob", "LedgerJob", "child_command"]
