"""Staff pages of the indicators app, mounted under /workbench/indicators/."""

from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.table, name="index"),
    path("charts/", views.charts, name="charts"),
    path("reports/<int:department_id>/", views.monthly_report, name="report"),
    path("<slug:dimension>/", views.table, name="table"),
    path("<slug:dimension>/export.xlsx", views.export, name="export"),
]
