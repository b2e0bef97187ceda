"""A test PKI and a real RFC 3161 time-stamp authority on 127.0.0.1 for the PAdES tests.

The PKI (made with `cryptography`): a root CA, the agency's signing certificate and a TSA
certificate (extended key usage timeStamping), both with a CRL distribution point on the local
server. The server is `http.server` in a thread: POST /tsa answers a time-stamp request with a token
signed by pyHanko's `DummyTimeStamper` (the TSA's signing logic; the HTTP exchange around it is
real, so the app's HTTP client is exercised), GET /ca.crl serves the CA's CRL (DER), POST /broken answers 502 with an HTML page. Nothing
here is mocked except that the TSA is ours: no public TSA is reachable from the test machine.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class TestPki:
    folder: Path
    ca_pem: Path
    signer_p12: Path
    password: str
    tsa_url: str
    crl_url: str
    requests: list[str]
    """One entry per time-stamp request the server answered ("tsp") or CRL served ("crl")."""
    server: ThreadingHTTPServer
    state: dict
    """`state["crl_down"] = True`: the CRL URL answers 503."""


def _name(common_name: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])


def start_test_pki(folder: Path) -> TestPki:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import tsp
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID
    from pyhanko.sign.timestamps import DummyTimeStamper

    state: dict = {"crl": b"", "stamper": None}
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path == "/broken":  # a TSA answering something that is not a token
                self.send_response(502)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<html>Bad gateway</html>")
                return
            requests.append("tsp")
            reply = state["stamper"].request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def do_GET(self):  # noqa: N802
            if state.get("crl_down"):
                self.send_response(503)
                self.end_headers()
                return
            requests.append("crl")
            self.send_response(200)
            self.send_header("Content-Type", "application/pkix-crl")
            self.send_header("Content-Length", str(len(state["crl"])))
            self.end_headers()
            self.wfile.write(state["crl"])

        def log_message(self, *args):  # quiet test output
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    crl_url = f"{base}/ca.crl"
    now = datetime.datetime.now(datetime.UTC)
    crl_dp = x509.CRLDistributionPoints([x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier(crl_url)], relative_name=None, reasons=None, crl_issuer=None)])

    def key():
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)

    ca_key, signer_key, tsa_key = key(), key(), key()
    ca_name = _name("Counter Test Root CA")
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(days=2)).not_valid_after(now + datetime.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                       crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))

    def leaf(k, common_name: str, *, tsa: bool):
        builder = (x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(ca_name)
                   .public_key(k.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365))
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=not tsa,
                                                key_encipherment=False, data_encipherment=False, key_agreement=False,
                                                key_cert_sign=False, crl_sign=False, encipher_only=False,
                                                decipher_only=False), critical=True)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                                  critical=False)
                   .add_extension(crl_dp, critical=False))
        if tsa:
            builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        return builder.sign(ca_key, hashes.SHA256())

    signer_cert = leaf(signer_key, "UBND phường Hạ Long", tsa=False)
    tsa_cert = leaf(tsa_key, "Counter Test TSA", tsa=True)
    crl = (x509.CertificateRevocationListBuilder().issuer_name(ca_name).last_update(now - datetime.timedelta(hours=1))
           .next_update(now + datetime.timedelta(days=7)).sign(ca_key, hashes.SHA256()))
    state["crl"] = crl.public_bytes(serialization.Encoding.DER)

    def der(cert) -> bytes:
        return cert.public_bytes(serialization.Encoding.DER)

    state["stamper"] = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(der(tsa_cert)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(tsa_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        certs_to_embed=[asn1_x509.Certificate.load(der(ca))],
    )
    folder.mkdir(parents=True, exist_ok=True)
    ca_pem = folder / "root-ca.pem"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    password = "mat-khau"
    signer_p12 = folder / "agency-ca.p12"
    signer_p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"agency", signer_key, signer_cert, [ca], serialization.BestAvailableEncryption(password.encode())))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return TestPki(folder, ca_pem, signer_p12, password, f"{base}/tsa", crl_url, requests, server, state)
