"""The shared table tags and the declared audit owner of a record."""

from django.template import Context, Template

from ksr.networks.models import Network, NetworkMembership
from ksr.registry.models import Organisation


def render(source: str, **context: object) -> str:
    return Template("{% load tables %}" + source).render(Context(context))


def test_column_heads_draws_one_escaped_header_per_label() -> None:
    html = render("{% column_heads first second %}", first="Name", second="<b>")
    assert html == '<th scope="col">Name</th>\n<th scope="col">&lt;b&gt;</th>'


def test_table_wraps_its_rows_with_the_caption() -> None:
    html = render(
        '{% table rows caption=title empty="None" %}'
        "<tbody>{% for r in rows %}<tr><td>{{ r }}</td></tr>{% endfor %}</tbody>"
        "{% endtable %}",
        rows=[1],
        title="A & B",
    )
    assert html.startswith('<div class="table-wrap">')
    assert "<caption>A &amp; B</caption>" in html
    assert "<td>1</td>" in html
    assert "empty" not in html


def test_table_without_rows_says_the_empty_sentence_or_nothing() -> None:
    assert render('{% table rows empty="Nothing yet." %}<tbody></tbody>{% endtable %}', rows=[]) == (
        '<p class="empty">Nothing yet.</p>'
    )
    assert render("{% table rows %}<tbody></tbody>{% endtable %}", rows=[]) == ""


def test_audit_organisation_follows_the_declared_path() -> None:
    node = Organisation(name="KIS")
    membership = NetworkMembership(network=Network(name="LSR", main_node=node))
    assert membership.audit_organisation is node
    assert NetworkMembership().audit_organisation is None
    assert Organisation(name="no path").audit_organisation is None
