from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tracked(models.Model):
    """Timestamps and actor on every domain model (the full history is in the audit trail)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
        editable=False,
    )

    # The dotted path from a record to the organisation that owns it in the audit trail
    # (e.g. "network.main_node"); empty when the record has no such owner.
    audit_organisation_path: ClassVar[str] = ""

    class Meta:
        abstract = True

    @property
    def audit_organisation(self) -> Any:
        """The owning organisation read along `audit_organisation_path` (None where a link is empty)."""
        if not self.audit_organisation_path:
            return None
        value: Any = self
        for name in self.audit_organisation_path.split("."):
            value = getattr(value, name, None)
            if value is None:
                return None
        return value
