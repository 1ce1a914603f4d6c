import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from ksr.privacy.access import SPECIAL_CATEGORY_ROLES, can_read_special_category, special_category_fields
from ksr.privacy.tests.helpers import participant

pytestmark = pytest.mark.django_db


def test_roles_are_the_case_manager_and_the_specialist():
    assert set(SPECIAL_CATEGORY_ROLES) == {"case_manager", "specialist"}


def test_health_is_a_special_category_field():
    assert "health_conditions" in special_category_fields()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("case_manager", True),
        ("specialist", True),
        ("kis_manager", False),
        ("partner", False),
        ("ops_worker", False),
        ("analyst", False),
        ("admin", False),
        ("zenon", False),
        ("nobody", False),
    ],
)
def test_can_read_special_category(cast, who, allowed):
    p = participant(cast.kis_waw)
    assert can_read_special_category(getattr(cast, who), p) is allowed


def test_anonymous_and_anonymised(cast):
    from django.contrib.auth.models import AnonymousUser

    p = participant(cast.kis_waw)
    assert not can_read_special_category(AnonymousUser(), p)
    p.anonymised_at = timezone.now()
    assert not can_read_special_category(cast.case_manager, p)


def _render(user, p):
    request = RequestFactory().get("/")
    request.user = user
    template = Template(
        '{% load privacy %}[{% special_field participant "health_conditions" %}]'
        "{% if request.user|may_read_special:participant %}YES{% endif %}"
    )
    return template.render(Context({"request": request, "participant": p}))


def test_template_tag_hides_from_the_manager_and_shows_to_the_case_manager(cast):
    p = participant(cast.kis_waw, health_conditions="cukrzyca typu 2")
    shown = _render(cast.case_manager, p)
    assert "cukrzyca typu 2" in shown and "YES" in shown
    hidden = _render(cast.kis_manager, p)
    assert "cukrzyca" not in hidden and "YES" not in hidden
    assert "restricted" in hidden
