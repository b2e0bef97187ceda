"""The counter <-> portal protocol, version 1: pydantic schemas shared by client and server.

Every endpoint lives under `/api/v1`. The reference portal (sync.portal.app) declares its
routes with these models and the client (sync.client) parses answers with them, so the
two cannot drift; `sync/openapi.json` is generated from the app (see `python -m
sync.portal.openapi`) and a test checks it is current.

Conventions: instants are ISO 8601 with an offset (UTC); calendar days are YYYY-MM-DD;
every dossier, attachment and operation has a client-made UUID.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

API_VERSION = "v1"
API_PREFIX = f"/api/{API_VERSION}"

# Limits of the protocol. A chunk (and a whole small file sent in one request) is at most
# MAX_CHUNK_BYTES; a JSON body (a push batch) at most MAX_JSON_BYTES (a batch of 200 dossiers
# is about 1 MB). A portal may lower the largest file it accepts (413 above it).
MAX_CHUNK_BYTES = 4 * 1024 * 1024
MAX_JSON_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
MAX_FILENAME_CHARS = 255


def safe_filename(name: str | None) -> str:
    """A file name reduced to a safe base name, as stored and forwarded: no folders (either
    slash), no drive, no control characters, no leading dots ("../../../../etc/passwd" ->
    "passwd", "C:\\x\\..\\scan.pdf" -> "scan.pdf", ".." -> "")."""
    text = str(name or "").replace("\\", "/")
    base = text.rsplit("/", 1)[-1]
    base = base.split(":")[-1] if len(base) > 1 and base[1:2] == ":" else base
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".").strip()
    return base[:MAX_FILENAME_CHARS]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class ErrorBody(_Model):
    """Every error answer: a message for the officer (Vietnamese / English)."""

    detail: str
    code: str = "error"
    server_version: dict[str, Any] | None = None


class Health(_Model):
    api_version: str = API_VERSION
    server_time: datetime
    name: str = "counterapp reference portal"


# --- sign-in -----------------------------------------------------------------------


class LoginRequest(_Model):
    """`counter_id` / `agency_code` say where the officer sits; the portal checks them against
    what it assigned to the user (403 if not assigned) and never trusts them otherwise."""

    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=1024)
    counter_id: str = Field(default="", max_length=32)
    agency_code: str = Field(default="", max_length=64)


class LoginResponse(_Model):
    token: str
    role: Role
    username: str
    display_name: str = ""
    expires_at: datetime


class WhoAmI(_Model):
    """The session as the portal assigned it: the user's agency, the counter of this session,
    and (officers) every counter the user is assigned to."""

    username: str
    role: Role
    counter_id: str
    agency_code: str
    counters: list[str] = Field(default_factory=list)


# --- push: operations ----------------------------------------------------------------


class Operation(_Model):
    """One change made at the counter. `operation_id` is made by the client; resending the
    same id with the same body is answered as the first time; the same id with another body
    refuses the whole request with HTTP 409 (code "operation_id_reused")."""

    operation_id: str = Field(min_length=1, max_length=36)
    operation: str = Field(min_length=1, max_length=64)  # "dossier.create", "dossier.status", ...
    entity_id: str = Field(min_length=1, max_length=36)
    payload: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime | None = None


class PushRequest(_Model):
    operations: list[Operation] = Field(max_length=1000)


class OperationOutcome(StrEnum):
    APPLIED = "applied"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class OperationResult(_Model):
    operation_id: str
    outcome: OperationOutcome
    duplicate: bool = False  # True when this is the stored answer to an earlier send
    message: str = ""
    data: dict[str, Any] = Field(default_factory=dict)  # e.g. {"code": final code}
    server_version: dict[str, Any] | None = None  # for conflicts: the portal's copy


class PushResponse(_Model):
    results: list[OperationResult]


# --- attachments -------------------------------------------------------------------------


class AttachmentInit(_Model):
    dossier_id: str = Field(min_length=1, max_length=36)
    filename: str = Field(default="", max_length=255)
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    document_code: str | None = None


class AttachmentStatus(_Model):
    attachment_id: str
    dossier_id: str
    size: int
    sha256: str
    offset: int  # bytes acknowledged so far; the next chunk starts here
    complete: bool


# --- pull --------------------------------------------------------------------------------


class CatalogChange(_Model):
    cursor: int
    code: str
    record: dict[str, Any]  # national-shape (LayThuTuc) record, see domain.md


class CatalogChanges(_Model):
    changes: list[CatalogChange]
    cursor: int
    more: bool = False


class CalendarDayOut(_Model):
    date: date
    kind: Literal["off", "work"]
    name: str = ""


class CalendarChanges(_Model):
    days: list[CalendarDayOut]
    cursor: int


class AgencyInfo(_Model):
    agency_code: str
    agency_name: str
    parent_agency_name: str = ""
    place_name: str = ""
    form_headers: dict[str, str] = Field(default_factory=dict)


class BlockReserveRequest(_Model):
    agency_code: str = Field(min_length=1, max_length=64)
    counter_id: str = Field(min_length=1, max_length=32)
    days: list[date] = Field(max_length=60)
    size: int = Field(default=200, ge=1, le=9999)


class NumberBlockOut(_Model):
    id: int
    agency_code: str
    counter_id: str
    valid_on: date
    first: int
    last: int


class NumberBlocks(_Model):
    blocks: list[NumberBlockOut]
    cursor: int


class ProgressEvent(_Model):
    """Back-office progress on one dossier (the CapNhatTienDoHoSoMC fields)."""

    cursor: int
    dossier_id: str  # the counter's dossier uuid
    code: str  # MaHoSo
    handler: str = ""  # NguoiXuLy
    title: str = ""  # ChucDanh
    department: str = ""  # PhongBanXuLy
    content: str = ""  # NoiDungXuLy
    at: datetime  # ThoiDiemXuLy
    status: int = Field(ge=1, le=10)  # TrangThai
    step_started_at: datetime | None = None  # NgayBatDau
    step_due_at: datetime | None = None  # NgayKetThucTheoQuyDinh


class ProgressEvents(_Model):
    events: list[ProgressEvent]
    cursor: int
    more: bool = False


class NationalPayload(_Model):
    """What the provincial system would POST to the national portal."""

    service: str
    data: list[dict[str, Any]]


# --- reference portal: admin (the back office) ----------------------------------------------


class AdminStatusChange(_Model):
    status: int = Field(ge=1, le=10)
    handler: str = ""
    title: str = ""
    department: str = ""
    content: str = ""
    step_due_at: datetime | None = None


class AdminCatalogPublish(_Model):
    records: list[dict[str, Any]]


class AdminCalendarPublish(_Model):
    days: list[CalendarDayOut]


class AdminBlockPublish(_Model):
    agency_code: str
    counter_id: str
    valid_on: date
    first: int = Field(ge=1)
    last: int = Field(ge=1)


class AdminAgency(AgencyInfo):
    pass


class Faults(_Model):
    """Fault injection switches of the reference portal (apply to /api/v1 non-admin routes).

    Rates are probabilities per request (0..1); `*_next` counts force the fault on the next
    N matching requests. `lost_response` runs the request (the write commits) and then
    drops the connection before the answer is sent.
    """

    latency_ms: int = Field(default=0, ge=0, le=60_000)
    error_rate: float = Field(default=0.0, ge=0, le=1)
    error_next: int = Field(default=0, ge=0)
    rate_limit_rate: float = Field(default=0.0, ge=0, le=1)
    rate_limit_next: int = Field(default=0, ge=0)
    retry_after: int = Field(default=1, ge=0, le=3600)
    drop_rate: float = Field(default=0.0, ge=0, le=1)
    drop_next: int = Field(default=0, ge=0)
    lost_response_rate: float = Field(default=0.0, ge=0, le=1)
    lost_response_next: int = Field(default=0, ge=0)
    poison_entities: list[str] = Field(default_factory=list)
    """Entity ids the portal "cannot digest": any push carrying one fails with 500 (a stuck item)."""
    skip: int = Field(default=0, ge=0)  # let this many matching requests through first
    path_prefix: str = ""  # only requests whose path starts with this (after /api/v1)
    seed: int | None = None


class PortalDossier(_Model):
    """One dossier as the portal holds it (admin listing, `portal dossiers --json`)."""

    id: str
    code: str
    counter_id: str
    status: int
    version: int
    created_at: datetime
    updated_at: datetime
    attachments: list[AttachmentStatus] = Field(default_factory=list)
    data: dict[str, Any] = Field(default_factory=dict)


# --- the citizen's ratings (POST /ratings, GET /ratings) --------------------------------
class RatingIn(_Model):
    """One citizen's rating of a visit, as the counter recorded it (counterapp/ratings/). Applied
    at most once by `uuid`: the same uuid with the same body is answered as the first time
    (`duplicate`); with another body it is rejected (the first one stands)."""

    uuid: str = Field(min_length=1, max_length=36)
    dossier_uuid: str = Field(min_length=1, max_length=36)
    dossier_code: str = Field(default="", max_length=64)
    agency_code: str = Field(default="", max_length=64)
    counter_id: str = Field(default="", max_length=32)
    procedure_code: str = Field(default="", max_length=64)
    procedure_name: str = Field(default="", max_length=2000)
    score: Literal["satisfied", "normal", "unsatisfied"]
    reasons: list[Annotated[str, Field(max_length=64)]] = Field(default_factory=list, max_length=20)
    occasion: Literal["intake", "return"]
    officer_name: str = Field(default="", max_length=200)
    officer_username: str = Field(default="", max_length=128)
    rated_at: datetime


class RatingsRequest(_Model):
    ratings: list[RatingIn] = Field(min_length=1, max_length=1000)


class RatingResult(_Model):
    uuid: str
    outcome: OperationOutcome
    duplicate: bool = False
    message: str = ""


class RatingsResponse(_Model):
    results: list[RatingResult]


class RatingOut(RatingIn):
    """A rating as the portal holds it: `agency_code` is the one the portal assigned."""

    received_at: datetime
