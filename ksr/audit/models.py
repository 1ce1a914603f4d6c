from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.choices import AuditAction
from ksr.core.types import AnyUser

# Who may browse the audit trail: administrators (all of it) and KIS/CIS managers (their own).
AUDIT_ROLES = (Role.SYSTEM_ADMIN, Role.ENTITY_MANAGER)


def can_browse_audit(user: AnyUser | None) -> bool:
    """Holds one of ``AUDIT_ROLES`` itself (a national reach alone does not open the audit trail)."""
    scope = scope_for(user)
    return scope.authenticated and any(scope.has_role(role) for role in AUDIT_ROLES)


class AuditEntryImmutable(Exception):
    """Audit entries are append-only: they are never edited or deleted through the product."""


# The PostgreSQL trigger ``audit_entry_append_only`` lets an UPDATE through only inside a
# transaction that set this (``SET LOCAL``): the anonymisation scrub (ADR 0012).
SCRUB_SETTING = "ksr.audit_scrub"


def _neutralise(entry: AuditEntry) -> AuditEntry:
    """Keep no personal value in an entry about a participant-owned object (ADR 0012)."""
    from ksr.audit.personal import is_participant_owned, neutral_changes, neutral_repr

    # get_for_id is cached: no query per entry, also in bulk_create.
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class() if entry.content_type_id else None
    if model is not None and is_participant_owned(model):
        entry.object_repr = neutral_repr(model, entry.object_id)[:300]
        entry.changes = neutral_changes(model, entry.changes)
    return entry


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def visible_to(self, user: AnyUser | None) -> AuditEntryQuerySet:
        """System administrators see every entry; a KIS/CIS manager the entries about the
        organisations they manage; everyone else (national analysts included) nothing."""
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.has_role(Role.SYSTEM_ADMIN):
            return self
        managed = scope.organisations_for(Role.ENTITY_MANAGER)
        if not managed:
            return self.none()
        return self.filter(organisation_id__in=managed)

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[AuditEntry]:
        return super().bulk_create([_neutralise(entry) for entry in objs], *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        raise AuditEntryImmutable("audit entries cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditEntryImmutable("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One recorded event: who did what to which object, when, and what changed (old → new)."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # Deleting a user or an organisation never rewrites the trail: no cascade, no constraint,
    # the id stays (ADR 0012). ``actor_repr`` keeps the username for a deleted account.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_repr = models.CharField(_("who (as recorded)"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("object type")
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    # The organisation that owns the object: whose manager may browse this entry.
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # {"field": [old, new], …} for updates; the initial values for creates; the last for deletes.
    # For a participant-owned object a personal field is {"field": None}: changed, value not kept.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # For reads of sensitive records: which part was read (e.g. "profile", "health").
    part = models.CharField(_("part read"), max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        # An object's trail, by action and time (reads of a participant, the last update…); its
        # prefix serves the lookups by object alone, so no separate (content_type, object_id) index.
        indexes = [
            models.Index(fields=["content_type", "object_id", "action", "created_at"], name="audit_object_action_idx")
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditEntryImmutable("audit entries cannot be edited")
        _neutralise(self)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditEntryImmutable("audit entries cannot be deleted")

    @property
    def part_label(self) -> str:
        """The part concerned as the reader's phrase ("karta usług doradczych"), not its code."""
        from ksr.audit.parts import part_label

        return part_label(self.part)

    @property
    def organisation_name(self) -> str:
        """The organisation's name, or "" when there is none or it was deleted since."""
        try:
            return self.organisation.name if self.organisation_id is not None and self.organisation else ""
        except ObjectDoesNotExist:
            return ""

    @property
    def object_type_label(self) -> str:
        """The object's kind in words ("Organisation"), or "" for events without an object."""
        if self.content_type_id is None or self.content_type is None:
            return ""
        model = self.content_type.model_class()
        return str(capfirst(model._meta.verbose_name)) if model else self.content_type.model

    def change_rows(self) -> list[tuple[str, Any, Any]]:
        """``(field label, old, new)`` per changed field, with choice values shown by their labels."""
        model = self.content_type.model_class() if self.content_type_id and self.content_type else None
        fields = {f.name: f for f in model._meta.get_fields()} if model else {}
        rows = []
        for name, pair in (self.changes or {}).items():
            old: Any
            new: Any
            if pair is None:  # a personal field: changed, value not recorded (ADR 0012)
                old = new = _("(not recorded)")
            else:
                old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
            field = fields.get(name)
            label = str(capfirst(getattr(field, "verbose_name", name))) if field is not None else name
            choices = {str(k): v for k, v in (getattr(field, "flatchoices", None) or [])}

            def shown(value: Any, choices: dict[str, Any] = choices) -> Any:
                if isinstance(value, (str, int)) and str(value) in choices:
                    return choices[str(value)]
                return value

            rows.append((label, shown(old), shown(new)))
        return rows
