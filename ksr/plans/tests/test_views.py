import pytest
from django.urls import reverse

from ksr.audit.models import AuditEntry
from ksr.plans.choices import OutcomeMeasure
from ksr.plans.models import ActionPlan, Contract, OutcomeAssessment, OutcomeEvent, PotentialAssessment
from ksr.plans.services import do_create_outcome_assessment
from ksr.plans.tests.helpers import TODAY, diagnose, make_case, make_contract, make_entry

pytestmark = pytest.mark.django_db
TABS = ["plans:case_plan", "plans:case_card", "plans:case_outcomes"]
PARTS = {"plans:case_plan": "plan", "plans:case_card": "card", "plans:case_outcomes": "outcomes"}


@pytest.mark.parametrize("name", TABS)
def test_anonymous_is_sent_to_login(cast, client, name):
    case = make_case(cast)
    response = client.get(reverse(name, kwargs={"case_pk": case.pk}))
    assert response.status_code == 302 and "logowanie" in response.url


@pytest.mark.parametrize("name", TABS)
@pytest.mark.parametrize(
    "who", ["zenon", "nobody", "partner", "coordinator", "animator", "national", "admin", "ops_worker"]
)
def test_outsiders_get_404(cast, login, name, who):
    case = make_case(cast)
    assert login(getattr(cast, who)).get(reverse(name, kwargs={"case_pk": case.pk})).status_code == 404
    assert not AuditEntry.objects.filter(action="read").exists()


@pytest.mark.parametrize("name", TABS)
@pytest.mark.parametrize("who", ["kis_manager", "case_manager", "specialist"])
def test_holder_staff_read_and_the_read_is_audited(cast, login, name, who):
    case = make_case(cast)
    response = login(getattr(cast, who)).get(reverse(name, kwargs={"case_pk": case.pk}))
    assert response.status_code == 200
    read = AuditEntry.objects.get(action="read")
    assert read.part == PARTS[name] and read.object_id == str(case.pk) and read.actor == getattr(cast, who)


def _fill(cast, case, n):
    for i in range(n):
        make_entry(cast, case, entered_on=TODAY.replace(day=1 + i))
        do_create_outcome_assessment(
            case,
            {"assessed_on": TODAY.replace(day=1 + i)},
            [{"measure": m.value, "score": 1 + (i % 5), "comment": ""} for m in OutcomeMeasure],
            actor=cast.kis_manager,
        )


@pytest.mark.parametrize("name", TABS)
def test_tabs_have_fixed_query_count(cast, login, django_assert_num_queries, name):
    few, many = make_case(cast), make_case(cast)
    make_contract(cast, few, signed=True)
    c = make_contract(cast, many, signed=True)
    from ksr.plans.services import do_amend_contract, do_create_potential_assessment, do_review_contract

    do_create_potential_assessment(
        few,
        {"assessed_on": TODAY},
        [{"dimension": "individual", "area": "work", "kind": "deficit", "level": 2}],
        actor=cast.kis_manager,
    )

    for i in range(3):
        do_amend_contract(c, {"content": f"v{i}", "change_reason": "r", "valid_from": TODAY}, actor=cast.kis_manager)
        do_review_contract(c, {"reviewed_on": TODAY, "outcome": "kept"}, actor=cast.kis_manager)
        do_create_potential_assessment(
            many,
            {"assessed_on": TODAY},
            [{"dimension": "individual", "area": "work", "kind": "deficit", "level": 2}],
            actor=cast.kis_manager,
        )
    _fill(cast, few, 1)
    _fill(cast, many, 4)
    client = login(cast.kis_manager)
    client.get(reverse(name, kwargs={"case_pk": few.pk}))  # warm caches (content types, session)
    counts = []
    for case in (few, many):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name, kwargs={"case_pk": case.pk})).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[0]):
        client.get(reverse(name, kwargs={"case_pk": many.pk}))


def test_specialist_reads_but_may_not_write_contracts(cast, login):
    case = make_case(cast)
    client = login(cast.specialist)
    assert client.get(reverse("plans:contract_create", kwargs={"case_pk": case.pk})).status_code == 403
    assert client.get(reverse("plans:card_entry_create", kwargs={"case_pk": case.pk})).status_code == 200


def test_contract_pages_flow(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    args = {"case_pk": case.pk}
    response = client.post(
        reverse("plans:contract_create", kwargs=args),
        {
            "kind": "internal_agreement",
            "content": "Zajęcia grupowe",
            "participant_words": "Chcę wyjść z domu",
            "valid_from": "2026-03-01",
            "review_interval_days": "60",
        },
    )
    assert response.status_code == 302
    contract = Contract.objects.get()
    assert (
        client.post(
            reverse("plans:contract_create", kwargs=args),
            {"kind": "ipzs", "content": "x", "valid_from": "2026-03-01", "review_interval_days": "60"},
        ).status_code
        == 400
    )
    kw = {"case_pk": case.pk, "pk": contract.pk}
    assert (
        client.post(
            reverse("plans:contract_sign", kwargs=kw),
            {"participant_signed_on": "2026-03-01", "worker_signed_on": "2026-03-01"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("plans:contract_review", kwargs=kw),
            {"reviewed_on": "2026-04-01", "outcome": "not_kept", "note": "Nieobecności"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("plans:contract_amend", kwargs=kw),
            {"content": "Mniej zajęć", "change_reason": "Nie dotrzymano", "valid_from": "2026-04-02"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("plans:contract_sanction", kwargs=kw),
            {"decision": "keep", "reason": "Dla dobra uczestnika", "decided_on": "2026-04-02"},
        ).status_code
        == 302
    )
    page = client.get(reverse("plans:case_plan", kwargs=args)).content.decode()
    assert "Chcę wyjść z domu" in page and "Mniej zajęć" in page and "Dla dobra uczestnika" in page
    assert contract.versions.count() == 2
    assert client.post(reverse("plans:contract_status", kwargs=kw), {"status": "completed"}).status_code == 302
    assert Contract.objects.get().status == "completed"


def test_other_case_contract_is_404(cast, login):
    case, other = make_case(cast), make_case(cast)
    contract = make_contract(cast, other)
    url = reverse("plans:contract_amend", kwargs={"case_pk": case.pk, "pk": contract.pk})
    assert login(cast.kis_manager).get(url).status_code == 404


def test_plan_potential_and_outcome_pages(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    args = {"case_pk": case.pk}
    assert (
        client.post(
            reverse("plans:plan_edit", kwargs=args),
            {"diagnosis_summary": "Po 6 tygodniach", "sectors": ["culture", "sport"]},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("plans:plan_goal_create", kwargs=args), {"goal": "Basen raz w tygodniu", "sector": "sport"}
        ).status_code
        == 302
    )
    diagnose(cast, case)
    assert client.post(reverse("plans:plan_status", kwargs=args), {"status": "set"}).status_code == 302
    assert ActionPlan.objects.get().status == "set"
    data = {
        "assessed_on": "2026-03-01",
        "summary": "",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-dimension": "individual",
        "items-0-area": "self_esteem",
        "items-0-kind": "deficit",
        "items-0-level": "2",
        "items-0-note": "Niska samoocena",
    }
    assert client.post(reverse("plans:potential_create", kwargs=args), data).status_code == 302
    assert PotentialAssessment.objects.exclude(summary="Diagnoza").get().items.count() == 1
    scores = {f"score_{m.value}": "3" for m in OutcomeMeasure}
    assert (
        client.post(
            reverse("plans:outcome_assessment_create", kwargs=args), {"assessed_on": "2026-03-01", **scores}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("plans:outcome_assessment_create", kwargs=args),
            {"assessed_on": "2026-05-01", **scores, "score_communication": "5"},
        ).status_code
        == 302
    )
    assert OutcomeAssessment.objects.count() == 2
    assert (
        client.post(
            reverse("plans:outcome_event_create", kwargs=args),
            {"kind": "social_cooperative", "occurred_on": "2026-05-02"},
        ).status_code
        == 302
    )
    assert OutcomeEvent.objects.get().outcome_type == "hard"
    page = client.get(reverse("plans:case_outcomes", kwargs=args)).content.decode()
    assert "<svg" in page and "+2" in page
