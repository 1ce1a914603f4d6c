"""The referral letter as a document (PDF, ODT; ``ksr.documents``), and the participant's rows
that other apps' documents show."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ksr.cases.models import Participant, Referral
from ksr.core.types import AnyUser
from ksr.documents.blocks import Block, Heading, KeyValues, Paragraph, Signatures, field_label, field_rows, shown
from ksr.documents.registry import DocumentKind, register_document


def person(user: Any) -> str:
    """A staff member's name as a document prints it."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def participant_rows(participant: Participant) -> list[tuple[str, str]]:
    """The participant's name, PESEL (or birth date) and address, labelled."""
    rows = [(_("Participant"), f"{participant.first_name} {participant.last_name}")]
    if participant.pesel:
        rows.append((field_label(Participant, "pesel"), participant.pesel))
    elif participant.birth_date:
        rows.append((field_label(Participant, "birth_date"), shown(participant.birth_date)))
    address = ", ".join(
        p for p in (participant.street, " ".join(x for x in (participant.postal_code, participant.city) if x)) if p
    )
    if address:
        rows.append((_("Address"), address))
    return rows


def referral_document(referral: Referral, user: AnyUser) -> tuple[str, list[Block]]:
    if referral.sender_organisation_id:
        sender = str(referral.sender_organisation)
    elif referral.sent_by_id:
        sender = person(referral.sent_by)
    else:
        sender = str(referral.get_source_display())
    blocks: list[Block] = [
        KeyValues(
            [
                (_("To"), str(referral.organisation)),
                (_("From"), sender),
                *field_rows(referral, ["source", "sender_reference", "sent_on"], skip_empty=True),
            ]
        ),
        Heading(_("The person referred")),
        KeyValues(field_rows(referral, ["first_name", "last_name", "pesel", "birth_date", "contact"], skip_empty=True)),
        Paragraph(
            _(
                "We refer the person named above to the social integration services of your club or centre, "
                "to be qualified by its qualification team."
            )
        ),
    ]
    if referral.justification:
        blocks += [Heading(field_label(Referral, "justification")), Paragraph(referral.justification)]
    blocks += [
        Heading(_("Status of the referral")),
        KeyValues(field_rows(referral, ["status", "decided_on", "refusal_reason"], skip_empty=True)),
        Signatures([_("The referring worker"), _("The person referred")]),
    ]
    return str(_("Referral to social integration services")), blocks


def register_documents() -> None:
    register_document(
        DocumentKind(
            code="SKIEROWANIE",
            label=gettext_lazy("Referral letter"),
            model=Referral,
            visible=lambda user: Referral.objects.visible_to(user).select_related(
                "organisation", "sender_organisation"
            ),
            organisation=lambda r: r.sender_organisation or r.organisation,
            build=referral_document,
            part="referral",
        )
    )
