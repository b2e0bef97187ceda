"""Issue a counter's signed site file, and install one as the machine-wide site file.

Why all-or-nothing: provisioning runs unattended (the MSI's custom action, a script over 20
PCs). A file that is unsigned, tampered with (one byte), signed by an unknown key, not TOML,
or with an unknown key or a wrong type is refused before anything is written, so the PC keeps
the site file it had, byte for byte. The new file is written beside the target and renamed
over it, so a power cut leaves the old file or the new one, never half of one.

Checking the portal afterwards is the caller's (the CLI uses sync.health.check_portal: the core
does not import sync).
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from counterapp.config import ConfigError
from counterapp.settings.layers import machine_site_path
from counterapp.settings.signing import SiteFileSignatureError, sign_site_text, verify_site_file
from counterapp.settings.validate import validate_layer


class ProvisionRefused(Exception):
    """Nothing was installed; the message (vi / en) says why."""


@dataclass
class Installed:
    path: Path
    signer: str
    settings: dict[str, Any] = field(default_factory=dict)
    replaced: bool = False


def issue_site_file(key: Any, *, agency: str, counter: str, portal_url: str, name: str | None = None,
                    base: dict[str, Any] | None = None, now: datetime | None = None) -> bytes:
    """The signed site file of one counter: `base` (settings every counter shares, `[lock]`
    included) with its agency, counter id and portal address set."""
    data: dict[str, Any] = {"site": {}, "portal": {}}
    for section, values in (base or {}).items():
        data.setdefault(section, {}).update(values)
    data["site"].update({"agency_code": agency, "counter_id": counter})
    if name:
        data["site"]["agency_name"] = name
    data["portal"]["url"] = portal_url
    validate_layer(data, "site-file", machine=True)  # an issued file always installs
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    header = (f"# Tệp cấu hình quầy / counter site file: {agency} {counter}\n"
              f"# Cấp lúc / issued {stamp} (counterapp portal site-file); sửa một byte là hỏng chữ ký / "
              "changing one byte breaks the signature\n\n")
    return sign_site_text((header + tomli_w.dumps(data)).encode("utf-8"), key)


def check_site_file(data: bytes, source: str, trusted: list[str]) -> tuple[dict[str, Any], str]:
    """(the file's checked settings, the signer's key) or ProvisionRefused."""
    try:
        body, signer = verify_site_file(data, trusted)
    except SiteFileSignatureError as exc:
        raise ProvisionRefused(f"{source}: {exc}") from None
    try:
        text = body.decode("utf-8")
        parsed = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProvisionRefused(f"{source}: tệp cấu hình sai cú pháp / not valid TOML: {exc}") from None
    try:
        settings = validate_layer(parsed, source, text, machine=True)
    except ConfigError as exc:
        raise ProvisionRefused(str(exc)) from None
    return settings, signer


def install_site_file(data: bytes, source: str, trusted: list[str], target: Path | None = None) -> Installed:
    """Check `data` (a signed site file's bytes), then put it in place as the machine-wide file."""
    settings, signer = check_site_file(data, source, trusted)
    target = Path(target or machine_site_path())
    replaced = target.exists()
    try:
        _atomic_write(target, data)
    except OSError as exc:
        raise ProvisionRefused(
            f"Không ghi được {target}: {exc.strerror or exc}; chạy với quyền quản trị (sudo / Administrator) / "
            f"cannot write {target}: run as administrator") from None
    return Installed(path=target, signer=signer, settings=settings, replaced=replaced)


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # every user reads it; only the administrator writes the folder
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
