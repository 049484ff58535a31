"""Staff pages of the disclosure app, mounted under /workbench/disclosure/."""

from django.urls import path  # noqa: F401

app_name = "disclosure_wb"

urlpatterns: list = []
