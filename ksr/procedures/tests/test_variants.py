import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ksr.procedures import services
from ksr.procedures.choices import LsrVariant
from ksr.procedures.models import VariantChoice
from ksr.procedures.variants import CRITERIA, propose_variant
from ksr.testing import unit

A, C = LsrVariant.ADMINISTRATIVE, LsrVariant.CIVIC


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, A),
        ({"experienced_leaders": True, "partnership_idea_known": True, "cooperation_schemes": True}, A),
        ({"partnership_experience": True, "partnership_idea_known": True, "advanced_participation": True}, A),
        ({"partnership_experience": True, "experienced_leaders": True}, A),
        ({"partnership_experience": True, "experienced_leaders": True, "cooperation_schemes": True}, C),
        ({name: True for name, *_ in CRITERIA}, C),
    ],
)
def test_proposal_from_the_criteria(answers, expected):
    assert propose_variant(answers) == expected


def test_criteria_use_the_seed_wording():
    wording = " ".join(c[1] for c in CRITERIA)
    assert "doświadczenia w budowaniu partnerstw lokalnych" in wording
    assert "Liderzy społeczni mają już doświadczenie" in wording


def test_animator_records_the_proposed_variant(cast):
    choice = services.do_choose_variant(unit("1465011"), answers={}, actor=cast.animator)
    assert (choice.proposed_variant, choice.variant, choice.is_override) == (A, A, False)
    assert choice.chosen_by == cast.animator


def test_override_needs_a_reason(cast):
    with pytest.raises(ValidationError):
        services.do_choose_variant(unit("1465011"), answers={}, variant=C, actor=cast.animator)
    assert not VariantChoice.objects.exists()
    choice = services.do_choose_variant(
        unit("1465011"), answers={}, variant=C, reason="Silna grupa liderów parafialnych", actor=cast.animator
    )
    assert choice.is_override and choice.variant == C


@pytest.mark.parametrize("who", ["analyst", "partner", "zenon", "nobody", "kis_manager"])
def test_others_may_not_choose(cast, who):
    with pytest.raises(PermissionDenied):
        services.do_choose_variant(unit("1465011"), answers={}, actor=getattr(cast, who))
