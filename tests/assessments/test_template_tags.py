"""The template tags phase 2 uses: the timeline from the snapshot's inputs, and the plan
checks shown on a step's rows."""

import json

from django.template import Context, Template

from assessments import method
from assessments.inputs import AssessmentInputs
from assessments.plan_checks import plan_checks
from tests.assessments.test_swimlane import big_plan


def test_the_tags_read_the_stored_inputs_dict() -> None:
    stored = json.loads(json.dumps(big_plan().to_dict()))
    checks = plan_checks(AssessmentInputs.from_dict(stored))
    html = Template(
        "{% load commitment %}{% commitment_swimlane inputs as chart %}"
        '{% include "assessments/swimlane_figure.html" with chart=chart id_prefix="t" %}'
        '{% row_checks_on_step checks "us_inputs" as rows %}'
        "{% for c in rows %}[{{ c.rule }}:{{ c.row_id|default:'plan' }}]{% endfor %}"
    ).render(Context({"inputs": stored, "checks": checks}))
    assert '<title id="t-title">' in html
    # Ten equipment inputs and no sustainment-funding deliverable: one finding each.
    assert html.count(f"[{method.EQUIPMENT_WITHOUT_SUSTAINMENT}:") == 10
