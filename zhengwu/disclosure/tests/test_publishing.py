"""主动公开: catalogue, the draft → 保密审查 → 审核 → published chain, index numbers, timeliness (第二十六条),
withdrawal and supersession, and that nothing unpublished is ever visible."""

from __future__ import annotations

import re

import pytest

from zhengwu.disclosure import publishing, selectors
from zhengwu.disclosure.models import Category, Item, ItemState, Validity
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.search import services as search

from .conftest import D


def found(query: str) -> set[int]:
    return {hit.object_id for hit in search.search("disclosure_item", query).hits}


def test_standard_catalogue_is_a_tree_and_seeding_is_idempotent(dept, catalogue):
    assert {"JGZN", "ZCWJ", "GHJH", "CZYJS", "XZXK", "XZCF", "ZDXM", "RSXX", "JYTA"} <= set(catalogue)
    assert catalogue["GFXWJ"].parent == catalogue["ZCWJ"]
    assert publishing.ensure_catalogue(dept) == 0
    assert Category.objects.filter(department=dept).count() == len(catalogue)


def test_publication_chain_records_who_published_checked_and_reviewed(publish, staff, dept):
    item = publish()
    assert item.state == ItemState.PUBLISHED
    assert (item.drafted_by, item.secrecy_reviewer, item.reviewed_by) == (staff.clerk, staff.reviewer, staff.approver)
    assert item.secrecy_result == "passed" and item.secrecy_checked_on == D("2025-10-10")
    assert re.fullmatch(rf"{dept.code}/ZCWJ-2025-\d{{5}}", item.index_number)
    assert item.validity == Validity.VALID  # a policy document
    second = publish("第二份文件", code="JGZN")
    assert int(second.index_number[-5:]) == int(item.index_number[-5:]) + 1


def test_drafter_cannot_check_or_review_their_own_item(catalogue, staff):
    item = publishing.create_item(
        actor=staff.approver,
        category=catalogue["JGZN"],
        title="机构职能",
        issuer="县市场监管局",
        body="主要职责。",
        formed_on=D("2025-10-09"),
        on=D("2025-10-10"),
    )
    publishing.submit_for_check(item, actor=staff.approver)
    with pytest.raises(NotPermitted):
        publishing.check_secrecy(item, actor=staff.approver, result="passed", opinion="不涉密")
    with pytest.raises(NotPermitted):  # a window clerk does not do the confidentiality check
        publishing.check_secrecy(item, actor=staff.clerk, result="passed", opinion="不涉密")
    publishing.check_secrecy(item, actor=staff.reviewer, result="passed", opinion="不涉密")
    with pytest.raises(NotPermitted):
        publishing.review(item, actor=staff.approver, approve=True, opinion="同意")
    with pytest.raises(NotPermitted):  # reviewers check confidentiality but do not publish
        publishing.review(item, actor=staff.reviewer, approve=True, opinion="同意")
    publishing.review(item, actor=staff.head, approve=True, opinion="同意", on=D("2025-10-10"))


def test_staff_act_only_within_their_department(catalogue, other_staff, staff):
    with pytest.raises(NotPermitted):
        publishing.create_item(
            actor=other_staff.clerk,
            category=catalogue["JGZN"],
            title="x",
            issuer="x",
            body="x",
            formed_on=D("2025-10-09"),
        )
    item = publishing.create_item(
        actor=staff.clerk, category=catalogue["JGZN"], title="x", issuer="x", body="x", formed_on=D("2025-10-09")
    )
    with pytest.raises(NotFound):
        publishing.submit_for_check(item, actor=other_staff.clerk)


def test_publication_after_twenty_working_days_is_flagged_late(publish, dept):
    on_time = publish("按时", formed="2025-09-25", on="2025-10-29")
    late = publish("逾期", formed="2025-09-25", on="2025-10-30")
    assert on_time.publish_due == D("2025-10-29")
    assert (on_time.published_late, late.published_late) == (False, True)
    assert selectors.late_publications([dept.pk], 2025) == {dept.pk: 1}


def test_late_publications_are_counted_in_the_department_indicators(publish, dept):
    from zhengwu.indicators import periods
    from zhengwu.indicators.compute import indicator_table
    from zhengwu.org.tests.factories import StaffFactory

    publish("按时", formed="2025-09-25", on="2025-10-29")
    publish("逾期一", formed="2025-09-25", on="2025-10-30")
    publish("逾期二", formed="2025-09-01", on="2025-11-03")
    superuser = StaffFactory(department=None, is_superuser=True)
    october = indicator_table(superuser, "department", periods.month(2025, 10), today=D("2025-12-01"))
    row = next(row for row in october.rows if row.key == dept.pk)
    assert row.values["late_publications"] == 1  # by the publication date: the second late one is November's
    assert october.total.values["late_publications"] == 1
    assert "late_publications" in [column.key for column in october.columns]
    year = indicator_table(superuser, "department", periods.year(2025), today=D("2025-12-01"))
    assert year.total.values["late_publications"] == 2
    by_matter = indicator_table(superuser, "matter", periods.year(2025), today=D("2025-12-01"))
    assert "late_publications" not in [column.key for column in by_matter.columns]  # defined per department only


def test_confidential_draft_is_never_visible(catalogue, staff, client):
    item = publishing.create_item(
        actor=staff.clerk,
        category=catalogue["JGZN"],
        title="涉密草稿食品抽检名单",
        issuer="县市场监管局",
        body="内部抽检名单正文",
        formed_on=D("2025-10-09"),
    )
    publishing.submit_for_check(item, actor=staff.clerk)
    publishing.check_secrecy(item, actor=staff.reviewer, result="refused", opinion="涉及国家秘密")
    item.refresh_from_db()
    assert item.state == ItemState.NOT_DISCLOSED
    assert found("抽检名单") == set()
    assert not selectors.filter_public().filter(pk=item.pk).exists()
    assert selectors.public_item(item.pk) is None
    assert client.get(f"/disclosure/items/{item.pk}/").status_code == 404
    assert client.get("/api/v1/disclosure/items", {"q": "抽检名单"}).json()["count"] == 0
    assert client.get(f"/api/v1/disclosure/items/{item.pk}").status_code == 404
    assert "涉密草稿" not in client.get("/disclosure/search/", {"q": "抽检名单"}).content.decode()
    assert "涉密草稿" not in client.get("/disclosure/items/").content.decode()


def test_published_item_is_found_in_chinese_and_withdrawal_removes_it_but_keeps_the_record(publish, staff, client):
    item = publish("关于食品经营许可告知承诺制的实施意见", body="推行食品经营许可告知承诺制，压缩审批时限。")
    assert item.pk in found("告知承诺")
    assert item.pk in found("审批时限")  # the body
    publishing.withdraw(item, actor=staff.approver, reason="内容有误，重新发布", on=D("2025-10-15"))
    item.refresh_from_db()
    assert item.state == ItemState.WITHDRAWN and item.index_number
    assert found("告知承诺") == set()
    assert not selectors.filter_public().filter(pk=item.pk).exists()
    page = client.get(f"/disclosure/items/{item.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "已撤回" in text and "内容有误" in text and "压缩审批时限" not in text


def test_superseded_version_stays_reachable_by_index_number(publish, staff, dept, client):
    old = publish("食品安全抽检管理办法", body="旧版正文")
    new = publishing.revise(old, actor=staff.clerk, reason="依据新法规修订", on=D("2025-11-03"))
    assert new.state == ItemState.DRAFT and new.supersedes == old
    publishing.update_item(new, actor=staff.clerk, body="新版正文")
    publishing.submit_for_check(new, actor=staff.clerk)
    publishing.check_secrecy(new, actor=staff.reviewer, result="passed", opinion="不涉密")
    publishing.review(new, actor=staff.approver, approve=True, opinion="同意", on=D("2025-11-05"))
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.state == ItemState.SUPERSEDED and old.validity == Validity.EXPIRED
    assert old.index_number != new.index_number
    assert selectors.item_by_index(dept.code, old.index_number) == old
    assert set(selectors.filter_public().values_list("pk", flat=True)) == {new.pk}
    page = client.get(f"/disclosure/index/{dept.code}/{old.index_number.split('/', 1)[1]}/")
    assert page.status_code == 200
    assert "已被替代" in page.content.decode() and new.index_number in page.content.decode()


def test_a_revision_refused_at_the_confidentiality_check_lets_the_current_version_be_revised_again(publish, staff):
    current = publish("食品安全抽检管理办法", body="现行正文")
    refused = publishing.revise(current, actor=staff.clerk, reason="增加抽检名单", on=D("2025-11-03"))
    publishing.submit_for_check(refused, actor=staff.clerk)
    publishing.check_secrecy(refused, actor=staff.reviewer, result="refused", opinion="名单涉密", on=D("2025-11-04"))
    refused.refresh_from_db()
    current.refresh_from_db()
    assert refused.state == ItemState.NOT_DISCLOSED and refused.supersedes is None
    assert current.state == ItemState.PUBLISHED and current.end_reason == ""
    again = publishing.revise(current, actor=staff.clerk, reason="更正文字", on=D("2025-11-05"))
    assert again.supersedes == current and again.state == ItemState.DRAFT


def test_bad_input_changes_nothing(catalogue, staff):
    with pytest.raises(InvalidInput) as error:
        publishing.create_item(
            actor=staff.clerk, category=catalogue["JGZN"], title=" ", issuer="x", body="x", formed_on=D("2025-10-09")
        )
    assert error.value.field == "title"
    with pytest.raises(InvalidInput):
        publishing.create_item(
            actor=staff.clerk,
            category=catalogue["JGZN"],
            title="x",
            issuer="x",
            body="x",
            formed_on=D("2025-10-09"),
            mode="secret",
        )
    assert not Item.objects.exists()


def test_withdrawing_a_draft_is_a_state_conflict(catalogue, staff):
    item = publishing.create_item(
        actor=staff.clerk, category=catalogue["JGZN"], title="x", issuer="x", body="x", formed_on=D("2025-10-09")
    )
    with pytest.raises(StateConflict):
        publishing.withdraw(item, actor=staff.approver, reason="撤回")


def test_policy_validity_flags(publish, staff):
    item = publish("规范性文件", code="GFXWJ", document_type="normative", valid_until=D("2026-10-09"))
    assert publishing.effective_validity(item, D("2026-10-09")) == Validity.VALID
    assert publishing.effective_validity(item, D("2026-10-10")) == Validity.EXPIRED
    publishing.set_validity(item, actor=staff.approver, validity="repealed", reason="已废止", on=D("2025-12-01"))
    item.refresh_from_db()
    assert item.validity == Validity.REPEALED
    publishing.withdraw(item, actor=staff.approver, reason="撤回公开", on=D("2025-12-02"))
    item.refresh_from_db()
    assert publishing.effective_validity(item, D("2025-12-03")) == ""  # the withdrawn page vouches for nothing
    plain = publish("机构职能", code="JGZN")
    with pytest.raises(InvalidInput):
        publishing.set_validity(plain, actor=staff.approver, validity="repealed", reason="x")
