"""The citizens' ratings on the reference portal: POST /ratings (a batch from a counter),
GET /ratings?dossier_id= (what the portal holds for a dossier).

Exactly once under replays: a rating is stored by the counter's uuid with a hash of its body;
the same uuid with the same body is answered "applied, duplicate" and stored nothing more
(a lost answer, an engine restart, a second push of the same row); the same uuid with another
body is rejected and the first one stands. Two requests racing on the same new uuid: the loser's
insert violates the primary key, the whole batch is replayed (`store.retrying`) and then reads
the winner's row (a duplicate).

Who may: as for dossiers (access.py). A rating of a dossier the portal holds is checked against
that dossier's agency and counter; a rating that arrives before its dossier (the counter sends
them on separate queues) against the counter the rating names, within the user's agency, which
is the agency stored (never the one claimed). Every rating of the batch is checked before
anything is written: one outside the user's scope refuses the request (403; the engine then
sends each alone, so only that one is parked).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from sync import protocol as p
from sync.portal.access import check_write, sees
from sync.portal.models import UTC_, PortalBase, PortalDossierRow, now


class PortalRating(PortalBase):
    __tablename__ = "portal_ratings"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)  # the counter's
    body_hash: Mapped[str] = mapped_column(String(64))
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)  # the dossier's uuid
    agency_code: Mapped[str] = mapped_column(String(64), default="", index=True)
    counter_id: Mapped[str] = mapped_column(String(32), default="")
    data_json: Mapped[str] = mapped_column(Text)  # the RatingIn as sent
    rated_at: Mapped[datetime] = mapped_column(UTC_)
    received_at: Mapped[datetime] = mapped_column(UTC_, default=now)


def rating_hash(rating: p.RatingIn) -> str:
    body = rating.model_dump(mode="json")
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class RatingsMixin:
    """PortalStore's ratings."""

    def push_ratings(self, req: p.RatingsRequest, who: p.WhoAmI | None) -> p.RatingsResponse:
        return self.retrying(lambda: self._push_ratings(req, who))

    def _push_ratings(self, req: p.RatingsRequest, who: p.WhoAmI | None) -> p.RatingsResponse:
        results: list[p.RatingResult] = []
        with self.write() as s:
            uuids = [r.uuid for r in req.ratings]
            stored = {r.uuid: r for r in s.scalars(select(PortalRating).where(PortalRating.uuid.in_(uuids)))}
            dossiers = {d.id: d for d in s.scalars(select(PortalDossierRow).where(
                PortalDossierRow.id.in_({r.dossier_uuid for r in req.ratings})))}
            owners: list[tuple[str, str]] = []
            for rating in req.ratings:  # every rating is checked before anything is written
                dossier = dossiers.get(rating.dossier_uuid)
                if dossier is not None:
                    owner = (dossier.agency_code, dossier.counter_id)
                else:
                    agency = who.agency_code if who is not None else rating.agency_code
                    owner = (agency, rating.counter_id or (who.counter_id if who is not None else ""))
                check_write(who, *owner)
                owners.append(owner)
            for rating, (agency, counter) in zip(req.ratings, owners, strict=True):
                digest = rating_hash(rating)
                first = stored.get(rating.uuid)
                if first is not None:
                    if first.body_hash == digest:
                        results.append(p.RatingResult(uuid=rating.uuid, outcome=p.OperationOutcome.APPLIED,
                                                      duplicate=True))
                    else:
                        results.append(p.RatingResult(
                            uuid=rating.uuid, outcome=p.OperationOutcome.REJECTED,
                            message=f"Mã đánh giá {rating.uuid} đã dùng cho nội dung khác / rating id "
                                    f"{rating.uuid} was already used with a different body"))
                    continue
                row = PortalRating(uuid=rating.uuid, body_hash=digest, dossier_id=rating.dossier_uuid,
                                   agency_code=agency, counter_id=counter,
                                   data_json=rating.model_dump_json(), rated_at=rating.rated_at, received_at=now())
                s.add(row)
                stored[rating.uuid] = row
                results.append(p.RatingResult(uuid=rating.uuid, outcome=p.OperationOutcome.APPLIED))
        return p.RatingsResponse(results=results)

    def ratings(self, dossier_id: str, who: p.WhoAmI | None) -> list[p.RatingOut]:
        """The ratings the portal holds for a dossier (its uuid), in the user's scope only."""
        with self.read() as s:
            rows = s.scalars(select(PortalRating).where(PortalRating.dossier_id == dossier_id)
                             .order_by(PortalRating.rated_at, PortalRating.uuid)).all()
        return [p.RatingOut.model_validate({**json.loads(r.data_json), "agency_code": r.agency_code,
                                            "counter_id": r.counter_id, "received_at": r.received_at})
                for r in rows if who is None or sees(who, r.agency_code, r.counter_id)]
