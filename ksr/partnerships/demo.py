"""Demo partnerships, Pacts, Local Synergy Teams and attitudes, written through the services.

Runs after the networks demo and uses its LSRs in known states (``ksr.networks.demo.demo_lsrs``):
"healthy" LSRs get a signed, active partnership with a signed agreement that includes a type C
partner, an action plan and an evaluation with binding conclusions, a Pact with 3+ signatories
and a ZSL; "no_type_c" LSRs a partnership without type C partners. Every LSR gets attitude
assessments at two dates showing supporters growing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from ksr.core.types import AnyUser
from ksr.networks.demo import demo_lsrs
from ksr.networks.models import Network
from ksr.partnerships import services
from ksr.partnerships.choices import ConclusionStatus, PactStatus, PartnershipStatus, TaskStatus, TeamTaskKind
from ksr.registry.choices import StakeholderType
from ksr.registry.models import Organisation


def tiny_pdf(title: str) -> bytes:
    """A minimal valid one-page PDF showing ``title`` (ASCII only)."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 50 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\nstartxref\n"
    out += str(xref).encode() + b"\n%%EOF\n"
    return out


def _members(network: Network) -> list[Organisation]:
    orgs = (
        Organisation.objects.filter(network_memberships__network=network, network_memberships__left_on__isnull=True)
        .exclude(pk=network.main_node_id)
        .distinct()
        .order_by("id")
    )
    return list(orgs)


def _type_c_fallback(network: Network) -> Organisation | None:
    code = network.territory.code[:4] if network.territory else ""
    return (
        Organisation.objects.filter(stakeholder_type=StakeholderType.C, seat__code__startswith=code)
        .order_by("id")
        .first()
    )


def _partnership(
    network: Network, *, state: str, rng: random.Random, actor: AnyUser, today: dt.date
) -> tuple[int, int]:
    members = _members(network)
    if state == "no_type_c":
        partners = [o for o in members if o.stakeholder_type != StakeholderType.C][:4]
    else:
        type_c = [o for o in members if o.stakeholder_type == StakeholderType.C] or [
            o for o in [_type_c_fallback(network)] if o
        ]
        others = [o for o in members if o.stakeholder_type != StakeholderType.C]
        partners = others[:3] + type_c[:3]
    start = today.year
    p = services.do_create_partnership(
        network,
        {
            "name": f"Partnerstwo lokalne na rzecz reintegracji — {network.territory or network.name}",
            "goal": "Wspólne diagnozowanie problemów i świadczenie usług reintegracji społecznej i zawodowej "
            "mieszkańcom zagrożonym wykluczeniem; włączenie instytucji kultury, oświaty, sportu i zdrowia.",
            "form": "agreement",
            "plan_from_year": start - 1,
            "plan_to_year": start + 2,
        },
        actor=actor,
    )
    kinds = ["staff", "premises", "equipment", "services", "money"]
    for index, org in enumerate(partners):
        partner = services.do_add_partner(
            p,
            org,
            {"role": "documentation_keeper" if index == 0 else "partner", "joined_on": today - dt.timedelta(days=400)},
            actor=actor,
        )
        kind = kinds[index % len(kinds)]
        descriptions = {
            "staff": "Pracownik socjalny na 1/4 etatu do prowadzenia zajęć",
            "premises": "Sala zajęć dwa razy w tygodniu po preferencyjnych warunkach",
            "equipment": "Sprzęt komputerowy do warsztatów cyfrowych",
            "services": "Zajęcia kulturalne i sportowe dla uczestników KIS",
            "money": "Współfinansowanie wyjazdu integracyjnego",
        }
        value = rng.choice([None, 1500, 3000, 5000]) if kind in ("money", "equipment", "premises") else None
        services.do_add_contribution(
            partner, {"kind": kind, "description": descriptions[kind], "value": value}, actor=actor
        )
    services.do_upload_agreement(
        p,
        SimpleUploadedFile("projekt-umowy.pdf", tiny_pdf("Projekt umowy partnerskiej"), "application/pdf"),
        actor=actor,
        note="Projekt do konsultacji",
    )
    p = services.do_transition_partnership(
        p, PartnershipStatus.CONSULTATION, actor=actor, on=today - dt.timedelta(days=380)
    )
    services.do_upload_agreement(
        p,
        SimpleUploadedFile("umowa-podpisana.pdf", tiny_pdf("Umowa partnerska - wersja podpisana"), "application/pdf"),
        actor=actor,
        signed_on=today - dt.timedelta(days=365),
        note="Wersja podpisana przez wszystkich partnerów",
    )
    p = services.do_transition_partnership(p, PartnershipStatus.SIGNED, actor=actor, on=today - dt.timedelta(days=365))
    p = services.do_transition_partnership(p, PartnershipStatus.ACTIVE, actor=actor, on=today - dt.timedelta(days=360))
    owners = [network.main_node, *partners]
    titles = [
        "Diagnoza lokalnych problemów wykluczenia",
        "Cykl warsztatów aktywizacyjnych w bibliotece",
        "Zajęcia sportowe dla uczestników KIS",
        "Spotkania partnerów co kwartał",
        "Ewaluacja roczna partnerstwa",
    ]
    statuses = [TaskStatus.DONE, TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.PLANNED, TaskStatus.PLANNED]
    for index, title in enumerate(titles):
        services.do_create_task(
            p,
            {
                "title": title,
                "owner": owners[index % len(owners)],
                "responsible_person": rng.choice(["Anna Nowak", "Piotr Wójcik", "Ewa Zielińska"]),
                "year": start - 1 + index // 2,
                "quarter": 1 + index % 4,
                "status": statuses[index],
            },
            actor=actor,
        )
    tasks = len(titles)
    conclusions = 0
    evaluation = services.do_create_evaluation(
        p,
        {
            "held_on": today - dt.timedelta(days=90),
            "findings": "Partnerzy spotykają się regularnie; słabo działa przepływ informacji między spotkaniami, "
            "a instytucje kultury rzadko zgłaszają wolne terminy sal.",
        },
        actor=actor,
    )
    for index, (text, days) in enumerate(
        [
            ("Ustalić stały kanał komunikacji między spotkaniami (lista mailowa).", -30),
            ("Udostępniać harmonogram wolnych terminów sal na każdy kwartał.", 60),
            ("Przygotować sprawozdanie z realizacji planu działania.", -5),
        ]
    ):
        conclusion = services.do_add_conclusion(
            evaluation,
            {"text": text, "assignee": owners[index % len(owners)], "due_on": today + dt.timedelta(days=days)},
            actor=actor,
        )
        conclusions += 1
        if index == 2:
            services.do_set_conclusion_status(
                conclusion, ConclusionStatus.DONE, actor=actor, on=today - dt.timedelta(days=7)
            )
    return tasks, conclusions


def _pact(network: Network, *, actor: AnyUser, today: dt.date) -> int:
    pact = services.do_create_pact(
        network,
        {"original_keeper": f"Urząd Gminy {network.territory or ''}".strip(), "copies": 6},
        actor=actor,
    )
    signatories = [network.main_node, *_members(network)][:6]
    rows = [
        services.do_join_pact(
            pact, org, actor=actor, joined_on=today - dt.timedelta(days=300), representative="Przedstawiciel"
        )
        for org in signatories
    ]
    pact = services.do_transition_pact(pact, PactStatus.CONSULTATION, actor=actor)
    pact = services.do_transition_pact(pact, PactStatus.SIGNED, actor=actor, on=today - dt.timedelta(days=300))
    if len(rows) > 4:
        services.do_withdraw_from_pact(
            rows[-1], actor=actor, on=today - dt.timedelta(days=30), reason="Zmiana profilu działalności"
        )
    return len(rows)


def _team(network: Network, *, actor: AnyUser, today: dt.date) -> int:
    team = services.do_create_team(
        network,
        {
            "name": "Zespół Synergii Lokalnej",
            "formed_by_kind": "order",
            "formed_by_body": "Wójt gminy",
            "act_number": f"{10 + network.pk}/{today.year - 1}",
            "act_date": today - dt.timedelta(days=420),
            "chosen_form": "revitalised_kis",
            "chosen_on": today - dt.timedelta(days=330),
            "form_note": "Odtworzenie KIS w strukturze ośrodka pomocy społecznej.",
        },
        actor=actor,
    )
    members = [network.main_node, *_members(network)][:5]
    for index, org in enumerate(members):
        services.do_add_team_member(
            team,
            {
                "organisation": org,
                "person_name": ["Anna Nowak", "Jan Wiśniewski", "Ewa Kamińska", "Piotr Zając", "Maria Lis"][index],
                "joined_on": today - dt.timedelta(days=420),
            },
            actor=actor,
        )
    services.do_add_team_member(
        team, {"person_name": "Sołtys wsi, lider społeczny", "joined_on": today - dt.timedelta(days=400)}, actor=actor
    )
    for kind, status in (
        (TeamTaskKind.DRAFT_PACT, TaskStatus.DONE),
        (TeamTaskKind.CONSULT_PACT, TaskStatus.DONE),
        (TeamTaskKind.CHOOSE_FORM, TaskStatus.DONE),
        (TeamTaskKind.ADVISE, TaskStatus.IN_PROGRESS),
    ):
        services.do_create_team_task(team, {"kind": kind, "status": status}, actor=actor)
    return len(members) + 1


def _attitudes(network: Network, *, rng: random.Random, actor: AnyUser, today: dt.date) -> int:
    first, second = today - dt.timedelta(days=420), today - dt.timedelta(days=30)
    count = 0
    for index, org in enumerate([network.main_node, *_members(network)]):
        before = "supporter" if index == 0 else rng.choice(["neutral", "neutral", "opponent"])
        after = "supporter" if index == 0 or rng.random() < 0.7 else rng.choice(["neutral", before])
        for day, attitude in ((first, before), (second, after)):
            services.do_record_attitude(
                network, {"organisation": org, "assessed_on": day, "attitude": attitude}, actor=actor
            )
            count += 1
    return count


@transaction.atomic
def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    today = timezone.localdate()
    counts = {"partnerships": 0, "tasks": 0, "conclusions": 0, "pacts": 0, "signatories": 0, "teams": 0, "attitudes": 0}
    for (_code, state), network in sorted(demo_lsrs().items(), key=lambda kv: kv[1].pk):
        tasks, conclusions = _partnership(network, state=state, rng=rng, actor=actor, today=today)
        counts["partnerships"] += 1
        counts["tasks"] += tasks
        counts["conclusions"] += conclusions
        if state == "healthy":
            counts["signatories"] += _pact(network, actor=actor, today=today)
            counts["pacts"] += 1
            _team(network, actor=actor, today=today)
            counts["teams"] += 1
        counts["attitudes"] += _attitudes(network, rng=rng, actor=actor, today=today)
    return (
        "partnerships: {partnerships} partnerships ({tasks} plan tasks, {conclusions} conclusions), "
        "{pacts} MLW Pacts ({signatories} signatories), {teams} ZSL, {attitudes} attitude assessments"
    ).format(**counts)
