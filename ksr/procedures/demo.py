"""Demo procedure work on top of the networks, partnerships and cooperation demos (through the services).

In every demo LSR: card 1 (LSR initiation) with the letter of intent sent and the information
meeting held (linked to the network and its forum meeting), card 2 with the working group and the
LSR coordinator, card 3 with the draft agreement linked to the partnership; need requests from
its KIS to its partners — one answered with an offer, one declined with a reason, one still open
(overdue in the first LSR); and the LSR variant choice of its gmina.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from ksr.accounts.models import Membership
from ksr.cooperation.models import Meeting
from ksr.core.types import AnyUser
from ksr.networks.demo import demo_lsrs
from ksr.networks.models import Network, NetworkMembership
from ksr.partnerships.models import Partnership
from ksr.procedures import services
from ksr.procedures.choices import LsrVariant
from ksr.procedures.models import NeedRequest, ProcedureCard, ProcedureRun, VariantChoice
from ksr.registry.models import Organisation

NEEDS = [
    ("specialists", "Psycholog lub terapeuta uzależnień na cotygodniowe zajęcia grupowe w KIS (4 godziny tygodniowo)"),
    ("material", "Sala z zapleczem kuchennym na warsztaty kulinarne dla uczestników KIS, dwa razy w miesiącu"),
    ("knowledge", "Szkolenie z obsługi komputera i usług e-administracji dla 10 uczestników KIS"),
]
OFFERS = [
    "Udostępnimy salę wielofunkcyjną z aneksem kuchennym",
    "Nasz instruktor poprowadzi 6 spotkań w pracowni komputerowej",
]
DECLINES = [
    "Nie dysponujemy obecnie wolnym specjalistą — psycholog jest na urlopie do końca kwartału",
    "Sala jest zajęta przez zajęcia pozalekcyjne we wskazanych terminach",
]


def _gmina(network: Network) -> Any:
    territory = network.territory
    if territory is not None and territory.level == "gmina":
        return territory
    return network.main_node.seat


def _partners(network: Network) -> list[Organisation]:
    ids = NetworkMembership.objects.filter(network=network, left_on__isnull=True).values("organisation_id")
    return list(Organisation.objects.filter(pk__in=ids).exclude(pk=network.main_node_id).order_by("id")[:4])


def _answerer(organisation: Organisation, actor: AnyUser) -> Any:
    membership = (
        Membership.objects.active()
        .filter(organisation=organisation, role="partner_representative")
        .select_related("user")
        .first()
    )
    return membership.user if membership else actor


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    services.sync_cards()
    today = timezone.localdate()
    cards = {c.number: c for c in ProcedureCard.objects.all()}
    animator = get_user_model().objects.filter(username="animator14").first() or actor
    runs = done = requests = answers = variants = 0
    for (code, state), network in sorted(demo_lsrs().items()):
        gmina = _gmina(network)
        if gmina is None or ProcedureRun.objects.filter(network=network).exists():
            continue
        who = animator if code == "14" else actor
        partners = _partners(network)
        partnership = Partnership.objects.filter(network=network).order_by("id").first()
        meeting = Meeting.objects.filter(forum__network=network, held_on__isnull=False).order_by("held_on").first()
        started = today - dt.timedelta(days=rng.randint(50, 80))
        # Card 1: initiation — three of four steps done.
        run = services.do_start_run(
            cards[1],
            gmina,
            network=network,
            started_on=started,
            responsible_person="Animator regionalny ZRAR",
            cooperating=partners[:2],
            informed=partners,
            actor=who,
        )
        tasks = list(run.tasks.order_by("number"))
        services.do_complete_task(
            tasks[0],
            summary="Przeanalizowano rejestry działań; spotkania z ROPS, OPS i konwentem",
            completed_on=started + dt.timedelta(days=10),
            linked_network=network,
            actor=who,
        )
        services.do_complete_task(
            tasks[1],
            summary="Spotkanie animacyjne z interesariuszami typu A",
            completed_on=started + dt.timedelta(days=18),
            product_date=started + dt.timedelta(days=18),
            actor=who,
        )
        services.do_complete_task(
            tasks[2],
            summary="List intencyjny o uruchomieniu LSR wysłany do instytucji gminy i partnerów",
            completed_on=started + dt.timedelta(days=25),
            product_date=started + dt.timedelta(days=25),
            recipients=partners or [network.main_node],
            linked_network=network,
            actor=who,
        )
        done += 3
        runs += 1
        # Card 2: KIS as the main node — working group formed, coordinator appointed.
        run2 = services.do_start_run(
            cards[2], gmina, network=network, started_on=started + dt.timedelta(days=30), actor=who
        )
        t = list(run2.tasks.order_by("number"))
        services.do_complete_task(
            t[1],
            summary="Powołano grupę roboczą do wdrożenia LSR",
            product_date=started + dt.timedelta(days=40),
            linked_meeting=meeting,
            actor=who,
        )
        services.do_complete_task(
            t[2], summary="Koordynator LSR wyznaczony, plan działań na 2 lata", person="Filip Sieciowy, KIS", actor=who
        )
        done += 2
        runs += 1
        if partnership is not None:
            run3 = services.do_start_run(
                cards[3], gmina, network=network, started_on=started + dt.timedelta(days=45), actor=who
            )
            services.do_complete_task(
                run3.tasks.get(number=1),
                summary="Projekt porozumienia na rzecz LSR przygotowany przez KIS",
                linked_partnership=partnership,
                actor=who,
            )
            done += 1
            runs += 1
        # Need requests: an offer, a reasoned decline, one open.
        if len(partners) >= 2:
            for i, (kind, text) in enumerate(NEEDS):
                request = services.do_create_need_request(
                    network.main_node,
                    kind=kind,
                    description=text,
                    needed_by=today + dt.timedelta(days=30 + 10 * i),
                    addressees=partners[:2],
                    network=network,
                    actor=who,
                )
                requests += 1
                sent = timezone.now() - dt.timedelta(days=20 - 3 * i)
                NeedRequest.objects.filter(pk=request.pk).update(created_at=sent)
                request.refresh_from_db()
                if i == 0:
                    services.do_answer_need_request(
                        request,
                        partners[0],
                        kind="offer",
                        offer=OFFERS[0],
                        available_from=today + dt.timedelta(days=7),
                        conditions="W dni robocze po godzinie 15:00",
                        responded_at=sent + dt.timedelta(days=rng.randint(1, 5)),
                        actor=_answerer(partners[0], actor),
                    )
                    services.do_answer_need_request(
                        request,
                        partners[1],
                        kind="decline",
                        reason=rng.choice(DECLINES),
                        responded_at=sent + dt.timedelta(days=rng.randint(1, 3)),
                        actor=_answerer(partners[1], actor),
                    )
                    answers += 2
                elif i == 1:
                    services.do_answer_need_request(
                        request,
                        partners[1],
                        kind="offer",
                        offer=OFFERS[1],
                        available_from=today + dt.timedelta(days=14),
                        responded_at=sent + dt.timedelta(days=rng.randint(2, 8)),
                        actor=_answerer(partners[1], actor),
                    )
                    answers += 1
                    if state == "healthy":  # the partner who has not answered is overdue
                        NeedRequest.objects.filter(pk=request.pk).update(answer_by=today - dt.timedelta(days=2))
        # The variant choice of the gmina.
        if not VariantChoice.objects.filter(gmina=gmina).exists():
            civic = bool(network.creation_variant == LsrVariant.CIVIC)
            answers_map = {
                "partnership_experience": civic,
                "experienced_leaders": civic,
                "partnership_idea_known": civic or rng.random() < 0.5,
                "advanced_participation": rng.random() < 0.5,
                "cooperation_schemes": civic,
            }
            services.do_choose_variant(gmina, answers=answers_map, network=network, actor=who)
            variants += 1
    return (
        f"procedures: {runs} card runs ({done} steps done), {requests} need requests, "
        f"{answers} answers, {variants} variant choices"
    )
