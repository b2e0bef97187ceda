"""Every site.toml section and key the code reads, with its type, bounds and default.

Why one schema: the subsystems read their sections raw (`config.section("sync").get(...)`),
each with its own default in its own module; an unknown key was ignored and a wrong type
surfaced (or not) deep inside a subsystem. Declaring them here, with the same defaults as the
code that reads them (tests/settings/test_schema.py checks both: every `section("x").get("y")`
in the source is declared here, and the defaults agree with the subsystems' constants), lets
loading refuse a typo with a suggestion and a wrong type with what was expected.

Strict types: `"yes"` is not a bool and `"300"` is not a number; a TOML file says `true` / `300`.

Cost (measured here): importing pydantic and building these models takes about 0.25 s, paid
once where the window opens the app off the GUI thread (the sync engine imports pydantic there
anyway); checking a file then takes about 0.2 ms.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator

HHMM = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
SECRET_KEY = re.compile(r"pass|secret|token_value|pin$|api_key", re.IGNORECASE)


def hint(default: Any, vi: str, en: str, **constraints: Any) -> Any:
    """A field whose error message says what is expected, in Vietnamese then English."""
    return Field(default, json_schema_extra={"vi": vi, "en": en}, **constraints)


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, validate_default=False)


class SiteSection(Section):
    agency_code: str = "H49.22"
    agency_name: str = "UBND phường Hạ Long"
    parent_agency_name: str = "UBND TỈNH QUẢNG NINH"
    place_name: str = "Hạ Long"
    counter_id: str = hint("Q01", "mã quầy, ví dụ \"Q01\"", "a counter id such as \"Q01\"", min_length=1)
    timezone: str = "Asia/Ho_Chi_Minh"
    language: Literal["vi", "en"] = "vi"
    tracking_url: str = ""
    unit_name: str = ""

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except Exception as exc:  # ZoneInfoNotFoundError, ValueError
            raise ValueError(f"múi giờ không hợp lệ / unknown time zone {value!r}") from exc
        return value


class PortalSection(Section):
    url: str = hint("http://127.0.0.1:8765", "địa chỉ http(s)://...", "an http(s):// address",
                    pattern=r"^(https?://\S+)?$")
    ca_bundle: str = ""


Block = Annotated[list[Annotated[int, Field(ge=1)]], Field(min_length=2, max_length=2)]


class NumberingSection(Section):
    blocks: list[Block] = hint([[1, 9999]], "danh sách [đầu, cuối], số ≥ 1", "a list of [first, last], numbers ≥ 1")
    warn_below: int = hint(20, "số nguyên ≥ 0", "a whole number ≥ 0", ge=0)

    @field_validator("blocks")
    @classmethod
    def _ordered(cls, value: list[list[int]]) -> list[list[int]]:
        for first, last in value:
            if first > last:
                raise ValueError(f"khối [{first}, {last}]: đầu lớn hơn cuối / first is after last")
        return value


Weekdays = list[Annotated[int, Field(ge=0, le=6)]]


class WorkingTimeSection(Section):
    sessions: list[Annotated[list[str], Field(min_length=2, max_length=2)]] = hint(
        [["07:30", "11:30"], ["13:30", "17:30"]], "danh sách [\"HH:MM\", \"HH:MM\"]", "a list of [\"HH:MM\", \"HH:MM\"]")
    weekdays: Weekdays = hint([0, 1, 2, 3, 4], "danh sách thứ 0..6 (0 = Thứ Hai)",
                              "a list of weekdays 0..6 (0 = Monday)")
    counting_weekdays: Weekdays = hint([0, 1, 2, 3, 4], "danh sách thứ 0..6 (0 = Thứ Hai)",
                                       "a list of weekdays 0..6 (0 = Monday)")

    @field_validator("sessions")
    @classmethod
    def _times(cls, value: list[list[str]]) -> list[list[str]]:
        for pair in value:
            for item in pair:
                if not HHMM.match(item):
                    raise ValueError(f"cần giờ dạng HH:MM / expected HH:MM, got {item!r}")
        return value


class DueRule(Section):
    same_day: bool | None = None
    cutoff: str | None = hint(None, "giờ dạng HH:MM hoặc \"\"", "HH:MM or \"\"")

    @field_validator("cutoff")
    @classmethod
    def _cutoff(cls, value: str | None) -> str | None:
        if value and value.strip() and not HHMM.match(value.strip()):
            raise ValueError(f"cần giờ dạng HH:MM / expected HH:MM, got {value!r}")
        return value


class CatalogSection(Section):
    seed_demo: bool = True


class DigitizeSection(Section):
    ocr: bool | None = None  # unset: on when Tesseract and the `ocr_lang` data are installed (ocr.ocr_settings)
    ocr_lang: str = "vie"
    tesseract: str = ""
    deskew: bool = True
    crop: bool = True
    drop_blank: bool = True
    orient: bool = True
    orient_min_confidence: float = hint(5.0, "số ≥ 0", "a number ≥ 0", ge=0)
    blank_ink_ratio: float = hint(0.003, "số từ 0 đến 1", "a number from 0 to 1", ge=0, le=1)
    blank_ink_delta: int = hint(60, "số nguyên 0..255", "a whole number 0..255", ge=0, le=255)
    blank_margin: float = hint(0.06, "số từ 0 đến 0,5", "a number from 0 to 0.5", ge=0, lt=0.5)
    batch_retention_days: float = hint(30, "số ngày ≥ 0", "a number of days ≥ 0", ge=0)
    bilevel: bool = False  # true: text-only pages stored black and white (CCITT G4); default grey JPEG (encode.py)


class FormsSection(Section):
    template_set: str = "2025"
    contact_phone: str = ""
    completion_reason: str = "Hồ sơ chưa đầy đủ thành phần theo quy định"
    collect_at: str = ""
    signer_title: str = ""
    signer_name: str = ""


PRINTED_FORMS = ("receipt", "completion_request", "refusal", "apology", "stop_notice", "routing_slip", "ledger",
                 "fee_receipt", "default")  # counterapp/forms/render.py FORM_NAMES, and "default" for the rest


class PrintingSection(Section):
    """Read by counterapp/forms/printers.py: the printer each form goes to ("" or absent: the
    system's default printer), e.g. `printers = {receipt = "Quay-01", ledger = "Van-phong"}`."""

    printers: dict[str, str] = hint({}, "bảng mẫu = \"tên máy in\"", "a table form = \"printer name\"")

    @field_validator("printers")
    @classmethod
    def _forms(cls, value: dict[str, str]) -> dict[str, str]:
        for form in value:
            if form not in PRINTED_FORMS:
                raise ValueError(f"không có mẫu {form!r} / no form {form!r} ({', '.join(PRINTED_FORMS)})")
        return value


CodeTable = dict[str, str | int]


class NationalSection(Section):
    """None: the code's value (sync/national_codes.py DEFAULTS); tables merge key by key there."""

    loai_doi_tuong: CodeTable | None = None
    kenh_thuc_hien: CodeTable | None = None
    hinh_thuc: CodeTable | None = None
    noi_nop_ho_so: str | int | None = None
    loai_dinh_danh: CodeTable | None = None
    hinh_thuc_thu: CodeTable | None = None
    loai_phi_le_phi: CodeTable | None = None
    state_agency_prefixes: list[str] | None = None
    organization_prefixes: list[str] | None = None
    enterprise_prefixes: list[str] | None = None
    list_paper_documents: bool = True
    result_digitized_flag: bool = True
    omit_fields: list[str] = []


class OfficerSection(Section):
    full_name: str = ""
    title: str = ""
    phone: str = ""
    username: str = ""


class RatingSection(Section):
    """The citizen's rating (counterapp/ratings/): offered after intake and return unless off."""

    enabled: bool = True
    reasons: list[str] = []  # empty: the province's list (resources/ratings/reasons.toml)


class PrivacySection(Section):
    keep_days: int = hint(0, "số ngày ≥ 0", "a number of days ≥ 0", ge=0)
    encrypt_database: bool = False


class ScannerSection(Section):
    backend: Literal["sane", "escl", "twain", "wia"] = "sane"
    device: str = ""
    dpi: int = hint(200, "số dpi ≥ 200", "dpi ≥ 200", ge=200)
    mode: Literal["color", "gray"] = "color"
    source: Literal["flatbed", "adf", "duplex"] = "flatbed"
    escl_url: str = ""
    escl_verify_tls: bool = True
    watched_folder: str = ""
    watched_stable_polls: int = hint(2, "số nguyên ≥ 1", "a whole number ≥ 1", ge=1)


class SessionSection(Section):
    lock_minutes: int = hint(10, "số phút ≥ 0 (0 = không khóa)", "minutes ≥ 0 (0 = never)", ge=0)


class SigningSection(Section):
    method: Literal["p12", "pkcs11", "none"] = "none"
    p12: str = ""
    pkcs11_lib: str = ""
    token_label: str = ""
    key_label: str = ""
    visible_stamp: bool = False
    location: str = ""
    trust_roots: list[str] = []
    tsa_url: str = hint("", "địa chỉ http(s)://... của máy chủ cấp dấu thời gian", "the time-stamp authority's "
                        "http(s):// address", pattern=r"^(https?://\S+)?$")
    tsa_username: str = ""
    tsa_password: str = ""
    tsa_timeout: float = hint(10.0, "số giây > 0", "seconds > 0", gt=0)
    level: Literal["B-B", "B-T", "B-LT", "B-LTA"] = "B-LT"


class SyncSection(Section):
    batch_size: int = hint(200, "số nguyên ≥ 1", "a whole number ≥ 1", ge=1)
    chunk_size: int = hint(256 * 1024, "số byte ≥ 1024", "bytes ≥ 1024", ge=1024)
    backoff_base: float = hint(2.0, "số giây > 0", "seconds > 0", gt=0)
    backoff_cap: float = hint(300.0, "số giây > 0", "seconds > 0", gt=0)
    poll_interval: float = hint(60.0, "số giây > 0", "seconds > 0", gt=0)
    block_days: int = hint(7, "số ngày ≥ 1", "days ≥ 1", ge=1)
    block_size: int = hint(200, "số nguyên ≥ 1", "a whole number ≥ 1", ge=1)
    upload_workers: int = hint(3, "số luồng 1..16", "threads 1..16", ge=1, le=16)


class DatabaseSection(Section):
    """Read by counterapp/app.py on the h-failure branch (a writer's wait for another's lock)."""

    busy_timeout_seconds: float = hint(10, "số giây từ 0 đến 600", "0..600 seconds", ge=0, le=600)


class DashboardSection(Section):
    """Read by counterapp/reports/queues.py (the supervisor's queues on the dashboard)."""

    uncollected_after_days: int = hint(3, "số ngày làm việc ≥ 0", "working days ≥ 0", ge=0)
    follow_up_after_days: int = hint(2, "số ngày làm việc ≥ 0", "working days ≥ 0", ge=0)


class LockSection(Section):
    """Machine file only: `keys = ["portal.url", "privacy"]`, a section name locks all of it."""

    keys: list[str] = []


class SiteSettings(Section):
    """The whole user file (the machine file may add `[lock]`)."""

    site: SiteSection = SiteSection()
    portal: PortalSection = PortalSection()
    numbering: NumberingSection = NumberingSection()
    working_time: WorkingTimeSection = WorkingTimeSection()
    due_rules: dict[str, DueRule] = {}
    catalog: CatalogSection = CatalogSection()
    digitize: DigitizeSection = DigitizeSection()
    forms: FormsSection = FormsSection()
    printing: PrintingSection = PrintingSection()
    national: NationalSection = NationalSection()
    officer: OfficerSection = OfficerSection()
    privacy: PrivacySection = PrivacySection()
    rating: RatingSection = RatingSection()
    scanner: ScannerSection = ScannerSection()
    session: SessionSection = SessionSection()
    signing: SigningSection = SigningSection()
    sync: SyncSection = SyncSection()
    database: DatabaseSection = DatabaseSection()
    dashboard: DashboardSection = DashboardSection()


class MachineSettings(SiteSettings):
    lock: LockSection = LockSection()


# Sections whose keys are free (a procedure code each): a lock may name any key in them.
FREE_KEY_SECTIONS = {"due_rules"}


def section_models() -> dict[str, type[Section] | None]:
    """Section name -> its model (None for free-key sections), in file order."""
    result: dict[str, type[Section] | None] = {}
    for name, info in SiteSettings.model_fields.items():
        annotation = info.annotation
        result[name] = annotation if isinstance(annotation, type) and issubclass(annotation, Section) else None
    return result


def is_secret(key: str) -> bool:
    return bool(SECRET_KEY.search(key))
