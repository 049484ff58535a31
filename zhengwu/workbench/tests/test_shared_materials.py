"""The correction notice form at the window: a material obtained by data sharing (免于提交) is shown as such and
cannot be listed as missing."""

from __future__ import annotations

import pytest

from zhengwu.cases.models import CorrectionNotice

pytestmark = pytest.mark.django_db


def url(case) -> str:
    return f"/workbench/cases/{case.number}/request-correction/"


def test_the_form_offers_no_tick_for_the_shared_material_and_says_why(client, submit_today, staff, version, licence):
    case = submit_today()
    client.force_login(staff.clerk)

    html = client.get(url(case)).content.decode()

    assert f'name="material_{licence.pk}"' not in html and f'name="reason_{licence.pk}"' not in html
    assert "营业执照" in html and "可通过数据共享获取，免于提交" in html
    for other in version.materials.exclude(pk=licence.pk):
        assert f'name="material_{other.pk}"' in html


def test_a_tick_sent_for_the_shared_material_lists_nothing(client, submit_today, staff, licence):
    case = submit_today()
    client.force_login(staff.clerk)

    response = client.post(url(case), {f"material_{licence.pk}": "on", f"reason_{licence.pk}": "缺少"})

    assert response.status_code == 400
    assert not CorrectionNotice.objects.exists()


def test_the_shared_material_typed_as_another_material_is_refused_on_its_row(client, submit_today, staff, licence):
    case = submit_today()
    client.force_login(staff.clerk)

    response = client.post(url(case), {"other_name_0": "营业执照", "other_reason_0": "缺少"})

    assert response.status_code == 400
    assert "免于提交" in response.context["form"].errors["other_name_0"][0]
    assert not CorrectionNotice.objects.exists()
