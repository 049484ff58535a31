"""Staff pages of first-inquiry responsibility, under /workbench/hall/first-inquiries/ (hall_wb:first_inquiry)."""

from django.urls import path

from . import first_inquiry_views as views

app_name = "first_inquiry"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:number>/", views.detail, name="detail"),
    path("<str:number>/reveal-phone/", views.reveal, name="reveal"),
    path("<str:number>/<slug:act>/", views.perform, name="act"),
]
