"""The access matrix's expected answers: per URL, who may read it and who may act on it.

Each row is a rule over one cell of the matrix: a role, the status of the initiative
in the URL (if any), the method, and whether the other object in the URL (step, section,
comment, revision, assessment, deliverable, indicator, lesson) exists on that initiative.
Rules read as the product's policy:

- Signing in comes first: anonymous visitors are sent to sign in (302).
- Need to know (`idd.models.access`): the initiatives (owned by J5-SC) are read by those
  with a role in J5-SC or above it (the reviewer at J5, the administrator at the
  command); to a user without a role, or anyone in another office (the sibling office
  J5-SP), every initiative is not found (404), so no page, list, refusal or message tells
  them its title. (Offices an initiative is routed to join the readers with staffing.)
- Acting is narrower: editing is for the team's planners while the IDD is a draft or
  returned; recording is for the team's planners unless withdrawn; each workflow step
  names who takes it (`idd.models.workflow`). A reader who may not act is told why (403),
  or, for workflow steps and comments, is sent back with the refusal and nothing changes.
- Read-only pages answer POST with 405; POST-only endpoints answer GET with 405.
- The admin is for the site's administrators (superusers): everyone else is sent to the
  admin's sign-in (302).

An empty POST must be refused or answered with a form error; it changes nothing, except
where a rule says who `acts` (a one-button step, where the button is the whole request).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ANONYMOUS, OWNER, TEAMMATE, OUTSIDER = "anonymous", "owner", "teammate", "other planner"
REVIEWER, NO_ROLE, ADMIN = "reviewer", "user without a role", "administrator"
# The organization dimension: everyone above is in the owning office (J5-SC; the
# administrator at the command, its root); these two are in the parent and a sibling.
PARENT, SIBLING = "reviewer at the parent office", "planner and reviewer at a sibling office"
ROLES = (ANONYMOUS, OWNER, TEAMMATE, OUTSIDER, REVIEWER, NO_ROLE, ADMIN, PARENT, SIBLING)

DRAFT, SUBMITTED, IN_REVIEW = "draft", "submitted", "in_review"
CHANGES_REQUESTED, APPROVED, WITHDRAWN = "changes_requested", "approved", "withdrawn"
STATES = (DRAFT, SUBMITTED, IN_REVIEW, CHANGES_REQUESTED, APPROVED, WITHDRAWN)

SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}
WITH_A_ROLE = SIGNED_IN - {NO_ROLE}  # pages of no initiative: the lists, the portfolio
READERS = WITH_A_ROLE - {SIBLING}  # with a need to know the matrix's initiatives
NOT_TOLD = frozenset({ANONYMOUS, NO_ROLE, SIBLING})  # no answer may name an initiative
TEAM = frozenset({OWNER, TEAMMATE})
PLANNERS = TEAM | {OUTSIDER}
REVIEWERS = frozenset({REVIEWER, PARENT})
STAFF = frozenset({ADMIN})
EDITABLE = frozenset({DRAFT, CHANGES_REQUESTED})
RECORDABLE = frozenset(STATES) - {WITHDRAWN}
OPEN_FOR_COMMENTS = frozenset({SUBMITTED, IN_REVIEW, CHANGES_REQUESTED})
BEFORE_APPROVAL = frozenset({DRAFT, SUBMITTED, IN_REVIEW, CHANGES_REQUESTED})
ANY_STATE = frozenset(STATES)


@dataclass(frozen=True)
class Cell:
    role: str
    state: str | None  # None: the URL names no initiative
    method: str
    found: bool = True  # the URL's other object exists (on this initiative)
    kwargs: tuple[tuple[str, str], ...] = ()

    def kwarg(self, name: str) -> str:
        return dict(self.kwargs)[name]


Answer = Callable[[Cell], int]


def code(status: int, *, for_anonymous: int = 302) -> Answer:
    """The same answer for everyone signed in."""
    return lambda cell: for_anonymous if cell.role == ANONYMOUS else status


def public(status: int) -> Answer:
    return code(status, for_anonymous=status)


def only(who: frozenset[str], ok: int, refused: int = 403) -> Answer:
    """A page without an initiative: `who` gets `ok`, everyone else signed in `refused`."""
    return lambda cell: 302 if cell.role == ANONYMOUS else ok if cell.role in who else refused


def on_initiative(
    ok: int,
    who: frozenset[str] = READERS,
    states: frozenset[str] = ANY_STATE,
    *,
    refused: int = 403,
    missing_first: bool = True,
) -> Answer:
    """A page of an initiative: read permission first (404 for those who may not read),
    then `who` in `states` gets `ok`, other readers `refused`. A missing step, comment,
    revision or the like is 404, checked before (`missing_first`) or after the refusal."""

    def answer(cell: Cell) -> int:
        if cell.role == ANONYMOUS:
            return 302
        if cell.role not in READERS:
            return 404
        allowed = cell.role in who and cell.state in states
        if not cell.found and (missing_first or allowed):
            return 404
        return ok if allowed else refused

    return answer


def read(ok: int = 200) -> Answer:
    return on_initiative(ok)


@dataclass(frozen=True)
class Acts:
    """An empty POST by `who` while the initiative is in one of `states` takes the step:
    the initiative's status becomes `becomes` (or, without one, something is recorded)."""

    who: frozenset[str]
    states: frozenset[str]
    becomes: str | None = None

    def applies(self, cell: Cell) -> bool:
        return cell.found and cell.role in self.who and cell.state in self.states


@dataclass(frozen=True)
class Row:
    get: Answer
    post: Answer
    acts: Acts | None = None


def read_only(ok: int = 200) -> Row:
    return Row(get=read(ok), post=code(405))


def post_only(answer: Answer, acts: Acts | None = None) -> Row:
    return Row(get=code(405), post=answer, acts=acts)


def step_of_the_guided_form(cell: Cell) -> int:
    """Editing: the team's planners while a draft or returned; the review step is read-only."""
    status = on_initiative(200, TEAM, EDITABLE)(cell)
    if status == 200 and cell.method == "POST" and cell.kwarg("step") == "review":
        return 405
    return status


def transition(who: frozenset[str], states: frozenset[str], becomes: str) -> Row:
    """Confirm page for every reader; the POST is the button, back to the review page."""
    return Row(get=read(), post=read(302), acts=Acts(who, states, becomes))


def administrators_on_a_request(ok: int) -> Answer:
    """A partner unit request's page: administrators only (403 for everyone else, before
    anything is looked up), a missing request 404."""

    def answer(cell: Cell) -> int:
        if cell.role == ANONYMOUS:
            return 302
        if cell.role not in STAFF:
            return 403
        return ok if cell.found else 404

    return answer


IDD = {
    "dashboard": Row(get=code(200), post=code(405)),
    # Planners request partner units, of any office (an empty request is answered with its
    # errors); administrators decide (an empty decision is 400: no choice, nothing taken).
    "unit_request": Row(get=only(PLANNERS | {SIBLING}, 200), post=only(PLANNERS | {SIBLING}, 200)),
    "unit_request_decide": Row(
        get=administrators_on_a_request(200), post=administrators_on_a_request(400)
    ),
    "initiative_list": Row(get=only(WITH_A_ROLE, 200), post=code(405)),
    "partner_search": Row(get=only(WITH_A_ROLE, 200), post=code(405)),
    # The portfolio of every readable initiative, its print view and CSV: readers only.
    "portfolio": Row(get=only(WITH_A_ROLE, 200), post=code(405)),
    "portfolio_print": Row(get=only(WITH_A_ROLE, 200), post=code(405)),
    "portfolio_csv": Row(get=only(WITH_A_ROLE, 200), post=code(405)),
    "initiative_detail": read_only(),
    # Deleting is the owner's: the page says what goes (or why it cannot); the POST deletes a
    # draft never submitted and goes to the dashboard, else goes back with the refusal.
    "initiative_delete": Row(
        get=on_initiative(200, frozenset({OWNER})),
        post=on_initiative(302, frozenset({OWNER})),
        acts=Acts(frozenset({OWNER}), frozenset({DRAFT})),
    ),
    # Any planner who reads an initiative may start a new one from it, in any state.
    "initiative_copy": post_only(on_initiative(302, PLANNERS), Acts(PLANNERS, ANY_STATE)),
    # What a submission hands the reviewers: readable by all, refusals told on the page.
    "initiative_submit_confirm": read_only(),
    "initiative_create": Row(
        get=only(PLANNERS | {SIBLING}, 200), post=only(PLANNERS | {SIBLING}, 200)
    ),
    # Editors go to their last step, other readers to the initiative page.
    "initiative_resume": Row(get=read(302), post=read(302)),
    "wizard_step": Row(get=step_of_the_guided_form, post=step_of_the_guided_form),
    "review_queue": Row(get=only(REVIEWERS | {SIBLING}, 200), post=code(405)),  # theirs: empty
    "initiative_review": read_only(),
    "initiative_submit": transition(TEAM, frozenset({DRAFT}), SUBMITTED),
    "initiative_resubmit": transition(TEAM, frozenset({CHANGES_REQUESTED}), SUBMITTED),
    "initiative_start_review": transition(REVIEWERS, frozenset({SUBMITTED}), IN_REVIEW),
    "initiative_withdraw": transition(frozenset({OWNER}), BEFORE_APPROVAL, WITHDRAWN),
    "initiative_start_revision": transition(TEAM, frozenset({APPROVED}), DRAFT),
    # An empty decision or comment is a form error on the review page (400).
    "initiative_decide": post_only(read(400)),
    "comment_add": post_only(read(400)),
    # The staffing route (idd.views.review.routes). The matrix's initiatives travel none: an
    # office's empty decision is a form error (400); an approval is confirmed on a page
    # that says why not, and its POST goes back with the refusal; forwarding needs a
    # destination (400). Who acts for which office: tests/staffing.
    # A GET on the decision's or the return's address (shown after a refused form) leads to
    # where its form is: the route panel, the approval page.
    "route_office_decision": Row(get=read(302), post=read(400)),
    "route_approve": Row(get=read(), post=read(302)),
    "route_return": Row(get=read(302), post=read(400)),
    "route_forward": Row(get=read(), post=read(400)),
    "comment_reply": post_only(read(400)),
    # Resolving has no form: the button is the request. Only the team, while under review.
    "comment_resolve": post_only(read(302), Acts(TEAM, OPEN_FOR_COMMENTS)),
    "revision_list": read_only(),
    "revision_diff": read_only(),
    "revision_detail": read_only(),
    # A PDF not stored yet: "Preparing the PDF" (202), queued to the worker.
    "revision_pdf": read_only(202),
    "revision_pdf_status": read_only(),
    # Its Word copy, made from the frozen snapshot on each download.
    "revision_docx": read_only(),
    "initiative_history": read_only(),
    "commitment_overview": read_only(),
    # An empty recording is answered with the form and its error (a stale version).
    "commitment_record": Row(
        get=on_initiative(200, TEAM, RECORDABLE), post=on_initiative(200, TEAM, RECORDABLE)
    ),
    "commitment_assessment": read_only(),
    "deliverable_record": Row(
        get=on_initiative(200, TEAM, RECORDABLE, missing_first=False),
        post=on_initiative(200, TEAM, RECORDABLE, missing_first=False),
    ),
    # What the U.S. did about one of its inputs, recorded like a partner delivery.
    "us_input_record": Row(
        get=on_initiative(200, TEAM, RECORDABLE, missing_first=False),
        post=on_initiative(200, TEAM, RECORDABLE, missing_first=False),
    ),
    # Monitoring: an indicator's measured value, recorded like a delivery.
    "measurement_record": Row(
        get=on_initiative(200, TEAM, RECORDABLE, missing_first=False),
        post=on_initiative(200, TEAM, RECORDABLE, missing_first=False),
    ),
    # Correcting or withdrawing one recorded in error: an empty POST presses no button.
    "measurement_correct": Row(
        get=on_initiative(200, TEAM, RECORDABLE, missing_first=False),
        post=on_initiative(200, TEAM, RECORDABLE, missing_first=False),
    ),
    # A lesson learned (assessment, monitoring and evaluation), recorded like a measurement.
    "lesson_record": Row(
        get=on_initiative(200, TEAM, RECORDABLE), post=on_initiative(200, TEAM, RECORDABLE)
    ),
    # Correcting or withdrawing one recorded in error: an empty POST presses no button.
    "lesson_correct": Row(
        get=on_initiative(200, TEAM, RECORDABLE, missing_first=False),
        post=on_initiative(200, TEAM, RECORDABLE, missing_first=False),
    ),
    "browser_print_css": Row(get=code(200), post=code(405)),
    "initiative_print": read_only(),
    "initiative_pdf": read_only(202),
    "initiative_pdf_status": read_only(),
    "initiative_docx": read_only(),
    # Data out (idd.views.exchange): every reader downloads the file and the CSV.
    "initiative_data_json": read_only(),
    "initiative_deliverables_csv": read_only(),
    # The Section 333 notification draft, read like the IDD (the matrix's IDDs are 333 ones).
    "notification_print": read_only(),
    "notification_pdf": read_only(202),
    "notification_pdf_status": read_only(),
    "notification_docx": read_only(),
}


def managing(ok: int) -> Answer:
    """The organization pages: administrators only (403 for others); the organization,
    person, staffing route or partner nation must be one they manage (404 otherwise, as if
    it did not exist)."""

    def answer(cell: Cell) -> int:
        if cell.role == ANONYMOUS:
            return 302
        if cell.role not in STAFF:
            return 403
        return ok if cell.found else 404

    return answer


administrators = managing(200)

ORGANIZATIONS = {
    "organization_list": Row(get=only(STAFF, 200), post=code(405)),
    # An empty POST is a rename without a name: the page with its error.
    "organization_page": Row(get=administrators, post=administrators),
    # Its people and staffing routes (idd.services.people, route_templates): an empty POST
    # is the form with its errors (or the form again, for one that adds).
    "person_add": Row(get=administrators, post=administrators),
    "person_page": Row(get=administrators, post=administrators),
    "route_add": Row(get=administrators, post=administrators),
    "route_template": Row(get=administrators, post=administrators),
    # The copy is the whole request: made, and on to its page.
    "route_copy": Row(get=code(405), post=managing(302)),
    # Made the default, or refused with a message: back to the route's page either way.
    "route_make_default": Row(get=code(405), post=managing(302)),
    # The partner nations a command keeps and their units (idd.services.partners): an
    # empty POST is the form with its errors; an empty removal is refused as stale.
    "partner_add": Row(get=administrators, post=administrators),
    "partner_page": Row(get=administrators, post=administrators),
    "partner_unit": Row(get=administrators, post=administrators),
    "partner_unit_remove": Row(get=code(405), post=managing(302)),
    "partner_remove": Row(get=code(405), post=managing(302)),
}

ACCOUNTS = {
    "login": Row(get=public(200), post=public(200)),  # an empty sign-in is a form error
    # The consent banner: "I agree" is the whole request, then on to sign-in.
    "notice": Row(get=public(200), post=public(302)),
    # Signing in with a certificate (none here: refused, recorded, nobody signed in).
    "certificate_sign_in": Row(get=public(405), post=public(403)),
    # The proxy's refusal of a certificate; with none to explain, back to sign-in.
    "certificate_refused": Row(get=public(302), post=public(405)),
    "logout": Row(get=code(405), post=public(302)),
    "password_change": Row(get=code(200), post=code(200)),
    "password_change_done": Row(get=code(200), post=code(405)),
    # The idle warning asks how long is left (GET) or stays signed in (POST).
    "session": Row(get=code(200), post=code(200)),
    # Your own profile, whoever you are; an empty save is the form with its errors.
    "profile": Row(get=code(200), post=code(200)),
    "health": Row(get=public(200), post=public(405)),
}
