import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ksr.cis import services
from ksr.cis.choices import DecisionKind

D = dt.date


def data(**extra):
    return {
        "kind": DecisionKind.GRANTED,
        "number": "WPS-II.9421.1.2024",
        "decided_on": D(2024, 3, 1),
        "valid_from": D(2024, 3, 15),
        **extra,
    }


def test_a_decision_grants_five_years_by_default(cast, cis, cis_manager):
    decision = services.do_record_status_decision(cis, data(), actor=cis_manager)
    assert decision.valid_until == D(2029, 3, 14)
    assert services.current_decision(cis, D(2029, 3, 14)) == decision
    assert services.current_decision(cis, D(2029, 3, 15)) is None
    assert services.current_decision(cis, D(2024, 3, 14)) is None


def test_more_than_five_years_is_refused(cast, cis, cis_manager):
    services.do_record_status_decision(cis, data(valid_until=D(2029, 3, 14)), actor=cis_manager)
    with pytest.raises(ValidationError, match="valid_until"):
        services.do_record_status_decision(cis, data(valid_until=D(2029, 3, 15), number="2"), actor=cis_manager)


def test_a_decision_dated_tomorrow_is_refused(cast, cis, cis_manager):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="decided_on"):
        services.do_record_status_decision(cis, data(decided_on=tomorrow), actor=cis_manager)
    services.do_record_status_decision(cis, data(decided_on=timezone.localdate()), actor=cis_manager)


def test_an_extension_needs_a_granted_status_and_only_a_cis_has_one(cast, cis, cis_manager):
    with pytest.raises(ValidationError, match="kind"):
        services.do_record_status_decision(cis, data(kind=DecisionKind.EXTENDED), actor=cis_manager)
    services.do_record_status_decision(cis, data(), actor=cis_manager)
    extended = services.do_record_status_decision(
        cis,
        data(kind=DecisionKind.EXTENDED, number="3", decided_on=D(2026, 1, 5), valid_from=D(2029, 3, 15)),
        actor=cis_manager,
    )
    assert extended.valid_until == D(2034, 3, 14)
    with pytest.raises(ValidationError):
        services.do_record_status_decision(cast.kis_waw, data(), actor=cast.admin)


def test_the_marshal_s_funding_only_with_the_first_three_months(cast, cis, cis_manager):
    with pytest.raises(ValidationError, match="marshal_funding"):
        services.do_record_status_decision(cis, data(marshal_funding=10000), actor=cis_manager)
    decision = services.do_record_status_decision(
        cis, data(marshal_funds_first_months=True, marshal_funding=10000), actor=cis_manager
    )
    assert decision.marshal_funds_first_months


def test_only_the_centre_s_manager_records_its_decisions(cast, cis, cis_manager):
    from django.core.exceptions import PermissionDenied

    for user in (cast.kis_manager, cast.case_manager, cast.officer):
        with pytest.raises(PermissionDenied):
            services.do_record_status_decision(cis, data(), actor=user)
    services.do_record_status_decision(cis, data(), actor=cast.admin)
