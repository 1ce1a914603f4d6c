"""The contracts (social contract, internal agreement, IPZS), the individual action plan and the
consulting services card as documents (PDF, ODT; ``ksr.documents``)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ksr.cases.documents import participant_rows, person
from ksr.cases.models import Case
from ksr.cases.special import hidden_fields
from ksr.core.types import AnyUser
from ksr.documents.blocks import Block, Heading, KeyValues, Paragraph, Signatures, Table, field_rows, shown
from ksr.documents.registry import DocumentKind, register_document
from ksr.plans.choices import CardPart, ContractKind
from ksr.plans.models import ActionPlan, Contract, PlanGoal, ServiceCardEntry


def contract_document(contract: Contract, user: AnyUser) -> tuple[str, list[Block]]:
    case = contract.case
    version = contract.versions.select_related("worker").order_by("-number").first()
    blocks: list[Block] = [
        KeyValues(
            [
                (_("KIS/CIS"), str(case.organisation)),
                *participant_rows(case.participant),
                (_("Case manager"), person(case.case_manager)),
                *field_rows(contract, ["status", "next_review_on"], skip_empty=True),
            ]
        )
    ]
    if version is not None:
        blocks += [
            KeyValues(field_rows(version, ["number", "valid_from"])),
            Heading(_("Agreed goals, actions and obligations")),
            Paragraph(version.content),
        ]
        if version.participant_words:
            blocks += [Heading(_("In the participant's own words")), Paragraph(version.participant_words)]
        if version.participant_signed_on or version.worker_signed_on:
            blocks.append(
                KeyValues(field_rows(version, ["participant_signed_on", "worker_signed_on"], skip_empty=True))
            )
    worker = person(version.worker if version and version.worker_id else case.case_manager)
    blocks.append(Signatures([_("The participant"), _("For the KIS/CIS: %(name)s") % {"name": worker}]))
    return str(contract.get_kind_display()), blocks


def plan_document(plan: ActionPlan, user: AnyUser) -> tuple[str, list[Block]]:
    case = plan.case
    blocks: list[Block] = [
        KeyValues(
            [
                (_("KIS/CIS"), str(case.organisation)),
                *participant_rows(case.participant),
                (_("Case manager"), person(case.case_manager)),
                *field_rows(plan, ["status", "set_on", "sectors"]),
            ]
        )
    ]
    if plan.diagnosis_summary:
        blocks += [Heading(_("Summary of the diagnosis and observation")), Paragraph(plan.diagnosis_summary)]
    if plan.participant_words:
        blocks += [Heading(_("In the participant's own words")), Paragraph(plan.participant_words)]
    goals = list(PlanGoal.objects.filter(plan=plan).select_related("sector").order_by("start_on", "id"))
    blocks += [
        Heading(_("Goals and actions")),
        Table(
            [_("Goal"), _("Actions"), _("Sector"), _("Start"), _("Due"), _("Achieved on")],
            [
                [g.goal, g.actions, shown(g.sector), shown(g.start_on), shown(g.due_on), shown(g.achieved_on)]
                for g in goals
            ]
            or [[_("No goals yet."), "", "", "", "", ""]],
            (4, 5, 3, 2, 2, 2),
        ),
        Signatures([_("The participant"), _("The case manager")]),
    ]
    return str(_("Individual action plan (IPD)")), blocks


def card_document(case: Case, user: AnyUser) -> tuple[str, list[Block]]:
    """The card's entries, each with what this reader may see of it (special categories: ADR 0010)."""
    entries = list(ServiceCardEntry.objects.filter(case=case).select_related("author").order_by("entered_on", "id"))
    blocks: list[Block] = [
        KeyValues(
            [
                (_("KIS/CIS"), str(case.organisation)),
                *participant_rows(case.participant),
                (_("Case manager"), person(case.case_manager)),
            ]
        )
    ]
    for part in (CardPart.GENERAL, CardPart.DETAILED):
        blocks.append(Heading(str(part.label)))
        own = [e for e in entries if e.part == part]
        if not own:
            blocks.append(Paragraph(_("No entries.")))
        for entry in own:
            entry.case = case
            title = _("Entry of %(date)s by %(author)s") % {
                "date": shown(entry.entered_on),
                "author": person(entry.author),
            }
            if entry.corrects_id:
                title += " — " + _("correction: %(reason)s") % {"reason": entry.correction_reason}
            rows = [(str(label), shown(value)) for label, value in entry.filled_fields(hidden_fields(user, entry))]
            rows.append(
                (_("Signed by the participant"), shown(entry.participant_signed_on or entry.participant_signed))
            )
            blocks += [Paragraph(title), KeyValues(rows)]
    blocks.append(Signatures([_("The participant"), _("The case manager")]))
    return str(_("Consulting services card")), blocks


def _contract_kind(code: str, kind: ContractKind, label: str | Promise) -> DocumentKind:
    return DocumentKind(
        code=code,
        label=label,
        model=Contract,
        visible=lambda user: (
            Contract.objects.visible_to(user)
            .filter(kind=kind)
            .select_related("case__participant", "case__organisation", "case__case_manager")
        ),
        organisation=lambda c: c.case.organisation,
        build=contract_document,
        part="plan",
        subject=lambda c: c.case,
        applies=lambda c: c.kind == kind,
    )


def register_documents() -> None:
    register_document(_contract_kind("KONTRAKT", ContractKind.SOCIAL_CONTRACT, gettext_lazy("Social contract")))
    register_document(
        _contract_kind("POROZUMIENIE", ContractKind.INTERNAL_AGREEMENT, gettext_lazy("Internal agreement"))
    )
    register_document(_contract_kind("IPZS", ContractKind.IPZS, gettext_lazy("Individual social employment programme")))
    register_document(
        DocumentKind(
            code="IPD",
            label=gettext_lazy("Individual action plan"),
            model=ActionPlan,
            visible=lambda user: (
                ActionPlan.objects.visible_to(user)
                .select_related("case__participant", "case__organisation", "case__case_manager")
                .prefetch_related("sectors")
            ),
            organisation=lambda p: p.case.organisation,
            build=plan_document,
            part="plan",
            subject=lambda p: p.case,
        )
    )
    register_document(
        DocumentKind(
            code="KARTA",
            label=gettext_lazy("Consulting services card"),
            model=Case,
            visible=lambda user: Case.objects.visible_to(user).select_related(
                "participant", "organisation", "case_manager"
            ),
            organisation=lambda c: c.organisation,
            build=card_document,
            part="card",
        )
    )
