"""The demo seeder: a consistent 永嘉县 with cases in every state, refused in production, idempotent with --if-empty."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from zhengwu.calendar import services as calendar
from zhengwu.cases.models import Case, CaseDocument, CaseEvent, CaseState, DocumentKind
from zhengwu.catalog.models import Matter, VersionStatus
from zhengwu.org.models import Area, AreaLevel, Department, Post, Role, User, Window
from zhengwu.org.seeding import DEMO_PASSWORD, render_recent_notices
from zhengwu.parties import crypto

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (several seconds) and roll it back afterwards."""
    with django_db_blocker.unblock():
        calendar._table.version = None  # read the calendar of this database, not what an earlier test left
        out = StringIO()
        with transaction.atomic():
            call_command("seed_demo", cases=60, seed=1, notices=0, stdout=out, stderr=StringIO())
            yield out.getvalue()
            transaction.set_rollback(True)
        # The seeder declared next year known; the rollback removed it, the calendar's cache must forget it too.
        calendar.invalidate()


def test_seeding_produces_every_case_state(seeded):
    states = set(Case.objects.values_list("state", flat=True))
    assert states == set(CaseState.values)
    # 60 from the core seeder, plus the demo applicants' online applications (accounts.demo) and the cases of the
    # demo construction projects' stage applications (projects.demo).
    assert Case.objects.exclude(online_application__isnull=False).exclude(stage_case__isnull=False).count() == 60
    assert Case.objects.filter(online_application__isnull=False, channel="online").count() >= 4
    assert Case.objects.filter(deemed_accepted=True).exists()
    assert Case.objects.filter(matter_version__matter_type="joint", state=CaseState.CLOSED).exists()


def test_summary_names_the_logins_and_the_password(seeded):
    assert "http://127.0.0.1:8000/workbench/" in seeded and "http://127.0.0.1:8000/" in seeded
    assert "进度查询示例" in seeded and "13957700001" in seeded
    assert "scjg_clerk" in seeded
    assert DEMO_PASSWORD in seeded


def test_acts_lie_in_order_and_never_in_the_future(seeded):
    today = timezone.localdate()
    for case in Case.objects.all():
        moments = list(CaseEvent.objects.filter(case=case).order_by("id").values_list("at", flat=True))
        assert moments == sorted(moments), case.number
        assert timezone.localdate(moments[-1]) <= today, case.number
        assert case.received_on <= today


def test_departments_posts_hall_and_matters(seeded):
    assert Department.objects.count() >= 8
    for department in Department.objects.all():
        assert set(department.posts.values_list("code", flat=True)) >= {
            "acceptance",
            "first_review",
            "review",
            "approval",
        }
        assert department.area.code == "330324000000"
    assert Window.objects.count() >= 10
    assert Window.objects.filter(is_comprehensive=True, departments__isnull=False).exists()
    matters = Matter.objects.select_related("current_version")
    assert matters.count() >= 30
    for matter in matters:
        assert matter.current_version.status == VersionStatus.PUBLISHED
        assert matter.current_version.materials.exists()
    assert Post.objects.filter(code="acceptance").count() == Department.objects.count()


def test_the_five_levels_of_areas_with_real_codes(seeded):
    county = Area.objects.get(code="330324000000")
    assert county.name == "永嘉县"
    assert county.level == AreaLevel.COUNTY
    assert county.parent.code == "330300000000"
    assert county.parent.parent.name == "浙江省"
    assert set(Area.objects.values_list("level", flat=True)) == set(AreaLevel.values)
    village = Area.objects.filter(level=AreaLevel.VILLAGE).first()
    assert village.parent.level == AreaLevel.TOWNSHIP


def test_staff_accounts_and_roles(seeded):
    clerk = User.objects.get(username="scjg_clerk")
    assert clerk.check_password(DEMO_PASSWORD)
    assert clerk.has_role(Role.WINDOW_CLERK)
    assert clerk.posts.filter(code="acceptance", department=clerk.department).exists()
    assert clerk.windows.exists()
    assert User.objects.get(username="scjg_review1").posts.get().code == "first_review"
    assert User.objects.get(username="scjg_approver").has_role(Role.APPROVER)
    supervisor = User.objects.get(username="supervisor")
    assert supervisor.has_role(Role.SUPERVISOR)
    assert supervisor.supervised_area.code == "330324000000"
    sysadmin = User.objects.get(username="sysadmin")
    assert sysadmin.is_staff and sysadmin.has_role(Role.SYSTEM_ADMIN)
    assert sysadmin.has_perm("catalog.change_matterversion")
    assert not sysadmin.has_perm("org.change_user")
    assert User.objects.get(username="secadmin").has_perm("org.change_rolegrant")
    assert User.objects.get(username="auditor").has_role(Role.AUDIT_ADMIN)
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.filter(full_name="").exists()


def test_identity_numbers_are_stored_encrypted(seeded):
    for case in Case.objects.select_related("applicant"):
        clear = crypto.decrypt(case.applicant.id_number_encrypted)
        assert clear not in case.applicant.id_number_encrypted
        assert clear[:6] == "330324" or case.applicant.kind == "organisation"


def test_refused_in_production_and_nothing_written(settings):
    settings.ZHENGWU_ENV = "production"
    before = (Department.objects.count(), Area.objects.count(), User.objects.count(), Case.objects.count())
    with pytest.raises(CommandError, match="生产环境"):
        call_command("seed_demo", cases=5, seed=1, notices=0, stdout=StringIO())
    assert before == (Department.objects.count(), Area.objects.count(), User.objects.count(), Case.objects.count())


def test_if_empty_leaves_existing_data_alone(seeded):
    counts = (Case.objects.count(), User.objects.count(), Department.objects.count(), CaseEvent.objects.count())
    out = StringIO()
    call_command("seed_demo", if_empty=True, cases=5, seed=2, stdout=out)
    assert "已有演示数据" in out.getvalue()
    assert counts == (Case.objects.count(), User.objects.count(), Department.objects.count(), CaseEvent.objects.count())


def test_a_second_run_without_if_empty_is_refused(seeded):
    with pytest.raises(CommandError):
        call_command("seed_demo", cases=5, seed=2, notices=0, stdout=StringIO())


def test_notices_of_recent_cases_are_rendered_or_skipped_with_a_warning(seeded):
    warnings: list[str] = []
    rendered = render_recent_notices(1, warnings.append)
    if warnings:  # WeasyPrint cannot run here: the data stays, the command only warns
        assert "PDF" in warnings[0]
    else:
        assert rendered >= 1
        assert CaseDocument.objects.count() == rendered
        # the demo's revoked licence has its letter, whatever the day of the revocation
        assert CaseDocument.objects.filter(kind=DocumentKind.REVOCATION_DECISION).count() == 1


def test_one_licence_revoked_and_cancelled_and_one_cancelled(seeded):
    from zhengwu.cases.models import CancellationGround, LicenceCancellation, LicenceRevocation, RevocationGround

    revocation = LicenceRevocation.objects.select_related("case__matter_version").get()
    assert revocation.ground == RevocationGround.IMPROPER_MEANS and revocation.case.matter_version.safety_critical
    assert set(LicenceCancellation.objects.values_list("ground", flat=True)) == {
        CancellationGround.REVOKED,
        CancellationGround.ORGANISATION_TERMINATED,
    }


def test_chief_representatives_with_their_letters_in_force(seeded):
    from zhengwu.org.models import ChiefRepresentative
    from zhengwu.org.representatives import acting_authority

    today = timezone.localdate()
    scjg = ChiefRepresentative.objects.get(department__code="YJ-SCJG")
    assert scjg.principal.username == "scjg_chief" and scjg.deputy.username == "scjg_clerk"
    assert scjg.in_force_on(today) and scjg.matters.exists()
    assert not scjg.matters.filter(department__code__in=["YJ-JTYS"]).exists()
    matter = scjg.matters.first()
    assert (
        acting_authority(scjg.principal, department_id=scjg.department_id, matter_id=matter.pk, on=today).capacity
        == "A"
    )
    assert acting_authority(scjg.deputy, department_id=scjg.department_id, matter_id=matter.pk, on=today) is None
    jtys = ChiefRepresentative.objects.get(department__code="YJ-JTYS")
    away = acting_authority(jtys.deputy, department_id=jtys.department_id, matter_id=jtys.matters.first().pk, on=today)
    assert away is not None and away.capacity == "B"  # the A角 is recorded away today
    assert User.objects.get(username="secadmin").has_perm("org.change_chiefrepresentative")
