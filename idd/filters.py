"""Filters of the initiative list: partner, CCMD, fiscal year, status, authority, search.

Withdrawn initiatives are left out unless asked for ("Show withdrawn initiatives", or the
status "Withdrawn"): they are out of the workflow for good."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse_lazy

from idd.models import Initiative
from idd.reference.choices import (
    CCMD,
    FIRST_ALLOWED_FY,
    LAST_ALLOWED_FY,
    FundingAuthority,
    InitiativeStatus,
)

# Words of a search that count: each one more condition for the database to check.
SEARCH_WORDS = 8


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        max_length=200,
        label="Search",
        help_text="Words in the title, the partner's name or the problem statement.",
    )
    # Typed, with suggestions (static/js/partner-field.js): a select of every partner
    # grows with the data.
    partner = django_filters.CharFilter(
        field_name="partner__country",
        lookup_expr="icontains",
        max_length=100,
        label="Partner",
        help_text="All or part of the partner's name.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "data-partner-search": reverse_lazy("partner_search")}
        ),
    )
    ccmd = django_filters.ChoiceFilter(
        label="Combatant command", choices=CCMD.choices, empty_label="Any command"
    )
    fiscal_year = django_filters.NumberFilter(
        method="running_in",
        label="Fiscal year",
        help_text="Initiatives running in this fiscal year, e.g. 2027.",
        min_value=FIRST_ALLOWED_FY,
        max_value=LAST_ALLOWED_FY,
    )
    status = django_filters.ChoiceFilter(choices=InitiativeStatus.choices, empty_label="Any status")
    funding_authority = django_filters.ChoiceFilter(
        label="Funding authority", choices=FundingAuthority.choices, empty_label="Any authority"
    )
    mine = django_filters.BooleanFilter(
        method="only_mine",
        label="Only initiatives I own or work on",
        widget=forms.CheckboxInput,
    )

    withdrawn = django_filters.BooleanFilter(
        method="with_withdrawn",
        label="Show withdrawn initiatives",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Initiative
        fields: list[str] = []

    @property
    def qs(self) -> QuerySet:
        found = super().qs
        return found if self.shows_withdrawn else found.exclude(status=InitiativeStatus.WITHDRAWN)

    @property
    def shows_withdrawn(self) -> bool:
        if not self.is_bound or not self.form.is_valid():
            return False
        asked = self.form.cleaned_data
        return bool(asked.get("withdrawn")) or asked.get("status") == InitiativeStatus.WITHDRAWN

    def with_withdrawn(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset  # the exclusion itself is in `qs`, so that it applies unfiltered too

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:SEARCH_WORDS]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(partner__country__icontains=word)
                | Q(problem_statement__icontains=word)
            )
        return queryset

    def running_in(self, queryset: QuerySet, name: str, value) -> QuerySet:
        year = int(value)
        return queryset.filter(first_fiscal_year__lte=year, last_fiscal_year__gte=year)

    def only_mine(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        user = self.request.user if self.request else None
        if user is None:
            return queryset.none()
        return queryset.filter(pk__in=Initiative.objects.involving(user).values("pk"))
