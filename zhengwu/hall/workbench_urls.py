"""Staff pages of the hall app, mounted under /workbench/hall/."""

from django.urls import include, path

from . import workbench_views as views

app_name = "hall_wb"

urlpatterns = [
    path("appointments/", views.appointments, name="appointments"),
    path("appointments/<str:number>/check-in/", views.check_in, name="check-in"),
    path("appointments/<str:number>/no-show/", views.no_show, name="no-show"),
    path("first-inquiries/", include("zhengwu.hall.first_inquiry_urls")),
]
