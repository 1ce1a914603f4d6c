import datetime as dt

from ksr.partnerships import services
from ksr.partnerships.queries import attitude_table, partnership_ties, signed_partnerships_with_type_c
from ksr.partnerships.tests.helpers import lsr, partnership, signed_partnership


def test_signed_partnerships_with_type_c(cast):
    network = lsr(cast)
    good = signed_partnership(cast, network)
    signed_partnership(cast, network, with_type_c=False)
    partnership(cast, network)  # draft
    assert list(signed_partnerships_with_type_c(network)) == [good]
    services.do_transition_partnership(good, "active", actor=cast.admin)
    assert list(signed_partnerships_with_type_c(network)) == [good]
    type_c = good.partners.get(organisation__stakeholder_type="C")
    services.do_remove_partner(type_c, actor=cast.admin)
    assert not signed_partnerships_with_type_c(network).exists()


def test_partnership_ties_pairs_current_partners_of_live_partnerships(cast):
    network = lsr(cast)
    p = partnership(cast, network)
    services.do_add_partner(p, cast.ops_waw, {}, actor=cast.admin)
    lib = services.do_add_partner(p, cast.library_waw, {}, actor=cast.admin)
    ids = sorted([cast.kis_waw.pk, cast.ops_waw.pk, cast.library_waw.pk])
    assert partnership_ties() == [(ids[0], ids[1], p.pk), (ids[0], ids[2], p.pk), (ids[1], ids[2], p.pk)]
    services.do_remove_partner(lib, actor=cast.admin)
    assert len(partnership_ties([network.pk])) == 1
    assert partnership_ties([network.pk + 1000]) == []
    other = partnership(cast, network, form="informal")
    services.do_add_partner(other, cast.ops_waw, {}, actor=cast.admin)
    for s in ("consultation", "signed", "active", "dissolved"):
        services.do_transition_partnership(other, s, actor=cast.admin)
    assert all(t[2] == p.pk for t in partnership_ties())


def test_attitude_table_first_vs_latest_and_between_dates(cast):
    network = lsr(cast)
    d1, d2, d3 = dt.date(2026, 1, 1), dt.date(2026, 6, 1), dt.date(2026, 12, 1)
    rows = [
        (cast.ops_waw, d1, "neutral"),
        (cast.ops_waw, d3, "supporter"),
        (cast.library_waw, d1, "opponent"),
        (cast.library_waw, d2, "neutral"),
        (cast.kis_waw, d1, "supporter"),
    ]
    for org, day, attitude in rows:
        services.do_record_attitude(
            network, {"organisation": org, "assessed_on": day, "attitude": attitude}, actor=cast.admin
        )
    table = attitude_table(network)
    assert (table.row("supporter").before, table.row("supporter").after) == (1, 2)
    assert (table.row("opponent").before, table.row("opponent").after) == (1, 0)
    assert table.row("supporter").change == 1
    between = attitude_table(network, before=d1, after=d2)
    assert (between.row("supporter").after, between.row("neutral").after) == (1, 2)
