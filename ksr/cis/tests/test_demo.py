import datetime as dt
import random

from django.utils import timezone

from ksr.cis.demo import seed_demo
from ksr.cis.models import BenefitRate, MotivationBonus, StatusDecision
from ksr.cis.services import current_decision
from ksr.cis.tests.conftest import cis_case


def test_the_demo_gives_each_cis_a_status_a_rate_and_a_bonus(cast, cis):
    today = timezone.localdate()
    case = cis_case(cis, 1, today - dt.timedelta(days=120))
    line = seed_demo(rng=random.Random(1), actor=cast.admin, scale=1)  # noqa: S311
    assert "1 status decisions" in line
    rate = BenefitRate.objects.get()
    assert not rate.verified and "do sprawdzenia" in rate.source
    decision = StatusDecision.objects.get(organisation=cis)
    assert current_decision(cis, today) == decision
    assert (decision.valid_until - today).days <= 90  # the first CIS is warned
    assert MotivationBonus.objects.get().case == case
    assert seed_demo(rng=random.Random(1), actor=cast.admin, scale=1).startswith("cis: 0 status")  # noqa: S311
