"""The dashboard tab ("Tổng quan"): today's figures as tiles that open the dossiers behind
them, and the supervisor's queues with one action each. The figures and queues are the
core's (counterapp/reports/today.py, queues.py); these files only show them.

- install.py: the tab in the main window, shown to roles that may see statistics;
- page.py: the page (header, tiles, queues), refreshed when shown and after a sync;
- tiles.py: the number tiles;
- queues_view.py: the four queues and their actions;
- list_dialog.py: the dossiers behind a number;
- jobs.py: what runs off the GUI thread (plain data in, plain data out).
"""
