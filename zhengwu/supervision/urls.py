"""Staff pages of the supervision app, mounted under /workbench/supervision/."""

from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.board, name="board"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/read/", views.mark_read, name="mark_read"),
    path("cases/<str:number>/<slug:act>/", views.case_act, name="act"),
]
