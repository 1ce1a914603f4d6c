from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from ksr.core.access import public

admin.site.site_header = "KSR"
admin.site.site_title = "KSR"

api_v1 = [
    path("territory/", include("ksr.territory.api_urls")),
    path("registry/", include("ksr.registry.api_urls")),
    path("registers/", include("ksr.registers.api_urls")),
    path("audit/", include("ksr.audit.api_urls")),
    path("accounts/", include("ksr.accounts.api_urls")),
]

urlpatterns = [
    path("", include("ksr.core.urls")),
    path("konto/", include("ksr.accounts.urls")),
    path("audyt/", include("ksr.audit.urls")),
    path("terytorium/", include("ksr.territory.urls")),
    path("rejestr-organizacji/", include("ksr.registry.urls")),
    path("rejestry/", include("ksr.registers.urls")),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", public(SpectacularAPIView.as_view()), name="api-schema"),
    path("api/docs/", public(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/redoc/", public(SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
    path("admin/", admin.site.urls),
]
