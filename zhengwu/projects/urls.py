"""Staff pages of joint approval, under /workbench/projects/ (namespace `projects`)."""

from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<str:code>/", views.detail, name="detail"),
]
