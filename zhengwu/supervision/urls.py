"""Staff pages of the supervision app, mounted under /workbench/supervision/."""

from django.urls import path  # noqa: F401

app_name = "supervision"

urlpatterns: list = []
