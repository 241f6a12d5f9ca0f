"""Every URL pattern of the project, walked from the root URLconf."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

ADMIN_PREFIX = "admin/"


@dataclass(frozen=True)
class Route:
    name: str  # namespaced url name ("desk:screen"), or "" when unnamed
    route: str  # the pattern text, for messages ("desk/patrons/<int:pk>/")
    params: tuple[str, ...]  # converter names the pattern needs
    callback: object

    @property
    def is_admin(self) -> bool:
        return self.route.startswith(ADMIN_PREFIX)


def _walk(patterns: list, prefix: str, namespace: str) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}{entry.name}" if entry.name else ""
            params = tuple(getattr(entry.pattern, "converters", {}).keys())
            if not params and hasattr(entry.pattern, "regex"):
                params = tuple(entry.pattern.regex.groupindex)
            yield Route(name=name, route=route, params=params, callback=entry.callback)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", ""))


def app_routes() -> list[Route]:
    """Every route outside the Django admin."""
    return [r for r in all_routes() if not r.is_admin]


def admin_routes() -> list[Route]:
    return [r for r in all_routes() if r.is_admin]
