"""The authorization matrix: every URL x every role x every workflow state x GET and POST.

The URLs are enumerated from the resolver, so a new URL without a row in
`tests/access_expectations.py` fails here. Each cell runs in a transaction rolled back
afterwards, on data built once for the module; an empty POST by someone the rules do not
let act must change nothing, and nobody who may not read an initiative may find its
title in any answer (page, refusal, redirect target, header).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from assessments.models import CommitmentAssessment
from idd.document.commitment import current_inputs
from idd.guided_form.steps import STEPS
from idd.models import (
    Indicator,
    IndicatorMeasurement,
    Initiative,
    LessonLearned,
    Organization,
    PartnerDeliverable,
    PartnerUnit,
    PartnerUnitRequest,
    ReviewComment,
    ReviewDecision,
    Revision,
    USInput,
)
from idd.reference import roles
from idd.reference.sections import SECTIONS
from idd.services import comments, commitment_record, review
from tests import access_expectations as expect
from tests.access_expectations import Cell, Row
from tests.admin_expectations import ADMIN_ROWS
from tests.factories import UserFactory, complete_initiative, planner
from tests.url_walk import Url, product_urls

# The marker makes pytest-django create the test database; the cells use the module's data.
pytestmark = pytest.mark.django_db
MATRIX_CELLS = "access_matrix_cells"  # recorded per URL pattern, summed in tests/conftest.py
ROWS: dict[str, Row] = {**expect.IDD, **expect.ORGANIZATIONS, **expect.ACCOUNTS, **ADMIN_ROWS}
MISSING = "999999"  # no object has this id


# --- The URLs, from the resolver --------------------------------------------------------


URLS = {url.key: url for url in product_urls()}


def fill(url: Url, values: dict[str, str]) -> str:
    """The concrete path: each parameter of the route replaced by its value."""
    positional = iter(values[name] for name in url.params if name.startswith("_"))
    path = re.sub(r"(?<!\?P)<(?:\w+:)?(\w+)>", lambda m: values[m[1]], url.route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m[1]], path)
    path = re.sub(r"\((?!\?)[^)]*\)", lambda m: next(positional), path)
    return "/" + path.replace("^", "").replace("$", "")


# --- The data, built once ------------------------------------------------------------------


def _titled(state: str) -> str:
    return f"Sealed {state.replace('_', ' ')} initiative"


def _build_initiatives(users: dict[str, User]) -> dict[str, Initiative]:
    """One complete IDD in each state, reached through the workflow's own services."""
    owner, reviewer = users[expect.OWNER], users[expect.REVIEWER]
    made = {}
    for state in expect.STATES:
        initiative = complete_initiative(owner, users[expect.TEAMMATE])
        Initiative.objects.filter(pk=initiative.pk).update(title=_titled(state))
        initiative.refresh_from_db()
        commitment_record.store_assessment(
            initiative,
            commitment_record.next_kind(initiative),
            current_inputs(initiative, as_of=timezone.localdate()),
            owner,
        )
        if state != expect.DRAFT:
            initiative = review.submit(initiative, owner)
        if state in (expect.IN_REVIEW, expect.CHANGES_REQUESTED, expect.APPROVED):
            initiative = review.start_review(initiative, reviewer)
            root = comments.add_comment(initiative, reviewer, "risks", "Name the mitigation.")
            comments.reply(root, users[expect.TEAMMATE], "Added to the risk table.")
        if state == expect.CHANGES_REQUESTED:
            initiative = review.request_changes(initiative, reviewer, "Fund the spare parts.")
        elif state == expect.APPROVED:
            review.approve(initiative, reviewer)
        elif state == expect.WITHDRAWN:
            initiative = review.withdraw(initiative, owner)
        made[state] = Initiative.objects.get(pk=initiative.pk)
        assert made[state].status == state
    return made


@dataclass
class World:
    users: dict[str, User]
    initiatives: dict[str, Initiative]
    sessions: dict[str, str]
    records: dict[str, object]  # one object of each model in the admin, by "app/model"
    clients: dict[str, Client] = field(
        default_factory=lambda: {r: Client(raise_request_exception=False) for r in expect.ROLES}
    )

    @property
    def titles(self) -> list[str]:
        return [i.title for i in self.initiatives.values()]


def _admin_records(users: dict[str, User], initiatives: dict[str, Initiative]) -> dict:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_tasks_db.models import DBTaskResult

    from idd.models import AuditRecord, Profile, SignInRecord
    from idd.tasks import render_pdf_ahead

    approved = initiatives[expect.APPROVED]
    seen = {"username": "owner", "ip_address": "127.0.0.1", "user_agent": "matrix"}
    render_pdf_ahead.enqueue(approved.pk, approved.version)
    return {
        "auth/group": Group.objects.get(name=roles.PLANNER),
        "auth/user": users[expect.OWNER],
        "axes/accessattempt": AccessAttempt.objects.create(**seen, failures_since_start=1),
        "axes/accesslog": AccessLog.objects.create(**seen),
        "axes/accessfailurelog": AccessFailureLog.objects.create(**seen),
        "django_tasks_database/dbtaskresult": DBTaskResult.objects.get(),
        "assessments/commitmentassessment": CommitmentAssessment.objects.first(),
        "idd/partner": approved.partner,
        "idd/partnerunit": approved.targeted_units.first(),
        "idd/reviewdecision": ReviewDecision.objects.first(),
        "idd/revision": approved.revisions.get(),
        "idd/profile": Profile.objects.get_or_create(user=users[expect.OWNER])[0],
        "idd/signinrecord": SignInRecord.objects.create(kind=SignInRecord.Kind.CONSENTED),
        "idd/auditrecord": AuditRecord.objects.create(event="sign_in", outcome="success"),
        "idd/routetemplate": (template := _route_template(users)),
        "idd/routestage": template.stages.get(),
    }


def _route_template(users: dict[str, User]):
    from idd.models import RouteStage, RouteTemplate, StageOffice

    # A sibling office's: the matrix's initiatives are submitted to the reviewer, on no route.
    office = users[expect.SIBLING].profile.member_of
    template = RouteTemplate.objects.create(
        organization=office, name="Matrix route", approval_authority=office
    )
    stage = RouteStage.objects.create(template=template, position=1)
    StageOffice.objects.create(stage=stage, organization=office)
    return template


def admin_candidates(world: World, url: Url, state: str | None) -> list[dict[str, str]]:
    label = "/".join(url.route.split("/")[1:3])
    record = world.initiatives[state] if state else world.records.get(label)
    values: dict[str, list[str]] = {}
    for name in url.params:
        if url.key == "admin:view_on_site" and name == "object_id":
            values[name] = [str(world.initiatives[expect.DRAFT].pk)]
        elif name in ("object_id", "_1", "id"):
            values[name] = [str(record.pk)]
        elif name == "_2":
            values[name] = [str(record.history.latest().history_id)]
        elif name == "content_type_id":
            values[name] = [str(ContentType.objects.get_for_model(Initiative).pk)]
        elif name == "app_label":
            values[name] = re.search(r"\(\?P<app_label>([^)]*)\)", url.route)[1].split("|")
        elif name == "url":
            values[name] = ["nonsense/"]
        else:
            raise AssertionError(f"{url.key}: no values for the parameter {name!r}")
    return [
        dict(zip(values, chosen, strict=True)) for chosen in itertools.product(*values.values())
    ]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        # Each cell's activity is rolled back with it, so the sessions' clocks stand at
        # the module's start: a run longer than the idle limit (a busy machine) would sign
        # everyone out. The limits themselves are tested in tests/accounts.
        override_settings(
            MEDIA_ROOT=media, SESSION_IDLE_MINUTES=24 * 60, SESSION_ADMIN_IDLE_MINUTES=24 * 60
        ),
        transaction.atomic(),
    ):
        command = Organization.add("U.S. Africa Command")
        j5 = Organization.add("J5", command)
        office, sibling = Organization.add("J5-SC", j5), Organization.add("J5-SP", j5)
        users = {
            expect.OWNER: planner(
                username="owner", first_name="Olive", last_name="Owner", organization=office
            ),
            expect.TEAMMATE: planner(username="teammate", organization=office),
            expect.OUTSIDER: planner(username="outsider", organization=office),
            expect.REVIEWER: UserFactory(
                username="reviewer", role=roles.REVIEWER, organization=office
            ),
            expect.NO_ROLE: UserFactory(username="norole", organization=office),
            expect.ADMIN: UserFactory(
                username="admin",
                role=roles.ADMINISTRATOR,
                is_staff=True,
                is_superuser=True,
                organization=command,
            ),
            expect.PARENT: UserFactory(username="j5", role=roles.REVIEWER, organization=j5),
            expect.SIBLING: planner(username="j5sp", organization=sibling),
        }
        users[expect.SIBLING].groups.add(Group.objects.get(name=roles.REVIEWER))
        initiatives = _build_initiatives(users)
        draft = initiatives[expect.DRAFT]  # one open partner unit request, to decide on
        PartnerUnitRequest.objects.create(
            partner=draft.partner, name="Unit asked for", reason="Why", requested_by=draft.owner
        )
        for initiative in initiatives.values():  # one measurement, on its first indicator
            LessonLearned.objects.create(  # and one lesson learned
                initiative=initiative,
                revision=initiative.revision,
                learned_on=date(2026, 11, 30),
                lesson="Logs stayed aboard the boats.",
                recorded_by=users[expect.OWNER],
            )
            indicator = Indicator.objects.filter(objective__initiative=initiative).first()
            if indicator is not None:
                IndicatorMeasurement.objects.create(
                    indicator=indicator,
                    measured_on=date(2026, 11, 30),
                    value="3",
                    source="Patrol log",
                    recorded_by=users[expect.OWNER],
                )
        sessions = {}
        for role, user in users.items():
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield World(users, initiatives, sessions, _admin_records(users, initiatives))
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def media_in_tmp(world):
    """The module's stored PDFs stay where the module's data put them (see `world`)."""


# --- The cells of one URL -----------------------------------------------------------------


def _others(model, **filters) -> list[tuple[str, bool]]:
    """The initiative's own objects (found) and one of another initiative (not found)."""
    own = [str(pk) for pk in model.objects.filter(**filters).values_list("pk", flat=True)[:1]]
    foreign = model.objects.exclude(**filters).values_list("pk", flat=True).first()
    return [(pk, True) for pk in own] + [(str(foreign or MISSING), False)]


def candidates(world: World, url: Url, state: str | None) -> list[tuple[dict[str, str], bool]]:
    """Every combination of the URL's parameters, each with whether its object exists."""
    if url.route.startswith("admin/"):
        return [(values, True) for values in admin_candidates(world, url, state)]
    initiative = world.initiatives[state] if state else None
    options: dict[str, list[tuple[str, bool]]] = {}
    for name in url.params:
        if name == "pk":
            options[name] = [(str(initiative.pk), True)]
        elif name == "step":
            options[name] = [(s.slug, True) for s in STEPS] + [("nonsense", False)]
        elif name == "section":
            options[name] = [(s.slug, True) for s in SECTIONS] + [("appendix", False)]
        elif name == "comment_pk":
            options[name] = _others(ReviewComment, initiative=initiative)
        elif name == "assessment_pk":
            options[name] = _others(CommitmentAssessment, subject=initiative)
        elif name == "deliverable_pk":
            options[name] = _others(PartnerDeliverable, initiative=initiative)
        elif name == "us_input_pk":
            options[name] = _others(USInput, initiative=initiative)
        elif name == "indicator_pk":
            options[name] = _others(Indicator, objective__initiative=initiative)
        elif name == "measurement_pk":
            options[name] = _others(
                IndicatorMeasurement, indicator__objective__initiative=initiative
            )
        elif name == "lesson_pk":
            options[name] = _others(LessonLearned, initiative=initiative)
        elif name == "unit_request_pk":
            asked = PartnerUnitRequest.objects.values_list("pk", flat=True).first()
            options[name] = [(str(asked), True), (MISSING, False)]
        # An organization page's, or the office deciding on a staffing route.
        elif name in ("organization_pk", "office_pk"):
            office = world.users[expect.OWNER].profile.member_of_id
            options[name] = [(str(office), True), (MISSING, False)]
        elif name == "person_pk":  # someone in the command the administrator manages
            options[name] = [(str(world.users[expect.OWNER].pk), True), (MISSING, False)]
        elif name == "command_pk":  # the command at the top, the administrator's own
            command = world.users[expect.ADMIN].profile.member_of_id
            options[name] = [(str(command), True), (MISSING, False)]
        elif name == "partner_pk":
            options[name] = [(str(world.records["idd/partner"].pk), True), (MISSING, False)]
        elif name == "unit_pk":
            options[name] = [(str(world.records["idd/partnerunit"].pk), True), (MISSING, False)]
        elif name == "template_pk":
            options[name] = [(str(world.records["idd/routetemplate"].pk), True), (MISSING, False)]
        elif name == "number":
            numbers = initiative.revisions.values_list("number", flat=True)
            options[name] = [(str(n), True) for n in numbers] + [("99", False)]
        else:
            raise AssertionError(f"{url.key}: no values for the parameter {name!r}")
    combos = []
    for chosen in itertools.product(*options.values()):
        values = dict(zip(options, (value for value, _ in chosen), strict=True))
        combos.append((values, all(found for _, found in chosen)))
    return combos or [({}, True)]


def _fingerprint_sql() -> str:
    """What `fingerprint` reads, in one query: a query apiece, read before and after each
    POST, was a third of the matrix's queries."""
    counted = [
        (m._meta.db_table, "")
        for m in (
            ReviewComment,
            ReviewDecision,
            Revision,
            CommitmentAssessment,
            IndicatorMeasurement,
            LessonLearned,
            User,
            PartnerUnit,
        )
    ] + [(ReviewComment._meta.db_table, " WHERE resolved_at IS NOT NULL")]
    return " UNION ALL ".join(
        [
            f"SELECT 'initiative', id, status, version FROM {Initiative._meta.db_table}",
            f"SELECT 'unit request', id, status, 0 FROM {PartnerUnitRequest._meta.db_table}",
        ]
        + [f"SELECT '{t}{w}', COUNT(*), '', 0 FROM {t}{w}" for t, w in counted]
    )


FINGERPRINT_SQL = _fingerprint_sql()


def fingerprint() -> tuple:
    """What an unauthorized request must never change: each initiative's status and
    version, each partner unit request's status, and how many rows the workflow's tables
    hold (resolved comments apart)."""
    with connection.cursor() as cursor:
        cursor.execute(FINGERPRINT_SQL)
        return tuple(sorted(cursor.fetchall()))


def answer_text(response) -> str:
    headers = " ".join(f"{k}: {v}" for k, v in response.items())
    body = "" if response.streaming else response.content.decode(errors="replace")
    return headers + body


def run_cell(world: World, url: Url, cell: Cell, path: str) -> list[str]:
    """One request in a rolled-back transaction; the ways its answer breaks the rules."""
    row = ROWS[url.key]
    expected = (row.get if cell.method == "GET" else row.post)(cell)
    initiative = world.initiatives[cell.state] if cell.state else None
    problems = []
    # One client (and its middleware) per role; each cell starts from the role's session
    # alone, so no cell sees another's messages, and a sign-out signs nobody out.
    client = world.clients[cell.role]
    client.cookies = SimpleCookie()
    if cell.role != expect.ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[cell.role]
    with transaction.atomic():
        if cell.method == "GET":
            before = after = None  # the POSTs are where data could change
            response = client.get(path)
        else:
            before = fingerprint()
            response = client.post(path)
            after = fingerprint()
        transaction.set_rollback(True)
    where = f"{cell.method} {path} as {cell.role} ({cell.state or '-'})"
    if response.status_code != expected:
        problems.append(f"{where}: {response.status_code}, expected {expected}")
    acts = row.acts is not None and cell.method == "POST" and row.acts.applies(cell)
    if acts and before == after:
        problems.append(f"{where}: changed nothing, but this role may act here")
    if not acts and before != after:
        problems.append(f"{where}: changed the data without the right to")
    if acts and row.acts.becomes:
        status = {pk: s for kind, pk, s, _ in after if kind == "initiative"}[initiative.pk]
        if status != row.acts.becomes:
            problems.append(f"{where}: the initiative is {status}, not {row.acts.becomes}")
    if cell.role in expect.NOT_TOLD:
        text = answer_text(response)
        problems += [f"{where}: tells the title {t!r}" for t in world.titles if t in text]
    return problems


@pytest.mark.parametrize("key", sorted(URLS))
def test_access(world, django_db_blocker, record_property, key):
    url = URLS[key]
    assert key in ROWS, f"{key} ({url.route}) has no row in the expected answers"
    states = expect.STATES if url.per_state else (None,)
    problems, cells = [], 0
    with django_db_blocker.unblock():
        for state, role, method in itertools.product(states, expect.ROLES, ("GET", "POST")):
            for values, found in candidates(world, url, state):
                cell = Cell(role, state, method, found, tuple(values.items()))
                problems += run_cell(world, url, cell, fill(url, values))
                cells += 1
    record_property(MATRIX_CELLS, cells)
    assert not problems, f"{len(problems)} of {cells} cells:\n" + "\n".join(problems)


def test_every_row_names_a_url():
    assert sorted(set(ROWS) - set(URLS)) == []


def test_the_matrix_covers_the_product(world):
    """The enumeration finds the URLs and data the matrix exists for."""
    assert {"wizard_step", "comment_resolve", "revision_pdf", "admin:index"} <= set(URLS)
    assert {i.status for i in world.initiatives.values()} == set(expect.STATES)
    assert world.initiatives[expect.APPROVED].revisions.get().pdf


def test_an_empty_recording_is_answered_with_its_error_not_a_500(world, django_db_blocker):
    """A POST without the form's fields (say, a resent request) used to crash the page."""
    from idd.services.locking import CONFLICT_MESSAGE

    client = world.clients[expect.OWNER]
    client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: world.sessions[expect.OWNER]})
    path = f"/initiatives/{world.initiatives[expect.DRAFT].pk}/commitment/record/"
    with django_db_blocker.unblock(), transaction.atomic():
        before = CommitmentAssessment.objects.count()
        response = client.post(path)
        assert CommitmentAssessment.objects.count() == before
        transaction.set_rollback(True)
    assert response.status_code == 200
    assert CONFLICT_MESSAGE.split(".")[0] in response.content.decode()
