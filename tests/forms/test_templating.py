"""The template language IT staff edit, and the way values look on paper."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from counterapp.forms.formatting import amount_in_words, format_datetime, format_vnd, long_date, place_date_line
from counterapp.forms.templating import Template, TemplateError

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def test_loops_conditions_and_escaping() -> None:
    template = Template(
        "{% for d in docs %}{{ loop.index }}.{{ d.name }}{% if not loop.last %}, {% endif %}{% endfor %}"
        "{% if email %} | {{ email }}{% else %} | không có email{% endif %}{# ghi chú #}"
    )
    out = template.render({"docs": [{"name": "Tờ khai"}, {"name": "A<B & \"C\""}], "email": None})
    assert out == "1.Tờ khai, 2.A&lt;B &amp; &quot;C&quot; | không có email"


def test_newlines_in_values_become_line_breaks() -> None:
    assert Template("{{ a }}").render({"a": "dòng 1\ndòng 2"}) == "dòng 1<br/>dòng 2"


def test_unknown_placeholder_names_template_and_line() -> None:
    template = Template("<p>\n{{ ten_sai }}</p>", name="receipt.html")
    with pytest.raises(TemplateError, match=r"receipt.html, dòng 2.*ten_sai"):
        template.render({})


@pytest.mark.parametrize(
    "source",
    ["{% for x in xs %}", "{% endif %}", "{{ a + b }}", "{{ __import__('os') }}", "{% raw %}", "{% if a %}{% endfor %}"],
)
def test_malformed_templates_are_refused(source: str) -> None:
    with pytest.raises(TemplateError):
        Template(source, name="x.html")


def test_include_uses_loader() -> None:
    parts = {"_h.html": Template("<h>{{ agency }}</h>")}
    out = Template('{% include "_h.html" %}<p>{{ x }}</p>').render(
        {"agency": "UBND", "x": 1}, loader=parts.__getitem__
    )
    assert out == "<h>UBND</h><p>1</p>"


def test_dates_and_money() -> None:
    assert format_datetime(datetime(2026, 11, 28, 2, 15, tzinfo=UTC), ZONE) == "09:15 28/11/2026"
    assert long_date(date(2026, 11, 28)) == "ngày 28 tháng 11 năm 2026"
    assert long_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert place_date_line("Hạ Long", date(2026, 11, 28)) == "Hạ Long, ngày 28 tháng 11 năm 2026"
    assert format_vnd(135000) == "135.000 đồng"
    assert format_vnd(1500000) == "1.500.000 đồng"
    assert amount_in_words(135000) == "Một trăm ba mươi lăm nghìn đồng"
    assert amount_in_words(0) == "Không đồng"


def test_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError):
        format_datetime(datetime(2026, 11, 28, 9, 15), ZONE)
