"""Staff pages of the disclosure app, mounted under /workbench/disclosure/."""

from django.urls import path
from django.views.generic import RedirectView

from . import workbench_views as views

app_name = "disclosure_wb"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="disclosure_wb:requests", permanent=False), name="home"),
    path("items/", views.item_list, name="items"),
    path("items/new/", views.item_new, name="item-new"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/categories/new/", views.category_new, name="category-new"),
    path("catalogue/categories/<int:pk>/", views.category_edit, name="category"),
    path("catalogue/categories/<int:pk>/delete/", views.category_delete, name="category-delete"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_new, name="request-new"),
    path("requests/<str:number>/", views.request_detail, name="request"),
    path("requests/<str:number>/letters/<int:pk>/", views.letter, name="letter"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report-pdf"),
]
