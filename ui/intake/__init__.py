"""The intake page: receiving a dossier at the counter."""

from ui.intake.page import IntakePage

__all__ = ["IntakePage"]
