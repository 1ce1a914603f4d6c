"""``may_open``: whether the user passes the access rule a page declares, to show a link only then.

What a role may not use is not shown to it: a link to a page that declares ``roles:…`` is drawn
only for a user holding one of those roles (the rule the page itself enforces, read from the
view through ``ksr.core.access.rule_of``)::

    {% load access %}
    {% if user|may_open:"catalogue:coverage" %}<a href="{% url 'catalogue:coverage' %}">…</a>{% endif %}

Object-level refusals (another organisation's object answers 404) are the page's own business;
``may_open`` answers for the role only.
"""

from __future__ import annotations

from django import template
from django.urls import Resolver404, resolve, reverse

from ksr.accounts.scope import scope_for
from ksr.core.access import rule_of
from ksr.core.types import AnyUser

register = template.Library()


def may_use(user: AnyUser, rule: str | None) -> bool:
    """Whether ``user`` passes the access ``rule`` (see ``ksr.core.access``)."""
    if rule == "public":
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if rule == "authenticated":
        return True
    if rule == "admin":
        return bool(getattr(user, "is_staff", False))
    if rule and rule.startswith("roles:"):
        return scope_for(user).has_any_role(rule.removeprefix("roles:").split(","))
    return False


@register.filter
def may_open(user: AnyUser, url_name: str) -> bool:
    """``user|may_open:"app:name"``: the user passes the rule of that page (a page without arguments)."""
    return may_open_path(user, reverse(url_name))


@register.filter
def may_open_path(user: AnyUser, path: str) -> bool:
    """``user|may_open_path:url``: the user passes the rule of the page at ``url`` (a path of this site)."""
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return False
    return may_use(user, rule_of(match.func, match.namespace))
