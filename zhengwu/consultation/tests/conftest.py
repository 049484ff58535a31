"""Fixtures for consultation: the accounts fixtures (cases, matters, applicant accounts)."""

from zhengwu.accounts.tests.conftest import *  # noqa: F403
from zhengwu.accounts.tests.conftest import _chinese, _no_notice_rendering, _own_cache  # noqa: F401  (autouse)
