"""Demo data of the surveys app, built through the services on top of the foundation demo.

Surveys in several gminas of the demo voivodeships with differing readiness (high, medium,
low), answered online (open window) and on paper, interviews (IDI and FGI), and one gmina
surveyed twice (an earlier, closed survey answered on paper, then a repeat) showing a change
in attitudes.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from ksr.core.types import AnyUser
from ksr.registry.models import Organisation
from ksr.surveys.models import Survey
from ksr.surveys.services import (
    do_create_interview,
    do_create_survey,
    do_record_paper_response,
    do_submit_response,
)
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

# Probability of YES at Q2, Q3, Q4, Q5, Q7, Q9 per profile.
PROFILES = {
    "high": (0.9, 0.8, 0.8, 0.95, 0.9, 0.95),
    "medium": (0.5, 0.5, 0.4, 0.8, 0.5, 0.6),
    "low": (0.1, 0.2, 0.1, 0.4, 0.2, 0.15),
}
GOALS = ["aktywizacja zawodowa osób bezrobotnych", "wsparcie rodzin", "integracja seniorów", "profilaktyka uzależnień"]
ACTIVITIES = [
    "kursy zawodowe",
    "prace społecznie użyteczne",
    "klub seniora",
    "zajęcia sportowe dla młodzieży",
    "poradnictwo psychologiczne",
    "warsztaty w bibliotece",
    "staże u pracodawców",
    "wolontariat",
]
INSTITUTIONS = ["OPS", "PUP", "szkoła podstawowa", "biblioteka", "parafia", "stowarzyszenie lokalne", "pracodawcy"]
FEATURES = [
    "zaufanie i regularne spotkania",
    "jasny podział zadań",
    "wspólne cele i informacja",
    "otwartość na nowych partnerów",
]
TOPICS = [
    "bezrobocie długotrwałe",
    "uzależnienia",
    "samotność osób starszych",
    "bezdomność",
    "ubóstwo rodzin z dziećmi",
]
CATEGORIES = ["1", "2", "3", "4", "5", "6", "7", "10", "10", "2", "11", "8"]


def _sheet(rng: random.Random, profile: str) -> dict[str, Any]:
    p2, p3, p4, p5, p7, p9 = PROFILES[profile]

    def yn(p: float) -> str:
        return "yes" if rng.random() < p else "no"

    data: dict[str, Any] = {"q1_category": rng.choice(CATEGORIES), "q2_answer": yn(p2)}
    if data["q2_answer"] == "yes":
        data |= {
            "q2_goals_1": rng.choice(GOALS),
            "q3_answer": yn(p3),
            "q4_answer": yn(p4),
            "q4_items_1": rng.choice(ACTIVITIES),
        }
    data["q5_answer"] = yn(p5)
    if data["q5_answer"] == "yes":
        for i, name in enumerate(rng.sample(INSTITUTIONS, 3), 1):
            data[f"q5_items_{i}"] = name
    else:
        data["q5_argument"] = "brak potrzeby, działania prowadzi OPS"
    for i, name in enumerate(rng.sample(ACTIVITIES, 3), 1):
        data[f"q6_items_{i}"] = name
    data["q7_answer"] = yn(p7)
    data["q8_items_1"] = rng.choice(ACTIVITIES)
    data["q9_answer"] = yn(p9)
    if data["q9_answer"] == "yes":
        data["q9_areas_1"] = rng.choice(ACTIVITIES)
    else:
        data["q9_why_not"] = "brak kadr i środków"
    data["q10_text"] = rng.choice(FEATURES)
    data["q11_items_1"] = rng.choice(TOPICS)
    return data


def _gminas(voivodeship: str, n: int) -> list[TerritorialUnit]:
    seats = (
        Organisation.objects.filter(seat__code__startswith=voivodeship, seat__level=UnitLevel.GMINA)
        .values_list("seat_id", flat=True)
        .distinct()
    )
    return list(TerritorialUnit.objects.filter(pk__in=seats).order_by("code")[:n])


def _interviews(rng: random.Random, gmina: TerritorialUnit, survey: Survey, rating: int, actor: AnyUser) -> int:
    orgs = list(Organisation.objects.filter(seat=gmina).order_by("pk")[:2])
    today = timezone.localdate()
    made = 0
    for org in orgs:
        do_create_interview(
            gmina=gmina,
            survey=survey,
            kind="idi",
            held_on=today - dt.timedelta(days=rng.randint(1, 5)),
            duration_minutes=rng.choice([45, 50, 55, 60]),
            moderator="Grażyna Animatorska",
            institution=org,
            participants=["osoba zarządzająca", "pracownik merytoryczny"],
            rating=rating,
            notes={
                "intro": "Przedstawiono cel badania i zasady wywiadu.",
                "part1": "Respondenci znają partnerstwo z działań OPS.",
                "part3": "Deklarują udział w LSR; mogą udostępnić salę i kadrę.",
                "part4": "Bariery: brak środków, rotacja kadr.",
            },
            actor=actor,
        )
        made += 1
    do_create_interview(
        gmina=gmina,
        survey=survey,
        kind="fgi",
        held_on=today - dt.timedelta(days=2),
        duration_minutes=rng.choice([75, 90, 110]),
        moderator="Grażyna Animatorska",
        participants=[f"przedstawiciel instytucji {i}" for i in range(1, 9)],
        rating=rating,
        notes={"part2": "Pojęcie zatrudnienia socjalnego znane nielicznym."},
        actor=actor,
    )
    return made + 1


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    today = timezone.localdate()
    plan = [("high", 5), ("medium", 4), ("low", 2)]
    gminas = _gminas("14", 3) + _gminas("12", 2)
    surveys = responses = interviews = 0
    for index, gmina in enumerate(gminas):
        profile, rating = plan[index % len(plan)]
        earlier = None
        if index == 0:
            # The repeated survey: this gmina was surveyed before (on paper), when readiness was low.
            earlier = do_create_survey(
                gmina=gmina,
                title=f"Badanie wstępne – {gmina.name}",
                starts_on=today - dt.timedelta(days=20),
                ends_on=today - dt.timedelta(days=13),
                actor=actor,
            )
            surveys += 1
            for _ in range(8):
                do_record_paper_response(earlier, _sheet(rng, "low"), actor=actor)
                responses += 1
        survey = do_create_survey(
            gmina=gmina,
            title=f"Badanie gotowości do współpracy – {gmina.name}",
            starts_on=today - dt.timedelta(days=3),
            ends_on=today + dt.timedelta(days=4),
            repeat_of=earlier,
            actor=actor,
        )
        surveys += 1
        for n in range(rng.randint(8, 12) * max(scale, 1)):
            sheet = _sheet(rng, profile)
            if n % 4 == 0:
                do_record_paper_response(survey, sheet, actor=actor)
            else:
                do_submit_response(survey, sheet)
            responses += 1
        interviews += _interviews(rng, gmina, survey, rating, actor)
    return f"surveys: {surveys} surveys in {len(gminas)} gminas, {responses} responses, {interviews} interviews"
