"""Two layers of settings: the machine-wide site file IT writes, then the user's own file.

Why two: IT provisions a counter PC once (portal address, agency, counter id, number blocks,
scanner, privacy) in a file the officer cannot edit (`/etc/counterapp/site.toml`,
`%PROGRAMDATA%\\counterapp\\site.toml`, `/Library/Application Support/counterapp/site.toml`;
`COUNTERAPP_SITE_FILE` names another path, for tests), while the officer keeps preferences in
the data folder's `site.toml`. The user file wins key by key, except keys the machine file
locks (`[lock] keys = ["portal.url", "privacy"]`, a section name locking the whole section):
a user value for those is ignored and reported, never an error (the counter must still open).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from counterapp.settings.schema import FREE_KEY_SECTIONS, SiteSettings, is_secret, section_models
from counterapp.settings.validate import read_toml, validate_layer

SITE_FILE_ENV = "COUNTERAPP_SITE_FILE"
USER_FILE_NAME = "site.toml"

DEFAULT, MACHINE, USER, LOCKED = "default", "machine", "user", "locked"
SOURCE_LABELS = {
    DEFAULT: "mặc định / default",
    MACHINE: "tệp của máy / machine file",
    USER: "tệp người dùng / user file",
    LOCKED: "khóa bởi IT / locked by IT",
}


def machine_site_path() -> Path:
    """Where IT's site file lives on this OS (or `$COUNTERAPP_SITE_FILE`)."""
    override = os.environ.get(SITE_FILE_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "counterapp" / "site.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/counterapp/site.toml")
    return Path("/etc/counterapp/site.toml")


@dataclass
class Layers:
    """The merged settings (only keys some file sets), where each came from, what was ignored."""

    data: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # "section.key" -> MACHINE / USER / LOCKED
    locked: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()  # messages: user values for locked keys
    files: dict[str, str] = field(default_factory=dict)  # "machine" / "user" -> path


def read_layer(path: Path, *, machine: bool) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data, text = read_toml(path)
    return validate_layer(data, path, text, machine=machine)


def is_locked(locks: tuple[str, ...], section: str, key: str) -> bool:
    return section in locks or f"{section}.{key}" in locks


def merge(machine: dict[str, Any], user: dict[str, Any], user_path: str = "site.toml") -> Layers:
    locks = tuple(machine.pop("lock", {}).get("keys", []))
    result = Layers(locked=locks)
    ignored = []
    for source, layer in ((MACHINE, machine), (USER, user)):
        for section, values in layer.items():
            target = result.data.setdefault(section, {})
            for key, value in values.items():
                name = f"{section}.{key}"
                if source == USER and is_locked(locks, section, key):
                    ignored.append(f"{user_path}: {name}: IT đã khóa, bỏ qua giá trị của người dùng / "
                                   f"locked by IT, the user's value is ignored")
                    continue
                target[key] = value
                result.sources[name] = LOCKED if source == MACHINE and is_locked(locks, section, key) else source
    result.data = {name: values for name, values in result.data.items() if values}
    result.ignored = tuple(ignored)
    return result


def load_layers(data_dir: Path) -> Layers:
    machine_path = machine_site_path()
    user_path = Path(data_dir) / USER_FILE_NAME
    machine = read_layer(machine_path, machine=True)
    user = read_layer(user_path, machine=False)
    layers = merge(machine, user, str(user_path))
    layers.files = {MACHINE: str(machine_path), USER: str(user_path)}
    return layers


def mask(key: str, value: Any) -> Any:
    """Secrets hidden: keys that name one, and a password inside a URL."""
    if is_secret(key) and value:
        return "***"
    if isinstance(value, str) and "@" in value and "://" in value:
        parts = urlsplit(value)
        if parts.password:
            netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
            return urlunsplit(parts._replace(netloc=netloc))
    return value


def effective_rows(data: dict[str, Any], sources: dict[str, str], locked: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every setting the schema knows, its effective value (masked) and its source, in file order."""
    defaults = SiteSettings().model_dump()
    rows = []
    for section, model in section_models().items():
        set_values = data.get(section, {})
        if model is None or section in FREE_KEY_SECTIONS:
            keys = list(set_values)
        else:
            keys = list(model.model_fields)
        for key in keys:
            name = f"{section}.{key}"
            if key in set_values:
                value, source = set_values[key], sources.get(name, USER)
            else:
                value = defaults.get(section, {}).get(key)
                source = LOCKED if is_locked(locked, section, key) else DEFAULT
            rows.append({"key": name, "value": mask(key, value), "source": source})
    return rows
