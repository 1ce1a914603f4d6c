"""The participant's consents as documents (PDF, ODT; ``ksr.documents``): the consent to share
data with a partner (the participant's and the responsible helper's), the information clause on
the processing of personal data (RODO art. 13), the consent to the use of the image — and the
participant's copy of their data (RODO art. 15)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ksr.accounts.scope import scope_for
from ksr.cases.documents import participant_rows, person
from ksr.cases.models import Participant
from ksr.core.types import AnyUser
from ksr.documents.blocks import Block, Heading, KeyValues, Paragraph, Signatures, field_rows
from ksr.documents.registry import DocumentKind, register_document
from ksr.privacy.access import SPECIAL_CATEGORY_ROLES
from ksr.privacy.models import Consent
from ksr.privacy.readable import copy_blocks, readable_copy
from ksr.privacy.services import retention_days


def consent_document(consent: Consent, user: AnyUser) -> tuple[str, list[Block]]:
    blocks: list[Block] = [
        KeyValues([(_("KIS/CIS"), str(consent.participant.organisation)), *participant_rows(consent.participant)]),
        Paragraph(
            _(
                "I consent to %(holder)s sharing my personal data named below with %(partner)s, for the "
                "service „%(service)s”, in the period from %(from)s to %(until)s. I may withdraw this consent "
                "at any time; withdrawing it does not affect what was done before (RODO art. 7 ust. 3)."
            )
            % {
                "holder": consent.participant.organisation,
                "partner": consent.partner,
                "service": consent.service,
                "from": consent.valid_from.strftime("%d.%m.%Y"),
                "until": consent.valid_until.strftime("%d.%m.%Y"),
            }
        ),
        KeyValues(
            [
                *field_rows(consent, ["partner", "service"]),
                (_("Data shared"), ", ".join(consent.scope_labels())),
                *field_rows(
                    consent,
                    ["participant_consent_on", "participant_consent_form", "participant_consent_document"],
                    skip_empty=True,
                ),
            ]
        ),
        Heading(_("Consent of the responsible helper")),
        Paragraph(
            _(
                "As the helper responsible for the participant in the KIS/CIS, I consent to the sharing "
                "described above (Model KSR, II.4 „KIS zatrudnia case managerów”)."
            )
        ),
        KeyValues(
            [(_("Responsible helper"), person(consent.helper)), *field_rows(consent, ["helper_consent_on", "status"])]
        ),
        Signatures([_("The participant"), _("The responsible helper")]),
    ]
    return str(_("Consent to share personal data with a partner institution")), blocks


def information_clause(participant: Participant, user: AnyUser) -> tuple[str, list[Block]]:
    holder = participant.organisation
    address = ", ".join(p for p in (holder.street, f"{holder.postal_code} {holder.city}".strip()) if p)
    years = max(1, retention_days() // 365)
    points = [
        _("The controller of your personal data is %(holder)s%(address)s.")
        % {"holder": holder, "address": f", {address}" if address else ""},
        _(
            "Your data are processed to provide you with social reintegration services of the social "
            "integration club or centre: the qualification, the contract or programme, the plan, the "
            "consulting services, the classes and their attendance, the certificate, and the reports the "
            "law requires (the act on social employment, UZS)."
        ),
        _(
            "Data on your health, addiction or disability (special categories, RODO art. 9 ust. 1) are "
            "read only by your case manager and the specialists who work with you."
        ),
        _(
            "Your data are shared with a partner institution only with your consent and the consent of "
            "your responsible helper, and only the minimal data the consent names."
        ),
        _(
            "Your data are kept while you take part and then for %(years)s years after your last case "
            "ends; after that they are anonymised."
        )
        % {"years": years},
        _(
            "You have the right to access your data and receive a copy (RODO art. 15), to have them "
            "rectified (art. 16), erased (art. 17) or their processing restricted (art. 18), to object "
            "(art. 21), and to withdraw a consent at any time without affecting what was done before."
        ),
        _(
            "You have the right to lodge a complaint with the President of the Personal Data Protection "
            "Office (Prezes Urzędu Ochrony Danych Osobowych; RODO art. 77)."
        ),
        _(
            "Giving your data is voluntary, but without them the club or centre cannot qualify you and "
            "provide its services. Your data are not used for automated decision-making or profiling."
        ),
    ]
    blocks: list[Block] = [
        KeyValues(participant_rows(participant)),
        Paragraph(_("Under RODO art. 13 ust. 1 and 2 we inform you that:")),
        *[Paragraph(f"{n}. {text}") for n, text in enumerate(points, start=1)],
        Paragraph(_("I have read the information above.")),
        Signatures([_("The participant (date and signature)")]),
    ]
    return str(_("Information on the processing of personal data")), blocks


def image_consent(participant: Participant, user: AnyUser) -> tuple[str, list[Block]]:
    holder = participant.organisation
    blocks: list[Block] = [
        KeyValues(participant_rows(participant)),
        Paragraph(
            _(
                "I consent / I do not consent (cross out what does not apply) to %(holder)s recording my image "
                "in photographs and films made during its classes and events, and to publishing them, without "
                "my name, on its website, in its social media and in its printed materials about its work."
            )
            % {"holder": holder}
        ),
        Paragraph(
            _(
                "The consent is voluntary and free of charge. I may withdraw it at any time; withdrawing it "
                "does not affect what was published before."
            )
        ),
        Signatures([_("The participant (date and signature)")]),
    ]
    return str(_("Consent to the use of the image")), blocks


def copy_document(participant: Participant, user: AnyUser) -> tuple[str, list[Block]]:
    return str(_("Copy of the personal data")), copy_blocks(participant, readable_copy(participant))


def copy_readers(user: AnyUser) -> QuerySet[Participant]:
    """Participants whose copy ``user`` makes: the holder's case managers and specialists (the
    copy holds special-category data), never an anonymised participant."""
    holders = scope_for(user).organisations_for(*SPECIAL_CATEGORY_ROLES)
    return (
        Participant.objects.visible_to(user)
        .filter(organisation_id__in=holders, anonymised_at__isnull=True)
        .select_related("organisation")
    )


def register_documents() -> None:
    register_document(
        DocumentKind(
            code="ZGODA",
            label=gettext_lazy("Consent to share data"),
            model=Consent,
            visible=lambda user: Consent.objects.visible_to(user).select_related(
                "participant__organisation", "partner", "helper"
            ),
            organisation=lambda c: c.participant.organisation,
            build=consent_document,
            part="consents",
            subject=lambda c: c.participant,
        )
    )
    for code, label, build in (
        ("KLAUZULA", gettext_lazy("Information clause (RODO art. 13)"), information_clause),
        ("WIZERUNEK", gettext_lazy("Consent to the use of the image"), image_consent),
    ):
        register_document(
            DocumentKind(
                code=code,
                label=label,
                model=Participant,
                visible=lambda user: Participant.objects.visible_to(user).select_related("organisation"),
                organisation=lambda p: p.organisation,
                build=build,
                part="consents",
            )
        )
    register_document(
        DocumentKind(
            code="KOPIA",
            label=gettext_lazy("Copy of the personal data (RODO art. 15)"),
            model=Participant,
            visible=copy_readers,
            organisation=lambda p: p.organisation,
            build=copy_document,
            part="participant-copy",
        )
    )
