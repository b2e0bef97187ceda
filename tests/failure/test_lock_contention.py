"""`database is locked` while another process writes (issue 13: `dossier show` failed 4 times
in 10, `digitize --attach` 10 in 10 while `sync` committed). A second real process holds
SQLite's write lock with BEGIN IMMEDIATE, as sync does while it commits; the command must
wait for it, and when it cannot get it in time say so plainly with exit status 75."""

from __future__ import annotations

from sqlalchemy import func, select

from counterapp.db import session_scope
from counterapp.dossiers.models import AccessRecord
from tests.failure.conftest import release_later, run_cli


def _views(ctx) -> int:  # noqa: ANN001
    with ctx.sessions() as session:
        return session.scalar(select(func.count()).select_from(AccessRecord).where(AccessRecord.action == "view"))


def test_dossier_show_waits_for_another_process_writing(counter, lock_holder):
    ctx, code = counter
    holder = lock_holder(ctx.database_path)
    release_later(holder, 3)  # after the command has started (about 1 s), well inside the 10 s busy timeout
    done = run_cli("dossier", "show", code, "--officer", "Trần Thị Xem", data_dir=ctx.data_dir)
    assert done.returncode == 0, done.stderr.decode()
    assert code in done.stdout.decode()
    assert _views(ctx) == 1  # and the view was logged


def test_attaching_a_scan_waits_for_another_process_writing(counter, lock_holder, tmp_path):
    from counterapp.digitize.models import attach_pdf
    from counterapp.digitize.pdfbuild import PdfMeta, build_pdf
    from tests.digitize.conftest import jpeg_bytes, text_page

    ctx, code = counter
    pdf = tmp_path / "gt01.pdf"
    build_pdf([(jpeg_bytes(text_page(size=(800, 300), lines=2)), 200)], pdf, PdfMeta(code, "TP1", "Phạm Thị F"))
    holder = lock_holder(ctx.database_path)
    release_later(holder, 1.5)
    attachment = attach_pdf(ctx, code, "TP1", pdf, "Phạm Thị F", ocr=False)
    assert attachment.dossier_code == code


def test_a_lock_held_too_long_is_a_message_and_exit_75(counter, lock_holder):
    ctx, code = counter
    with (ctx.data_dir / "site.toml").open("a", encoding="utf-8") as f:
        f.write("\n[database]\nbusy_timeout_seconds = 0.2\n")
    holder = lock_holder(ctx.database_path)  # released only after the command gave up
    done = run_cli("dossier", "show", code, data_dir=ctx.data_dir)
    holder.release()
    err = done.stderr.decode()
    assert done.returncode == 75
    assert "Cơ sở dữ liệu đang bận" in err and "The database is busy" in err
    assert "Traceback" not in err and "OperationalError" not in err
    assert _views(ctx) == 0  # nothing half-written


def test_a_new_dossier_waits_too(counter, lock_holder, capsys):
    """dossier create (number allocation, BEGIN IMMEDIATE) behind another writer."""
    import json

    from tests.dossiers.conftest import request_dict

    ctx, _ = counter
    request = ctx.data_dir / "intake.json"
    request.write_text(json.dumps(request_dict(received_at=None), ensure_ascii=False), encoding="utf-8")
    holder = lock_holder(ctx.database_path)
    release_later(holder, 3)
    done = run_cli("dossier", "create", "--json", str(request), data_dir=ctx.data_dir)
    assert done.returncode == 0, done.stderr.decode()
    with session_scope(ctx.sessions) as session:
        from counterapp.dossiers.models import Dossier

        assert session.scalar(select(func.count()).select_from(Dossier)) == 2
