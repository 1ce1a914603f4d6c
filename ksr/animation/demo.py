"""Demo data of the animation app, written through its services on top of the foundation demo.

Per demo voivodeship (14, 12): a ZRAR team hosted by the ROPS with animators trained and
examined by OSAR; in 14 the team is valid (social assistance, labour market, KIS, NGO), in 12
all members come from social assistance, so the team is flagged for lacking mixed origin.
Scenarios are chosen in several gminas, events logged, and KIS advised (one adopts the new profile).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from ksr.accounts.models import User
from ksr.animation import services
from ksr.animation.choices import AnimatorStatus, EventKind, ExamResult, ScenarioCode
from ksr.animation.models import Animator, ZrarTeam
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind as K
from ksr.registry.models import Organisation
from ksr.territory.models import TerritorialUnit

MODULES = [
    "Sektorowe usługi reintegracji społecznej i zawodowej",
    "Animacja lokalnej sieci współpracy",
    "Badanie gotowości instytucji do współpracy",
    "Scenariusze oddziaływań i narzędzia animacji",
]
NAMES = ["Anna Kowalczyk", "Piotr Zieliński", "Ewa Wójcik", "Tomasz Dąbrowski", "Maria Lewandowska", "Paweł Nowak"]
ORIGINS = {"14": (K.OPS, K.PUP, K.KIS, K.ASSOCIATION), "12": (K.OPS, K.PCPR, K.OPS)}
LEVEL_TO_SCENARIO = [ScenarioCode.INFORM_AND_WIN_OVER, ScenarioCode.JOINT_DIAGNOSIS, ScenarioCode.BUILD_PARTNERSHIP]


def _first(kind: str, code: str, rng: random.Random, used: set[int]) -> Organisation | None:
    candidates = [
        o
        for o in Organisation.objects.filter(kind=kind, seat__code__startswith=code).order_by("pk")
        if o.pk not in used
    ]
    if not candidates:
        return None
    org = rng.choice(candidates)
    used.add(org.pk)
    return org


def _animator(
    home: Organisation, region: TerritorialUnit, team: ZrarTeam, name: str, *, user: User | None, actor: AnyUser
) -> Animator:
    start = dt.date(2026, 2, 2)
    a = services.do_create_animator(
        {"full_name": name, "home_institution": home, "region": region, "team": team, "user": user}, actor=actor
    )
    for i, title in enumerate(MODULES):
        services.do_record_module(a, title, start + dt.timedelta(weeks=2 * i), actor=actor)
    services.do_change_animator_status(a, AnimatorStatus.TRAINED, actor=actor)
    services.do_record_examination(a, dt.date(2026, 4, 20), ExamResult.PASSED, Decimal("82.50"), actor=actor)
    a.refresh_from_db()
    services.do_change_animator_status(a, AnimatorStatus.ACTIVE, actor=actor)
    return a


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    counts = {"animators": 0, "scenarios": 0, "events": 0, "visits": 0, "adopted": 0}
    names = list(NAMES)
    for code in ("14", "12"):
        region = TerritorialUnit.objects.get(code=code)
        rops = Organisation.objects.filter(kind=K.ROPS, seat__code__startswith=code).order_by("pk").first()
        if rops is None:
            continue
        team = services.do_create_team(region, rops, f"ZRAR – {rops.name.split('– ')[-1]}", actor=actor)
        used: set[int] = set()
        animators: list[Animator] = []
        for i, kind in enumerate(ORIGINS[code]):
            home = _first(kind, code, rng, used)
            if home is None:
                continue
            user = User.objects.filter(username=f"animator{code}").first() if i == 0 else None
            name = names[(len(animators) + (0 if code == "14" else 3)) % len(names)]
            if code == "12":
                name = ["Katarzyna Szymańska", "Andrzej Woźniak", "Barbara Kamińska"][i]
            animators.append(_animator(home, region, team, name, user=user, actor=actor))
        counts["animators"] += len(animators)
        # Scenarios in several gminas with an OPS (the gminas of the foundation demo).
        gminas = sorted(
            {
                o.seat
                for o in Organisation.objects.filter(kind=K.OPS, seat__code__startswith=code).select_related("seat")
            },
            key=lambda g: g.code,
        )[: 3 * scale]
        for n, gmina in enumerate(gminas):
            scenario = LEVEL_TO_SCENARIO[n % 3]
            choice = services.do_choose_scenario(
                gmina,
                scenario,
                actor=actor,
                animator=animators[n % len(animators)] if animators else None,
                change_reason="Wybór po rozmowach z liderami lokalnymi (brak jeszcze wyników ankiety).",
                baseline_survey=f"ankieta-{gmina.code}-2026-1",
                follow_up_on=dt.date(2027, 3, 1) + dt.timedelta(days=7 * n),
            )
            counts["scenarios"] += 1
            local = list(Organisation.objects.filter(seat=gmina).order_by("pk")[:6])
            services.do_log_event(
                {
                    "kind": EventKind.SEMINAR,
                    "gmina": gmina,
                    "scenario_choice": choice,
                    "held_on": dt.date(2026, 5, 12) + dt.timedelta(days=3 * n),
                    "title": f"Seminarium animacyjno-informacyjne – {gmina.name}",
                    "goal": "Przedstawienie idei lokalnej sieci reintegracji i nowego profilu usług KIS.",
                    "agenda": "Prelekcja: idea KSR i LSR\nPrelekcja: nowy profil usług reintegracyjnych\n"
                    "Warsztaty: wstępny projekt kształtu LSR",
                    "animator": choice.animator,
                },
                actor=actor,
                invited=local,
                present=local[: max(1, len(local) - 2)],
            )
            for event_kind, title in (
                (EventKind.COUNCIL_SESSION, "Informacja na sesji Rady Gminy"),
                (EventKind.DUTY_HOUR, "Dyżur animatora w urzędzie gminy"),
                (EventKind.WEBSITE_ITEM, "Aktualność na stronie internetowej gminy"),
            )[: 1 + rng.randint(0, 2)]:
                services.do_log_event(
                    {
                        "kind": event_kind,
                        "gmina": gmina,
                        "scenario_choice": choice,
                        "held_on": dt.date(2026, 6, 1) + dt.timedelta(days=rng.randint(0, 60)),
                        "title": title,
                        "animator": choice.animator,
                    },
                    actor=actor,
                )
                counts["events"] += 1
            counts["events"] += 1
        # Advice visits to operating KIS/CIS; one KIS in 14 adopts the new profile.
        entities = list(
            Organisation.objects.filter(kind__in=(K.KIS, K.CIS), seat__code__startswith=code).order_by("pk")[:3]
        )
        for n, entity in enumerate(entities):
            adopted = code == "14" and n == 0
            services.do_record_advice_visit(
                {
                    "entity": entity,
                    "visited_on": dt.date(2026, 6, 10) + dt.timedelta(days=5 * n),
                    "animator": animators[n % len(animators)],
                    "topics": "Nowy, sektorowy profil usług: zajęcia z profilaktyki zdrowotnej, sportu i kultury.",
                    "outcome": "Zespół KIS zaplanował zajęcia z partnerami z sektora kultury i sportu."
                    if adopted
                    else "Przekazano materiały; kolejna wizyta za kwartał.",
                    "adopted_new_profile": adopted,
                    "adopted_on": dt.date(2026, 9, 1) if adopted else None,
                    "adoption_evidence": "Uchwała zarządu o zmianie programu zajęć KIS" if adopted else "",
                },
                actor=actor,
            )
            counts["visits"] += 1
            counts["adopted"] += int(adopted)
    return (
        f"animation: 2 ZRAR teams (1 flagged), {counts['animators']} animators, {counts['scenarios']} scenarios, "
        f"{counts['events']} events, {counts['visits']} advice visits ({counts['adopted']} adopted the new profile)"
    )
