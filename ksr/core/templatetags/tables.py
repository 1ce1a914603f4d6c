"""Template tags for the tables every list and detail page draws."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def column_heads(*labels: str) -> SafeString:
    """One `<th scope="col">` per label, in order: `{% column_heads _("Name") _("Kind") %}`."""
    return format_html_join("\n", '<th scope="col">{}</th>', ((label,) for label in labels))


@register.simple_block_tag
def table(content: str, rows: object, caption: str = "", empty: str = "") -> SafeString:
    """A table in its scrolling wrapper, or the `empty` sentence (if any) when there are no rows.

    {% table people caption=_("Staff") empty=_("No people yet.") %}<thead>…</thead><tbody>…</tbody>{% endtable %}
    """
    if not rows:
        return format_html('<p class="empty">{}</p>', empty) if empty else SafeString("")
    heading = format_html("\n    <caption>{}</caption>", caption) if caption else ""
    return format_html('<div class="table-wrap">\n  <table>{}\n{}\n  </table>\n</div>', heading, content)
