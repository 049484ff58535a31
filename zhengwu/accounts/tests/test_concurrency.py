"""Two requests of one applicant at the same moment (two tabs, a double click): the row locks keep one outcome.

Real concurrency needs a database with row locks: this runs in the PostgreSQL pass of `make test`.
"""

from __future__ import annotations

import pytest

from zhengwu.accounts import applications, services
from zhengwu.accounts.models import Account, Application, ApplicationState
from zhengwu.cases.models import Case
from zhengwu.cases.tests.test_concurrency import race
from zhengwu.errors import InvalidInput

from .factories import PASSWORD, upload

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
]


def test_two_tabs_saving_the_first_draft_make_one_draft(account, online_version):
    m = {x.name: x for x in online_version.materials.all()}
    done, errors = race(
        lambda: applications.save_application(account, online_version, uploads={m["申请书"].pk: upload()}),
        lambda: applications.save_application(account, online_version, uploads={m["营业执照"].pk: upload()}),
    )
    assert errors == [] and len(done) == 2
    draft = Application.objects.get()
    assert draft.state == ApplicationState.DRAFT
    assert set(draft.files.values_list("material_name", flat=True)) == {"申请书", "营业执照"}


def test_a_double_click_on_submit_makes_one_case(account, online_version):
    uploads = {m.pk: upload() for m in online_version.materials.filter(required=True)}
    applications.save_application(account, online_version, uploads=uploads)
    done, errors = race(
        lambda: applications.save_application(account, online_version, uploads={}, submit=True),
        lambda: applications.save_application(account, online_version, uploads={}, submit=True),
    )
    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], InvalidInput)
    assert Case.objects.count() == 1
    assert Application.objects.get(state=ApplicationState.SUBMITTED).case == Case.objects.get()


def test_two_registrations_with_one_phone_make_one_account(db):
    from zhengwu.parties.tests.factories import make_citizen_id

    def register(name):
        return services.register(
            kind="person",
            name=name,
            id_number=make_citizen_id(),
            phone="13911112222",
            password=PASSWORD,
            password2=PASSWORD,
        )

    done, errors = race(lambda: register("甲"), lambda: register("乙"))
    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], InvalidInput)
    assert Account.objects.count() == 1
