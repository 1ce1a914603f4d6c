"""Phases of the development layer: the pipeline of new entities, procedure cards at work,
readiness surveys and interviews, and the regional animation (ZRAR teams and animators)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ksr.animation import models as am
from ksr.animation.choices import AnimatorStatus, EventKind, ExamResult, ReadinessLevel, ScenarioCode
from ksr.dataset.base import START, Run, add_months, stamp
from ksr.dataset.identifiers import full_name
from ksr.pipeline.choices import ACTIVE, LEGAL_STEPS, ORDINAL, PATH, Stage
from ksr.pipeline.models import Initiative, ProgrammeTarget, StageChange
from ksr.procedures import models as procm
from ksr.procedures import services as procedure_services
from ksr.procedures.choices import LsrVariant, NeedKind, ResponseKind
from ksr.procedures.choices import TaskStatus as ProcedureTaskStatus
from ksr.registers.choices import CreationMode, EntityKind, EntryStatus
from ksr.registers.models import RegisterEntry
from ksr.registry.choices import KIND_TO_RESPONDENT_CATEGORY
from ksr.registry.choices import OrganisationKind as K
from ksr.surveys import questionnaire
from ksr.surveys.choices import InterviewKind, ResponseChannel
from ksr.surveys.models import Interview, Invitation, Response, Survey


def pipeline(run: Run) -> None:
    rng = run.rng("pipeline")
    entered = [
        (org_id, entry_id)
        for org_id, (entry_id, status) in sorted(run.entries.items())
        if status == EntryStatus.ENTERED
    ]
    rng.shuffle(entered)
    entry_rows = (
        {
            pk: (kind, entry_date, mode)
            for pk, kind, entry_date, mode in RegisterEntry.objects.values_list(
                "pk", "entity_kind", "entry_date", "creation_mode"
            )
        }
        if entered
        else {}
    )
    programme = ProgrammeTarget.current()
    activities_end = programme.activities_end_on
    stages = list(Stage.values)
    for i in range(max(len(stages), run.n(160))):
        stage = stages[i % len(stages)]
        target = stage
        stalled_at = ""
        if stage == Stage.STALLED:
            stalled_at = rng.choice(ACTIVE[:8])
            target = stalled_at
        elif stage == Stage.ABANDONED:
            target = rng.choice(ACTIVE[:8])
        ordinal = ORDINAL[target]
        entry_id = None
        gmina = rng.choice(run.gminas)  # type: ignore[attr-defined]
        kind = rng.choice(EntityKind.values)
        mode = rng.choice(CreationMode.values)
        if ordinal >= ORDINAL[Stage.ENTERED] and entered:
            org_id, entry_id = entered.pop()
            kind, entry_date, mode = entry_rows[entry_id]
            gmina = run.orgs[org_id].gmina
            if target == Stage.SUSTAINED and (
                entry_date is None
                or activities_end is None
                or add_months(max(activities_end, entry_date), programme.sustain_months) > run.today
            ):  # durability counts from the end of the project's activities (ADR 0019)
                target = stage = Stage.OPERATING
        elif ordinal >= ORDINAL[Stage.ENTERED]:
            target = stage = Stage.NOTIFIED
            ordinal = ORDINAL[target]
        day = START + dt.timedelta(days=rng.randint(0, 200))
        trail = PATH[: ORDINAL[target] + 1]
        dates = []
        for _step in trail:
            dates.append(day)
            day += dt.timedelta(days=rng.randint(10, 60))
        if stage in (Stage.STALLED, Stage.ABANDONED):
            dates.append(day)
        since = min(dates[-1], run.today)
        actor = run.regional_analysts.get(gmina.code[:2])
        initiative = run.table(Initiative).add(
            name=f"Inicjatywa {kind.upper()} – {gmina.name}",
            gmina_id=gmina.pk,
            entity_kind=kind,
            stage=stage,
            stage_since=since,
            stalled_at=stalled_at,
            creation_mode=mode if ORDINAL[target] >= ORDINAL[Stage.FOUNDING_BODY_DECIDED] else "",
            founding_body_id=None,
            founding_act_number=f"Uchwała {i + 1}/2024"
            if ORDINAL[target] >= ORDINAL[Stage.FOUNDING_ACT_ADOPTED]
            else "",
            founding_act_date=dates[min(len(dates) - 1, ORDINAL[Stage.FOUNDING_ACT_ADOPTED])]
            if ORDINAL[target] >= ORDINAL[Stage.FOUNDING_ACT_ADOPTED]
            else None,
            register_entry_id=entry_id if ORDINAL[target] >= ORDINAL[Stage.ENTERED] else None,
            legal_steps_done=[key for key, _label in LEGAL_STEPS.get(mode, [])][: rng.randint(0, 4)]
            if ORDINAL[target] >= ORDINAL[Stage.FOUNDING_BODY_DECIDED]
            else [],
            notes="Wstrzymana z braku decyzji." if stage in (Stage.STALLED, Stage.ABANDONED) else "",
            created_by_id=actor,
            created_at=stamp(dates[0]),
        )
        previous = ""
        for step, when in zip(trail, dates, strict=False):
            run.table(StageChange).add(
                initiative_id=initiative,
                from_stage=previous,
                to_stage=step,
                changed_on=min(when, run.today),
                changed_by_id=actor,
                created_at=stamp(min(when, run.today)),
            )
            previous = step
        if stage in (Stage.STALLED, Stage.ABANDONED):
            run.table(StageChange).add(
                initiative_id=initiative,
                from_stage=previous,
                to_stage=stage,
                changed_on=since,
                changed_by_id=actor,
                note="Brak postępów.",
                created_at=stamp(since),
            )


def procedures(run: Run) -> None:
    rng = run.rng("procedures")
    if not procm.ProcedureCard.objects.exists():
        procedure_services.sync_cards()
    cards = list(procm.ProcedureCard.objects.order_by("number"))
    steps: dict[int, list[procm.CardStep]] = {}
    for step in procm.CardStep.objects.order_by("card__number", "number"):
        steps.setdefault(step.card_id, []).append(step)
    recipients = run.table(procm.ProcedureTask.product_recipients.through)
    for number, (lsr, holder) in enumerate(run.lsrs):
        org = holder.org
        card = rng.choice(cards)
        started = START + dt.timedelta(days=rng.randint(0, 900))
        run_id = run.table(procm.ProcedureRun).add(
            card_id=card.pk,
            gmina_id=org.gmina.pk,
            network_id=lsr,
            introducing_organisation_id=org.id,
            started_by_id=holder.manager,
            started_on=started,
            due_on=started + dt.timedelta(days=180),
            responsible_person="Kierownik KIS",
            created_by_id=holder.manager,
            created_at=stamp(started),
        )
        for partner in holder.partners[:2]:
            run.table(procm.ProcedureRun.cooperating_institutions.through).add(
                procedurerun_id=run_id, organisation_id=partner
            )
        for partner in holder.partners[2:4]:
            run.table(procm.ProcedureRun.informed_institutions.through).add(
                procedurerun_id=run_id, organisation_id=partner
            )
        card_steps = steps.get(card.pk, [])
        done_upto = rng.randint(0, len(card_steps)) if number else len(card_steps)  # one run done throughout
        for n, step in enumerate(card_steps):
            status = (
                ProcedureTaskStatus.DONE
                if n < done_upto
                else (ProcedureTaskStatus.CANCELLED if rng.random() < 0.1 else ProcedureTaskStatus.OPEN)
            )
            needs = procm.PRODUCT_REQUIRES.get(step.product_kind, ())
            done = status == ProcedureTaskStatus.DONE
            completed = started + dt.timedelta(days=10 * (n + 1))
            task = run.table(procm.ProcedureTask).add(
                run_id=run_id,
                step_id=step.pk,
                number=step.number,
                product_kind=step.product_kind,
                owner_user_id=holder.manager,
                owner_organisation_id=org.id,
                due_on=started + dt.timedelta(days=14 * (n + 1)),
                status=status,
                completed_on=completed if done else None,
                completed_by_id=holder.manager if done else None,
                product_summary="Wykonano krok." if done else "",
                product_date=completed if done and "product_date" in needs else None,
                product_person="Jan Kowalski" if done and "product_person" in needs else "",
                product_dates=f"{completed:%Y-%m-%d}, {completed + dt.timedelta(days=90):%Y-%m-%d}"
                if done and "product_dates" in needs
                else "",
                cancel_reason="Niepotrzebny w tej gminie." if status == ProcedureTaskStatus.CANCELLED else "",
                linked_network_id=lsr,
                created_at=stamp(started),
            )
            if done and "product_recipients" in needs:
                for partner in (holder.partners or [org.id])[:2]:
                    recipients.add(proceduretask_id=task, organisation_id=partner)
        asked = START + dt.timedelta(days=rng.randint(0, 900))
        request = run.table(procm.NeedRequest).add(
            requester_id=org.id,
            network_id=lsr,
            kind=rng.choice(NeedKind.values),
            description="Potrzebna sala i trener.",
            needed_by=asked + dt.timedelta(days=30),
            answer_by=asked + dt.timedelta(days=14),
            closed_on=asked + dt.timedelta(days=20) if rng.random() < 0.6 else None,
            created_by_id=holder.manager,
            created_at=stamp(asked),
        )
        for partner in holder.partners[:4]:
            run.table(procm.NeedRequest.addressees.through).add(needrequest_id=request, organisation_id=partner)
            offer = rng.random() < 0.5
            run.table(procm.NeedResponse).add(
                request_id=request,
                organisation_id=partner,
                kind=ResponseKind.OFFER if offer else ResponseKind.DECLINE,
                offer="Udostępnimy salę." if offer else "",
                available_from=asked + dt.timedelta(days=20) if offer else None,
                available_to=asked + dt.timedelta(days=60) if offer else None,
                reason="" if offer else "Brak wolnych zasobów.",
                responded_at=stamp(asked + dt.timedelta(days=5)),
                responded_by_id=holder.manager,
                created_at=stamp(asked + dt.timedelta(days=5)),
            )
        proposed = rng.choice(LsrVariant.values)
        variant = proposed if rng.random() < 0.85 else next(v for v in LsrVariant.values if v != proposed)
        run.table(procm.VariantChoice).add(
            gmina_id=org.gmina.pk,
            network_id=lsr,
            partnership_experience=rng.random() < 0.5,
            proposed_variant=proposed,
            variant=variant,
            reason="" if variant == proposed else "Decyzja wójta.",
            chosen_by_id=holder.manager,
            chosen_on=START + dt.timedelta(days=30),
        )


def surveys(run: Run) -> None:
    rng = run.rng("surveys")
    yes, no = questionnaire.YES, questionnaire.NO
    for lsr, holder in run.lsrs:
        org = holder.org
        starts = START + dt.timedelta(days=rng.randint(0, 1000))
        ends = starts + dt.timedelta(days=7)
        survey = run.table(Survey).add(
            gmina_id=org.gmina.pk,
            title=f"Badanie gotowości – {org.gmina.name}",
            starts_on=starts,
            ends_on=ends,
            questionnaire_version=questionnaire.VERSION,
            token=f"gen{lsr:08d}{rng.getrandbits(64):016x}",
            created_by_id=holder.manager,
            created_at=stamp(starts - dt.timedelta(days=3)),
        )
        for partner in holder.partners:
            run.table(Invitation).add(
                survey_id=survey,
                organisation_id=partner,
                email=f"kontakt{partner}@example.org",
                sent_at=stamp(starts),
                token=f"inv{survey:08d}{partner:08d}{rng.getrandbits(64):016x}",
            )
        for partner in holder.partners[: rng.randint(3, len(holder.partners) or 3)]:
            kind = run.orgs[partner].kind
            q2 = rng.random() < 0.5
            q3 = (rng.random() < 0.5) if q2 else None
            q4 = (rng.random() < 0.5) if q2 else None
            q5, q7, q9 = (rng.random() < 0.6 for _ in range(3))
            answers = {
                code: {"answer": yes if value else no}
                for code, value in (("q2", q2), ("q3", q3), ("q4", q4), ("q5", q5), ("q7", q7), ("q9", q9))
                if value is not None
            }
            run.table(Response).add(
                survey_id=survey,
                category=KIND_TO_RESPONDENT_CATEGORY.get(kind, "9"),
                channel=rng.choice(ResponseChannel.values),
                questionnaire_version=questionnaire.VERSION,
                answers=answers,
                submitted_on=starts + dt.timedelta(days=rng.randint(0, 7)),
                q2_partnership=q2,
                q3_signatory=q3,
                q4_lasting=q4,
                q5_should_exist=q5,
                q7_tasks=q7,
                q9_willing=q9,
            )
        run.table(Interview).add(
            gmina_id=org.gmina.pk,
            survey_id=survey,
            kind=InterviewKind.IDI,
            held_on=ends + dt.timedelta(days=10),
            duration_minutes=rng.randint(45, 60),
            moderator="Animator regionalny",
            institution_id=holder.partners[0] if holder.partners else None,
            participants=["kierownik", "pracownik merytoryczny"],
            notes={"intro": "Przedstawienie celu."},
            rating=rng.randint(1, 5),
            created_at=stamp(ends + dt.timedelta(days=10)),
        )


def animation(run: Run) -> None:
    rng = run.rng("animation")
    rops_of = {o.voivodeship: o for o in run.by_kind[K.ROPS]}
    animators: dict[str, list[int]] = {}
    for voivodeship in run.voivodeships:  # type: ignore[attr-defined]
        code = voivodeship.code
        host = rops_of[code]
        team = run.table(am.ZrarTeam).add(region_id=voivodeship.pk, host_id=host.id, name=f"ZRAR {voivodeship.name}")
        homes = [host.id]
        for kind in (K.WUP, K.KIS, K.ASSOCIATION, K.PUP):
            candidates = [o.id for o in run.by_kind[kind] if o.voivodeship == code]
            if candidates:
                homes.append(candidates[0])
        for n, home in enumerate(homes):
            first, last, _male = full_name(rng)
            status = [
                AnimatorStatus.ACTIVE,
                AnimatorStatus.CERTIFIED,
                AnimatorStatus.TRAINED,
                AnimatorStatus.ACTIVE,
                AnimatorStatus.CANDIDATE,
            ][n % 5]
            animator = run.table(am.Animator).add(
                full_name=f"{first} {last}",
                home_institution_id=home,
                region_id=voivodeship.pk,
                team_id=team,
                status=status,
                created_by_id=run.regional_analysts.get(code),
            )
            animators.setdefault(code, []).append(animator)
            if status != AnimatorStatus.CANDIDATE:
                for m in range(3):
                    run.table(am.TrainingModule).add(
                        animator_id=animator,
                        title=f"Moduł {m + 1}",
                        completed_on=START + dt.timedelta(days=30 * (m + 1)),
                    )
                run.table(am.Examination).add(
                    animator_id=animator,
                    taken_on=START + dt.timedelta(days=120),
                    result=ExamResult.PASSED,
                    score=Decimal(rng.randint(60, 100)),
                )
    for _lsr, holder in run.lsrs:
        org = holder.org
        region: list[int | None] = [*animators.get(org.voivodeship, [])] or [None]
        proposed = rng.choice(ScenarioCode.values)
        changed = rng.random() < 0.15
        scenario = next(s for s in ScenarioCode.values if s != proposed) if changed else proposed
        choice = run.table(am.ScenarioChoice).add(
            gmina_id=org.gmina.pk,
            readiness_value=round(rng.uniform(0, 1), 3),
            readiness_level=rng.choice(ReadinessLevel.values),
            proposed_scenario=proposed,
            scenario=scenario,
            change_reason="Lokalne uwarunkowania." if changed else "",
            animator_id=region[0],
            created_at=stamp(START),
        )
        for e in range(2):
            event = run.table(am.AnimationEvent).add(
                kind=rng.choice(EventKind.values),
                gmina_id=org.gmina.pk,
                scenario_choice_id=choice,
                held_on=START + dt.timedelta(days=rng.randint(0, 1000)),
                title=f"Spotkanie {e + 1}",
                animator_id=region[0],
                created_at=stamp(START),
            )
            for partner in holder.partners[:3]:
                run.table(am.AnimationEvent.invited.through).add(animationevent_id=event, organisation_id=partner)
                run.table(am.AnimationEvent.present.through).add(animationevent_id=event, organisation_id=partner)
    for i, holder in enumerate(run.holders):
        advisers = animators.get(holder.org.voivodeship, [])
        if not advisers or (i and rng.random() < 0.5):
            continue
        adopted = rng.random() < 0.4
        visited = START + dt.timedelta(days=rng.randint(0, 1000))
        run.table(am.AdviceVisit).add(
            entity_id=holder.org.id,
            visited_on=visited,
            animator_id=rng.choice(advisers),
            topics="Nowy profil usług.",
            outcome="Rekomendacje przekazane.",
            adopted_new_profile=adopted,
            adopted_on=visited + dt.timedelta(days=30) if adopted else None,
            adoption_evidence="Uchwała zarządu." if adopted else "",
            created_at=stamp(visited),
        )
