"""Characters no output format can carry, and characters that disguise a name, posted to
every form (issue 23): never a 500, refused with a message that names the character, and
never stored.

Noncharacters (U+FFFF made every Word copy of its initiative a 500) go into every typed
control; the bidirectional overrides and isolates and the zero-width space into every
one-line control (a title "gnp.exe" shown as "exe.png"), where they are refused.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse

from idd.guided_form.steps import STEPS
from tests.factories import complete_initiative
from tests.fuzz.hostile import error_shown
from tests.fuzz.pages import Form, form_posting_to

pytestmark = pytest.mark.django_db

NO_OUTPUT = {"\uffff": "U+FFFF", "\ufffe": "U+FFFE", "\ufdd0": "U+FDD0", "\U0010ffff": "U+10FFFF"}
DISGUISING = {"\u202e": "U+202E", "\u2066": "U+2066", "\u200b": "U+200B", "\ufeff": "U+FEFF"}
EDITED_STEPS = [step.slug for step in STEPS if step.forms is not None]


def forms_of_the_product(client, initiative) -> dict[str, tuple[str, Form, dict]]:
    """Every form a planner fills in with text: its URL, its controls, a button to press."""
    found = {}
    for slug in EDITED_STEPS:
        url = reverse("wizard_step", args=[initiative.pk, slug])
        found[f"step {slug}"] = (url, {"action": ["continue"]})
    found["new initiative"] = (reverse("initiative_create"), {})
    found["profile"] = (reverse("profile"), {})
    found["assessment"] = (reverse("commitment_record", args=[initiative.pk]), {})
    return {
        where: (url, form_posting_to(client.get(url).content.decode()), extra)
        for where, (url, extra) in found.items()
    }


def stored_anywhere(character: str) -> list[str]:
    """Every stored text, of the product and of the users, that holds `character`."""
    product = [*apps.get_app_config("idd").get_models()]
    product += apps.get_app_config("assessments").get_models()
    return [
        f"{model.__name__}.{field.name}"
        for model in [*product, User]
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and model._default_manager.filter(**{f"{field.name}__contains": character}).exists()
    ]


@pytest.mark.parametrize(
    ("character", "one_line_only"),
    [(c, False) for c in NO_OUTPUT] + [(c, True) for c in DISGUISING],
    ids=[*NO_OUTPUT.values(), *DISGUISING.values()],
)
def test_every_form_refuses_the_character_with_a_message(client, owner, character, one_line_only):
    initiative = complete_initiative(owner=owner)
    client.force_login(owner)
    code = {**NO_OUTPUT, **DISGUISING}[character]
    for where, (url, form, extra) in forms_of_the_product(client, initiative).items():
        kinds = ("text",) if one_line_only else ("text", "textarea")
        typed = [c for c in form.typed() if c.kind in kinds and "password" not in c.name]
        if not typed:
            continue
        data = form.data() | extra
        for control in typed:
            data[control.name] = [f"Patrol {character}boats"]

        response = client.post(url, data)

        assert response.status_code < 500, where
        html = response.content.decode()
        assert error_shown(html), f"{where}: refused without saying why"
        assert f"({code})" in html or f"character {code}" in html, f"{where}: {code} not named"
        assert stored_anywhere(character) == [], where
