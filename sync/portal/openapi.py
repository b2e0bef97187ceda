"""Write sync/openapi.json from the reference portal app: `python -m sync.portal.openapi`."""

from __future__ import annotations

import json
from pathlib import Path

from sync.portal.app import openapi_document

OPENAPI_PATH = Path(__file__).resolve().parent.parent / "openapi.json"


def render() -> str:
    return json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    OPENAPI_PATH.write_text(render(), encoding="utf-8")
    print(OPENAPI_PATH)
