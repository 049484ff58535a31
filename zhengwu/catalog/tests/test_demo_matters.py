"""The demo catalogue's legal time limits are the ones its statutes set (the supervision indicators and every
legal deadline of the demo cases are computed from them)."""

import pytest

from zhengwu.catalog.demo_matters import MATTERS

BY_CODE = {matter["code"]: matter for matter in MATTERS}

# code: (legal limit, the provision that sets it)
STATUTORY_LIMITS = {
    "330324-SCJG-001": (10, "《食品经营许可和备案管理办法》第十八条"),
    "330324-SCJG-002": (3, "《市场主体登记管理条例》第十九条"),
    "330324-ZJ-001": (7, "《建筑法》第八条"),
    "330324-ZJ-002": (10, "《城市商品房预售管理办法》第七条"),
    "330324-ZRZY-003": (30, "《不动产登记暂行条例》第二十条"),
    "330324-JTYS-001": (20, "《道路运输条例》第二十四条"),
    "330324-WSJK-001": (20, "《医师法》第十四条"),
    "330324-WSJK-002": (20, "《护士条例》第八条"),
    "330324-MZ-004": (30, "《社会团体登记管理条例》第十五条（成立登记，非第十二条的批准筹备）"),
    "330324-JY-002": (30, "《〈教师资格条例〉实施办法》第二十条"),
    "330324-GA-001": (60, "《居民身份证法》第十一条"),
    "330324-STHJ-001": (20, "《排污许可管理条例》：简化管理 20 日"),
    "330324-STHJ-002": (30, "《环境影响评价法》第二十二条（报告表）"),
    "330324-SL-001": (45, "《取水许可和水资源费征收管理条例》第二十一条"),
}


@pytest.mark.parametrize("code", sorted(STATUTORY_LIMITS))
def test_demo_matter_legal_limit_is_the_statutory_one(code):
    limit, provision = STATUTORY_LIMITS[code]
    assert BY_CODE[code]["legal_limit_days"] == limit, provision


def test_pollutant_discharge_permit_covers_only_simplified_management():
    # 重点管理 has a 30-day (45 with a site check) limit: one matter cannot carry both.
    assert "重点管理" not in BY_CODE["330324-STHJ-001"]["name"]


def test_every_demo_matter_promises_no_more_than_the_law_allows():
    assert all(matter["promised_limit_days"] <= matter["legal_limit_days"] for matter in MATTERS)
