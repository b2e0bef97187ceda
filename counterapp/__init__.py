"""Counter: the core of the one-stop counter desktop client (no Qt widgets here)."""

__version__ = "0.1.0"
