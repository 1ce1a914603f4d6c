"""The catalogue of scenarios of influence (scenariusze oddziaływań) matched to readiness.

The KSR model asks for "a set of scenarios of influence with a set of animation tools and
procedures for measuring the desired change of attitude", the tools matched to readiness
(003.md L145, L149, L171). The tools below are drawn from the sources, cited by line:
- 000.md §3.3 Card 1: letter of intent (L850) and information meeting for stakeholders and
  residents (L851); §3.13/§4.5: animation-information seminar, lectures and workshops (L1348–1364);
  leaders as the "glue" of the civic variant (L618, L622, L651); LSR variants (L616–651).
- 004.md: promotional-educational block — council sessions, meetings with residents, duty hours,
  websites, local media, workshops (L616–652); scenario of influence: individual negotiations
  with neutral and opponent stakeholders (L669–756); ZSL set-up (L285–358); draft Pact,
  consultation with all stakeholders and conclusion (L402–405, L841–872, L250–256).
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
            Tool(_("Information meetings for institutions and residents"), "000.md L851"),
            Tool(_("Animation and information seminars (lectures and workshops)"), "000.md L1348–1364"),
            Tool(_("Study visits to an operating KIS"), "issue"),
            Tool(_("Individual conversations with local leaders"), "000.md L618, L622, L651; 004.md L669–756"),
            Tool(
                _("Promotion: council sessions, residents' meetings, duty hours, websites, local media"),
                "004.md L616–652",
            ),
        ),
        measurement=_MEASURE,
    ),
    ScenarioCode.JOINT_DIAGNOSIS: Scenario(
        code=ScenarioCode.JOINT_DIAGNOSIS,
        level=ReadinessLevel.MEDIUM,
        summary=_("Turn interest into commitment: a joint diagnosis and a working group of stakeholders."),
        tools=(
            Tool(_("Letter of intent to institutions, NGOs and leaders"), "000.md L850"),
            Tool(_("Negotiations with neutral and opponent stakeholders (scenario of influence)"), "004.md L669–756"),
            Tool(_("Setting up the local cooperation team (ZSL)"), "004.md L285–358"),
            Tool(_("Seminar workshops on the shape of the local network"), "000.md L1362"),
            Tool(_("Training cycles and workshops by topic"), "004.md L616–652"),
        ),
        measurement=_MEASURE,
    ),
    ScenarioCode.BUILD_PARTNERSHIP: Scenario(
        code=ScenarioCode.BUILD_PARTNERSHIP,
        level=ReadinessLevel.HIGH,
        summary=_("Formalise the cooperation and bring the new KIS into being."),
        tools=(
            Tool(_("Partnership workshops"), "000.md L1362"),
            Tool(_("Drafting the partnership agreement (Pact)"), "004.md L402–405, L841–851"),
            Tool(_("Consulting the draft with all stakeholders"), "004.md L852–872"),
            Tool(_("Choosing the variant of creating the local network"), "000.md L616–651"),
            Tool(_("Concluding the agreement"), "004.md L250–256, L850"),
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
