import pytest

from ksr.plans.models import ServiceCardEntry
from ksr.plans.privacy import SCRUBBED, anonymise_participant, export_participant
from ksr.plans.tests.helpers import make_case, make_contract, make_entry
from ksr.privacy.registry import anonymisers, exporters

pytestmark = pytest.mark.django_db


def test_hooks_registered():
    assert exporters()["plans"] is export_participant
    assert anonymisers()["plans"] is anonymise_participant


def test_export_and_anonymise(cast):
    case = make_case(cast)
    make_contract(cast, case)
    entry = make_entry(cast, case, effects="Poprawa kontaktu z córką")
    data = export_participant(case.participant)
    assert data["card_entries"][0]["effects"] == "Poprawa kontaktu z córką"
    assert data["contract_versions"][0]["participant_words"] == "Chcę"
    anonymise_participant(case.participant)
    anonymise_participant(case.participant)  # idempotent
    entry = ServiceCardEntry.objects.get(pk=entry.pk)
    assert entry.effects == SCRUBBED and entry.results == ""
    assert export_participant(case.participant)["contract_versions"][0]["content"] == SCRUBBED
    other = make_entry(cast, make_case(cast), effects="nietknięte")
    assert ServiceCardEntry.objects.get(pk=other.pk).effects == "nietknięte"
