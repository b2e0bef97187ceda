"""The supervisor's figures, computed from the counter's own database (issue 11): today's
figures and queues for the dashboard (today.py, queues.py), a period's figures and their
exports (period.py and the exporters)."""
