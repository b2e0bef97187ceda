"""Results digitized too: the dossier's RESULT (giấy tờ kết quả) scanned, signed, attached, synced.

Why: Nghị định 45/2020/NĐ-CP (thực hiện thủ tục hành chính trên môi trường điện tử) and
Thông tư 01/2023/TT-VPCP ("Quy định một số nội dung và biện pháp thi hành trong số hóa hồ sơ,
kết quả giải quyết thủ tục hành chính và thực hiện thủ tục hành chính trên môi trường điện
tử", signed 5/4/2023; summary: sav.gov.vn, "Chính phủ quy định một số nội dung và biện pháp
thi hành trong số hóa hồ sơ, kết quả giải quyết thủ tục hành chính...") ask that not only the
papers a citizen hands in but the results of the procedures be digitized, so that a result
(a certificate, a licence) is not asked for on paper again: TT 01/2023 names "thành phần hồ
sơ là kết quả giải quyết của thủ tục hành chính trước đó" first among the components to
digitize. The copy follows the same rules as a component (domain.md, "Digitizing paper
dossiers": PDF/A, >= 200 dpi, signed with the agency's signature to be reusable), so it goes
through the same pipeline (pipeline.digitize_files, signing).

What is stored: an `attachments` row of `kind = "result"` (results_0001) with the result's
name (`title`) and code (`result_code`: the catalog's MAKETQUA when the procedure lists its
results, else free text). Attaching one commits, in one transaction, the row, its upload
("attachment.upload") and a "dossier.update" carrying the dossier's result list
(`results`), which the national record lists as DanhSachGiayToKetQua with DuocSoHoa "1"
(sync/national.py). A dossier's result is digitized when it has a result file not deleted.
A result attached by mistake is taken back with `remove_result` (marked deleted, the list
queued again).

Reuse: an applicant's earlier results (by ID number, across their earlier dossiers on this
counter) are offered like their documents (`results_for_applicant`; the scan page's reuse
list shows them too). The reference portal has no look-up of a citizen's files, so only the
local database is searched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterapp import crypto
from counterapp.db.base import new_uuid, utcnow
from counterapp.digitize.common import DigitizeError
from counterapp.digitize.models import (
    KIND_RESULT,
    OCR_NONE,
    OCR_PENDING,
    UPLOAD_OPERATION,
    Attachment,
    store_file,
)

RESULTS_OPERATION = "dossier.update"
"""The dossier's result list travels as an update of the dossier (the portal keeps `results`)."""

Signer = Callable[[Path, Path], object]


@dataclass(frozen=True)
class ResultChoice:
    """A result the procedure gives (catalog KETQUATHUCHIEN: MAKETQUA, TENKETQUA)."""

    code: str
    name: str


def _dossier(session: Session, code: str):
    from counterapp.dossiers.queries import get_by_code

    dossier = get_by_code(session, (code or "").strip())
    if dossier is None:
        raise DigitizeError(f"Không tìm thấy hồ sơ {code} / dossier not found")
    return dossier


def result_choices(ctx, dossier_code: str) -> list[ResultChoice]:
    """The results the dossier's procedure lists in the catalog ([] when it lists none)."""
    from counterapp.catalog.models import Procedure

    with ctx.sessions() as session:
        dossier = _dossier(session, dossier_code)
        procedure = session.scalar(select(Procedure).where(Procedure.code == dossier.procedure_code))
        if procedure is None:
            return []
        return [ResultChoice(r.code or "", r.name) for r in procedure.results if r.name]


def resolve_result(choices: list[ResultChoice], code: str | None, name: str | None) -> tuple[str | None, str]:
    """(code, name) of the result: a code the catalog knows gives its name; a name alone is
    free text; nothing given and exactly one result listed: that one."""
    code = (code or "").strip() or None
    name = (name or "").strip() or None
    if code:
        known = next((c for c in choices if c.code == code), None)
        if known is not None:
            return code, name or known.name
    elif name is None and len(choices) == 1:
        return choices[0].code or None, choices[0].name
    elif name is not None:
        known = next((c for c in choices if c.name.casefold() == name.casefold()), None)
        if known is not None:
            return known.code or None, known.name
    if name is None:
        listed = "; ".join(f"{c.code} {c.name}".strip() for c in choices)
        raise DigitizeError("Thiếu tên giấy tờ kết quả: chọn mã kết quả hoặc nhập tên" + (f"; thủ tục có: {listed}" if listed else "")
                            + " / the result document's name is missing: pick its code or type its name")
    return code, name


def result_entry(att: Attachment) -> dict[str, Any]:
    """One result as the dossier's `results` list carries it (sync/national.py reads it)."""
    return {
        "attachment_id": att.uuid, "name": att.title or "", "result_code": att.result_code or "",
        "digitized": not att.deleted, "signed": bool(att.signed),
        "deleted": bool(att.deleted), "created_at": att.created_at.isoformat() if att.created_at else None,
    }


def results_of(session: Session, dossier_id: int, *, include_deleted: bool = False) -> list[Attachment]:
    query = select(Attachment).where(Attachment.dossier_id == dossier_id, Attachment.kind == KIND_RESULT)
    if not include_deleted:
        query = query.where(Attachment.deleted.is_(False))
    return list(session.scalars(query.order_by(Attachment.created_at, Attachment.id)))


def results_for_dossier(ctx, dossier_code: str) -> list[dict[str, Any]]:
    """The dossier's result documents (not deleted), oldest first, as `result_entry` dicts."""
    with ctx.sessions() as session:
        dossier = _dossier(session, dossier_code)
        return [result_entry(a) for a in results_of(session, dossier.id)]


def result_digitized(ctx, dossier_code: str) -> bool:
    """DuocSoHoa of the dossier's result: a result file is attached and not deleted."""
    return bool(results_for_dossier(ctx, dossier_code))


def results_for_applicant(session: Session, id_number: str, *, exclude_dossier_id: int | None = None) -> list[Attachment]:
    """Results already digitized for this ID number (earlier dossiers), newest first, one per content."""
    if not id_number:
        return []
    query = (select(Attachment).where(Attachment.id_number == id_number, Attachment.kind == KIND_RESULT,
                                      Attachment.deleted.is_(False))
             .order_by(Attachment.created_at.desc(), Attachment.id.desc()))
    if exclude_dossier_id is not None:
        query = query.where((Attachment.dossier_id != exclude_dossier_id) | Attachment.dossier_id.is_(None))
    seen: set[str] = set()
    out = []
    for row in session.scalars(query):
        if row.sha256 not in seen:
            seen.add(row.sha256)
            out.append(row)
    return out


def offered_results(ctx, dossier_code: str) -> list[dict[str, Any]]:
    """What a dossier's applicant already has as digitized results from earlier dossiers
    (offered for reuse as a component of this one): code, name, earlier dossier, attachment uuid."""
    with ctx.sessions() as session:
        dossier = _dossier(session, dossier_code)
        rows = results_for_applicant(session, dossier.id_number or "", exclude_dossier_id=dossier.id)
        mine = {a.sha256 for a in session.scalars(select(Attachment).where(
            Attachment.dossier_id == dossier.id, Attachment.deleted.is_(False)))}
        return [{**result_entry(a), "dossier_code": a.dossier_code, "sha256": a.sha256, "page_count": a.page_count}
                for a in rows if a.sha256 not in mine]


def attach_result(
    ctx,
    dossier_code: str,
    pdf_path: str | Path,
    officer: str,
    *,
    result_code: str | None = None,
    result_name: str | None = None,
    signed: bool = False,
    ocr: bool = False,
    sign_later: bool = False,
) -> Attachment:
    """File a finished PDF as the dossier's result document.

    One transaction: the attachment row (`kind = "result"`), its upload, and the dossier's
    result list for the portal ("dossier.update" with `results`). Nothing is written when the
    dossier is unknown or no result name can be found (`resolve_result`). A file that carries a
    signature is recorded as signed and never OCR'd (the text layer would break it).
    """
    from counterapp.db import session_scope
    from counterapp.digitize.pdfbuild import read_pdf_info
    from counterapp.digitize.signing import verify_pdf
    from counterapp.outbox import enqueue

    code, name = resolve_result(result_choices(ctx, dossier_code), result_code, result_name)
    try:
        info = read_pdf_info(pdf_path)
    except Exception as exc:
        raise DigitizeError(f"Không đọc được tệp PDF {pdf_path}: {exc} / not a readable PDF") from exc
    signed = signed or verify_pdf(pdf_path).signed
    if signed:
        ocr, sign_later = False, False
    with session_scope(ctx.writer_sessions) as session:
        dossier = _dossier(session, dossier_code)
        file_name, digest, size = store_file(ctx.files_dir, pdf_path)  # content-addressed: unused if rolled back
        now = utcnow()
        att = Attachment(
            uuid=new_uuid(), dossier_id=dossier.id, dossier_code=dossier.code, document_code=None, title=name,
            kind=KIND_RESULT, result_code=code, file_name=file_name, sha256=digest, size=size,
            page_count=info["page_count"], dpi=info["min_dpi"] or 0, officer=officer, id_number=dossier.id_number,
            ocr_state=OCR_PENDING if ocr else OCR_NONE, signed=signed, sign_pending=bool(sign_later),
            deleted=False, created_at=now, updated_at=now,
        )
        session.add(att)
        session.flush()
        enqueue(session, UPLOAD_OPERATION, att.uuid, att.upload_payload(dossier.uuid))
        _queue_results(session, dossier, officer, now, {"result_attached": att.uuid})
        session.refresh(att)
        session.expunge(att)
    return att


def _queue_results(session: Session, dossier, officer: str, now, what: dict[str, Any]) -> None:
    """The dossier's result list for the portal, removed ones included (marked `deleted`): the
    portal then still tells a removed result's file from a component handed in."""
    from counterapp.outbox import enqueue

    results = [result_entry(a) for a in results_of(session, dossier.id, include_deleted=True)]
    dossier.updated_at = now
    enqueue(session, RESULTS_OPERATION, dossier.uuid, {
        "uuid": dossier.uuid, "code": dossier.code, "at": now.isoformat(), "by": officer, **what,
        "dossier": {"results": results},
    })


def remove_result(ctx, attachment_uuid: str, officer: str) -> Attachment:
    """Take back a result attached by mistake (the wrong paper scanned): the row is marked
    deleted (the file is kept, as every attachment is) and the dossier's result list queued
    again in the same transaction; the national record no longer lists it."""
    from counterapp.db import session_scope
    from counterapp.dossiers.models import Dossier

    with session_scope(ctx.writer_sessions) as session:
        att = session.scalar(select(Attachment).where(Attachment.uuid == attachment_uuid,
                                                      Attachment.kind == KIND_RESULT))
        if att is None or att.deleted:
            raise DigitizeError(f"Không có kết quả số hóa {attachment_uuid} / no such digitized result")
        dossier = session.get(Dossier, att.dossier_id) if att.dossier_id is not None else None
        if dossier is None:
            raise DigitizeError("Kết quả không còn gắn với hồ sơ nào / the result has no dossier any more")
        now = utcnow()
        att.deleted, att.updated_at = True, now
        session.flush()
        _queue_results(session, dossier, officer, now, {"result_removed": att.uuid})
        session.refresh(att)
        session.expunge(att)
    return att


def digitize_result(
    ctx,
    dossier_code: str,
    inputs: Iterable[str | Path],
    officer: str,
    *,
    result_code: str | None = None,
    result_name: str | None = None,
    signer: Signer | None = None,
    ocr_lang: str | None = None,
    ocr_later: bool = False,
    cleanup=None,
    force_dpi: int | None = None,
) -> Attachment:
    """Images or PDFs of a result -> cleaned PDF/A (pipeline.digitize_files) -> signed when a
    signer is given -> attached as the dossier's result.

    A single PDF that already carries a signature (a result the back office signed) is
    attached as it is: rebuilding it would break the signature. `ocr_lang` adds the text
    layer now, before the signature (the command line); `ocr_later` attaches the file with its
    text layer pending and, with a signer, signs after it (`run_attachment_ocr`, the window's
    background OCR), as the scan page does for documents.
    """
    from counterapp.digitize.cleanup import cleanup_options_from_config
    from counterapp.digitize.pipeline import digitize_files
    from counterapp.digitize.signing import verify_pdf

    paths = [Path(p) for p in inputs]
    if not paths:
        raise DigitizeError("Chưa có tệp kết quả nào / no result file given")
    for path in paths:
        if not path.is_file():
            raise DigitizeError(f"Không tìm thấy tệp {path} / file not found")
    code, name = resolve_result(result_choices(ctx, dossier_code), result_code, result_name)
    if len(paths) == 1 and paths[0].suffix.lower() == ".pdf":
        try:
            already_signed = verify_pdf(paths[0]).signed
        except Exception:
            already_signed = False
        if already_signed:
            return attach_result(ctx, dossier_code, paths[0], officer, result_code=code, result_name=name, signed=True)
    later = bool(ocr_later and not ocr_lang)
    sign_now = signer if not later else None
    with crypto.work_dir(ctx.files_dir, "counter-result-") as tmp:
        out = Path(tmp) / "result.pdf"
        digitize_files(paths, out, cleanup=cleanup or cleanup_options_from_config(ctx.config),
                       dossier_code=dossier_code, document_code=code or "", officer=officer,
                       ocr_lang=ocr_lang, signer=sign_now, work_dir=tmp, force_dpi=force_dpi)
        return attach_result(ctx, dossier_code, out, officer, result_code=code, result_name=name,
                             signed=sign_now is not None, ocr=later, sign_later=bool(later and signer is not None))


__all__ = [
    "RESULTS_OPERATION", "ResultChoice", "attach_result", "digitize_result", "offered_results", "remove_result",
    "resolve_result",
    "result_choices", "result_digitized", "result_entry", "results_for_applicant", "results_for_dossier", "results_of",
]
