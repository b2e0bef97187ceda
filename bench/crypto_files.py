"""Files encrypted at rest (counterapp/crypto.py): what encryption costs a counter.

Prints MB/s to encrypt a PDF into the data folder (`copy_in`), to hash its plaintext
(`sha256_plain`, what a sync upload and `attachment check` do), to read 64 KiB at a random
offset (a resumed chunked upload), to make the private plaintext copy a viewer needs
(`plain_path`), and the same copy and hash of a plain file for comparison.

    .venv/bin/python bench/crypto_files.py [--mb 40]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counterapp import crypto  # noqa: E402


def timed(label: str, megabytes: float, work) -> None:  # noqa: ANN001
    start = time.perf_counter()
    work()
    spent = time.perf_counter() - start
    print(f"{label:<42} {spent * 1000:8.1f} ms  {megabytes / spent:8.0f} MB/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        crypto.register(folder / "data", crypto.FileCipher.from_database_key(secrets.token_hex(32)))
        (folder / "data").mkdir()
        source = folder / "scan.pdf"
        source.write_bytes(os.urandom(args.mb << 20))
        sealed, plain = folder / "data" / "sealed.pdf", folder / "plain.pdf"
        timed("plain copy (shutil)", args.mb, lambda: shutil.copyfile(source, plain))
        timed("encrypt into the data folder (copy_in)", args.mb, lambda: crypto.copy_in(source, sealed))
        timed("sha256 of a plain file", args.mb, lambda: hashlib.sha256(plain.read_bytes()).hexdigest())
        timed("sha256 of the plaintext (sha256_plain)", args.mb, lambda: crypto.sha256_plain(sealed))

        def private_copy() -> None:
            with crypto.plain_path(sealed) as copy:
                assert copy.stat().st_size == args.mb << 20

        timed("private plaintext copy (plain_path)", args.mb, private_copy)
        offsets = [random.randrange(0, (args.mb << 20) - 65536) for _ in range(200)]
        with crypto.open_plain(sealed) as handle:
            start = time.perf_counter()
            for offset in offsets:
                handle.seek(offset)
                handle.read(65536)
            each = (time.perf_counter() - start) / len(offsets)
        print(f"{'64 KiB at a random offset (open_plain)':<42} {each * 1e6:8.0f} µs")
        overhead = sealed.stat().st_size - source.stat().st_size
        print(f"size overhead: {overhead} bytes ({overhead / source.stat().st_size:.4%})")


if __name__ == "__main__":
    main()
