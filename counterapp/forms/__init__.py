"""The forms the counter prints: templates as data, one rendering path to PDF or printer.

- `render.py`: `build_document`, `build_documents`, `render_pdf`, `render_pdf_bytes`,
  `print_document`, `configure_printer`, `ensure_gui_application`, `warm_up`,
  `form_spec`, `FormError`, `FORM_NAMES`, `ensure_shipped_fonts` (fonts.py) (QtGui / QtPrintSupport
  only, no widgets).
- `contexts.py`: what each form prints, read from a dossier (`receipt_context`, ...,
  `dossier_context(form, ...)`, `ledger_context`, `load_dossier`).
- `specs.py`: where templates and settings come from: the template sets (2025: TT
  03/2025/TT-VPCP, default; 2018: TT 01/2018/TT-VPCP), the site's overrides, `FormError`.
- `units.py`: the unit's name as the site configures it (NĐ 118/2025 naming by default).
- `files.py`: writing a PDF atomically; `qr.py`: the QR of a dossier code.
- `templating.py`: the small, safe template language of `resources/templates/*.html`.
- `formatting.py`: times in the site zone, money in figures and in words.
- `samples.py`: one sample context per form (tests, `counterapp print FORM --sample`).
- `batch.py`: one form for many dossiers as one PDF / print job, a print-log row per dossier.
- `printers.py`: the printer each form goes to (site.toml, the dialog's remembered choice,
  IT's lock) and printing to a named printer with no dialog (QtPrintSupport).

Importing this package does not import Qt; `render` does (`contexts` does not).
"""
