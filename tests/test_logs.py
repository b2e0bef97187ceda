"""Log files: masked personal data, rotation, old files removed (counterapp/logs.py)."""

from __future__ import annotations

import logging
import os
import time

from counterapp import logs


def test_id_numbers_phones_and_emails_are_masked_but_codes_and_uuids_are_not() -> None:
    line = ("CCCD 001090012345, CMND 123456789, phone 0912 345 678 / +84912345678, an@example.vn, "
            "dossier H49.22-261130-0001, uuid 0b7d4c1e-8f53-4a8e-9d0c-123456789012, 5 pages")
    masked = logs.mask_personal(line)
    assert "001090012345" not in masked and "001*******45" in masked
    assert "123456789" not in masked.split("uuid")[0] and "123****89" in masked
    assert "0912 345 678" not in masked and "+84912345678" not in masked
    assert "an@example.vn" not in masked and "***@example.vn" in masked
    assert "H49.22-261130-0001" in masked
    assert "0b7d4c1e-8f53-4a8e-9d0c-123456789012" in masked
    assert "5 pages" in masked


def test_setup_logging_writes_masked_lines_and_removes_week_old_files(tmp_path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    old = folder / "counterapp-error-2026-01-01.log"
    old.write_text("old")
    os.utime(old, (time.time() - 8 * 86400,) * 2)
    recent = folder / "counterapp.log.1"
    recent.write_text("recent")
    path = logs.setup_logging(tmp_path)
    try:
        logging.getLogger("counterapp.test").info("applicant id %s", "001090012345")
        try:
            raise ValueError("bad id 001090012345")
        except ValueError:
            logging.getLogger("counterapp.test").exception("failed")
        text = path.read_text(encoding="utf-8")
    finally:
        logging.getLogger().removeHandler(logs._handler)
        logs._handler.close()
        logs._handler = None
    assert "001090012345" not in text
    assert text.count("001*******45") == 3  # the message, the exception line, the traceback's raise line
    assert " INFO " in text and "counterapp.test: applicant id" in text
    assert not old.exists() and recent.exists()
