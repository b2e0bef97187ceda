"""The citizen's rating of a visit to the counter (issue 11): satisfied / normal / not
satisfied, with the reasons the province uses, stored with the dossier, the officer and the
moment, queued for the portal, and counted per officer and per procedure for the dashboard.

- models.py: the `ratings` table (migration branch "ratings", ratings_0001).
- reasons.py: the reasons offered (resources/ratings/reasons.toml or `[rating] reasons`).
- service.py: `record_rating`, `ratings_of`, `satisfaction`, `reason_counts`.

Why it matters: citizen satisfaction is one of the indicators a one-stop centre is judged on
(Quảng Ninh's SIPAS; QĐ 766/QĐ-TTg). A rating is never required: the window offers it after
the officer's work is saved, and nothing waits for it.
"""

from __future__ import annotations

from counterapp.ratings.models import OCCASIONS, SCORES
from counterapp.ratings.service import (
    RATING_OPERATION,
    RatingError,
    RatingInfo,
    SatisfactionRow,
    ratings_of,
    reason_counts,
    record_rating,
    satisfaction,
)

__all__ = ["OCCASIONS", "RATING_OPERATION", "SCORES", "RatingError", "RatingInfo", "SatisfactionRow", "ratings_of",
           "reason_counts", "record_rating", "satisfaction"]
