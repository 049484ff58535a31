"""Staff pages of the evaluation app, mounted under /workbench/evaluation/ (the public monthly table is on the
portal: `public_urls`)."""

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.ratings, name="ratings"),
    path("record/", views.record_rating, name="record"),
    path("rectifications/", views.rectifications, name="rectifications"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification"),
    # The monthly table's first address, kept for old links.
    path(
        "public/<int:year>/<int:month>/",
        RedirectView.as_view(pattern_name="satisfaction:month", permanent=True),
        name="public-monthly",
    ),
]
