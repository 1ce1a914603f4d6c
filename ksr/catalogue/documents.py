"""The attendance list of a class (with a signature column) and the KIS graduate certificate as
documents (PDF, ODT; ``ksr.documents``)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ksr.cases.choices import CaseStatus
from ksr.cases.documents import participant_rows
from ksr.cases.models import Case
from ksr.catalogue.models import Activity, Attendance, Certificate
from ksr.catalogue.querysets import holder_ids
from ksr.core.types import AnyUser
from ksr.documents.blocks import Block, KeyValues, Paragraph, Signatures, Table, field_rows, shown
from ksr.documents.registry import DocumentKind, register_document

ROSTER_STATUSES = (CaseStatus.QUALIFIED, CaseStatus.ACTIVE)


def attendance_document(activity: Activity, user: AnyUser) -> tuple[str, list[Block]]:
    """The class's roster — the holder's qualified and active cases and anyone already marked —
    with the attendance marked so far and an empty column for each participant's signature."""
    marks = {
        a.case_id: a.get_status_display()
        for a in Attendance.objects.filter(activity=activity).only("case_id", "status")
    }
    roster = (
        Case.objects.filter(organisation_id=activity.edition.organisation_id)
        .filter(Q(status__in=ROSTER_STATUSES) | Q(pk__in=list(marks)))
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "id")
    )
    rows = [
        [str(n), f"{c.participant.last_name} {c.participant.first_name}", str(marks.get(c.pk, "")), ""]
        for n, c in enumerate(roster, start=1)
    ]
    blocks: list[Block] = [
        KeyValues(
            [
                (_("KIS/CIS"), str(activity.edition.organisation)),
                *field_rows(activity.edition, ["name"]),
                *field_rows(activity, ["date", "topic", "service", "hours", "mode", "leader"]),
            ]
        ),
        Table(
            [_("No."), _("Participant"), _("Attendance"), _("Signature")],
            rows or [["", _("Nobody is on the list."), "", ""]],
            (1, 7, 3, 6),
        ),
        Signatures([_("The class leader")]),
    ]
    return str(_("Attendance list")), blocks


def certificate_document(certificate: Certificate, user: AnyUser) -> tuple[str, list[Block]]:
    case = certificate.case
    number = getattr(certificate, "number", "") or ""
    blocks: list[Block] = [
        KeyValues([(_("Certificate number"), number), *participant_rows(case.participant)]),
        Paragraph(
            _(
                "%(organisation)s certifies that the person named above took part in its social integration "
                "programme and completed it as a graduate of the social integration club."
            )
            % {"organisation": case.organisation}
        ),
        KeyValues(
            [
                *field_rows(case, ["admitted_on", "graduated_at"], skip_empty=True),
                (_("Months of participation"), shown(certificate.months_attended)),
                *field_rows(certificate, ["issued_on"]),
            ]
        ),
        Signatures([_("The manager of the KIS")]),
    ]
    return str(_("KIS graduate certificate")), blocks


def register_documents() -> None:
    register_document(
        DocumentKind(
            code="LISTA",
            label=gettext_lazy("Attendance list"),
            model=Activity,
            # the roster names participants: only the holder's staff print it
            visible=lambda user: Activity.objects.filter(edition__organisation_id__in=holder_ids(user)).select_related(
                "edition__organisation", "service"
            ),
            organisation=lambda a: a.edition.organisation,
            build=attendance_document,
            part="attendance",
        )
    )
    register_document(
        DocumentKind(
            code="ZASWIADCZENIE",
            label=gettext_lazy("KIS graduate certificate"),
            model=Certificate,
            visible=lambda user: Certificate.objects.visible_to(user).select_related(
                "case__participant", "case__organisation"
            ),
            organisation=lambda c: c.case.organisation,
            build=certificate_document,
            part="certificate",
            subject=lambda c: c.case,
        )
    )
