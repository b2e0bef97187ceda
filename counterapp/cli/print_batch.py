"""`counterapp print FORM CODE1 CODE2 ... | --codes-file FILE --pdf OUT [--printer NAME]`: one
form for many dossiers in one PDF and/or one print job (counterapp/forms/batch.py).

Output (JSON): {"form", "codes": printed, "skipped": [{"code", "reason"}], "pdf", "printer",
"pages", "printed": [{"code", "reprint"}]}. Exit 0 when every dossier was printed; 1 when some
were set aside (each named with the reason; the others are printed and logged) or the printer
was unknown while --pdf was written; 2 when nothing could be printed for a reason of input
(no such printer without --pdf, an unreadable codes file).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from counterapp.cli.common import EXIT_FAILED, EXIT_PARTIAL, fail, open_context
from counterapp.cli.user import sign_in_officer


def print_batch_command(args: argparse.Namespace, codes: list[str]) -> int:
    from counterapp.cli.printing import _finish, _parse_local_datetime, check_printer
    from counterapp.forms.batch import log_batch, paint_batch, prepare_batch, render_batch_pdf
    from counterapp.forms.printers import open_printer
    from counterapp.forms.render import FormError, ensure_gui_application

    ctx = open_context(args, seed_demo=False)
    sign_in_officer(args, ctx)  # once the site has users: --officer with their password
    try:
        printer, problem = check_printer(args, ctx, args.form)
        options: dict[str, Any] = {}
        if args.form == "apology":
            if getattr(args, "new_date", None):  # else: the new dates already recorded are printed again
                options["new_due_at"] = _parse_local_datetime(args.new_date, ctx.config.zone)
                options["reason"] = args.reason or ""
            options["supervisor"] = getattr(args, "supervisor", "") or None
        if args.form in ("apology", "stop_notice"):
            options["signer_title"] = args.signer_title
            options["signer_name"] = args.signer_name
        try:
            batch = prepare_batch(ctx, args.form, codes, args.officer or "", **options)
        except FormError as exc:
            fail(str(exc), EXIT_PARTIAL)
        if not batch.entries:
            fail("Không in được hồ sơ nào / nothing printed:\n" + "\n".join(s.reason for s in batch.skipped),
                 EXIT_PARTIAL)
        ensure_gui_application()
        done: dict[str, Any] = {}
        printed: list[dict[str, Any]] = []
        try:
            if args.pdf:
                path = render_batch_pdf(batch, args.pdf, ctx.config, ctx.data_dir)
                done["pdf"] = str(path)
                printed = log_batch(ctx, batch, "pdf", details={"file": str(path)})
            if printer is not None:
                device = open_printer(printer, title=f"{args.form} x{len(batch.entries)}")
                done["pages"] = paint_batch(batch, device, ctx.config, ctx.data_dir)
                done["printer"] = printer or "(mặc định / default)"
                printed = log_batch(ctx, batch, "printer", details={"printer": done["printer"]})
        except FormError as exc:
            fail(str(exc), EXIT_PARTIAL)
        except OSError as exc:
            fail(f"Không ghi được {args.pdf}: {exc} / cannot write the PDF", EXIT_FAILED)
    finally:
        ctx.close()
    result = {**batch.to_dict(), **done, "printed": printed}
    status = _finish(result, problem)
    if batch.skipped:
        for skip in batch.skipped:
            print(skip.reason, file=sys.stderr)
        return EXIT_PARTIAL
    return status


__all__ = ["print_batch_command"]
