"""The person a procedure is about, when it is not the applicant: the child in khai sinh, the
deceased in khai tử, the ward in giám hộ; and the applicant's relationship to them ("mẹ",
"người được ủy quyền" with the authorisation document noted).

Why apart from the applicant: a receipt that names only "Trần Văn Bình" for a birth
registration does not say whose birth it is, and a mother, a grandmother and an authorised
neighbour are not the same applicant. The applicant stays the dossier's owner (chủ hồ sơ,
ChuHoSo nationally); the subject is extra, optional in general, required by name where the
procedure's kind says so.

Which procedures have a subject is data (resources/dossiers/subjects.toml: codes, or words
of the procedure's name), never a rule in a widget: the window asks `subject_kind()` whether
to show its block and which relationships to offer, and `validate_subject()` checks what the
officer typed for the window and the CLI alike. Messages: Vietnamese first, then English.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from counterapp.catalog.folding import fold
from counterapp.clock import site_today
from counterapp.paths import resource

RULES_FILE = ("dossiers", "subjects.toml")
NAME_MAX = 200
RELATIONSHIP_MAX = 64
_ID = re.compile(r"\d{9}|\d{12}")


class SubjectIn(BaseModel):
    """The person concerned, as an IntakeRequest carries it (`subject`)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    name: str | None = None
    date_of_birth: str | date | None = None  # ISO "2026-11-20" or "20/11/2026"
    sex: str | None = None
    id_number: str | None = None  # a newborn has none
    note: str | None = None  # free: e.g. the date and place of death
    relationship: str | None = None  # the applicant's relationship to the person: "mẹ", ...
    authorisation: str | None = None  # "Giấy ủy quyền số 12/2026, ngày 20/11/2026"

    def is_given(self) -> bool:
        """True when anything about the person was filled in (the relationship alone is not)."""
        return any(_text(v) for v in (self.name, self.date_of_birth, self.sex, self.id_number, self.note))


@dataclass(frozen=True)
class SubjectKind:
    """One kind of procedure about another person (a [[kind]] of subjects.toml)."""

    key: str
    title: str
    name_required: bool = False
    relationships: tuple[str, ...] = ()
    authorisation: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    surname_from: tuple[str, ...] = ()
    """Relationships whose applicant's surname the person usually carries (the father's in
    khai sinh): the window starts the person's name with it."""

    def matches(self, code: str | None, name: str | None) -> bool:
        if code and code in self.codes:
            return True
        folded = fold(name or "")
        return any(fold(k) in folded for k in self.keywords) and not any(fold(x) in folded for x in self.exclude)

    def needs_authorisation(self, relationship: str | None) -> bool:
        return needs_authorisation(relationship, self)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v).strip() for v in value if str(v).strip()) if isinstance(value, list) else ()


def load_kinds(path: Path | None = None) -> tuple[SubjectKind, ...]:
    """The kinds of subjects.toml, in file order."""
    data = tomllib.loads((path or resource(*RULES_FILE)).read_text(encoding="utf-8"))
    kinds = []
    for item in data.get("kind") or []:
        if not isinstance(item, dict) or not item.get("key") or not item.get("title"):
            continue
        kinds.append(SubjectKind(
            key=str(item["key"]), title=str(item["title"]), name_required=bool(item.get("name_required", False)),
            relationships=_strings(item.get("relationships")), authorisation=_strings(item.get("authorisation")),
            codes=_strings(item.get("codes")), keywords=_strings(item.get("keywords")),
            exclude=_strings(item.get("exclude")), surname_from=_strings(item.get("surname_from")),
        ))
    return tuple(kinds)


@lru_cache(maxsize=1)
def _shipped_kinds() -> tuple[SubjectKind, ...]:
    return load_kinds()


def subject_kind(code: str | None, name: str | None = None) -> SubjectKind | None:
    """The kind of person a procedure (its code and name) is about, or None when the
    applicant is the only person of the dossier."""
    return next((k for k in _shipped_kinds() if k.matches(code, name)), None)


def needs_authorisation(relationship: str | None, kind: SubjectKind | None = None) -> bool:
    """Whether the applicant acts on an authorisation (the document must be noted)."""
    f = fold(relationship or "")
    if not f:
        return False
    listed = kind.authorisation if kind is not None else ()
    return any(fold(a) == f for a in listed) or "uy quyen" in f


def suggested_name_start(kind: SubjectKind | None, relationship: str | None, applicant_name: str | None) -> str:
    """How the person's name usually starts: the applicant's surname and a space when the
    relationship is one of the kind's `surname_from` (a father registering his child), else "".
    Only a suggestion the officer types over; the name is never checked against it."""
    if kind is None or not relationship or not applicant_name:
        return ""
    if fold(relationship) not in {fold(r) for r in kind.surname_from}:
        return ""
    words = applicant_name.split()
    return f"{words[0]} " if len(words) >= 2 else ""


def validate_subject(
    subject: SubjectIn | None,
    kind: SubjectKind | None,
    err: Callable[[str, str, str], None],
    parse_date: Callable[[Any], date | None],
) -> None:
    """Report every problem with the person concerned through `err(path, vi, en)`."""
    subject = subject or SubjectIn()
    required = kind is not None and kind.name_required
    title = kind.title.lower() if kind is not None else "người được giải quyết"
    if not subject.is_given() and not required:
        if _text(subject.relationship) or _text(subject.authorisation):
            err("subject.name", f"Có quan hệ nhưng thiếu họ tên {title}",
                "a relationship was given without the person it relates to")
        return
    name = _text(subject.name)
    if not name:
        err("subject.name", f"Thiếu họ tên {title}", "the name of the person concerned is missing")
    elif len(name) > NAME_MAX:
        err("subject.name", "Họ tên quá dài", "name too long")
    relationship = _text(subject.relationship)
    if not relationship:
        err("subject.relationship", "Thiếu quan hệ của người nộp với người được giải quyết",
            "the applicant's relationship to the person concerned is missing")
    elif len(relationship) > RELATIONSHIP_MAX:
        err("subject.relationship", "Quan hệ quá dài", "relationship too long")
    elif needs_authorisation(relationship, kind) and not _text(subject.authorisation):
        err("subject.authorisation", "Thiếu giấy ủy quyền (số, ngày) của người được ủy quyền",
            "the authorisation document (number, date) is missing")
    born: date | None = None
    try:
        born = parse_date(subject.date_of_birth)
    except ValueError:
        err("subject.date_of_birth", f"Ngày sinh không hợp lệ: {subject.date_of_birth}",
            f"invalid date of birth: {subject.date_of_birth}")
    if born is not None:
        if born > site_today():  # the Vietnamese day, whatever zone the PC is in
            err("subject.date_of_birth", "Ngày sinh ở tương lai", "date of birth is in the future")
        elif born.year < 1900:
            err("subject.date_of_birth", "Ngày sinh trước năm 1900", "date of birth before 1900")
    sex = _text(subject.sex)
    if sex and sex_value(sex) is None:
        err("subject.sex", f"Giới tính phải là Nam hoặc Nữ (nhận được {sex!r})", "sex must be Nam or Nữ")
    id_number = _text(subject.id_number).replace(" ", "")
    if id_number and not _ID.fullmatch(id_number):
        err("subject.id_number", "Số định danh phải có 12 chữ số (CMND cũ: 9)",
            "ID number must have 12 digits (old ID: 9)")


def sex_value(text: str | None) -> str | None:
    f = fold(text or "")
    if f in ("nam", "male", "m"):
        return "Nam"
    if f in ("nu", "female", "f"):
        return "Nữ"
    return None


def subject_columns(subject: SubjectIn | None, parse_date: Callable[[Any], date | None]) -> dict[str, Any]:
    """The Dossier columns for a (valid) subject; all None when none was given."""
    if subject is None or not subject.is_given():
        return {"subject_name": None, "subject_date_of_birth": None, "subject_sex": None,
                "subject_id_number": None, "subject_note": None, "applicant_relationship": None,
                "authorisation": None}
    return {
        "subject_name": " ".join(_text(subject.name).split()) or None,
        "subject_date_of_birth": parse_date(subject.date_of_birth),
        "subject_sex": sex_value(subject.sex),
        "subject_id_number": _text(subject.id_number).replace(" ", "") or None,
        "subject_note": _text(subject.note) or None,
        "applicant_relationship": _text(subject.relationship) or None,
        "authorisation": _text(subject.authorisation) or None,
    }


def subject_to_dict(dossier: Any) -> dict[str, Any] | None:
    """The `subject` of dossier_to_dict (JSON-able), None when the dossier has none."""
    if not dossier.subject_name:
        return None
    born = dossier.subject_date_of_birth
    return {
        "name": dossier.subject_name,
        "date_of_birth": born.isoformat() if born else None,
        "sex": dossier.subject_sex,
        "id_number": dossier.subject_id_number,
        "note": dossier.subject_note,
        "relationship": dossier.applicant_relationship,
        "authorisation": dossier.authorisation,
    }


__all__ = [
    "SubjectIn",
    "SubjectKind",
    "load_kinds",
    "needs_authorisation",
    "subject_columns",
    "subject_kind",
    "subject_to_dict",
    "validate_subject",
]
