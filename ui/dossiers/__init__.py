"""The dossier list page (ui/dossiers/page.py) and its install into the main window."""
