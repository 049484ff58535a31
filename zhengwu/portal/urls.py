"""Public pages of the portal, mounted at the site root."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("themes/", views.themes, name="themes"),
    path("themes/<slug:code>/", views.theme, name="theme"),
    path("departments/", views.departments, name="departments"),
    path("departments/<str:code>/", views.department, name="department"),
    path("matters/<str:code>/", views.guide, name="guide"),
    path(
        "matters/<str:code>/materials/<int:pk>/<str:which>/",
        views.material_file,
        name="material-file",
    ),
    path("progress/", views.progress_lookup, name="progress"),
    path("embed/matters/<str:code>/", views.embed_guide, name="embed-guide"),
    path("embed/progress/", views.embed_progress, name="embed-progress"),
    path("mode/", views.set_mode, name="mode"),
]
