"""The catalogue of scenarios of influence (scenariusze oddziaływań) matched to readiness.

The KSR model asks for "a set of scenarios of influence with a set of animation tools and
procedures for measuring the desired change of attitude", the tools matched to readiness
(Fiszka projektu KSR, tasks of milestone 1, tasks of milestone 2). The tools below are drawn from the sources, cited by
title and section:
- Sektorowe usługi, zeszyt 2, part IV, card 1: letter of intent (Sektorowe usługi, zeszyt 2, part IV, card 1) and
information meeting for stakeholders and
  residents (Sektorowe usługi, zeszyt 2, part IV, card 1); Sektorowe usługi, zeszyt 2, part IV, animation-information
  seminar: animation-information seminar, lectures and workshops (Sektorowe usługi, zeszyt 2, part IV, animation-
  information seminar);
  leaders as the "glue" of the civic variant (Sektorowe usługi, zeszyt 2, part IV, variants of creating an LSR); LSR
  variants (Sektorowe usługi, zeszyt 2, part IV, variants of creating an LSR).
- Warianty animacyjne KIS: promotional-educational block — council sessions, meetings with residents, duty hours,
  websites, local media, workshops (Warianty animacyjne KIS, part I.2); scenario of influence: individual negotiations
  with neutral and opponent stakeholders (Warianty animacyjne KIS, part I.2); ZSL set-up (Warianty animacyjne KIS, part
  I.1); draft Pact,
  consultation with all stakeholders and conclusion (Warianty animacyjne KIS, part I.2, part I.1).
Study visits come from the issue's own list of low-readiness tools (no line in the sources).

The readiness score itself is computed by the surveys app (``ksr.surveys.readiness``); this
module only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ksr.animation.choices import ReadinessLevel, ScenarioCode
from ksr.surveys import readiness
from ksr.surveys.models import Survey
from ksr.territory.models import TerritorialUnit


@dataclass(frozen=True)
class Tool:
    name: str | Promise
    source: str


@dataclass(frozen=True)
class Scenario:
    code: str
    level: str
    summary: str | Promise
    tools: tuple[Tool, ...]
    measurement: str | Promise

    @property
    def name(self) -> str:
        return str(ScenarioCode(self.code).label)

    @property
    def level_label(self) -> str:
        return str(ReadinessLevel(self.level).label)


_MEASURE = _(
    "Survey the same institutions before the first activity (baseline) and again on the follow-up date; "
    "compare their readiness."
)

CATALOGUE: dict[str, Scenario] = {
    ScenarioCode.INFORM_AND_WIN_OVER: Scenario(
        code=ScenarioCode.INFORM_AND_WIN_OVER,
        level=ReadinessLevel.LOW,
        summary=_("Make the idea known and win over the first supporters, above all type C institutions."),
        tools=(
            Tool(
                _("Information meetings for institutions and residents"), "Sektorowe usługi, zeszyt 2, cz. IV, karta 1"
            ),
            Tool(
                _("Animation and information seminars (lectures and workshops)"),
                "Sektorowe usługi, zeszyt 2, cz. IV, seminarium animacyjno-informacyjne",
            ),
            Tool(_("Study visits to an operating KIS"), "issue"),
            Tool(
                _("Individual conversations with local leaders"),
                "Sektorowe usługi, zeszyt 2, cz. IV, warianty tworzenia LSR; Warianty animacyjne KIS, cz. I.2",
            ),
            Tool(
                _("Promotion: council sessions, residents' meetings, duty hours, websites, local media"),
                "Warianty animacyjne KIS, cz. I.2",
            ),
        ),
        measurement=_MEASURE,
    ),
    ScenarioCode.JOINT_DIAGNOSIS: Scenario(
        code=ScenarioCode.JOINT_DIAGNOSIS,
        level=ReadinessLevel.MEDIUM,
        summary=_("Turn interest into commitment: a joint diagnosis and a working group of stakeholders."),
        tools=(
            Tool(
                _("Letter of intent to institutions, NGOs and leaders"), "Sektorowe usługi, zeszyt 2, cz. IV, karta 1"
            ),
            Tool(
                _("Negotiations with neutral and opponent stakeholders (scenario of influence)"),
                "Warianty animacyjne KIS, cz. I.2",
            ),
            Tool(_("Setting up the local cooperation team (ZSL)"), "Warianty animacyjne KIS, cz. I.1"),
            Tool(
                _("Seminar workshops on the shape of the local network"),
                "Sektorowe usługi, zeszyt 2, cz. IV, seminarium animacyjno-informacyjne",
            ),
            Tool(_("Training cycles and workshops by topic"), "Warianty animacyjne KIS, cz. I.2"),
        ),
        measurement=_MEASURE,
    ),
    ScenarioCode.BUILD_PARTNERSHIP: Scenario(
        code=ScenarioCode.BUILD_PARTNERSHIP,
        level=ReadinessLevel.HIGH,
        summary=_("Formalise the cooperation and bring the new KIS into being."),
        tools=(
            Tool(_("Partnership workshops"), "Sektorowe usługi, zeszyt 2, cz. IV, seminarium animacyjno-informacyjne"),
            Tool(_("Drafting the partnership agreement (Pact)"), "Warianty animacyjne KIS, cz. I.2"),
            Tool(_("Consulting the draft with all stakeholders"), "Warianty animacyjne KIS, cz. I.2"),
            Tool(
                _("Choosing the variant of creating the local network"),
                "Sektorowe usługi, zeszyt 2, cz. IV, warianty tworzenia LSR",
            ),
            Tool(_("Concluding the agreement"), "Warianty animacyjne KIS, cz. I.1, cz. I.2"),
        ),
        measurement=_MEASURE,
    ),
}

_BY_LEVEL = {scenario.level: scenario.code for scenario in CATALOGUE.values()}


def propose_scenario(level: str | None) -> str | None:
    """The scenario the product proposes for a readiness ``level`` ("low"/"medium"/"high").

    No level (no survey yet) proposes nothing; an unknown level is a programming error.
    """
    if level is None or level == "":
        return None
    if level not in _BY_LEVEL:
        raise ValueError(f"unknown readiness level: {level!r}")
    return _BY_LEVEL[level]


def _survey(gmina: TerritorialUnit, reference: str) -> Survey | None:
    """The gmina's survey named by ``reference`` (its id), or None."""
    reference = (reference or "").strip()
    if not reference.isdigit():
        return None
    return Survey.objects.filter(gmina=gmina, pk=int(reference)).first()


def attitude_change(gmina: TerritorialUnit, before_survey: str, after_survey: str) -> dict[str, Any] | None:
    """The change of attitude between the baseline and follow-up surveys (ids of surveys of the gmina).

    Computed by ``ksr.surveys.readiness.attitude_change``; None while either survey is missing.
    """
    before, after = _survey(gmina, before_survey), _survey(gmina, after_survey)
    if before is None or after is None:
        return None
    return readiness.attitude_change(gmina, before, after)
