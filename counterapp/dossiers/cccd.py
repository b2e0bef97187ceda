"""The citizen ID card QR (CCCD / thẻ căn cước) payload.

Layout, UTF-8, `|`-separated:
`ID number (12 digits)|old ID (9 digits, may be empty)|full name|date of birth ddmmyyyy|sex|permanent address|issue date ddmmyyyy`

USB 2D scanners type this into whatever field has focus, sometimes twice in a row,
with trailing empty fields, NUL characters or CR/LF. The parser anchors on
`\\d{12}\\|`, ignores NUL/CR/LF anywhere, and takes the first complete payload.
`find_cccd_payload` also reports where the payload (with its doubled copy and
trailing junk) sits in the original text so a GUI can cut it out of a field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from counterapp.clock import site_today

_JUNK = frozenset("\x00\r\n\ufeff")
_SPACES = re.compile(r"\s+")

# id | old id | name | dob | sex | address | issue date
_PAYLOAD = re.compile(
    r"(?P<id>\d{12})\|(?P<old>\d{9}|\d{12})?\|(?P<name>[^|]*)\|(?P<dob>\d{8})\|"
    r"(?P<sex>[^|]*)\|(?P<address>[^|]*)\|(?P<issue>\d{8})(?!\d{1,11}\|)"
)
_ANCHOR = re.compile(r"\d{12}\|")
_LOOSE_ANCHOR = re.compile(r"(?<!\d)(\d{6,15})\|")


class CccdError(ValueError):
    """The text is not a usable ID card payload; the message is Vietnamese / English."""


@dataclass(frozen=True)
class CitizenCard:
    id_number: str
    old_id_number: str | None
    full_name: str
    date_of_birth: date
    sex: str
    address: str
    issue_date: date

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date_of_birth"] = self.date_of_birth.isoformat()
        data["issue_date"] = self.issue_date.isoformat()
        return data


@dataclass(frozen=True)
class CccdMatch:
    card: CitizenCard
    start: int
    end: int
    """[start, end) in the text given, covering the payload, a doubled copy and trailing junk."""

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def _clean(text: str) -> tuple[str, list[int]]:
    """Drop NUL/CR/LF/BOM; return the cleaned text and, per kept char, its index in `text`."""
    kept: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        if ch in _JUNK:
            continue
        kept.append(ch)
        where.append(index)
    return "".join(kept), where


def _nice(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _date(value: str, what_vi: str, what_en: str) -> date:
    try:
        return date(int(value[4:8]), int(value[2:4]), int(value[0:2]))
    except ValueError:
        raise CccdError(
            f"{what_vi} không hợp lệ: {value[0:2]}/{value[2:4]}/{value[4:8]} / "
            f"impossible {what_en}: {value[0:2]}/{value[2:4]}/{value[4:8]}"
        ) from None


def _card_from(m: re.Match[str], today: date | None = None) -> CitizenCard:
    today = today or site_today()  # the Vietnamese day, whatever zone the PC is in
    name = _nice(m["name"])
    if not name:
        raise CccdError("Mã QR CCCD thiếu họ tên / ID card QR has no name")
    dob = _date(m["dob"], "Ngày sinh", "date of birth")
    issued = _date(m["issue"], "Ngày cấp", "issue date")
    if dob > today:
        raise CccdError(f"Ngày sinh ở tương lai: {dob:%d/%m/%Y} / date of birth in the future")
    if dob.year < 1900:
        raise CccdError(f"Ngày sinh không hợp lệ: {dob:%d/%m/%Y} / impossible date of birth")
    if issued < dob:
        raise CccdError(f"Ngày cấp trước ngày sinh: {issued:%d/%m/%Y} / issue date before date of birth")
    if issued > today:
        raise CccdError(f"Ngày cấp ở tương lai: {issued:%d/%m/%Y} / issue date in the future")
    return CitizenCard(
        id_number=m["id"],
        old_id_number=m["old"] or None,
        full_name=name,
        date_of_birth=dob,
        sex=_nice(m["sex"]),
        address=_nice(m["address"]),
        issue_date=issued,
    )


def _diagnose(cleaned: str) -> CccdError:
    """Why `cleaned` holds no complete payload, as precisely as can be said."""
    anchor = _ANCHOR.search(cleaned)
    if anchor is None:
        loose = _LOOSE_ANCHOR.search(cleaned)
        if loose is None:
            return CccdError("Không phải dữ liệu mã QR CCCD / not a citizen ID card QR payload")
        digits = loose.group(1)
        return CccdError(
            f"Số CCCD phải có 12 chữ số (nhận được {len(digits)}) / "
            f"ID number must have 12 digits (got {len(digits)})"
        )
    fields = cleaned[anchor.start():].split("|")
    if len(fields) < 7:
        return CccdError(
            f"Dữ liệu mã QR CCCD bị thiếu ({len(fields)}/7 trường) / "
            f"ID card QR payload is incomplete ({len(fields)} of 7 fields)"
        )
    old = fields[1]
    if old and not re.fullmatch(r"\d{9}|\d{12}", old):
        return CccdError(
            f"Số CMND cũ phải có 9 chữ số: {old!r} / old ID number must have 9 digits: {old!r}"
        )
    for value, vi, en in ((fields[3], "Ngày sinh", "date of birth"), (fields[6], "Ngày cấp", "issue date")):
        if not re.match(r"\d{8}(?!\d)", value):
            return CccdError(f"{vi} phải có dạng ddmmyyyy: {value!r} / {en} must be ddmmyyyy: {value!r}")
    return CccdError("Dữ liệu mã QR CCCD không đúng cấu trúc / ID card QR payload is malformed")


def _first_match(cleaned: str) -> tuple[re.Match[str], CitizenCard]:
    first_error: CccdError | None = None
    for m in _PAYLOAD.finditer(cleaned):
        try:
            return m, _card_from(m)
        except CccdError as exc:
            first_error = first_error or exc
    if first_error is not None:
        raise first_error
    raise _diagnose(cleaned)


def parse_cccd(text: str) -> CitizenCard:
    """The card in `text` (the scanner's output, possibly with junk around it).

    Raises CccdError (message Vietnamese / English) for text that is not a card, an
    ID number that is not 12 digits, a date that cannot exist, a missing name.
    """
    if not isinstance(text, str) or not text.strip("\x00\r\n\t |"):
        raise CccdError("Dữ liệu mã QR CCCD trống / ID card QR payload is empty")
    cleaned, _ = _clean(text)
    return _first_match(cleaned)[1]


def find_cccd_payload(text: str) -> CccdMatch | None:
    """Where the first valid payload sits in `text`, or None if there is none.

    The span covers the payload, an immediately repeated copy of it (scanners that
    type twice), trailing empty fields and NUL/CR/LF, so `text[:start] + text[end:]`
    is what the field held before the scan.
    """
    if not text:
        return None
    cleaned, where = _clean(text)
    try:
        m, card = _first_match(cleaned)
    except CccdError:
        return None
    payload = m.group(0)
    end = m.end()
    while True:
        # trailing empty fields
        while end < len(cleaned) and cleaned[end] == "|":
            end += 1
        if cleaned.startswith(payload, end):
            end += len(payload)
            continue
        break
    start_orig = where[m.start()]
    end_orig = where[end - 1] + 1
    while end_orig < len(text) and text[end_orig] in _JUNK:
        end_orig += 1
    # junk typed just before the payload (a scanner's leading NUL) belongs to it too
    while start_orig > 0 and text[start_orig - 1] == "\x00":
        start_orig -= 1
    return CccdMatch(card=card, start=start_orig, end=end_orig)


def decode_cccd_image(path: str | Path) -> CitizenCard:
    """Read the QR code in a photo or scan of the card (zxing-cpp) and parse it."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.load()
            results = zxingcpp.read_barcodes(image.convert("RGB"))
            if not results:
                # small or low-contrast QR codes: try again on a grey, doubled image
                grey = image.convert("L")
                results = zxingcpp.read_barcodes(grey.resize((grey.width * 2, grey.height * 2)))
    except FileNotFoundError:
        raise CccdError(f"Không tìm thấy tệp ảnh: {path} / image file not found: {path}") from None
    except (UnidentifiedImageError, OSError) as exc:
        raise CccdError(f"Không đọc được tệp ảnh: {path} / cannot read image: {exc}") from None
    if not results:
        raise CccdError("Không tìm thấy mã QR trong ảnh / no QR code found in the image")
    first_error: CccdError | None = None
    for result in results:
        try:
            return parse_cccd(result.text)
        except CccdError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise first_error


def applicant_from_card(card: CitizenCard) -> dict[str, Any]:
    """The intake request's `applicant` fields filled from a card (IntakeRequest shape).

    The card's permanent address is kept whole in `address`; when its last parts name a
    province and a commune in force since 1 July 2025, their codes are filled too and
    `street` gets the rest. Cards issued before the 2025 reorganisation often name
    units that no longer exist: then only what matches is filled.
    """
    from counterapp.dossiers import admin_units

    data: dict[str, Any] = {
        "kind": "citizen",
        "name": card.full_name,
        "id_number": card.id_number,
        "old_id_number": card.old_id_number,
        "date_of_birth": card.date_of_birth.isoformat(),
        "sex": card.sex,
        "address": card.address,
    }
    parts = [p.strip() for p in card.address.split(",") if p.strip()]
    if parts:
        province = admin_units.find_province(parts[-1])
        if province is not None:
            data["province_code"] = province.code
            data["province_name"] = province.name
            if len(parts) >= 2:
                commune = admin_units.find_commune(province.code, parts[-2])
                if commune is not None:
                    data["commune_code"] = commune.code
                    data["commune_name"] = commune.name
                    data["street"] = ", ".join(parts[:-2]) or None
    return data
