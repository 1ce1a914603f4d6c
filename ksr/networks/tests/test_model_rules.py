"""Rules the product enforces on networks (ValidationError) and the ones it flags."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ksr.networks import services
from ksr.networks.health import network_flags
from ksr.registry.choices import OrganisationKind as K
from ksr.testing import OrganisationFactory, unit


def lsr_data(cast, **extra):
    data = {
        "name": "LSR",
        "level": "local",
        "territory": unit("1465011"),
        "main_node": cast.kis_waw,
        "creation_variant": "civic",
        "civic_leaders": "Liderzy",
    }
    data.update(extra)
    return data


def error_fields(exc):
    return set(exc.value.message_dict)


def test_lsr_main_node_must_be_a_kis(cast):
    with pytest.raises(ValidationError) as exc:
        services.do_create_network(lsr_data(cast, main_node=cast.ops_waw), actor=cast.admin)
    assert "main_node" in error_fields(exc)


def test_rsr_main_node_must_be_a_rowr_and_covers_a_voivodeship(cast, ksr):
    with pytest.raises(ValidationError) as exc:
        services.do_create_network(
            {"name": "RSR", "level": "regional", "territory": unit("1465011"), "main_node": cast.rops_maz},
            actor=cast.admin,
        )
    assert {"main_node", "territory"} <= error_fields(exc)


def test_ksr_has_no_territory_and_there_is_only_one(cast, ksr, kowr):
    with pytest.raises(ValidationError) as exc:
        services.do_create_network(
            {"name": "KSR 2", "level": "national", "main_node": kowr, "territory": unit("14")}, actor=cast.admin
        )
    assert {"territory", "level"} <= error_fields(exc)


def test_lsr_parent_must_be_the_rsr_of_its_voivodeship(cast, rsr):
    with pytest.raises(ValidationError) as exc:
        services.do_create_network(
            lsr_data(cast, territory=unit("1261011"), main_node=cast.kis_krk, parent=rsr), actor=cast.admin
        )
    assert "parent" in error_fields(exc)
    lsr = services.do_create_network(lsr_data(cast, parent=rsr), actor=cast.admin)
    assert lsr.parent == rsr


def test_lsr_parent_must_be_regional(cast, ksr):
    with pytest.raises(ValidationError) as exc:
        services.do_create_network(lsr_data(cast, parent=ksr), actor=cast.admin)
    assert "parent" in error_fields(exc)


def test_administrative_variant_requires_number_and_date(cast):
    with pytest.raises(ValidationError) as exc:
        services.do_create_network(lsr_data(cast, creation_variant="administrative"), actor=cast.admin)
    assert {"creation_act_kind", "creation_act_number", "creation_act_date"} <= error_fields(exc)
    lsr = services.do_create_network(
        lsr_data(
            cast,
            creation_variant="administrative",
            creation_act_kind="decision",
            creation_act_number="12/2026",
            creation_act_date=dt.date(2026, 1, 5),
        ),
        actor=cast.admin,
    )
    assert lsr.civic_leaders == ""  # the civic field is cleared in the administrative variant


def test_civic_variant_requires_the_leaders(cast):
    with pytest.raises(ValidationError) as exc:
        services.do_create_network(lsr_data(cast, civic_leaders=" "), actor=cast.admin)
    assert "civic_leaders" in error_fields(exc)


def test_lsr_requires_a_variant(cast):
    with pytest.raises(ValidationError) as exc:
        services.do_create_network(lsr_data(cast, creation_variant=""), actor=cast.admin)
    assert "creation_variant" in error_fields(exc)


def test_rsr_flags_host_and_members_that_do_not_belong(cast, rsr, lsr):
    assert network_flags(rsr) == []
    local_ngo = OrganisationFactory(name="Stowarzyszenie lokalne", kind=K.ASSOCIATION)
    outside = OrganisationFactory(
        name="Fundacja z Krakowa", kind=K.FOUNDATION, seat=unit("1261011"), operating_level="regional"
    )
    supra = OrganisationFactory(name="WUP", kind=K.WUP, operating_level="regional")
    for org in (local_ngo, outside, supra):
        services.do_add_member(rsr, org, actor=cast.admin)
    codes = sorted(f.code for f in network_flags(rsr))
    assert codes == ["member_local", "member_outside"]
    rowr = rsr.main_node
    rowr.parent = None
    rowr.save()
    assert "host" in {f.code for f in network_flags(rsr)}


def test_ksr_flags_host_and_non_national_members(cast, ksr, rsr):
    assert network_flags(ksr) == []
    services.do_add_member(ksr, cast.library_waw, actor=cast.admin)
    assert [f.code for f in network_flags(ksr)] == ["member_not_national"]
    kowr = ksr.main_node
    kowr.parent = cast.library_waw
    kowr.save()
    assert "host" in {f.code for f in network_flags(ksr)}


def test_lsr_without_parent_is_flagged(cast):
    lsr = services.do_create_network(lsr_data(cast), actor=cast.admin)
    assert [f.code for f in network_flags(lsr)] == ["no_parent"]
