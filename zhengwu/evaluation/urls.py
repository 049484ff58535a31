"""Staff pages of the evaluation app, mounted under /workbench/evaluation/ (the monthly table is public)."""

from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.ratings, name="ratings"),
    path("record/", views.record_rating, name="record"),
    path("rectifications/", views.rectifications, name="rectifications"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification"),
    path("public/<int:year>/<int:month>/", views.public_monthly, name="public-monthly"),
]
