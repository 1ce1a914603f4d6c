"""Polish order of names: Ł after L, Ś after S, Ż last; "Dąbrowa Tarnowska" before "Drwinia".

``polish("name")`` is the ordering expression every list ordering by a name uses::

    Organisation.objects.order_by(polish("name"), "id")
    Participant.objects.order_by(polish("last_name"), polish("first_name"), "id")

It is the same SQL on both databases: ``"name" COLLATE "pl-x-icu"``. On PostgreSQL that is the
ICU collation for Polish shipped with the server; on SQLite (tests, the demo) the collation of the
same name is registered on every new connection (``register_sqlite_collation``) and compares with
``sort_key``, the same rules written out in Python: letters in the Polish alphabet order, case
and accents of non-Polish letters only breaking ties, spaces and punctuation before digits
before letters, as ICU does.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.models import F
from django.db.models.functions import Collate

COLLATION = "pl-x-icu"
# The Polish alphabet, with q, v and x where the Latin alphabet has them (as ICU puts them).
ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_ORDER = {letter: index for index, letter in enumerate(ALPHABET)}


def polish(field: str) -> Collate:
    """``field`` in Polish order (an expression for ``order_by``)."""
    return Collate(F(field), COLLATION)


def _weights(char: str) -> tuple[tuple[int, int], int]:
    """(primary, secondary) weight of one character."""
    lower = char.lower()
    if lower in _ORDER:
        return (3, _ORDER[lower]), 0
    if char.isspace():
        return (0, 0), 0
    if char.isdigit():
        return (2, int(unicodedata.digit(char, 0))), 0
    base = unicodedata.normalize("NFD", lower)
    if base and base[0] in _ORDER:  # é, ü, ô …: their letter, the accent breaks a tie
        return (3, _ORDER[base[0]]), 1 + sum(ord(mark) for mark in base[1:])
    if unicodedata.category(char).startswith(("P", "S")):
        return (1, ord(char)), 0
    return (4, ord(char)), 0


def sort_key(text: str | None) -> tuple[Any, ...]:
    """A key putting texts in Polish order (``sorted(names, key=sort_key)``)."""
    text = text or ""
    weights = [_weights(char) for char in text]
    primary = [weight[0] for weight in weights]
    secondary = [weight[1] for weight in weights]
    tertiary = [0 if char.islower() or not char.isalpha() else 1 for char in text]  # lower case first
    return (primary, secondary, tertiary, text)


def compare(left: str | None, right: str | None) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: teach a SQLite connection the Polish collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)
