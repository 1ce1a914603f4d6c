"""Each LSR health rule flips with real data from the partnerships and cooperation apps."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from ksr.cooperation import services as cooperation
from ksr.cooperation.choices import Condition, MeetingKind
from ksr.networks import services
from ksr.networks.health import lsr_health, lsr_health_many, months_before
from ksr.partnerships import services as partnerships
from ksr.partnerships.demo import tiny_pdf
from ksr.registry.choices import SectorCode

TODAY = dt.date.today()
PDF = tiny_pdf("Umowa partnerska")


def ok(network, code):
    report = lsr_health(network, TODAY)
    assert report.rule(code).ok == lsr_health_many([network], TODAY)[network.pk].rule(code).ok
    return report.rule(code).ok


def test_auspices_rule(cast, lsr):
    assert not ok(lsr, "auspices")
    services.do_record_auspices(lsr, {"kind": "declaration", "date": TODAY}, actor=cast.admin)
    assert ok(lsr, "auspices")
    rule = lsr_health(lsr).rule("auspices")
    assert "Model KSR, II.3" in rule.source and rule.fix_url.endswith(f"/{lsr.pk}/patronat/nowy/")


def test_type_c_rule_needs_type_c_and_all_four_sectors(cast, lsr):
    from ksr.networks.tests.conftest import type_c

    assert not ok(lsr, "type_c")
    library = type_c("Biblioteka", "education", "culture")
    services.do_add_member(lsr, library, actor=cast.admin)
    rule = lsr_health(lsr).rule("type_c")
    assert not rule.ok
    assert str(SectorCode.HEALTH.label) in rule.detail and str(SectorCode.SPORT.label) in rule.detail
    services.do_add_member(lsr, type_c("Przychodnia", "health"), actor=cast.admin)
    services.do_add_member(lsr, type_c("OSiR", "sport"), actor=cast.admin)
    assert ok(lsr, "type_c")
    # A type C member that leaves no longer counts.
    membership = lsr.memberships.get(organisation__name="OSiR")
    services.do_end_membership(membership, actor=cast.admin)
    assert not ok(lsr, "type_c")


def test_partnership_rule(cast, lsr, four_sector_members):
    assert not ok(lsr, "partnership")
    p = partnerships.do_create_partnership(lsr, {"name": "Partnerstwo", "goal": "Usługi"}, actor=cast.admin)
    partnerships.do_add_partner(p, four_sector_members[0], {}, actor=cast.admin)
    partnerships.do_upload_agreement(
        p, SimpleUploadedFile("umowa.pdf", PDF, content_type="application/pdf"), actor=cast.admin, signed_on=TODAY
    )
    partnerships.do_transition_partnership(p, "consultation", actor=cast.admin)
    assert not ok(lsr, "partnership")  # not signed yet
    partnerships.do_transition_partnership(p, "signed", actor=cast.admin)
    assert ok(lsr, "partnership")


def _held(forum, kind, days_ago, actor):
    day = TODAY - dt.timedelta(days=days_ago)
    meeting = cooperation.do_plan_meeting(forum, {"kind": kind, "title": "Posiedzenie", "planned_on": day}, actor=actor)
    cooperation.do_record_meeting_held(meeting, {"held_on": day, "minutes": "Protokół."}, actor=actor)


def test_forum_rule(cast, lsr):
    assert not ok(lsr, "forum")
    forum = cooperation.do_create_forum(lsr, actor=cast.coordinator)
    _held(forum, MeetingKind.STRATEGIC, 10, cast.coordinator)
    assert not ok(lsr, "forum")  # no operational meeting yet
    _held(forum, MeetingKind.OPERATIONAL, 40, cast.coordinator)
    assert not ok(lsr, "forum")  # the operational one is overdue
    _held(forum, MeetingKind.OPERATIONAL, 5, cast.coordinator)
    assert ok(lsr, "forum")


def test_assessment_rule(cast, lsr, four_sector_members):
    assert not ok(lsr, "assessment")
    scores = {f"score_{c.value}": 4 for c in Condition}
    old = months_before(TODAY, 7)
    cooperation.do_fill_assessment(lsr, cast.kis_waw, {**scores, "filled_on": old}, actor=cast.admin)
    assert not ok(lsr, "assessment")
    cooperation.do_fill_assessment(lsr, four_sector_members[0], {**scores, "filled_on": TODAY}, actor=cast.admin)
    assert ok(lsr, "assessment")


def test_healthy_when_all_rules_hold(cast, lsr, four_sector_members):
    services.do_record_auspices(lsr, {"kind": "declaration", "date": TODAY}, actor=cast.admin)
    p = partnerships.do_create_partnership(lsr, {"name": "P", "goal": "G"}, actor=cast.admin)
    partnerships.do_add_partner(p, four_sector_members[1], {}, actor=cast.admin)
    partnerships.do_upload_agreement(
        p, SimpleUploadedFile("u.pdf", PDF, content_type="application/pdf"), actor=cast.admin, signed_on=TODAY
    )
    partnerships.do_transition_partnership(p, "consultation", actor=cast.admin)
    partnerships.do_transition_partnership(p, "signed", actor=cast.admin)
    forum = cooperation.do_create_forum(lsr, actor=cast.admin)
    _held(forum, MeetingKind.STRATEGIC, 30, cast.admin)
    _held(forum, MeetingKind.OPERATIONAL, 3, cast.admin)
    scores = {f"score_{c.value}": 5 for c in Condition}
    cooperation.do_fill_assessment(lsr, cast.kis_waw, {**scores, "filled_on": TODAY}, actor=cast.admin)
    report = lsr_health(lsr, TODAY)
    assert report.is_healthy and report.score == 5
    assert lsr_health_many([lsr], TODAY)[lsr.pk].is_healthy


def test_months_before_clamps_to_month_end():
    assert months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 3, 15), 6) == dt.date(2025, 9, 15)


def test_the_apps_above_register_their_health_sources():
    from ksr.networks.registry import health_sources

    # Rules (c)–(e) come from these sources; without them the rules say "cannot be checked yet".
    assert {"partnerships", "cooperation"} <= set(health_sources())
