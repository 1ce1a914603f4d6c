from ksr.procedures import services
from ksr.procedures.cards import CARDS
from ksr.procedures.choices import CardGroup
from ksr.procedures.models import CardStep, ProcedureCard


def test_thirteen_cards_with_their_steps_are_loaded(db):
    assert services.sync_cards() == 13
    assert ProcedureCard.objects.count() == 13
    groups = list(ProcedureCard.objects.order_by("number").values_list("group", flat=True))
    assert groups == [CardGroup.MAIN_NODE] * 5 + [CardGroup.TYPE_B] * 5 + [CardGroup.TYPE_C] * 3
    # steps per card, as in the source (cards 1–13)
    counts = [ProcedureCard.objects.get(number=n).steps.count() for n in range(1, 14)]
    assert counts == [4, 4, 3, 3, 3, 4, 3, 4, 3, 2, 3, 3, 3]
    assert ProcedureCard.objects.get(number=1).name == "INICJACJA LSR"
    assert "List intencyjny" in CardStep.objects.get(card__number=1, number=3).text


def test_sync_is_idempotent_and_repairs_changes(db):
    services.sync_cards()
    ProcedureCard.objects.filter(number=4).update(name="zmienione")
    services.sync_cards()
    assert ProcedureCard.objects.get(number=4).name == "LOKALNY MONITORING LSR"
    assert CardStep.objects.count() == sum(len(c.steps) for c in CARDS)
