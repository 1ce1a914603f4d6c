"""Choosing the LSR creation variant (Sektorowe usługi, zeszyt 2, part IV, variants of creating an LSR).

The criteria are the source's own wording; ``propose_variant`` turns the answers into a proposal
the animator may accept or override (with a reason).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from ksr.procedures.choices import LsrVariant

# (field name, seed wording (Polish, the authority), English rendering, which variant a "yes" supports)
CRITERIA: tuple[tuple[str, str, Any, str], ...] = (
    (
        "partnership_experience",
        "Gmina ma doświadczenia w budowaniu partnerstw lokalnych, w tym także na rzecz zatrudnienia socjalnego",
        _("The gmina has experience in building local partnerships, including for social employment"),
        LsrVariant.CIVIC,
    ),
    (
        "partnership_idea_known",
        "Idea wielosektorowego partnerstwa jest w środowisku znana",
        _("The idea of cross-sector partnership is known locally"),
        LsrVariant.CIVIC,
    ),
    (
        "advanced_participation",
        "Zauważamy zaawansowane procesy partycypacji społecznej",
        _("Advanced processes of social participation can be seen"),
        LsrVariant.CIVIC,
    ),
    (
        "experienced_leaders",
        "Liderzy społeczni mają już doświadczenie w animowaniu relacji partnerskich oraz inicjowaniu szeregu "
        "przedsięwzięć lokalnych",
        _("Community leaders already have experience in animating partnerships and initiating local projects"),
        LsrVariant.CIVIC,
    ),
    (
        "cooperation_schemes",
        "Funkcjonują wypracowane schematy współpracy, służące rozwiązywaniu zdefiniowanych problemów – w tym "
        "społecznych",
        _("Established ways of cooperating on defined problems, including social ones, already work"),
        LsrVariant.CIVIC,
    ),
)
CRITERION_FIELDS = tuple(c[0] for c in CRITERIA)

# What the source says of each variant (shown next to the checklist).
VARIANT_DESCRIPTIONS = {
    LsrVariant.ADMINISTRATIVE: _(
        "For gminas without experience in building local partnerships: the LSR is created by a decision of "
        "the wójt (mayor) or a resolution of the gmina council. Its membership must stay open; the risk is "
        "leaving out NGOs, local leaders or the powiat labour office, outside the wójt's direct management."
    ),
    LsrVariant.CIVIC: _(
        "Where cross-sector partnership is known and community leaders have experience: the leaders, once "
        "they know the LSR idea, bind the three types of stakeholders together; the gmina may point them to "
        "this path and support them."
    ),
}


def propose_variant(answers: Mapping[str, bool]) -> str:
    """The variant the criteria point to.

    Civic needs partnership experience in the gmina AND experienced community leaders AND at least
    one more sign of a mature civic environment; otherwise administrative (the source's default for
    gminas without partnership experience).
    """
    if not answers.get("partnership_experience") or not answers.get("experienced_leaders"):
        return LsrVariant.ADMINISTRATIVE
    more = sum(
        bool(answers.get(f)) for f in ("partnership_idea_known", "advanced_participation", "cooperation_schemes")
    )
    return LsrVariant.CIVIC if more >= 1 else LsrVariant.ADMINISTRATIVE
