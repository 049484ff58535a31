"""Amounts in fen written as yuan: one formatter (`fees.money.yuan`), which the `yuan` template filter uses."""

from __future__ import annotations

import pytest
from django.utils import translation

from zhengwu.fees.money import yuan
from zhengwu.portal.templatetags import portal_tags


@pytest.mark.parametrize(
    "fen, text",
    [
        (0, "0.00"),
        (5, "0.05"),
        (50, "0.50"),
        (8000, "80.00"),
        (123456789, "1234567.89"),
        (-5, "-0.05"),
        (-1250, "-12.50"),
    ],
)
def test_an_amount_in_fen_is_written_in_yuan_with_two_decimals(fen, text):
    assert yuan(fen) == text


def test_the_template_filter_writes_the_amount_with_the_same_formatter(monkeypatch):
    monkeypatch.setattr("zhengwu.fees.money.yuan", lambda fen: f"<{fen}>")
    with translation.override("zh-hans"):
        assert portal_tags.yuan(1250) == "<1250> 元"
        assert portal_tags.yuan(0) == "不收费" and portal_tags.yuan(None) == ""
