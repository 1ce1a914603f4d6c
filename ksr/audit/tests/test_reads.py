"""``audit_read``: a throwaway detail view in a test-only URLconf (this module)."""

import pytest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.generic import DetailView

from ksr import urls as root_urls
from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.audit.reads import AuditReadMixin, audit_read
from ksr.core.access import LoginRequiredMixin, login_required
from ksr.registry.models import Organisation


class OrganisationView(LoginRequiredMixin, DetailView):
    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user)

    def render_to_response(self, context, **kwargs):
        return TemplateResponse(self.request, "core/_pagination.html", context)


@audit_read("profile")
class DecoratedView(OrganisationView):
    pass


class MixinView(AuditReadMixin, OrganisationView):
    audit_read_part = "contacts"


@login_required
@audit_read("health")
def function_view(request, pk):
    from django.shortcuts import get_object_or_404

    obj = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    return TemplateResponse(request, "core/_pagination.html", {"object": obj})


urlpatterns = [
    path("decorated/<int:pk>/", DecoratedView.as_view(), name="decorated"),
    path("mixin/<int:pk>/", MixinView.as_view(), name="mixin"),
    path("function/<int:pk>/", function_view, name="function"),
    # The real routes too: the 404 page renders the base template, which links across the product.
    *root_urls.urlpatterns,
]

pytestmark = pytest.mark.urls(__name__)


@pytest.mark.parametrize(("name", "part"), [("decorated", "profile"), ("mixin", "contacts"), ("function", "health")])
def test_a_shown_object_is_recorded_as_read(login, cast, name, part):
    client = login(cast.kis_manager)
    response = client.get(reverse(name, kwargs={"pk": cast.kis_waw.pk}), REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.READ)
    assert entry.actor == cast.kis_manager
    assert entry.object_id == str(cast.kis_waw.pk)
    assert entry.organisation == cast.kis_waw
    assert entry.part == part
    assert entry.ip_address == "10.0.0.7"


@pytest.mark.parametrize("name", ["decorated", "mixin", "function"])
def test_an_object_out_of_scope_is_not_recorded(login, cast, name):
    response = login(cast.zenon).get(reverse(name, kwargs={"pk": cast.kis_waw.pk}))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.READ).exists()


def test_the_access_rule_survives_the_decorators():
    from ksr.core.access import rule_of

    assert rule_of(DecoratedView.as_view()) == "authenticated"
    assert rule_of(function_view) == "authenticated"
