"""三员 separation: no one holds two of the system, security and audit administrator roles, and the security
administrator, who manages accounts, cannot give himself a view of the audit log that audits him."""

import pytest
from django.core.exceptions import ValidationError

from zhengwu.audit import services as audit
from zhengwu.org.models import Role, RoleGrant, User
from zhengwu.org.seeding import SECURITY_ADMIN_MODELS, _grant_model_permissions
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secadmin():
    user = StaffFactory(is_staff=True, roles=[Role.SECURITY_ADMIN])
    _grant_model_permissions(user, SECURITY_ADMIN_MODELS)
    return user


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN])
def test_a_second_of_the_three_administrator_roles_is_refused(role):
    user = StaffFactory(roles=[Role.SECURITY_ADMIN])
    with pytest.raises(ValidationError) as raised:
        RoleGrant(user=user, role=role).full_clean()
    assert "role" in raised.value.message_dict


def test_other_roles_may_be_combined():
    user = StaffFactory(roles=[Role.SYSTEM_ADMIN])
    RoleGrant(user=user, role=Role.SUPERVISOR).full_clean()
    RoleGrant(user=StaffFactory(roles=[Role.REVIEWER]), role=Role.AUDIT_ADMIN).full_clean()


def test_security_admin_cannot_grant_himself_the_audit_role(client, secadmin):
    entry = audit.record(None, "test.seed")
    client.force_login(secadmin)

    response = client.post("/admin/org/rolegrant/add/", {"user": secadmin.pk, "role": Role.AUDIT_ADMIN})

    assert response.status_code == 200  # the form again, with the error
    assert not RoleGrant.objects.filter(user=secadmin, role=Role.AUDIT_ADMIN).exists()
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/change/").status_code == 403


def _user_change_data(user: User, **changes) -> dict:
    grants = list(user.role_grants.all())
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "department": user.department_id,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "role_grants-TOTAL_FORMS": len(grants),
        "role_grants-INITIAL_FORMS": len(grants),
        "role_grants-MIN_NUM_FORMS": 0,
        "role_grants-MAX_NUM_FORMS": 1000,
    }
    for index, grant in enumerate(grants):
        data |= {f"role_grants-{index}-id": grant.pk, f"role_grants-{index}-user": user.pk}
        data[f"role_grants-{index}-role"] = grant.role
    return data | changes


def test_security_admin_cannot_make_himself_superuser(client, secadmin):
    client.force_login(secadmin)

    response = client.post(f"/admin/org/user/{secadmin.pk}/change/", _user_change_data(secadmin, is_superuser="on"))

    assert response.status_code == 302  # the rest of the form is saved
    secadmin.refresh_from_db()
    assert not secadmin.is_superuser


def test_two_of_the_three_roles_at_once_in_the_user_form_are_refused(client, secadmin):
    target = StaffFactory(is_staff=True)
    client.force_login(secadmin)
    data = _user_change_data(target) | {
        "role_grants-TOTAL_FORMS": 2,
        "role_grants-0-role": Role.SYSTEM_ADMIN,
        "role_grants-0-user": target.pk,
        "role_grants-1-role": Role.AUDIT_ADMIN,
        "role_grants-1-user": target.pk,
    }

    response = client.post(f"/admin/org/user/{target.pk}/change/", data)

    assert response.status_code == 200
    assert not target.role_grants.exists()
