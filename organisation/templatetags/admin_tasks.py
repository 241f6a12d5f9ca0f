"""Breadcrumbs of the administration by task section, not by application."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.text import capfirst

from organisation.admin_site import section_of

register = template.Library()


@register.simple_tag
def admin_task(opts: Any) -> dict[str, str]:
    """For a model's admin pages: the task section's title and link on the
    index, and the name the model is listed by."""
    section, name = section_of(opts.label_lower)
    return {
        "title": section.title,
        "url": f"{reverse('admin:index')}#{section.slug}",
        "name": name or capfirst(opts.verbose_name_plural),
    }
