"""Fixtures for accounts: the case fixtures, an isolated cache, an online matter and registered accounts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from zhengwu.cases.tests.conftest import *  # noqa: F403
from zhengwu.cases.tests.conftest import _no_notice_rendering  # noqa: F401  (autouse; `*` skips it)
from zhengwu.catalog.models import Material, MatterType
from zhengwu.catalog.tests.factories import MatterVersionFactory

from . import factories


@pytest.fixture(autouse=True)
def _own_cache(own_cache):
    """Rate limits and lockouts live in the cache: each test starts with an empty one of its own."""


@pytest.fixture(autouse=True)
def _chinese():
    """Messages are checked in Chinese, the default language (a request may have switched the thread's)."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def online_version(dept):
    version = MatterVersionFactory(
        matter__department=dept,
        matter__code="330324-ONLINE-001",
        name="食品经营许可",
        online_available=True,
        legal_limit_days=20,
        promised_limit_days=10,
        materials=["申请书", "营业执照"],
    )
    Material.objects.create(version=version, position=3, name="委托书", required=False)
    return version


@pytest.fixture
def online_immediate(dept):
    return MatterVersionFactory(
        matter__department=dept,
        matter__code="330324-ONLINE-002",
        name="食品经营许可注销",
        matter_type=MatterType.IMMEDIATE,
        online_available=True,
        legal_limit_days=20,
        promised_limit_days=0,
        materials=["注销申请书"],
    )


@pytest.fixture
def account(db):
    return factories.register_person(name="王小明", phone="13900000001")


@pytest.fixture
def other_account(db):
    return factories.register_person(name="李四", phone="13900000002")


@pytest.fixture
def applicant_client(client, account):
    response = client.post("/my/login/", {"phone": "13900000001", "password": factories.PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def other_client(other_account):
    other = Client()
    response = other.post("/my/login/", {"phone": "13900000002", "password": factories.PASSWORD})
    assert response.status_code == 302
    return other
