"""Signed site files: a TOML file whose last line is `# signature: ed25519:<base64>`.

Why signed: the MSI's SITEFILE and `counterapp provision FILE` install a file machine-wide from
wherever IT copied it (a share, a USB stick, an e-mail); a changed portal address would send
every dossier of that counter elsewhere. The province signs each counter's file with its
Ed25519 key (`cryptography`); the installer ships the public key(s) it trusts.

Why this format: the signature is over the exact bytes before the last line, and that line is
a TOML comment, so the signed file is itself a valid site file (installed as it is, and still
checkable later); one byte changed anywhere fails verification. Ed25519: 32-byte keys, 64-byte
signatures, no parameters to choose; signing and checking take well under a millisecond.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from counterapp.paths import resource

SIGNATURE_PREFIX = b"# signature: ed25519:"
KEY_PREFIX = "ed25519:"
TRUSTED_KEYS_ENV = "COUNTERAPP_TRUSTED_KEYS"


class SiteFileSignatureError(ValueError):
    """The file is not signed, or not by a trusted key, or was changed; the message says which."""


def create_private_key(path: Path) -> Ed25519PrivateKey:
    """A new key written to `path` (PEM, PKCS#8, readable by its owner only); refuses to overwrite."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except OSError as exc:
        raise SiteFileSignatureError(f"Không đọc được khóa {path} / cannot read the key: {exc.strerror}") from exc
    except (ValueError, TypeError) as exc:
        raise SiteFileSignatureError(f"{path}: không phải khóa riêng PEM không mật khẩu / not an unencrypted "
                                     f"PEM private key: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SiteFileSignatureError(f"{path}: cần khóa Ed25519 / an Ed25519 key is needed")
    return key


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """`ed25519:<base64 of the 32 raw bytes>`, the line IT puts in trusted_keys.txt."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return KEY_PREFIX + base64.b64encode(raw).decode()


def parse_public_key(text: str) -> Ed25519PublicKey:
    value = text.strip()
    if value.startswith(KEY_PREFIX):
        value = value[len(KEY_PREFIX):]
    try:
        raw = base64.b64decode(value, validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise SiteFileSignatureError(f"Khóa công khai không hợp lệ {text.strip()!r} / not an Ed25519 public key "
                                     "(expected ed25519:<base64>)") from exc


def sign_site_text(body: bytes, key: Ed25519PrivateKey) -> bytes:
    """`body` (ending with a newline) followed by its signature line."""
    if not body.endswith(b"\n"):
        body += b"\n"
    signature = base64.b64encode(key.sign(body))
    return body + SIGNATURE_PREFIX + signature + b"\n"


def split_signed(data: bytes) -> tuple[bytes, bytes]:
    """(the signed bytes, the signature); SiteFileSignatureError when there is no signature line."""
    content = data[:-1] if data.endswith(b"\n") else data
    cut = content.rfind(b"\n") + 1
    last = content[cut:].rstrip(b"\r")
    if not last.startswith(SIGNATURE_PREFIX):
        raise SiteFileSignatureError("Tệp cấu hình chưa được ký (thiếu dòng cuối \"# signature: ed25519:...\") / "
                                     "the site file is not signed (no \"# signature: ed25519:...\" last line)")
    try:
        signature = base64.b64decode(last[len(SIGNATURE_PREFIX):].strip(), validate=True)
    except binascii.Error as exc:
        raise SiteFileSignatureError("Chữ ký hỏng / the signature line is damaged") from exc
    return content[:cut], signature


def verify_site_file(data: bytes, trusted: list[str]) -> tuple[bytes, str]:
    """(the signed body, the key that signed it) or SiteFileSignatureError (vi / en)."""
    body, signature = split_signed(data)
    keys = [parse_public_key(text) for text in trusted]
    if not keys:
        raise SiteFileSignatureError(
            "Chưa có khóa tin cậy nào để kiểm tra chữ ký: thêm khóa của tỉnh vào trusted_keys.txt, "
            f"biến {TRUSTED_KEYS_ENV} hoặc --trust-key / no trusted key to check the signature with: add the "
            f"province's key to trusted_keys.txt, {TRUSTED_KEYS_ENV} or --trust-key")
    for key in keys:
        try:
            key.verify(signature, body)
            return body, public_key_text(key)
        except InvalidSignature:
            continue
    raise SiteFileSignatureError(
        "Chữ ký không khớp: tệp đã bị sửa sau khi ký hoặc không do khóa tin cậy ký / the signature does not "
        "match: the file was changed after signing, or a key this installation does not trust signed it")


def trusted_keys(extra: list[str] | None = None) -> list[str]:
    """Shipped keys (resources/provisioning/trusted_keys.txt), then `$COUNTERAPP_TRUSTED_KEYS`, then `extra`.

    A `--trust-key` value may also be the path of a file holding keys, one a line."""
    found: list[str] = []
    shipped = resource("provisioning", "trusted_keys.txt")
    if shipped.is_file():
        found += _key_lines(shipped.read_text(encoding="utf-8"))
    found += os.environ.get(TRUSTED_KEYS_ENV, "").replace(",", " ").split()
    for item in extra or []:
        path = Path(item)
        found += _key_lines(path.read_text(encoding="utf-8")) if _is_file(path) else [item.strip()]
    return list(dict.fromkeys(found))


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a base64 key is not a valid file name everywhere
        return False


def _key_lines(text: str) -> list[str]:
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]
