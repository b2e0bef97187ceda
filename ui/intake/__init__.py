"""The intake page: receiving a dossier at the counter (ui/intake/page.py)."""
