"""Fixtures for government information disclosure: a department with its staff (from the case fixtures), a
catalogue, applicants, and helpers that file requests and publish items on given dates."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.cases.tests.conftest import *  # noqa: F403
from zhengwu.disclosure import handling, publishing
from zhengwu.disclosure.constants import ApplicantType, Channel
from zhengwu.disclosure.models import Category
from zhengwu.parties.tests.factories import OrganisationFactory, PersonFactory


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def person(db):
    return PersonFactory(name="张晓燕")


@pytest.fixture
def company(db):
    return OrganisationFactory(name="永嘉县恒达商贸有限公司")


@pytest.fixture
def catalogue(dept):
    publishing.ensure_catalogue(dept)
    return {c.code: c for c in Category.objects.filter(department=dept)}


@pytest.fixture
def file_request(dept, staff, person):
    """Register a request in person (received the same day) unless told otherwise."""

    def _file(on="2025-09-25", *, channel=Channel.IN_PERSON, applicant=None, applicant_type=None, **kwargs):
        applicant = applicant or person
        return handling.file_request(
            department=dept,
            applicant=applicant,
            applicant_type=applicant_type or ApplicantType.NATURAL_PERSON,
            description="2025年本县农贸市场食品安全抽检结果",
            channel=channel,
            actor=kwargs.pop("actor", staff.clerk),
            submitted_on=kwargs.pop("submitted_on", D(on)),
            on=kwargs.pop("today", D(on)),
            **kwargs,
        )

    return _file


@pytest.fixture
def publish(catalogue, staff):
    """Draft, check and publish an item; returns it published."""

    def _publish(
        title="关于开展2025年食品安全抽检工作的通知", *, code="ZCWJ", on="2025-10-10", formed="2025-10-09", **data
    ):
        item = publishing.create_item(
            actor=staff.clerk,
            category=catalogue[code],
            title=title,
            issuer="永嘉县市场监督管理局",
            body=data.pop("body", "为加强食品安全监管，现就抽检工作通知如下。"),
            formed_on=D(formed),
            on=D(on),
            **data,
        )
        publishing.submit_for_check(item, actor=staff.clerk, on=D(on))
        publishing.check_secrecy(item, actor=staff.reviewer, result="passed", opinion="不涉密", on=D(on))
        return publishing.review(item, actor=staff.approver, approve=True, opinion="同意发布", on=D(on))

    return _publish
