"""Areas: the 12-digit code says the level (GB/T 2260 + township + village digits) and lies under the parent's
code, since scopes (a supervisor's area, `Department.objects.in_area`) are found by code prefix."""

import pytest
from django.core.exceptions import ValidationError

from zhengwu.org import demo_data
from zhengwu.org.models import Area, AreaLevel
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    city = Area.objects.create(code="330300000000", name="温州市", level=AreaLevel.CITY)
    return Area.objects.create(code="330324000000", name="永嘉县", level=AreaLevel.COUNTY, parent=city)


@pytest.mark.parametrize(
    ("code", "level", "field"),
    [
        ("330329000000", AreaLevel.TOWNSHIP, "code"),  # a county's code given as a township
        ("330324001000", AreaLevel.VILLAGE, "code"),  # a township's code given as a village
        ("330324001001", AreaLevel.TOWNSHIP, "code"),  # a village's code given as a township
        ("330381001000", AreaLevel.TOWNSHIP, "parent"),  # 瑞安市's township under 永嘉县
    ],
)
def test_area_whose_code_does_not_fit_its_level_or_parent_is_refused(county, code, level, field):
    with pytest.raises(ValidationError) as raised:
        Area(code=code, name="测试", level=level, parent=county).full_clean()
    assert field in raised.value.message_dict


def test_parent_must_be_above_the_area(county):
    township = Area.objects.create(code="330324001000", name="东城街道", level=AreaLevel.TOWNSHIP, parent=county)
    with pytest.raises(ValidationError) as raised:
        Area(code="330324002000", name="北城街道", level=AreaLevel.TOWNSHIP, parent=township).full_clean()
    assert "parent" in raised.value.message_dict


def test_demo_tree_and_a_township_directly_under_a_city_are_valid(county):
    Area(code="441900003000", name="东城街道", level=AreaLevel.TOWNSHIP).full_clean()
    Area(code=demo_data.PROVINCE[0], name=demo_data.PROVINCE[1], level=AreaLevel.PROVINCE).full_clean()
    townships = {
        code: Area(code=code, name=name, level=AreaLevel.TOWNSHIP, parent=county) for code, name in demo_data.TOWNSHIPS
    }
    for township in townships.values():
        township.full_clean(validate_unique=False)
    for code, name, parent in demo_data.VILLAGES:
        Area(code=code, name=name, level=AreaLevel.VILLAGE, parent=townships[parent]).full_clean()


def test_admin_refuses_a_township_outside_its_county(client, county):
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    data = {"code": "330381001000", "name": "安阳街道", "level": AreaLevel.TOWNSHIP, "parent": county.pk}

    response = client.post("/admin/org/area/add/", data)

    assert response.status_code == 200
    assert not Area.objects.filter(code="330381001000").exists()
