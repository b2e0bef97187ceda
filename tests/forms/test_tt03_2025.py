"""The forms of TT 03/2025/TT-VPCP (Phụ lục I) printed the way an officer prints them:
`python -m counterapp print ...` in a subprocess, the PDF read back with pdftotext,
pdffonts, pdftoppm + zxing-cpp. Also: the shipped font, the site's unit name, the
officer's full name (never "root"), and the 2018 set kept selectable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from counterapp.app import AppContext, open_app
from counterapp.catalog.importer import import_catalog_records
from counterapp.config import SiteConfig, parse_site_config
from counterapp.db.engine import session_scope
from counterapp.dossiers.intake import IntakeError, create_dossier, refuse_intake
from counterapp.dossiers.lifecycle import request_completion, set_status
from counterapp.dossiers.models import Dossier
from counterapp.forms.formatting import long_datetime
from counterapp.forms.render import FormError, render_pdf
from counterapp.forms.samples import SAMPLE_CODE, sample_context, sample_documents
from counterapp.officer import OfficerError, configured_officer
from tests.forms.conftest import decode_qr, pdf_pages, pdf_text
from tests.forms.test_dossier_forms import NAME, PROCEDURE, intake

ROOT = Path(__file__).resolve().parents[2]
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
UNIT = "Trung tâm Phục vụ hành chính công phường Hạ Long"
OFFICER = "Lê Thị Thu Hà"
SITE = f"""
[site]
parent_agency_name = "UBND TỈNH QUẢNG NINH"
unit_name = "{UNIT}"

[officer]
full_name = "{OFFICER}"
title = "Công chức tiếp nhận hồ sơ"
phone = "0203 3 812 345"
username = "hattl"
"""


def _flat(text: str) -> str:
    return " ".join(text.split())


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), COUNTERAPP_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "counterapp", "--data-dir", str(data_dir), "print", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )


def open_site(data_dir: Path, site: str = SITE) -> AppContext:
    (data_dir / "site.toml").write_text(site, encoding="utf-8")
    app = open_app(data_dir, seed_demo=False)
    import_catalog_records(app.sessions, [PROCEDURE])
    return app


@pytest.fixture
def site(data_dir: Path) -> AppContext:
    app = open_site(data_dir)
    yield app
    app.close()


# -- every form of Phụ lục I through the CLI ---------------------------------------------


def test_every_form_of_tt03_2025_prints_through_the_cli(site: AppContext, tmp_path: Path) -> None:
    data = site.data_dir
    received = create_dossier(site, intake(), officer="Trần Văn Bình").code
    incomplete = create_dossier(site, intake(), officer="Trần Văn Bình").code
    request_completion(site, incomplete, [{"name": "Giấy chứng sinh", "originals": 1}], "Giấy chứng sinh bị tẩy xóa",
                       "Trần Văn Bình")
    refused = refuse_intake(site, intake(), "Hồ sơ không thuộc thẩm quyền của phường", officer="Trần Văn Bình").code
    stopped = create_dossier(site, intake(), officer="Trần Văn Bình").code
    set_status(site, stopped, 8, "Trần Văn Bình", note="Người yêu cầu đề nghị dừng để bổ sung giấy tờ",
               at=datetime(2026, 3, 3, 10, 30, tzinfo=HCM))
    late = create_dossier(site, intake(), officer="Trần Văn Bình").code
    header = ["UBND TỈNH QUẢNG NINH", UNIT.upper(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "Độc lập - Tự do - Hạnh phúc"]
    expected: dict[str, tuple[list[str], list[str]]] = {
        "receipt": ([received], [
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", f"Mã hồ sơ: {received}",
            f"{UNIT} tiếp nhận hồ sơ của: {NAME}", "Địa chỉ:", "Số điện thoại: 0912345678",
            "Thư điện tử: hongdao@example.vn", "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
            "1. Thành phần hồ sơ nộp gồm", "Tên loại giấy tờ", "Tờ khai đăng ký khai sinh", "Giấy chứng sinh",
            "2. Số lượng hồ sơ: 1 (bộ)", "3. Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc",
            "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 3 năm 2026",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 05 tháng 3 năm 2026",
            f"6. Đăng ký nhận kết quả tại: {UNIT}", "7. Phí, lệ phí: Lệ phí đăng ký khai sinh: 135.000 đồng",
            "Vào Sổ theo dõi hồ sơ, Quyển số:", "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Văn Bình",
        ]),
        "completion_request": ([incomplete], [
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", f"{UNIT} tiếp nhận hồ sơ của: {NAME}",
            "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", "Giấy chứng sinh", "1 bản chính",
            "Lý do: Giấy chứng sinh bị tẩy xóa", "NGƯỜI HƯỚNG DẪN", "Trần Văn Bình",
        ]),
        "refusal": ([refused], [
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", f"{UNIT} tiếp nhận hồ sơ của: {NAME}",
            f"{UNIT} thông báo không tiếp nhận, giải quyết hồ sơ này",
            "Hồ sơ không thuộc thẩm quyền của phường", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Văn Bình",
        ]),
        "extension_apology": ([late, "--new-date", "2026-03-10T15:30", "--reason", "Chờ kết quả xác minh",
                               "--supervisor", "Phạm Minh Tuấn", "--signer-name", "Phạm Minh Tuấn", "--signer-title", "CHỦ TỊCH"], [
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", f"Kính gửi: {NAME}",
            "Ngày 02/03/2026, UBND phường Hạ Long tiếp nhận giải quyết hồ sơ đề nghị Đăng ký khai sinh",
            "09 giờ 00 phút, ngày 05 tháng 3 năm 2026", "Lý do: Chờ kết quả xác minh",
            "đề nghị gia hạn thời gian giải quyết, hẹn trả kết quả vào: 15 giờ 30 phút, ngày 10 tháng 3 năm 2026",
            "Nơi nhận:", "CHỦ TỊCH", "Phạm Minh Tuấn",
        ]),
        "stop_notice": ([stopped], [
            "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", f"Kính gửi: {NAME}", f"Mã hồ sơ: {stopped}",
            "hẹn trả kết quả 09 giờ 00 phút, ngày 05 tháng 3 năm 2026",
            "UBND phường Hạ Long thông báo dừng giải quyết hồ sơ nêu trên kể từ 10 giờ 30 phút, ngày 03 tháng 3 năm 2026",
            "Lý do: Người yêu cầu đề nghị dừng để bổ sung giấy tờ", "số điện thoại 0203 3 812 345",
            "Nơi nhận:", "THỦ TRƯỞNG CƠ QUAN", "Trần Văn Bình",
        ]),
        "routing_slip": ([received], [
            "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", f"mã hồ sơ: {received}", f"Người nộp hồ sơ: {NAME}",
            "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 3 năm 2026",
            "Thời gian hẹn trả kết quả: 09 giờ 00 phút, ngày 05 tháng 3 năm 2026",
            "TÊN CƠ QUAN", "THỜI GIAN GIAO, NHẬN HỒ SƠ", "Trước hạn / Đúng hạn / Quá hạn", f"Giao: {UNIT}",
        ]),
        "ledger": (["--from", "2026-03-01", "--to", "2026-03-31"], [
            "SỔ THEO DÕI HỒ SƠ", "Từ ngày 01/03/2026 đến ngày 31/03/2026", "Mã hồ sơ", "Tên thủ tục hành chính",
            "Tên cá nhân, tổ chức", "Ký nhận", received, stopped, NAME,
        ]),
    }
    for form, (args, wanted) in expected.items():
        out = tmp_path / f"{form}.pdf"
        result = cli(data, form, *args, "--pdf", str(out))
        assert result.returncode == 0, (form, result.stderr)
        text = _flat(pdf_text(out))
        for piece in header + wanted:
            assert piece in text, (form, piece)
        assert "Bộ phận Tiếp nhận và Trả kết quả".upper() not in text.upper(), form
    assert json.loads(cli(data, "apology", late, "--new-date", "2026-03-11T08:00", "--reason", "x",
                          "--supervisor", "Phạm Minh Tuấn",
                          "--pdf", str(tmp_path / "again.pdf")).stdout)["form"] == "apology"


def test_receipt_two_copies_two_pages_each_with_its_qr(site: AppContext, tmp_path: Path) -> None:
    code = create_dossier(site, intake(), officer="Trần Văn Bình").code
    out = tmp_path / "receipt.pdf"
    assert cli(site.data_dir, "receipt", code, "--pdf", str(out)).returncode == 0
    assert len(pdf_pages(out)) == 2
    for page in (1, 2):
        assert decode_qr(out, tmp_path, page=page) == [code]
        text = _flat(pdf_text(out, first=page, last=page))
        assert code in text and "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
        assert NAME in text and "Trần Văn Bình" in text and "Số thứ tự:" in text


def test_fifteen_documents_fit_one_page_per_copy(gui, tmp_path: Path) -> None:
    context = sample_context("receipt") | {"documents": sample_documents(15)}
    out = render_pdf("receipt", context, tmp_path / "r15.pdf", SiteConfig())
    assert len(pdf_pages(out)) == 2
    for page in (1, 2):
        text = _flat(pdf_text(out, first=page, last=page))
        assert "Giấy tờ chứng minh số 15 kèm theo hồ sơ" in text and "Số thứ tự: 7" in text


def test_twenty_documents_continue_on_a_page_with_code_and_signatures(gui, tmp_path: Path) -> None:
    context = sample_context("receipt") | {"documents": sample_documents(20)}
    out = render_pdf("receipt", context, tmp_path / "r20.pdf", SiteConfig())
    assert len(pdf_pages(out)) == 4  # two copies, two pages each
    pages = [_flat(pdf_text(out, first=n, last=n)) for n in range(1, 5)]
    for copy_label, (first, second) in zip(("Bản lưu hồ sơ", "Bản giao người nộp"), (pages[:2], pages[2:]), strict=False):
        for page in (first, second):
            assert copy_label in page and SAMPLE_CODE in page
            assert "NGƯỜI NỘP HỒ SƠ" in page and "NGƯỜI TIẾP NHẬN HỒ SƠ" in page
            assert "Nguyễn Thị Hồng Đào" in page and "Trần Văn Bình" in page
        assert "Còn tiếp trang sau" in first and "tiếp theo, trang 2/2" in second
        assert "Số thứ tự: 7" in second and "Số thứ tự" not in first
        listed = [int(n) for n in re.findall(r"Giấy tờ chứng minh số (\d+)", first + " " + second)]
        assert listed == list(range(4, 21))  # every line once, in order, across the two pages
    for page in (1, 2, 3, 4):
        assert decode_qr(out, tmp_path, page=page) == [SAMPLE_CODE]


@pytest.mark.parametrize("template_set", ["2025", "2018"])
def test_ledger_codes_never_wrap(gui, tmp_path: Path, template_set: str) -> None:
    config = parse_site_config({"forms": {"template_set": template_set}})
    context = sample_context("ledger")
    rows = context["rows"]
    rows[0] = dict(rows[0], code="H49.22-261130-0583")
    rows[2] = dict(rows[2], code="H49.22-261128-Q01-0001", provisional=True)
    out = render_pdf("ledger", context | {"rows": rows}, tmp_path / "ledger.pdf", config)
    lines = pdf_text(out, layout=True).splitlines()
    for row in rows:
        assert sum(row["code"] in line for line in lines) == 1, row["code"]


def test_provisional_code_never_wraps_on_the_receipt(gui, tmp_path: Path) -> None:
    code = "H49.22-261128-Q01-0001"
    context = sample_context("receipt") | {"code": code, "code_provisional": True}
    out = render_pdf("receipt", context, tmp_path / "r.pdf", SiteConfig())
    for page in (1, 2):
        assert any(code in line for line in pdf_text(out, first=page, last=page, layout=True).splitlines())


def test_liberation_serif_is_embedded_when_the_wanted_font_is_absent(gui, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / "templates").mkdir(parents=True)
    (data_dir / "templates" / "forms.toml").write_text(
        '[defaults]\nfont_families = ["Times New Roman Missing On Purpose"]\n', encoding="utf-8"
    )
    out = render_pdf("receipt", sample_context("receipt"), tmp_path / "r.pdf", SiteConfig(), data_dir)
    listing = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout
    fonts = [line.split() for line in listing.splitlines()[2:]]
    assert fonts and all(f[0].startswith("LiberationSerif") for f in fonts), listing
    assert all("yes" == f[-5] for f in fonts), listing  # emb column
    has_times = "Times New Roman" in subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    if not has_times:  # the shipped default (Times New Roman, else Liberation Serif) falls back the same way
        plain = render_pdf("ledger", sample_context("ledger"), tmp_path / "l.pdf", SiteConfig())
        assert "LiberationSerif" in subprocess.run(["pdffonts", str(plain)], capture_output=True, text=True).stdout


# -- the officer on forms ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "root", "ROOT", "admin", "Administrator", "  "])
def test_configured_officer_refuses_account_names(name: str) -> None:
    config = parse_site_config({"officer": {"full_name": name, "username": "x"}})
    with pytest.raises(OfficerError) as err:
        configured_officer(config)
    assert "[officer]" in str(err.value) and "/" in str(err.value)  # vi / en


def test_configured_officer_from_site_toml() -> None:
    officer = configured_officer(parse_site_config({"officer": {"full_name": " Lê  Thị Thu Hà ", "phone": "0203"}}))
    assert (officer.full_name, officer.phone, officer.title) == ("Lê Thị Thu Hà", "0203", "")
    with pytest.raises(OfficerError, match="no officer configured"):
        configured_officer(SiteConfig())


def test_root_is_refused_on_the_receipt_and_the_configured_officer_signs(data_dir: Path, tmp_path: Path) -> None:
    app = open_site(data_dir, "[site]\nagency_name = \"UBND phường Hạ Long\"\n")  # no [officer]
    try:
        # At the counter: "root" is not a person; nothing is received under it.
        with pytest.raises(IntakeError, match="root"):
            create_dossier(app, intake(), officer="root")
        with app.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Dossier)) == 0
        code = create_dossier(app, intake(), officer="Đỗ Văn Cũ").code
        # A dossier an older version recorded under the OS account.
        with session_scope(app.writer_sessions) as session:
            session.execute(update(Dossier).where(Dossier.code == code).values(officer="root"))
    finally:
        app.close()
    result = cli(data_dir, "receipt", code, "--pdf", str(tmp_path / "root.pdf"))
    assert result.returncode != 0 and not (tmp_path / "root.pdf").exists()
    assert "root" in result.stderr and "[officer] full_name" in result.stderr and "Traceback" not in result.stderr
    (data_dir / "site.toml").write_text(SITE, encoding="utf-8")
    out = tmp_path / "officer.pdf"
    assert cli(data_dir, "receipt", code, "--pdf", str(out)).returncode == 0
    text = _flat(pdf_text(out))
    assert OFFICER in text and " root" not in text


def test_completion_request_contact_line_is_the_configured_officer(site: AppContext, tmp_path: Path) -> None:
    code = create_dossier(site, intake(), officer="root").code
    request_completion(site, code, [{"name": "Giấy chứng sinh", "originals": 1}], "Thiếu giấy chứng sinh", "root")
    out = tmp_path / "c.pdf"
    assert cli(site.data_dir, "completion_request", code, "--pdf", str(out)).returncode == 0
    text = _flat(pdf_text(out))
    assert f"liên hệ với {OFFICER} (Công chức tiếp nhận hồ sơ), số điện thoại 0203 3 812 345" in text
    assert "root" not in text


def test_a_template_printing_root_raises(gui, tmp_path: Path) -> None:
    with pytest.raises(FormError, match="root"):
        render_pdf("receipt", sample_context("receipt") | {"officer_name": "root"}, tmp_path / "x.pdf", SiteConfig())
    with pytest.raises(FormError, match="nothing"):
        render_pdf("refusal", sample_context("refusal") | {"officer_name": ""}, tmp_path / "y.pdf", SiteConfig())


# -- the unit, the sets ----------------------------------------------------------------------


def test_no_form_text_hard_codes_the_old_unit_name() -> None:
    sources = [*(ROOT / "resources" / "templates" / "2025").iterdir(), ROOT / "resources" / "templates" / "_code.html",
               ROOT / "counterapp" / "forms" / "contexts.py", ROOT / "counterapp" / "forms" / "samples.py"]
    for path in sources:
        assert "tiếp nhận và trả kết quả" not in path.read_text(encoding="utf-8").lower(), path


def test_the_2018_set_still_prints_when_selected(data_dir: Path, tmp_path: Path) -> None:
    app = open_site(data_dir, SITE.replace("[officer]", '[forms]\ntemplate_set = "2018"\n\n[officer]')
                    .replace(f'unit_name = "{UNIT}"\n', ""))
    try:
        code = create_dossier(app, intake(), officer="Trần Văn Bình").code
    finally:
        app.close()
    out = tmp_path / "r2018.pdf"
    assert cli(data_dir, "receipt", code, "--pdf", str(out)).returncode == 0
    text = _flat(pdf_text(out))
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text and "UBND PHƯỜNG HẠ LONG" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text and len(pdf_pages(out)) == 2
    out = tmp_path / "a2018.pdf"
    result = cli(data_dir, "apology", code, "--new-date", "2026-03-10T15:30", "--reason", "Chờ",
                 "--supervisor", "Phạm Minh Tuấn", "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in _flat(pdf_text(out))
    result = cli(data_dir, "stop_notice", "--sample", "--pdf", str(tmp_path / "s.pdf"))
    assert result.returncode != 0 and "stop_notice" in result.stderr  # form 05 did not exist in 2018


def test_unknown_template_set_is_named(gui, tmp_path: Path) -> None:
    config = parse_site_config({"forms": {"template_set": "2030"}})
    with pytest.raises(FormError, match="2030.*2025"):
        render_pdf("receipt", sample_context("receipt"), tmp_path / "x.pdf", config)


def test_stop_notice_needs_status_8(site: AppContext, tmp_path: Path) -> None:
    code = create_dossier(site, intake(), officer="Trần Văn Bình").code
    result = cli(site.data_dir, "stop_notice", code, "--pdf", str(tmp_path / "s.pdf"))
    assert result.returncode != 0 and "Dừng xử lý" in result.stderr and "Traceback" not in result.stderr
    out = tmp_path / "sample.pdf"
    assert cli(site.data_dir, "stop_notice", "--sample", "--pdf", str(out)).returncode == 0
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in _flat(pdf_text(out))


def test_times_as_the_forms_write_them() -> None:
    assert long_datetime(datetime(2026, 11, 30, 7, 30, tzinfo=ZoneInfo("UTC")), HCM) == (
        "14 giờ 30 phút, ngày 30 tháng 11 năm 2026"
    )
    assert long_datetime(datetime(2026, 2, 5, 8, 5, tzinfo=HCM), HCM) == "08 giờ 05 phút, ngày 05 tháng 02 năm 2026"
    assert long_datetime(None, HCM) == ""


def test_shipped_fonts_are_registered_lazily_by_the_first_form() -> None:
    script = (
        "from PySide6.QtGui import QGuiApplication, QFontDatabase\n"
        "app = QGuiApplication(['x'])\n"
        "from counterapp.forms import fonts, render\n"
        "from counterapp.forms.samples import sample_context\n"
        "from counterapp.config import SiteConfig\n"
        "before = fonts._shipped_fonts\n"
        "render.render_pdf_bytes('receipt', sample_context('receipt'), SiteConfig())\n"
        "print(before, sorted(fonts._shipped_fonts), 'Liberation Serif' in QFontDatabase.families())\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-800:]
    assert result.stdout.split() == ["None", "['Liberation", "Serif']", "True"]
