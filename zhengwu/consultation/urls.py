"""Public pages of the consultation app, mounted at /consult/."""

from django.urls import path

from . import views

app_name = "consultation"

urlpatterns = [
    path("", views.faqs, name="faqs"),
    path("ask/", views.ask, name="ask"),
]
