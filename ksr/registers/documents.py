"""The confirmation of an entry in the voivode's register of KIS/CIS as a document (PDF, ODT;
``ksr.documents``), issued by the voivode office of the entry's voivodeship when it is in the
registry, else under the entity's own identifier."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ksr.core.types import AnyUser
from ksr.documents.blocks import Block, KeyValues, Paragraph, Signatures, field_rows
from ksr.documents.registry import DocumentKind, register_document
from ksr.registers.choices import EntryStatus
from ksr.registers.models import RegisterEntry
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation


def issuer(entry: RegisterEntry) -> Any:
    office = (
        Organisation.objects.filter(
            kind=OrganisationKind.VOIVODE_OFFICE, seat__code__startswith=entry.voivodeship.code[:2]
        )
        .order_by("id")
        .first()
    )
    return office or entry.organisation


def entry_document(entry: RegisterEntry, user: AnyUser) -> tuple[str, list[Block]]:
    if entry.status == EntryStatus.ENTERED:
        statement = _(
            "confirms that the entity named below is entered in the register kept by the voivode (UZS art. 18a ust. 1)."
        )
    elif entry.status == EntryStatus.STRUCK_OFF:
        statement = _("confirms that the entity named below was struck off the register kept by the voivode.")
    else:
        statement = _(
            "confirms that the notification of the entity named below was received and awaits its entry "
            "in the register kept by the voivode (UZS art. 18a ust. 1)."
        )
    blocks: list[Block] = [
        Paragraph(_("The voivode of %(voivodeship)s") % {"voivodeship": entry.voivodeship.name} + " " + statement),
        KeyValues(
            [
                (_("Name of the entity"), entry.organisation.name),
                *field_rows(
                    entry,
                    [
                        "entity_kind",
                        "register_number",
                        "founding_body",
                        "creation_mode",
                        "founding_act_number",
                        "founding_act_date",
                        "notification_date",
                        "entry_date",
                        "status",
                        "struck_off_date",
                        "strike_off_reason",
                    ],
                    skip_empty=True,
                ),
            ]
        ),
        Signatures([_("For the voivode")]),
    ]
    return str(_("Confirmation of the entry in the register")), blocks


def register_documents() -> None:
    register_document(
        DocumentKind(
            code="WPIS",
            label=gettext_lazy("Confirmation of the register entry"),
            model=RegisterEntry,
            visible=lambda user: RegisterEntry.objects.visible_to(user).with_related(),
            organisation=issuer,
            build=entry_document,
            part="register entry",
        )
    )
