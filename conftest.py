import pytest

from ksr.core.testing import Cast, build_cast, verify_second_factor


@pytest.fixture(autouse=True)
def _fast_tests(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def cast(db) -> Cast:
    """The named cast of users and organisations (see ksr.core.testing)."""
    return build_cast()


@pytest.fixture
def login(client):
    """``login(user)``: sign in on the test client, with the second factor verified."""

    def _login(user):
        verify_second_factor(client, user)
        return client

    return _login
