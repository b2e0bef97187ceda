"""Helpers every command module shares: opening the app, printing JSON, errors."""

from __future__ import annotations

import json
import sys
from typing import Any

from counterapp.app import AppContext, open_app
from counterapp.config import ConfigError

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_FAILED = 2


def open_context(args: Any, *, seed_demo: bool = True) -> AppContext:
    try:
        return open_app(getattr(args, "data_dir", None), seed_demo=seed_demo)
    except ConfigError as exc:
        fail(str(exc), EXIT_FAILED)
        raise  # unreachable


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def fail(message: str, status: int = EXIT_PARTIAL) -> None:
    """Print a message for the officer on stderr and exit with `status`."""
    print(message, file=sys.stderr)
    raise SystemExit(status)
