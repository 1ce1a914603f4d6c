from django import template

from ksr.surveys.choices import ReadinessLevel

register = template.Library()


@register.filter
def level_label(value: str | None) -> str:
    """The translated label of a readiness level code ("low", "medium", "high"); "—" when unknown."""
    if not value:
        return "—"
    return str(ReadinessLevel(value).label)
