from __future__ import annotations

from django.urls import reverse

from ksr.pipeline.choices import Stage
from ksr.pipeline.funnel import progress
from ksr.pipeline.models import Initiative
from ksr.testing import response_bytes


def test_progress_counts_conversion_median_and_flags(cast, make_initiative):
    make_initiative(Stage.ENTERED, name="A")
    make_initiative(Stage.SUSTAINED, name="B")
    make_initiative(Stage.PROSPECT, name="C", started=100)  # no change for 100 days: stalled
    make_initiative(Stage.PROSPECT, gmina="1261011", name="D", started=5)
    prog = progress(Initiative.objects.all())
    national = prog.national
    assert national.total == 4 and national.created == 2 and national.sustained == 1
    rows = {r.stage: r for r in national.rows}
    assert rows[Stage.PROSPECT].reached == 4 and rows[Stage.FIRST_CONTACT].reached == 2
    assert rows[Stage.PROSPECT].conversion == 0.5
    assert rows[Stage.FIRST_CONTACT].median_days == 1.0
    assert [i.name for i in national.stalled] == ["C"]
    by_code = {r.code: r for r in prog.regions}
    assert by_code["14"].below_target is False and by_code["12"].below_target is True
    assert prog.regions_at_target == 1 and prog.regions_below is True and prog.total_below is True


def test_funnel_page_and_csv(login, cast, make_initiative, django_assert_max_num_queries):
    make_initiative(Stage.ENTERED, name="A")
    make_initiative(Stage.FIRST_CONTACT, gmina="1261011", name="D")
    client = login(cast.analyst)
    body = client.get(reverse("pipeline:funnel")).content.decode()
    assert "(14)" in body and "(12)" not in body
    csv = response_bytes(client.get(reverse("pipeline:funnel"), {"format": "csv"})).decode("utf-8-sig")
    assert csv.splitlines()[1].startswith("PL;")
    assert any(line.startswith("14;") for line in csv.splitlines())
    assert login(cast.zenon).get(reverse("pipeline:funnel")).status_code == 403


def test_funnel_query_count_does_not_grow(login, cast, make_initiative, django_assert_num_queries):
    client = login(cast.national)
    make_initiative(Stage.ENTERED, name="A")
    client.get(reverse("pipeline:funnel"))
    with django_assert_num_queries(8) as few:
        client.get(reverse("pipeline:funnel"))
    make_initiative(Stage.SUSTAINED, name="B")
    make_initiative(Stage.FIRST_CONTACT, gmina="1261011", name="C")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("pipeline:funnel"))
