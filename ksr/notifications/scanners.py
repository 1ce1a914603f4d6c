"""Scheduled reminders, contributed by the apps that know what is due.

The notifications app belongs to the ground and knows no domain app. An app with something to
remind people of registers a scanner in its ``AppConfig.ready()``::

    from ksr.notifications.scanners import register_scanner
    register_scanner("cooperation", overdue_forum_notices)

A scanner is ``scan(today) -> Iterable[Notice]``; the daily command ``notify_due`` runs them all
and writes each notice (a notice's ``dedupe_key`` keeps one reminder per recipient and event).
Registering the same name again replaces the scanner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db import transaction

from ksr.notifications.services import Notice, notify_notice

Scanner = Callable[[dt.date], Iterable[Notice]]

_scanners: dict[str, Scanner] = {}


def register_scanner(name: str, scanner: Scanner) -> Scanner:
    """Register ``scanner(today) -> notices`` under ``name``; returns it."""
    _scanners[name] = scanner
    return scanner


def run_scanners(today: dt.date) -> int:
    """Run every registered scanner, each in its own transaction; returns the notifications written."""
    written = 0
    for scanner in list(_scanners.values()):
        with transaction.atomic():
            for notice in scanner(today):
                written += len(notify_notice(notice))
    return written
