import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ksr.cases.choices import CASE_MACHINE, REFERRAL_MACHINE, CaseStatus, ReferralStatus
from ksr.cases.models import SPECIAL_CATEGORY_FIELDS, Case, Participant, Referral, add_months, clean_pesel
from ksr.cases.tests.helpers import pesel_for


def test_valid_pesel_is_compacted():
    assert clean_pesel("440514 01359") == "44051401359"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("4405140135", "11 cyfr"),
        ("4405140135X", "tylko z cyfr"),
        ("44051401358", "cyfrę kontrolną"),
    ],
)
def test_invalid_pesel_has_a_polish_message(value, message):
    with translation.override("pl"), pytest.raises(ValidationError) as exc:
        clean_pesel(value)
    with translation.override("pl"):
        assert message in " ".join(exc.value.messages)


def test_birth_date_and_sex_are_derived_from_the_pesel():
    person = Participant(first_name="Jan", last_name="Nowak", pesel="44051401359", organisation_id=1)
    person.clean()
    assert person.birth_date == dt.date(1944, 5, 14)
    assert person.sex == "M"
    female = Participant(first_name="Anna", last_name="Nowak", pesel=pesel_for(2), organisation_id=1)
    female.clean()
    assert female.sex == "F"


def test_no_pesel_needs_a_reason():
    person = Participant(first_name="Jan", last_name="Nowak", organisation_id=1)
    with pytest.raises(ValidationError) as exc:
        person.clean()
    assert "no_pesel_reason" in exc.value.message_dict
    person.no_pesel_reason = "cudzoziemiec bez numeru PESEL"
    person.clean()


def test_health_fields_are_special_category():
    names = {f.name for f in Participant._meta.get_fields()}
    assert set(SPECIAL_CATEGORY_FIELDS) <= names
    assert {"health_conditions", "disability_degree", "addiction_notes"} == set(SPECIAL_CATEGORY_FIELDS)


def test_add_months_keeps_the_end_of_month():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 1, 15), 6) == dt.date(2026, 7, 15)


@pytest.mark.parametrize(("old", "new"), list(itertools.product(ReferralStatus.values, repeat=2)))
def test_referral_transitions_both_ways(old, new):
    referral = Referral(status=old)
    allowed = {
        (ReferralStatus.SENT, ReferralStatus.UNDER_REVIEW),
        (ReferralStatus.UNDER_REVIEW, ReferralStatus.ACCEPTED),
        (ReferralStatus.UNDER_REVIEW, ReferralStatus.REFUSED),
    }
    assert referral.can_move_to(new) is ((old, new) in allowed)
    assert (new in REFERRAL_MACHINE.targets(old)) is ((old, new) in allowed)


@pytest.mark.parametrize(("old", "new"), list(itertools.product(CaseStatus.values, repeat=2)))
def test_case_transitions_both_ways(old, new):
    allowed = {
        (CaseStatus.REFERRED, CaseStatus.QUALIFIED),
        (CaseStatus.REFERRED, CaseStatus.REFUSED),
        (CaseStatus.QUALIFIED, CaseStatus.ACTIVE),
        (CaseStatus.QUALIFIED, CaseStatus.EXITED),
        (CaseStatus.ACTIVE, CaseStatus.EXITED),
    }
    assert Case(status=old).can_move_to(new) is ((old, new) in allowed)
    assert (new in CASE_MACHINE.targets(old)) is ((old, new) in allowed)


@pytest.mark.django_db
def test_eligibility_categories_are_seeded():
    from ksr.cases.models import EligibilityCategory

    codes = set(EligibilityCategory.objects.values_list("code", flat=True))
    assert {"homeless", "alcohol_after_therapy", "long_term_unemployed", "refugees", "disabled", "profile_iii"} <= codes
    assert EligibilityCategory.objects.get(code="homeless").legal_reference.startswith("art. 1 ust. 2 pkt 1")


def test_str_shows_only_the_name():
    person = Participant(first_name="Jan", last_name="Nowak", pesel="44051401359")
    assert str(person) == "Jan Nowak"
    assert str(Case(participant=person)) == "Jan Nowak"
