"""Site settings as one typed schema, read from two layers, and site files IT can sign.

Why: a counter used to read `site.toml` section by section, and an unknown key was ignored,
so `[privacy] keep_dayz = 365` silently left retention off. Now every section and key the
code reads is declared once (`schema.py`, pydantic, `extra="forbid"`, strict types): a typo
or a wrong type stops loading with the file, line and key named and the nearest valid key
suggested. `layers.py` reads the machine-wide file IT writes (and may lock keys in) under the
user's own file; `signing.py` and `provision.py` let a province issue signed site files and
install one unattended (the MSI's SITEFILE, `counterapp provision FILE`).
"""
