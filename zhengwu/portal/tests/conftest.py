"""Fixtures of the public portal: a published matter (through the catalogue services, so it is indexed as in
production), its department's hall and window, and a case whose applicant's phone ends in 5678."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.cases import services as cases
from zhengwu.catalog import services as catalog
from zhengwu.catalog.models import MatterType
from zhengwu.org.tests.factories import DepartmentFactory, HallFactory, StaffFactory, WindowFactory, clerk
from zhengwu.parties.tests.factories import PersonFactory

FOOD_GUIDE = {
    "name": "食品经营许可（新办）",
    "matter_type": MatterType.PROMISED,
    "service_object": "企业法人、个体工商户",
    "legal_basis": "《中华人民共和国食品安全法》第三十五条",
    "conditions": "具有与经营的食品品种、数量相适应的经营场所",
    "procedure": "申请—受理—审查—决定—送达",
    "legal_limit_days": 10,
    "promised_limit_days": 3,
    "fee_fen": 1250,
    "fee_basis": "浙价费〔2020〕1号",
    "result_name": "食品经营许可证",
    "handling_location": "永嘉县政务服务中心 A12 号窗口",
    "consultation_phone": "0577-67220101",
    "complaint_phone": "0577-12345",
    "online_available": True,
}


@pytest.fixture(autouse=True)
def _fresh_cache(settings, tmp_path):
    """Rate-limit counters live in the cache: each test starts with an empty one of its own."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": str(tmp_path)}
    }
    cache.clear()
    settings.ZHENGWU_RENDER_NOTICES = False


@pytest.fixture
def department(db):
    return DepartmentFactory(code="YJ-SCJG", name="永嘉县市场监督管理局", phone="0577-67220100")


@pytest.fixture
def window(department):
    hall = HallFactory(
        name="永嘉县政务服务中心",
        address="上塘镇阳光大道",
        opening_hours="周一至周五 8:30—17:30",
        phone="0577-67220000",
    )
    found = WindowFactory(hall=hall, number="A12", name="市场监管综合窗口")
    found.departments.set([department])
    return found


@pytest.fixture
def actor(db):
    return StaffFactory()


@pytest.fixture
def food_matter(department, window, actor):
    matter = catalog.create_matter(
        actor=actor,
        code="330324-SCJG-001",
        department=department,
        materials=[
            {
                "name": "食品经营许可申请书",
                "original_count": 1,
                "copy_count": 0,
                "notes": "法定代表人签字并加盖公章",
                "form_template": SimpleUploadedFile("申请书.docx", b"form-template-bytes"),
                "sample": SimpleUploadedFile("申请书样表.pdf", b"%PDF-1.4 sample"),
            },
            {"name": "营业执照复印件", "original_count": 0, "copy_count": 2, "source": "政府部门核发"},
            {"name": "授权委托书", "required": False},
        ],
        **FOOD_GUIDE,
    )
    catalog.publish(matter.versions.get(), actor=actor, change_note="初始发布")
    matter.refresh_from_db()
    return matter


@pytest.fixture
def drug_matter(department, actor):
    matter = catalog.create_matter(
        actor=actor,
        code="330324-SCJG-003",
        department=department,
        **{
            **FOOD_GUIDE,
            "name": "药品零售企业经营许可",
            "legal_basis": "《中华人民共和国药品管理法》第五十二条",
            "conditions": "有依法经过资格认定的药师",
            "result_name": "药品经营许可证",
            "online_available": False,
        },
    )
    catalog.publish(matter.versions.get(), actor=actor)
    matter.refresh_from_db()
    return matter


@pytest.fixture
def applicant(db):
    return PersonFactory(name="王小明", phone="13912345678")


@pytest.fixture
def case(food_matter, department, applicant):
    return cases.submit_application(
        actor=clerk(department),
        matter_version=food_matter.current_version,
        applicant=applicant,
        channel="window",
        on=dt.date(2025, 9, 26),
    )
