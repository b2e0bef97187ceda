"""The window face: PySide6 widgets and the Qt adapters around the core and the sync engine."""
