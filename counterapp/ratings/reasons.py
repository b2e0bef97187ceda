"""The reasons a citizen may tick with a rating: data, not code.

The province's list ships in resources/ratings/reasons.toml (code, Vietnamese label, English);
a site may offer its own in site.toml (`[rating] reasons = ["Thái độ", "Thời gian", ...]`): then
each label's code is its folded form ("thai-do"), stable as long as the label is.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

REASONS_FILE = ("ratings", "reasons.toml")


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    en: str = ""


def _slug(label: str) -> str:
    from counterapp.catalog.folding import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(label).lower()).strip("-")


@lru_cache(maxsize=1)
def shipped_reasons() -> tuple[Reason, ...]:
    from counterapp.paths import resource

    data = tomllib.loads(resource(*REASONS_FILE).read_text(encoding="utf-8"))
    return tuple(Reason(str(r["code"]), str(r["label"]), str(r.get("en", ""))) for r in data.get("reason", []))


def load_reasons(config: Any = None) -> tuple[Reason, ...]:
    """The site's reasons ([rating] reasons) when it lists any, else the province's list."""
    labels = config.section("rating").get("reasons", []) if config is not None else []
    labels = [" ".join(str(x).split()) for x in labels or [] if str(x).strip()]
    if not labels:
        return shipped_reasons()
    shipped = {r.label: r for r in shipped_reasons()}
    return tuple(shipped.get(label) or Reason(_slug(label) or label, label) for label in labels)


def reason_codes(config: Any = None) -> list[str]:
    return [r.code for r in load_reasons(config)]


def reason_labels(config: Any = None) -> dict[str, str]:
    return {r.code: r.label for r in load_reasons(config)}
