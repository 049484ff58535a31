"""Staff pages of the consultation app, mounted under /workbench/consultation/."""

from django.urls import path  # noqa: F401

app_name = "consultation_wb"

urlpatterns: list = []
