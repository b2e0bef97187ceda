"""The dashboard tab ("Tổng quan"): today's figures as tiles that open the dossiers behind
them, the supervisor's queues with one action each, and a period's figures with their exports.
The figures are the core's (counterapp/reports/today.py, queues.py, period.py); these files only
show them and pass the officer's actions to the core.

- install.py: the tab in the main window, shown to roles that may see statistics;
- page.py: the page (header, tiles, queues, period), refreshed when shown and after a sync;
- tiles.py: the number tiles; list_dialog.py: the dossiers behind a number;
- queues_view.py: the four queues; actions.py: form 04, call, follow-up;
- period_view.py: a period's figures; period_export.py: XLSX and PDF;
- jobs.py: what runs off the GUI thread (plain data in, plain data out); common.py: formatting.
"""
