"""Deny by default: every route of the URLconf declares who may use it."""

from django.urls import URLPattern, URLResolver, get_resolver

from ksr.core.access import rule_of


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace or ""]))
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p, namespace


def test_every_route_declares_an_access_rule():
    routes = list(_walk(get_resolver().url_patterns))
    assert len(routes) > 20
    missing = [route for route, p, ns in routes if rule_of(p.callback, ns) is None]
    assert missing == []


def test_admin_routes_are_guarded_by_the_admin_site():
    admin_routes = [(r, p, ns) for r, p, ns in _walk(get_resolver().url_patterns) if r.startswith("admin/")]
    assert admin_routes
    assert {rule_of(p.callback, ns) for _, p, ns in admin_routes} == {"admin"}


def test_a_view_without_a_rule_is_refused(rf, db):
    from django.http import HttpResponse

    from ksr.core.access import DenyByDefaultMiddleware

    def naked_view(request):
        return HttpResponse("secret")

    middleware = DenyByDefaultMiddleware(lambda r: HttpResponse("ok"))
    request = rf.get("/")
    request.resolver_match = None
    response = middleware.process_view(request, naked_view, (), {})
    assert response is not None and response.status_code == 403
