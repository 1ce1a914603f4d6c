"""``may_open``: a link is shown only to the users who pass the rule of the page it leads to."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ksr.accounts.templatetags.access import may_open, may_open_path

pytestmark = pytest.mark.django_db


def test_a_page_for_some_roles_is_open_to_them_only(cast):
    assert may_open(cast.kis_manager, "catalogue:coverage") and may_open(cast.case_manager, "catalogue:coverage")
    assert not may_open(cast.analyst, "catalogue:coverage") and not may_open(cast.partner, "catalogue:coverage")
    assert may_open(cast.analyst, "networks:lsr_overview") and not may_open(cast.coordinator, "networks:lsr_overview")
    assert not may_open(AnonymousUser(), "networks:lsr_overview")


def test_pages_for_every_signed_in_user_and_public_pages(cast):
    assert may_open(cast.partner, "registers:entry_list") and not may_open(AnonymousUser(), "registers:entry_list")
    assert may_open(AnonymousUser(), "registers:public_index")


def test_the_audit_of_a_participant_is_for_the_clubs_manager_only(cast):
    url = reverse("privacy:participant_audit", kwargs={"participant_pk": 1})
    assert may_open_path(cast.kis_manager, url) and may_open_path(cast.admin, url)
    assert not may_open_path(cast.case_manager, url) and not may_open_path(cast.specialist, url)
    assert not may_open_path(cast.kis_manager, "/no-such-page/")
