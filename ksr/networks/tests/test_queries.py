import datetime as dt

from ksr.networks import services
from ksr.networks.queries import current_members, lsrs_in, lsrs_of_organisation, partner_organisations


def test_public_queries(cast, lsr, rsr):
    m = services.do_add_member(lsr, cast.library_waw, joined_on=dt.date(2025, 2, 1), actor=cast.admin)
    services.do_add_member(lsr, cast.ops_waw, actor=cast.admin)
    assert set(current_members(lsr)) == {cast.kis_waw, cast.library_waw, cast.ops_waw}
    assert set(partner_organisations(cast.kis_waw)) == {cast.library_waw, cast.ops_waw}
    assert list(lsrs_of_organisation(cast.library_waw)) == [lsr]
    assert list(lsrs_of_organisation(cast.kis_waw)) == [lsr]
    assert list(lsrs_in("14")) == [lsr] and list(lsrs_in("")) == [lsr] and not lsrs_in("12").exists()
    services.do_end_membership(m, actor=cast.admin)
    assert cast.library_waw not in current_members(lsr)
    assert cast.library_waw not in partner_organisations(cast.kis_waw)
    assert not lsrs_of_organisation(cast.library_waw).exists()
    assert not partner_organisations(cast.kis_krk).exists()
