"""The user-facing glossary of the network's terms (the code's own glossary is docs/glossary.md).

Each term is given as the publications give it (Polish names and abbreviations stay Polish in
both languages), with a plain explanation that is translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    abbreviation: str
    name: str
    explanation: Promise


TERMS: tuple[Term, ...] = (
    Term(
        "CIS",
        "centrum integracji społecznej",
        _(
            "A social integration centre: vocational and social reintegration in workshops, with an integration "
            "benefit, for up to 24 months; its status is granted by the voivode."
        ),
    ),
    Term(
        "IPD",
        "Indywidualny Plan Działania",
        _(
            "The individual action plan of a participant, agreed with the case manager after the diagnosis of the "
            "reintegration potential."
        ),
    ),
    Term(
        "IPZS",
        "indywidualny program zatrudnienia socjalnego",
        _("The individual social-employment programme a CIS participant signs."),
    ),
    Term(
        "KIS",
        "klub integracji społecznej",
        _(
            "A social integration club: a local place of social and vocational reintegration, the main node of its "
            "local network."
        ),
    ),
    Term(
        "KOWR",
        "Krajowy Ośrodek Współpracy na rzecz Reintegracji",
        _("The national cooperation centre, the main node of the national network."),
    ),
    Term("KSR", "Krajowa Sieć Reintegracji", _("The National Reintegration Network of local and regional networks.")),
    Term(
        "LSR",
        "Lokalna Sieć na rzecz Reintegracji",
        _("The local reintegration network of a gmina, led by its KIS, bound by partnerships, a pact and a forum."),
    ),
    Term(
        "MLW",
        "Model Lokalnej Współpracy",
        _("The Local Cooperation Model: how a gmina's institutions work together; its pact is signed by them."),
    ),
    Term(
        "OPS",
        "ośrodek pomocy społecznej",
        _("The gmina's social assistance centre; it refers people to the club and agrees their admission to a CIS."),
    ),
    Term(
        "OSAR",
        "Ośrodek Sektorowej Animacji Reintegracji",
        _("The national centre that trains and examines the regional animators."),
    ),
    Term(
        "PUP",
        "powiatowy urząd pracy",
        _("The county labour office, a partner of the club in vocational reintegration."),
    ),
    Term(
        "ROPS",
        "regionalny ośrodek polityki społecznej",
        _("The regional social policy centre at the voivodeship's marshal office."),
    ),
    Term(
        "ROWR",
        "Regionalny Ośrodek Współpracy na rzecz Reintegracji",
        _("The regional cooperation centre at the ROPS, the main node of the regional network."),
    ),
    Term(
        "RPW",
        "Regionalna Platforma Współpracy",
        _("The regional cooperation platform that gathers the region's institutions."),
    ),
    Term(
        "RSR",
        "Regionalna Sieć na rzecz Reintegracji",
        _("The regional reintegration network joining the local networks of a voivodeship."),
    ),
    Term(
        "UZS",
        "ustawa o zatrudnieniu socjalnym",
        _("The social employment act of 13 June 2003, the legal basis of KIS and CIS."),
    ),
    Term(
        "ZRAR",
        "Zespół Regionalnych Animatorów Reintegracji",
        _("A team of at least three regional animators who prepare gminas to create clubs and networks."),
    ),
    Term(
        "ZSL",
        "Zespół Synergii Lokalnej",
        _("The Local Synergy Team that prepares and keeps the Local Cooperation Model in a gmina."),
    ),
    Term(
        "",
        "case manager",
        _("The club's worker who leads a participant through the whole support, as the publications call it."),
    ),
    Term(
        "",
        "helper",
        _(
            "The club's staff member responsible for a participant; with the participant, they consent to sharing "
            "data with a partner."
        ),
    ),
    Term(
        "",
        "kontrakt socjalny",
        _("The social contract: the written agreement of the participant and the club on their goals and duties."),
    ),
    Term(
        "",
        "karta usług doradczych",
        _("The consulting services card: the record of every advice given, only ever added to."),
    ),
    Term(
        "",
        "nowy profil usług",
        _(
            "The new service profile: general education, culture and heritage, health prevention, sport and "
            "recreation, given with partners."
        ),
    ),
    Term(
        "",
        "interesariusz typu A, B, C",
        _(
            "Stakeholder types: reintegration is the main goal (A), one of the goals (B) or not a goal (C) of the "
            "institution."
        ),
    ),
    Term(
        "",
        "potencjał reintegracyjny",
        _("The reintegration potential: what the participant can build on, diagnosed before the plan is set."),
    ),
    Term("", "monitoring po 6 miesiącach", _("The follow-up six months after a participant leaves the club.")),
    Term(
        "",
        "absolwent KIS",
        _(
            "A KIS graduate: a participant with at least six months of actual participation, who receives a "
            "certificate."
        ),
    ),
)
