"""Demo themes (life events and enterprise events) for the 永嘉县 demo catalogue, and the matters' search index.

`seed()` is idempotent: themes are matched by code, their matter lists replaced, and every published matter is
re-indexed. Matters of the demo catalogue that are missing (another data set) are skipped.
"""

from __future__ import annotations

from django.db import transaction

from zhengwu.catalog.models import Matter
from zhengwu.search import services as search

from . import search_index
from .models import Theme, ThemeKind

P, E = ThemeKind.PERSONAL, ThemeKind.ENTERPRISE

# (kind, code, name, description, matter codes of zhengwu/catalog/demo_matters.py)
THEMES = [
    (P, "birth", "出生", "新生儿出生医学证明、户口登记、医保参保", ["330324-WSJK-004"]),
    (P, "schooling", "上学", "入学相关的户籍和证件", ["330324-GA-003", "330324-GA-001"]),
    (
        P,
        "employment",
        "就业",
        "职业资格、执业注册、社会保障卡",
        ["330324-WSJK-001", "330324-WSJK-002", "330324-JY-002", "330324-RLSB-002"],
    ),
    (
        P,
        "marriage_family",
        "婚育",
        "结婚登记、生育和家庭成员户口",
        ["330324-MZ-001", "330324-WSJK-004", "330324-GA-003"],
    ),
    (P, "housing", "住房", "二手房交易和不动产登记", ["330324-ZRZY-003"]),
    (P, "medical", "医疗", "医保参保和社会保障卡", ["330324-WSJK-004", "330324-RLSB-002"]),
    (P, "elderly", "养老", "养老保障和社会救助", ["330324-MZ-002", "330324-MZ-003", "330324-RLSB-002"]),
    (P, "id_documents", "证件办理", "身份证、驾驶证和户口", ["330324-GA-001", "330324-GA-002", "330324-GA-003"]),
    (P, "social_assistance", "社会救助", "最低生活保障和特困人员供养", ["330324-MZ-002", "330324-MZ-003"]),
    (P, "after_death", "身后事", "户口注销、丧葬补助和遗属待遇", []),
    (
        E,
        "start_business",
        "开办企业",
        "设立登记、公章刻制、发票申领、社保登记",
        ["330324-SCJG-006", "330324-SCJG-002", "330324-MZ-004"],
    ),
    (
        E,
        "business_licences",
        "经营许可",
        "食品、药品、娱乐、烟草等行业经营许可",
        [
            "330324-SCJG-001",
            "330324-SCJG-003",
            "330324-SCJG-004",
            "330324-SCJG-005",
            "330324-WSJK-003",
            "330324-WGLT-001",
            "330324-WGLT-002",
            "330324-YC-001",
            "330324-NYNC-001",
            "330324-NYNC-002",
            "330324-RLSB-001",
        ],
    ),
    (
        E,
        "construction",
        "工程建设",
        "用地规划、工程规划、施工许可、环评",
        [
            "330324-ZRZY-001",
            "330324-ZRZY-002",
            "330324-ZJ-001",
            "330324-ZJ-002",
            "330324-STHJ-002",
            "330324-ZHZF-001",
        ],
    ),
    (E, "transport", "交通运输", "道路运输经营和机动车维修", ["330324-JTYS-001", "330324-JTYS-002"]),
    (
        E,
        "environment",
        "生态环保",
        "排污许可、环境影响评价、取水许可",
        ["330324-STHJ-001", "330324-STHJ-002", "330324-SL-001"],
    ),
    (
        E,
        "agriculture",
        "农业农村",
        "农药经营、动物诊疗、生猪屠宰",
        ["330324-NYNC-001", "330324-NYNC-002", "330324-NYNC-003"],
    ),
    (
        E,
        "education_culture",
        "教育文化",
        "民办学校、出版物零售、娱乐场所",
        ["330324-JY-001", "330324-WGLT-001", "330324-WGLT-002"],
    ),
    (
        E,
        "health_care",
        "医疗卫生",
        "公共场所卫生、医疗器械、养老机构",
        ["330324-WSJK-003", "330324-SCJG-004", "330324-MZ-005"],
    ),
]


def seed(stdout=None) -> int:
    """Create or update the demo themes and index every published matter; returns the number indexed."""
    with transaction.atomic():
        matters = {m.code: m for m in Matter.objects.all()}
        for order, (kind, code, name, description, codes) in enumerate(THEMES, start=1):
            theme, _created = Theme.objects.update_or_create(
                code=code, defaults={"kind": kind, "name": name, "description": description, "order": order}
            )
            theme.matters.set([matters[c] for c in codes if c in matters])
        indexed = search.reindex(search_index.KIND)
    if stdout is not None:
        stdout.write(f"办事主题 {len(THEMES)} 个，检索索引事项 {indexed} 个。")
    return indexed
