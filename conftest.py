import os

import pytest
from django.core.cache import cache

from ksr.testing import (
    Cast,
    build_cast,
    ensure_content_types,
    forget_rolled_back_rows,
    forget_stale_content_types,
    restore_reference_data,
    verify_second_factor,
)
from ksr.testing.browser import CHROMIUM_FLAGS, require_chromium


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: cached results (e.g. network metrics keyed by a
    digest of ids) must not leak between tests whose databases reuse the same ids."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_tests(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Put back the rows of data migrations if a transactional test flushed them (see ksr.testing)."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not names & {"db", "transactional_db", "live_server", "cast"}:
        return
    transactional = bool(marker and marker.kwargs.get("transaction")) or names & {"transactional_db", "live_server"}
    request.getfixturevalue("transactional_db" if transactional else "db")
    if transactional:
        # The flush at the end of a transactional test recreates the content types with new ids.
        request.addfinalizer(forget_rolled_back_rows)
    forget_stale_content_types()
    ensure_content_types()
    restore_reference_data()


@pytest.fixture
def cast(db) -> Cast:
    """The named cast of users and organisations (see ksr.testing)."""
    return build_cast()


@pytest.fixture
def login(client):
    """``login(user)``: sign in on the test client, with the second factor verified."""

    def _login(user):
        verify_second_factor(client, user)
        return client

    return _login


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright (skipped, with the reason, if none)."""
    executable = require_chromium()
    # Playwright's sync API runs an event loop in this thread; the live server's ORM calls
    # happen in other threads, but fixtures touching the DB here must be allowed to.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


def pytest_collection_modifyitems(items):
    """Transactional tests (browser tests) flush the database afterwards, which would also drop
    the reference rows that data migrations create (sectors, eligibility categories, targets) for
    the tests that run after them in the same worker. Serialized rollback restores them."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}), append=False)
