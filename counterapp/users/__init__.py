"""Officers who sign in at this counter, their roles, and what each role may do.

- roles.py: the permission table (`can(role, action)`), `PermissionDenied` (says who may).
- passwords.py: salted scrypt verifiers (never the password).
- models.py: the `users` table (migration users_0001).
- accounts.py: add / list / disable / enable / change password, sign-in (`authenticate`),
  and `require_permission(session, officer_name, action)`, which the dossier core calls.

A site with no users keeps the old behaviour: the officer configured in site.toml
[officer] acts, and the rules that needed a supervisor need only a named one.

This package's __init__ imports nothing heavy (no SQLAlchemy): the window may ask `can`
before its data folder is open.
"""

from __future__ import annotations

from counterapp.users.roles import ACTIONS, ROLES, PermissionDenied, allowed_roles, can, check_role, require

__all__ = ["ACTIONS", "ROLES", "PermissionDenied", "allowed_roles", "can", "check_role", "require"]
