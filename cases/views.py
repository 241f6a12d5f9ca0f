"""The action step every case screen shares: policy, form, one service,
then a message and a redirect, or the page again with the refusal.

Case URLs carry only opaque integer ids. A case the user may not see is a
404 (the caller fetched it through its `access_*` policy); an action the
user may not take on a case they can see is a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from cases.workflow import ServiceError


def case_action(
    request: HttpRequest,
    *,
    form: Any,
    run: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], str],
    rerender: Callable[[Any, str | None], HttpResponse],
    after: Callable[[], HttpResponse],
    allowed: bool = True,
    invalid_message: str | None = None,
) -> HttpResponse:
    """Run one case action from a POST.

    `form` is a bound form or None; `run(cleaned_data)` calls the service;
    `done(result)` is the success message; `rerender(form, error)` answers
    a refusal with status 400; `after()` is the redirect.
    """
    if not allowed:
        raise PermissionDenied
    if form is not None and not form.is_valid():
        return rerender(form, invalid_message)
    try:
        result = run(form.cleaned_data if form is not None else {})
    except ServiceError as exc:
        return rerender(form, exc.message)
    messages.success(request, done(result))
    return after()
