"""What an audit entry's ``part`` means, in the reader's language.

Apps record a read (or a special write) with a short code of the part concerned ("profile",
"card", "partner-minimal (API)", "cases: csv"); the trail shows it as a phrase, never the code:
"Odczytano: karta usług doradczych (API)". A code not listed here is shown as recorded.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

PART_LABELS: dict[str, Promise] = {
    "action plan": _("action plan"),
    "anonymisation": _("anonymisation"),
    "attendance": _("attendance"),
    "audit": _("audit trail of a participant"),
    "bookings": _("service bookings"),
    "card": _("consulting services card"),
    "case": _("case"),
    "cases": _("list of cases"),
    "consent": _("consent"),
    "consents": _("consents"),
    "contract": _("contract"),
    "coverage": _("coverage of the new service profile"),
    "dissolved": _("dissolution"),
    "follow-up": _("follow-up"),
    "health": _("health data"),
    "outcome assessment": _("outcome assessment"),
    "outcome event": _("outcome event"),
    "outcomes": _("outcomes"),
    "participant-copy": _("participant's copy of their data"),
    "participants": _("list of participants"),
    "partner-list": _("partner's list of participants"),
    "partner-minimal": _("partner's minimal view of a participant"),
    "plan": _("individual reintegration plan"),
    "potential assessment": _("diagnosis of reintegration potential"),
    "profile": _("profile"),
    "profile (edit)": _("profile (edit form)"),
    "referral": _("referral"),
    "services": _("services"),
    "services card": _("consulting services card"),
    "unknown username": _("unknown username"),
}

_SUFFIXES: dict[str, Promise] = {
    " (API)": _("%(part)s (API)"),
    ": list": _("%(part)s (list)"),
    ": csv": _("%(part)s (CSV export)"),
    ": xlsx": _("%(part)s (XLSX export)"),
}


def part_label(part: str) -> str:
    """The recorded ``part`` as the reader's phrase (see the module docstring)."""
    if not part:
        return ""
    if part.startswith("audit_trail:"):
        count = int(part.split(":", 1)[1] or 0)
        return ngettext("audit trail (%(count)d entry cleaned)", "audit trail (%(count)d entries cleaned)", count) % {
            "count": count
        }
    for suffix, template in _SUFFIXES.items():
        if part.endswith(suffix):
            return str(template) % {"part": part_label(part[: -len(suffix)])}
    label = PART_LABELS.get(part)
    return str(label) if label is not None else part
