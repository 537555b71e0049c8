"""Staffing route templates, in the product (issue 27): an organization's administrator
adds a route, its stages and their offices, removes and reorders stages; a route an IDD
travelled is read-only and offered as a copy; what keeps an IDD off a route is a warning
in words; the model's constraints are form errors, a stale page a conflict."""

import pytest
from django.urls import reverse

from idd.models import AuditRecord, Initiative, RouteStage, RouteTemplate
from idd.reference import roles
from idd.services import route_templates, staffing
from tests import factories
from tests.staffing.conftest import command  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, command):  # noqa: F811
    user = factories.UserFactory(
        username="cmdadmin", role=roles.ADMINISTRATOR, organization=command.africom
    )
    client.force_login(user)
    return user


def page(template) -> str:
    return reverse("route_template", args=[template.pk])


def management(total: int, initial: int) -> dict:
    return {
        "stages-TOTAL_FORMS": str(total),
        "stages-INITIAL_FORMS": str(initial),
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "20",
    }


def posted(template, stages: list[dict], **fields) -> dict:
    """The page as sent: the template's fields and its stages (each a dict of its fields,
    `id` for a stored one)."""
    stored = [s for s in stages if s.get("id")]
    data = {
        "name": template.name,
        "approval_authority": template.approval_authority_id or "",
        "seen": route_templates.fingerprint(template),
        **management(len(stages), len(stored)),
        **fields,
    }
    if template.is_default:
        data["is_default"] = "on"
    for i, stage in enumerate(stages):
        for key, value in stage.items():
            data[f"stages-{i}-{key}"] = value
    return data


def stored_stages(template) -> list[tuple]:
    return [
        (s.position, s.name, s.suspense_days, sorted(o.organization.name for o in s.offices.all()))
        for s in RouteTemplate.objects.get(pk=template.pk).stages.all()
    ]


def test_adding_a_route_then_its_stages_and_offices(client, command, admin):  # noqa: F811
    c = command
    response = client.post(
        reverse("route_add", args=[c.j5.pk]),
        {"name": "J5 staffing", "approval_authority": c.j5.pk},
    )
    made = RouteTemplate.objects.get(name="J5 staffing")
    assert response.status_code == 302 and made.organization == c.j5
    shown = client.get(response.url).content.decode()  # one stage to fill in, not two
    assert 'name="stages-TOTAL_FORMS" value="1"' in shown
    assert "has no stages" in client.get(page(made)).content.decode()
    data = posted(
        made,
        [
            {"name": "Directorates", "suspense_days": "5", "offices": [c.j4.pk, c.j8.pk]},
            {"name": "Legal", "suspense_days": "3", "offices": [c.sja.pk]},
        ],
    )
    assert client.post(page(made), data).status_code == 302
    assert stored_stages(made) == [(1, "Directorates", 5, ["J4", "J8"]), (2, "Legal", 3, ["SJA"])]
    assert made.refusal() is None
    actions = AuditRecord.objects.filter(
        event=AuditRecord.Event.ADMIN_ACTION, object_id=str(made.pk)
    )
    assert {a.details["action"] for a in actions} == {
        "staffing route added",
        "staffing route changed",
    }


def test_stages_are_reordered_and_removed(client, command, admin):  # noqa: F811
    c = command
    template = c.template  # stage 1 J4 and J8, stage 2 SJA; no IDD on it yet
    first, second = template.stages.all()
    rows = [
        {"id": first.pk, "name": "", "suspense_days": "5", "offices": [c.j4.pk, c.j8.pk]},
        {"id": second.pk, "name": "", "suspense_days": "5", "offices": [c.sja.pk]},
    ]
    response = client.post(page(template), {**posted(template, rows), "move": "stages:1:up"})
    assert response.status_code == 302
    assert [s[3] for s in stored_stages(template)] == [["SJA"], ["J4", "J8"]]
    template.refresh_from_db()
    first, second = template.stages.all()
    rows = [
        {"id": first.pk, "name": "", "suspense_days": "5", "offices": [c.sja.pk], "DELETE": "on"},
        {"id": second.pk, "name": "", "suspense_days": "5", "offices": [c.j4.pk, c.j8.pk]},
    ]
    assert client.post(page(template), posted(template, rows)).status_code == 302
    assert stored_stages(template) == [(1, "", 5, ["J4", "J8"])]


def test_a_stage_without_an_office_is_an_error_on_that_stage(client, command, admin):  # noqa: F811
    c = command
    template = c.template
    first, second = template.stages.all()
    before = stored_stages(template)
    rows = [
        {"id": first.pk, "name": "Directorates", "suspense_days": "7", "offices": []},
        {"id": second.pk, "name": "", "suspense_days": "5", "offices": [c.sja.pk]},
    ]
    response = client.post(page(template), posted(template, rows))
    text = response.content.decode()
    assert response.status_code == 200 and 'id="error-summary"' in text
    assert "Choose at least one office for Stage 1, or remove the stage." in text
    assert 'value="Directorates"' in text and 'value="7"' in text  # what was typed stays
    assert stored_stages(template) == before
    # A new route's stage left as the page showed it (its suspense, no office) is not
    # dropped in silence either.
    made = RouteTemplate.objects.create(organization=c.africom, name="New", approval_authority=c.j5)
    blank = [{"name": "", "suspense_days": "5"}]
    response = client.post(page(made), posted(made, blank))
    assert (
        "Choose at least one office for Stage 1, or remove the stage." in response.content.decode()
    )
    removed = [{"name": "", "suspense_days": "5", "DELETE": "on"}]
    assert client.post(page(made), posted(made, removed)).status_code == 302


def test_a_route_without_approval_authority_is_warned_in_words(client, command, admin):  # noqa: F811
    c = command
    made = route_with_stages(c, "Fast track", default=False)
    client.post(page(made), posted(made, stage_rows(made), approval_authority=""))
    text = client.get(page(made)).content.decode()
    assert "has no approval authority: nobody could approve" in text


def route_with_stages(c, name: str, *, default: bool) -> RouteTemplate:
    made = RouteTemplate.objects.create(
        organization=c.africom, name=name, approval_authority=c.j5, is_default=default
    )
    RouteStage.objects.create(template=made, position=1).offices.create(organization=c.j4)
    return made


def stage_rows(template) -> list[dict]:
    return [
        {
            "id": s.pk,
            "name": s.name,
            "suspense_days": str(s.suspense_days),
            "offices": [o.organization_id for o in s.offices.all()],
        }  # fmt: skip
        for s in template.stages.all()
    ]


def test_only_a_route_an_idd_can_travel_is_the_default(client, command, admin):  # noqa: F811
    c = command
    # The default loses its approval authority: refused, nothing changed.
    response = client.post(
        page(c.template), posted(c.template, stage_rows(c.template), approval_authority="")
    )
    text = response.content.decode()
    assert response.status_code == 200 and 'id="error-summary"' in text
    assert (
        "has no approval authority" in text
        and "Only a route an IDD can travel can be the default" in text
    )
    c.template.refresh_from_db()
    assert c.template.approval_authority == c.j5 and c.template.is_default
    # A route with no stage is not made the default; nor is one just added (no field).
    made = RouteTemplate.objects.create(
        organization=c.africom, name="Empty", approval_authority=c.j5
    )
    response = client.post(page(made), posted(made, [], is_default="on"))
    assert "has no stages" in response.content.decode()
    assert (
        'name="is_default"'
        not in client.get(reverse("route_add", args=[c.africom.pk])).content.decode()
    )
    defaults = RouteTemplate.objects.filter(organization=c.africom, is_default=True)
    assert [t.name for t in defaults] == ["AFRICOM staffing"]


def test_bad_input_is_a_form_error_never_a_500(client, command, admin):  # noqa: F811
    c = command
    template = c.template
    first, second = template.stages.all()
    rows = [
        {"id": first.pk, "name": "", "suspense_days": "61", "offices": [c.j4.pk]},
        {"id": second.pk, "name": "", "suspense_days": "0", "offices": [c.dsca.pk]},
    ]
    response = client.post(page(template), posted(template, rows))
    text = response.content.decode()
    assert response.status_code == 200 and 'id="error-summary"' in text
    assert "less than or equal to 60" in text and "greater than or equal to 1" in text
    assert "Select a valid choice" in text  # DSCA is outside the command
    # The name is the organization's once (the model's constraint, as the form's error).
    RouteTemplate.objects.create(organization=c.africom, name="Other")
    response = client.post(page(template), posted(template, rows[:0], name="Other"))
    assert "already has a route of this name" in response.content.decode()
    assert stored_stages(template)[0][3] == ["J4", "J8"]


def test_ticking_default_moves_it_from_the_current_default(client, command, admin):  # noqa: F811
    c = command
    made = route_with_stages(c, "Fast track", default=False)
    response = client.post(page(made), posted(made, stage_rows(made), is_default="on"))
    assert response.status_code == 302
    defaults = RouteTemplate.objects.filter(organization=c.africom, is_default=True)
    assert [t.name for t in defaults] == ["Fast track"]


def test_unticking_the_default_says_the_planners_now_choose(client, command, admin):  # noqa: F811
    c = command
    data = posted(c.template, stage_rows(c.template))
    del data["is_default"]
    response = client.post(page(c.template), data, follow=True)
    assert not RouteTemplate.objects.filter(organization=c.africom, is_default=True).exists()
    said = f"{c.africom} has no default route now: its planners choose one each time they submit."
    assert said in response.content.decode()


def test_a_travelled_route_can_be_made_the_default_again(client, command, admin):  # noqa: F811
    c = command
    staffing.submit(Initiative.objects.get(pk=c.initiative.pk), c.planner)
    client.post(reverse("route_copy", args=[c.template.pk]))
    copy = RouteTemplate.objects.get(name="AFRICOM staffing (copy)")
    response = client.post(page(copy), posted(copy, stage_rows(copy), is_default="on"))
    assert response.status_code == 302, response.content.decode()[-3000:]
    text = client.get(page(c.template)).content.decode()
    assert "Make it the default route of U.S. Africa Command" in text
    assert "Save the route" not in text
    response = client.post(reverse("route_make_default", args=[c.template.pk]), follow=True)
    assert "is now the default route of U.S. Africa Command" in response.content.decode()
    defaults = RouteTemplate.objects.filter(organization=c.africom, is_default=True)
    assert [t.name for t in defaults] == ["AFRICOM staffing"]
    assert AuditRecord.objects.filter(
        object_id=str(c.template.pk), details__action="staffing route made the default"
    ).exists()
    # One an IDD cannot travel is refused, in words; the default stays.
    empty = RouteTemplate.objects.create(organization=c.africom, name="Empty")
    response = client.post(reverse("route_make_default", args=[empty.pk]), follow=True)
    assert "has no approval authority" in response.content.decode()
    assert RouteTemplate.objects.get(is_default=True, organization=c.africom) == c.template


def test_the_submit_page_never_preselects_a_route_that_would_be_refused(client, command):  # noqa: F811
    c = command
    RouteTemplate.objects.filter(pk=c.template.pk).update(is_default=False)
    RouteTemplate.objects.create(organization=c.africom, name="Broken", is_default=True)
    complete = route_with_stages(c, "Fast track", default=False)
    choices = staffing.templates_for(Initiative.objects.get(pk=c.initiative.pk))
    assert choices == [c.template, complete, RouteTemplate.objects.get(name="Broken")]
    client.force_login(c.planner)
    text = client.get(reverse("initiative_submit_confirm", args=[c.initiative.pk])).content.decode()
    assert f'<option value="{c.template.pk}" selected>' in text


def test_a_stale_page_is_refused_and_changes_nothing(client, command, admin):  # noqa: F811
    c = command
    template = c.template
    data = posted(template, [], name="Renamed in tab one")  # no stage rows: none removed
    first = client.post(page(template), data)
    assert first.status_code == 302
    response = client.post(page(template), {**data, "name": "Renamed in tab two"}, follow=True)
    assert "was changed by someone else after you opened this page" in response.content.decode()
    assert RouteTemplate.objects.get(pk=template.pk).name == "Renamed in tab one"


def test_a_route_an_idd_travelled_is_read_only_and_offered_as_a_copy(client, command, admin):  # noqa: F811
    c = command
    staffing.submit(Initiative.objects.get(pk=c.initiative.pk), c.planner)
    text = client.get(page(c.template)).content.decode()
    assert "Copy to a new route" in text and "Save the route" not in text
    assert "J4, J8; suspense 5 working days" in text and "SJA; suspense" in text
    response = client.post(page(c.template), posted(c.template, [], name="Changed"), follow=True)
    assert "it is a record now and does not change" in response.content.decode()
    assert RouteTemplate.objects.get(pk=c.template.pk).name == "AFRICOM staffing"
    response = client.post(reverse("route_copy", args=[c.template.pk]))
    copy = RouteTemplate.objects.get(name="AFRICOM staffing (copy)")
    assert response.url == page(copy) and not copy.is_default and not copy.in_use
    assert stored_stages(copy) == stored_stages(c.template)


def test_another_organizations_routes_are_not_found(client, command):  # noqa: F811
    c = command
    j5_admin = factories.UserFactory(role=roles.ADMINISTRATOR, organization=c.j5)
    client.force_login(j5_admin)
    assert client.get(page(c.template)).status_code == 404  # the command's, above J5
    assert client.post(reverse("route_copy", args=[c.template.pk])).status_code == 404
    assert client.get(reverse("route_add", args=[c.africom.pk])).status_code == 404
    client.force_login(c.planner)
    assert client.get(page(c.template)).status_code == 403
    assert RouteStage.objects.filter(template__organization=c.africom).count() == 2


@pytest.mark.parametrize(
    "forged",
    [
        {"stages-0-offices": ["9" * 200]},  # an id no column holds
        {"stages-0-suspense_days": "9" * 30},
        {"stages-0-id": "999999"},  # not a stage of this route
        {"stages-TOTAL_FORMS": "100000"},
        {"name": "x" * 10_000},
        {"approval_authority": "-1"},
        {"seen": "x" * 500},
        {"move": "stages:99999999999999999999:up"},
    ],
)
def test_forged_input_is_answered_never_a_500(client, command, admin, forged):  # noqa: F811
    c = command
    first, second = c.template.stages.all()
    rows = [
        {"id": first.pk, "name": "", "suspense_days": "5", "offices": [c.j4.pk]},
        {"id": second.pk, "name": "", "suspense_days": "5", "offices": [c.sja.pk]},
    ]
    before = stored_stages(c.template)
    response = client.post(page(c.template), {**posted(c.template, rows), **forged})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert stored_stages(c.template) == before
