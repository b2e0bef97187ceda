"""Digitizing paper dossiers: scanner sources, page clean-up, separator sheets,
crash-safe scan batches, PDF/A assembly, background OCR, PAdES signing, and the
attachment record that links a PDF to its dossier and document component.

No Qt here: the window face (ui/scan) drives these objects and shows the
batch manifest (`batch.ScanBatch.pages()`) as thumbnails.
"""

from counterapp.digitize.common import MIN_DPI, DigitizeError, Page

__all__ = ["MIN_DPI", "DigitizeError", "Page"]
