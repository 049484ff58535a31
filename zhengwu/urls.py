from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.urls import include, path
from django.views.generic import RedirectView

from zhengwu import health
from zhengwu.api import api
from zhengwu.org.login import StaffAdminAuthenticationForm, StaffAuthenticationForm

admin.site.login_form = StaffAdminAuthenticationForm


def openapi_json(request):
    return JsonResponse(api.get_openapi_schema(path_prefix="/api/v1"), json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=StaffAuthenticationForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api/openapi.json", openapi_json, name="openapi-json"),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False), name="api-docs"),
    path("workbench/supervision/", include("zhengwu.supervision.urls")),
    path("workbench/evaluation/", include("zhengwu.evaluation.urls")),
    path("workbench/complaints/", include("zhengwu.complaints.urls")),
    path("workbench/fees/", include("zhengwu.fees.urls")),
    path("workbench/indicators/", include("zhengwu.indicators.urls")),
    path("workbench/consultation/", include("zhengwu.consultation.workbench_urls")),
    path("workbench/disclosure/", include("zhengwu.disclosure.workbench_urls")),
    path("workbench/hall/", include("zhengwu.hall.workbench_urls")),
    path("workbench/projects/", include("zhengwu.projects.urls")),
    path("workbench/", include("zhengwu.workbench.urls")),
    path("my/", include("zhengwu.accounts.urls")),
    path("consult/", include("zhengwu.consultation.urls")),
    path("disclosure/", include("zhengwu.disclosure.urls")),
    path("satisfaction/", include("zhengwu.evaluation.public_urls")),
    path("hall/", include("zhengwu.hall.urls")),
    path("", include("zhengwu.portal.urls")),
]
