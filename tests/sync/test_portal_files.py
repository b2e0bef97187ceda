"""The portal keeps attachments as files named by their SHA-256 (`portal serve --files DIR`),
not as blobs in its database: the same content sent twice is kept once, a chunked upload is
staged on disk and appears under its hash only when complete and checked."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import func, select

from sync import protocol as p
from sync.client import PortalClient
from sync.portal.models import AttachmentChunk


def officer(portal) -> PortalClient:
    client = PortalClient(portal.url)
    client.token = client.login("officer", "officer-pass", counter_id="Q01").token
    return client


def kept_files(portal) -> list:
    return sorted(f for f in (portal.store.files.root / "sha256").rglob("*") if f.is_file())


def test_attachments_are_files_named_by_hash_kept_once(portal):
    client = officer(portal)
    data = b"%PDF-1.4 scan " + bytes(range(256)) * 400
    digest = hashlib.sha256(data).hexdigest()
    dossier = str(uuid.uuid4())
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    # One file whole, the same content again in three chunks under another id.
    client.attachment_put(first, p.AttachmentInit(dossier_id=dossier, filename="a.pdf", size=len(data),
                                                  sha256=digest), data)
    client.attachment_init(second, p.AttachmentInit(dossier_id=dossier, filename="b.pdf", size=len(data),
                                                    sha256=digest))
    third = len(data) // 3
    client.attachment_chunk(second, 0, data[:third])
    staged = portal.store.files.staged(second)
    assert staged.stat().st_size == third and kept_files(portal) == [portal.store.files.path(digest)]
    client.attachment_chunk(second, third, data[third:2 * third])
    status = client.attachment_chunk(second, 2 * third, data[2 * third:])
    assert status.complete and not staged.exists()
    assert kept_files(portal) == [portal.store.files.path(digest)]  # once, named by its hash
    assert portal.store.files.path(digest).read_bytes() == data
    assert portal.store.attachment_bytes(first) == portal.store.attachment_bytes(second) == data
    with portal.store.read() as s:  # nothing of it in the database
        assert s.scalar(select(func.count()).select_from(AttachmentChunk)) == 0
    client.close()


def test_a_chunked_file_with_the_wrong_hash_is_not_kept(portal):
    client = officer(portal)
    data = b"x" * 5000
    claimed = hashlib.sha256(b"something else").hexdigest()
    att = str(uuid.uuid4())
    client.attachment_init(att, p.AttachmentInit(dossier_id=str(uuid.uuid4()), filename="x.pdf", size=len(data),
                                                 sha256=claimed))
    client.attachment_chunk(att, 0, data[:2500])
    try:
        client.attachment_chunk(att, 2500, data[2500:])
    except Exception:  # noqa: BLE001 - the portal answers the mismatch; what matters is what it kept
        pass
    assert portal.store.attachment_status(att).offset == 0  # the client starts the file again
    assert kept_files(portal) == [] and not portal.store.files.staged(att).exists()
    client.close()


def test_staging_names_never_follow_the_clients_id(tmp_path):
    from sync.portal.files import FileStore

    files = FileStore(tmp_path / "files")
    path = files.staged("../../../../etc/passwd")
    assert path.parent == files.root / "staging" and ".." not in path.name


def test_a_refused_upload_leaves_no_file(portal):
    from sync.client import Rejected

    portal.store.add_user("officer.q02", "officer", "officer-q02-pass", counters=["Q02"])
    owner = officer(portal)
    data = b"%PDF-1.4 Q01's scan"
    att = str(uuid.uuid4())
    init = p.AttachmentInit(dossier_id=str(uuid.uuid4()), filename="a.pdf", size=len(data),
                            sha256=hashlib.sha256(data).hexdigest())
    owner.attachment_init(att, init)
    other = PortalClient(portal.url)
    other.token = other.login("officer.q02", "officer-q02-pass").token
    forged = b"%PDF-1.4 another counter's file"
    try:
        other.attachment_put(att, init.model_copy(update={"size": len(forged),
                                                          "sha256": hashlib.sha256(forged).hexdigest()}), forged)
        raise AssertionError("another counter replaced the file")
    except Rejected as exc:
        assert exc.status == 403
    assert kept_files(portal) == []  # nothing of the refused body kept on disk
    for client in (owner, other):
        client.close()
