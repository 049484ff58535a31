"""The public monthly satisfaction table of the evaluation app, mounted on the portal at /satisfaction/."""

from django.urls import path

from . import views

app_name = "satisfaction"

urlpatterns = [
    path("", views.public_monthly, name="latest"),
    path("<int:year>/<int:month>/", views.public_monthly, name="month"),
]
