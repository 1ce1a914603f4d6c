"""The minutes of a cooperation forum meeting as a document (PDF, ODT; ``ksr.documents``), issued
by the network's main node."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ksr.cooperation.models import ActionItem, AgendaItem, Attendance, Decision, Meeting
from ksr.core.types import AnyUser
from ksr.documents.blocks import Block, Heading, KeyValues, Paragraph, Signatures, Table, field_rows, shown
from ksr.documents.registry import DocumentKind, register_document


def minutes_document(meeting: Meeting, user: AnyUser) -> tuple[str, list[Block]]:
    attendance = Attendance.objects.filter(meeting=meeting).select_related("organisation", "representative")
    agenda = AgendaItem.objects.filter(meeting=meeting).order_by("order", "id")
    decisions = Decision.objects.filter(meeting=meeting).order_by("id")
    actions = ActionItem.objects.filter(meeting=meeting).select_related("owner").order_by("due_on", "id")
    blocks: list[Block] = [
        KeyValues(
            [
                (_("Forum of"), str(meeting.forum.network)),
                *field_rows(meeting, ["kind", "title", "planned_on", "held_on", "place", "status"], skip_empty=True),
            ]
        ),
        Heading(_("Present")),
        Table(
            [_("No."), _("Organisation"), _("Representative"), _("Signature")],
            [
                [str(n), a.organisation.name, str(a.representative) if a.representative_id else "", ""]
                for n, a in enumerate(attendance, start=1)
            ]
            or [["", _("No attendance recorded."), "", ""]],
            (1, 7, 5, 4),
        ),
        Heading(_("Agenda")),
        *([Paragraph("\n".join(f"{n}. {a.title}" for n, a in enumerate(agenda, start=1)))] if agenda else []),
    ]
    if meeting.minutes:
        blocks += [Heading(_("Course of the meeting")), Paragraph(meeting.minutes)]
    figures = field_rows(
        meeting,
        ["participants_active", "participants_admitted", "participants_exited", "participants_with_outcome"],
        skip_empty=True,
    )
    if figures:
        blocks += [Heading(_("Figures reported")), KeyValues(figures)]
    if meeting.report_problems:
        blocks += [Paragraph(meeting.report_problems)]
    blocks += [
        Heading(_("Decisions")),
        Table(
            [_("No."), _("Decision"), _("Taken"), _("For / against / abstaining")],
            [
                [
                    str(n),
                    d.text,
                    str(d.get_method_display()),
                    " / ".join(shown(v) for v in (d.votes_for, d.votes_against, d.votes_abstain))
                    if d.votes_for is not None
                    else "",
                ]
                for n, d in enumerate(decisions, start=1)
            ]
            or [["", _("No decisions."), "", ""]],
            (1, 8, 3, 4),
        ),
        Heading(_("Actions agreed")),
        Table(
            [_("No."), _("Action"), _("Owner"), _("Due date"), _("Status")],
            [
                [str(n), a.title, a.owner.name, shown(a.due_on), str(a.get_status_display())]
                for n, a in enumerate(actions, start=1)
            ]
            or [["", _("No actions."), "", "", ""]],
            (1, 7, 5, 3, 3),
        ),
        Signatures([_("The chair"), _("The minute-taker")]),
    ]
    return str(_("Minutes of the forum meeting")), blocks


def register_documents() -> None:
    register_document(
        DocumentKind(
            code="PROTOKOL",
            label=gettext_lazy("Minutes of the meeting"),
            model=Meeting,
            visible=lambda user: (
                Meeting.objects.visible_to(user)
                .filter(forum__network__main_node__isnull=False)
                .select_related("forum__network__main_node")
            ),
            organisation=lambda m: m.forum.network.main_node,
            build=minutes_document,
            part="minutes",
        )
    )
