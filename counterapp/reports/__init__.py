"""The supervisor's figures, computed from the counter's own database, offline.

- `period`: a period's figures (any dates, or day / week / month / quarter / year), in
  total and by procedure, field, officer or channel; the dossiers behind them.
- `export_xlsx`, `export_pdf`: those figures as a spreadsheet and as an A4 report with the
  agency header; `charts` draws the report's charts with QPainter (QtGui only), on a PDF
  page or on a widget alike.
No Qt is imported by `period`: the command line, the window and the benchmark share it.
"""
