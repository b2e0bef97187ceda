"""Import of the catalog exchange format (the national LayThuTuc shape, domain.md).

Every record is checked before anything is written, so a refused record leaves
nothing half-written while every good record of the same file is still imported.
Records are upserted by procedure code; the search index row is rewritten in the
same transaction. The appointment rule a time text states ("ngay trong ngày", "nhận hồ
sơ sau 15 giờ") is read here once and stored with the time limit (same_day, cutoff_time).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from counterapp import validation
from counterapp.calendar.rules import hhmm, read_time_text
from counterapp.catalog.folding import fold
from counterapp.catalog.models import (
    Channel,
    ExecutingAgency,
    Fee,
    LegalBasis,
    Procedure,
    ProcedureField,
    ProcedureResult,
    ProcedureStep,
    RequiredDocument,
    TargetGroup,
    TimeLimit,
)
from counterapp.db.engine import session_scope

LEVELS = ("Cấp tỉnh", "Cấp xã")
ONLINE_LEVELS = ("Toàn trình", "Một phần", "")
TIME_UNITS = ("Ngày làm việc", "Ngày", "Giờ làm việc")
CHANNEL_KINDS = (1, 2, 3)


class CatalogImportError(Exception):
    """The file as a whole could not be read; nothing was changed."""


class RecordError(ValueError):
    def __init__(self, field_path: str, message: str) -> None:
        super().__init__(f"{field_path}: {message}")
        self.field_path = field_path
        self.message = message


@dataclass
class RefusedRecord:
    index: int
    code: str | None
    field: str
    message: str

    def __str__(self) -> str:
        who = f"bản ghi #{self.index + 1}" + (f" ({self.code})" if self.code else "")
        return f"{who}: trường {self.field}: {self.message}"


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    refused: list[RefusedRecord] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        return 1 if self.refused else 0


# --- reading one record -------------------------------------------------------------


def _text(record: dict[str, Any], key: str, path: str, *, required: bool = False) -> str | None:
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError(f"{path}{key}", "thiếu giá trị bắt buộc / required value missing")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise RecordError(f"{path}{key}", f"cần chuỗi ký tự / expected text, got {type(value).__name__}")
    return str(value).strip()


def _list(record: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f"{path}{key}", f"cần danh sách / expected a list, got {type(value).__name__}")
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise RecordError(f"{path}{key}[{i}]", "cần đối tượng / expected an object")
    return value


def _int(record: dict[str, Any], key: str, path: str, *, default: int = 0, minimum: int = 0) -> int:
    value = record.get(key)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise RecordError(f"{path}{key}", "cần số nguyên / expected a whole number")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit() and value.isascii():
        value = int(value.strip())
    if not isinstance(value, int):
        raise RecordError(f"{path}{key}", f"cần số nguyên / expected a whole number, got {value!r}")
    if value < minimum:
        raise RecordError(f"{path}{key}", f"không được nhỏ hơn {minimum} / must be at least {minimum}")
    if value > validation.MONEY_MAX_VND:
        raise RecordError(f"{path}{key}", f"quá lớn (tối đa {validation.MONEY_MAX_VND}) / too large")
    return value


def _number(record: dict[str, Any], key: str, path: str) -> float:
    value = record.get(key)
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ".").strip())
        except ValueError as exc:
            raise RecordError(f"{path}{key}", f"cần số / expected a number, got {record.get(key)!r}") from exc
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RecordError(f"{path}{key}", f"cần số / expected a number, got {value!r}")
    if value < 0:
        raise RecordError(f"{path}{key}", "không được âm / must not be negative")
    return float(value)


def _cutoff(record: dict[str, Any]) -> str | None:
    value = _text(record, "GIOTIEPNHANTOIDA", "")
    if value is None:
        return None
    parts = value.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise RecordError("GIOTIEPNHANTOIDA", f"cần giờ dạng HH:MM / expected HH:MM, got {value!r}")
    hours, minutes = int(parts[0]), int(parts[1])
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise RecordError("GIOTIEPNHANTOIDA", f"giờ không hợp lệ / invalid time {value!r}")
    return f"{hours:02d}:{minutes:02d}"


def parse_record(record: Any) -> Procedure:
    """A detached Procedure built from one exchange record; raises RecordError."""
    if not isinstance(record, dict):
        raise RecordError("(bản ghi)", "cần đối tượng JSON / expected a JSON object")
    code = _text(record, "MATTHC", "", required=True)
    name = _text(record, "TENTTHC", "", required=True)
    level = _text(record, "CAPTHUCHIEN", "")
    if level is not None and level not in LEVELS:
        raise RecordError("CAPTHUCHIEN", f"cần 'Cấp tỉnh' hoặc 'Cấp xã' / expected one of {LEVELS}, got {level!r}")
    online = _text(record, "MUCDO", "") or ""
    if online not in ONLINE_LEVELS:
        # Older catalogs say "Mức độ 3", "4"...: keep what they say rather than refuse.
        online = online.strip()
    procedure = Procedure(
        code=code,
        name=name,
        publishing_agency_code=_text(record, "MACOQUANCONGBO", ""),
        level=level,
        online_level=online or None,
        requirements=_text(record, "YEUCAU", ""),
        cutoff_time=_cutoff(record),
        publication_status=_int(record, "TRANGTHAI", "", default=1),
    )
    for i, item in enumerate(_list(record, "LINHVUCTHUCHIEN", "")):
        path = f"LINHVUCTHUCHIEN[{i}]."
        procedure.fields.append(
            ProcedureField(position=i, code=_text(item, "MALINHVUC", path),
                           name=_text(item, "TENLINHVUC", path, required=True))
        )
    for i, item in enumerate(_list(record, "COQUANTHUCHIEN", "")):
        path = f"COQUANTHUCHIEN[{i}]."
        procedure.agencies.append(
            ExecutingAgency(position=i, code=_text(item, "MADONVI", path),
                            name=_text(item, "TENDONVI", path, required=True))
        )
    position = 0
    for i, case in enumerate(_list(record, "TRINHTUTHUCHIEN", "")):
        path = f"TRINHTUTHUCHIEN[{i}]."
        case_name = _text(case, "TRUONGHOP", path)
        for j, step in enumerate(_list(case, "TRINHTU", path)):
            procedure.steps.append(
                ProcedureStep(position=position, case_name=case_name,
                              description=_text(step, "TENTRINHTU", f"{path}TRINHTU[{j}].", required=True))
            )
            position += 1
    for i, item in enumerate(_list(record, "CACHTHUCTHUCHIEN", "")):
        path = f"CACHTHUCTHUCHIEN[{i}]."
        kind = _int(item, "KENH", path, default=1, minimum=1)
        if kind not in CHANNEL_KINDS:
            raise RecordError(f"{path}KENH", f"cần 1, 2 hoặc 3 / expected 1, 2 or 3, got {kind}")
        channel = Channel(position=i, kind=kind)
        for j, limit in enumerate(_list(item, "THOIGIAN", path)):
            lpath = f"{path}THOIGIAN[{j}]."
            unit = _text(limit, "DONVITINH", lpath, required=True)
            if unit not in TIME_UNITS:
                raise RecordError(f"{lpath}DONVITINH", f"cần một trong {TIME_UNITS} / expected one of them, got {unit!r}")
            amount = _number(limit, "THOIGIANGIAIQUYET", lpath)
            check_time_limit = validation.time_limit_problem(amount, unit)
            if check_time_limit:
                raise RecordError(f"{lpath}THOIGIANGIAIQUYET", check_time_limit)
            description = _text(limit, "MOTA", lpath)
            said = read_time_text(description)  # "ngay trong ngày", "nhận hồ sơ sau 15 giờ"
            time_limit = TimeLimit(position=j, amount=amount, unit=unit, description=description,
                                   same_day=said.same_day or amount == 0,
                                   cutoff_time=hhmm(said.cutoff))
            for k, fee in enumerate(_list(limit, "PHILEPHI", lpath)):
                fpath = f"{lpath}PHILEPHI[{k}]."
                time_limit.fees.append(
                    Fee(position=k, code=_text(fee, "MAPHILEPHI", fpath), amount_vnd=_int(fee, "SOTIEN", fpath),
                        unit=_text(fee, "DONVI", fpath), description=_text(fee, "MOTA", fpath))
                )
            channel.time_limits.append(time_limit)
        procedure.channels.append(channel)
    position = 0
    for i, case in enumerate(_list(record, "THANHPHANHOSO", "")):
        path = f"THANHPHANHOSO[{i}]."
        case_name = _text(case, "TRUONGHOP", path)
        for j, doc in enumerate(_list(case, "GIAYTO", path)):
            dpath = f"{path}GIAYTO[{j}]."
            procedure.documents.append(
                RequiredDocument(
                    position=position, case_name=case_name, code=_text(doc, "MAGIAYTO", dpath),
                    name=_text(doc, "TENGIAYTO", dpath, required=True), form_name=_text(doc, "TENMAUDON", dpath),
                    form_url=_text(doc, "URL", dpath), originals=_int(doc, "SOBANCHINH", dpath),
                    copies=_int(doc, "SOBANSAO", dpath),
                )
            )
            position += 1
    for i, item in enumerate(_list(record, "DOITUONGTHUCHIEN", "")):
        procedure.target_groups.append(
            TargetGroup(position=i, name=_text(item, "TENDOITUONG", f"DOITUONGTHUCHIEN[{i}].", required=True))
        )
    for i, item in enumerate(_list(record, "KETQUATHUCHIEN", "")):
        path = f"KETQUATHUCHIEN[{i}]."
        procedure.results.append(
            ProcedureResult(position=i, code=_text(item, "MAKETQUA", path),
                            name=_text(item, "TENKETQUA", path, required=True))
        )
    for i, item in enumerate(_list(record, "CANCUPHAPLY", "")):
        path = f"CANCUPHAPLY[{i}]."
        number = _text(item, "SOVANBAN", path)
        title = _text(item, "TENVANBAN", path) or number
        if not title:
            raise RecordError(f"{path}TENVANBAN", "thiếu giá trị bắt buộc / required value missing")
        procedure.legal_bases.append(LegalBasis(position=i, number=number, title=title))
    return procedure


# --- writing ------------------------------------------------------------------------

_CHILD_COLLECTIONS = ("fields", "agencies", "steps", "channels", "documents", "target_groups", "results", "legal_bases")
_SCALARS = ("name", "publishing_agency_code", "level", "online_level", "requirements", "cutoff_time",
            "publication_status")


WRITE_CHUNK = 500  # records flushed together; bounds memory on a 100,000-record file


def _search_row(procedure: Procedure) -> dict[str, object]:
    field_names = "; ".join(f.name for f in procedure.fields)
    return {
        "id": procedure.id,
        "c": fold(procedure.code),
        "n": fold(procedure.name),
        "f": fold(field_names),
        "a": fold(" ; ".join(a.name for a in procedure.agencies)),
        "sc": procedure.code,
        "sn": procedure.name,
        "sf": field_names,
        "sl": procedure.level or "",
    }


def _write_search_rows(session: Session, procedures: list[Procedure]) -> None:
    if not procedures:
        return
    rows = [_search_row(p) for p in procedures]
    session.execute(text("DELETE FROM procedure_search WHERE rowid = :id"), [{"id": r["id"]} for r in rows])
    session.execute(
        text(
            "INSERT INTO procedure_search(rowid, code, name, fields, agencies, shown_code, shown_name, shown_field, "
            "shown_level) VALUES (:id, :c, :n, :f, :a, :sc, :sn, :sf, :sl)"
        ),
        rows,
    )


def _replace(existing: Procedure, incoming: Procedure) -> None:
    for name in _SCALARS:
        setattr(existing, name, getattr(incoming, name))
    for name in _CHILD_COLLECTIONS:
        children = list(getattr(incoming, name))
        getattr(incoming, name).clear()
        setattr(existing, name, children)


def upsert_procedures(session: Session, incoming: list[Procedure]) -> tuple[int, int]:
    """Insert or replace procedures by code, with their search rows. Returns (added, updated)."""
    added = updated = 0
    for start in range(0, len(incoming), WRITE_CHUNK):
        chunk = incoming[start : start + WRITE_CHUNK]
        existing = {
            p.code: p for p in session.scalars(select(Procedure).where(Procedure.code.in_([p.code for p in chunk])))
        }
        written: list[Procedure] = []
        for procedure in chunk:
            current = existing.get(procedure.code)
            if current is None:
                session.add(procedure)
                written.append(procedure)
                added += 1
            else:
                _replace(current, procedure)
                written.append(current)
                updated += 1
        session.flush()
        _write_search_rows(session, written)
        if len(incoming) > WRITE_CHUNK:
            session.expunge_all()  # a large file: keep memory flat, chunk after chunk
    return added, updated


def upsert_procedure(session: Session, incoming: Procedure) -> bool:
    """Insert or replace one procedure by code. Returns True if it was new."""
    added, _updated = upsert_procedures(session, [incoming])
    return bool(added)


def import_catalog_records(sessions: sessionmaker[Session], records: Iterable[Any]) -> ImportReport:
    """Validate every record, then upsert the good ones in one transaction."""
    report = ImportReport()
    good: list[Procedure] = []
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        code = record.get("MATTHC") if isinstance(record, dict) else None
        code = str(code).strip() if isinstance(code, (str, int)) and str(code).strip() else None
        try:
            procedure = parse_record(record)
        except RecordError as exc:
            report.refused.append(RefusedRecord(index, code, exc.field_path, exc.message))
            continue
        if procedure.code in seen:
            # The later record in the file wins, as it would in two imports in a row.
            good[seen[procedure.code]] = procedure
            continue
        seen[procedure.code] = len(good)
        good.append(procedure)
    with session_scope(sessions) as session:
        report.added, report.updated = upsert_procedures(session, good)
    return report


def read_catalog_file(path: Path) -> list[Any]:
    """The records of an exchange file: one object or a list. Raises CatalogImportError."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CatalogImportError(f"Không đọc được tệp {path} / cannot read the file: {exc.strerror}") from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogImportError(
            f"Tệp {Path(path).name} không phải JSON hợp lệ (UTF-8) / not valid JSON: {exc}"
        ) from exc
    except RecursionError:
        raise CatalogImportError(f"Tệp {Path(path).name} lồng nhau quá sâu / the JSON is nested too deeply") from None
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return data
    raise CatalogImportError(
        f"Tệp {Path(path).name} cần một thủ tục hoặc danh sách thủ tục / "
        "expected a procedure object or a list of them"
    )


def import_catalog_file(sessions: sessionmaker[Session], path: Path, *, officer: str | None = None) -> ImportReport:
    """`officer`: the person importing; once the site has users, an admin's job ("settings",
    PermissionDenied otherwise). None only for the app's own seeding and tests."""
    if officer is not None:
        from counterapp.users.accounts import check_permission

        check_permission(sessions, officer, "settings")
    return import_catalog_records(sessions, read_catalog_file(path))
