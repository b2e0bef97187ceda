"""Reading whole procedure records back: by code, as plain data for JSON and the window."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from counterapp.catalog.models import Channel, Procedure, TimeLimit

_LOAD_ALL = (
    selectinload(Procedure.fields),
    selectinload(Procedure.agencies),
    selectinload(Procedure.steps),
    selectinload(Procedure.channels).selectinload(Channel.time_limits).selectinload(TimeLimit.fees),
    selectinload(Procedure.documents),
    selectinload(Procedure.target_groups),
    selectinload(Procedure.results),
    selectinload(Procedure.legal_bases),
)


def get_procedure(session: Session, code: str) -> Procedure | None:
    return session.scalar(select(Procedure).where(Procedure.code == code.strip()).options(*_LOAD_ALL))


def warm_record_queries(sessions: sessionmaker[Session]) -> None:
    """Load one procedure's whole record and throw it away: SQLAlchemy configures its mappers
    and compiles the record's queries on first use (about 80 ms). Called off the GUI thread at
    start-up, so the first record the window shows costs it a few milliseconds."""
    with sessions() as session:
        first = session.scalar(select(Procedure.id).limit(1))
        if first is not None:
            procedure = get_procedure_by_id(session, first)
            if procedure is not None:
                procedure_to_dict(procedure)


def get_procedure_by_id(session: Session, procedure_id: int) -> Procedure | None:
    return session.scalar(select(Procedure).where(Procedure.id == procedure_id).options(*_LOAD_ALL))


def _amount(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def procedure_to_dict(p: Procedure) -> dict[str, Any]:
    """The whole record, with English keys, for `catalog show --json` and the detail pane."""
    return {
        "code": p.code,
        "name": p.name,
        "publishing_agency_code": p.publishing_agency_code,
        "level": p.level,
        "online_level": p.online_level,
        "cutoff_time": p.cutoff_time,
        "publication_status": p.publication_status,
        "fields": [{"code": f.code, "name": f.name} for f in p.fields],
        "field": p.field_names,
        "agencies": [{"code": a.code, "name": a.name} for a in p.agencies],
        "steps": [{"case": s.case_name, "description": s.description} for s in p.steps],
        "channels": [
            {
                "kind": c.kind,
                "kind_name": c.kind_name,
                "time_limits": [
                    {
                        "amount": _amount(t.amount),
                        "unit": t.unit,
                        "description": t.description,
                        "same_day": t.same_day,  # read from the description at import (None: older import)
                        "text_cutoff": t.cutoff_time,
                        "fees": [
                            {"code": f.code, "amount_vnd": f.amount_vnd, "unit": f.unit, "description": f.description}
                            for f in t.fees
                        ],
                    }
                    for t in c.time_limits
                ],
            }
            for c in p.channels
        ],
        "documents": [
            {
                "case": d.case_name,
                "code": d.code,
                "name": d.name,
                "form_name": d.form_name,
                "form_url": d.form_url,
                "originals": d.originals,
                "copies": d.copies,
            }
            for d in p.documents
        ],
        "requirements": p.requirements,
        "target_groups": [t.name for t in p.target_groups],
        "results": [{"code": r.code, "name": r.name} for r in p.results],
        "legal_bases": [{"number": b.number, "title": b.title} for b in p.legal_bases],
    }


def format_amount(value: float) -> str:
    amount = _amount(value)
    return str(amount).replace(".", ",")


def format_vnd(amount: int) -> str:
    """135000 -> '135.000 đ' (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".") + " đ"
