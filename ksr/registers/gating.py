"""The register gates participation: a club operates only after its entry (UZS art. 18 ust. 1).

Registered with ``cases.admission`` from ``RegistersConfig.ready()`` (cases sits beside registers
and does not import it). A KIS/CIS whose entry in the voivode's register is still "notified" or
has been struck off admits nobody; the message says why, on the case screen and in the refusal.
An organisation without any entry in KSR's register is not refused here: the register in KSR
holds the clubs notified through it, and older clubs are entered in it as the voivodes take them
over (ADR 0020).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ksr.registers.choices import EntryStatus
from ksr.registers.models import RegisterEntry

if TYPE_CHECKING:
    from ksr.registry.models import Organisation


def register_blocks_admission(holder: Organisation) -> str | None:
    status = RegisterEntry.objects.filter(organisation_id=holder.pk).values_list("status", flat=True).first()
    if status is None or status == EntryStatus.ENTERED:
        return None
    if status == EntryStatus.STRUCK_OFF:
        return _(
            "This KIS/CIS has been struck off the voivode's register, so it cannot admit participants "
            "(UZS art. 18 ust. 1)."
        )
    return _(
        "This KIS/CIS has not yet been entered in the voivode's register, so it cannot admit participants: "
        "a club operates after its entry (UZS art. 18 ust. 1)."
    )
