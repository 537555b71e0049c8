"""Reflow (WCAG 1.4.10): no page scrolls sideways at 320 CSS px, nor at 1280 px zoomed to 200%
(640 CSS px at device scale 2). Tables become cards or scroll inside their own region; only
the page itself is measured.

The pages come from the URL resolver (tests/url_walk.py), so a new page cannot escape:
every URL is loaded with the demo's objects in its parameters, and each answer that is an
HTML page is measured. The demo's coastal patrol IDD is in review on its route (review queue, review
page), its gift-taker is approved (revisions, comparison), and its maintenance IDD is a
draft whose every guided-form step is loaded.
"""

from __future__ import annotations

import itertools
import re

import pytest
from django.contrib.auth.models import User

from assessments.models import CommitmentAssessment
from demo import scenario as demo
from idd.guided_form.steps import STEPS
from idd.models import (
    Indicator,
    IndicatorMeasurement,
    Initiative,
    PartnerUnitRequest,
    RouteTemplate,
)
from idd.reference.sections import SECTIONS
from idd.services import plan_warnings, review
from tests.url_walk import Url, product_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 320 CSS px, and a 1280 px window at 200% zoom.
WIDTHS = {"320px": (320, 1), "1280px-at-200%": (640, 2)}
NOT_PAGES = {
    "initiative_pdf": "a PDF (its layout is checked in tests/export)",
    "revision_pdf": "a PDF (its layout is checked in tests/export)",
    "partner_search": "JSON suggestions for the partner field, not a page",
    "notification_pdf": "a PDF (its layout is checked in tests/export)",
    "initiative_pdf_status": "JSON: whether a PDF is ready yet, not a page",
    "notification_pdf_status": "JSON: whether a PDF is ready yet, not a page",
    "revision_pdf_status": "JSON: whether a PDF is ready yet, not a page",
    "notification_docx": "a Word document (its text is checked in tests/export)",
    "initiative_docx": "a Word document (its text is checked in tests/export)",
    "revision_docx": "a Word document (its text is checked in tests/export)",
}
# Pages the issue names: each must answer 200 to the role beside it, so the walk cannot
# silently measure an error page or nothing.
MUST_MEASURE = {
    "planner": {
        "dashboard",
        "initiative_list",
        "initiative_detail",
        "wizard_step",
        "initiative_review",
        "revision_list",
        "revision_detail",
        "revision_diff",
        "initiative_history",
        "commitment_overview",
        "commitment_assessment",
        "commitment_record",
        "deliverable_record",
        "us_input_record",
        "initiative_print",
    },
    "reviewer": {"dashboard", "review_queue", "initiative_review", "initiative_history"},
}

# The element reaching furthest right, outside any region that scrolls on its own.
WIDEST = """() => {
  const inScroller = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    return false;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].slice(0, 3).map(c => '.' + c).join('');
  let widest = null, right = window.innerWidth;
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    const edge = box.right + Math.max(0, parseFloat(getComputedStyle(el).marginRight) || 0);
    if (box.width > 0 && edge > right + 0.5 && !inScroller(el)) {
      widest = el;
      right = edge;
    }
  }
  const path = [];
  for (let el = widest; el && el !== document.body && path.length < 4; el = el.parentElement)
    path.unshift(name(el));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    widest: widest ? `${path.join(' > ')} (right edge ${Math.round(right)} px)` : 'none found',
  };
}"""


@pytest.fixture
def world(fresh_demo) -> dict[str, Initiative]:
    planner, reviewer = (User.objects.get(username=n) for n in ("planner", "reviewer"))
    gifts = Initiative.objects.get(title="Solmara harbor security partnership")
    read = plan_warnings.current_digest(gifts)  # the open plan checks, acknowledged
    gifts = review.start_review(review.submit(gifts, planner, acknowledged=read), reviewer)
    review.approve(gifts, reviewer)
    return {
        "submitted": Initiative.objects.get(title="Kestrela coastal patrol capability"),
        "approved": Initiative.objects.get(pk=gifts.pk),
        "draft": Initiative.objects.get(title="Kestrela defense maintenance institution building"),
    }


def _values(initiative: Initiative) -> dict[str, list[str]]:
    """Each route parameter's values on this initiative (its own objects, so pages answer)."""
    assessments = CommitmentAssessment.objects.filter(subject=initiative)
    return {
        "pk": [str(initiative.pk)],
        "step": [step.slug for step in STEPS],
        "section": [SECTIONS[0].slug],
        "number": [str(initiative.revision)],
        "comment_pk": ["0"],
        "office_pk": ["0"],
        "organization_pk": [str(initiative.organization_id)],
        "command_pk": [str(initiative.organization.command().pk)],
        "partner_pk": [str(initiative.partner_id)],
        "unit_pk": [str(u.pk) for u in initiative.partner.units.all()[:1]],
        "person_pk": [str(initiative.owner_id)],
        "template_pk": [str(pk) for pk in RouteTemplate.objects.values_list("pk", flat=True)[:1]],
        "unit_request_pk": [str(r.pk) for r in PartnerUnitRequest.objects.all()[:1]],
        "assessment_pk": [str(a.pk) for a in assessments[:1]],
        "deliverable_pk": [str(d.pk) for d in initiative.partner_deliverables.all()[:1]],
        "us_input_pk": [str(u.pk) for u in initiative.us_inputs.all()[:1]],
        "indicator_pk": [
            str(i.pk) for i in Indicator.objects.filter(objective__initiative=initiative)[:1]
        ],
        "measurement_pk": [
            str(m.pk)
            for m in IndicatorMeasurement.objects.filter(
                indicator__objective__initiative=initiative
            )[:1]
        ],
        "lesson_pk": [str(lesson.pk) for lesson in initiative.lessons_learned.all()[:1]],
    }


def _fill(url: Url, values: dict[str, str]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], url.route)


def pages(world: dict[str, Initiative]) -> list[tuple[str, str]]:
    """(URL name, path) of every product URL but the admin's, with the world's objects."""
    found = []
    for url in product_urls():
        if url.route.startswith("admin/") or url.key in NOT_PAGES:
            continue
        if not url.params:
            found.append((url.key, _fill(url, {})))
            continue
        # The guided form's steps on the draft; every other page on the other two.
        on = [world["draft"]] if "step" in url.params else [world["submitted"], world["approved"]]
        for initiative in on:
            values = _values(initiative)
            for combo in itertools.product(*(values[p] for p in url.params)):
                found.append((url.key, _fill(url, dict(zip(url.params, combo, strict=True)))))
    return found


@pytest.mark.parametrize("role", MUST_MEASURE)
def test_no_page_scrolls_sideways(world, browser, live_server, role):
    spec = next(u for u in demo.DEMO_USERS if u.username == role)
    overflowing = []
    for width, (css_width, scale) in WIDTHS.items():
        context = browser.new_context(
            viewport={"width": css_width, "height": 800}, device_scale_factor=scale
        )
        page = context.new_page()
        measured = set()
        try:
            page.goto(f"{live_server.url}/accounts/login/")
            overflowing += _overflow(page, width, "login")
            page.get_by_label("Username").fill(spec.username)
            page.get_by_label("Password").fill(spec.password)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{live_server.url}/")
            for key, path in pages(world):
                # Only HTML pages this role may read (the request shares the page's cookies).
                answer = page.request.get(f"{live_server.url}{path}", max_redirects=0)
                if answer.status != 200 or "text/html" not in answer.headers["content-type"]:
                    continue
                page.goto(f"{live_server.url}{path}")
                measured.add(key)
                overflowing += _overflow(page, width, path)
        finally:
            context.close()
        assert MUST_MEASURE[role] <= measured, f"not measured: {MUST_MEASURE[role] - measured}"
    assert not overflowing, f"As {role}, the page scrolls sideways on\n" + "\n".join(overflowing)


def _overflow(page, width: str, where: str) -> list[str]:
    found = page.evaluate(WIDEST)
    if found["scrollWidth"] <= found["innerWidth"]:
        return []
    return [f"{width} {where}: {found['scrollWidth']} px wide; widest: {found['widest']}"]
