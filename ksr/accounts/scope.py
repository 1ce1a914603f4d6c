"""What a signed-in user may reach: the one place the access model is computed.

A user's scope is the union of their active memberships. Each role has a *reach* over the
territory (``choices.ROLE_REACH``): own organisation (and its powiat, to build the local
network), a powiat, a voivodeship, or the whole country. Territory is matched by TERYT code
prefix: voivodeship ``14``, powiat ``1465``, gmina ``1465011`` — so "in scope" is one indexed
``startswith`` per prefix.

Querysets call ``scope_for(user)`` and filter with ``territory_q(field)``; see
``registry.querysets.OrganisationQuerySet.visible_to`` for the pattern.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from django.db.models import Q

from ksr.accounts.choices import ROLE_REACH, Reach, Role
from ksr.accounts.models import Membership, User
from ksr.core.types import AnyUser

_CACHE_ATTR = "_ksr_scope"


@dataclass(frozen=True)
class Scope:
    authenticated: bool = False
    everything: bool = False
    roles: frozenset[str] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    # TERYT prefixes the user may read in.
    read_prefixes: frozenset[str] = frozenset()
    # Per role: organisation ids and TERYT prefixes where that role is held.
    role_organisations: dict[str, frozenset[int]] = field(default_factory=dict)
    role_prefixes: dict[str, frozenset[str]] = field(default_factory=dict)

    def has_any_role(self, roles: Iterable[str]) -> bool:
        """Whether the user holds one of ``roles``; a system administrator holds every role.

        Reading everything (a national analyst) is not holding every role.
        """
        return Role.SYSTEM_ADMIN in self.roles or bool(self.roles.intersection(roles))

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def territory_q(self, code_field: str, prefixes: Iterable[str] | None = None) -> Q:
        """Q matching rows whose TERYT code field starts with one of ``prefixes`` (default: read)."""
        chosen = self.read_prefixes if prefixes is None else frozenset(prefixes)
        if self.everything and prefixes is None:
            return Q()
        q = Q(pk__in=[])
        for prefix in sorted(chosen):
            q |= Q(**{f"{code_field}__startswith": prefix})
        return q

    def prefixes_for(self, *roles: str) -> frozenset[str]:
        out: set[str] = set()
        for role in roles:
            out |= self.role_prefixes.get(role, frozenset())
        return frozenset(out)

    def organisations_for(self, *roles: str) -> frozenset[int]:
        out: set[int] = set()
        for role in roles:
            out |= self.role_organisations.get(role, frozenset())
        return frozenset(out)

    def covers_code(self, code: str | None, prefixes: Iterable[str]) -> bool:
        if not code:
            return False
        return any(code.startswith(p) for p in prefixes)


ANONYMOUS = Scope()


def _prefix_for(reach: str, seat_code: str | None) -> str | None:
    if reach == Reach.NATIONAL:
        return ""
    if not seat_code:
        return None
    if reach == Reach.REGIONAL:
        return seat_code[:2]
    return seat_code[:4]  # powiat, for LOCAL and ORGANISATION reach


def scope_for(user: AnyUser | None) -> Scope:
    """The scope of ``user``, computed once per request (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached: Scope | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roles: set[str] = set()
    orgs: set[int] = set()
    prefixes: set[str] = set()
    role_orgs: dict[str, set[int]] = {}
    role_prefixes: dict[str, set[str]] = {}
    memberships = Membership.objects.active().filter(user=cast(User, user)).select_related("organisation__seat")
    for m in memberships:
        roles.add(m.role)
        orgs.add(m.organisation_id)
        seat = m.organisation.seat
        prefix = _prefix_for(ROLE_REACH[m.role], seat.code if seat else None)
        role_orgs.setdefault(m.role, set()).add(m.organisation_id)
        if prefix is not None:
            prefixes.add(prefix)
            role_prefixes.setdefault(m.role, set()).add(prefix)
    everything = bool(user.is_superuser) or Role.SYSTEM_ADMIN in roles or Role.NATIONAL_ANALYST in roles
    if user.is_superuser:
        roles.add(Role.SYSTEM_ADMIN)
        role_prefixes.setdefault(Role.SYSTEM_ADMIN, set()).add("")
    scope = Scope(
        authenticated=True,
        everything=everything,
        roles=frozenset(roles),
        organisation_ids=frozenset(orgs),
        read_prefixes=frozenset({""} if everything else prefixes),
        role_organisations={k: frozenset(v) for k, v in role_orgs.items()},
        role_prefixes={k: frozenset(v) for k, v in role_prefixes.items()},
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: AnyUser | None) -> None:
    """Drop the cached scope (after memberships change within one request or test)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_system_admin(user: AnyUser | None) -> bool:
    """A superuser or a holder of the system administrator role (the Django admin's gate)."""
    return bool(getattr(user, "is_superuser", False)) or scope_for(user).has_role(Role.SYSTEM_ADMIN)
