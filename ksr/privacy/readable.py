"""The participant's copy of their data (RODO art. 15) as a readable document: sections with
labels (the fields' verbose names), shown values (choices' labels, dates as dd.mm.rrrr), for the
printable page and the PDF.

Each section is one kind of record, with the records held about the participant; the sections
name the apps' models (this app reads cases, plans and catalogue). A registered exporter
(``ksr.privacy.registry``) whose data no section covers is still shown, under its own heading,
with its keys as labels, so the copy never leaves out what an app holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ksr.cases import models as cases
from ksr.catalogue import models as catalogue
from ksr.documents.blocks import Block, Heading, KeyValues, Paragraph, field_label, field_value, shown
from ksr.plans import models as plans
from ksr.privacy.models import Consent
from ksr.privacy.registry import exporters

# Fields no reader needs: keys, bookkeeping and the links back to the participant or the case.
SKIPPED = {"id", "created_by", "updated_by", "updated_at", "participant", "case", "organisation", "name_folded"}

# (model, path from the model to the participant); the section's title is the model's plural name.
SECTIONS: tuple[tuple[type[models.Model], str], ...] = (
    (cases.ParticipantEligibility, "participant"),
    (cases.Case, "participant"),
    (cases.Referral, "participant"),
    (cases.FollowUp, "case__participant"),
    (Consent, "participant"),
    (plans.Contract, "case__participant"),
    (plans.ContractVersion, "contract__case__participant"),
    (plans.ContractReview, "contract__case__participant"),
    (plans.SanctionDecision, "contract__case__participant"),
    (plans.ActionPlan, "case__participant"),
    (plans.PlanGoal, "plan__case__participant"),
    (plans.PotentialAssessment, "case__participant"),
    (plans.ServiceCardEntry, "case__participant"),
    (plans.OutcomeAssessment, "case__participant"),
    (plans.OutcomeEvent, "case__participant"),
    (catalogue.Booking, "case__participant"),
    (catalogue.Attendance, "case__participant"),
    (catalogue.SupportInstrument, "case__participant"),
    (catalogue.Certificate, "case__participant"),
)
# The exporters whose data the sections above cover.
COVERED_EXPORTERS = {"participant", "consents", "plans", "catalogue"}


@dataclass
class Item:
    title: str
    rows: list[tuple[str, str]]


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)


def _value(obj: models.Model, f: Any) -> str:
    if isinstance(f, models.JSONField):
        value = getattr(obj, f.name)
        if isinstance(obj, Consent) and f.name == "data_scope":
            return ", ".join(obj.scope_labels()) or "—"
        if isinstance(value, list):
            return ", ".join(shown(v) for v in value) or "—"
        return shown(value)
    return field_value(obj, f.name)


def record_rows(obj: models.Model, *, skip: set[str] = SKIPPED) -> list[tuple[str, str]]:
    """Every filled field of ``obj`` but the bookkeeping, labelled and shown for a reader."""
    rows = []
    for f in obj._meta.concrete_fields:
        if f.name in skip or f.name.endswith("_ptr"):
            continue
        value = _value(obj, f)
        if value == "—":
            continue
        rows.append((field_label(type(obj), f.name), value))
    return rows


def _plain_rows(data: Any, prefix: str = "") -> list[tuple[str, str]]:
    """An exporter's dict as rows, its keys made into words (for exporters no section covers)."""
    if isinstance(data, dict):
        out = []
        for key, value in data.items():
            label = capfirst(str(key).replace("_", " "))
            out += _plain_rows(value, f"{prefix}{label}: " if isinstance(value, dict | list) else "") or []
            if not isinstance(value, dict | list):
                out.append((prefix + label, shown(value)))
        return out
    if isinstance(data, list):
        out = []
        for n, value in enumerate(data, start=1):
            out += (
                _plain_rows(value, f"{prefix}{n}. ")
                if isinstance(value, dict | list)
                else [(f"{prefix}{n}", shown(value))]
            )
        return out
    return [(prefix.rstrip(": "), shown(data))]


def readable_copy(participant: cases.Participant) -> list[Section]:
    personal = Section(_("The participant's personal data"))
    personal.items.append(
        Item(
            str(participant),
            [
                (_("Held by"), str(participant.organisation)),
                *record_rows(participant, skip=SKIPPED | {"anonymised_at"}),
            ],
        )
    )
    out = [personal]
    for model, path in SECTIONS:
        records = list(model._default_manager.filter(**{path: participant}))
        if not records:
            continue
        section = Section(capfirst(str(model._meta.verbose_name_plural)))
        for n, obj in enumerate(records, start=1):
            name = str(obj)
            if name == str(participant):  # a case is named after its participant: say what it is instead
                name = capfirst(str(model._meta.verbose_name))
            section.items.append(Item(f"{n}. {name}", record_rows(obj)))
        out.append(section)
    for name, export in exporters().items():
        if name in COVERED_EXPORTERS:
            continue
        rows = _plain_rows(export(participant))
        if rows:
            out.append(Section(capfirst(name.replace("_", " ")), [Item("", rows)]))
    return out


def copy_blocks(participant: cases.Participant, sections: list[Section]) -> list[Block]:
    blocks: list[Block] = [
        Paragraph(
            _(
                "Everything recorded in KSR about %(name)s, held by %(holder)s: the copy of the data the "
                "participant has the right to receive (RODO art. 15 ust. 3)."
            )
            % {"name": participant, "holder": participant.organisation}
        )
    ]
    for section in sections:
        blocks.append(Heading(section.title))
        for item in section.items:
            if item.title:
                blocks.append(Paragraph(item.title))
            blocks.append(KeyValues(item.rows))
    return blocks
