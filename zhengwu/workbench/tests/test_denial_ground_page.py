"""The decision form asks a refusal's ground (第三十八条第二款 or 第七十八条); an approval keeps none, whatever
the radio still holds."""

from __future__ import annotations

import pytest

from zhengwu.cases.models import CaseState

from .test_acts_on_the_pages import act_url, review_to_the_end

pytestmark = pytest.mark.django_db


def test_a_refusal_for_false_materials_through_the_page(client, submit_today, staff):
    case = review_to_the_end(submit_today(), staff)
    client.force_login(staff.approver)
    page = client.get(act_url(case, "decide")).content.decode()
    assert "申请人隐瞒有关情况或者提供虚假材料" in page
    response = client.post(
        act_url(case, "decide"), {"approve": "0", "reason": "检测报告系伪造", "ground": "false_materials"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.DENIED and case.denial_ground == "false_materials"
    assert "不予许可依据" in client.get(f"/workbench/cases/{case.number}/").content.decode()


def test_an_approval_ignores_the_ground_radio(client, submit_today, staff):
    case = review_to_the_end(submit_today(), staff)
    client.force_login(staff.approver)
    response = client.post(act_url(case, "decide"), {"approve": "1", "ground": "conditions_not_met"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED and case.denial_ground == ""
