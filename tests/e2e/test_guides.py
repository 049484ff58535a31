"""A citizen finds a matter by searching in Chinese and reads its whole guide (办事指南)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zhengwu.portal.models import Theme, ThemeKind

from .data import FOOD_CODE
from .portal import HOME, SEARCH, click_and_wait, guide_url, open_page, press_and_wait

pytestmark = pytest.mark.e2e


def test_a_citizen_finds_a_matter_by_search_and_reads_its_guide(page, world, screenshot):
    open_page(page, HOME)
    search = page.get_by_role("searchbox", name="搜索办事事项")
    search.fill("食品经营")
    press_and_wait(page, search)
    results = page.get_by_role("main")
    food = results.get_by_role("link", name=re.compile("食品经营许可（新办）"))
    expect(food).to_be_visible()
    expect(results.get_by_role("link", name=re.compile("个体工商户设立登记"))).to_have_count(0)
    screenshot(page, "results")

    food.click()
    page.wait_for_url(re.compile(re.escape(guide_url(FOOD_CODE)) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("食品经营许可（新办）")
    main = page.get_by_role("main")
    version = world.food
    # Every disclosed element of the guide (PRODUCT.md module 7, issue 4).
    for text in (
        "《中华人民共和国食品安全法》第三十五条",  # legal basis
        "申请人已依法取得营业执照",  # conditions
        "申请—受理",  # procedure
        version.result_name,  # result
        "市场监管综合窗口 A12号",  # where to go
        version.consultation_phone,
        version.complaint_phone,
    ):
        expect(main).to_contain_text(text)
    for material in version.materials.all():
        expect(main).to_contain_text(material.name)
    expect(main).to_contain_text(re.compile(r"法定.{0,12}10\s*个?工作日"))
    expect(main).to_contain_text(re.compile(r"承诺.{0,12}3\s*个?工作日"))
    expect(main).to_contain_text(re.compile("不收费|免费|无收费|0\\s*元"))
    # It can be done online: the guide leads to the online application.
    expect(main.get_by_role("link", name="在线办理")).to_be_visible()
    screenshot(page, "guide")


def test_a_search_without_matches_says_so(page, world):
    open_page(page, HOME)
    page.get_by_role("searchbox", name="搜索办事事项").fill("火星移民许可")
    press_and_wait(page, page.get_by_role("searchbox", name="搜索办事事项"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(re.compile("未找到|没有找到|无结果|没有相关"))
    expect(main.get_by_role("link", name=re.compile("食品经营许可"))).to_have_count(0)


def test_an_unknown_matter_code_is_a_404(page, world):
    open_page(page, guide_url("330324-NOPE-999"), expect_status=404)


def test_pinyin_initials_find_the_matter(page, world):
    open_page(page, f"{SEARCH}?q=spjy")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="食品经营许可（新办）")).to_be_visible()
    expect(main.get_by_role("link", name="个体工商户设立登记")).to_have_count(0)


def test_a_citizen_browses_by_department_to_a_guide(page, world):
    open_page(page, HOME)
    departments = page.get_by_role("region", name="部门服务")
    click_and_wait(page, departments.get_by_role("link", name=re.compile("永嘉县市场监督管理局")))
    expect(page.get_by_role("heading", level=1)).to_have_text("永嘉县市场监督管理局")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="个体工商户设立登记")).to_be_visible()
    click_and_wait(page, main.get_by_role("link", name="食品经营许可（新办）"))
    assert page.url.endswith(guide_url(FOOD_CODE))


def test_the_portal_switches_to_english_and_back(page, world):
    open_page(page, HOME)
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    click_and_wait(page, page.get_by_role("banner").get_by_role("button", name="English"))
    assert page.locator("html").get_attribute("lang") == "en"
    click_and_wait(page, page.get_by_role("banner").get_by_role("button", name="简体中文"))
    assert page.locator("html").get_attribute("lang") == "zh-hans"


def test_the_elder_mode_is_kept_across_pages_and_can_be_turned_off(page, world, screenshot):
    open_page(page, HOME)
    base_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    click_and_wait(page, page.get_by_role("button", name="长者/无障碍模式"))
    expect(page.locator("html")).to_have_class(re.compile("mode-elder"))
    open_page(page, guide_url(FOOD_CODE))
    expect(page.locator("html")).to_have_class(re.compile("mode-elder"))
    larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert larger > base_size, f"the elder mode enlarges the text ({base_size}px → {larger}px)"
    expect(page.get_by_role("button", name="长者模式：开")).to_have_attribute("aria-pressed", "true")
    screenshot(page)
    click_and_wait(page, page.get_by_role("button", name="长者模式：开"))
    expect(page.locator("html")).not_to_have_class(re.compile("mode-elder"))


def test_an_entrepreneur_browses_by_enterprise_event_to_a_guide(page, world):
    theme = Theme.objects.create(kind=ThemeKind.ENTERPRISE, code="kaiban", name="开办企业", order=1)
    theme.matters.set([world.food.matter, world.shop.matter])
    open_page(page, HOME)
    enterprise = page.get_by_role("region", name="法人办事")
    click_and_wait(page, enterprise.get_by_role("link", name=re.compile("开办企业")))
    expect(page.get_by_role("heading", level=1)).to_have_text("开办企业")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="个体工商户设立登记")).to_be_visible()
    click_and_wait(page, main.get_by_role("link", name="食品经营许可（新办）"))
    assert page.url.endswith(guide_url(FOOD_CODE))
    expect(page.get_by_role("main")).to_contain_text("开办企业")  # the guide names its themes
