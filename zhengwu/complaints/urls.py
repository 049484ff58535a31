"""Staff pages of the complaints app, mounted under /workbench/complaints/."""

from django.urls import path  # noqa: F401

app_name = "complaints"

urlpatterns: list = []
