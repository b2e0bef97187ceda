"""Working time, the holiday calendar and appointment-date (ngày hẹn trả) arithmetic.

- `working_time.WorkingCalendar`: the rules in force (zone, sessions, weekdays, days off,
  make-up working days), snapshot-able so a dossier keeps the rules of its receipt.
- `duedate.compute_due` / `duedate.counting_start`: the appointment arithmetic.
- `service`: default statutory holidays, the `calendar_days` table, imports.
"""
