"""Template tags for the tables every list and detail page draws."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def column_heads(*labels: str) -> SafeString:
    """One `<th scope="col">` per label, in order: `{% column_heads _("Name") _("Kind") %}`."""
    return format_html_join("\n", '<th scope="col">{}</th>', ((label,) for label in labels))
