"""`/favicon.ico`: the site icon for browsers that ask for it by that name.

Pages link `static/favicon.svg` themselves; browsers still request
`/favicon.ico` for pages without that link (the bare 500 page, a JSON
response). Answering with the same SVG keeps those requests out of the 404s.
"""

from __future__ import annotations

import functools

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

ICON = "favicon.svg"


@functools.lru_cache(maxsize=1)
def _icon() -> bytes | None:
    path = finders.find(ICON)
    if not path:
        return None
    with open(path, "rb") as f:
        return f.read()


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """The SVG icon, cacheable for a day; no session or login involved."""
    icon = _icon()
    if icon is None:
        raise Http404
    response = HttpResponse(icon, content_type="image/svg+xml")
    patch_cache_control(response, public=True, max_age=86400)
    return response
