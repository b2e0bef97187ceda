"""The citizen ID card QR payload: good scans, scanner quirks, broken payloads, images."""

from __future__ import annotations

from datetime import date

import pytest
import segno

from counterapp.dossiers.cccd import CccdError, decode_cccd_image, find_cccd_payload, parse_cccd

GOOD = "001090012345|123456789|Nguyễn Văn An|15031990|Nam|Số 5 Trần Hưng Đạo, Phường Hạ Long, Quảng Ninh|10082021"


def test_good_payload_gives_every_field():
    card = parse_cccd(GOOD)
    assert card.id_number == "001090012345"
    assert card.old_id_number == "123456789"
    assert card.full_name == "Nguyễn Văn An"
    assert card.date_of_birth == date(1990, 3, 15)
    assert card.sex == "Nam"
    assert card.address == "Số 5 Trần Hưng Đạo, Phường Hạ Long, Quảng Ninh"
    assert card.issue_date == date(2021, 8, 10)


def test_empty_old_id_is_none():
    card = parse_cccd(GOOD.replace("|123456789|", "||"))
    assert card.old_id_number is None
    assert card.full_name == "Nguyễn Văn An"


@pytest.mark.parametrize(
    "scanned",
    [
        GOOD + GOOD,  # typed twice, no separator
        GOOD + "\r\n" + GOOD + "\r\n",  # typed twice with Enter
        GOOD + "||||",  # trailing empty fields
        "\x00" + GOOD.replace("|Nam|", "|Nam\x00|") + "\x00\x00",  # NULs
        GOOD.replace("Hạ Long", "Hạ\r\nLong"),  # CR/LF inside a field
        "tên cũ trong ô " + GOOD,  # the field held text before the scan
    ],
)
def test_scanner_quirks_still_parse(scanned):
    card = parse_cccd(scanned)
    assert card.id_number == "001090012345"
    assert card.date_of_birth == date(1990, 3, 15)
    assert card.issue_date == date(2021, 8, 10)
    assert card.sex == "Nam"


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        ("01109001234|123456789|Nguyễn Văn An|15031990|Nam|Hạ Long|10082021", "12 chữ số"),  # 11 digits
        (GOOD.replace("15031990", "31021990"), "31/02/1990"),  # no 31 February
        (GOOD.replace("10082021", "32132021"), "Ngày cấp"),  # no 32nd, no 13th month
        ("Xin chào, đây không phải mã QR", "not a citizen ID card"),
        ("", "trống"),
        ("001090012345|123456789|Nguyễn Văn An", "incomplete"),
        (GOOD.replace("|123456789|", "|12345|"), "9 chữ số"),
        (GOOD.replace("15031990", "1503199"), "ddmmyyyy"),
        (GOOD.replace("Nguyễn Văn An", "  "), "thiếu họ tên"),
        (GOOD.replace("15031990", "15032090"), "tương lai"),
    ],
)
def test_broken_payloads_are_refused_with_a_clear_message(payload, needle):
    with pytest.raises(CccdError) as info:
        parse_cccd(payload)
    message = str(info.value)
    assert needle.lower() in message.lower()
    assert " / " in message  # Vietnamese / English


def test_find_payload_cuts_exactly_the_scan_out_of_a_field():
    before = "Ghi chú: khách hàng "
    after = " (đã kiểm tra)"
    text = before + "\x00" + GOOD + GOOD + "||\r\n" + after
    match = find_cccd_payload(text)
    assert match is not None
    assert text[: match.start] + text[match.end :] == before + after
    assert match.card.full_name == "Nguyễn Văn An"


def test_find_payload_returns_none_for_plain_text():
    assert find_cccd_payload("Nguyễn Văn An 0912345678") is None
    assert find_cccd_payload(GOOD.replace("15031990", "31021990")) is None


def test_qr_image_round_trip(tmp_path):
    path = tmp_path / "cccd.png"
    segno.make(GOOD, error="m", encoding="utf-8").save(path, scale=5, border=4)
    card = decode_cccd_image(path)
    assert card.full_name == "Nguyễn Văn An"
    assert card.address.endswith("Quảng Ninh")
    assert card.id_number == "001090012345"


def test_image_without_qr_is_a_clear_error(tmp_path):
    from PIL import Image

    path = tmp_path / "blank.png"
    Image.new("RGB", (200, 200), "white").save(path)
    with pytest.raises(CccdError, match="Không tìm thấy mã QR"):
        decode_cccd_image(path)
    with pytest.raises(CccdError, match="not found"):
        decode_cccd_image(tmp_path / "nope.png")


def test_applicant_from_card_fills_the_intake_fields():
    from counterapp.dossiers.cccd import applicant_from_card

    applicant = applicant_from_card(parse_cccd(GOOD))
    assert applicant["name"] == "Nguyễn Văn An" and applicant["id_number"] == "001090012345"
    assert applicant["date_of_birth"] == "1990-03-15"
    assert (applicant["province_code"], applicant["commune_code"]) == ("22", "06688")
    assert applicant["street"] == "Số 5 Trần Hưng Đạo"
    old_units = parse_cccd(GOOD.replace("Phường Hạ Long, Quảng Ninh", "Xã Không Còn, Huyện Cũ, Tỉnh Hà Tây"))
    applicant = applicant_from_card(old_units)
    assert "province_code" not in applicant and applicant["address"].endswith("Tỉnh Hà Tây")
