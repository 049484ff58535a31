"""Public pages of the consultation app."""

from django.urls import path  # noqa: F401

app_name = "consultation"

urlpatterns: list = []
