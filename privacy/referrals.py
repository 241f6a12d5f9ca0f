"""What the law-enforcement answer offers next, from the apps above privacy.

Privacy answers the desk ("refer to the Director") but does not know how a
legal request is taken: the legal app offers its intake form here when it
is ready (`offer` in its AppConfig.ready()), and the answer shows every
offered panel, so privacy imports nothing of legal (and loads none of its
template tags).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

# A panel: (the request, the check's log id, the instrument shown) -> HTML.
Panel = Callable[[HttpRequest, int, str], SafeString]

_PANELS: dict[str, Panel] = {}


def offer(name: str, panel: Panel) -> None:
    _PANELS[name] = panel


def panels_for(request: HttpRequest, *, log_id: int, instrument: str) -> list[SafeString]:
    """The offered panels, rendered for this check, in the order offered."""
    return [panel(request, log_id, instrument) for panel in _PANELS.values()]
