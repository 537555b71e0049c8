"""The portfolio quadrant: every initiative a point, grouped by place, names that never
overlap, and an accessible SVG and table drawn from it."""

import random
import re
from itertools import combinations, product
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import method
from assessments.charts import Point
from assessments.portfolio_chart import (
    LIST_EACH_UP_TO,
    PortfolioChart,
    PortfolioPoint,
    portfolio_quadrant,
)
from assessments.portfolio_layout import GAP, MARKER_CLEARANCE, clearance, overlaps, text_width
from assessments.quadrant import plotted_accepted as single_chart_plotted_accepted

SVG = "{http://www.w3.org/2000/svg}"
PRINTED_WIDTH = 672  # CSS px of a letter page's 7 in text width


def initiative(
    key: int,
    physical: int | None = 4,
    accepted: int | None = 3,
    *,
    label: str | None = None,
    demonstrated_high: bool = True,
    quadrant: str | None = "",
) -> PortfolioPoint:
    """An initiative whose quadrant follows the method unless given."""
    if quadrant == "":
        quadrant = (
            None
            if physical is None or accepted is None
            else method.QUADRANT_OF[
                (
                    physical >= method.HIGH_PHYSICAL_RISK,
                    accepted >= method.HIGH_POLITICAL_RISK and demonstrated_high,
                )
            ]
        )
    return PortfolioPoint(
        key=key,
        label=label or f"Initiative {key}",
        url=f"/initiatives/{key}/",
        physical_risk=physical,
        political_risk_accepted=accepted,
        quadrant=quadrant,
    )


def portfolio(size: int, seed: int = 1) -> list[PortfolioPoint]:
    rnd = random.Random(seed)
    return [
        initiative(
            key,
            rnd.choice([None, 1, 2, 3, 4, 5, 5]),
            rnd.randint(0, 5),
            label=f"{rnd.choice(['Kestrela', 'SOLMARA', 'Wawa'])} coastal patrol {key}",
            demonstrated_high=rnd.random() < 0.6,
        )
        for key in range(1, size + 1)
    ]


def svg_of(chart: PortfolioChart) -> str:
    return render_to_string("assessments/portfolio_quadrant.svg", {"chart": chart})


def assert_nothing_overlaps(chart: PortfolioChart) -> None:
    """Names never overlap each other, a marker, a quadrant label, or leave their
    quadrant; markers never overlap each other or a quadrant label."""
    area_of = {a.code: a.box for a in chart.areas}
    marker_of = {key: m for m in chart.markers for key in (p.key for p in m.points)}
    for one, other in combinations(chart.labels, 2):
        assert not overlaps(one.box, other.box), (one, other)
    for m, n in combinations(chart.markers, 2):
        assert (m.x - n.x) ** 2 + (m.y - n.y) ** 2 > (m.radius + n.radius + 2) ** 2
    for label in chart.labels:
        own = marker_of[label.keys[0]]
        assert {marker_of[k] for k in label.keys} == {own}
        assert label.keys == tuple(p.key for p in own.points)
        for marker in chart.markers:
            least = GAP - 0.5 if marker is own else MARKER_CLEARANCE
            assert clearance(label.box, marker) >= least
        assert not any(overlaps(label.box, a.label_box) for a in chart.areas)
        area = area_of[own.points[0].quadrant or ""]
        assert area.left < own.x < area.right and area.top < own.y < area.bottom
        assert area.left <= label.box.left and label.box.right <= area.right
        assert area.top <= label.box.top and label.box.bottom <= area.bottom
        # The text fits its white box, however wide its letters.
        assert all(text_width(line.text) <= label.box.right - label.x for line in label.lines)
        assert label.lines[-1].y + 4 <= label.box.bottom and label.lines[0].y - 11 >= label.box.top
    for marker, quadrant in product(chart.markers, chart.areas):
        assert clearance(quadrant.label_box, marker) > 0


# --- Grouping and placing -----------------------------------------------------------------


def test_initiatives_at_one_place_share_one_marker_showing_how_many() -> None:
    chart = portfolio_quadrant(
        [initiative(3), initiative(1), initiative(2), initiative(4, physical=1, accepted=0)]
    )
    shared, alone = sorted(chart.markers, key=lambda m: -m.count)
    assert [p.key for p in shared.points] == [1, 2, 3]
    assert shared.count_text == "3" and alone.count_text == ""
    assert shared.radius > alone.radius
    assert (shared.physical_risk, shared.plotted_accepted) == (4, 3)
    big = portfolio_quadrant([initiative(k) for k in range(1, 1235)])
    assert [m.count_text for m in big.markers] == ["1,234"]


@pytest.mark.parametrize(("physical", "accepted"), list(product(range(1, 6), range(0, 6))))
def test_every_place_lands_in_the_quadrant_the_method_gives_it(
    physical: int, accepted: int
) -> None:
    chart = portfolio_quadrant([initiative(1, physical, accepted)])
    (marker,) = chart.markers
    (area,) = [
        a
        for a in chart.areas
        if a.box.left < marker.x < a.box.right and a.box.top < marker.y < a.box.bottom
    ]
    assert area.code == chart.rows[0].point.quadrant
    assert_nothing_overlaps(chart)


def test_high_risk_accepted_with_low_commitment_sits_below_the_line_as_on_one_chart() -> None:
    for physical, accepted in product(range(1, 6), range(0, 6)):
        one = initiative(1, physical, accepted, demonstrated_high=False)
        (marker,) = portfolio_quadrant([one]).markers
        single = Point("Current", "", True, None, None, physical, accepted, "", one.quadrant)
        assert marker.plotted_accepted == single_chart_plotted_accepted(single)
    chart = portfolio_quadrant([initiative(1, 4, 5, demonstrated_high=False)])
    assert chart.rows[0].counted_low and chart.rows[0].quadrant_label == "Dependent"
    assert "1 accepted high political risk but count low" in chart.description


def test_names_are_written_where_they_fit_and_the_rest_only_counted() -> None:
    chart = portfolio_quadrant(
        [
            initiative(1, 1, 5, label="Kestrela coastal patrol capability"),
            *[initiative(k, 4, 1) for k in range(2, 12)],
        ]
    )
    named = {row.point.key: row for row in chart.rows}
    assert named[1].labeled
    (label,) = chart.labels
    # Too long for one line beside the marker, so over two.
    assert [line.text for line in label.lines] == ["Kestrela coastal", "patrol capabili…"]
    assert not any(named[k].labeled for k in range(2, 12))
    assert {named[k].marker_count for k in range(2, 12)} == {10}


def test_a_name_that_cannot_fit_is_left_to_the_table() -> None:
    # Between the threshold line and a neighbour there is no room for a long name.
    chart = portfolio_quadrant(
        [initiative(k, p, 4) for k, p in enumerate([3, 4, 5], start=1)]
        + [initiative(k, p, 5) for k, p in enumerate([3, 4, 5], start=4)]
        + [initiative(k, p, 3) for k, p in enumerate([3, 4, 5], start=7)]
        + [initiative(10, 4, 4, label="W" * 40)]
    )
    assert_nothing_overlaps(chart)
    assert len(chart.rows) == 10
    assert len(chart.labels) < 9


def test_unplaced_initiatives_are_listed_with_the_reason_not_drawn() -> None:
    chart = portfolio_quadrant(
        [
            initiative(1),
            initiative(2, physical=None),
            initiative(3, accepted=None),
            initiative(4, quadrant="gone"),
            initiative(5, physical=9),
        ]
    )
    assert [m.count for m in chart.markers] == [1]
    assert [(u.point.key, u.reason) for u in chart.unplaced] == [
        (2, "physical risk not rated"),
        (3, "not assessed yet"),
        (4, "quadrant unknown"),
        (5, "rating out of range"),
    ]
    assert chart.total == 5
    assert chart.description.startswith(
        "5 initiatives: 1 Committed, 0 Dependent, 0 Invested, 0 False-commitment risk; "
        "4 not placed."
    )
    assert ">4 not placed (listed in the table)</text>" in svg_of(chart)


def test_an_empty_portfolio_draws_the_empty_quadrant() -> None:
    chart = portfolio_quadrant([])
    assert chart.markers == () and chart.labels == () and chart.rows == ()
    assert chart.description.startswith("0 initiatives: 0 Committed,")
    assert [a.label for a in chart.areas] == [
        "Invested (0)",
        "Committed (0)",
        "False-commitment risk (0)",
        "Dependent (0)",
    ]
    ElementTree.fromstring(svg_of(chart))
    table = render_to_string("assessments/portfolio_quadrant_table.html", {"chart": chart})
    assert "No initiative on the chart." in table and "Not placed" not in table


def test_the_same_portfolio_in_any_order_draws_the_same_chart() -> None:
    points = portfolio(300, seed=5)
    shuffled = random.Random(9).sample(points, len(points))
    assert portfolio_quadrant(shuffled) == portfolio_quadrant(points)
    assert portfolio_quadrant(shuffled).rows == portfolio_quadrant(points).rows
    assert svg_of(portfolio_quadrant(shuffled)) == svg_of(portfolio_quadrant(points))


def test_fifteen_thousand_initiatives_make_a_small_svg() -> None:
    chart = portfolio_quadrant(portfolio(15_000))
    assert len(chart.markers) <= 30 and len(chart.rows) + len(chart.unplaced) == 15_000
    assert sum(a.label.count(",") for a in chart.areas) >= 1  # thousands are grouped
    svg = svg_of(chart)
    assert len(re.findall(r"<[a-z]", svg)) < 200 and len(svg) < 20_000
    assert_nothing_overlaps(chart)


def test_a_quadrant_label_keeps_inside_its_quadrant_even_with_a_huge_count() -> None:
    crowded = [initiative(k, 1, 0) for k in range(1, 15_001)] + [initiative(15_001, 5, 5)]
    chart = portfolio_quadrant(crowded)
    areas = {a.code: a for a in chart.areas}
    crowded_area = areas[method.FALSE_COMMITMENT_RISK]
    assert crowded_area.label == "False-commitment risk (15,000)"
    assert crowded_area.text_length == pytest.approx(crowded_area.label_box.width - 8)  # fitted
    assert areas[method.COMMITTED].text_length is None  # drawn at its own width
    assert 'textLength="' in svg_of(chart)
    for each in (chart, portfolio_quadrant(portfolio(15_000))):
        for area in each.areas:
            assert area.box.left < area.label_box.left and area.label_box.right < area.box.right


def test_chart_text_is_13_px_or_more_when_printed() -> None:
    chart = portfolio_quadrant(portfolio(40))
    svg = svg_of(chart)
    assert chart.font_size * PRINTED_WIDTH / chart.width >= 13
    sizes = [int(s) for s in re.findall(r'font-size="(\d+)"', svg)]
    assert sizes == [chart.font_size]  # set once on the <svg>, never smaller below it


# --- The property: nothing ever overlaps ------------------------------------------------

labels = st.sampled_from(
    [
        "Kestrela coastal patrol capability",
        "MDA AND ISR FUSION CENTER WWW",
        "Réforme «Loi 12»",
        "NCO",
        "Ünïcødé 国防 logistics",
        "Supercalifragilisticexpialidocious maritime domain awareness",
        'Pass "Law 12"',
    ]
)
initiatives = st.builds(
    lambda key, physical, accepted, high, label: initiative(
        key, physical, accepted, label=f"{label} {key}", demonstrated_high=high
    ),
    key=st.integers(min_value=1, max_value=10**6),
    physical=st.sampled_from([None, 1, 2, 3, 4, 5]),
    accepted=st.sampled_from([None, 0, 1, 2, 3, 4, 5]),
    high=st.booleans(),
    label=labels,
)


@settings(max_examples=150, database=None, deadline=None)
@given(st.lists(initiatives, max_size=60, unique_by=lambda p: p.key))
def test_no_name_ever_overlaps_another_name_a_marker_or_a_quadrant_label(
    points: list[PortfolioPoint],
) -> None:
    chart = portfolio_quadrant(points)
    assert_nothing_overlaps(chart)
    # Every initiative is on the chart or in the not-placed list, exactly once.
    keys = [row.point.key for row in chart.rows] + [u.point.key for u in chart.unplaced]
    assert sorted(keys) == sorted(p.key for p in points)
    assert sum(m.count for m in chart.markers) == len(chart.rows)
    assert sum(c.count for c in chart.counts) == len(chart.rows)


# --- The SVG and the table drawn from it -----------------------------------------------


def test_the_svg_is_well_formed_accessible_and_prints_without_color() -> None:
    chart = portfolio_quadrant(portfolio(40) + [initiative(99, label='<b>"Tom & Jerry"</b>')])
    svg = svg_of(chart)
    root = ElementTree.fromstring(svg)  # well-formed, names escaped
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "portfolio-quadrant-title"
    assert root.get("aria-describedby") == "portfolio-quadrant-desc"
    assert root.findtext(f"{SVG}title") == chart.title
    assert root.findtext(f"{SVG}desc") == chart.description
    assert chart.title.endswith("41 initiatives")
    assert "<script" not in svg and not re.search(r"\sstyle=", svg)
    assert all(i.startswith("portfolio-quadrant-") for i in re.findall(r'\bid="([^"]+)"', svg))
    # Hatching, not only tint, tells the four quadrants apart.
    fills = re.findall(r'fill="url\(#portfolio-quadrant-([a-z_]+)\)"', svg)
    assert sorted(fills) == sorted(method.QUADRANT_LABELS)
    texts = "".join(root.itertext())
    for label in chart.labels:
        for line in label.lines:
            assert line.text in texts
    for marker in chart.markers:
        assert marker.count == 1 or marker.count_text in texts


def test_two_charts_on_one_page_can_take_their_own_ids() -> None:
    chart = portfolio_quadrant([initiative(1)])
    svg = render_to_string(
        "assessments/portfolio_quadrant.svg", {"chart": chart, "id_prefix": "pq2"}
    )
    assert 'aria-labelledby="pq2-title"' in svg and 'id="pq2-desc"' in svg


def test_the_table_lists_every_initiative_with_its_quadrant_and_values() -> None:
    chart = portfolio_quadrant(
        [
            initiative(1, 4, 5, label="Kestrela coastal patrol capability"),
            initiative(2, 2, 4, demonstrated_high=False, label="Solmara <harbor> security"),
            initiative(3, 2, 4, demonstrated_high=False, label="Brevia NCO academy"),
            initiative(4, None, 2, label="Varnland logistics"),
        ]
    )
    html = render_to_string("assessments/portfolio_quadrant_table.html", {"chart": chart})
    root = ElementTree.fromstring(html)  # well-formed
    places, each = (
        [["".join(c.itertext()) for c in row] for row in table.iter("tr")]
        for table in root.iter("table")
    )
    assert places == [
        [
            "Quadrant",
            "Physical risk",
            "Political risk accepted",
            "Initiatives",
            "Named on the chart",
        ],
        ["Committed", "4", "5", "1", "Kestrela coastal patrol capability"],
        [
            "False-commitment risk",
            "2",
            "2 (2 accepted more, counted low)",
            "2",
            "Brevia NCO academy; Solmara <harbor> security",
        ],
    ]
    assert each == [
        ["Initiative", "Quadrant", "Physical risk", "Political risk accepted", "On the chart"],
        ["Kestrela coastal patrol capability", "Committed", "4", "5", "Named"],
        ["Brevia NCO academy", "False-commitment risk", "2", "4 (counted low)", "Named"],
        ["Solmara <harbor> security", "False-commitment risk", "2", "4 (counted low)", "Named"],
    ]
    assert 'href="/initiatives/1/"' in html
    assert "Not placed on the chart (1)" in html
    assert (
        '<a class="usa-link" href="/initiatives/4/">Varnland logistics</a>: physical risk not rated'
        in html
    )


def test_the_table_of_a_large_portfolio_lists_its_places_and_counts() -> None:
    chart = portfolio_quadrant(portfolio(LIST_EACH_UP_TO + 1))
    html = render_to_string("assessments/portfolio_quadrant_table.html", {"chart": chart})
    root = ElementTree.fromstring(html)
    (places,) = root.iter("table")
    header, *rows = places.iter("tr")
    counts = [int("".join(row[3].itertext()).replace(",", "")) for row in rows]
    assert sum(counts) == len(chart.rows) and len(counts) == len(chart.markers)
    assert f"{LIST_EACH_UP_TO + 1} initiatives are too many to list here one by one" in html
    assert f"{len(chart.unplaced)} of them not placed" in html
    assert chart.unplaced_note == f"{len(chart.unplaced)} not placed"  # not listed one by one
    # The page may ask for each one anyway.
    html = render_to_string(
        "assessments/portfolio_quadrant_table.html", {"chart": chart, "list_each": True}
    )
    assert len(list(ElementTree.fromstring(html).iter("tr"))) == 1 + len(chart.markers) + 1 + len(
        chart.rows
    )
    assert all(f'href="{u.point.url}"' in html for u in chart.unplaced)
