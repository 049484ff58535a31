"""The national investment-project code (投资项目统一代码): its format and each of its parts."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.errors import InvalidInput
from zhengwu.projects.codes import validate_project_code

TODAY = dt.date(2025, 11, 3)


@pytest.mark.parametrize(
    "code",
    [
        "2025-330324-47-01-000123",  # 审批
        "2019-330324-70-02-000001",  # 核准
        "2024-330000-44-03-999999",  # 备案, a province's code
        " 2025-330324-47-01-000123 ",  # surrounding blanks are not part of it
    ],
)
def test_good_codes_are_taken(code):
    assert validate_project_code(code, today=TODAY) == code.strip()


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("", "格式"),
        ("2025330324470100012", "格式"),
        ("2025-330324-47-01-00012", "格式"),  # serial of 5 digits
        ("2025-33032A-47-01-000123", "格式"),
        ("２０２５-330324-47-01-000123", "格式"),  # full-width digits are not ASCII digits
        ("2025-330324-47-04-000123", "项目类型"),
        ("2025-330324-47-00-000123", "项目类型"),
        ("2013-330324-47-01-000123", "年份"),  # before the platform gave codes
        ("2026-330324-47-01-000123", "年份"),  # not given yet
        ("2025-990324-47-01-000123", "区划代码"),  # no province 99
        ("2025-330024-47-01-000123", "区划代码"),  # a county under city 00
        ("2025-330324-00-01-000123", "行业代码"),
        ("2025-330324-47-01-000000", "流水号"),
    ],
)
def test_each_bad_part_is_named_on_the_code_field(code, says):
    with pytest.raises(InvalidInput) as caught:
        validate_project_code(code, today=TODAY)
    assert caught.value.field == "code" and says in caught.value.message


@pytest.mark.parametrize(
    ("code", "good"),
    [
        ("2025-330324-47-01-000123", True),  # the county itself
        ("2025-330300-47-01-000123", True),  # the city above it
        ("2025-330000-47-01-000123", True),  # the province
        ("2025-330328-47-01-000123", False),  # another county
        ("2025-320324-47-01-000123", False),  # another province
    ],
)
def test_the_codes_area_is_where_the_project_is_or_above_it(code, good):
    town = "330324102000"
    if good:
        assert validate_project_code(code, today=TODAY, area_code=town) == code
    else:
        with pytest.raises(InvalidInput) as caught:
            validate_project_code(code, today=TODAY, area_code=town)
        assert caught.value.field == "code" and "项目所在地" in caught.value.message
