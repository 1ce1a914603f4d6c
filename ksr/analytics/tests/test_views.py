import pytest
from django.urls import reverse

from ksr.analytics.tests.helpers import add_members, network, org
from ksr.testing import response_bytes


@pytest.fixture
def lsr(cast):
    net = network("LSR Warszawa", cast.kis_waw)
    add_members(net, [cast.ops_waw, cast.library_waw, org("Szkoła", kind="school", sectors=["education"])])
    return net


def _urls(net):
    return [
        reverse("analytics:network_graph", kwargs={"network_pk": net.pk}),
        reverse("analytics:network_metrics", kwargs={"network_pk": net.pk}),
    ]


def test_anonymous_is_sent_to_sign_in(client, lsr):
    for url in [*_urls(lsr), reverse("analytics:maps"), reverse("analytics:network_list")]:
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"] or "logowanie" in response["Location"]


@pytest.mark.parametrize("who", ["zenon", "nobody"])
def test_a_network_out_of_sight_answers_404(cast, login, lsr, who):
    client = login(getattr(cast, who))
    for url in _urls(lsr):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "partner", "analyst", "national", "admin"])
def test_who_sees_the_network_sees_its_graph_and_metrics(cast, login, lsr, who):
    client = login(getattr(cast, who))
    for url in _urls(lsr):
        assert client.get(url).status_code == 200


def test_graph_page_draws_every_member_and_a_table(cast, login, lsr):
    response = login(cast.coordinator).get(_urls(lsr)[0])
    html = response.content.decode()
    assert html.count('class="node"') == 4  # KIS (main node) + 3 members
    assert 'id="node-table"' in html
    assert "<title>" in html and "graph.js" in html
    assert 'id="graph-controls" hidden' in html  # the controls appear only with JavaScript


def test_metrics_page_shows_summary_and_exports_csv(cast, login, lsr):
    client = login(cast.coordinator)
    html = client.get(_urls(lsr)[1]).content.decode()
    assert "Szkoła" in html
    response = client.get(_urls(lsr)[1] + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    body = response_bytes(response).decode("utf-8-sig")
    assert body.count("\n") == 5  # header + 4 organisations
    assert "MOPS Warszawa" in body


def test_region_page_lists_the_lsrs(cast, login, lsr):
    url = reverse("analytics:region_metrics", kwargs={"code": "14"})
    html = login(cast.analyst).get(url).content.decode()
    assert "LSR Warszawa" in html
    assert login(cast.zenon).get(url).status_code == 404
    assert login(cast.analyst).get(reverse("analytics:region_metrics", kwargs={"code": "xx"})).status_code == 404


def test_network_list_is_scoped_and_has_a_fixed_query_count(cast, login, lsr, django_assert_num_queries):
    url = reverse("analytics:network_list")
    client = login(cast.zenon)
    assert "LSR Warszawa" not in client.get(url).content.decode()
    client = login(cast.analyst)
    client.get(url)  # warm the session and scope
    with django_assert_num_queries(7) as few:
        client.get(url)
    for i in range(8):
        network(f"LSR {i}", cast.kis_waw)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert "LSR 7" in html


def test_the_region_page_shows_each_lsr_with_the_figures_of_its_own_page(cast, login):
    rsr = network("RSR Mazowsze", cast.rops_maz, level="regional", territory="14")
    first = network("LSR Warszawa", cast.kis_waw, parent=rsr)
    second = network("LSR Praga", cast.kis_waw, parent=rsr)
    a, b = org("Biblioteka", sectors=["culture"]), org("Szkoła", kind="school", sectors=["education"])
    add_members(first, [a, b, org("Klub sportowy", sectors=["sport"])])
    add_members(second, [a, b])  # a and b meet again in the other LSR: a tie on the first LSR's page
    client = login(cast.analyst)
    region = client.get(reverse("analytics:region_metrics", kwargs={"code": "14"}))
    rows = {row["network"].pk: row["summary"] for row in region.context["lsr_rows"]}
    for lsr in (first, second):
        own = client.get(reverse("analytics:network_metrics", kwargs={"network_pk": lsr.pk})).context["summary"]
        assert rows[lsr.pk] == own
    # Not "every LSR 1,00": a network's own co-membership is no tie, on either page.
    assert 0 < rows[first.pk].density < 1
