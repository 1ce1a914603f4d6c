import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ksr.audit.models import AuditEntry
from ksr.cooperation import services
from ksr.cooperation.choices import Condition
from ksr.cooperation.models import CooperationAssessment, ImprovementAction
from ksr.cooperation.querysets import sees_all_cards
from ksr.cooperation.reports import assessment_summary, masked, trend_svg


def card_data(score=4, **extra):
    data = {f"score_{c.value}": score for c in Condition}
    data.update(year=2026, half="H1", filled_on=dt.date(2026, 3, 1), conclusions="Więcej spotkań.")
    data.update(extra)
    return data


def test_partner_fills_own_card_once_per_period(lsr, cast):
    card = services.do_fill_assessment(lsr, cast.library_waw, card_data(), actor=cast.partner)
    assert card.period == "I półrocze 2026"
    assert AuditEntry.objects.filter(object_id=str(card.pk), action="create").exists()
    with pytest.raises(ValidationError) as exc:
        services.do_fill_assessment(lsr, cast.library_waw, card_data(filled_on=dt.date(2026, 5, 1)), actor=cast.partner)
    assert "wypełniła już kartę" in " ".join(exc.value.messages)
    assert CooperationAssessment.objects.count() == 1
    services.do_fill_assessment(
        lsr, cast.library_waw, card_data(half="H2", filled_on=dt.date(2026, 8, 1)), actor=cast.partner
    )
    assert CooperationAssessment.objects.count() == 2


@pytest.mark.parametrize(
    "who,org",
    [
        ("partner", "ops_waw"),
        ("ops_worker", "ops_waw"),
        ("zenon", "kis_krk"),
        ("coordinator", "kis_waw"),
        ("animator", "library_waw"),
    ],
)
def test_others_may_not_fill(lsr, cast, who, org):
    with pytest.raises(PermissionDenied):
        services.do_fill_assessment(lsr, getattr(cast, org), card_data(), actor=getattr(cast, who))
    assert not CooperationAssessment.objects.exists()


def test_kis_manager_fills_for_the_kis(lsr, cast):
    assert (
        services.do_fill_assessment(lsr, cast.kis_waw, card_data(), actor=cast.kis_manager).organisation == cast.kis_waw
    )


def test_score_out_of_range_is_refused(lsr, cast):
    with pytest.raises(ValidationError):
        services.do_fill_assessment(lsr, cast.library_waw, card_data(score=6), actor=cast.partner)
    assert not CooperationAssessment.objects.exists()


def test_card_visibility(lsr, cast):
    services.do_fill_assessment(lsr, cast.library_waw, card_data(), actor=cast.partner)
    services.do_fill_assessment(lsr, cast.kis_waw, card_data(), actor=cast.kis_manager)
    visible = lambda user: CooperationAssessment.objects.visible_to(user).count()  # noqa: E731
    assert visible(cast.coordinator) == visible(cast.kis_manager) == visible(cast.case_manager) == 2
    assert visible(cast.admin) == visible(cast.national) == 2
    assert visible(cast.partner) == 1
    assert visible(cast.ops_worker) == 0
    assert visible(cast.zenon) == visible(cast.nobody) == 0
    assert sees_all_cards(cast.coordinator, lsr) and not sees_all_cards(cast.partner, lsr)


def test_summary_means_and_trend_chart(lsr, cast):
    services.do_fill_assessment(lsr, cast.library_waw, card_data(score=2, year=2025, half="H1"), actor=cast.partner)
    services.do_fill_assessment(lsr, cast.library_waw, card_data(score=4), actor=cast.partner)
    services.do_fill_assessment(lsr, cast.kis_waw, card_data(score=5), actor=cast.kis_manager)
    summary = assessment_summary(CooperationAssessment.objects.filter(network=lsr))
    assert [(p.period, p.cards, p.overall) for p in summary] == [
        ("I półrocze 2025", 1, 2.0),
        ("I półrocze 2026", 2, 4.5),
    ]
    assert summary[1].means == [4.5] * 8
    svg = str(trend_svg(summary))
    assert svg.startswith("<svg") and "<title" in svg and "I półrocze 2025" in svg and "4,50" in svg
    assert str(trend_svg([])) == ""


def test_masked_counts():
    assert masked(3, exact=False) == "<5"
    assert masked(5, exact=False) == "5"
    assert masked(3, exact=True) == "3"
    assert masked(0, exact=False) == "<5"
    assert masked(None, exact=False) == ""


def test_improvement_actions(lsr, cast):
    data = {
        "title": "Lista mailingowa",
        "condition": "communication",
        "owner": cast.library_waw,
        "due_on": dt.date(2026, 12, 31),
    }
    action = services.do_add_improvement_action(lsr, data, actor=cast.coordinator)
    services.do_update_improvement_action_status(action, "done", actor=cast.coordinator)
    action.refresh_from_db()
    assert action.status == "done"
    with pytest.raises(PermissionDenied):
        services.do_add_improvement_action(lsr, data, actor=cast.partner)
    with pytest.raises(ValidationError):
        services.do_add_improvement_action(lsr, {**data, "owner": cast.kis_krk}, actor=cast.coordinator)
    assert ImprovementAction.objects.count() == 1
