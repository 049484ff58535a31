"""The case page of an approved case: the 许可撤销/撤回/注销 section with its three forms for the department's
approvers and head only, the badge in the header once the licence is revoked, recalled or cancelled, and the
history's labels."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zhengwu.cases.models import CaseState, LicenceCancellation, LicenceRecall, LicenceRevocation
from zhengwu.cases.tests.test_licence_recall import PUBLIC_INTEREST, REASON, recall
from zhengwu.cases.tests.test_licences import granted, revoke
from zhengwu.workbench.acts import allowed_acts

from .test_acts_on_the_pages import act_url

pytestmark = pytest.mark.django_db

REVOKE_FORM = 'action="/workbench/cases/{}/revoke/"'
RECALL_FORM = 'action="/workbench/cases/{}/recall/"'
CANCEL_FORM = 'action="/workbench/cases/{}/cancel-licence/"'
SECTION = "许可撤销/撤回/注销"


def page(client, case) -> str:
    response = client.get(f"/workbench/cases/{case.number}/")
    assert response.status_code == 200
    return response.content.decode()


def test_approvers_and_the_head_are_offered_the_three_forms(client, submit, staff):
    case = granted(submit, staff)
    for person in (staff.approver, staff.head):
        client.force_login(person)
        html = page(client, case)
        assert SECTION in html and "许可有效" in html
        assert REVOKE_FORM.format(case.number) in html and CANCEL_FORM.format(case.number) in html
        assert RECALL_FORM.format(case.number) in html
        assert 'id="revoke-public_interest_weighed"' in html and 'id="cancel-licence-ground_0"' in html
        assert 'id="recall-public_interest"' in html and 'id="recall-ground_1"' in html
        assert "许可已撤销" not in html and "许可已撤回" not in html
    # Not among the buttons of the 办理 section: the licence's section holds them.
    assert allowed_acts(staff.approver, case).buttons == []
    assert "当前没有您可以办理的操作。" in html and 'class="act-buttons"' not in html


@pytest.mark.parametrize("who", ["clerk", "reviewer"])
def test_others_see_the_section_without_the_forms(client, submit, staff, who):
    case = granted(submit, staff)
    client.force_login(getattr(staff, who))
    html = page(client, case)
    assert SECTION in html
    assert REVOKE_FORM.format(case.number) not in html and CANCEL_FORM.format(case.number) not in html
    assert RECALL_FORM.format(case.number) not in html


def test_a_case_without_a_grant_has_no_section(client, submit, staff):
    case = submit(on="2025-09-26")
    client.force_login(staff.approver)
    assert SECTION not in page(client, case)


def test_revoke_then_cancel_through_the_page(client, submit, staff):
    case = granted(submit, staff)
    client.force_login(staff.approver)
    body = {"ground": "improper_means", "reason": "健康证明系伪造"}
    refused = client.post(act_url(case, "revoke"), body)  # the public interest not confirmed
    assert refused.status_code == 400 and "第六十九条第三款" in refused.content.decode()
    assert not LicenceRevocation.objects.exists()
    response = client.post(act_url(case, "revoke"), {**body, "public_interest_weighed": "on"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.revocation.revoked_on == timezone.localdate()
    html = page(client, case)
    assert f"许可已撤销（{timezone.localdate():%Y-%m-%d}，第六十九条第二款）" in html
    assert "撤销行政许可" in html and "健康证明系伪造" in html
    assert REVOKE_FORM.format(case.number) not in html and CANCEL_FORM.format(case.number) in html
    assert 'value="revoked" required id="cancel-licence-ground_3" checked' in html  # 第七十条第四项 proposed

    response = client.post(act_url(case, "cancel-licence"), {"ground": "revoked", "reason": "许可已撤销"})
    assert response.status_code == 302
    html = page(client, case)
    assert f"许可已注销（{timezone.localdate():%Y-%m-%d}）" in html and "注销行政许可" in html
    assert CANCEL_FORM.format(case.number) not in html
    assert LicenceCancellation.objects.get(case=case).ground == "revoked"


def test_an_htmx_post_is_redirected_by_header(client, submit, staff):
    case = granted(submit, staff)
    client.force_login(staff.head)
    response = client.post(
        act_url(case, "cancel-licence"), {"ground": "expired", "reason": "有效期届满未延续"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204 and response["HX-Redirect"] == f"/workbench/cases/{case.number}/"
    assert LicenceCancellation.objects.get(case=case).ground == "expired"


def test_a_clerk_posting_the_form_is_refused_and_nothing_changes(client, submit, staff):
    case = granted(submit, staff)
    client.force_login(staff.clerk)
    body = {"ground": "improper_means", "reason": "伪造", "public_interest_weighed": "on"}
    response = client.post(act_url(case, "revoke"), body)
    assert response.status_code == 403
    assert not LicenceRevocation.objects.exists() and not case.events.filter(action="revoke").exists()


def test_another_department_gets_404(client, submit, staff, other_staff):
    case = granted(submit, staff)
    client.force_login(other_staff.approver)
    response = client.post(act_url(case, "cancel-licence"), {"ground": "expired", "reason": "到期"})
    assert response.status_code == 404
    assert not LicenceCancellation.objects.exists()


def test_a_revocation_after_a_cancellation_is_not_offered(client, submit, staff):
    case = granted(submit, staff)
    revoke(case, staff.approver)
    client.force_login(staff.approver)
    client.post(act_url(case, "cancel-licence"), {"ground": "revoked", "reason": "已撤销"})
    acts = allowed_acts(staff.approver, case)
    assert "revoke" not in acts and "cancel-licence" not in acts
    html = page(client, case)
    assert "许可已撤销" in html and "许可已注销" in html


# -- 撤回 (第八条第二款) --------------------------------------------------------------------------------------------
def test_recall_then_cancel_through_the_page(client, submit, staff):
    case = granted(submit, staff)
    client.force_login(staff.head)
    standalone = client.get(act_url(case, "recall"))  # the act's own page, as every act has
    assert standalone.status_code == 200 and 'name="public_interest"' in standalone.content.decode()
    body = {"ground": "circumstances_changed", "reason": REASON}
    refused = client.post(act_url(case, "recall"), body)  # no public interest named
    assert refused.status_code == 400 and "第八条第二款" in refused.content.decode()
    assert not LicenceRecall.objects.exists() and not case.events.filter(action="recall").exists()
    response = client.post(act_url(case, "recall"), {**body, "public_interest": PUBLIC_INTEREST})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.recall.recalled_on == timezone.localdate()
    html = page(client, case)
    assert f"许可已撤回（{timezone.localdate():%Y-%m-%d}）" in html
    assert "准予行政许可所依据的客观情况发生重大变化（行政许可法第八条第二款）" in html
    assert REASON in html and PUBLIC_INTEREST in html
    assert "<td>撤回行政许可</td>" in html  # the history's label
    assert REVOKE_FORM.format(case.number) not in html and RECALL_FORM.format(case.number) not in html
    assert 'value="revoked" required id="cancel-licence-ground_3" checked' in html  # 第七十条第四项 proposed

    response = client.post(act_url(case, "cancel-licence"), {"ground": "revoked", "reason": "许可已撤回"})
    assert response.status_code == 302
    html = page(client, case)
    assert "许可已撤回" in html and f"许可已注销（{timezone.localdate():%Y-%m-%d}）" in html
    assert CANCEL_FORM.format(case.number) not in html
    assert LicenceCancellation.objects.get(case=case).ground == "revoked"


def test_a_clerk_posting_the_recall_is_refused_and_nothing_changes(client, submit, staff):
    case = granted(submit, staff)
    client.force_login(staff.clerk)
    body = {"ground": "law_changed", "reason": REASON, "public_interest": PUBLIC_INTEREST}
    response = client.post(act_url(case, "recall"), body)
    assert response.status_code == 403
    assert not LicenceRecall.objects.exists() and not case.events.filter(action="recall").exists()


def test_another_department_gets_404_for_the_recall(client, submit, staff, other_staff):
    case = granted(submit, staff)
    client.force_login(other_staff.head)
    body = {"ground": "law_changed", "reason": REASON, "public_interest": PUBLIC_INTEREST}
    assert client.post(act_url(case, "recall"), body).status_code == 404
    assert not LicenceRecall.objects.exists()


def test_a_revoked_licence_is_not_offered_for_recall_and_a_recalled_one_not_for_revocation(client, submit, staff):
    revoked, recalled = granted(submit, staff), granted(submit, staff)
    revoke(revoked, staff.approver)
    recall(recalled, staff.approver)
    client.force_login(staff.approver)
    for case in (revoked, recalled):
        acts = allowed_acts(staff.approver, case)
        assert "revoke" not in acts and "recall" not in acts and "cancel-licence" in acts
    body = {"ground": "law_changed", "reason": REASON, "public_interest": PUBLIC_INTEREST}
    response = client.post(act_url(revoked, "recall"), body)
    assert response.status_code == 409 and "该行政许可已被撤销，不能再撤回。" in response.content.decode()
    assert not LicenceRecall.objects.filter(case=revoked).exists()
    body = {"ground": "other", "reason": "超越职权", "public_interest_weighed": "on"}
    response = client.post(act_url(recalled, "revoke"), body)
    assert response.status_code == 409 and "该行政许可已被撤回，不能再撤销。" in response.content.decode()
    assert not LicenceRevocation.objects.filter(case=recalled).exists()
