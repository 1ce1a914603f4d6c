"""Issue 9 §6: input never causes a server error, and bad input is refused, not silently changed."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from ksr.cases.choices import ReferralStatus
from ksr.cases.models import Participant, Referral
from ksr.cases.tests.helpers import pesel_for, referral_from_ops
from ksr.core.files import is_pdf
from ksr.core.text import has_hidden_characters

PARTICIPANTS = "/api/v1/cases/participants/"
REFERRALS = "/api/v1/cases/referrals/"


def _json(client, url, body, **extra):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, raw, content_type="application/json", **extra)


def _participant(cast, **extra):
    return {"organisation": cast.kis_waw.pk, "first_name": "Ala", "last_name": "Nowa", "pesel": pesel_for(3), **extra}


def _is_json_4xx(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# --- today's 5xx ---------------------------------------------------------------------------------


def test_deeply_nested_json_is_a_400(login, cast):
    client = login(cast.case_manager)
    _is_json_4xx(_json(client, PARTICIPANTS, "[" * 100_000 + "]" * 100_000), 400)
    _is_json_4xx(_json(client, PARTICIPANTS, "[" * 40 + "]" * 40), 400)  # over KSR_MAX_JSON_DEPTH
    _is_json_4xx(_json(client, PARTICIPANTS, '{"first_name": NaN}'), 400)


@pytest.mark.parametrize("year", ["0", "-5", "10000", "99999999999999999999999"])
def test_a_year_out_of_range_on_meetings_is_a_400(login, cast, year):
    response = login(cast.kis_manager).get(f"/api/v1/cooperation/meetings/?year={year}")
    assert "year" in _is_json_4xx(response, 400)


def test_a_year_in_range_still_filters(login, cast):
    assert login(cast.kis_manager).get("/api/v1/cooperation/meetings/?year=2026").status_code == 200


@pytest.mark.parametrize("pk", ["true", "1.5", "-1", "99999999999999999999999"])
def test_ids_that_are_not_numbers_the_database_takes_are_a_json_404(login, cast, pk):
    client = login(cast.kis_manager)
    _is_json_4xx(client.post(f"/api/v1/procedures/tasks/{pk}/cancel/", {}, content_type="application/json"), 404)
    _is_json_4xx(client.get(f"{PARTICIPANTS}{pk}/"), 404)


def test_huge_integers_in_filters_are_a_400(login, cast):
    response = login(cast.case_manager).get(f"{PARTICIPANTS}?category=99999999999999999999999")
    assert "category" in _is_json_4xx(response, 400)


def test_a_3_mb_body_is_a_json_413(login, cast):
    client = login(cast.case_manager)
    body = json.dumps(_participant(cast, contact="x" * (3 * 1024 * 1024)))
    assert "detail" in _is_json_4xx(_json(client, PARTICIPANTS, body), 413)
    assert not Participant.objects.exists()


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read(login, cast):
    client = login(cast.case_manager)
    response = client.post(
        PARTICIPANTS, b"--x--", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(300 * 1024 * 1024)
    )
    _is_json_4xx(response, 413)
    page = client.post("/konto/", b"", content_type="application/x-www-form-urlencoded", CONTENT_LENGTH=str(10**9))
    assert page.status_code == 413 and page["Content-Type"].startswith("text/plain")


def test_an_unknown_api_path_is_a_json_404(login, cast):
    _is_json_4xx(login(cast.case_manager).get("/api/v1/no-such-thing/"), 404)


# --- refused, not silently changed -------------------------------------------------------------------


def test_unknown_and_read_only_fields_are_refused_by_name(login, cast):
    client = login(cast.case_manager)
    errors = _is_json_4xx(_json(client, PARTICIPANTS, _participant(cast, colour="red", id=5)), 400)
    assert set(errors) == {"colour", "id"}
    assert not Participant.objects.exists()


def test_a_referral_cannot_be_created_accepted(login, cast):
    body = {
        "organisation": cast.kis_waw.pk,
        "source": "self",
        "first_name": "Ala",
        "last_name": "Nowa",
        "sent_on": "2026-03-01",
        "status": "accepted",
    }
    errors = _is_json_4xx(_json(login(cast.kis_manager), REFERRALS, body), 400)
    assert "status" in errors
    assert not Referral.objects.exists()


def test_an_action_refuses_unknown_fields_in_its_own_input(login, cast):
    """The decision on a referral reads its own input: an unknown field is named, nothing decided."""
    referral = referral_from_ops(cast)
    client = login(cast.kis_manager)
    url = f"{REFERRALS}{referral.pk}/refuse/"
    body = {"refusal_reason": "other", "refusal_note": "Brak miejsc", "status": "accepted"}
    errors = _is_json_4xx(_json(client, url, body), 400)
    assert set(errors) == {"status"}
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


@pytest.mark.parametrize("value", [13.5, True, "13a", [1]])
def test_an_id_that_is_not_a_whole_number_is_refused(login, cast, value):
    errors = _is_json_4xx(_json(login(cast.case_manager), PARTICIPANTS, _participant(cast, organisation=value)), 400)
    assert "organisation" in errors


def test_the_whole_number_id_still_works(login, cast):
    client = login(cast.case_manager)
    assert _json(client, PARTICIPANTS, _participant(cast, organisation=cast.kis_waw.pk)).status_code == 201


def test_free_text_has_a_maximum_length(login, cast, settings):
    settings.KSR_MAX_TEXT_LENGTH = 1000
    body = {
        "organisation": cast.kis_waw.pk,
        "source": "self",
        "first_name": "Ala",
        "last_name": "Nowa",
        "sent_on": "2026-03-01",
        "justification": "x" * 1001,
    }
    errors = _is_json_4xx(_json(login(cast.kis_manager), REFERRALS, body), 400)
    assert "justification" in errors


def test_the_schema_states_the_text_limit(client, db, settings):
    schema = client.get("/api/schema/?format=json").json()
    justification = schema["components"]["schemas"]["ReferralRequest"]["properties"]["justification"]
    assert justification["maxLength"] == settings.KSR_MAX_TEXT_LENGTH


@pytest.mark.parametrize("name", ["Ala\u202egnp.exe", "A\u200bla", "Ala\u2066", "\ufeffAla"])
def test_names_with_direction_overrides_or_zero_width_characters_are_refused(login, cast, name):
    errors = _is_json_4xx(_json(login(cast.case_manager), PARTICIPANTS, _participant(cast, first_name=name)), 400)
    assert "first_name" in errors
    assert has_hidden_characters(name)


def test_ordinary_polish_names_pass(db):
    assert not has_hidden_characters("Żaneta Łukasiewicz-Ćwik")


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdfs_are_checked_by_parsing_them():
    assert is_pdf(SimpleUploadedFile("a.pdf", _pdf()))
    assert not is_pdf(SimpleUploadedFile("a.pdf", b"%PDF-1.4\n<script>alert(1)</script>"))
    assert not is_pdf(SimpleUploadedFile("a.pdf", b"MZ\x90\x00"))
    assert not is_pdf(SimpleUploadedFile("a.pdf", _pdf()[:200]))


def test_an_update_may_send_back_read_only_values_unchanged_but_not_change_them(login, cast):
    client = login(cast.case_manager)
    created = _json(client, PARTICIPANTS, _participant(cast)).json()
    url = f"{PARTICIPANTS}{created['id']}/"
    assert client.put(url, {**created, "last_name": "Nowak"}, content_type="application/json").status_code == 200
    changed = client.put(url, {**created, "created_at": "2000-01-01T00:00:00Z"}, content_type="application/json")
    assert "created_at" in _is_json_4xx(changed, 400)
