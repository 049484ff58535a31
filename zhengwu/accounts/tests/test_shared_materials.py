"""Online application: a material obtained by data sharing (免于提交) is offered but never demanded."""

from __future__ import annotations

import pytest

from zhengwu.accounts import applications
from zhengwu.accounts.models import Application
from zhengwu.cases.models import Case, CaseState, Channel
from zhengwu.errors import InvalidInput

from .factories import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(online_version):
    """The 营业执照 of the online matter, obtained by data sharing."""
    material = online_version.materials.get(name="营业执照")
    material.shared = True
    material.save()
    return material


def test_the_apply_form_says_the_shared_material_need_not_be_submitted(applicant_client, online_version, licence):
    response = applicant_client.get(f"/my/apply/{online_version.matter.code}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<label for="id_material_{licence.pk}">营业执照' in html
    assert "可通过数据共享获取，免于提交" in html


def test_an_application_without_the_shared_material_is_submitted(applicant_client, online_version, licence):
    application_form = online_version.materials.get(name="申请书")

    response = applicant_client.post(
        f"/my/apply/{online_version.matter.code}/",
        {"action": "submit", "title": "", f"material_{application_form.pk}": upload("申请书.pdf", PDF)},
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.channel, case.state) == (Channel.ONLINE, CaseState.SUBMITTED)
    assert list(Application.objects.get().files.values_list("material_name", flat=True)) == ["申请书"]


def test_the_shared_material_is_not_counted_missing(account, online_version, licence):
    with pytest.raises(InvalidInput) as error:
        applications.save_application(account, online_version, uploads={}, submit=True)

    assert error.value.message == "请上传全部必要材料，尚缺：申请书。"
    assert error.value.details["missing"] == [online_version.materials.get(name="申请书").pk]
    assert not Case.objects.exists()
