"""Public pages of the portal, mounted at the site root."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
]
