import pytest

from zhengwu.catalog import services as catalog
from zhengwu.portal.models import Theme, ThemeKind

pytestmark = pytest.mark.django_db


def test_guide_shows_every_disclosed_element(client, food_matter):
    response = client.get("/matters/330324-SCJG-001/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "食品经营许可（新办）",  # name
        "330324-SCJG-001",  # code
        "永嘉县市场监督管理局",  # implementing department
        "承诺件",  # case type
        "企业法人、个体工商户",  # service object
        "《中华人民共和国食品安全法》第三十五条",  # legal basis
        "具有与经营的食品品种、数量相适应的经营场所",  # conditions
        "食品经营许可申请书",  # materials …
        "营业执照复印件",
        "法定代表人签字并加盖公章",
        "政府部门核发",
        "非必要",
        "申请—受理—审查—决定—送达",  # procedure
        "10 个工作日",  # legal limit
        "3 个工作日",  # promised limit
        "12.50 元",  # fee in yuan from 1250 fen
        "浙价费〔2020〕1号",  # fee basis
        "食品经营许可证",  # result
        "永嘉县政务服务中心 A12 号窗口",  # handling location
        "上塘镇阳光大道",  # hall address
        "周一至周五 8:30—17:30",  # opening hours
        "A12 号窗口（市场监管综合窗口）",  # window
        "0577-67220101",  # consultation phone
        "0577-12345",  # complaint phone
    ]:
        assert text in html, text
    assert 'href="/my/apply/330324-SCJG-001/"' in html and "在线办理" in html


def test_guide_material_counts_per_material(client, food_matter):
    html = client.get("/matters/330324-SCJG-001/").content.decode()
    row = html[html.index("营业执照复印件") : html.index("授权委托书")]
    assert "0 份" in row and "2 份" in row


def test_form_template_and_sample_are_downloadable(client, food_matter):
    material = food_matter.current_version.materials.get(name="食品经营许可申请书")
    form = client.get(f"/matters/330324-SCJG-001/materials/{material.pk}/form/")
    assert form.status_code == 200
    assert b"".join(form.streaming_content) == b"form-template-bytes"
    assert "attachment" in form["Content-Disposition"]
    sample = client.get(f"/matters/330324-SCJG-001/materials/{material.pk}/sample/")
    assert b"".join(sample.streaming_content) == b"%PDF-1.4 sample"
    without = food_matter.current_version.materials.get(name="授权委托书")
    assert client.get(f"/matters/330324-SCJG-001/materials/{without.pk}/form/").status_code == 404
    assert client.get(f"/matters/330324-SCJG-003/materials/{material.pk}/form/").status_code == 404


def test_an_unknown_download_kind_is_not_found(client, food_matter):
    material = food_matter.current_version.materials.get(name="食品经营许可申请书")
    for which in ("template", "Sample", "x"):
        assert client.get(f"/matters/330324-SCJG-001/materials/{material.pk}/{which}/").status_code == 404


def test_a_superseded_versions_material_is_not_served(client, food_matter, actor):
    old = food_matter.current_version.materials.get(name="食品经营许可申请书")
    draft = catalog.draft_new_version(food_matter, actor=actor)
    catalog.publish(draft, actor=actor)
    assert client.get(f"/matters/330324-SCJG-001/materials/{old.pk}/form/").status_code == 404


def test_matter_not_online_has_no_apply_link(client, drug_matter):
    html = client.get("/matters/330324-SCJG-003/").content.decode()
    assert "/my/apply/" not in html
    assert "本事项暂不支持网上办理" in html


def test_unknown_or_unpublished_matter_is_404(client, department, actor):
    assert client.get("/matters/NO-SUCH/").status_code == 404
    catalog.create_matter(
        actor=actor,
        code="330324-DRAFT-1",
        department=department,
        **{
            "name": "草稿事项",
            "matter_type": "promised",
            "legal_basis": "x",
            "conditions": "x",
            "procedure": "x",
            "legal_limit_days": 5,
            "promised_limit_days": 5,
            "result_name": "x",
        },
    )
    assert client.get("/matters/330324-DRAFT-1/").status_code == 404


def test_browse_by_theme_and_by_department(client, food_matter, drug_matter):
    theme = Theme.objects.create(kind=ThemeKind.ENTERPRISE, code="business_licences", name="经营许可", order=1)
    theme.matters.set([food_matter])
    Theme.objects.create(kind=ThemeKind.PERSONAL, code="after_death", name="身后事", order=9)

    home = client.get("/").content.decode()
    assert "经营许可" in home and "/themes/business_licences/" in home
    assert "/themes/after_death/" not in home  # empty themes stay off the home page …
    assert "/themes/after_death/" in client.get("/themes/").content.decode()  # … but are listed

    theme_page = client.get("/themes/business_licences/").content.decode()
    assert "食品经营许可（新办）" in theme_page and "药品零售企业经营许可" not in theme_page

    department_page = client.get("/departments/YJ-SCJG/").content.decode()
    assert "食品经营许可（新办）" in department_page and "药品零售企业经营许可" in department_page
    assert "/departments/YJ-SCJG/" in client.get("/departments/").content.decode()
    assert client.get("/themes/nothing/").status_code == 404


def test_embedded_guide_has_the_elements_without_site_chrome(client, food_matter):
    html = client.get("/embed/matters/330324-SCJG-001/").content.decode()
    assert "食品经营许可申请书" in html and "12.50 元" in html
    assert 'class="site-nav"' not in html and "lang-switch" not in html


def test_a_safety_critical_matter_warns_of_the_one_year_bar(client, food_matter, actor):
    assert "一年内不得再次申请" not in client.get("/matters/330324-SCJG-001/").content.decode()
    draft = catalog.draft_new_version(food_matter, actor=actor)
    draft = catalog.update_draft(draft, actor=actor, safety_critical=True)
    catalog.publish(draft, actor=actor, change_note="标明直接关系人身健康")
    html = client.get("/matters/330324-SCJG-001/").content.decode()
    assert "诚信申请" in html and "一年内不得再次申请该行政许可" in html and "第七十八条" in html
