"""TLS verification is always on: a portal whose certificate cannot be verified gets nothing."""

from __future__ import annotations

import datetime as dt
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client import Offline, PortalClient, TlsError
from sync.portal.server import PortalThread

from .conftest import small_catalog


@pytest.fixture
def tls_portal(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "portal.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "portal.crt", tmp_path / "portal.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    server = PortalThread(f"sqlite:///{tmp_path / 'portal.db'}", catalog=small_catalog(),
                          ssl_certfile=str(cert_path), ssl_keyfile=str(key_path)).start()
    yield server, cert_path
    server.stop()


def test_unverifiable_certificate_is_refused_and_a_named_ca_is_accepted(tls_portal):
    server, cert_path = tls_portal
    assert server.url.startswith("https://")
    with pytest.raises(TlsError) as refused:
        PortalClient(server.url).login("officer", "officer-pass")
    assert isinstance(refused.value, Offline)  # the queue waits; nothing is parked for a bad certificate
    assert "TLS" in refused.value.message and "ca_bundle" in refused.value.message
    trusted = PortalClient(server.url, ca_bundle=str(cert_path))
    assert trusted.http.verify == str(cert_path)
    assert trusted.login("officer", "officer-pass").role == "officer"
    trusted.close()


def test_portal_serve_command_speaks_https_with_a_certificate(tls_portal, tmp_path):
    """`counterapp portal serve --certfile --keyfile`: the reference portal over TLS, so a demo
    or a test site never sends citizens' data in clear text."""
    import os
    import subprocess
    import sys
    import time

    from sync.portal.server import free_port

    _server, cert_path = tls_portal
    key_path = cert_path.with_name("portal.key")
    port = free_port()
    env = dict(os.environ, COUNTERAPP_DATA_DIR=str(tmp_path / "data"))
    command = [sys.executable, "-m", "counterapp", "portal", "serve", "--demo", "--port", str(port),
               "--db", f"sqlite:///{tmp_path / 'served.db'}"]
    refused = subprocess.run(command + ["--certfile", str(cert_path)], capture_output=True, text=True,
                             env=env, timeout=60)
    assert refused.returncode == 2 and "--keyfile" in refused.stderr
    process = subprocess.Popen(command + ["--certfile", str(cert_path), "--keyfile", str(key_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert "https://127.0.0.1" in process.stdout.readline()
        client = PortalClient(f"https://127.0.0.1:{port}", ca_bundle=str(cert_path))
        deadline = time.monotonic() + 30
        while True:
            try:
                assert client.login("officer", "officer-pass").role == "officer"
                break
            except Offline:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        client.close()
    finally:
        process.terminate()  # stops within its shutdown grace even with a TLS connection open
        assert process.wait(timeout=15) is not None
