from __future__ import annotations

import pytest

from counterapp.catalog.folding import fold, tokens
from counterapp.catalog.importer import import_catalog_records
from counterapp.catalog.search import TIER_ALL_WORDS, TIER_CODE, TIER_OTHER, TIER_PHRASE, search_procedures
from tests.catalog.conftest import procedure


def test_folding_strips_every_diacritic_including_d():
    assert fold("ĐĂNG KÝ Đất Đai") == "dang ky dat dai"
    assert fold("Chứng thực  bản sao\tđiện tử") == "chung thuc ban sao dien tu"
    assert tokens("Phường Hồng Gai, TP. Hạ Long") == ["phuong", "hong", "gai", "tp", "ha", "long"]
    assert fold("Nguyễn Thị Hồng Đào") == fold("nguyen thi hong dao")


@pytest.fixture
def catalog(app_ctx):
    import_catalog_records(app_ctx.sessions, [
        procedure("1.001193", "Đăng ký khai sinh", field="Hộ tịch"),
        procedure("1.000656", "Đăng ký khai tử", field="Hộ tịch"),
        procedure("1.004227", "Đăng ký biến động quyền sử dụng đất đai", field="Đất đai", level="Cấp tỉnh"),
        procedure("1.003003", "Đính chính giấy chứng nhận đã cấp", field="Đất đai", level="Cấp tỉnh"),
        procedure("2.000908", "Chứng thực bản sao từ bản chính", field="Chứng thực"),
        procedure("1.001612", "Sinh khai lại giấy tờ", field="Hộ tịch"),  # words in the other order
        procedure("2.001000", "Cấp phiếu lý lịch tư pháp", field="Lý lịch tư pháp", agency="Sở Tư pháp"),
    ])
    return app_ctx


def search(ctx, query, limit=20):
    with ctx.sessions() as s:
        return search_procedures(s, query, limit=limit)


@pytest.mark.parametrize("query", ["dat dai", "ĐẤT ĐAI", "đất đai", "Dat Dai"])
def test_search_is_diacritic_insensitive_both_ways(catalog, query):
    hits = search(catalog, query)
    assert hits[0].code == "1.004227"
    # the field-only match (Đính chính ... in field "Đất đai") comes after the name match
    assert [h.code for h in hits] == ["1.004227", "1.003003"]
    assert hits[1].tier == TIER_OTHER


def test_prefix_words_and_phrase_ranking(catalog):
    hits = search(catalog, "khai si")
    assert hits[0].code == "1.001193" and hits[0].tier == TIER_PHRASE
    # "Sinh khai lại" has both words but not the phrase: after the phrase match
    assert [(h.code, h.tier) for h in hits[1:]] == [("1.001612", TIER_ALL_WORDS)]


def test_exact_code_comes_first(catalog):
    hits = search(catalog, "2.000908")
    assert hits[0].code == "2.000908" and hits[0].tier == TIER_CODE
    assert len({h.code for h in hits}) == len(hits)  # no duplicates of the code hit


def test_agency_only_match_and_result_fields(catalog):
    hits = search(catalog, "so tu")
    assert hits[0].code == "2.001000"
    assert hits[0].field == "Lý lịch tư pháp"
    assert hits[0].level == "Cấp xã"


def test_nothing_found_and_punctuation_only(catalog):
    assert search(catalog, "xyzzy") == []
    assert search(catalog, '"*()') == []
    assert len(search(catalog, "", limit=3)) == 3


def test_limit_is_respected(catalog):
    assert len(search(catalog, "dang ky", limit=2)) == 2
