"""Every URL pattern of the product, from the resolver, so a new URL cannot escape the
tests that go over all of them (sign-in required, the access matrix)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Url:
    key: str  # the URL name, or the route of an unnamed pattern
    route: str
    params: tuple[str, ...]  # the route's parameters, in order (positional ones as "_1", ...)

    @property
    def per_state(self) -> bool:
        return "pk" in self.params or self.route.startswith("admin/idd/initiative/")


def _params(route: str) -> tuple[str, ...]:
    names = re.findall(r"(?<!\?P)<(?:\w+:)?(\w+)>|\(\?P<(\w+)>|(\((?!\?))", route)
    positional = itertools.count(1)
    return tuple(a or b or f"_{next(positional)}" for a, b, _ in names)


def walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[Url]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            key = f"{namespace}{pattern.name}" if pattern.name else route
            yield Url(key, route, _params(route))


def product_urls() -> list[Url]:
    return list(walk(get_resolver().url_patterns))
