"""The public guide says which materials are obtained by data sharing and need not be submitted (免于提交)."""

import pytest

from zhengwu.catalog import services as catalog

pytestmark = pytest.mark.django_db

LABEL = "可通过数据共享获取，免于提交"


@pytest.fixture
def shared_licence(food_matter, actor):
    """A new version of the food matter in which the 营业执照 is obtained by data sharing."""
    draft = catalog.draft_new_version(food_matter, actor=actor)
    draft.materials.filter(name="营业执照复印件").update(shared=True)
    catalog.publish(draft, actor=actor, change_note="营业执照通过数据共享获取")
    return food_matter


@pytest.mark.parametrize("url", ["/matters/330324-SCJG-001/", "/embed/matters/330324-SCJG-001/"])
def test_the_guide_marks_the_shared_material_only(client, shared_licence, url):
    html = client.get(url).content.decode()

    row = html[html.index("营业执照复印件") : html.index("授权委托书")]
    assert LABEL in row
    assert html.count(LABEL) == 1


def test_a_guide_without_shared_materials_has_no_such_label(client, food_matter):
    assert LABEL not in client.get("/matters/330324-SCJG-001/").content.decode()
