"""Public pages of the disclosure app (mounted at /disclosure/)."""

from django.urls import path

from . import views

app_name = "disclosure"

urlpatterns = [
    path("", views.home, name="home"),
    path("items/", views.item_list, name="items"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("index/<str:code>/<path:rest>/", views.item_by_index, name="by-index"),
    path("search/", views.search, name="search"),
    path("feeds/<int:category_id>/atom/", views.category_feed, name="feed"),
    path("dept/<str:code>/", views.department, name="department"),
    path("dept/<str:code>/guide/", views.guide, name="guide"),
    path("request/", views.file_request, name="request"),
    path("request/<str:number>/filed/", views.request_filed, name="request-filed"),
    path("request/<str:number>/letters/<int:pk>/", views.my_letter, name="my-letter"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report-pdf"),
]
