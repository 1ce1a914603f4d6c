"""Password reset and change, the list of sessions with "sign out everywhere else", the account's language."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from ksr.accounts.models import User, UserSession
from ksr.audit.models import AuditEntry
from ksr.testing import PASSWORD, UserFactory, verify_second_factor

pytestmark = pytest.mark.django_db
RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")
NEW_PASSWORD = "nowe-haslo-do-ksr-2026"


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", email="alice@example.org")


def reset_link(message):
    return re.search(r"https?://[^/\s]+(/konto/haslo/reset/[^\s]+/)", message.body).group(1)


# Password reset ---------------------------------------------------------------------------------


def test_the_reset_form_is_public_and_linked_from_the_sign_in(client, db):
    assert RESET in client.get(reverse("accounts:login")).content.decode()
    response = client.get(RESET)
    assert response.status_code == 200
    assert '<label for="id_email"' in response.content.decode()


def test_the_same_answer_whether_or_not_the_address_exists(client, alice):
    known = client.post(RESET, {"email": "ALICE@example.org"})
    unknown = client.post(RESET, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == DONE
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "alice" in mail.outbox[0].body
    assert client.get(DONE).status_code == 200


def test_a_bad_address_is_refused_on_the_form(client, db):
    response = client.post(RESET, {"email": "not-an-address"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert mail.outbox == []


def test_the_reset_is_rate_limited_per_address_with_the_same_answer(client, alice, settings):
    settings.KSR_PASSWORD_RESET_PER_HOUR = 2
    for _ in range(3):
        assert client.post(RESET, {"email": "alice@example.org"})["Location"] == DONE
    assert len(mail.outbox) == 2  # the limit, then nothing more


def test_the_reset_is_rate_limited_per_client_address(alice, settings):
    settings.KSR_PASSWORD_RESET_PER_HOUR = 1
    UserFactory(username="bob", email="bob@example.org")
    client = Client(REMOTE_ADDR="10.0.0.7")
    client.post(RESET, {"email": "someone@example.org"})
    assert client.post(RESET, {"email": "alice@example.org"})["Location"] == DONE
    assert mail.outbox == []
    assert Client(REMOTE_ADDR="10.0.0.8").post(RESET, {"email": "bob@example.org"})["Location"] == DONE
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]


def test_the_link_sets_a_new_password_once_and_ends_every_session(client, alice):
    other = Client()
    other.force_login(alice)
    assert UserSession.objects.filter(user=alice).count() == 1
    client.post(RESET, {"email": "alice@example.org"})
    link = reset_link(mail.outbox[0])
    form = client.get(link, follow=True)
    assert "new_password1" in form.content.decode()
    url = form.redirect_chain[-1][0]
    short = client.post(url, {"new_password1": "krotkie", "new_password2": "krotkie"})
    assert short.status_code == 200 and "errorlist" in short.content.decode()
    done = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert not UserSession.objects.filter(user=alice).exists()
    assert other.get(reverse("accounts:profile")).status_code == 302  # signed out
    again = client.get(link, follow=True).content.decode()
    assert "nieważny" in again


# Password change --------------------------------------------------------------------------------


def test_password_change_needs_the_current_password_and_ends_the_other_sessions(cast, login):
    user = cast.kis_manager
    other = Client()
    verify_second_factor(other, user)
    client = login(user)
    url = reverse("accounts:password_change")
    assert Client().get(url).status_code == 302  # signed out: to the sign-in
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    wrong = client.post(url, {"old_password": "zle-haslo", **data})
    assert wrong.status_code == 200 and "errorlist" in wrong.content.decode()
    response = client.post(url, {"old_password": PASSWORD, **data})
    assert response["Location"] == reverse("accounts:profile")
    assert client.get(reverse("accounts:profile")).status_code == 200  # this session stays
    assert other.get(reverse("accounts:profile")).status_code == 302  # the other one is gone
    assert UserSession.objects.filter(user=user).count() == 1


# Sessions ---------------------------------------------------------------------------------------


def test_the_sessions_list_and_sign_out_everywhere_else(cast, login, django_assert_max_num_queries):
    user = cast.case_manager
    others = [Client() for _ in range(3)]
    for other in others:
        verify_second_factor(other, user)
    verify_second_factor(Client(), cast.kis_manager)  # someone else's session
    client = login(user)
    url = reverse("accounts:sessions")
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert html.count("<tr>") == 1 + 4
    assert "ta sesja" in html
    response = client.post(reverse("accounts:sessions_end_others"))
    assert response["Location"] == url
    assert all(other.get(reverse("accounts:profile")).status_code == 302 for other in others)
    assert client.get(url).content.decode().count("<tr>") == 1 + 1
    assert UserSession.objects.filter(user=cast.kis_manager).count() == 1
    assert AuditEntry.objects.filter(object_id=str(user.pk), changes__sessions_ended=[3, 0]).exists()


def test_signing_out_forgets_the_session(cast, login):
    client = login(cast.case_manager)
    client.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(user=cast.case_manager).exists()


def test_an_expired_session_drops_from_the_list(cast, login):
    other = Client()
    verify_second_factor(other, cast.case_manager)
    Session.objects.filter(session_key=other.session.session_key).delete()
    html = login(cast.case_manager).get(reverse("accounts:sessions")).content.decode()
    assert html.count("<tr>") == 1 + 1
    assert UserSession.objects.filter(user=cast.case_manager).count() == 1


# Language ---------------------------------------------------------------------------------------


def test_the_header_switch_keeps_the_language_on_the_account(cast, login):
    client = login(cast.kis_manager)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/konto/"})
    assert response.status_code == 302
    user = User.objects.get(pk=cast.kis_manager.pk)
    assert user.language == "en"
    assert AuditEntry.objects.filter(object_id=str(user.pk), changes__language=["", "en"]).exists()
    # Another browser (no cookie, a Polish browser) speaks the account's language after sign-in.
    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="pl")
    verify_second_factor(elsewhere, user)
    page = elsewhere.get(reverse("accounts:profile"))
    assert '<html lang="en">' in page.content.decode()
    assert page.cookies["django_language"].value == "en"


def test_an_unknown_language_changes_nothing_and_anonymous_switching_still_works(cast, login, client):
    login(cast.kis_manager).post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert User.objects.get(pk=cast.kis_manager.pk).language == ""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies["django_language"].value == "en"
