"""Template helpers of the privacy app.

Special-category data (health, addiction, disability…) in the cases app's templates::

    {% load privacy %}
    {% if request.user|may_read_special:participant %} … {% endif %}
    {% special_field participant "health_notes" %}   {# the value, or a "restricted" note #}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ksr.cases.models import Participant
from ksr.cases.special import may_read_special as may_read_declared
from ksr.cases.special import special_fields
from ksr.core.types import AnyUser
from ksr.privacy.access import can_read_special_category

register = template.Library()


@register.filter
def may_read_special(user: AnyUser, participant: Participant) -> bool:
    """``user|may_read_special:participant``: whether the special-category data may be shown."""
    return can_read_special_category(user, participant)


@register.simple_tag(takes_context=True)
def special_field(context: Any, obj: Any, name: str, participant: Any = None) -> str:
    """The value of ``obj.<name>`` when the user may read special-category data, else a restricted note.

    ``obj`` is the participant, or an object of theirs (pass ``participant`` then, or it is
    taken from ``obj.participant``).
    """
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if participant is not None:
        allowed = can_read_special_category(user, participant)
    elif special_fields(obj) and name in special_fields(obj):
        allowed = may_read_declared(user, obj)
    else:
        owner = getattr(obj, "participant", None) or obj
        allowed = can_read_special_category(user, owner)
    if allowed:
        value = getattr(obj, f"get_{name}_display", None)
        shown = value() if callable(value) else getattr(obj, name, "")
        return format_html("{}", shown if shown not in (None, "") else "—")
    return format_html('<span class="muted restricted">{}</span>', _("Restricted: special-category data"))


@register.filter
def get_item(mapping: Mapping[str, Any], key: str) -> Any:
    return mapping.get(key, "") if mapping else ""
