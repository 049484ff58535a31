"""补正告知 never lists a material obtained by data sharing (免于提交): the office fetches it itself."""

from __future__ import annotations

import pytest

from zhengwu.cases import services
from zhengwu.cases.models import CaseState, CorrectionNotice
from zhengwu.errors import InvalidInput

from .api_client import bearer, post
from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ("by_id", "items[1].material_id"),
        ("by_name", "items[1].material_name"),
    ],
)
def test_a_correction_listing_a_shared_material_is_refused_and_changes_nothing(
    submit, staff, version, licence, item, field
):
    case = submit(on="2025-09-26")
    listed = {"material_id": licence.pk} if item == "by_id" else {"material_name": " 营业执照 "}
    items = [{"material_name": "申请书", "reason": "未签字"}, {**listed, "reason": "缺少"}]

    with pytest.raises(InvalidInput) as error:
        services.request_correction(case, actor=staff.clerk, items=items, on=D("2025-09-29"))

    assert (error.value.field, error.value.code) == (field, "shared_material")
    assert "营业执照" in error.value.message and "免于提交" in error.value.message
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    assert not CorrectionNotice.objects.exists()


def test_the_other_materials_can_still_be_listed(submit, staff, version, licence):
    case = submit(on="2025-09-26")
    form = version.materials.get(name="申请书")

    notice = services.request_correction(
        case, actor=staff.clerk, items=[{"material_id": form.pk, "reason": "未签字"}], on=D("2025-09-29")
    )

    assert list(notice.items.values_list("material_name", flat=True)) == ["申请书"]


def test_the_api_answers_400_naming_the_item(client, submit_today, staff, licence):
    case = submit_today()

    response = post(
        client,
        f"/api/v1/cases/{case.number}/request-correction",
        {"items": [{"material_id": licence.pk, "reason": "缺少"}]},
        **bearer(staff.clerk),
    )

    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["field"]) == ("shared_material", "items[0].material_id")
    assert not CorrectionNotice.objects.exists()
