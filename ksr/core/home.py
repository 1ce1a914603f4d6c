"""Panels on the home page, contributed by the apps.

The home page belongs to ``core``, which knows no domain app; an app that shows something there
(the cooperation forum's overdue-meeting alerts) registers a panel in its ``AppConfig.ready()``::

    register_home_panel("cooperation", "cooperation/_alerts.html", alerts_context, roles=ALERT_ROLES)

``context(request)`` returns the panel template's context; it is called only for signed-in users
holding one of ``roles`` (for every signed-in user when ``roles`` is empty).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

PanelContext = Callable[[HttpRequest], dict[str, Any]]


@dataclass(frozen=True)
class HomePanel:
    template: str
    context: PanelContext
    roles: tuple[str, ...] = ()


_panels: dict[str, HomePanel] = {}


def register_home_panel(name: str, template: str, context: PanelContext, *, roles: Iterable[str] = ()) -> None:
    """Show ``template`` on the home page with ``context(request)`` (registering a name again replaces it)."""
    _panels[name] = HomePanel(template=template, context=context, roles=tuple(roles))


def home_panels() -> list[HomePanel]:
    """The registered panels, in registration order."""
    return list(_panels.values())
