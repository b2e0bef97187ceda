"""Salted scrypt password hashes (portal users) and verifiers (offline sign-in): the core's
(counterapp/users/passwords.py), so the portal, the offline verifier and the counter's own
users share one format, "scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>", and one implementation.
"""

from __future__ import annotations

from counterapp.users.passwords import N, P, R, hash_password, verify_password

__all__ = ["N", "P", "R", "hash_password", "verify_password"]
