"""Public pages of the disclosure app."""

from django.urls import path  # noqa: F401

app_name = "disclosure"

urlpatterns: list = []
