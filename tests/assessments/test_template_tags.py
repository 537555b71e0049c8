"""The template tags phase 2 uses: the timeline and the plan checks from the snapshot's inputs."""

import json

from django.template import Context, Template

from assessments import method
from tests.assessments.test_swimlane import big_plan


def test_the_tags_read_the_stored_inputs_dict() -> None:
    stored = json.loads(json.dumps(big_plan().to_dict()))
    html = Template(
        "{% load commitment %}{% commitment_swimlane inputs as chart %}"
        '{% include "assessments/swimlane_figure.html" with chart=chart id_prefix="t" %}'
        "{% commitment_plan_checks inputs as checks %}"
        "{% for c in checks %}[{{ c.rule }}:{{ c.row_id|default:'plan' }}]{% endfor %}"
    ).render(Context({"inputs": stored}))
    assert '<title id="t-title">' in html
    # Ten equipment inputs and no sustainment-funding deliverable: one finding each.
    assert html.count(f"[{method.EQUIPMENT_WITHOUT_SUSTAINMENT}:") == 10
