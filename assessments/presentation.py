"""What the commitment screens show, built from stored plain data (no Django).

Everything here reads the JSON-able dicts that `AssessmentInputs.to_dict()` and
`CommitmentResult.to_dict()` produce, so a stored assessment, the live figures in the
document snapshot and an approved revision all render through the same code. Each figure
carries the sentence that says where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessments import charts, method, quadrant, trend

PHYSICAL_RISK = ("physical_risk", "Physical risk")
CURRENT = "Current"

# Groups of the planner's ratings, in the order the form and the document show them.
RATING_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Threat", (PHYSICAL_RISK,)),
    ("Stated willingness", method.WILLINGNESS_RATINGS),
    ("Absorptive capacity", method.CAPACITY_RATINGS),
)
RATING_LABELS: dict[str, str] = {
    name: label for _, ratings in RATING_GROUPS for name, label in ratings
}
SEVERITY_LABELS = {method.WARNING: "Warning", method.INFO: "Worth a second look"}


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    explanation: str

    def in_one_line(self) -> str:
        """ "62. Two of three costly deliverables delivered." for running text; the
        explanation alone when it already says the value ("Not yet observable: ...")."""
        if not self.explanation:
            return self.value
        said = self.explanation.lower().rstrip(".")
        if said.startswith(self.value.lower()) or said.endswith(self.value.lower()):
            return self.explanation
        return f"{self.value}. {self.explanation}"


@dataclass(frozen=True)
class RatingRow:
    name: str
    group: str
    label: str
    score: int | None
    justification: str

    @property
    def unjustified(self) -> bool:
        return self.score is not None and not self.justification.strip()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "group": self.group,
            "label": self.label,
            "score": self.score,
            "justification": self.justification,
        }


def _number(value: float) -> str:
    return f"{value:g}"


def rating_rows(ratings: dict[str, dict[str, Any]]) -> list[RatingRow]:
    """The planner's ratings (as in AssessmentInputs.to_dict()["ratings"]), labeled."""
    return [
        RatingRow(
            name=name,
            group=group,
            label=label,
            score=ratings[name]["score"],
            justification=ratings[name]["justification"],
        )
        for group, parts in RATING_GROUPS
        for name, label in parts
    ]


def unjustified_ratings(ratings: dict[str, dict[str, Any]]) -> list[str]:
    """Labels of ratings given without a justification."""
    return [row.label for row in rating_rows(ratings) if row.unjustified]


def _parts_text(ratings: dict[str, dict[str, Any]], parts: tuple[tuple[str, str], ...]) -> str:
    given = [f"{label.lower()} {ratings[name]['score']}" for name, label in parts]
    return given[0] if len(given) == 1 else ", ".join(given[:-1]) + " and " + given[-1]


def _mean_explanation(
    ratings: dict[str, dict[str, Any]], parts: tuple[tuple[str, str], ...], rescaled: bool
) -> str:
    missing = [label.lower() for name, label in parts if ratings[name]["score"] is None]
    if missing:
        return "Not computed until every part is rated; not rated yet: " + ", ".join(missing) + "."
    scale = f"each {method.SCALE_MIN}–{method.SCALE_MAX}"
    text = f"Mean of the planner's ratings of {_parts_text(ratings, parts)} ({scale})"
    if rescaled:
        text += f", rescaled from {method.SCALE_MIN}–{method.SCALE_MAX} to 0–100"
    return text + "."


# Labels of the two share figures. Version 2 called the share over every due deliverable
# "demonstrated commitment"; its stored results keep that label and meaning.
DEMONSTRATED_LABEL = "Demonstrated commitment (costly acts)"
DELIVERY_RECORD_LABEL = "Delivery record (reliability, not commitment)"
V2_DEMONSTRATED_LABEL = "Demonstrated commitment"
# The U.S. side (version 4): what the U.S. delivered of what it promised.
US_DELIVERY_RECORD_LABEL = "U.S. delivery record (what the U.S. promised)"


def version_of(result: dict[str, Any]) -> int:
    """The method version a stored result was computed with (1 before versions were kept)."""
    version: int = result.get("method_version", 1)
    return version


def version_note(result: dict[str, Any]) -> str:
    """What a reader of an older result must know; empty for the current method."""
    version = version_of(result)
    if version >= method.US_DELIVERY_VERSION:
        return ""
    no_us_record = (
        f"It has no U.S. delivery record: from version {method.US_DELIVERY_VERSION} the U.S. "
        "inputs delivered are counted beside the partner's record."
    )
    if version >= method.COSTLY_ACTS_VERSION:
        return f"Computed with method version {version}, shown as it was. {no_us_record}"
    return (
        f"Computed with method version {version}, shown as it was: its demonstrated "
        "commitment is the share of every due deliverable delivered, costless ones included. "
        f"From version {method.COSTLY_ACTS_VERSION} only costly acts count, and that share is "
        f"the delivery record. {no_us_record}"
    )


def _share_value(value: int | None, state: str) -> str:
    return method.STATE_LABELS[state] if value is None else f"{value} of 100"


@dataclass(frozen=True)
class Headline:
    """Demonstrated commitment and the delivery record, side by side, in the words of the
    result's method version (a version-2 result has no delivery record)."""

    version: int
    version_note: str  # for an older version: how to read it; else empty
    demonstrated: Figure
    delivery_record: Figure
    us_delivery_record: Figure
    # The abandonment-risk flag (method version 4) as stored, with its records; or None.
    abandonment: dict[str, Any] | None = None

    @property
    def figures(self) -> list[Figure]:
        return [self.demonstrated, self.delivery_record, self.us_delivery_record]

    @property
    def every_due_deliverable(self) -> bool:
        """Whether its demonstrated commitment counted every due deliverable (before v3)."""
        return self.version < method.COSTLY_ACTS_VERSION


def _us_figure(result: dict[str, Any]) -> Figure:
    if version_of(result) < method.US_DELIVERY_VERSION:
        return Figure(
            US_DELIVERY_RECORD_LABEL, method.STATE_LABELS[method.FigureState.NOT_IN_VERSION], ""
        )
    return Figure(
        US_DELIVERY_RECORD_LABEL,
        _share_value(result["us_delivery_record"], result["us_delivery_record_state"]),
        result["us_delivery_record_explanation"],
    )


def abandonment_flag(result: dict[str, Any]) -> dict[str, Any] | None:
    """The result's abandonment-risk flag, if raised: shown wherever the records are."""
    return next(
        (f for f in result.get("flags", ()) if f.get("rule") == method.ABANDONMENT_RISK),
        None,
    )


def headline(result: dict[str, Any]) -> Headline:
    """The share figures of a stored result (CommitmentResult.to_dict()): demonstrated
    commitment, the partner's delivery record and the U.S. delivery record, with the
    abandonment-risk flag when it is raised."""
    version = version_of(result)
    demonstrated = result["demonstrated"]
    if version < method.COSTLY_ACTS_VERSION:
        value = "Not yet observable" if demonstrated is None else f"{demonstrated} of 100"
        missing = method.STATE_LABELS[method.FigureState.NOT_IN_VERSION]
        return Headline(
            version,
            version_note(result),
            Figure(V2_DEMONSTRATED_LABEL, value, result.get("demonstrated_explanation", "")),
            Figure(DELIVERY_RECORD_LABEL, missing, ""),
            _us_figure(result),
        )
    return Headline(
        version,
        version_note(result),
        Figure(
            DEMONSTRATED_LABEL,
            _share_value(demonstrated, result["demonstrated_state"]),
            result["demonstrated_explanation"],
        ),
        Figure(
            DELIVERY_RECORD_LABEL,
            _share_value(result["delivery_record"], result["delivery_record_state"]),
            result["delivery_record_explanation"],
        ),
        _us_figure(result),
        abandonment_flag(result),
    )


def _share_figures(result: dict[str, Any]) -> list[Figure]:
    """The share figures the result's version computed."""
    shares = headline(result)
    if shares.version < method.COSTLY_ACTS_VERSION:
        return [shares.demonstrated]
    if shares.version < method.US_DELIVERY_VERSION:
        return [shares.demonstrated, shares.delivery_record]
    return shares.figures


def figures(inputs: dict[str, Any], result: dict[str, Any]) -> list[Figure]:
    """Every figure of one assessment, each with where it came from, in the words of the
    method version it was computed with."""
    ratings = inputs["ratings"]
    highest = result["highest_risk_accepted"]
    stated = result["stated_willingness"]
    capacity = result["absorptive_capacity"]
    gap = result["gap"]
    return [
        *_share_figures(result),
        Figure(
            "Political risk accepted",
            f"{highest} – {method.POLITICAL_RISK_LABELS[highest]}" if highest else "None yet",
            result["risk_accepted_explanation"],
        ),
        Figure(
            "Stated willingness",
            "Not rated" if stated is None else f"{stated} of 100",
            _mean_explanation(ratings, method.WILLINGNESS_RATINGS, rescaled=True),
        ),
        Figure(
            "Stated minus demonstrated",
            "Not computed" if gap is None else f"{gap} points",
            result["gap_explanation"],
        ),
        Figure(
            "Absorptive capacity",
            "Not rated" if capacity is None else f"{_number(capacity)} of {method.SCALE_MAX}",
            _mean_explanation(ratings, method.CAPACITY_RATINGS, rescaled=False),
        ),
        Figure("Quadrant", result["quadrant_label"], result["quadrant_explanation"]),
    ]


def flags(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The stored flags, each with a readable severity."""
    return [
        flag | {"severity_label": SEVERITY_LABELS[flag["severity"]]} for flag in result["flags"]
    ]


def chart_point(name: str, date_label: str, result: dict[str, Any], current: bool) -> charts.Point:
    return charts.Point(
        name=name,
        date_label=date_label,
        current=current,
        demonstrated=result["demonstrated"],
        stated_willingness=result["stated_willingness"],
        physical_risk=result["physical_risk"],
        risk_accepted=result["highest_risk_accepted"],
        quadrant_label=result["quadrant_label"],
        quadrant=result["quadrant"],
        method_version=version_of(result),
        demonstrated_state=result.get("demonstrated_state", ""),
    )


@dataclass(frozen=True)
class CommitmentView:
    """One assessment ready to render: figures, flags, ratings and both charts."""

    as_of_label: str
    version: int  # the method version the result was computed with
    version_note: str  # for an older version: how to read it; else empty
    figures: list[Figure]
    flags: list[dict[str, Any]]
    ratings: list[RatingRow]
    points: list[charts.Point]  # stored assessments in date order, then this one
    quadrant: quadrant.QuadrantChart
    trend: trend.TrendChart


def commitment_view(commitment: dict[str, Any], name: str = CURRENT) -> CommitmentView:
    """From the snapshot's commitment dict: {inputs, result, as_of_label, history?}.

    `history` lists stored assessments ({kind_label, assessed_on_label, result}); the
    charts show them before this assessment, which is named `name`.
    """
    inputs, result = commitment["inputs"], commitment["result"]
    points = [
        chart_point(entry["kind_label"], entry["assessed_on_label"], entry["result"], False)
        for entry in commitment.get("history", ())
    ]
    points.append(chart_point(name, commitment["as_of_label"], result, current=True))
    return CommitmentView(
        as_of_label=commitment["as_of_label"],
        version=version_of(result),
        version_note=version_note(result),
        figures=figures(inputs, result),
        flags=flags(result),
        ratings=rating_rows(inputs["ratings"]),
        points=points,
        quadrant=quadrant.quadrant_chart(points),
        trend=trend.trend_chart(points),
    )


def method_facts() -> dict[str, Any]:
    """Every weight and threshold of the method, for the help text (never retyped)."""
    return {
        "version": method.METHOD_VERSION,
        "credit": [
            {"status": label, "credit": _number(method.CREDIT[value])}
            for value, label in method.DELIVERABLE_STATUSES
        ],
        "political_risk_scale": [
            {"value": value, "label": label, "examples": examples}
            for value, label, examples in method.POLITICAL_RISK_SCALE
        ],
        "scale_min": method.SCALE_MIN,
        "scale_max": method.SCALE_MAX,
        "high_physical_risk": method.HIGH_PHYSICAL_RISK,
        "high_political_risk": method.HIGH_POLITICAL_RISK,
        "reform_risk": method.REFORM_RISK,
        "rhetoric_gap": method.RHETORIC_GAP,
        "high_stated_willingness": method.HIGH_STATED_WILLINGNESS,
        "quadrant_demonstrated": method.QUADRANT_DEMONSTRATED,
        "slipped_for_replan": method.SLIPPED_FOR_REPLAN,
        "abandonment_grace_months": method.ABANDONMENT_GRACE_MONTHS,
        "us_record_low": method.US_RECORD_LOW,
        "us_record_low_min_due": method.US_RECORD_LOW_MIN_DUE,
        "us_credit": [
            {"status": label, "credit": _number(method.US_CREDIT[value])}
            for value, label in method.US_INPUT_STATUSES
            if value != method.CANCELLED
        ],
        "conditions_per_capacity_point": method.CONDITIONS_PER_CAPACITY_POINT,
        "quadrants": [
            {
                "label": method.QUADRANT_LABELS[code],
                "physical": "high" if physical else "low",
                "political": "high" if political else "low",
                "description": method.QUADRANT_DESCRIPTIONS[code],
            }
            for (physical, political), code in method.QUADRANT_OF.items()
        ],
        "flag_rules": [
            {"title": rule.title, "rule_text": rule.rule_text, "action": rule.action}
            for rule in method.FLAG_RULES.values()
        ],
    }
