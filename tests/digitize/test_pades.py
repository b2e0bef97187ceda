"""Signatures that last: PAdES B-T with an RFC 3161 timestamp from a TSA on 127.0.0.1 (our own:
no public TSA is reachable here), B-LT with the certificates and the CA's CRL in the DSS, B-LTA,
a TSA that is down (signed at B-B, a warning, nothing lost), `counterapp verify --json` reporting
the level, poppler's pdfsig confirming the signature, and the XMP and PDF/A surviving signing
(checked by the app's self-check and by the independent scripts/pdfa_check.py)."""

from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
from pathlib import Path

import pikepdf
import pytest

from counterapp.cli import main
from counterapp.digitize.pades import TsaConfig
from counterapp.digitize.pdfbuild import PdfMeta, build_pdf, pdfa_problems, read_pdf_info
from counterapp.digitize.signing import SignOptions, sign_pdf_p12, verify_pdf
from tests.digitize.conftest import jpeg_bytes, text_page
from tests.digitize.tsa_server import start_test_pki

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    pki = start_test_pki(tmp_path_factory.mktemp("pades-pki"))
    yield pki
    pki.server.shutdown()
    pki.server.server_close()


@pytest.fixture(scope="module")
def unsigned_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pades") / "copy.pdf"
    build_pdf([(jpeg_bytes(text_page(size=(827, 1169))), 200)], out,
              PdfMeta("H49.22-261201-0007", "GT01", "Trần Thị Bình"))
    return out


def pdfa_check():
    spec = importlib.util.spec_from_file_location("pdfa_check", ROOT / "scripts" / "pdfa_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.check


def verify_json(path: Path, *roots: Path, capsys) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["verify", str(path), "--json", *[a for r in roots for a in ("--trust-root", str(r))]])
    return code, json.loads(capsys.readouterr().out)


def pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def closed_port_url() -> str:
    with socket.socket() as s:  # a port nothing listens on: connection refused at once
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsa"


def test_b_t_signature_timestamped_by_the_local_tsa(unsigned_pdf, pki, tmp_path, capsys):
    signed = tmp_path / "bt.pdf"
    before = len(pki.requests)
    outcome = sign_pdf_p12(unsigned_pdf, signed, pki.signer_p12, pki.password,
                           SignOptions(tsa=TsaConfig(pki.tsa_url), level="B-T"))
    assert (outcome.level, outcome.warnings) == ("B-T", [])
    assert "tsp" in pki.requests[before:]  # the token came over HTTP from the TSA
    code, report = verify_json(signed, pki.ca_pem, capsys=capsys)
    assert code == 0 and report["valid"] and report["trusted"]
    assert report["level"] == "B-T" and report["timestamp"] is not None
    (sig,) = report["signatures"]
    assert sig["timestamp_valid"] and sig["timestamp_trusted"]  # the TSA chains to the test root
    assert "Signature is Valid" in pdfsig(signed)
    capsys.readouterr()
    assert main(["verify", str(signed)]) == 0
    assert "Mức PAdES / PAdES level: B-T; dấu thời gian / timestamp" in capsys.readouterr().out


@pytest.mark.parametrize("level", ["B-LT", "B-LTA"])
def test_b_lt_embeds_certificates_and_crl_in_the_dss(unsigned_pdf, pki, tmp_path, capsys, level):
    signed = tmp_path / f"{level}.pdf"
    before = len(pki.requests)
    outcome = sign_pdf_p12(unsigned_pdf, signed, pki.signer_p12, pki.password,
                           SignOptions(tsa=TsaConfig(pki.tsa_url), level=level))
    assert (outcome.level, outcome.warnings) == (level, [])
    assert "crl" in pki.requests[before:]  # the CRL was fetched from the CA's distribution point
    with pikepdf.open(signed) as pdf:
        dss = pdf.Root.DSS
        assert len(dss.Certs) >= 3  # signer, TSA, root CA
        assert len(dss.CRLs) >= 1
    code, report = verify_json(signed, pki.ca_pem, capsys=capsys)
    assert code == 0 and report["valid"] and report["level"] == level
    assert "Signature is Valid" in pdfsig(signed)
    assert pdfa_problems(signed) == [] and pdfa_check()(signed) == []


@pytest.mark.parametrize("tsa", ["refused", "broken"])
def test_tsa_down_signs_at_b_b_with_a_warning_and_loses_nothing(pki, tmp_path, monkeypatch, capsys, tsa):
    page = tmp_path / "page.jpg"
    page.write_bytes(jpeg_bytes(text_page(size=(827, 1169), seed=5)))
    data = tmp_path / "data"
    data.mkdir()
    url = closed_port_url() if tsa == "refused" else pki.tsa_url.replace("/tsa", "/broken")
    (data / "site.toml").write_text(f'[signing]\ntsa_url = "{url}"\ntsa_timeout = 3\n', encoding="utf-8")
    monkeypatch.setenv("COUNTERAPP_P12_PASSWORD", pki.password)
    out = tmp_path / "copy.pdf"
    capsys.readouterr()
    assert main(["--data-dir", str(data), "digitize", str(page), "--no-ocr", "--out", str(out),
                 "--sign-p12", str(pki.signer_p12), "--json"]) == 0
    captured = capsys.readouterr()
    assert "dấu thời gian (TSA)" in captured.err and "B-B" in captured.err  # said, not silent
    (outcome,) = json.loads(captured.out)["signing"]
    assert outcome["level"] == "B-B" and outcome["wanted"] == "B-LT" and outcome["warnings"]
    code, report = verify_json(out, pki.ca_pem, capsys=capsys)
    assert code == 0 and report["valid"] and report["level"] == "B-B" and report["timestamp"] is None
    assert read_pdf_info(out)["page_count"] == 1  # the document is there, signed
    assert not list(tmp_path.glob(".*tmp*"))  # no half-written file left behind


def test_site_settings_give_a_timestamped_signer(unsigned_pdf, pki, tmp_path):
    from counterapp.config import parse_site_config
    from counterapp.digitize.signing import make_signer, signing_settings

    config = parse_site_config({"signing": {
        "method": "p12", "p12": str(pki.signer_p12), "trust_roots": [str(pki.ca_pem)],
        "tsa_url": pki.tsa_url, "level": "B-T",
    }})
    sign = make_signer(signing_settings(config), pki.password)
    outcome = sign(unsigned_pdf, tmp_path / "site.pdf")
    assert outcome.level == "B-T"
    assert verify_pdf(tmp_path / "site.pdf", [pki.ca_pem]).level == "B-T"


def test_signing_keeps_the_xmp_fields_and_pdfa(unsigned_pdf, pki, tmp_path):
    signed = tmp_path / "lt.pdf"
    sign_pdf_p12(unsigned_pdf, signed, pki.signer_p12, pki.password,
                 SignOptions(tsa=TsaConfig(pki.tsa_url), level="B-LT", visible=True))
    kept = ("pdfaid:part", "pdfaid:conformance", "dc:title", "dc:creator", "dc:relation", "xmp:CreateDate",
            "xmp:CreatorTool")
    with pikepdf.open(unsigned_pdf) as a, pikepdf.open(signed) as b:
        before, after = a.open_metadata(), b.open_metadata()
        assert {k: before.get(k) for k in kept} == {k: after.get(k) for k in kept}
        assert b"ns0:" not in b.Root.Metadata.read_bytes()  # no prefix lost in pyHanko's rewrite
    info = read_pdf_info(signed)
    assert (info["dossier_code"], info["document_code"], info["officer"]) == (
        "H49.22-261201-0007", "GT01", "Trần Thị Bình")
    assert pdfa_problems(signed) == []
    assert pdfa_check()(signed) == []


def test_files_with_the_old_counter_schema_are_still_read(unsigned_pdf, tmp_path):
    old = tmp_path / "old.pdf"
    with pikepdf.open(unsigned_pdf) as pdf:
        ns = "https://counterapp.vn/ns/digitize/1.0/"
        xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
               f'<rdf:Description rdf:about="" xmlns:counter="{ns}" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
               "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
               "<counter:dossierCode>H49.22-261101-0001</counter:dossierCode>"
               "<counter:documentCode>GT02</counter:documentCode><counter:officer>Lê Văn C</counter:officer>"
               "</rdf:Description></rdf:RDF></x:xmpmeta>")
        pdf.Root.Metadata = pdf.make_stream(xmp.encode(), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
        pdf.save(old)
    info = read_pdf_info(old)
    assert (info["dossier_code"], info["document_code"], info["officer"]) == ("H49.22-261101-0001", "GT02", "Lê Văn C")
    # an undeclared custom schema is what allowlist validators refuse: both checks say so
    assert any("not in a predefined schema" in p for p in pdfa_problems(old))
    assert any("neither predefined nor declared" in p for p in pdfa_check()(old))


def test_independent_check_catches_what_breaks_pdfa(tmp_path):
    bare = tmp_path / "bare.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.docinfo["/Title"] = "x"
        pdf.save(bare)
    problems = pdfa_check()(bare)
    assert any("XMP" in p for p in problems) and any("output intent" in p for p in problems)


def test_unvalidatable_chain_falls_back_to_b_t_with_a_warning(unsigned_pdf, pki, p12_identity, tmp_path, capsys):
    """A self-signed agency certificate and a TSA whose root nobody configured: no validation
    data can be gathered for B-LT, so the file is signed at B-T and the warning says why."""
    signed = tmp_path / "fallback.pdf"
    outcome = sign_pdf_p12(unsigned_pdf, signed, p12_identity["p12"], p12_identity["password"],
                           SignOptions(tsa=TsaConfig(pki.tsa_url), level="B-LT"))
    assert outcome.level == "B-T" and len(outcome.warnings) == 1 and "B-LT" in outcome.warnings[0]
    code, report = verify_json(signed, capsys=capsys)
    assert code == 0 and report["valid"] and report["level"] == "B-T"


def test_bytes_appended_after_a_b_lt_signature_make_it_invalid(unsigned_pdf, pki, tmp_path, capsys):
    signed = tmp_path / "lt.pdf"
    sign_pdf_p12(unsigned_pdf, signed, pki.signer_p12, pki.password, SignOptions(tsa=TsaConfig(pki.tsa_url)))
    assert verify_pdf(signed, [pki.ca_pem]).valid  # the DSS revision after it is allowed
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(signed.read_bytes() + b"\n% appended after signing\n")
    code, report = verify_json(tampered, pki.ca_pem, capsys=capsys)
    assert code == 1 and not report["valid"]


def test_crl_server_down_still_b_lt_with_the_certificates_and_a_warning(unsigned_pdf, pki, tmp_path):
    pki.state["crl_down"] = True
    try:
        signed = tmp_path / "nocrl.pdf"
        outcome = sign_pdf_p12(unsigned_pdf, signed, pki.signer_p12, pki.password,
                               SignOptions(tsa=TsaConfig(pki.tsa_url)))
    finally:
        pki.state["crl_down"] = False
    assert outcome.level == "B-LT" and any("CRL/OCSP" in w for w in outcome.warnings)
    with pikepdf.open(signed) as pdf:
        assert len(pdf.Root.DSS.Certs) >= 3 and "/CRLs" not in pdf.Root.DSS
    assert verify_pdf(signed, [pki.ca_pem]).valid
