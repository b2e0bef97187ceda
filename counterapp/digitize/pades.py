"""PAdES levels: the RFC 3161 timestamp (B-T), validation data in the file (B-LT), archive
timestamp (B-LTA), and reading back which level a signed file reached.

Why: a B-B signature proves who signed but not when, and it cannot be checked once the
signer's certificate expires or its CA's revocation service is gone (a dossier is kept for
decades). A timestamp from the agency's time-stamp authority (TSA) fixes the signing time;
the certificates and CRL/OCSP answers embedded in the document security store (DSS) let the
file be validated offline years later; a document timestamp over the DSS (B-LTA) protects
that data in turn.

Signing never loses a document: when the TSA cannot be reached the file is signed at B-B and
the caller gets a warning naming the level reached; when the validation data cannot be
gathered (chain to no known root, CRL server down) it is signed at B-T with a warning.
The pyHanko time-stamp client used is the `requests` one (`requests` is already a dependency).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


@dataclass
class TsaConfig:
    url: str = ""
    username: str = ""
    password: str = ""
    timeout: float = 10.0


@dataclass
class SignOutcome:
    """What a signing reached: the PAdES level and, when it is lower than asked, why."""

    level: str
    wanted: str
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.level, "wanted": self.wanted, "warnings": list(self.warnings)}


class TsaUnreachable(Exception):
    """The time-stamp authority did not answer (network, HTTP error, a reply that is no token)."""


class NoValidationData(Exception):
    """The signer's (or the TSA's) chain could not be validated, so no B-LT data can be embedded."""


def plan(wanted: str, tsa: TsaConfig | None) -> list[str]:
    """The levels to try, best first: without a TSA only B-B is possible."""
    wanted = wanted if wanted in LEVELS else "B-LT"
    if tsa is None or not tsa.url:
        return ["B-B"]
    return list(reversed(LEVELS[: LEVELS.index(wanted) + 1]))


def timestamper(tsa: TsaConfig):
    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    auth = (tsa.username, tsa.password) if tsa.username else None
    return RequestsHTTPTimeStamper(tsa.url, timeout=tsa.timeout, auth=auth)


def _certs_from(paths: list[str | Path]) -> list:
    from asn1crypto import pem, x509

    certs = []
    for p in paths:
        try:
            data = Path(p).read_bytes()
        except OSError:
            continue
        if pem.detect(data):
            certs += [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        else:
            certs.append(x509.Certificate.load(data))
    return certs


def signing_validation_context(signer: Any, trust_roots: list[str | Path]):
    """A context that fetches CRLs/OCSP answers for the DSS (B-LT).

    Trusted: the roots IT configured (`[signing] trust_roots`) and the self-signed certificates
    the key came with (the CA chain in the PKCS#12 file, or a self-signed agency certificate):
    embedding validation data asserts nothing about trust, the verifier decides that."""
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

    roots = _certs_from(trust_roots)
    chain = list(getattr(signer, "cert_registry", None) or [])
    own = getattr(signer, "signing_cert", None)
    for cert in [*chain, *([own] if own is not None else [])]:
        if cert.self_signed and cert not in roots:
            roots.append(cert)
    return ValidationContext(
        trust_roots=roots, other_certs=chain, allow_fetching=True, revocation_mode="soft-fail",
        fetcher_backend=RequestsFetcherBackend(per_request_timeout=10),
    )


def classify(exc: BaseException) -> type[Exception] | None:
    """Which fallback a pyHanko signing error calls for: B-B (TSA), B-T (validation data), or
    None: something else went wrong with the timestamp; the caller signs at B-B and says why."""
    from pyhanko.sign.timestamps import TimestampRequestError
    from pyhanko_certvalidator.errors import CRLValidationError, OCSPValidationError, PathError, ValidationError

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (TimestampRequestError, OSError)):
            return TsaUnreachable
        if isinstance(current, (PathError, ValidationError, CRLValidationError, OCSPValidationError)):
            return NoValidationData  # no path to a known root, revoked, key usage refused by pyHanko
        current = current.__cause__ or current.__context__
    text = str(exc).lower()
    if "validation" in text or "trust" in text or "path" in text:
        return NoValidationData
    return None


def warning_for(level_failed: str, kind: type[Exception] | None, detail: str) -> str:
    if kind is None:
        return (f"Ký ở mức {level_failed} không được: {detail}; đã ký ở mức B-B (không có dấu thời gian) "
                f"/ signing at {level_failed} failed; signed at B-B (no timestamp)")
    if kind is TsaUnreachable:
        return (f"Không kết nối được máy chủ cấp dấu thời gian (TSA): {detail}; đã ký ở mức B-B (không có dấu thời "
                f"gian) / the time-stamp authority could not be reached; signed at B-B (no timestamp)")
    return (f"Không thu thập được dữ liệu kiểm tra chứng thư cho mức {level_failed}: {detail}; đã ký ở mức thấp hơn "
            f"/ validation data for {level_failed} could not be gathered; signed at a lower level")


def missing_revocation_data(path: Path, signer: Any) -> str:
    """A warning when the signer's certificate names a CRL or OCSP service but the DSS holds no
    answer from any (the service was down at signing: soft-fail), else "". The file is B-LT with
    the certificates only; re-signing later, with the service up, completes it."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    cert = getattr(signer, "signing_cert", None)
    if cert is None or not (cert.crl_distribution_points or cert.ocsp_urls):
        return ""
    with open(path, "rb") as handle:
        dss = PdfFileReader(handle, strict=False).root.get("/DSS")
        dss = dss.get_object() if dss is not None else {}
        if len(dss.get("/CRLs", [])) or len(dss.get("/OCSPs", [])):
            return ""
    return ("Không lấy được danh sách thu hồi (CRL/OCSP) của chứng thư; tệp có chứng thư nhưng chưa có dữ liệu "
            "thu hồi / the certificate's CRL/OCSP service did not answer: the file holds the certificates "
            "but no revocation data")


@dataclass
class LevelReport:
    level: str
    timestamp: datetime | None = None
    timestamp_valid: bool | None = None
    timestamp_trusted: bool | None = None
    archive_timestamp: datetime | None = None


def dss_has_data(reader) -> bool:
    dss = reader.root.get("/DSS")
    if dss is None:
        return False
    dss = dss.get_object()
    return "/Certs" in dss and len(dss["/Certs"]) > 0


def signature_level(reader, sig, status, doc_timestamps: list) -> LevelReport:
    """PAdES level of one signature: B-T needs an intact, valid signature timestamp; B-LT a DSS
    with the certificates written after it; B-LTA a document timestamp after that DSS."""
    ts = getattr(status, "timestamp_validity", None)
    if ts is None:
        return LevelReport("B-B")
    report = LevelReport("B-T", ts.timestamp, bool(ts.intact and ts.valid), bool(ts.trusted))
    if not report.timestamp_valid:
        return report
    if dss_has_data(reader) and _dss_after(reader, sig):
        report.level = "B-LT"
        later = [d for d in doc_timestamps if d["revision"] > sig.signed_revision]
        if later:
            report.level = "B-LTA"
            report.archive_timestamp = later[-1]["time"]
    return report


def _dss_after(reader, sig) -> bool:
    """The DSS was written in the signature's revision's successor or later (PAdES B-LT)."""
    try:
        dss_ref = reader.root.raw_get("/DSS")
        revision = reader.xrefs.get_introducing_revision(dss_ref.reference)
    except Exception:
        return True  # a direct DSS dictionary: cannot tell, count it
    return revision > sig.signed_revision


def only_validation_data_after(reader, sig, status, tail: bytes) -> bool:
    """After a signature that does not cover the whole file: true only when what follows are
    whole revisions adding validation data or document timestamps (pyHanko's LTA_UPDATES) and
    nothing trails the last %%EOF. Bytes appended outside a revision are tampering."""
    from pyhanko.sign.diff_analysis import ModificationLevel

    changes = status.modification_level
    if changes is None or changes > ModificationLevel.LTA_UPDATES:
        return False
    if sig.signed_revision >= reader.xrefs.total_revisions - 1:
        return False  # no revision after it: the extra bytes are not a PDF update
    end = tail.rfind(b"%%EOF")
    return end >= 0 and not tail[end + 5:].strip()
