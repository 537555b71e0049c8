"""The indicator chart: geometry from plain values, and the SVG and table it is drawn as."""

from datetime import date, timedelta
from xml.etree import ElementTree

from django.template.loader import render_to_string

from assessments.indicator_chart import CHART_PLOT, indicator_chart
from assessments.on_track import Reading, judge, period_start, target_date

SVG = "{http://www.w3.org/2000/svg}"
START, END = period_start(2027), target_date(2027)  # 1 Oct 2026 to 30 Sep 2027


def chart_of(baseline: str, target: str, readings: list[Reading]):
    judgment = judge(baseline, target, START, END, readings)
    return indicator_chart("Patrol days a month", baseline, target, START, END, readings, judgment)


def entry(readings: list[Reading], baseline: str = "2", target: str = "20") -> dict:
    """A monitored indicator as the snapshot holds it."""
    judgment = judge(baseline, target, START, END, readings)
    return {
        "id": 7,
        "fiscal_year": 2027,
        "description": "Patrol days a month",
        "baseline": baseline,
        "target": target,
        "start": START.isoformat(),
        "target_date": END.isoformat(),
        "target_date_label": "30 Sep 2027",
        "track": judgment.track.value,
        "track_label": judgment.label,
        "reason": judgment.reason,
        "measurements": [
            {
                "id": n,
                "measured_on": r.measured_on.isoformat(),
                "measured_on_label": r.measured_on.strftime("%-d %b %Y"),
                "value": r.value,
                "source": "Patrol logs",
                "note": "",
                "recorded_by": "Olive Owner",
                "recorded_at": "2027-01-01T00:00:00+00:00",
            }
            for n, r in enumerate(readings)
        ],
    }


def test_baseline_and_target_lines_and_the_expected_path_join_them():
    chart = chart_of("2", "20", [])
    assert chart.target_y < chart.baseline_y  # higher values are drawn higher
    assert (
        chart.expected_path
        == f"{CHART_PLOT.left:g},{chart.baseline_y:g} {CHART_PLOT.right:g},{chart.target_y:g}"
    )
    assert chart.points == ()


def test_a_point_per_numeric_measurement_in_time_order_inside_the_plot():
    readings = [
        Reading(date(2027, 3, 31), "11"),
        Reading(date(2026, 12, 31), "5"),
        Reading(date(2027, 1, 5), "n/a"),
    ]
    chart = chart_of("2", "20", readings)
    assert [p.value for p in chart.points] == ["5", "11"]
    assert chart.points[0].x < chart.points[1].x
    for p in chart.points:
        assert CHART_PLOT.left <= p.x <= CHART_PLOT.right
        assert CHART_PLOT.top <= p.y <= CHART_PLOT.bottom


def test_a_target_below_the_baseline_is_drawn_below_it():
    chart = chart_of("40", "10", [Reading(date(2027, 1, 1), "30")])
    assert chart.target_y > chart.baseline_y


def test_a_measurement_outside_the_period_widens_the_chart():
    early, late = START - timedelta(days=60), END + timedelta(days=90)
    chart = chart_of("2", "20", [Reading(early, "1"), Reading(late, "25")])
    assert chart.points[0].x == CHART_PLOT.left and chart.points[-1].x == CHART_PLOT.right
    for p in chart.points:
        assert CHART_PLOT.top <= p.y <= CHART_PLOT.bottom


def test_equal_baseline_and_target_is_one_line():
    chart = chart_of("4", "4", [Reading(date(2027, 1, 1), "4")])
    assert chart.holds_level


def test_an_indicator_in_words_has_no_chart():
    assert chart_of("No law", "Law enacted", [Reading(date(2027, 1, 1), "Draft bill")]) is None


def test_the_figure_is_well_formed_svg_with_title_desc_and_a_table():
    readings = [Reading(date(2026, 10, 31), "4"), Reading(date(2026, 11, 30), "8")]
    html = render_to_string(
        "assessments/indicator_figure.html", {"entry": entry(readings), "id_prefix": "t-"}
    )
    svg_text = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    svg = ElementTree.fromstring(svg_text)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "t-7-title"
    assert (
        svg.find(f"{SVG}title").text
        == "Patrol days a month: measured values against baseline and target"
    )
    desc = svg.find(f"{SVG}desc").text
    assert "baseline 2, target 20 by 30 Sep 2027" in desc
    assert "4 on 31 Oct 2026. 8 on 30 Nov 2026." in desc
    assert "On track" in desc
    assert len(list(svg.iter(f"{SVG}circle"))) == 2 + 1  # two measurements and the legend's
    # The text alternative: every value with its date and source, and the judgment in words.
    assert "<caption>Values measured, as on the chart</caption>" in html
    assert "31 Oct 2026" in html and "30 Nov 2026" in html and "Patrol logs" in html
    assert "On track.</strong> 8 measured on 30 Nov 2026 covers 33% of the way" in html


def test_typed_text_is_escaped_in_the_svg_and_table():
    readings = [Reading(date(2026, 11, 30), '8 <script>alert("x")</script>')]
    html = render_to_string(
        "assessments/indicator_figure.html",
        {"entry": entry(readings, target='20 & "more"'), "id_prefix": "t-"},
    )
    assert "<script>" not in html
    svg_text = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    ElementTree.fromstring(svg_text)  # still well-formed


def test_an_unmeasured_indicator_says_so_without_an_empty_chart():
    html = render_to_string(
        "assessments/indicator_figure.html", {"entry": entry([]), "id_prefix": "t-"}
    )
    assert "Not yet measured.</strong> No value has been measured yet." in html
    assert "<svg" not in html and "<table" not in html
