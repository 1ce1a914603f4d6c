"""Type aliases shared by every app.

``AnyUser`` is what a view or service receives as the acting or reading user: a signed-in
``accounts.User`` or Django's ``AnonymousUser`` (``request.user`` before login). Services that
need a signed-in user say ``User``; everything that scopes or checks access says ``AnyUser``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from ksr.accounts.models import User

    AnyUser: TypeAlias = "User | AnonymousUser"
else:  # at run time the alias is only documentation
    AnyUser = object

__all__ = ["AnyUser"]
