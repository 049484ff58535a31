"""The progress lookup form answers a wrong number of digits with the portal's one message, not Django's own."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("digits", ["12", "123456"])
def test_wrong_number_of_digits_shows_only_the_portal_message(client, digits):
    response = client.post("/progress/", {"number": "YJ-SCJG-20250926-00001", "phone_last4": digits})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("请输入4位数字。") == 1
    assert "确保该变量" not in html
    assert response.context["form"].errors["phone_last4"] == ["请输入4位数字。"]


def test_the_inputs_keep_their_length_limits(client):
    html = client.get("/progress/").content.decode()
    assert 'id="id_phone_last4" value="" maxlength="4"' in html
    assert 'id="id_number" value="" maxlength="32"' in html
