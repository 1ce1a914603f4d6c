"""Every write to the organisation registry: atomic, permission-checked, audited.

Views, the API, the admin, the CSV import and tests call these functions. Each one raises
``django.core.exceptions.ValidationError`` (translated messages, per field where possible) on
bad input and ``PermissionDenied`` when ``actor`` may not write there; either way nothing changes.

``data`` is a dict of model field names to values, as produced by a form's ``cleaned_data`` or a
serializer's ``validated_data``: ``seat``/``parent`` are instances, ``sectors``/``area`` iterables
of instances. The stakeholder type is never part of it: ``Organisation.save`` derives it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ksr.audit.services import record_create, record_delete, record_update, snapshot
from ksr.core.types import AnyUser
from ksr.registry.models import Organisation, Person, Sector
from ksr.registry.querysets import may_place_seat
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "kind",
    "reintegration_goal",
    "operating_level",
    "seat",
    "parent",
    "street",
    "postal_code",
    "city",
    "email",
    "phone",
    "website",
    "nip",
    "regon",
    "krs",
    "offers_internships",
    "is_active",
    "notes",
)
ORGANISATION_M2M = ("sectors", "area")
PERSON_FIELDS = (
    "first_name",
    "last_name",
    "function",
    "position",
    "is_representative",
    "email",
    "phone",
    "fte",
    "since",
    "until",
)
AREA_LEVELS = (UnitLevel.GMINA, UnitLevel.POWIAT)


def _actor_user(actor: AnyUser) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _split(data: Mapping[str, Any], fields: Iterable[str], m2m: Iterable[str] = ()) -> tuple[dict[str, Any], dict]:
    allowed, relations = set(fields), set(m2m)
    if "stakeholder_type" in data:
        raise ValidationError(
            {"stakeholder_type": _("The stakeholder type is derived from the statutory goal; it cannot be set.")}
        )
    unknown = set(data) - allowed - relations
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    plain = {k: v for k, v in data.items() if k in allowed}
    related = {k: list(v or []) for k, v in data.items() if k in relations}
    return plain, related


def _check_relations(org: Organisation, related: dict[str, list[Any]], *, actor: AnyUser) -> None:
    errors: dict[str, list[str]] = {}
    seat = org.seat if org.seat_id else None
    if seat is not None and (seat.level != UnitLevel.GMINA or seat.retired_on is not None):
        errors["seat"] = [_("The seat must be a current gmina.")]
    for unit in related.get("area", []):
        if not isinstance(unit, TerritorialUnit) or unit.level not in AREA_LEVELS or unit.retired_on is not None:
            errors["area"] = [_("The area of operation may contain current gminas and powiats only.")]
            break
    for sector in related.get("sectors", []):
        if not isinstance(sector, Sector):
            errors["sectors"] = [_("Unknown sector.")]
            break
    if org.parent_id is not None:
        if org.pk is not None and org.parent_id == org.pk:
            errors["parent"] = [_("An organisation cannot be its own parent.")]
        elif not Organisation.objects.visible_to(actor).filter(pk=org.parent_id).exists():
            errors["parent"] = [_("Choose a parent organisation you can see.")]
    if errors:
        raise ValidationError(errors)


def _save_organisation(org: Organisation, related: dict[str, list[Any]], *, actor: AnyUser) -> None:
    _check_relations(org, related, actor=actor)
    org.full_clean()
    org.updated_by = _actor_user(actor)
    org.save()
    for name, values in related.items():
        getattr(org, name).set(values)


@transaction.atomic
def do_create_organisation(data: Mapping[str, Any], *, actor: AnyUser) -> Organisation:
    """Create an organisation whose seat lies in ``actor``'s editable territory."""
    plain, related = _split(data, ORGANISATION_FIELDS, ORGANISATION_M2M)
    org = Organisation(**plain)
    seat = plain.get("seat")
    if seat is not None and not may_place_seat(actor, seat.code, kind=plain.get("kind")):
        raise PermissionDenied(_("You may not register organisations with a seat in this gmina."))
    org.created_by = _actor_user(actor)
    _save_organisation(org, related, actor=actor)
    record_create(org, actor=actor, m2m=ORGANISATION_M2M)
    return org


def _editable(org: Organisation, actor: AnyUser) -> Organisation:
    """The current row of ``org``, locked, if ``actor`` may edit it; PermissionDenied otherwise."""
    current = (
        Organisation.objects.editable_by(actor).select_for_update().select_related("seat").filter(pk=org.pk).first()
    )
    if current is None:
        raise PermissionDenied(_("You may not edit this organisation."))
    return current


@transaction.atomic
def do_update_organisation(org: Organisation, data: Mapping[str, Any], *, actor: AnyUser) -> Organisation:
    """Change the fields given in ``data`` (a partial update); returns the saved organisation.

    The row is re-read from the database, so ``org`` may be an instance a form already changed.
    """
    plain, related = _split(data, ORGANISATION_FIELDS, ORGANISATION_M2M)
    current = _editable(org, actor)
    before = snapshot(current, m2m=ORGANISATION_M2M)
    old_seat = current.seat
    for name, value in plain.items():
        setattr(current, name, value)
    new_seat = plain.get("seat")
    if (
        new_seat is not None
        and new_seat.pk != old_seat.pk
        and not may_place_seat(actor, new_seat.code, organisation=current, old_code=old_seat.code)
    ):
        raise PermissionDenied(_("You may not move the seat to this gmina."))
    _save_organisation(current, related, actor=actor)
    record_update(current, before, actor=actor, m2m=ORGANISATION_M2M)
    return current


@transaction.atomic
def do_deactivate_organisation(org: Organisation, *, actor: AnyUser) -> Organisation:
    """Mark the organisation inactive (kept with its history; preferred over deletion)."""
    return do_update_organisation(org, {"is_active": False}, actor=actor)


@transaction.atomic
def do_reactivate_organisation(org: Organisation, *, actor: AnyUser) -> Organisation:
    return do_update_organisation(org, {"is_active": True}, actor=actor)


def _references(org: Organisation) -> list[str]:
    """Names of the kinds of rows that still point at ``org`` (the audit trail does not count)."""
    found = []
    for relation in org._meta.related_objects:
        model: Any = relation.related_model
        if model._meta.app_label == "audit":
            continue
        # Query from the other side: works for foreign keys, one-to-ones and many-to-manys alike,
        # including those without a reverse accessor (related_name="+").
        if model._default_manager.filter(**{relation.field.name: org}).exists():
            found.append(str(model._meta.verbose_name_plural))
    return found


@transaction.atomic
def do_delete_organisation(org: Organisation, *, actor: AnyUser) -> None:
    """Delete an organisation nothing refers to (people, memberships, units…); else deactivate it."""
    current = _editable(org, actor)
    references = _references(current)
    if references:
        raise ValidationError(
            _("This organisation is still referenced (%(what)s); deactivate it instead.")
            % {"what": ", ".join(references)}
        )
    record_delete(current, actor=actor, m2m=ORGANISATION_M2M)
    current.delete()


# People -----------------------------------------------------------------------------------


def _editable_organisation_for_people(organisation: Organisation, actor: AnyUser) -> Organisation:
    if not Organisation.objects.editable_by(actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You may not edit the people of this organisation."))
    return organisation


@transaction.atomic
def do_create_person(organisation: Organisation, data: Mapping[str, Any], *, actor: AnyUser) -> Person:
    plain, _unused = _split(data, PERSON_FIELDS)
    _editable_organisation_for_people(organisation, actor)
    person = Person(organisation=organisation, **plain)
    person.full_clean()
    person.created_by = person.updated_by = _actor_user(actor)
    person.save()
    record_create(person, actor=actor)
    return person


@transaction.atomic
def do_update_person(person: Person, data: Mapping[str, Any], *, actor: AnyUser) -> Person:
    plain, _unused = _split(data, PERSON_FIELDS)
    current = Person.objects.editable_by(actor).select_for_update().filter(pk=person.pk).first()
    if current is None:
        raise PermissionDenied(_("You may not edit the people of this organisation."))
    before = snapshot(current)
    for name, value in plain.items():
        setattr(current, name, value)
    current.full_clean()
    current.updated_by = _actor_user(actor)
    current.save()
    record_update(current, before, actor=actor)
    return current


@transaction.atomic
def do_delete_person(person: Person, *, actor: AnyUser) -> None:
    current = Person.objects.editable_by(actor).filter(pk=person.pk).first()
    if current is None:
        raise PermissionDenied(_("You may not edit the people of this organisation."))
    record_delete(current, actor=actor)
    current.delete()


def organisation_data(org: Organisation) -> dict[str, Any]:
    """The ``data`` dict describing ``org`` as it is (handy for admin and tests)."""
    data: dict[str, Any] = {name: getattr(org, name) for name in ORGANISATION_FIELDS}
    if org.pk:
        data["sectors"] = list(org.sectors.all())
        data["area"] = list(org.area.all())
    return data


__all__ = [
    "ORGANISATION_FIELDS",
    "PERSON_FIELDS",
    "do_create_organisation",
    "do_create_person",
    "do_deactivate_organisation",
    "do_delete_organisation",
    "do_delete_person",
    "do_reactivate_organisation",
    "do_update_organisation",
    "do_update_person",
    "organisation_data",
]
