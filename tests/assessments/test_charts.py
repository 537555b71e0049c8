"""Geometry of the quadrant and trend charts, and the accessible SVG drawn from it."""

import re
from itertools import product

import pytest
from django.template.loader import render_to_string

from assessments import method
from assessments.charts import Box, Point
from assessments.quadrant import QUADRANT_PLOT, quadrant_chart
from assessments.trend import TREND_PLOT, trend_chart


def point(
    name: str = "Current",
    *,
    physical: int | None = 4,
    accepted: int = 3,
    demonstrated: int | None = 61,
    stated: int | None = 67,
    current: bool = False,
    date_label: str = "30 Sep 2026",
) -> Point:
    return Point(
        name=name,
        date_label=date_label,
        current=current,
        demonstrated=demonstrated,
        stated_willingness=stated,
        physical_risk=physical,
        risk_accepted=accepted,
        quadrant_label="",
    )


def inside(x: float, y: float, box: Box) -> bool:
    return box.left < x < box.right and box.top < y < box.bottom


def overlaps(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


# --- Quadrant ----------------------------------------------------------------------------


def test_thresholds_fall_midway_between_low_and_high_values() -> None:
    chart = quadrant_chart([])
    x = {tick.label: tick.position for tick in chart.x_ticks}
    y = {tick.label: tick.position for tick in chart.y_ticks}
    high_x, high_y = str(method.HIGH_PHYSICAL_RISK), str(method.HIGH_POLITICAL_RISK)
    below_x, below_y = str(method.HIGH_PHYSICAL_RISK - 1), str(method.HIGH_POLITICAL_RISK - 1)
    assert chart.x_threshold == pytest.approx((x[below_x] + x[high_x]) / 2, abs=0.1)
    assert chart.y_threshold == pytest.approx((y[below_y] + y[high_y]) / 2, abs=0.1)
    assert list(x) == ["1", "2", "3", "4", "5"]
    assert list(y) == ["0", "1", "2", "3", "4", "5"]
    # Higher political risk is higher on the page (smaller y).
    assert y["5"] < y["0"]


def test_the_four_quadrants_are_labeled_from_the_method() -> None:
    chart = quadrant_chart([])
    assert {a.code: a.label for a in chart.areas} == method.QUADRANT_LABELS
    by_code = {a.code: a.box for a in chart.areas}
    # High physical risk to the right of the threshold, high political risk above it.
    assert by_code[method.COMMITTED].left == chart.x_threshold
    assert by_code[method.COMMITTED].bottom == chart.y_threshold
    assert by_code[method.FALSE_COMMITMENT_RISK].right == chart.x_threshold
    assert by_code[method.FALSE_COMMITMENT_RISK].top == chart.y_threshold
    # Together they tile the plot exactly.
    area = sum(box.width * box.height for box in by_code.values())
    assert area == pytest.approx(QUADRANT_PLOT.width * QUADRANT_PLOT.height)


@pytest.mark.parametrize(("physical", "accepted"), list(product(range(1, 6), range(0, 6))))
def test_every_possible_point_lands_in_the_quadrant_the_method_gives_it(
    physical: int, accepted: int
) -> None:
    chart = quadrant_chart([point(physical=physical, accepted=accepted)])
    (marker,) = chart.markers
    expected = method.QUADRANT_OF[
        (physical >= method.HIGH_PHYSICAL_RISK, accepted >= method.HIGH_POLITICAL_RISK)
    ]
    (area,) = [a for a in chart.areas if inside(marker.x, marker.y, a.box)]
    assert area.code == expected
    # A marker (radius 12 with its ring) never covers a quadrant's label.
    ring = Box(marker.x - 12, marker.y - 12, marker.x + 12, marker.y + 12)
    assert not any(overlaps(ring, a.label_box) for a in chart.areas)


def test_assessments_at_the_same_place_sit_side_by_side_in_order() -> None:
    chart = quadrant_chart(
        [
            point("Baseline", accepted=2),
            point("Re-assessment", accepted=3),
            point("Current", accepted=3, current=True),
        ]
    )
    first, second, third = chart.markers
    assert [m.number for m in chart.markers] == [1, 2, 3]
    assert second.y == third.y and second.x < third.x
    assert third.x - second.x == 24
    # The pair is centered on the value, as the lone marker is.
    assert (second.x + third.x) / 2 == pytest.approx(first.x)


def test_an_unrated_physical_risk_is_listed_not_drawn() -> None:
    unrated = point("Current", physical=None, accepted=0, current=True)
    chart = quadrant_chart([point("Baseline"), unrated])
    assert [m.point.name for m in chart.markers] == ["Baseline"]
    assert chart.unplaced == (unrated,)
    assert "2. Current, 30 Sep 2026: not placed, physical risk not rated." in chart.description
    assert chart.unplaced_note == "1 not placed: physical risk not rated"
    svg = render_to_string("assessments/quadrant.svg", {"chart": chart, "id_prefix": "q"})
    assert ">1 not placed: physical risk not rated</text>" in svg


def test_the_description_names_the_scales_and_every_point() -> None:
    chart = quadrant_chart([point("Baseline", accepted=2, date_label="31 Mar 2026")])
    assert chart.description.startswith(
        "Physical risk from 1 to 5 across, high from 3; "
        "highest political risk accepted from 0 to 5 up, high from 3."
    )
    assert "1. Baseline, 31 Mar 2026: physical risk 4, political risk accepted 2" in (
        chart.description
    )


# --- Trend -------------------------------------------------------------------------------


def test_points_are_evenly_spaced_in_order_and_scores_map_onto_the_plot() -> None:
    chart = trend_chart(
        [point("Baseline", demonstrated=0), point("Re"), point("Now", demonstrated=100)]
    )
    xs = [c.x for c in chart.columns]
    assert xs == sorted(xs) and xs[1] - xs[0] == pytest.approx(xs[2] - xs[1], abs=0.1)
    assert chart.columns[0].demonstrated.y == TREND_PLOT.bottom
    assert chart.columns[2].demonstrated.y == TREND_PLOT.top
    assert [t.label for t in chart.y_ticks] == ["0", "25", "50", "75", "100"]


def test_a_trend_with_nothing_observed_or_rated_has_no_values_to_draw() -> None:
    assert not trend_chart([point(demonstrated=None, stated=None)]).has_values
    assert trend_chart([point(demonstrated=None, stated=0)]).has_values
    assert trend_chart([point(demonstrated=0, stated=None)]).has_values


def test_a_single_point_is_centred() -> None:
    (column,) = trend_chart([point()]).columns
    assert column.x == pytest.approx((TREND_PLOT.left + TREND_PLOT.right) / 2, abs=0.1)


def test_not_yet_observable_is_shown_as_such_and_breaks_the_line() -> None:
    chart = trend_chart(
        [
            point("Baseline", demonstrated=None, stated=80),
            point("Re", demonstrated=40, stated=80),
            point("Now", demonstrated=55, stated=None),
        ]
    )
    first, second, third = chart.columns
    assert first.demonstrated is None and chart.has_unobservable
    # The band is centered on its column.
    assert first.band_x + chart.band_width / 2 == pytest.approx(first.x, abs=0.1)
    # One demonstrated segment (Re -> Now), one stated segment (Baseline -> Re).
    assert chart.demonstrated_lines == (
        f"{second.x:g},{second.demonstrated.y:g} {third.x:g},{third.demonstrated.y:g}",
    )
    assert len(chart.stated_lines) == 1
    assert "Baseline, 30 Sep 2026: demonstrated not yet observable" in chart.description
    assert "Now, 30 Sep 2026: demonstrated 55, stated willingness not rated." in (chart.description)


def test_the_higher_figure_is_labeled_above_and_the_lower_below() -> None:
    rhetoric, steady = trend_chart(
        [point(demonstrated=50, stated=92), point(demonstrated=70, stated=40)]
    ).columns
    assert rhetoric.stated.label_y < rhetoric.stated.y  # above
    assert rhetoric.demonstrated.label_y > rhetoric.demonstrated.y  # below
    assert steady.demonstrated.label_y < steady.demonstrated.y
    assert steady.stated.label_y > steady.stated.y


def test_no_unobservable_legend_when_every_point_is_observable() -> None:
    assert not trend_chart([point(), point()]).has_unobservable


# --- The SVG drawn from it ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "chart"),
    [
        ("assessments/quadrant.svg", quadrant_chart([point(current=True)])),
        ("assessments/trend.svg", trend_chart([point(demonstrated=None), point(current=True)])),
    ],
)
def test_charts_render_as_accessible_svg_without_script_or_inline_style(
    template: str, chart: object
) -> None:
    svg = render_to_string(template, {"chart": chart, "id_prefix": "c1"})
    assert 'role="img"' in svg
    assert 'aria-labelledby="c1-title" aria-describedby="c1-desc"' in svg
    assert f'<title id="c1-title">{chart.title}</title>' in svg
    assert '<desc id="c1-desc">' in svg
    assert "<script" not in svg and not re.search(r"\sstyle=", svg)
    # Every id is prefixed, so two charts on one page never clash.
    assert all(i.startswith("c1-") for i in re.findall(r'\bid="([^"]+)"', svg))
    assert re.findall(r"url\(#([^)]+)\)", svg)
    assert all(ref.startswith("c1-") for ref in re.findall(r"url\(#([^)]+)\)", svg))


def test_quadrant_svg_writes_every_quadrant_label_and_the_point_numbers() -> None:
    chart = quadrant_chart([point("Baseline", accepted=2), point("Now", current=True)])
    svg = render_to_string("assessments/quadrant.svg", {"chart": chart, "id_prefix": "q"})
    for label in method.QUADRANT_LABELS.values():
        assert f">{label}</text>" in svg
    assert re.search(r">1</text>", svg) and re.search(r">2</text>", svg)
