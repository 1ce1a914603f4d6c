import pytest


@pytest.fixture
def mailboxes(cast):
    """Give the cast e-mail addresses (the cast has none): ``<username>@example.org``."""
    for user in (*cast.users_by_role().values(), cast.zenon):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return cast
