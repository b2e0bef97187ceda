"""The dossier list page."""

from ui.dossiers.page import DossierListPage

__all__ = ["DossierListPage"]
