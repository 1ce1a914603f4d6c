from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from ksr.accounts.language import set_language
from ksr.core.access import public

admin.site.site_header = "KSR"
admin.site.site_title = "KSR"

api_v1 = [
    path("territory/", include("ksr.territory.api_urls")),
    path("registry/", include("ksr.registry.api_urls")),
    path("registers/", include("ksr.registers.api_urls")),
    path("audit/", include("ksr.audit.api_urls")),
    path("accounts/", include("ksr.accounts.api_urls")),
    path("auth/", include("ksr.accounts.api_auth_urls")),
    path("networks/", include("ksr.networks.api_urls")),
    path("partnerships/", include("ksr.partnerships.api_urls")),
    path("cooperation/", include("ksr.cooperation.api_urls")),
    path("analytics/", include("ksr.analytics.api_urls")),
    path("cases/", include("ksr.cases.api_urls")),
    path("plans/", include("ksr.plans.api_urls")),
    path("catalogue/", include("ksr.catalogue.api_urls")),
    path("privacy/", include("ksr.privacy.api_urls")),
    path("pipeline/", include("ksr.pipeline.api_urls")),
    path("procedures/", include("ksr.procedures.api_urls")),
    path("surveys/", include("ksr.surveys.api_urls")),
    path("animation/", include("ksr.animation.api_urls")),
    path("notifications/", include("ksr.notifications.api_urls")),
]

urlpatterns = [
    path("", include("ksr.core.urls")),
    path("konto/", include("ksr.accounts.urls")),
    path("audyt/", include("ksr.audit.urls")),
    path("terytorium/", include("ksr.territory.urls")),
    path("rejestr-organizacji/", include("ksr.registry.urls")),
    path("dokumenty/", include("ksr.documents.urls")),
    path("rejestry/", include("ksr.registers.urls")),
    path("sieci/", include("ksr.networks.urls")),
    path("partnerstwa/", include("ksr.partnerships.urls")),
    path("wspolpraca/", include("ksr.cooperation.urls")),
    path("analityka/", include("ksr.analytics.urls")),
    path("uczestnicy/", include("ksr.cases.urls")),
    path("plany/", include("ksr.plans.urls")),
    path("uslugi/", include("ksr.catalogue.urls")),
    path("prywatnosc/", include("ksr.privacy.urls")),
    path("inicjatywy/", include("ksr.pipeline.urls")),
    path("procedury/", include("ksr.procedures.urls")),
    path("ankiety/", include("ksr.surveys.urls")),
    path("animacja/", include("ksr.animation.urls")),
    path("kalendarz/", include("ksr.agenda.urls")),
    path("szukaj/", include("ksr.search.urls")),
    path("pomoc/", include("ksr.help.urls")),
    path("cis/", include("ksr.cis.urls")),
    path("powiadomienia/", include("ksr.notifications.urls")),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", public(SpectacularAPIView.as_view()), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file (no inline script: CSP).
    path("api/docs/", public(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    # ReDoc renders in a web worker started from a blob: URL.
    path(
        "api/redoc/",
        public(csp_update({"worker-src": ["blob:"]})(SpectacularRedocView.as_view(url_name="api-schema"))),
        name="api-redoc",
    ),
    path("admin/", admin.site.urls),
]

# The API answers its errors in JSON, whatever raised them (ksr.core.views).
handler400 = "ksr.core.views.bad_request"
handler404 = "ksr.core.views.not_found"
handler500 = "ksr.core.views.server_error"
