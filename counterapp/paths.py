"""Where things live: the shipped resources and the per-user data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "counterapp"
DATA_DIR_ENV = "COUNTERAPP_DATA_DIR"
DATABASE_FILE_NAME = "counter.db"  # in the data folder


def resources_dir() -> Path:
    """The shipped resources/ folder: in a PyInstaller bundle, a source tree or a wheel."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    import resources  # the top-level data package shipped beside counterapp

    return Path(resources.__file__).resolve().parent


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    import platformdirs  # only when no folder is given (about 8 ms of the window's start-up)

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then COUNTERAPP_DATA_DIR, then the platform's user data folder."""
    if explicit:
        chosen = Path(explicit)
    elif os.environ.get(DATA_DIR_ENV):
        chosen = Path(os.environ[DATA_DIR_ENV])
    else:
        chosen = default_data_dir()
    chosen = chosen.expanduser().resolve()
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen
