"""首席代表 page: the department's letters and who approves today; the head records the A角's absences (the B角 then
acts) and ends one early; nobody else may, and bad dates change nothing."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.audit.models import AuditEntry
from zhengwu.errors import InvalidInput, NotPermitted, StateConflict
from zhengwu.org.admin import ChiefRepresentativeForm
from zhengwu.org.models import ChiefRepresentative, RepresentativeAbsence
from zhengwu.org.representatives import DEPUTY, PRINCIPAL, acting_today, end_absence, record_absence
from zhengwu.org.tests.factories import HallFactory, clerk

pytestmark = pytest.mark.django_db
URL = "/workbench/representatives/"


@pytest.fixture
def letter(dept, staff, version, today):
    appointment = ChiefRepresentative.objects.create(
        department=dept,
        hall=HallFactory(),
        principal=clerk(dept, full_name="陈首代"),
        deputy=staff.clerk,
        letter_number="永市监授〔2026〕9号",
        signed_by="张局长",
        signed_on=today - dt.timedelta(days=60),
        valid_from=today - dt.timedelta(days=60),
        valid_until=today + dt.timedelta(days=300),
    )
    appointment.matters.add(version.matter)
    return appointment


def test_the_head_records_an_absence_and_the_deputy_acts_that_day(client, letter, staff, today):
    assert acting_today(letter, today) == PRINCIPAL
    client.force_login(staff.head)
    page = client.get(URL).content.decode()
    assert "永市监授〔2026〕9号" in page and "首席代表（A角）" in page
    response = client.post(
        URL, {"letter": letter.pk, "starts_on": today, "ends_on": today + dt.timedelta(days=2), "reason": "培训"}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert acting_today(letter, today) == DEPUTY
    assert "首席代表B角（代行）" in client.get(URL).content.decode()
    assert AuditEntry.objects.filter(action="org.representative_absence", detail__reason="培训").exists()


def test_an_overlapping_or_reversed_absence_is_refused_and_nothing_is_written(client, letter, staff, today):
    record_absence(letter, actor=staff.head, starts_on=today, ends_on=today + dt.timedelta(days=3), reason="年休假")
    client.force_login(staff.head)
    for starts, ends in (
        (today + dt.timedelta(days=2), today + dt.timedelta(days=5)),
        (today, today - dt.timedelta(days=1)),
    ):
        response = client.post(URL, {"letter": letter.pk, "starts_on": starts, "ends_on": ends, "reason": "出差"})
        assert response.status_code == 400
    assert RepresentativeAbsence.objects.count() == 1
    with pytest.raises(InvalidInput):
        record_absence(
            letter,
            actor=staff.head,
            starts_on=today + dt.timedelta(days=400),
            ends_on=today + dt.timedelta(days=401),
            reason="在授权期外",
        )


def test_only_the_department_head_records_absences(client, letter, staff, today):
    for person in (staff.clerk, letter.principal, staff.approver):
        with pytest.raises(NotPermitted):
            record_absence(letter, actor=person, starts_on=today, ends_on=today, reason="病假")
    client.force_login(staff.approver)
    assert client.get(URL).status_code == 200  # sees the letters
    response = client.post(URL, {"letter": letter.pk, "starts_on": today, "ends_on": today, "reason": "病假"})
    assert response.status_code == 403
    assert not RepresentativeAbsence.objects.exists()


def test_the_principal_back_early_ends_the_absence_the_day_before(client, letter, staff, today):
    absence = record_absence(
        letter,
        actor=staff.head,
        starts_on=today - dt.timedelta(days=2),
        ends_on=today + dt.timedelta(days=5),
        reason="外出",
    )
    client.force_login(staff.head)
    assert client.post(f"/workbench/representatives/absences/{absence.pk}/end/").status_code == 302
    absence.refresh_from_db()
    assert absence.ends_on == today - dt.timedelta(days=1)
    letter.refresh_from_db()
    assert acting_today(letter, today) == PRINCIPAL
    with pytest.raises(StateConflict):
        end_absence(absence, actor=staff.head, returned_on=today)


def test_an_absence_not_yet_begun_is_withdrawn(letter, staff, today):
    absence = record_absence(
        letter,
        actor=staff.head,
        starts_on=today + dt.timedelta(days=3),
        ends_on=today + dt.timedelta(days=4),
        reason="外出",
    )
    assert end_absence(absence, actor=staff.head, returned_on=today) is None
    assert not RepresentativeAbsence.objects.exists()
    assert AuditEntry.objects.filter(action="org.representative_absence_withdrawn").exists()


def test_another_departments_head_sees_and_ends_nothing_of_ours(client, letter, other_staff):
    client.force_login(other_staff.head)
    assert "永市监授" not in client.get(URL).content.decode()
    assert client.post("/workbench/representatives/absences/999/end/").status_code == 404


def test_the_head_is_offered_the_page_in_the_navigation(client, letter, staff):
    client.force_login(staff.head)
    assert f'href="{URL}"' in client.get("/workbench/").content.decode()
    client.force_login(staff.clerk)
    assert f'href="{URL}"' not in client.get("/workbench/").content.decode()


PDF = b"%PDF-1.4\n% signed letter\n%%EOF\n"


def form_data(letter, **extra) -> dict:
    return {
        "department": letter.department_id,
        "hall": letter.hall_id,
        "principal": letter.principal_id,
        "deputy": letter.deputy_id,
        "letter_number": letter.letter_number,
        "signed_by": letter.signed_by,
        "signed_on": letter.signed_on,
        "valid_from": letter.valid_from,
        "valid_until": letter.valid_until,
        "matters": [m.pk for m in letter.matters.all()],
        **extra,
    }


def test_the_signed_letter_is_kept_with_its_sm3_and_served_to_the_department_only(
    client, letter, staff, other_staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("授权书.pdf", b"<html>not a pdf</html>")
    form = ChiefRepresentativeForm(form_data(letter), {"letter_scan": fake}, instance=letter)
    assert not form.is_valid() and "letter_scan" in form.errors
    scan = SimpleUploadedFile("授权书.pdf", PDF, content_type="application/pdf")
    form = ChiefRepresentativeForm(form_data(letter), {"letter_scan": scan}, instance=letter)
    assert form.is_valid(), form.errors
    form.save()
    letter.refresh_from_db()
    assert letter.letter_scan_sm3 == hashlib.new("sm3", PDF).hexdigest()
    url = f"/workbench/representatives/{letter.pk}/scan/"
    client.force_login(staff.approver)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    client.force_login(other_staff.head)
    assert client.get(url).status_code == 404
