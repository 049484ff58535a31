"""Public pages of the accounts app, mounted at /my/ (personal space, online application, downloads)."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("register/", views.register, name="register"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("cases/<str:number>/", views.case_detail, name="case"),
    path("cases/<str:number>/correct/", views.correct, name="correct"),
    path("cases/<str:number>/rate/", views.rate, name="rate"),
    path("cases/<str:number>/complain/", views.complain, name="complain"),
    path("cases/<str:number>/documents/<int:pk>/", views.document, name="document"),
    path("apply/<str:matter_code>/", views.apply, name="apply"),
    path("drafts/<int:pk>/discard/", views.discard_draft, name="discard-draft"),
    path("files/<int:pk>/", views.file, name="file"),
    path("staff/files/<int:pk>/", views.staff_file, name="staff-file"),
]
