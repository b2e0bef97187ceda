"""Finding dossiers: diacritic-free name search, ID/phone/code prefixes, filters, paging."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.lifecycle import set_status
from counterapp.dossiers.queries import dossier_to_dict, list_dossiers, next_page_key
from tests.dossiers.conftest import HCM, request_dict

PEOPLE = [
    # name, id number (century/year must match 1990 male), phone, received day (March 2026)
    ("Nguyễn Văn An", "001090012345", "0912345678", 2),
    ("Đặng Thị Đào", "022190000001", "0987654321", 3),
    ("Nguyễn Văn Anh", "001090099999", "0911111111", 4),
    ("Trần Quốc Bảo", "001090055555", "0922222222", 5),
]


def _fill(ctx):
    made = {}
    for name, id_number, phone, day in PEOPLE:
        sex = "Nữ" if id_number[3] == "1" else "Nam"
        data = request_dict(
            applicant={"name": name, "id_number": id_number, "phone": phone, "sex": sex},
            received_at=datetime(2026, 3, day, 9, 0, tzinfo=HCM).isoformat(),
        )
        made[name] = create_dossier(ctx, data, "Cán bộ A")
    return made


def _names(rows):
    return [d.applicant_name for d in rows]


def test_text_search(proc_ctx):
    made = _fill(proc_ctx)
    with proc_ctx.sessions() as s:
        # diacritics and case ignored, prefix of the whole name, newest first
        assert _names(list_dossiers(s, text="nguyen van an")) == ["Nguyễn Văn Anh", "Nguyễn Văn An"]
        assert _names(list_dossiers(s, text="NGUYỄN VĂN AN")) == ["Nguyễn Văn Anh", "Nguyễn Văn An"]
        assert _names(list_dossiers(s, text="dang thi dao")) == ["Đặng Thị Đào"]  # đ -> d
        assert _names(list_dossiers(s, text="Đặng")) == ["Đặng Thị Đào"]
        # words of the name in any order, the last one still being typed
        assert _names(list_dossiers(s, text="van an")) == ["Nguyễn Văn Anh", "Nguyễn Văn An"]
        assert _names(list_dossiers(s, text="an")) == ["Nguyễn Văn Anh", "Nguyễn Văn An"]
        assert _names(list_dossiers(s, text="bao")) == ["Trần Quốc Bảo"]
        assert _names(list_dossiers(s, text="dao dang")) == ["Đặng Thị Đào"]
        assert _names(list_dossiers(s, text="van bao")) == []  # every word must be there
        assert _names(list_dossiers(s, text="van anh")) == ["Nguyễn Văn Anh"]
        assert _names(list_dossiers(s, text="quoc tr")) == ["Trần Quốc Bảo"]
        assert _names(list_dossiers(s, text="hai")) == []
        # ID number and phone prefixes, phone typed with spaces or +84
        assert _names(list_dossiers(s, text="001090055555")) == ["Trần Quốc Bảo"]
        assert _names(list_dossiers(s, text="0022190")) == []
        assert _names(list_dossiers(s, text="+84 987 654 321")) == ["Đặng Thị Đào"]
        assert _names(list_dossiers(s, text="0911")) == ["Nguyễn Văn Anh"]
        # code: exact and prefix, any case
        code = made["Trần Quốc Bảo"].code
        assert _names(list_dossiers(s, text=code)) == ["Trần Quốc Bảo"]
        assert _names(list_dossiers(s, text=code.lower())) == ["Trần Quốc Bảo"]
        assert len(list_dossiers(s, text="H49.22-2603")) == 4


def test_filters_and_paging(proc_ctx):
    made = _fill(proc_ctx)
    set_status(proc_ctx, made["Nguyễn Văn An"].code, 9, "Cán bộ A")
    with proc_ctx.sessions() as s:
        assert _names(list_dossiers(s, status=9)) == ["Nguyễn Văn An"]
        assert len(list_dossiers(s, status=[2, 9])) == 4
        assert _names(list_dossiers(s, date_from=date(2026, 3, 3), date_to=date(2026, 3, 4))) == [
            "Nguyễn Văn Anh",
            "Đặng Thị Đào",
        ]
        # appointments are 3 working days later; on Friday 6 March at 12:00 the dossiers
        # received on the 2nd (finished: not overdue) and the 3rd (due Friday 09:00) ...
        now = datetime(2026, 3, 6, 12, 0, tzinfo=HCM)
        assert _names(list_dossiers(s, overdue=True, now=now)) == ["Đặng Thị Đào"]
        assert _names(list_dossiers(s, due_today=True, now=now)) == ["Đặng Thị Đào"]
        now = datetime(2026, 3, 9, 8, 0, tzinfo=HCM)  # Monday: the one received Wednesday is due today
        assert _names(list_dossiers(s, due_today=True, now=now)) == ["Nguyễn Văn Anh"]
        # keyset paging walks every row exactly once, newest first
        page1 = list_dossiers(s, limit=3)
        page2 = list_dossiers(s, limit=3, after=next_page_key(page1))
        assert _names(page1 + page2) == ["Trần Quốc Bảo", "Nguyễn Văn Anh", "Đặng Thị Đào", "Nguyễn Văn An"]
        assert list_dossiers(s, limit=3, after=next_page_key(page2)) == []
        assert _names(list_dossiers(s, limit=2, offset=2)) == ["Đặng Thị Đào", "Nguyễn Văn An"]


def test_dossier_to_dict_is_json_and_utc(proc_ctx):
    import json

    dossier = create_dossier(proc_ctx, request_dict(), "Cán bộ A")
    data = json.loads(json.dumps(dossier_to_dict(dossier)))
    assert data["received_at"] == "2026-03-02T02:00:00+00:00"
    assert data["due_at"] == "2026-03-05T02:00:00+00:00"
    assert data["applicant"]["date_of_birth"] == "1990-03-15"
    assert data["status_label"] == "Được tiếp nhận"
    assert data["history"][0]["to_status"] == 2
    assert data["fees_total_vnd"] == 50000
    assert datetime.fromisoformat(data["due_at"]) - datetime.fromisoformat(data["received_at"]) == timedelta(days=3)


def test_ledger_order_oldest_first(proc_ctx):
    _fill(proc_ctx)
    with proc_ctx.sessions() as s:
        page1 = list_dossiers(s, ascending=True, limit=2)
        page2 = list_dossiers(s, ascending=True, limit=2, after=next_page_key(page1))
        assert _names(page1 + page2) == ["Nguyễn Văn An", "Đặng Thị Đào", "Nguyễn Văn Anh", "Trần Quốc Bảo"]


def test_name_words_follow_renames_and_deletions(proc_ctx):
    """The word index is kept by triggers in the same transaction as the change (a later
    migration that rebuilds the dossiers table must create them again)."""
    from sqlalchemy import delete, update

    from counterapp.catalog.folding import fold
    from counterapp.dossiers.models import Dossier

    made = _fill(proc_ctx)
    with proc_ctx.sessions() as s, s.begin():
        s.execute(update(Dossier).where(Dossier.code == made["Trần Quốc Bảo"].code)
                  .values(applicant_name="Trần Quốc Hải", applicant_name_folded=fold("Trần Quốc Hải")))
        s.execute(delete(Dossier).where(Dossier.code == made["Đặng Thị Đào"].code))
    with proc_ctx.sessions() as s:
        assert _names(list_dossiers(s, text="hai")) == ["Trần Quốc Hải"]
        assert _names(list_dossiers(s, text="bao")) == []
        assert _names(list_dossiers(s, text="dao")) == []


def test_a_common_name_word_walks_newest_first(proc_ctx, monkeypatch):
    """More matches than the threshold: the list walks the receipt-time index and stops at
    the page; the answer is the same."""
    import counterapp.dossiers.queries as queries

    _fill(proc_ctx)
    with proc_ctx.sessions() as s:
        expected = _names(list_dossiers(s, text="nguyen"))
        monkeypatch.setattr(queries, "COMMON_TEXT_THRESHOLD", 1)
        assert _names(list_dossiers(s, text="nguyen")) == expected == ["Nguyễn Văn Anh", "Nguyễn Văn An"]
        assert _names(list_dossiers(s, text="nguyen", limit=1)) == ["Nguyễn Văn Anh"]
