from django.urls import path

from .views import case, intake, lists, personal, representatives

app_name = "workbench"

urlpatterns = [
    path("", lists.todo, name="todo"),
    path("cases/", lists.case_search, name="cases"),
    path("cases/new/", intake.new_application, name="new"),
    path("cases/<str:number>/", case.case_detail, name="case"),
    path("cases/<str:number>/documents/<int:document_id>/", case.document_download, name="document"),
    path("cases/<str:number>/personal-data/", personal.reveal, name="reveal"),
    path("cases/<str:number>/<slug:act>/", case.case_act, name="act"),
    path("representatives/", representatives.representatives, name="representatives"),
    path("representatives/<int:letter_id>/scan/", representatives.letter_scan, name="representative-letter-scan"),
    path(
        "representatives/absences/<int:absence_id>/end/",
        representatives.end_representative_absence,
        name="representative-absence-end",
    ),
]
