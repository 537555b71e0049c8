"""Turn a scenario's tuples into rows: deliverables, U.S. inputs, the rest of the plan, and
the commitment ratings and assessments recorded over time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from assessments.models import CommitmentRatings
from assessments.scoring import Rating
from idd.document.commitment import current_inputs
from idd.models import (
    Indicator,
    Initiative,
    PartnerDeliverable,
    PriorAssistance,
    ProgramComponent,
    Risk,
    USInput,
    YearlyObjective,
)
from idd.services.commitment_record import store_assessment

# (title, category, quantity, fy offset, quarter, verification, political risk, status)
Deliverable = tuple[str, str, int | None, int, int, str, int, str]
# (title, category, fy offset, cost, positions of the deliverables it is matched to)
Input = tuple[str, str, int, int, tuple[int, ...]]
# (status, delivered on, cause of a delay, about the delay) of a U.S. input, by position
USDelivery = tuple[str, date | None, str, str]
# (fy offset, objective, (indicator, baseline, target, how measured, and its monitoring plan:
# who collects the data, how often, the source))
Objective = tuple[int, str, tuple[str, str, str, str, str, str, str]]
# (category, description, likelihood, impact, mitigation, owner)
RiskRow = tuple[str, str, int, int, str, str]
# (fiscal year, authority, description, amount)
Prior = tuple[int, str, str, int]
# rating name -> (score 1-5, justification)
Ratings = Mapping[str, tuple[int, str]]
# (as of, kind, statuses then by deliverable position, stated-willingness ratings then)
PastAssessment = tuple[date, str, Mapping[int, str], Ratings]


# (kind, what, who, when, the U.S. inputs that deliver it by position in the plan)
Component = tuple[str, str, str, str, tuple[int, ...]]


def add_components(initiative: Initiative, components: Iterable[Component]) -> None:
    """Section 333's training and institutional capacity building components."""
    inputs = list(initiative.us_inputs.order_by("position"))
    for kind, what, who, when, delivered_by in components:
        component = ProgramComponent.objects.create(
            initiative=initiative, kind=kind, what=what, who=who, when=when
        )
        component.us_inputs.set([inputs[i] for i in delivered_by])


def add_rows(
    initiative: Initiative,
    deliverables: Iterable[Deliverable],
    inputs: Iterable[Input],
    verifier: User,
) -> None:
    first = initiative.first_fiscal_year
    # Added in the order they are listed (by date), so D1 is the first due, as a planner
    # entering the plan in order would have them (their references follow the order added).
    planned = sorted(enumerate(deliverables), key=lambda pair: (pair[1][3], pair[1][4], pair[0]))
    created: dict[int, PartnerDeliverable] = {}
    for position, (title, category, qty, offset, quarter, verification, risk, status) in planned:
        verified = status in {"delivered", "partial", "missed"}
        created[position] = PartnerDeliverable.objects.create(
            initiative=initiative,
            position=position,
            title=title,
            category=category,
            quantity=qty,
            due_fiscal_year=first + offset,
            due_quarter=quarter,
            verification_method=verification,
            political_risk=risk,
            status=status,
            evidence="Seen by the SCO; see the verification method." if verified else "",
            verified_by=verifier if verified else None,
            verified_at=timezone.now() if verified else None,
        )
    given = []
    for position, (title, category, offset, cost, matched) in enumerate(inputs):
        gates = [created[i] for i in matched]
        in_quarter = quarter_after(first + offset, gates)
        when = (offset, 5 if in_quarter is None else in_quarter, position)  # no quarter: year's end
        given.append((when, title, category, offset, cost, gates, in_quarter))
    for (_, _, position), title, category, offset, cost, gates, in_quarter in sorted(
        given, key=lambda g: g[0]
    ):
        us_input = USInput.objects.create(
            initiative=initiative,
            position=position,
            title=title,
            category=category,
            fiscal_year=first + offset,
            fiscal_quarter=in_quarter,
            estimated_cost=Decimal(cost),
            authority=initiative.funding_authority,
        )
        us_input.matched_deliverables.set(gates)


def record_us_deliveries(
    initiative: Initiative, deliveries: Mapping[int, USDelivery], recorder: User
) -> None:
    """What the U.S. did about its inputs (by position in the plan), as a planner recorded it."""
    inputs = list(initiative.us_inputs.order_by("position"))
    for position, (status, delivered_on, cause, note) in deliveries.items():
        u = inputs[position]
        u.status, u.delivered_on, u.delay_cause, u.delay_note = status, delivered_on, cause, note
        u.delivery_recorded_by, u.delivery_recorded_at = recorder, timezone.now()
        u.save()


def quarter_after(year: int, gates: list[PartnerDeliverable]) -> int | None:
    """A demo input's quarter: the one after its first deliverable falls due in that year
    (Q1 when it falls due in an earlier or a later year, whose check is by year); none when
    it falls due in Q4 of that year, so the demo plans' checks stay as written."""
    first = min(gates, key=lambda d: (d.due_fiscal_year, d.due_quarter), default=None)
    if first is None or first.due_fiscal_year != year:
        return 1
    return first.due_quarter + 1 if first.due_quarter < 4 else None


def add_plan(
    initiative: Initiative,
    objectives: Iterable[Objective],
    risks: Iterable[RiskRow],
    prior: Iterable[Prior],
) -> None:
    """Yearly objectives (one indicator each), risks and prior U.S. assistance."""
    for position, (offset, text, indicator) in enumerate(objectives):
        objective = YearlyObjective.objects.create(
            initiative=initiative,
            position=position,
            fiscal_year=initiative.first_fiscal_year + offset,
            objective=text,
        )
        Indicator.objects.create(
            objective=objective,
            description=indicator[0],
            baseline=indicator[1],
            target=indicator[2],
            how_measured=indicator[3],
            collected_by=indicator[4],
            collection_frequency=indicator[5],
            data_source=indicator[6],
        )
    for position, (category, description, likelihood, impact, mitigation, owner) in enumerate(
        risks
    ):
        Risk.objects.create(
            initiative=initiative,
            position=position,
            category=category,
            description=description,
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation,
            owner=owner,
        )
    for position, (year, authority, description, amount) in enumerate(prior):
        PriorAssistance.objects.create(
            initiative=initiative,
            position=position,
            fiscal_year=year,
            authority=authority,
            description=description,
            amount=Decimal(amount),
        )


def record_commitment(
    initiative: Initiative,
    ratings: Ratings,
    history: Iterable[PastAssessment],
    planner: User,
) -> None:
    """The planner's ratings today, then each past assessment as it was recorded: computed
    from the data as it was on its date (the statuses and ratings that differed then)."""
    CommitmentRatings.objects.create(
        subject=initiative,
        **{
            field: value
            for name, (score, why) in ratings.items()
            for field, value in ((name, score), (f"{name}_justification", why))
        },
    )
    for as_of, kind, statuses, ratings_then in history:
        now = current_inputs(initiative, as_of)
        inputs = replace(
            now,
            deliverables=tuple(
                replace(d, status=statuses.get(i, d.status)) for i, d in enumerate(now.deliverables)
            ),
            ratings=replace(
                now.ratings, **{name: Rating(*rating) for name, rating in ratings_then.items()}
            ),
        )
        store_assessment(initiative, kind, inputs, planner)
