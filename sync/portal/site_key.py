"""The portal's own key for signing counters' site files, kept in its database.

Why in the database: the province issues site files from the portal it runs (`counterapp portal
site-file --db URL ...`), so the key lives with the portal's data, backed up with it, and every
worker and every IT script that reaches the database signs with the same key; a key file
(`--key PEM`) is still accepted for a province that keeps the key off the server. The counters
trust the public key (`provision --trust-key`, or trusted_keys.txt), never the network.
"""

from __future__ import annotations

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.portal.models import Setting

SETTING = "site_file_signing_key"


def portal_site_key(store, *, create: bool) -> Ed25519PrivateKey | None:
    """The portal's site-file signing key; made and stored on first use when `create`."""
    with store.write() as session:
        row = session.get(Setting, SETTING)
        if row is not None:
            key = serialization.load_pem_private_key(json.loads(row.value_json).encode("ascii"), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError("the stored site-file key is not an Ed25519 key")
            return key
        if not create:
            return None
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode("ascii")
        session.add(Setting(key=SETTING, value_json=json.dumps(pem)))
        return key
