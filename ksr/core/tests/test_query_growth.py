"""No query count grows with the data (issue 11, point 3).

Every GET route without side effects — pages and API lists and details, found by walking the
URLconf — is requested as each main role at two data sizes built by ``generate_national``: a small
data set, then one three times as large (more organisations, participants, attendance,
memberships, editions). A route whose query count is higher on the larger data set does one
query per row somewhere (an N+1) and fails the test, with every such route named.

A detail route is requested on the visible object of its model with the most rows around it,
chosen the same way at both sizes; a role that cannot see any object of the model skips it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.paginator import Paginator
from django.db import connection, models
from django.urls import URLPattern, URLResolver, get_resolver

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership, User
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network
from ksr.testing import PASSWORD, verify_second_factor

SMALL, LARGE = "0.001", "0.003"
# Below 83 rows: the reads of a page of personal data are one insert on SQLite too (999 parameters
# an insert, 12 columns an audit row); a longer page would be written in two, one query more.
LONG_PAGE = 80
TODAY = "2026-11-30"
ROLES = [
    Role.SYSTEM_ADMIN,
    Role.REGIONAL_ANALYST,
    Role.LSR_COORDINATOR,
    Role.ENTITY_MANAGER,
    Role.CASE_MANAGER,
]
# Routes that change something, sign out, or are not pages of the product.
SKIPPED_NAMES = {
    "accounts:logout",
    "accounts:login",
    "accounts:otp_setup",
    "accounts:otp_verify",
    "accounts:otp_disable",
    "accounts:token_create",
    "accounts:token_revoke",
    ":auth-token",
    ":set_language",
    ":api-schema",
    ":api-docs",
    ":api-redoc",
    "core:healthz",
    "core:readyz",
    "privacy:participant_export",  # a download written to the audit trail, one file per request
}
# The model behind each URL parameter of the detail pages; API details use the viewset's model.
PAGE_OBJECTS: dict[str, dict[str, str]] = {
    "audit:entry_detail": {"pk": "audit.AuditEntry"},
    "registry:organisation_detail": {"pk": "registry.Organisation"},
    "registers:entry_detail": {"pk": "registers.RegisterEntry"},
    "networks:network_detail": {"pk": "networks.Network"},
    "networks:team": {"pk": "networks.Network"},
    "networks:assistance": {"pk": "networks.Network"},
    "networks:regional_tasks": {"pk": "networks.Network"},
    "networks:recommendations": {"pk": "networks.Network"},
    "partnerships:network_partnerships": {"network_pk": "networks.Network"},
    "partnerships:attitudes": {"network_pk": "networks.Network"},
    "partnerships:partnership_detail": {"pk": "partnerships.Partnership"},
    "partnerships:organisation_conclusions": {"org_pk": "registry.Organisation"},
    "partnerships:pact_detail": {"pk": "partnerships.Pact"},
    "partnerships:team_detail": {"pk": "partnerships.SynergyTeam"},
    "cooperation:network_forum": {"network_pk": "networks.Network"},
    "cooperation:meeting_detail": {"pk": "cooperation.Meeting"},
    "cooperation:network_assessments": {"network_pk": "networks.Network"},
    "cooperation:assessment_detail": {"pk": "cooperation.CooperationAssessment"},
    "analytics:network_graph": {"network_pk": "networks.Network"},
    "analytics:network_metrics": {"network_pk": "networks.Network"},
    "cases:participant_detail": {"pk": "cases.Participant"},
    "cases:case_detail": {"pk": "cases.Case"},
    "cases:referral_detail": {"pk": "cases.Referral"},
    "plans:case_plan": {"case_pk": "cases.Case"},
    "plans:case_card": {"case_pk": "cases.Case"},
    "plans:case_outcomes": {"case_pk": "cases.Case"},
    "catalogue:service_detail": {"pk": "catalogue.Service"},
    "catalogue:offer_detail": {"pk": "catalogue.Offer"},
    "catalogue:case_services": {"case_pk": "cases.Case"},
    "catalogue:activity_detail": {"pk": "catalogue.Activity"},
    "privacy:partner_participant_detail": {"participant_pk": "cases.Participant"},
    "privacy:participant_consents": {"participant_pk": "cases.Participant"},
    "privacy:participant_audit": {"participant_pk": "cases.Participant"},
    "pipeline:initiative_detail": {"pk": "pipeline.Initiative"},
    "procedures:run_detail": {"pk": "procedures.ProcedureRun"},
    "procedures:request_detail": {"pk": "procedures.NeedRequest"},
    "surveys:survey_detail": {"pk": "surveys.Survey"},
    "surveys:survey_summary": {"pk": "surveys.Survey"},
    "surveys:interview_detail": {"pk": "surveys.Interview"},
    "animation:team_detail": {"pk": "animation.ZrarTeam"},
    "animation:animator_detail": {"pk": "animation.Animator"},
}
# Territorial codes: the voivodeship or gmina with the most organisations.
CODE_ROUTES = {
    "territory:unit_detail": "voivodeship",
    "registers:public_voivodeship": "voivodeship",
    "analytics:region_metrics": "voivodeship",
    "surveys:readiness_region": "voivodeship",
    "surveys:readiness_gmina": "gmina",
    ":territorialunit-detail": "voivodeship",
}


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, URLPattern, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace or ""]))
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p, namespace


def _path(route: str, values: dict[str, Any]) -> str:
    """The URL of a route (``path()`` or a router's regex) with its parameters filled in."""
    route = route.replace("^", "").replace("$", "")

    def fill(match: re.Match[str]) -> str:
        return str(values[match.group("name")])

    route = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", fill, route)
    route = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", fill, route)
    return "/" + route


def _model_of(viewset: Any) -> type[models.Model] | None:
    if getattr(viewset, "queryset", None) is not None:
        return viewset.queryset.model
    meta = getattr(getattr(viewset, "serializer_class", None), "Meta", None)
    return getattr(meta, "model", None)


def routes() -> list[tuple[str, str, str, dict[str, str]]]:
    """(name, route, kind, {parameter: model label or territorial level}) of every GET route tested."""
    out = []
    for route, pattern, namespace in _walk(get_resolver().url_patterns):
        name = f"{namespace}:{pattern.name}"
        if route.startswith("admin/") or name in SKIPPED_NAMES or "format" in route:
            continue
        params = pattern.pattern.regex.groupindex
        actions = getattr(pattern.callback, "actions", None)
        if actions is not None:  # a DRF viewset
            if "get" not in actions:
                continue
            if not params:
                out.append((name, route, "page", {}))
            elif name in CODE_ROUTES:
                out.append((name, route, "code", {"code": CODE_ROUTES[name]}))
            elif set(params) == {"pk"}:
                model = _model_of(pattern.callback.cls)
                if model is not None:
                    out.append((name, route, "object", {"pk": model._meta.label}))
            continue
        if not params:
            out.append((name, route, "page", {}))
        elif name in CODE_ROUTES:
            out.append((name, route, "code", {"code": CODE_ROUTES[name]}))
        elif name in PAGE_OBJECTS:
            out.append((name, route, "object", PAGE_OBJECTS[name]))
    return out


def _visible(model: type[models.Model], user: Any) -> models.QuerySet[Any]:
    manager = model._default_manager
    if hasattr(manager, "visible_to"):
        return manager.visible_to(user)
    return manager.all()


def _biggest(queryset: models.QuerySet[Any]) -> Any:
    """The pk of the object with the most rows pointing at it (then the lowest pk): the same choice at both sizes."""
    model = queryset.model
    reverse = [
        f.get_accessor_name()
        for f in model._meta.get_fields()
        if f.one_to_many and f.auto_created and not f.concrete and f.related_model._meta.app_label != "audit"
    ]
    if reverse:
        queryset = queryset.annotate(_rows=sum((models.Count(r, distinct=True) for r in reverse[:4]), models.Value(0)))
        queryset = queryset.order_by("-_rows", "pk")
    else:
        queryset = queryset.order_by("pk")
    return queryset.values_list("pk", flat=True).first()


def _code(level: str) -> str:
    from ksr.registry.models import Organisation

    prefix = 2 if level == "voivodeship" else 7
    seats = Organisation.objects.values_list("seat__code", flat=True)
    counts: dict[str, int] = {}
    for code in seats:
        if code:
            counts[code[:prefix]] = counts.get(code[:prefix], 0) + 1
    return max(sorted(counts), key=lambda c: counts[c])


class _Counter:
    """Counts the queries a request runs (without keeping them: some pages run thousands)."""

    def __init__(self) -> None:
        self.queries = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.queries += 1
        return execute(sql, params, many, context)


def _user_with(role: str) -> Any:
    """The first user holding ``role`` in the data set; the data set has no LSR coordinator, so one is
    made for the main node of the LSR with the most members."""
    membership = Membership.objects.filter(role=role).select_related("user").order_by("pk").first()
    if membership is None and role == Role.LSR_COORDINATOR:
        lsr = Network.objects.get(pk=_biggest(Network.objects.filter(level=NetworkLevel.LOCAL, is_active=True)))
        user = User.objects.create_user(username="qg-lsr-coordinator", password=PASSWORD)
        membership = Membership.objects.create(user=user, organisation_id=lsr.main_node_id, role=role)
    assert membership is not None, f"the data set has no {role}"
    return membership.user


def measure(client: Any, only: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], tuple[int, int, str]]:
    """{(role, route name): (queries, status, url)} for every role and route (or those ``only``) at the
    current data size."""
    out: dict[tuple[str, str], tuple[int, int, str]] = {}
    table = routes()
    codes = {"voivodeship": _code("voivodeship"), "gmina": _code("gmina")}
    # The cache starts empty; the routes are then requested in the same order at both sizes, so that
    # what one request caches for the next is the same at both.
    cache.clear()
    for role in ROLES:
        user = _user_with(role)
        client.logout()
        verify_second_factor(client, user)
        for name, route, kind, params in table:
            if only is not None and (role, name) not in only:
                continue
            if kind == "code":
                values: dict[str, Any] = {"code": codes[params["code"]]}
            else:
                values = {}
                for param, label in params.items():
                    values[param] = _biggest(_visible(apps.get_model(label), user))
                if any(v is None for v in values.values()):
                    continue
            url = _path(route, values)
            counter = _Counter()
            with connection.execute_wrapper(counter):
                response = client.get(url, HTTP_ACCEPT="text/html,application/json")
            out[(role, name)] = (counter.queries, response.status_code, url)
    return out


def generate(scale: str) -> None:
    call_command("generate_national", "--seed", "5", "--scale", scale, "--today", TODAY, "--yes", stdout=StringIO())


@pytest.fixture
def long_pages(monkeypatch):
    """Every paginated list (pages and API) shows up to ``LONG_PAGE`` rows: a page full at both sizes
    would hide a query per row, so the pages hold more rows than the small data set has."""
    init = Paginator.__init__

    def longer(self: Paginator, object_list: Any, per_page: Any, *args: Any, **kwargs: Any) -> None:
        init(self, object_list, max(int(per_page), LONG_PAGE), *args, **kwargs)

    monkeypatch.setattr(Paginator, "__init__", longer)


@pytest.mark.django_db
@pytest.mark.usefixtures("long_pages")
def test_no_route_does_more_queries_on_more_data(client):
    generate(SMALL)
    small = measure(client)
    generate(LARGE)
    answered = {key for key, (_n, status, _url) in small.items() if status == 200}
    large = measure(client, answered)

    assert len(answered) > 300, "the walk must reach the product's pages for every role"
    grown = [
        f"{role} {name} {small[(role, name)][2]}: {small[(role, name)][0]} → {large[(role, name)][0]} queries"
        for (role, name) in sorted(set(small) & set(large))
        if large[(role, name)][0] > small[(role, name)][0]
        and small[(role, name)][1] == 200
        and large[(role, name)][1] == 200
    ]
    assert not grown, "\n".join(grown)
