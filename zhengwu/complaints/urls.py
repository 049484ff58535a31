"""Staff pages of the complaints app, mounted under /workbench/complaints/."""

from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.lodge, name="lodge"),
    path("<str:number>/", views.complaint_detail, name="detail"),
    path("<str:number>/reveal/", views.reveal, name="reveal"),
]
