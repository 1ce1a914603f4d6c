import datetime as dt
import random

from django.core import mail

from ksr.cooperation.demo import seed_demo
from ksr.cooperation.models import CooperationAssessment, Meeting
from ksr.cooperation.queries import forum_timeliness, last_assessment_on
from ksr.networks.models import Network, NetworkMembership
from ksr.testing import unit


def test_seed_demo_builds_healthy_and_overdue_forums(
    cast, lsr, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    late = Network.objects.create(name="LSR Kraków", level="local", territory=unit("1261011"), main_node=cast.kis_krk)
    NetworkMembership.objects.create(network=late, organisation=cast.kis_krk, joined_on=dt.date(2025, 1, 1))
    import ksr.networks.demo as networks_demo

    monkeypatch.setattr(networks_demo, "demo_lsrs", lambda: {("14", "healthy"): lsr, ("12", "overdue_forum"): late})
    with django_capture_on_commit_callbacks(execute=True):
        summary = seed_demo(rng=random.Random(1), actor=cast.admin, scale=1)  # noqa: S311
    assert summary.startswith("cooperation: 2 forums")
    healthy, overdue = forum_timeliness(lsr), forum_timeliness(late)
    assert healthy.strategic_ok and healthy.operational_ok
    assert not overdue.strategic_ok and not overdue.operational_ok
    assert last_assessment_on(lsr) >= dt.date.today() - dt.timedelta(days=183)
    periods = set(CooperationAssessment.objects.filter(network=lsr).values_list("year", "half"))
    assert len(periods) == 2
    assert Meeting.objects.filter(forum__network=lsr, status="minutes_sent").exists()
    assert Meeting.objects.filter(forum__network=lsr, status="planned").count() == 1
    assert mail.outbox  # the minutes went out through send_mail
    # idempotent: a second run adds nothing
    assert seed_demo(rng=random.Random(1), actor=cast.admin, scale=1).startswith("cooperation: 0 forums")  # noqa: S311
