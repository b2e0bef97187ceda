"""Salted scrypt password verifiers for the counter's own users (never the password).

The portal and the offline sign-in use this module too (sync/passwords.py re-exports it):
"scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>". Kept in the core because the core checks
passwords (CLI `--officer` with `--password-stdin`, the window's sign-in and lock screen)
and must not import sync/.
"""

from __future__ import annotations

import hashlib
import hmac
import os

N, R, P = 2**14, 8, 1
MIN_LENGTH = 6


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=64 * 1024 * 1024)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    if not stored or not password:
        return False
    try:
        scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            password.encode("utf-8"), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p),
            dklen=len(hash_hex) // 2, maxmem=64 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), hash_hex)
