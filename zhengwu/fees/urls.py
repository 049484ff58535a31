"""Staff pages of unified charging, mounted under /workbench/fees/."""

from django.urls import path

from . import views

app_name = "fees"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("cases/<str:number>/<slug:act>/", views.fee_act, name="act"),
    path("cases/<str:number>/notices/<str:notice>/", views.payment_notice, name="notice"),
]
