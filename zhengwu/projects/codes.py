"""The national investment-project code (投资项目统一代码), `YYYY-AAAAAA-BB-CC-NNNNNN`.

Given by the national investment-project online approval and supervision platform (全国投资项目在线审批监管平台,
《企业投资项目核准和备案管理条例》 and 国办发〔2019〕11号 “以投资项目统一代码为标识”): the year it was given, the
6-digit GB/T 2260 code of the area the project lies in, a 2-digit industry code, a 2-digit project-type code
(01 审批, 02 核准, 03 备案) and a 6-digit serial.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from zhengwu.errors import InvalidInput

CODE_PATTERN = re.compile(r"(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})", re.ASCII)
FIRST_YEAR = 2014  # the online approval platform issued its first codes in 2014-2015
PROJECT_TYPES = {"01": "审批", "02": "核准", "03": "备案"}
# GB/T 2260 province-level codes (first two digits of an area code).
PROVINCES = frozenset(
    {
        *(str(n) for n in (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37)),
        *(str(n) for n in (41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82)),
    }
)


def _bad(message: str) -> InvalidInput:
    return InvalidInput(message, field="code")


def normalise(code: str) -> str:
    return (code or "").strip()


def validate_project_code(code: str, *, today: dt.date, area_code: str | None = None) -> str:
    """The code if it is well formed, else InvalidInput on `code` saying which part is wrong. With `area_code` (the
    12-digit code of where the project is built), the code's area must be that area or one above it."""
    code = normalise(code)
    match = CODE_PATTERN.fullmatch(code)
    if match is None:
        raise _bad(_("项目代码格式应为“年份-区划代码-行业代码-项目类型-流水号”，如 2025-330324-47-01-000123。"))
    year, area, industry, kind, serial = match.groups()
    if not FIRST_YEAR <= int(year) <= today.year:
        raise _bad(_("项目代码中的年份“%(year)s”不正确。") % {"year": year})
    if area[:2] not in PROVINCES or (area[2:4] == "00" and area[4:] != "00"):
        raise _bad(_("项目代码中的区划代码“%(area)s”不是有效的行政区划代码。") % {"area": area})
    if industry == "00":
        raise _bad(_("项目代码中的行业代码“%(code)s”不正确。") % {"code": industry})
    if kind not in PROJECT_TYPES:
        raise _bad(_("项目代码中的项目类型应为01（审批）、02（核准）或03（备案）。"))
    if serial == "000000":
        raise _bad(_("项目代码中的流水号不正确。"))
    if area_code is not None:
        prefix = area[:2] if area.endswith("0000") else area[:4] if area.endswith("00") else area
        if not area_code.startswith(prefix):
            raise _bad(_("项目代码中的区划代码“%(area)s”与项目所在地不符。") % {"area": area})
    return code
