import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ksr.audit.models import AuditEntry
from ksr.plans.choices import CONTRACT_MACHINE, ContractKind, ContractStatus, ReviewOutcome
from ksr.plans.models import Contract, ContractVersion
from ksr.plans.queries import has_signed_ipzs
from ksr.plans.services import (
    do_amend_contract,
    do_change_contract_status,
    do_create_contract,
    do_decide_sanction,
    do_review_contract,
    do_sign_contract_version,
)
from ksr.plans.tests.helpers import TODAY, make_case, make_contract
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_create_contract_makes_draft_with_first_version_and_review_date(cast):
    case = make_case(cast)
    contract = make_contract(cast, case)
    assert contract.status == ContractStatus.DRAFT
    assert contract.versions.get().number == 1
    assert contract.next_review_on == TODAY + dt.timedelta(days=90)
    assert AuditEntry.objects.filter(object_id=str(contract.pk), action="create").exists()


def test_ipzs_only_in_cis(cast):
    case = make_case(cast)
    with pytest.raises(ValidationError):
        make_contract(cast, case, kind=ContractKind.IPZS)
    cis = OrganisationFactory(name="CIS Warszawa", kind=OrganisationKind.CIS)
    cis_case = make_case(cast, organisation=cis)
    from ksr.accounts.models import Membership

    Membership.objects.create(user=cast.kis_manager, organisation=cis, role="entity_manager")
    from ksr.accounts.scope import forget_scope

    forget_scope(cast.kis_manager)
    with pytest.raises(ValidationError):
        make_contract(cast, cis_case, kind=ContractKind.SOCIAL_CONTRACT)
    contract = make_contract(cast, cis_case, kind=ContractKind.IPZS)
    assert not has_signed_ipzs(cis_case)
    do_sign_contract_version(contract.versions.get(), {"participant_signed_on": TODAY}, actor=cast.kis_manager)
    assert not has_signed_ipzs(cis_case)
    do_sign_contract_version(contract.versions.get(), {"worker_signed_on": TODAY}, actor=cast.kis_manager)
    assert has_signed_ipzs(cis_case)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.IN_FORCE


def test_has_signed_ipzs_false_for_social_contract(cast):
    case = make_case(cast)
    make_contract(cast, case, signed=True)
    assert has_signed_ipzs(case) is False


def test_signing_records_worker_and_brings_into_force(cast):
    case = make_case(cast)
    contract = make_contract(cast, case, signed=True)
    version = contract.versions.get()
    assert contract.status == ContractStatus.IN_FORCE
    assert version.worker == cast.kis_manager
    with pytest.raises(ValidationError):
        do_sign_contract_version(version, {"participant_signed_on": TODAY}, actor=cast.kis_manager)


def test_amend_creates_new_version_and_keeps_history(cast):
    case = make_case(cast)
    contract = make_contract(cast, case, signed=True)
    with pytest.raises(ValidationError):
        do_amend_contract(contract, {"content": "x", "valid_from": TODAY}, actor=cast.kis_manager)
    version = do_amend_contract(
        contract,
        {"content": "Nowe zobowiązania", "change_reason": "Kontrakt nie był dotrzymany", "valid_from": TODAY},
        actor=cast.case_manager,
    )
    assert version.number == 2
    assert list(contract.versions.values_list("number", flat=True)) == [2, 1]
    assert ContractVersion.objects.get(contract=contract, number=1).content == "Udział w zajęciach"
    with pytest.raises(ValidationError):  # only the latest version is signed
        do_sign_contract_version(
            contract.versions.get(number=1), {"participant_signed_on": TODAY}, actor=cast.kis_manager
        )


def test_review_moves_next_review_date(cast):
    case = make_case(cast)
    contract = make_contract(cast, case)
    with pytest.raises(ValidationError):  # a draft is not reviewed
        do_review_contract(contract, {"reviewed_on": TODAY, "outcome": ReviewOutcome.KEPT}, actor=cast.kis_manager)
    do_sign_contract_version(
        contract.versions.get(), {"participant_signed_on": TODAY, "worker_signed_on": TODAY}, actor=cast.kis_manager
    )
    contract.refresh_from_db()
    review_day = TODAY + dt.timedelta(days=30)
    do_review_contract(contract, {"reviewed_on": review_day, "outcome": ReviewOutcome.NOT_KEPT}, actor=cast.kis_manager)
    contract.refresh_from_db()
    assert contract.next_review_on == review_day + dt.timedelta(days=90)
    assert contract.reviews.get().reviewed_by == cast.kis_manager


def test_sanction_needs_reason_and_withdraw_terminates(cast):
    case = make_case(cast)
    contract = make_contract(cast, case, signed=True)
    with pytest.raises(ValidationError):
        do_decide_sanction(contract, {"decision": "keep", "reason": " ", "decided_on": TODAY}, actor=cast.kis_manager)
    do_decide_sanction(
        contract, {"decision": "amend", "reason": "Dla dobra uczestnika", "decided_on": TODAY}, actor=cast.kis_manager
    )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.IN_FORCE
    do_decide_sanction(
        contract, {"decision": "withdraw", "reason": "Rażące nadużycie", "decided_on": TODAY}, actor=cast.kis_manager
    )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.TERMINATED
    assert contract.sanctions.count() == 2


def test_one_open_contract_per_case(cast):
    case = make_case(cast)
    make_contract(cast, case)
    with pytest.raises(ValidationError):
        make_contract(cast, case)


@pytest.mark.parametrize("old", list(ContractStatus))
@pytest.mark.parametrize("new", list(ContractStatus))
def test_contract_transitions_table_both_ways(old, new):
    contract = Contract(status=old)
    assert contract.can_move_to(new) is (new in CONTRACT_MACHINE.targets(old))
    expected = {
        ("draft", "in_force"),
        ("draft", "cancelled"),
        ("in_force", "completed"),
        ("in_force", "terminated"),
    }
    assert ((old.value, new.value) in expected) is contract.can_move_to(new)


def test_status_changes_only_complete_or_cancel(cast):
    case = make_case(cast)
    contract = make_contract(cast, case)
    with pytest.raises(ValidationError):
        do_change_contract_status(contract, ContractStatus.IN_FORCE, actor=cast.kis_manager)
    with pytest.raises(ValidationError):
        do_change_contract_status(contract, ContractStatus.COMPLETED, actor=cast.kis_manager)
    do_change_contract_status(contract, ContractStatus.CANCELLED, actor=cast.kis_manager)
    assert Contract.objects.get(pk=contract.pk).status == ContractStatus.CANCELLED


@pytest.mark.parametrize("who", ["specialist", "zenon", "nobody", "partner", "coordinator"])
def test_only_manager_or_own_case_manager_writes_contracts(cast, who):
    case = make_case(cast)
    with pytest.raises(PermissionDenied):
        do_create_contract(
            case, {"kind": ContractKind.SOCIAL_CONTRACT, "content": "x", "valid_from": TODAY}, actor=getattr(cast, who)
        )
    assert not Contract.objects.exists()


def test_case_manager_of_another_case_may_not_write(cast):
    case = make_case(cast, case_manager=None)
    with pytest.raises(PermissionDenied):
        do_create_contract(
            case, {"kind": ContractKind.SOCIAL_CONTRACT, "content": "x", "valid_from": TODAY}, actor=cast.case_manager
        )
    own = make_case(cast)
    assert do_create_contract(
        own, {"kind": ContractKind.SOCIAL_CONTRACT, "content": "x", "valid_from": TODAY}, actor=cast.case_manager
    ).pk
