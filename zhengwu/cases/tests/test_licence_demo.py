"""The demo's revoked and cancelled licences (`cases.demo`): written through the acts, once."""

from __future__ import annotations

import pytest

from zhengwu.cases import demo, licences
from zhengwu.cases.models import CancellationGround, CaseEvent, LicenceCancellation, LicenceRevocation, RevocationGround
from zhengwu.catalog.tests.factories import MatterVersionFactory

from .test_licences import granted

pytestmark = pytest.mark.django_db


def test_demo_revokes_a_safety_critical_licence_and_cancels_another(submit, staff, version, dept):
    version.safety_critical = True
    version.save()
    ordinary = MatterVersionFactory(matter__department=dept, name="个体工商户设立登记")
    critical_case = granted(submit, staff)
    ordinary_case = granted(lambda **kw: submit(matter_version=ordinary, **kw), staff)

    assert demo.seed() == 2

    revocation = LicenceRevocation.objects.get()
    assert revocation.case == critical_case
    assert revocation.ground == RevocationGround.IMPROPER_MEANS
    assert revocation.decided_by == staff.head
    critical_case.refresh_from_db()
    ordinary_case.refresh_from_db()
    assert licences.licence_status(critical_case) == "cancelled"
    assert critical_case.cancellation.ground == CancellationGround.REVOKED
    assert critical_case.cancellation.cancelled_on >= revocation.revoked_on > critical_case.closed_on
    assert licences.licence_status(ordinary_case) == "cancelled"
    assert ordinary_case.cancellation.ground == CancellationGround.ORGANISATION_TERMINATED
    assert not LicenceRevocation.objects.filter(case=ordinary_case).exists()
    assert set(CaseEvent.objects.filter(action__in=["revoke", "cancel_licence"]).values_list("case", "action")) == {
        (critical_case.pk, "revoke"),
        (critical_case.pk, "cancel_licence"),
        (ordinary_case.pk, "cancel_licence"),
    }

    assert demo.seed() == 0  # idempotent
    assert LicenceRevocation.objects.count() == 1
    assert LicenceCancellation.objects.count() == 2
