"""PAdES signatures with a PKCS#12 file and with a PKCS#11 token (SoftHSM2), checked by our own
verify_pdf and by poppler's pdfsig."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from counterapp.cli import main
from counterapp.digitize.common import DigitizeError
from counterapp.digitize.pdfbuild import PdfMeta, build_pdf, pdfa_problems, read_pdf_info
from counterapp.digitize.signing import SignOptions, sign_pdf_p12, sign_pdf_pkcs11, verify_pdf
from tests.digitize.conftest import jpeg_bytes, text_page

SOFTHSM_LIBS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


@pytest.fixture(scope="module")
def unsigned_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sign") / "copy.pdf"
    build_pdf([(jpeg_bytes(text_page(size=(827, 1169))), 200)], out, PdfMeta("H49.22-261128-0004", "GT01", "E"))
    return out


def pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def test_p12_signature_is_valid_and_keeps_pdfa(unsigned_pdf, p12_identity, tmp_path):
    signed = tmp_path / "signed.pdf"
    sign_pdf_p12(unsigned_pdf, signed, p12_identity["p12"], p12_identity["password"])
    report = verify_pdf(signed)
    assert report.signed and report.valid and not report.trusted  # self-signed: not trusted until configured
    assert report.signer == "UBND phường Hạ Long" and report.signed_at is not None
    assert "hợp lệ" in report.message_vi
    assert verify_pdf(signed, [p12_identity["cert_pem"]]).trusted
    assert "Signature is Valid" in pdfsig(signed)
    assert read_pdf_info(signed)["pdfa_part"] == "2"  # incremental update: PDF/A metadata still there
    assert pdfa_problems(signed) == []  # Info and XMP still agree after pyHanko's update


def test_visible_stamp_and_tampering_detected(unsigned_pdf, p12_identity, tmp_path):
    signed = tmp_path / "stamped.pdf"
    sign_pdf_p12(unsigned_pdf, signed, p12_identity["p12"], p12_identity["password"], SignOptions(visible=True))
    assert verify_pdf(signed).valid
    assert "Signature is Valid" in pdfsig(signed)
    assert pdfa_problems(signed) == []  # stamp font embedded, widget printable with an appearance
    stamp = subprocess.run(["pdftotext", str(signed), "-"], capture_output=True, text=True).stdout
    assert "Ký bởi / Signed by: UBND phường Hạ Long" in stamp  # embedded font, letters where they belong
    data = bytearray(signed.read_bytes())
    data[data.find(b"DCTDecode") + 3000] ^= 0xFF  # one byte of the scanned image changed
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    report = verify_pdf(tampered)
    assert report.signed and not report.valid
    assert "KHÔNG hợp lệ" in report.message_vi
    assert "Signature is Valid" not in pdfsig(tampered)


def test_wrong_p12_password_is_a_clear_error(unsigned_pdf, p12_identity, tmp_path):
    with pytest.raises(DigitizeError, match="mật khẩu"):
        sign_pdf_p12(unsigned_pdf, tmp_path / "x.pdf", p12_identity["p12"], "sai")
    assert not (tmp_path / "x.pdf").exists()


def test_cli_digitize_sign_and_verify(tmp_path, p12_identity, monkeypatch, capsys):
    src = tmp_path / "page.jpg"
    src.write_bytes(jpeg_bytes(text_page(size=(827, 1169), seed=2)))
    out = tmp_path / "signed.pdf"
    monkeypatch.setenv("COUNTERAPP_P12_PASSWORD", p12_identity["password"])
    assert main(["digitize", str(src), "--out", str(out), "--sign-p12", str(p12_identity["p12"])]) == 0
    capsys.readouterr()
    assert main(["verify", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Chữ ký hợp lệ" in text and "PDF/A-2b" in text
    unsigned = tmp_path / "unsigned.pdf"
    assert main(["digitize", str(src), "--out", str(unsigned)]) == 0
    capsys.readouterr()
    assert main(["verify", str(unsigned)]) == 1
    assert "chưa được ký" in capsys.readouterr().out


@pytest.fixture(scope="module")
def softhsm_token(tmp_path_factory, p12_identity) -> dict:
    util = shutil.which("softhsm2-util")
    lib = next((p for p in SOFTHSM_LIBS if Path(p).exists()), None)
    if util is None or lib is None:
        pytest.skip("SoftHSM2 is not installed (softhsm2-util / libsofthsm2.so missing)")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)  # our own token store; the system one is left alone
    label, pin = "counter-test", "1234"
    subprocess.run([util, "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "5678"],
                   check=True, capture_output=True)
    subprocess.run([util, "--import", str(p12_identity["key_pem"]), "--token", label, "--label", "agency",
                    "--id", "01", "--pin", pin], check=True, capture_output=True)
    # softhsm2-util imports keys only; put the certificate on the token with python-pkcs11
    pkcs11 = pytest.importorskip(
        "pkcs11", reason="python-pkcs11 (pyHanko's PKCS#11 dependency) is not installed in .venv"
    )
    from asn1crypto import x509
    from pkcs11 import Attribute, CertificateType, ObjectClass

    cert = x509.Certificate.load(p12_identity["cert_der"])
    token = pkcs11.lib(lib).get_token(token_label=label)
    with token.open(rw=True, user_pin=pin) as session:
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True, Attribute.LABEL: "agency", Attribute.ID: b"\x01",
            Attribute.SUBJECT: cert.subject.dump(), Attribute.VALUE: p12_identity["cert_der"],
        })
    return {"lib": lib, "label": label, "pin": pin}


def test_pkcs11_token_signature(unsigned_pdf, softhsm_token, tmp_path):
    signed = tmp_path / "token.pdf"
    sign_pdf_pkcs11(unsigned_pdf, signed, lib_path=softhsm_token["lib"], token_label=softhsm_token["label"],
                    pin=softhsm_token["pin"], key_label="agency")
    report = verify_pdf(signed)
    assert report.valid and report.signer == "UBND phường Hạ Long"
    assert "Signature is Valid" in pdfsig(signed)


def test_pkcs11_wrong_pin_is_a_clear_error(unsigned_pdf, softhsm_token, tmp_path):
    with pytest.raises(DigitizeError, match="token"):
        sign_pdf_pkcs11(unsigned_pdf, tmp_path / "x.pdf", lib_path=softhsm_token["lib"],
                        token_label=softhsm_token["label"], pin="0000", key_label="agency")


def test_site_signing_settings_make_a_signer_and_trust_roots(unsigned_pdf, p12_identity, tmp_path):
    from counterapp.config import parse_site_config
    from counterapp.digitize.signing import make_signer, signing_settings, verify_with_site_roots

    config = parse_site_config({"signing": {
        "method": "p12", "p12": str(p12_identity["p12"]), "trust_roots": [str(p12_identity["cert_pem"])],
    }})
    with pytest.raises(DigitizeError, match="mật khẩu"):
        make_signer(signing_settings(config), "sai")  # refused before any work
    sign = make_signer(signing_settings(config), p12_identity["password"])
    signed = tmp_path / "site.pdf"
    sign(unsigned_pdf, signed)
    report = verify_with_site_roots(signed, config)
    assert report.valid and report.trusted and "tin cậy" in report.message_vi
    assert make_signer({}, "") is None  # signing off by default
