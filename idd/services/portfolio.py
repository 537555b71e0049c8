"""The portfolio: every readable initiative with its stored figures (idd.models.summary),
filtered, sorted by any column, as a page, a chart's points, CSV and a print view.

Every figure is read from the stored summary, never scored per request, so the page
costs the same few queries for 15 initiatives or 15,000.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import django_filters
from django.db.models import F, OrderBy, QuerySet

from assessments import method
from assessments.portfolio_chart import PortfolioPoint
from idd.exchange.csv import safe_cell
from idd.models import Initiative
from idd.reference.choices import (
    CCMD,
    FIRST_ALLOWED_FY,
    LAST_ALLOWED_FY,
    FundingAuthority,
    InitiativeStatus,
)

ANY_FLAG, NO_FLAG = "any", "none"
FLAG_CHOICES = [
    (ANY_FLAG, "Any flag raised"),
    (NO_FLAG, "No flag raised"),
    *((code, rule.title) for code, rule in method.FLAG_RULES.items()),
]

ANY_OVERDUE, NONE_OVERDUE = "any", "none"
US_OVERDUE_CHOICES = [
    (ANY_OVERDUE, "One or more U.S. inputs overdue"),
    (NONE_OVERDUE, "No U.S. input overdue"),
]


class PortfolioFilter(django_filters.FilterSet):
    """Filters of the portfolio; the partner is typed (a select of 1,500 partners is not)."""

    partner = django_filters.CharFilter(
        field_name="partner__country",
        lookup_expr="icontains",
        max_length=100,
        label="Partner",
        help_text="All or part of the partner's name.",
    )
    ccmd = django_filters.ChoiceFilter(
        label="Combatant command", choices=CCMD.choices, empty_label="Any command"
    )
    funding_authority = django_filters.ChoiceFilter(
        label="Funding authority", choices=FundingAuthority.choices, empty_label="Any authority"
    )
    fiscal_year = django_filters.NumberFilter(
        method="running_in",
        label="Fiscal year",
        help_text="Initiatives running in this fiscal year, e.g. 2027.",
        min_value=FIRST_ALLOWED_FY,
        max_value=LAST_ALLOWED_FY,
    )
    status = django_filters.ChoiceFilter(choices=InitiativeStatus.choices, empty_label="Any status")
    flag = django_filters.ChoiceFilter(
        method="flagged", label="Flags", choices=FLAG_CHOICES, empty_label="Flagged or not"
    )
    us_overdue = django_filters.ChoiceFilter(
        method="us_inputs_overdue",
        label="U.S. inputs overdue",
        choices=US_OVERDUE_CHOICES,
        empty_label="Overdue or not",
        help_text="Where the U.S. is the one failing its partner.",
    )
    us_record_below = django_filters.NumberFilter(
        method="us_record_under",
        label="U.S. delivery record below",
        help_text="e.g. 50: initiatives whose U.S. delivery record is under it.",
        min_value=1,
        max_value=100,
    )

    class Meta:
        model = Initiative
        fields: list[str] = []

    def running_in(self, queryset: QuerySet, name: str, value) -> QuerySet:
        year = int(value)
        return queryset.filter(first_fiscal_year__lte=year, last_fiscal_year__gte=year)

    def us_inputs_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == ANY_OVERDUE:
            return queryset.filter(summary__us_overdue_count__gt=0)
        return queryset.filter(summary__us_overdue_count=0)

    def us_record_under(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(summary__us_delivery_record__lt=int(value))

    def flagged(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == ANY_FLAG:
            return queryset.filter(summary__flag_count__gt=0)
        if value == NO_FLAG:
            return queryset.filter(summary__flag_count=0)
        return queryset.filter(summary__flag_codes__contains=f" {value} ")


@dataclass(frozen=True)
class Column:
    key: str  # the value of ?sort=
    label: str
    field: str  # what it sorts on
    numeric: bool = True  # sorts highest first at the first click
    right: bool = True  # a figure, aligned right
    then: str = ""  # what breaks ties, in the same direction
    dated: bool = False  # a date: "newest first", not "highest first"


COLUMNS = (
    Column("title", "Initiative", "title", numeric=False, right=False),
    Column("partner", "Partner", "partner__country", numeric=False, right=False),
    Column("ccmd", "Command", "ccmd", numeric=False, right=False),
    Column("status", "Status", "status", numeric=False, right=False),
    Column("demonstrated", "Demonstrated commitment", "summary__demonstrated"),
    Column("delivery", "Delivery record", "summary__delivery_record"),
    Column("us_delivery", "U.S. delivery record", "summary__us_delivery_record"),
    # As the chart places it: the highest political risk accepted, then the points.
    Column(
        "risk",
        "Political risk accepted",
        "summary__highest_risk_accepted",
        then="summary__risk_accepted_points",
    ),
    Column("stated", "Stated willingness", "summary__stated_willingness"),
    Column("gap", "Gap", "summary__gap"),
    Column("flags", "Flags", "summary__flag_count", right=False),
    Column("overdue", "Overdue partner deliverables", "summary__overdue_count"),
    Column("us_overdue", "U.S. inputs overdue", "summary__us_overdue_count"),
    Column("cost", "Total U.S. cost", "summary__total_us_cost"),
    Column(
        "per_point", "U.S. cost per political-risk point delivered", "summary__cost_per_risk_point"
    ),
    Column("assessed", "Last assessment", "summary__last_assessed_on", right=False, dated=True),
)
BY_KEY = {c.key: c for c in COLUMNS}
# Ranked by demonstrated commitment unless asked otherwise (the purpose).
DEFAULT_SORT = "-demonstrated"

FIELDS = (
    "pk",
    "title",
    "partner__country",
    "ccmd",
    "status",
    "funding_authority",
    "first_fiscal_year",
    "last_fiscal_year",
    *(
        f"summary__{name}"
        for name in (
            "demonstrated",
            "demonstrated_state",
            "delivery_record",
            "us_delivery_record",
            "risk_accepted_points",
            "highest_risk_accepted",
            "physical_risk",
            "quadrant",
            "stated_willingness",
            "gap",
            "flag_codes",
            "overdue_count",
            "us_overdue_count",
            "total_us_cost",
            "cost_per_risk_point",
            "last_assessed_on",
            "as_of",
        )
    ),
)


@dataclass(frozen=True)
class Sort:
    column: Column
    descending: bool

    @classmethod
    def parse(cls, value: str | None) -> Sort:
        """?sort=cost or ?sort=-cost; anything else is the default order."""
        value = value or DEFAULT_SORT
        key = value.removeprefix("-")
        if key not in BY_KEY:
            return cls.parse(DEFAULT_SORT)
        return cls(BY_KEY[key], value.startswith("-"))

    @property
    def param(self) -> str:
        return f"-{self.column.key}" if self.descending else self.column.key

    def order(self) -> list[OrderBy]:
        """Empty figures last either way; the id keeps equal rows in a stable order."""
        fields = [F(name) for name in (self.column.field, self.column.then) if name]
        if self.descending:
            return [*(f.desc(nulls_last=True) for f in fields), F("pk").asc()]
        return [*(f.asc(nulls_last=True) for f in fields), F("pk").asc()]


def portfolio(user, params) -> tuple[PortfolioFilter, QuerySet]:
    """The filter form and the readable initiatives it selects, as rows of values."""
    filters = PortfolioFilter(params or None, queryset=Initiative.objects.visible_to(user))
    return filters, filters.qs


def rows(found: QuerySet, sort: Sort) -> QuerySet:
    return found.order_by(*sort.order()).values(*FIELDS)


STATUS_LABELS = dict(InitiativeStatus.choices)


def flag_titles(codes: str | None) -> list[str]:
    return [method.FLAG_RULES[code].title for code in (codes or "").split()]


# Why demonstrated commitment is not a number, short enough for a table cell.
SHORT_STATE_LABELS = {
    method.FigureState.NOT_YET_OBSERVABLE: "Not yet observable",
    method.FigureState.CANNOT_BE_DEMONSTRATED: "Cannot be demonstrated (nothing costly)",
}


def state_label(summary: dict[str, Any], *, short: bool = True) -> str:
    """Why demonstrated commitment is not a number (or that it was never computed)."""
    if summary["as_of"] is None:
        return "Not computed yet"
    state = summary["demonstrated_state"]
    return (short and SHORT_STATE_LABELS.get(state)) or method.STATE_LABELS.get(state, "")


# --- CSV ---------------------------------------------------------------------------------

CSV_HEADER = (
    "Initiative ID",
    "Initiative",
    "Partner",
    "Combatant command",
    "Funding authority",
    "First fiscal year",
    "Last fiscal year",
    "Status",
    "Demonstrated commitment",
    "Delivery record",
    "U.S. delivery record",
    "Political risk accepted (points)",
    "Highest political risk accepted",
    "Physical risk",
    "Quadrant",
    "Stated willingness",
    "Gap",
    "Flags",
    "Overdue partner deliverables",
    "U.S. inputs overdue",
    "Total U.S. cost (USD)",
    "U.S. cost per political-risk point delivered (USD)",
    "Last assessment",
    "Figures as of",
)


def csv_rows(found: QuerySet, sort: Sort) -> Iterator[list[Any]]:
    """The header and every row of the filtered portfolio, read in chunks."""
    yield list(CSV_HEADER)
    for r in rows(found, sort).iterator(chunk_size=2000):
        s = {name.removeprefix("summary__"): r[name] for name in FIELDS}
        cells = [
            r["pk"],
            r["title"],
            r["partner__country"],
            r["ccmd"],
            r["funding_authority"],
            r["first_fiscal_year"],
            r["last_fiscal_year"],
            STATUS_LABELS.get(r["status"], r["status"]),
            s["demonstrated"] if s["demonstrated"] is not None else state_label(s, short=False),
            s["delivery_record"],
            s["us_delivery_record"],
            s["risk_accepted_points"],
            s["highest_risk_accepted"],
            s["physical_risk"],
            method.QUADRANT_LABELS.get(s["quadrant"] or "", ""),
            s["stated_willingness"],
            s["gap"],
            "; ".join(flag_titles(s["flag_codes"])),
            s["overdue_count"],
            s["us_overdue_count"],
            s["total_us_cost"],
            s["cost_per_risk_point"],
            s["last_assessed_on"],
            s["as_of"],
        ]
        yield [safe_cell(c) for c in cells]


# --- The chart ---------------------------------------------------------------------------


def chart_points(found: QuerySet, detail_url: str) -> list[PortfolioPoint]:
    """One point per initiative: physical risk against the highest political risk accepted.
    `detail_url` is an initiative page's address with {pk} where its id goes."""
    values = found.order_by("pk").values_list(
        "pk",
        "title",
        "summary__physical_risk",
        "summary__highest_risk_accepted",
        "summary__quadrant",
    )
    return [
        PortfolioPoint(pk, title, detail_url.format(pk=pk), physical, accepted, quadrant or None)
        for pk, title, physical, accepted, quadrant in values
    ]


def chosen_filters(filters: PortfolioFilter) -> list[tuple[str, str]]:
    """(label, value as read) of each filter in use, to say on paper what was printed."""
    if not filters.is_bound or not filters.form.is_valid():
        return []
    chosen = []
    for name, value in filters.form.cleaned_data.items():
        if value in (None, ""):
            continue
        field = filters.form.fields[name]
        labels = dict(getattr(field, "choices", ()))
        chosen.append((str(field.label), str(labels.get(value, value))))
    return chosen
