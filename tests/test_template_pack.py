"""The USWDS crispy pack (templates/uswds/) holds only templates something renders."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PACK = TEMPLATES / "uswds"
# What `{{ form|crispy }}`, the only crispy entry point the project uses, loads by name
# (crispy_forms.templatetags.crispy_forms_filters.as_crispy_form on a form).
LOADED_BY_CRISPY = {"uswds/uni_form.html", "uswds/field.html"}
NAMED = re.compile(r"""["'](uswds/[\w/]+\.html)["']""")


def names_in(path: Path) -> set[str]:
    return set(NAMED.findall(path.read_text())) if path.exists() else set()


def test_every_pack_template_is_rendered_by_crispy_or_included_by_a_page():
    pack = {f"uswds/{p.relative_to(PACK)}" for p in PACK.rglob("*.html")}
    outside = [p for p in TEMPLATES.rglob("*.html") if PACK not in p.parents]
    reached = set(LOADED_BY_CRISPY).union(*(names_in(p) for p in outside))
    frontier = set(reached)
    while frontier:
        frontier = set().union(*(names_in(TEMPLATES / n) for n in frontier)) - reached
        reached |= frontier

    assert sorted(pack - reached) == []
    assert sorted(reached - pack) == []  # and every template named exists
