"""`make bench-pages`: each page's server time and query count at two data sizes, one run.

Measures, in this process, what the web server does for one request (middleware, view,
queries, template), first on the data as it is (the demo), then after adding
`seed_volume(--scale)` (at 10: 1,500 partners and 15,000 initiatives more) in a
transaction that is rolled back, so the database is left as it was. Prints the median of
`--runs` requests per page at both sizes side by side, and each page's time at the larger
size as a multiple of the plain page (the revision list: the site's frame and one small
query), flagging any page over the goal of 3 times, and as a multiple of its own time on
the demo data (how much it grows with the data).
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from demo.scenario.volume import seed_volume
from idd.guided_form.steps import STEPS
from idd.models import Initiative
from idd.reference.choices import InitiativeStatus
from idd.services.summaries import refresh_all

GOAL = 3.0  # every page within this multiple of the plain page
PLAIN = "Revisions (plain page)"


@dataclass(frozen=True)
class Page:
    label: str
    username: str
    url: Callable[[Initiative, Initiative], str]  # (a draft, a submitted initiative) -> URL


def _pages() -> list[Page]:
    def fixed(name: str, query: str = "") -> Callable[[Initiative, Initiative], str]:
        return lambda draft, submitted: reverse(name) + query

    def of_draft(name: str, **kwargs: str) -> Callable[[Initiative, Initiative], str]:
        return lambda draft, submitted: reverse(name, kwargs={"pk": draft.pk, **kwargs})

    def of_submitted(name: str) -> Callable[[Initiative, Initiative], str]:
        return lambda draft, submitted: reverse(name, kwargs={"pk": submitted.pk})

    pages = [
        Page(PLAIN, "planner", of_submitted("revision_list")),
        Page("Dashboard (planner)", "planner", fixed("dashboard")),
        Page("Dashboard (reviewer)", "reviewer", fixed("dashboard")),
        Page("Dashboard (administrator)", "admin", fixed("dashboard")),
        Page("Initiatives", "planner", fixed("initiative_list")),
        Page("Initiatives, searched", "planner", fixed("initiative_list", "?q=coastal")),
        Page("Review queue", "reviewer", fixed("review_queue")),
        Page("Portfolio", "reviewer", fixed("portfolio")),
        Page("Portfolio, filtered by partner", "planner", fixed("portfolio", "?partner=kestrela")),
        Page("Your profile", "planner", fixed("profile")),
        Page("New initiative", "planner", fixed("initiative_create")),
        Page("Initiative (draft)", "planner", of_draft("initiative_detail")),
        Page("Initiative (submitted)", "planner", of_submitted("initiative_detail")),
        Page("Review page", "reviewer", of_draft("initiative_review")),
        Page("History", "planner", of_draft("initiative_history")),
        Page("Compare revisions", "planner", of_submitted("revision_diff")),
        Page("Commitment assessment", "planner", of_draft("commitment_overview")),
        Page("Print view", "planner", of_draft("initiative_print")),
        Page("Notification draft", "planner", of_submitted("notification_print")),
    ]
    pages += [
        Page(f"Step {n}: {step.title}", "planner", of_draft("wizard_step", step=step.slug))
        for n, step in enumerate(STEPS, start=1)
    ]
    return pages


class QueryCount:
    """Counts the queries a request runs (a database execute wrapper)."""

    def __init__(self) -> None:
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)


@dataclass(frozen=True)
class Figure:
    milliseconds: float
    queries: int


class Command(BaseCommand):
    help = (
        "Print each page's median server time and query count on the demo data and with "
        "--scale times the load-test volume added (rolled back afterwards)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=10, help="load-test volume to add")
        parser.add_argument("--runs", type=int, default=7, help="requests per page and size")

    def handle(self, *args, scale: int, runs: int, **options):
        logging.getLogger("axes").setLevel(logging.WARNING)  # one line per sign-in otherwise
        if scale < 1 or runs < 1:
            raise CommandError("--scale and --runs must be 1 or more.")
        draft, submitted = self._demo_initiatives()
        pages = _pages()
        users = {
            u.username: u
            for u in get_user_model().objects.filter(username__in={p.username for p in pages})
        }
        missing = {p.username for p in pages} - users.keys()
        if missing:
            raise CommandError(f"Demo users missing ({', '.join(sorted(missing))}): run make demo.")
        clients = {}
        for name, user in users.items():
            clients[name] = Client()
            clients[name].force_login(user)

        with override_settings(ALLOWED_HOSTS=["testserver"]), transaction.atomic():
            small_size = Initiative.objects.count()
            small = self._measure(pages, clients, draft, submitted, runs)
            self.stdout.write(f"Adding the load-test volume at scale {scale}…")
            seed_volume(scale)
            refresh_all()  # the portfolio's stored figures, as seed_demo fills them
            large_size = Initiative.objects.count()
            large = self._measure(pages, clients, draft, submitted, runs)
            transaction.set_rollback(True)
        self._print(pages, small, large, small_size, large_size, runs)

    def _demo_initiatives(self) -> tuple[Initiative, Initiative]:
        demo = Initiative.objects.filter(owner__username="planner").order_by("pk")
        draft = demo.filter(status=InitiativeStatus.DRAFT).first()
        submitted = demo.exclude(status=InitiativeStatus.DRAFT).first()
        if draft is None or submitted is None:
            raise CommandError("No demo initiatives here: run make demo first.")
        return draft, submitted

    def _measure(self, pages, clients, draft, submitted, runs) -> dict[str, Figure]:
        figures = {}
        for page in pages:
            client, url = clients[page.username], page.url(draft, submitted)
            counted = QueryCount()
            with connection.execute_wrapper(counted):
                response = client.get(url)  # also the warm-up
            if response.status_code != 200:
                raise CommandError(f"{page.label}: {url} answered {response.status_code}.")
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            figures[page.label] = Figure(statistics.median(times), counted.queries)
        return figures

    def _print(self, pages, small, large, small_size, large_size, runs) -> None:
        plain = large[PLAIN].milliseconds
        head = (
            f"{'Page':<52}{small_size:>8,} initiatives{large_size:>14,} initiatives"
            "   × plain   × demo"
        )
        self.stdout.write(f"Median of {runs} requests; server time in this process.\n{head}")
        self.stdout.write(f"{'':<52}{'ms':>9}{'queries':>9}{'ms':>10}{'queries':>9}")
        over = []
        for page in pages:
            s, big = small[page.label], large[page.label]
            ratio, growth = big.milliseconds / plain, big.milliseconds / s.milliseconds
            flag = "  over the goal" if ratio > GOAL else ""
            if flag:
                over.append(page.label)
            self.stdout.write(
                f"{page.label:<52}{s.milliseconds:>9.1f}{s.queries:>9}"
                f"{big.milliseconds:>10.1f}{big.queries:>9}{ratio:>9.1f}{growth:>9.1f}{flag}"
            )
        changed = [p.label for p in pages if small[p.label].queries != large[p.label].queries]
        self.stdout.write(f"Goal: every page within {GOAL:g}× the plain page at the larger size.")
        self.stdout.write(f"Over the goal: {', '.join(over) or 'none'}.")
        self.stdout.write(f"Query count changed with size: {', '.join(changed) or 'none'}.")
