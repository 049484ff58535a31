"""Staff pages of the indicators app, mounted under /workbench/indicators/."""

from django.urls import path  # noqa: F401

app_name = "indicators"

urlpatterns: list = []
