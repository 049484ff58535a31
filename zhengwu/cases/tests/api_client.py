"""Calling the REST API in tests as a member of staff (bearer token) — shared by the apps' API tests."""

from __future__ import annotations

import json

from zhengwu.org.tokens import issue_token


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user, 'test')}"}


def post(client, url, body=None, **headers):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json", **headers)
