"""Issue 24 item 1 in the IDD's by-year timeline tables: each U.S. input sits in its fiscal
quarter's row beside the partner deliverables due then; an input whose quarter is not set
yet is listed after the quarters, saying so (no more "U.S. inputs, all year")."""

import re

from idd.document.snapshot import load, snapshot
from idd.export.render import render_html
from tests.factories import PartnerDeliverableFactory, USInputFactory


def fiscal_year_rows(html: str, year: int) -> dict[str, str]:
    """The FY table's rows: the row heading -> the row's text, tags dropped."""
    table = html.split(f'aria-labelledby="timeline-fy{year}"')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>', table, re.S)
    return {head: " ".join(re.sub(r"<[^>]+>", " ", cell).split()) for head, cell in rows}


def test_each_us_input_is_listed_in_its_quarter_of_the_by_year_timeline(initiative):
    year = initiative.first_fiscal_year
    survey = PartnerDeliverableFactory(
        initiative=initiative, title="Survey the harbor", due_fiscal_year=year, due_quarter=2
    )
    boats = USInputFactory(
        initiative=initiative, title="Patrol boats", fiscal_year=year, fiscal_quarter=4
    )
    boats.matched_deliverables.set([survey])
    USInputFactory(initiative=initiative, title="Radios", fiscal_year=year)
    rows = fiscal_year_rows(render_html(snapshot(load(initiative.pk))), year)
    assert "Patrol boats" in rows["Q4 Jul–Sep"]
    assert "Survey the harbor" in rows["Q2 Jan–Mar"]
    assert "Patrol boats" not in rows["Q1 Oct–Dec"] + rows["Q2 Jan–Mar"]
    assert "Radios" in rows["U.S. inputs, quarter not set"]
    assert "U.S. inputs, all year" not in rows
