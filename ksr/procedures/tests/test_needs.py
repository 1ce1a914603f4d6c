import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ksr.procedures import services
from ksr.procedures.models import NeedRequest, NeedResponse
from ksr.procedures.queries import annotate_requests, is_overdue, pending_addressees, response_stats
from ksr.procedures.tests.helpers import need


def test_kis_sends_a_request_due_for_answer_in_two_weeks(cast):
    request = need(cast)
    assert set(request.addressees.all()) == {cast.library_waw, cast.ops_waw}
    assert request.answer_by == timezone.localdate() + dt.timedelta(days=14)
    assert request.is_open


@pytest.mark.parametrize("who", ["partner", "analyst", "zenon", "nobody"])
def test_others_may_not_send_requests_for_the_kis(cast, who):
    with pytest.raises(PermissionDenied):
        need(cast, actor=getattr(cast, who))


def test_request_needs_addressees(cast):
    with pytest.raises(ValidationError):
        need(cast, addressees=[cast.kis_waw])
    assert not NeedRequest.objects.exists()


def test_partner_offers_what_when_and_on_what_conditions(cast):
    request = need(cast)
    with pytest.raises(ValidationError) as err:
        services.do_answer_need_request(request, cast.library_waw, kind="offer", actor=cast.partner)
    assert "offer" in err.value.message_dict
    response = services.do_answer_need_request(
        request,
        cast.library_waw,
        kind="offer",
        offer="Sala i psycholog szkolny",
        available_from=dt.date.today(),
        conditions="W godzinach popołudniowych",
        actor=cast.partner,
    )
    assert response.kind == "offer" and response.response_time.total_seconds() >= 0
    with pytest.raises(ValidationError):
        services.do_answer_need_request(request, cast.library_waw, kind="decline", reason="x", actor=cast.partner)


def test_decline_requires_a_reason(cast):
    from ksr.testing import member

    request = need(cast)
    ops_partner = member("olek", cast.ops_waw, "partner_representative")
    with pytest.raises(ValidationError) as err:
        services.do_answer_need_request(request, cast.ops_waw, kind="decline", reason="  ", actor=ops_partner)
    assert "reason" in err.value.message_dict
    services.do_answer_need_request(request, cast.ops_waw, kind="decline", reason="Brak specjalisty", actor=ops_partner)
    assert NeedResponse.objects.get().reason == "Brak specjalisty"


@pytest.mark.parametrize("who", ["kis_manager", "animator", "zenon", "ops_worker"])
def test_only_the_addressed_partner_answers(cast, who):
    request = need(cast)
    with pytest.raises(PermissionDenied):
        services.do_answer_need_request(request, cast.library_waw, kind="decline", reason="x", actor=getattr(cast, who))


def test_partner_of_an_organisation_not_addressed_cannot_answer(cast):
    request = need(cast, addressees=[cast.ops_waw])
    with pytest.raises(PermissionDenied):
        services.do_answer_need_request(request, cast.library_waw, kind="decline", reason="x", actor=cast.partner)


def test_response_times_median_per_partner_and_overdue_flag(cast):
    request = need(cast)
    NeedRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - dt.timedelta(days=20), answer_by=timezone.localdate() - dt.timedelta(days=6)
    )
    request.refresh_from_db()
    services.do_answer_need_request(
        request,
        cast.library_waw,
        kind="offer",
        offer="Sala",
        available_from=dt.date.today(),
        responded_at=request.created_at + dt.timedelta(days=4),
        actor=cast.partner,
    )
    second = need(cast, addressees=[cast.library_waw])
    services.do_answer_need_request(
        second,
        cast.library_waw,
        kind="decline",
        reason="Sala zajęta",
        responded_at=second.created_at + dt.timedelta(days=2),
        actor=cast.partner,
    )
    stats = response_stats(NeedRequest.objects.all())
    row = next(s for s in stats["partners"] if s.label == cast.library_waw.name)
    assert (row.answers, row.offers, row.declines, row.median_days) == (2, 1, 1, 3.0)
    request = NeedRequest.objects.prefetch_related("addressees", "responses").get(pk=request.pk)
    assert pending_addressees(request) == [cast.ops_waw]
    assert is_overdue(request)
    assert not is_overdue(NeedRequest.objects.get(pk=second.pk))
    annotated = annotate_requests(NeedRequest.objects.all()).get(pk=request.pk)
    assert annotated.pending_count == 1


def test_closing_and_answers_after_closing(cast):
    request = need(cast)
    with pytest.raises(PermissionDenied):
        services.do_close_need_request(request, actor=cast.partner)
    services.do_close_need_request(request, actor=cast.kis_manager)
    with pytest.raises(ValidationError):
        services.do_answer_need_request(request, cast.library_waw, kind="decline", reason="x", actor=cast.partner)


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("partner", True),
        ("kis_manager", True),
        ("analyst", True),
        ("national", True),
        ("zenon", False),
        ("nobody", False),
    ],
)
def test_request_visibility(cast, who, sees):
    need(cast)
    assert NeedRequest.objects.visible_to(getattr(cast, who)).exists() is sees
