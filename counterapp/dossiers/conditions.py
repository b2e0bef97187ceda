"""Which catalog documents are required only in some cases (conditional documents).

Why: an incomplete paper dossier is not received (NĐ 118/2025, TT 03/2025: it gets form
02, the request to complete). But a procedure's document list mixes documents every
applicant hands in with documents that apply only in a case the catalog names: "Biên bản
xác nhận việc trẻ bị bỏ rơi (trường hợp trẻ em bị bỏ rơi)", "Bản án ... (nếu đã từng kết
hôn và ly hôn)", "Văn bản ủy quyền ... trong trường hợp ủy quyền". Counting those as
missing would refuse nearly every dossier. So a conditional document is *not* required
unless the officer ticks that its case applies (`IntakeRequest.applicable_cases`).

The classification reads the catalog's own wording (folded, diacritics-insensitive):

- a document in a TRUONGHOP group other than the procedure's main one (the first group
  named), e.g. "Điều chỉnh, thôi hưởng trợ cấp" beside "Thực hiện trợ cấp xã hội hàng
  tháng". Except groups that name a part of every dossier rather than a case ("Giấy tờ
  phải nộp" / "Giấy tờ phải xuất trình", "Giấy tờ của người được giới thiệu làm con
  nuôi"): the national catalog lists documents to hand in and documents to show side by
  side, and both are needed. A group worded as a case ("Trường hợp ...", "Đối với ...")
  is a case even when it starts with one of those words;
- a document whose name (its first clause, before a top-level ";") says "trường hợp ..."
  (not "trừ trường hợp ...", an exception to a required document, and not "(trường hợp
  X) hoặc Y", an alternative), "(đối với ...)", "(nếu ...)" or "nếu có";
- a representative's authorisation: "giấy ủy quyền", "văn bản ủy quyền", "hợp đồng ủy
  quyền".

What comes after a top-level ";" qualifies an alternative ("Giấy chứng sinh; trường hợp
không có Giấy chứng sinh thì nộp ...") or a second part ("Danh sách cổ đông sáng lập;
danh sách cổ đông là nhà đầu tư nước ngoài (nếu có)"): the document itself stays required.
The phrases are the catalog's wording, not law: adjust the lists below if a catalog words
its cases differently (tests in tests/dossiers/test_conditions.py use the demo catalog).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from counterapp.catalog.folding import fold

CASE_GROUP_PREFIXES = ("truong hop", "doi voi", "neu ", "khi ")
"""A TRUONGHOP group worded like this is a case (folded, at the start of the group name)."""
PART_GROUP_PREFIXES = ("giay to", "thanh phan", "ho so", "tai lieu")
"""A group (other than the main one) worded like this is a part of every dossier, not a case."""
CASE_WORDS = ("truong hop",)
"""In a document's first clause: the document is needed only in that case..."""
CASE_EXCEPTION_WORDS = ("tru", "ca")
"""...unless the word before it makes an exception ("trừ trường hợp") or an extension ("cả trường hợp")."""
PAREN_CASES = ("(doi voi", "(neu")
"""Parenthesised conditions: "(đối với người khuyết tật)", "(nếu đã từng kết hôn)"."""
IF_ANY = ("neu co",)
"""'nếu có': hand it in if there is one."""
AUTHORISATION = ("giay uy quyen", "van ban uy quyen", "hop dong uy quyen")
"""A representative's authorisation: needed only when someone acts for the applicant."""
ALTERNATIVE = " hoac "
"""'(trường hợp X) hoặc Y': the parenthesis qualifies one alternative of a required document."""

REASON_CASE_GROUP = "case_group"
REASON_WORDING = "wording"
REASON_AUTHORISATION = "authorisation"


class CatalogDocument(Protocol):
    code: str | None
    name: str
    case_name: str | None


@dataclass(frozen=True)
class Condition:
    """How one catalog document applies. `conditional` False = always required."""

    conditional: bool
    reason: str | None = None  # REASON_CASE_GROUP | REASON_WORDING | REASON_AUTHORISATION
    case: str | None = None  # the TRUONGHOP group, for REASON_CASE_GROUP

    @property
    def label_vi(self) -> str:
        if self.reason == REASON_CASE_GROUP:
            return self.case or "Trường hợp riêng"
        if self.reason == REASON_AUTHORISATION:
            return "Trường hợp ủy quyền"
        if self.reason == REASON_WORDING:
            return "Theo trường hợp"
        return ""


ALWAYS = Condition(False)


def main_case(documents: Iterable[CatalogDocument]) -> str | None:
    """The procedure's main group: the first TRUONGHOP group named, in catalog order."""
    for doc in documents:
        if doc.case_name and doc.case_name.strip():
            return doc.case_name.strip()
    return None


def is_case_group(case_name: str | None) -> bool:
    """True when a TRUONGHOP group (other than the main one) is a case: worded as one
    ("Trường hợp ...", "Đối với ..."), or not worded as a part of every dossier
    ("Giấy tờ phải xuất trình")."""
    folded = fold(case_name)
    if not folded:
        return False
    return folded.startswith(CASE_GROUP_PREFIXES) or not folded.startswith(PART_GROUP_PREFIXES)


def first_clause(name: str) -> str:
    """The text before the first ";" outside parentheses."""
    depth = 0
    for i, ch in enumerate(name):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            return name[:i]
    return name


def _closing_paren(text: str, start: int) -> int | None:
    """Index of the ")" closing the parenthesis that contains `start`, or None if not inside one."""
    depth = 0
    for i in range(start - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                break
            depth -= 1
    else:
        return None
    depth = 0
    for j in range(start, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            if depth == 0:
                return j
            depth -= 1
    return len(text)


def wording_is_conditional(name: str | None) -> bool:
    """The document's own wording makes it conditional (see the module docstring)."""
    clause = fold(first_clause(name or ""))
    if not clause:
        return False
    if any(word in clause for word in IF_ANY) or any(word in clause for word in PAREN_CASES):
        return True
    for word in CASE_WORDS:
        for match in re.finditer(re.escape(word), clause):
            before = re.findall(r"[0-9a-z]+", clause[: match.start()])
            if before and before[-1] in CASE_EXCEPTION_WORDS:
                continue  # "trừ trường hợp", "cả trường hợp"
            close = _closing_paren(clause, match.start())
            if close is not None and ALTERNATIVE in clause[close:]:
                continue  # "(trường hợp X) hoặc Y": one alternative of a required document
            return True
    return False


def is_authorisation(name: str | None) -> bool:
    clause = fold(first_clause(name or ""))
    return any(word in clause for word in AUTHORISATION)


def classify(name: str | None, case_name: str | None = None, main: str | None = None) -> Condition:
    """The Condition of one document: its group first, then its wording."""
    case = (case_name or "").strip()
    if case and case != (main or "").strip() and is_case_group(case):
        return Condition(True, REASON_CASE_GROUP, case)
    if is_authorisation(name):
        return Condition(True, REASON_AUTHORISATION, case or None)
    if wording_is_conditional(name):
        return Condition(True, REASON_WORDING, case or None)
    return ALWAYS


def classify_documents(documents: Iterable[CatalogDocument]) -> list[Condition]:
    """Conditions of a procedure's documents, in the order given (catalog order)."""
    docs = list(documents)
    main = main_case(docs)
    return [classify(d.name, d.case_name, main) for d in docs]


def case_keys(values: Iterable[str] | str | None) -> set[str]:
    """Folded keys of what the officer ticked (group names, document codes or names)."""
    if values is None:
        return set()
    if isinstance(values, str):
        values = [values]
    return {fold(v) for v in values if v and fold(v)}


def applies(condition: Condition, keys: set[str], *, code: str | None, name: str | None,
            case_name: str | None = None) -> bool:
    """A document is required when it is not conditional, or when its case was ticked
    (by its group name, its code or its name)."""
    if not condition.conditional:
        return True
    candidates = {fold(code), fold(name), fold(case_name)} - {""}
    return bool(candidates & keys)


__all__ = [
    "ALWAYS",
    "Condition",
    "applies",
    "case_keys",
    "classify",
    "classify_documents",
    "first_clause",
    "is_authorisation",
    "is_case_group",
    "main_case",
    "wording_is_conditional",
]
