"""Government information disclosure (政府信息公开, issue 5) in the browser: what a citizen reads and asks for, what
staff draft, check, publish, withdraw and keep in the catalogue.

Data the browser part is not about (published items, a refused draft, a second department) is made through
`zhengwu.disclosure.publishing`; every step the issue is about (reading, searching, filing a request, the workbench
acts) goes through the pages, by role and label.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from zhengwu.calendar.models import KnownYear
from zhengwu.disclosure import publishing
from zhengwu.disclosure.models import Category, Item, ItemState, Request, RequestState
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import DepartmentFactory, StaffFactory, approver, clerk, reviewer
from zhengwu.parties.masking import mask_name

from . import data
from .portal import MY_SPACE, click_and_wait, open_page, register, submit_button

pytestmark = pytest.mark.e2e

HOME = "/disclosure/"
SEARCH = "/disclosure/search/"
ITEMS = "/disclosure/items/"
REQUEST = "/disclosure/request/"
STAFF_LOGIN = "/accounts/login/"
WB_ITEM_NEW = "/workbench/disclosure/items/new/"
WB_REQUESTS = "/workbench/disclosure/requests/"
WB_CATALOGUE = "/workbench/disclosure/catalogue/"
ATOM = "{http://www.w3.org/2005/Atom}"

# The policy document every public test reads, found by a word of its body (追溯), not of its title.
POLICY_TITLE = "永嘉县市场监督管理局关于印发冷链食品管理办法的通知"
POLICY_NUMBER = "永市监规〔2026〕3号"
POLICY_BODY = "为规范冷链食品追溯管理，保障群众饮食安全，现将有关事项通知如下。"
SECRET_TITLE = "关于重点场所安保部署的内部方案"
SECRET_WORD = "安保部署"


def department_url(code: str) -> str:
    return f"/disclosure/dept/{code}/"


def item_url(item: Item) -> str:
    return f"/disclosure/items/{item.pk}/"


def index_url(index_number: str) -> str:
    code, _sep, rest = index_number.partition("/")
    return f"/disclosure/index/{code}/{rest}/"


# -- data, through the services ----------------------------------------------------------------------------------
def make_office(code: str, name: str, short_name: str, tag: str) -> SimpleNamespace:
    """A department with its standard catalogue and one person per post of the publishing chain."""
    dept = DepartmentFactory(code=code, name=name, short_name=short_name)
    staff = SimpleNamespace(
        clerk=clerk(dept, username=f"{tag}_clerk", full_name=f"{short_name}起草员"),
        reviewer=reviewer(dept, username=f"{tag}_secrecy", full_name=f"{short_name}保密员"),
        approver=approver(dept, username=f"{tag}_approver", full_name=f"{short_name}审核员"),
        head=StaffFactory(department=dept, roles=[Role.DEPARTMENT_HEAD], username=f"{tag}_head"),
    )
    publishing.ensure_catalogue(dept)
    categories = {c.code: c for c in Category.objects.filter(department=dept)}
    return SimpleNamespace(dept=dept, staff=staff, categories=categories)


@pytest.fixture
def office(live_server):
    """永嘉县市场监督管理局 with its catalogue and staff, visible to the live server."""
    today = timezone.localdate()
    for year in (today.year - 1, today.year, today.year + 1):  # the 20-working-day limits need known calendars
        KnownYear.objects.get_or_create(year=year, defaults={"source": "测试：假定已公布"})
    return make_office("YJ-SCJG", "永嘉县市场监督管理局", "县市场监管局", "scjg")


def draft(office, title: str, body: str, *, code: str = "GFXWJ", **fields) -> Item:
    return publishing.create_item(
        actor=office.staff.clerk,
        category=office.categories[code],
        title=title,
        issuer=office.dept.name,
        body=body,
        formed_on=fields.pop("formed_on", timezone.localdate()),
        **fields,
    )


def publish(office, title: str, body: str, *, code: str = "GFXWJ", **fields) -> Item:
    """Draft → 保密审查 (passed) → 审核 (approved): published, with its index number."""
    item = draft(office, title, body, code=code, **fields)
    publishing.submit_for_check(item, actor=office.staff.clerk)
    publishing.check_secrecy(item, actor=office.staff.reviewer, result="passed", opinion="经审查不涉密")
    return publishing.review(item, actor=office.staff.approver, approve=True, opinion="同意公开")


def refused(office, title: str, body: str) -> Item:
    """A confidential draft: the confidentiality check refuses it (不予公开)."""
    item = draft(office, title, body, code="QTWJ")
    publishing.submit_for_check(item, actor=office.staff.clerk)
    return publishing.check_secrecy(item, actor=office.staff.reviewer, result="refused", opinion="涉及敏感信息")


@pytest.fixture
def published(office):
    """The policy document, two more policy documents (废止, 失效), a confidential draft, and a second department
    whose item also holds the searched word."""
    policy = publish(office, POLICY_TITLE, POLICY_BODY, document_number=POLICY_NUMBER, document_type="normative")
    repealed = publish(office, "关于农贸市场管理的若干规定", "原农贸市场管理规定。", document_type="normative")
    publishing.set_validity(repealed, actor=office.staff.approver, validity="repealed", reason="已被新规定取代")
    expired = publish(
        office,
        "食品摊贩登记临时办法",
        "临时办法的正文。",
        document_type="normative",
        formed_on=timezone.localdate() - dt.timedelta(days=3),
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    secret = refused(office, SECRET_TITLE, f"{SECRET_WORD}：冷链仓库夜间值守名单及追溯系统口令。")
    still_draft = draft(office, "冷链追溯平台建设方案（征求意见稿）", "尚未审查的追溯平台草稿。")
    finance = make_office("YJ-CZJ", "永嘉县财政局", "县财政局", "czj")
    other = publish(finance, "县财政局关于冷链物流补助资金的公示", "补助资金用于冷链追溯体系建设。", code="CZYJS")
    return SimpleNamespace(
        policy=policy,
        repealed=repealed,
        expired=expired,
        secret=secret,
        draft=still_draft,
        finance=finance,
        other=other,
    )


# -- staff in the browser ---------------------------------------------------------------------------------------
def staff_login(page, user) -> None:
    open_page(page, STAFF_LOGIN)
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(data.STAFF_PASSWORD)
    click_and_wait(page, submit_button(page, "登录"))
    assert STAFF_LOGIN not in page.url, f"{user.username} could not log in"


def staff_page(new_context, user):
    """A browser of its own for one staff member, logged in."""
    page = new_context().new_page()
    staff_login(page, user)
    return page


def act_form(page, title: str):
    """Open the workbench act (a <details> whose summary is `title`) and return its form."""
    details = page.locator("details.act").filter(has=page.locator("summary", has_text=re.compile(f"^{title}$")))
    details.locator("summary").click()
    return details.locator("form")


# -- 1. the public side ------------------------------------------------------------------------------------------
def test_a_citizen_finds_a_policy_document_through_the_catalogue(page, office, published, screenshot):
    policy = published.policy
    assert policy.index_number == f"YJ-SCJG/GFXWJ-{timezone.localdate().year}-00001"

    # Home: the departments that keep a catalogue; into the 市场监管局's tree.
    open_page(page, HOME)
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开")
    departments = page.get_by_role("region", name="部门公开目录")
    expect(departments.get_by_role("link")).to_have_count(2)
    expect(departments.get_by_role("link", name="永嘉县财政局", exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="最新公开").get_by_role("link", name=POLICY_TITLE)).to_be_visible()
    screenshot(page, "1-home")
    click_and_wait(page, departments.get_by_role("link", name="永嘉县市场监督管理局", exact=True))
    assert page.url.endswith(department_url("YJ-SCJG"))
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text("永嘉县市场监督管理局")
    for name in ("机构职能", "政策文件", "规范性文件", "其他文件", "政策解读", "财政预决算", "行政许可", "行政处罚"):
        expect(main.get_by_role("link", name=name, exact=True)).to_be_visible()
    # The counts are of published items only (three 规范性文件; the refused draft under 其他文件 is not counted).
    tree_row = main.locator("li", has=page.get_by_role("link", name="规范性文件", exact=True)).last
    expect(tree_row).to_contain_text("（3）")
    other_row = main.locator("li", has=page.get_by_role("link", name="其他文件", exact=True)).last
    expect(other_row).to_contain_text("（0）")
    screenshot(page, "2-catalogue")

    # The category lists the published items with their validity: 有效, 废止, and 失效 once valid_until has passed.
    click_and_wait(page, main.get_by_role("link", name="规范性文件", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("规范性文件")
    rows = page.get_by_role("main").get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(4)  # the header and three items
    expect(rows.filter(has_text=POLICY_TITLE)).to_contain_text("有效")
    expect(rows.filter(has_text=POLICY_TITLE)).to_contain_text(POLICY_NUMBER)
    expect(rows.filter(has_text="关于农贸市场管理的若干规定")).to_contain_text("废止")
    expect(rows.filter(has_text="食品摊贩登记临时办法")).to_contain_text("失效")
    expect(page.get_by_role("main")).not_to_contain_text(SECRET_TITLE)
    screenshot(page, "3-list")

    # The item: title, 索引号, 文号, 效力状态, and who drafted, checked and reviewed it (谁发布、谁审核、谁负责).
    click_and_wait(page, page.get_by_role("link", name=POLICY_TITLE))
    assert page.url.endswith(item_url(policy))
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(POLICY_TITLE)
    meta = main.get_by_role("table")
    expect(meta.get_by_role("row").filter(has_text="索引号")).to_contain_text(policy.index_number)
    expect(meta.get_by_role("row").filter(has_text="文号")).to_contain_text(POLICY_NUMBER)
    expect(meta.get_by_role("row").filter(has_text="效力状态")).to_contain_text("有效")
    expect(meta.get_by_role("row").filter(has_text="状态").last).to_contain_text("已发布")
    staff = office.staff
    expect(main).to_contain_text(
        f"发布人：{staff.clerk.full_name}；保密审查：{staff.reviewer.full_name}；"
        f"审核人：{staff.approver.full_name}；责任单位：永嘉县市场监督管理局"
    )
    expect(main).to_contain_text(POLICY_BODY)
    screenshot(page, "4-item")

    # The same record by its index number.
    open_page(page, index_url(policy.index_number))
    expect(page.get_by_role("heading", level=1)).to_have_text(POLICY_TITLE)


def test_full_text_search_in_chinese_with_a_department_filter(page, office, published, screenshot):
    # From the home page's search box, by a word of the body only (jieba: 冷链食品追溯管理 → … 追溯 …).
    open_page(page, HOME)
    search = page.get_by_role("search")
    search.get_by_label("全文检索公开信息").fill("追溯")
    click_and_wait(page, search.get_by_role("button", name="检索"))
    assert "/disclosure/search/" in page.url
    main = page.get_by_role("main")
    # Both departments' published items hold the word; the refused draft and the unchecked draft hold it too, but
    # nothing unpublished is ever found.
    expect(main.get_by_role("status")).to_have_text("找到 2 条")
    results = main.get_by_role("list").filter(has=page.get_by_role("link", name=POLICY_TITLE))
    expect(results.get_by_role("listitem")).to_have_count(2)
    hit = results.get_by_role("listitem").filter(has_text=POLICY_TITLE)
    expect(hit).to_contain_text("永嘉县市场监督管理局")
    expect(hit).to_contain_text(POLICY_NUMBER)
    expect(hit.locator("mark").first).to_have_text("追溯")
    expect(main).to_contain_text("县财政局关于冷链物流补助资金的公示")
    expect(main).not_to_contain_text(SECRET_TITLE)
    expect(main).not_to_contain_text("征求意见稿")
    screenshot(page, "1-all-departments")

    # Filtered by department: only the 市场监管局's document.
    form = page.get_by_role("search")
    expect(form.get_by_label("关键词")).to_have_value("追溯")
    form.get_by_label("部门").select_option(label="永嘉县市场监督管理局")
    click_and_wait(page, form.get_by_role("button", name="检索"))
    main = page.get_by_role("main")
    expect(main.get_by_role("status")).to_have_text("找到 1 条")
    expect(main.get_by_role("link", name=POLICY_TITLE)).to_be_visible()
    expect(main).not_to_contain_text("补助资金的公示")
    expect(page.get_by_role("search").get_by_label("部门")).to_have_value(str(office.dept.pk))
    screenshot(page, "2-one-department")

    click_and_wait(page, main.get_by_role("link", name=POLICY_TITLE))
    expect(page.get_by_role("heading", level=1)).to_have_text(POLICY_TITLE)


def test_a_confidential_draft_is_neither_found_nor_reachable(page, office, published):
    secret, still_draft = published.secret, published.draft
    assert secret.state == ItemState.NOT_DISCLOSED and not secret.index_number
    open_page(page, SEARCH)
    form = page.get_by_role("search")
    for word in (SECRET_WORD, "夜间值守", "征求意见稿"):
        form.get_by_label("关键词").fill(word)
        click_and_wait(page, form.get_by_role("button", name="检索"))
        expect(page.get_by_role("main").get_by_role("status")).to_have_text("找到 0 条")
        expect(page.get_by_role("main")).not_to_contain_text(SECRET_TITLE)
        form = page.get_by_role("search")
    # By its address: 404, and no page names it.
    for item in (secret, still_draft):
        open_page(page, item_url(item), expect_status=404)
        expect(page.locator("body")).not_to_contain_text(item.title)
    open_page(page, department_url("YJ-SCJG"))
    other_row = page.get_by_role("main").locator("li", has=page.get_by_role("link", name="其他文件", exact=True)).last
    expect(other_row).to_contain_text("（0）")
    for path in (HOME, ITEMS, f"{ITEMS}?category={office.categories['QTWJ'].pk}"):
        open_page(page, path)
        expect(page.get_by_role("main")).not_to_contain_text(SECRET_TITLE)
        expect(page.get_by_role("main")).not_to_contain_text("征求意见稿")
    # Nor through the category's feed.
    feed = page.request.get(f"/disclosure/feeds/{office.categories['QTWJ'].pk}/atom/")
    assert feed.status == 200 and SECRET_TITLE not in feed.text()


def test_the_category_atom_feed_lists_the_published_item(page, office, published):
    policy = published.policy
    open_page(page, department_url("YJ-SCJG"))
    link = page.get_by_role("main").get_by_role("link", name="Atom 政策文件", exact=True)
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href == f"/disclosure/feeds/{office.categories['ZCWJ'].pk}/atom/"
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.body())
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "永嘉县市场监督管理局 · 政策文件"
    entries = {entry.findtext(f"{ATOM}title"): entry for entry in feed.findall(f"{ATOM}entry")}
    # The parent category's feed holds its sub-categories' items (规范性文件 is under 政策文件).
    assert set(entries) == {POLICY_TITLE, "关于农贸市场管理的若干规定", "食品摊贩登记临时办法"}
    entry = entries[POLICY_TITLE]
    assert entry.find(f"{ATOM}link").get("href").endswith(item_url(policy))
    assert entry.findtext(f"{ATOM}published", "").startswith(policy.published_on.isoformat())
    assert "冷链食品追溯管理" in (entry.findtext(f"{ATOM}summary") or "")
    # Another department's category is another feed.
    other = page.request.get(f"/disclosure/feeds/{published.finance.categories['CZYJS'].pk}/atom/")
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(other.body()).findall(f"{ATOM}entry")]
    assert titles == ["县财政局关于冷链物流补助资金的公示"]


def test_the_public_disclosure_pages_are_accessible(axe_page, office, published, assert_accessible):
    open_page(axe_page, HOME)
    assert_accessible(axe_page, "home")
    open_page(axe_page, item_url(published.policy))
    assert_accessible(axe_page, "item")
    open_page(axe_page, SEARCH)
    form = axe_page.get_by_role("search")
    form.get_by_label("关键词").fill("追溯")
    click_and_wait(axe_page, form.get_by_role("button", name="检索"))
    expect(axe_page.get_by_role("main").get_by_role("status")).to_have_text("找到 2 条")
    assert_accessible(axe_page, "search")
    open_page(axe_page, REQUEST)
    assert_accessible(axe_page, "request-form")


def test_the_department_catalogue_page_is_accessible(axe_page, office, published, assert_accessible):
    open_page(axe_page, department_url("YJ-SCJG"))
    assert_accessible(axe_page, "department")


# -- 2. the publishing chain in the workbench --------------------------------------------------------------------
NEW_TITLE = "永嘉县市场监督管理局关于开展校园食品安全专项检查的通知"
NEW_NUMBER = "永市监〔2026〕21号"
NEW_BODY = "各有关单位：为保障师生饮食安全，决定在全县开展校园周边食品安全专项检查。"
WITHDRAW_REASON = "通知所附检查时间有误，撤回后另行发布。"


def test_staff_draft_check_publish_and_withdraw_an_item(page, new_context, office, screenshot):
    staff = office.staff
    today = timezone.localdate()

    # The clerk drafts the item and sends it to the confidentiality check.
    clerk_page = staff_page(new_context, staff.clerk)
    open_page(clerk_page, WB_ITEM_NEW)
    expect(clerk_page.get_by_role("heading", level=1)).to_have_text("新建公开信息")
    clerk_page.get_by_label(re.compile("^公开类目")).select_option(label="其他文件")
    clerk_page.get_by_label(re.compile("^标题")).fill(NEW_TITLE)
    clerk_page.get_by_label(re.compile("^文号")).fill(NEW_NUMBER)
    clerk_page.get_by_label(re.compile("^发文机关")).fill("永嘉县市场监督管理局")
    clerk_page.get_by_label(re.compile("^文件类型")).select_option(label="其他")
    clerk_page.get_by_label(re.compile("^主题词")).fill("食品安全 专项检查")
    clerk_page.get_by_label(re.compile("^公开方式")).select_option(label="主动公开")
    clerk_page.get_by_label(re.compile("^成文日期")).fill(today.isoformat())
    clerk_page.get_by_label(re.compile("^正文")).fill(NEW_BODY)
    screenshot(clerk_page, "1-draft-form")
    click_and_wait(clerk_page, submit_button(clerk_page, "保存草稿"))
    item = Item.objects.get(title=NEW_TITLE)
    assert clerk_page.url.endswith(f"/workbench/disclosure/items/{item.pk}/")
    assert item.state == ItemState.DRAFT and item.drafted_by == staff.clerk
    assert item.category == office.categories["QTWJ"] and item.document_number == NEW_NUMBER
    expect(clerk_page.get_by_role("status")).to_contain_text("已保存草稿")
    click_and_wait(clerk_page, act_form(clerk_page, "提交保密审查").get_by_role("button", name="提交保密审查"))
    expect(clerk_page.get_by_role("status")).to_contain_text("已提交保密审查")
    expect(clerk_page.get_by_role("main")).to_contain_text("待保密审查")
    item.refresh_from_db()
    assert item.state == ItemState.SECRECY_CHECK
    # Not public while under check.
    open_page(page, item_url(item), expect_status=404)

    # The secrecy reviewer passes it.
    secrecy_page = staff_page(new_context, staff.reviewer)
    open_page(secrecy_page, f"/workbench/disclosure/items/{item.pk}/")
    form = act_form(secrecy_page, "保密审查")
    form.get_by_role("radio", name="可以公开").check()
    form.get_by_label(re.compile("^审查意见")).fill("经审查，不涉及国家秘密、工作秘密和个人隐私。")
    screenshot(secrecy_page, "2-secrecy-check")
    click_and_wait(secrecy_page, form.get_by_role("button", name="保密审查"))
    expect(secrecy_page.get_by_role("status")).to_contain_text("已记录保密审查结论")
    item.refresh_from_db()
    assert item.state == ItemState.REVIEW and item.secrecy_reviewer == staff.reviewer
    # The approver reviews and publishes it (谁审核、谁负责).
    approver_page = staff_page(new_context, staff.approver)
    open_page(approver_page, f"/workbench/disclosure/items/{item.pk}/")
    form = act_form(approver_page, "审核发布")
    form.get_by_role("radio", name="同意发布").check()
    form.get_by_label(re.compile("^审核意见")).fill("同意主动公开。")
    click_and_wait(approver_page, form.get_by_role("button", name="审核发布"))
    expect(approver_page.get_by_role("status")).to_contain_text("已审核")
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED and item.reviewed_by == staff.approver
    index_number = f"YJ-SCJG/QTWJ-{today.year}-00001"
    assert item.index_number == index_number and item.published_on == today
    facts = approver_page.get_by_role("main")
    expect(facts).to_contain_text("已发布")
    expect(facts).to_contain_text(index_number)
    screenshot(approver_page, "3-published-in-workbench")

    # The public page, reached from the workbench's link.
    with approver_page.expect_navigation():
        approver_page.get_by_role("link", name="查看公开页面").click()
    assert approver_page.url.endswith(item_url(item))
    open_page(page, item_url(item))
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(main.get_by_role("row").filter(has_text="索引号")).to_contain_text(index_number)
    expect(main.get_by_role("row").filter(has_text="文号")).to_contain_text(NEW_NUMBER)
    expect(main).to_contain_text(
        f"发布人：{staff.clerk.full_name}；保密审查：{staff.reviewer.full_name}；审核人：{staff.approver.full_name}"
    )
    expect(main).to_contain_text(NEW_BODY)
    open_page(page, f"{ITEMS}?department={office.dept.pk}")
    expect(page.get_by_role("main").get_by_role("link", name=NEW_TITLE)).to_be_visible()
    open_page(page, f"{SEARCH}?q=师生饮食")
    expect(page.get_by_role("main").get_by_role("link", name=NEW_TITLE)).to_be_visible()
    screenshot(page, "4-public")

    # The approver withdraws it with a reason.
    open_page(approver_page, f"/workbench/disclosure/items/{item.pk}/")
    form = act_form(approver_page, "撤回")
    form.get_by_label(re.compile("^原因")).fill(WITHDRAW_REASON)
    click_and_wait(approver_page, form.get_by_role("button", name="撤回"))
    expect(approver_page.get_by_role("status")).to_contain_text("已撤回")
    item.refresh_from_db()
    assert item.state == ItemState.WITHDRAWN and item.end_reason == WITHDRAW_REASON
    assert item.index_number == index_number, "a withdrawn item keeps its index number"

    # Gone from the lists and the search; its index number still shows the record as withdrawn, without the body.
    open_page(page, f"{ITEMS}?department={office.dept.pk}")
    expect(page.get_by_role("main")).not_to_contain_text(NEW_TITLE)
    open_page(page, HOME)
    expect(page.get_by_role("main")).not_to_contain_text(NEW_TITLE)
    open_page(page, f"{SEARCH}?q=师生饮食")
    expect(page.get_by_role("main").get_by_role("status")).to_have_text("找到 0 条")
    open_page(page, index_url(index_number))
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(main.get_by_role("alert")).to_contain_text(f"该信息已撤回（{today:%Y-%m-%d}）：{WITHDRAW_REASON}")
    expect(main.get_by_role("row").filter(has_text="索引号")).to_contain_text(index_number)
    expect(main.get_by_role("row").filter(has_text="状态").last).to_contain_text("已撤回")
    expect(main).not_to_contain_text(NEW_BODY)
    screenshot(page, "5-withdrawn")


def test_the_drafter_cannot_check_their_own_item(page, office):
    """谁发布、谁审核: a head who drafts an item is refused its confidentiality check, on the page."""
    head = office.staff.head
    item = publishing.create_item(
        actor=head,
        category=office.categories["JGZN"],
        title="县市场监管局内设机构及职能",
        issuer="永嘉县市场监督管理局",
        body="内设机构职能说明。",
        formed_on=timezone.localdate(),
    )
    publishing.submit_for_check(item, actor=head)
    staff_login(page, head)
    open_page(page, f"/workbench/disclosure/items/{item.pk}/")
    form = act_form(page, "保密审查")
    form.get_by_role("radio", name="可以公开").check()
    form.get_by_label(re.compile("^审查意见")).fill("不涉密")
    click_and_wait(page, form.get_by_role("button", name="保密审查"))
    expect(page.get_by_role("main")).to_contain_text("保密审查须由起草人以外的人员办理")
    item.refresh_from_db()
    assert item.state == ItemState.SECRECY_CHECK and item.secrecy_reviewer is None


# -- 3. a request (依申请公开) ---------------------------------------------------------------------------------------
REQUEST_TEXT = "请公开2026年第一季度本县农贸市场食品安全抽检结果（含不合格产品名单）。"


def test_a_citizen_requests_information_and_staff_see_its_due_date(page, new_context, office, screenshot):
    person = data.citizen(51, name="林晓红")
    register(page, person)
    section = page.get_by_role("region", name="我的政府信息公开申请")
    expect(section).to_contain_text("暂无政府信息公开申请")
    click_and_wait(page, section.get_by_role("link", name="申请政府信息公开"))
    assert page.url.endswith(REQUEST)
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开申请")
    # Logged in: the identity comes from the account, the form asks only for the request.
    expect(main).to_contain_text(f"申请人：{person.name}")
    expect(main.get_by_label(re.compile("^身份证号码"))).to_have_count(0)
    main.get_by_label(re.compile("^向哪个机关申请")).select_option(label="永嘉县市场监督管理局")
    main.get_by_label(re.compile("^所需政府信息")).fill(REQUEST_TEXT)
    main.get_by_label(re.compile("^获取信息的方式")).select_option(label="电子邮件")
    main.get_by_label(re.compile("^电子邮箱")).fill("linxh@example.com")
    screenshot(page, "1-request-form")
    click_and_wait(page, submit_button(page, "提交申请"))

    filed = Request.objects.get()
    assert filed.applicant.name == person.name and filed.department == office.dept
    assert filed.channel == "online" and filed.state == RequestState.AWAITING_RECEIPT
    assert page.url.endswith(f"/disclosure/request/{filed.number}/filed/")
    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    expect(page.get_by_role("main").locator("strong")).to_have_text(filed.number)
    expect(page.get_by_role("status")).to_contain_text(filed.number)
    screenshot(page, "2-filed")

    # The personal space follows it.
    open_page(page, MY_SPACE)
    section = page.get_by_role("region", name="我的政府信息公开申请")
    expect(section).to_contain_text(filed.number)
    expect(section).to_contain_text("永嘉县市场监督管理局")
    expect(section).to_contain_text("待确认收到")
    expect(section).to_contain_text("等待工作人员确认收到")

    # Staff: the request on the workbench; confirming receipt (条例第三十一条) starts the 20 working days.
    clerk_page = staff_page(new_context, office.staff.clerk)
    open_page(clerk_page, WB_REQUESTS)
    row = clerk_page.get_by_role("main").get_by_role("row").filter(has_text=filed.number)
    expect(row).to_contain_text(mask_name(person.name))  # masked in the list, as in the case lists
    expect(row).not_to_contain_text(person.name)
    expect(row).to_contain_text("待确认收到")
    click_and_wait(clerk_page, row.get_by_role("link", name=filed.number))
    form = act_form(clerk_page, "确认收到")
    click_and_wait(clerk_page, form.get_by_role("button", name="确认收到"))
    expect(clerk_page.get_by_role("status")).to_contain_text("开始计算答复期限")
    filed.refresh_from_db()
    assert filed.state == RequestState.IN_PROGRESS and filed.received_on == timezone.localdate()
    due = f"{filed.due_on:%Y-%m-%d}"
    assert filed.due_on > filed.received_on + dt.timedelta(days=20), "20 working days are more than 20 days"
    open_page(clerk_page, WB_REQUESTS)
    row = clerk_page.get_by_role("main").get_by_role("row").filter(has_text=filed.number)
    expect(row).to_contain_text("办理中")
    expect(row).to_contain_text(due)
    expect(row).to_contain_text(f"{filed.received_on:%Y-%m-%d}")
    screenshot(clerk_page, "3-workbench")

    # And the applicant sees the same due date.
    open_page(page, MY_SPACE)
    section = page.get_by_role("region", name="我的政府信息公开申请")
    expect(section).to_contain_text(f"答复期限：{due}")


# -- 4. the catalogue in the workbench -------------------------------------------------------------------------
def test_a_head_adds_and_renames_a_category(page, new_context, office, screenshot):
    head_page = staff_page(new_context, office.staff.head)
    open_page(head_page, WB_CATALOGUE)
    expect(head_page.get_by_role("heading", level=1)).to_contain_text("公开目录")
    click_and_wait(head_page, head_page.get_by_role("link", name="新增类目"))
    head_page.get_by_label(re.compile("^类目代码")).fill("spaq")
    head_page.get_by_label(re.compile("^类目名称")).fill("食品安全监管")
    head_page.get_by_label(re.compile("^上级类目")).select_option(label="政策文件")
    screenshot(head_page, "1-new-category")
    click_and_wait(head_page, submit_button(head_page, "添加"))
    expect(head_page.get_by_role("status")).to_contain_text("类目已添加")
    category = Category.objects.get(department=office.dept, code="SPAQ")  # codes are upper-cased
    assert category.parent == office.categories["ZCWJ"] and category.is_policy is False

    open_page(page, department_url("YJ-SCJG"))
    policy_branch = page.get_by_role("main").locator("li", has=page.get_by_role("link", name="政策文件", exact=True))
    expect(policy_branch.first.get_by_role("link", name="食品安全监管", exact=True)).to_be_visible()

    # Rename it from its row in the tree.
    node = head_page.get_by_role("main").locator("li").filter(has_text=re.compile(r"^SPAQ 食品安全监管"))
    click_and_wait(head_page, node.get_by_role("link", name="修改"))
    expect(head_page.get_by_role("heading", level=1)).to_contain_text("食品安全监管")
    head_page.get_by_label(re.compile("^类目名称")).fill("食品安全监督管理")
    click_and_wait(head_page, submit_button(head_page, "保存"))
    expect(head_page.get_by_role("status")).to_contain_text("类目已更新")
    expect(head_page.get_by_role("main")).to_contain_text("SPAQ 食品安全监督管理")
    category.refresh_from_db()
    assert category.name == "食品安全监督管理" and category.code == "SPAQ"
    screenshot(head_page, "2-renamed")

    open_page(page, department_url("YJ-SCJG"))
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="食品安全监督管理", exact=True)).to_be_visible()
    expect(main.get_by_role("link", name="食品安全监管", exact=True)).to_have_count(0)
    click_and_wait(page, main.get_by_role("link", name="食品安全监督管理", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("食品安全监督管理")


def test_a_clerk_sees_the_catalogue_but_cannot_change_it(page, office):
    staff_login(page, office.staff.clerk)
    open_page(page, WB_CATALOGUE)
    main = page.get_by_role("main")
    expect(main).to_contain_text("GFXWJ 规范性文件")
    expect(main.get_by_role("link", name="新增类目")).to_have_count(0)
    expect(main.get_by_role("link", name="修改")).to_have_count(0)
    open_page(page, "/workbench/disclosure/catalogue/categories/new/")
    page.get_by_label(re.compile("^类目代码")).fill("XJ")
    page.get_by_label(re.compile("^类目名称")).fill("越权新增")
    with page.expect_response(re.compile(r"/categories/new/$")) as answer:
        submit_button(page, "添加").click()
    assert answer.value.status == 403
    expect(page.get_by_role("main")).to_contain_text("您没有维护公开目录的权限")
    assert not Category.objects.filter(code="XJ").exists()


# -- element ids the act forms of one page must keep unique ------------------------------------------------
DUPLICATE_IDS = (
    "() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); "
    "return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))]; }"
)


def test_the_acts_of_a_published_item_have_distinct_field_ids(page, office, published):
    staff_login(page, office.staff.approver)
    open_page(page, f"/workbench/disclosure/items/{published.policy.pk}/")
    assert page.evaluate(DUPLICATE_IDS) == []


def test_the_acts_of_a_request_have_distinct_field_ids(page, office):
    from zhengwu.disclosure import handling
    from zhengwu.parties.tests.factories import PersonFactory

    filed = handling.file_request(
        department=office.dept,
        applicant=PersonFactory(name="周建国"),
        applicant_type="natural_person",
        description=REQUEST_TEXT,
        channel="in_person",
        actor=office.staff.clerk,
    )
    staff_login(page, office.staff.clerk)
    open_page(page, f"/workbench/disclosure/requests/{filed.number}/")
    assert page.evaluate(DUPLICATE_IDS) == []
