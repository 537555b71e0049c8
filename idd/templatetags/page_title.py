"""The page title says "Error: " first when a form on the page failed to save, so a
screen reader's first announcement of the page is the failure (WCAG 3.3.1)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.forms import BaseForm, BaseFormSet
from django.forms.utils import ErrorList

register = template.Library()

# Views pass the failed form as `form`, in lists (the guided form's `error_forms`) or in
# dicts of page parts (the review page's sections and their threads' reply forms).
_DEPTH = 4


def _has_errors(value: Any, depth: int) -> bool:
    if isinstance(value, BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
    if isinstance(value, ErrorList):
        return bool(value)
    if depth == 0:
        return False
    items: Iterable[Any]
    if isinstance(value, dict):
        items = value.values()
    elif isinstance(value, list | tuple):
        items = value
    else:
        return False
    return any(_has_errors(item, depth - 1) for item in items)


@register.simple_tag(takes_context=True)
def error_prefix(context: template.Context) -> str:
    """ "Error: " when any form in the page's context has errors, else nothing."""
    return "Error: " if _has_errors(context.flatten(), _DEPTH) else ""
