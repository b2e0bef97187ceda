"""Fixtures for the digitize tests: generated pages, a SANE test-backend config, a PKCS#12 file."""

from __future__ import annotations

import datetime
import io
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
A4_200 = (1654, 2339)


def text_page(size=A4_200, seed: int = 0, lines: int | None = None, words: list[str] | None = None) -> Image.Image:
    """A white page with dark text-like lines (blocks of 'words'), like a typed form."""
    rng = np.random.default_rng(seed)
    w, h = size
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    y = int(h * 0.1)
    count = 0
    while y < h * 0.9 and (lines is None or count < lines):
        x = int(w * 0.1)
        while x < w * 0.88:
            ww = int(rng.integers(w // 80, w // 14))
            draw.rectangle([x, y, min(x + ww, int(w * 0.9)), y + max(6, h // 110)], fill=(25, 25, 40))
            x += ww + w // 90
        y += h // 40
        count += 1
    if words:
        size_px = max(36, h // 40)
        font = ImageFont.truetype(FONT, size_px)
        for i, text in enumerate(words):
            draw.text((int(w * 0.1), int(h * 0.05) + i * int(size_px * 1.6)), text, fill="black", font=font)
    return img


def jpeg_bytes(img: Image.Image, dpi: int | None = 200, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    kw = {"dpi": (dpi, dpi)} if dpi else {}
    img.save(buf, "JPEG", quality=quality, **kw)
    return buf.getvalue()


@pytest.fixture(scope="session")
def sane_config_dir(tmp_path_factory) -> Path:
    """Our own SANE_CONFIG_DIR enabling only the `test` backend (the system dll.conf is left alone)."""
    if not Path("/etc/sane.d/test.conf").exists() or shutil.which("scanimage") is None:
        pytest.skip("SANE (sane-utils, libsane1) is not installed")
    folder = tmp_path_factory.mktemp("sane")
    (folder / "dll.conf").write_text("test\n")
    conf = Path("/etc/sane.d/test.conf").read_text()
    conf = "\n".join(
        'test-picture "Color pattern"' if line.startswith("test-picture") else line for line in conf.splitlines()
    )
    (folder / "test.conf").write_text(conf + "\n")
    os.environ["SANE_CONFIG_DIR"] = str(folder)  # python-sane reads it once, at sane_init
    return folder


@pytest.fixture(scope="session")
def p12_identity(tmp_path_factory) -> dict:
    """A self-signed agency certificate and key as a PKCS#12 file (made with `cryptography`)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    folder = tmp_path_factory.mktemp("pki")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, "UBND phường Hạ Long"),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
    ])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
        ), critical=True)
        .sign(key, hashes.SHA256())
    )
    p12 = folder / "agency.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"agency", key, cert, None, serialization.BestAvailableEncryption(b"mat-khau")
    ))
    pem = folder / "agency.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem = folder / "agency.key.pem"
    key_pem.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ))
    return {"p12": p12, "password": "mat-khau", "cert_pem": pem, "key_pem": key_pem,
            "cert_der": cert.public_bytes(serialization.Encoding.DER)}


def images_of(page) -> list:
    """The image XObjects on a pikepdf page (Page.images is deprecated in newer pikepdf)."""
    getter = getattr(page, "get_images", None)
    return list((getter() if getter is not None else page.images).values())
