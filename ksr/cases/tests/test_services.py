import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ksr.audit.models import AuditEntry
from ksr.cases import services
from ksr.cases.choices import CaseStatus, ExitReason, ReferralSource, ReferralStatus, RefusalReason
from ksr.cases.models import Case, EligibilityCategory, FollowUp, Participant, Referral
from ksr.cases.tests.helpers import cis, fake_ipzs, open_case, participant, pesel_for

pytestmark = pytest.mark.django_db
TEAM = "Ewa Nowak, pracownik socjalny, MOPS\nPiotr Zieliński, psycholog, KIS"


def test_create_participant_is_audited_and_derives_from_pesel(cast):
    person = participant(cast)
    assert person.birth_date == dt.date(1980, 1, 1)
    assert AuditEntry.objects.filter(action="create", object_id=str(person.pk)).exists()


def test_create_participant_refuses_a_pesel_duplicate(cast):
    participant(cast, 1)
    with pytest.raises(ValidationError) as exc:
        services.do_create_participant(
            cast.kis_waw, {"first_name": "Inny", "last_name": "Człowiek", "pesel": pesel_for(1)}, actor=cast.kis_manager
        )
    assert "pesel" in exc.value.message_dict
    assert Participant.objects.count() == 1


def test_same_pesel_in_another_organisation_is_allowed(cast):
    participant(cast, 1)
    from ksr.accounts.scope import forget_scope

    forget_scope(cast.zenon)
    services.do_create_participant(
        cast.kis_krk, {"first_name": "Jan", "last_name": "Testowy1", "pesel": pesel_for(1)}, actor=cast.zenon
    )
    assert Participant.objects.count() == 2


def test_possible_duplicates_by_name_and_birth_date(cast):
    person = participant(cast, 1)
    found = Participant.objects.possible_duplicates(
        cast.kis_waw.pk, first_name="jan", last_name="TESTOWY1", birth_date=person.birth_date
    )
    assert list(found) == [person]


@pytest.mark.parametrize("who", ["specialist", "ops_worker", "coordinator", "zenon", "nobody", "partner"])
def test_only_the_holder_writers_create_participants(cast, who):
    with pytest.raises(PermissionDenied):
        services.do_create_participant(
            cast.kis_waw, {"first_name": "A", "last_name": "B", "pesel": pesel_for(5)}, actor=getattr(cast, who)
        )


def test_eligibility_with_evidence_and_verification(cast):
    person = participant(cast)
    category = EligibilityCategory.objects.get(code="long_term_unemployed")
    eligibility = services.do_add_eligibility(
        person,
        {"category": category, "evidence_type": "pup_certificate", "evidence_number": "PUP/1/2026"},
        actor=cast.case_manager,
    )
    with pytest.raises(ValidationError):
        services.do_add_eligibility(
            person, {"category": category, "evidence_type": "declaration"}, actor=cast.case_manager
        )
    services.do_verify_eligibility(eligibility, actor=cast.kis_manager)
    assert eligibility.verified_by == cast.kis_manager and eligibility.verified_at is not None


def _referral(cast, **extra):
    data = {
        "organisation": cast.kis_waw,
        "source": ReferralSource.OPS,
        "sender_organisation": cast.ops_waw,
        "sender_reference": "DPS.123/2026",
        "first_name": "Marek",
        "last_name": "Wolny",
        "pesel": pesel_for(7),
        **extra,
    }
    return services.do_send_referral(data, actor=cast.ops_worker)


def test_referral_closed_loop_accept(cast):
    referral = _referral(cast)
    assert referral.status == ReferralStatus.SENT and referral.sent_by == cast.ops_worker
    with pytest.raises(ValidationError):  # not under review yet
        services.do_accept_referral(referral, actor=cast.kis_manager, qualification_team=TEAM)
    services.do_start_review(referral, actor=cast.kis_manager, qualification_team=TEAM)
    case = services.do_accept_referral(referral, actor=cast.kis_manager, case_manager=cast.case_manager)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.case == case and case.status == CaseStatus.QUALIFIED
    assert case.participant.pesel == pesel_for(7) and case.case_manager == cast.case_manager


def test_accept_links_an_existing_participant(cast):
    person = participant(cast, 7)
    referral = _referral(cast)
    services.do_start_review(referral, actor=cast.kis_manager)
    case = services.do_accept_referral(referral, actor=cast.kis_manager, qualification_team=TEAM)
    assert case.participant == person


def test_refusal_needs_a_reason_and_the_team(cast):
    referral = _referral(cast)
    services.do_start_review(referral, actor=cast.kis_manager)
    with pytest.raises(ValidationError):
        services.do_refuse_referral(referral, actor=cast.kis_manager, reason=RefusalReason.NO_PLACES)
    referral.refresh_from_db()
    with pytest.raises(ValidationError):
        services.do_refuse_referral(
            referral, actor=cast.kis_manager, reason=RefusalReason.OTHER, qualification_team=TEAM
        )
    referral.refresh_from_db()
    services.do_refuse_referral(
        referral,
        actor=cast.kis_manager,
        reason=RefusalReason.NO_PLACES,
        note="Brak miejsc do marca",
        qualification_team=TEAM,
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REFUSED and referral.refusal_reason == RefusalReason.NO_PLACES
    assert referral.participant is None and not Participant.objects.exists()


def test_sender_cannot_decide_and_others_cannot_send_for_ops(cast):
    referral = _referral(cast)
    with pytest.raises(PermissionDenied):
        services.do_start_review(referral, actor=cast.ops_worker)
    with pytest.raises(PermissionDenied):
        services.do_send_referral(
            {
                "organisation": cast.kis_waw,
                "source": "ops",
                "sender_organisation": cast.ops_waw,
                "first_name": "A",
                "last_name": "B",
            },
            actor=cast.zenon,
        )


def test_kis_registers_a_self_referral(cast):
    referral = services.do_send_referral(
        {"organisation": cast.kis_waw, "source": ReferralSource.SELF, "first_name": "Ola", "last_name": "Sama"},
        actor=cast.case_manager,
    )
    assert referral.sender_organisation is None and referral.sent_by == cast.case_manager


def _cis_case(cast):
    centre = cis(cast)
    from ksr.accounts.models import Membership
    from ksr.accounts.scope import forget_scope

    Membership.objects.create(user=cast.kis_manager, organisation=centre, role="entity_manager")
    forget_scope(cast.kis_manager)
    person = services.do_create_participant(
        centre, {"first_name": "Adam", "last_name": "Cisowy", "pesel": pesel_for(9)}, actor=cast.kis_manager
    )
    return services.do_open_case(person, actor=cast.kis_manager)


def test_cis_admission_refused_without_ipzs(cast, monkeypatch):
    case = _cis_case(cast)
    services.do_record_ops_agreement(
        case,
        {
            "ops_agreement_organisation": cast.ops_waw,
            "ops_agreement_date": timezone.localdate(),
            "ops_agreement_reference": "DPS/1",
        },
        actor=cast.kis_manager,
    )
    fake_ipzs(monkeypatch, signed=False)
    with pytest.raises(ValidationError) as exc:
        services.do_admit_to_cis(case, actor=cast.kis_manager)
    assert "IPZS" in " ".join(exc.value.messages)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.QUALIFIED


def test_cis_admission_refused_without_ops_agreement(cast, monkeypatch):
    case = _cis_case(cast)
    fake_ipzs(monkeypatch, signed=True)
    with pytest.raises(ValidationError) as exc:
        services.do_admit_to_cis(case, actor=cast.kis_manager)
    assert "OPS" in " ".join(exc.value.messages)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.QUALIFIED


def test_cis_admission_with_both(cast, monkeypatch):
    case = _cis_case(cast)
    services.do_record_ops_agreement(
        case,
        {"ops_agreement_organisation": cast.ops_waw, "ops_agreement_date": timezone.localdate()},
        actor=cast.kis_manager,
    )
    fake_ipzs(monkeypatch, signed=True)
    services.do_admit_to_cis(case, actor=cast.kis_manager)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE and case.admitted_on == timezone.localdate()


def test_ops_agreement_must_come_from_an_ops(cast):
    case = _cis_case(cast)
    with pytest.raises(ValidationError):
        services.do_record_ops_agreement(
            case,
            {"ops_agreement_organisation": cast.library_waw, "ops_agreement_date": timezone.localdate()},
            actor=cast.kis_manager,
        )


def test_kis_case_cannot_use_cis_admission(cast, monkeypatch):
    fake_ipzs(monkeypatch, signed=True)
    with pytest.raises(ValidationError):
        services.do_admit_to_cis(open_case(cast), actor=cast.kis_manager)


def test_exit_schedules_the_follow_up_six_months_later(cast):
    case = open_case(cast)
    start = timezone.localdate() - dt.timedelta(days=300)
    services.do_start_participation(case, actor=cast.case_manager, admitted_on=start)
    from ksr.cases.models import add_months

    exit_day = add_months(timezone.localdate(), -6)
    services.do_exit_case(case, actor=cast.case_manager, reason=ExitReason.COMPLETED, exited_on=exit_day)
    follow_up = FollowUp.objects.get(case=case)

    assert follow_up.due_on == add_months(exit_day, 6)
    with pytest.raises(ValidationError):
        services.do_exit_case(case, actor=cast.case_manager, reason=ExitReason.COMPLETED)
    services.do_record_follow_up(
        follow_up,
        {"done_on": timezone.localdate(), "outcome": "employed", "findings": "Pracuje w spółdzielni."},
        actor=cast.case_manager,
    )
    assert FollowUp.objects.get(pk=follow_up.pk).is_done


def test_transfer_to_cis_exits_and_sends_a_referral(cast):
    case = open_case(cast)
    services.do_start_participation(case, actor=cast.case_manager, admitted_on=timezone.localdate())
    centre = cis(cast)
    referral = services.do_transfer_to_cis(
        case, centre, actor=cast.case_manager, note="Gotowy do reintegracji zawodowej"
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.EXITED and case.exit_reason == ExitReason.TRANSFER_CIS
    assert referral.organisation == centre and referral.sender_organisation == cast.kis_waw
    assert referral.status == ReferralStatus.SENT and referral.from_case == case
    assert Referral.objects.sent_by_user(cast.kis_manager).filter(pk=referral.pk).exists()


def test_kis_graduate_needs_attendance_not_only_elapsed_time(cast):
    # 200 days after the admission but not one presence: the graduate status is refused
    # (the attendance rule is the catalogue's, tested at its boundary in catalogue/tests/test_graduation.py).
    case = open_case(cast)
    start = timezone.localdate() - dt.timedelta(days=200)
    services.do_start_participation(case, actor=cast.case_manager, admitted_on=start)
    with pytest.raises(ValidationError) as exc:
        services.do_mark_graduate(case, actor=cast.case_manager, graduated_at=start + dt.timedelta(days=100))
    assert "graduated_at" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.do_mark_graduate(case, actor=cast.case_manager, graduated_at=timezone.localdate())
    assert exc.value.message_dict["graduated_at"][0].endswith(": 0.")
    assert Case.objects.get(pk=case.pk).graduated_at is None


def test_one_open_case_at_a_time(cast):
    case = open_case(cast)
    with pytest.raises(ValidationError):
        services.do_open_case(case.participant, actor=cast.kis_manager)


def test_case_manager_must_work_in_the_organisation(cast):
    with pytest.raises(ValidationError):
        services.do_open_case(participant(cast), actor=cast.kis_manager, case_manager=cast.zenon)
