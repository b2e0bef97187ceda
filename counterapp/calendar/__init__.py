"""Working time, the holiday calendar and appointment-date (ngày hẹn trả) arithmetic.

- `working_time.WorkingCalendar`: the rules in force (zone, sessions, reception weekdays,
  counting weekdays, days off, make-up working days), snapshot-able so a dossier keeps the
  rules of its receipt.
- `duedate.compute_due` / `duedate.counting_start`: the appointment arithmetic (working
  time, calendar days, same day).
- `rules`: which rule applies to a procedure (catalog time text, cut-off, site override)
  and its explanation for the officer ("rule_text").
- `service`: default days off (the shipped official calendar per year, else the
  `holidays` library minus unconfirmed days), the `calendar_days` table, imports.
"""
