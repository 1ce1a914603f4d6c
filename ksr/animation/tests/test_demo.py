import random

from django.utils import translation

from ksr.animation.demo import seed_demo
from ksr.animation.models import AdviceVisit, Animator, ZrarTeam
from ksr.registry.choices import OrganisationKind as K
from ksr.testing import OrganisationFactory, unit


def test_seed_demo_builds_teams_one_flagged(cast):
    for code, gmina in (("14", "1465011"), ("12", "1261011")):
        seat = unit(gmina)
        if code == "12":
            OrganisationFactory(name="ROPS Małopolska", kind=K.ROPS, seat=seat)
        for kind in (K.OPS, K.PUP, K.PCPR, K.ASSOCIATION, K.OPS, K.KIS):
            OrganisationFactory(kind=kind, seat=seat)
    summary = seed_demo(rng=random.Random(1), actor=cast.admin, scale=1)  # noqa: S311
    assert summary.startswith("animation:")
    with translation.override("en"):
        flags = {t.region.code: t.flags() for t in ZrarTeam.objects.all()}
    assert flags["14"] == [] and flags["12"] == ["No mixed origin (fewer than 2 sectors)"]
    assert not Animator.objects.exclude(status="active").exists()
    assert AdviceVisit.objects.filter(adopted_new_profile=True).count() == 1
