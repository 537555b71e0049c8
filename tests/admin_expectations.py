"""The access matrix's rows for the admin: the site's administrators (superusers) only, and

Everyone who is not a superuser is sent to sign in (anonymous visitors to the site's sign-in,
others to the admin's). For the administrator the answer follows what each model's admin
allows: reference data (partners, units, users, groups) is edited here; initiatives,
review records and assessments are read-only (403 on add, change, delete, revert).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.access_expectations import ADMIN, Answer, Cell, Row


def staff(answer: int | Answer) -> Answer:
    def staff_answer(cell: Cell) -> int:
        if cell.role != ADMIN:
            return 302
        return answer(cell) if callable(answer) else answer

    return staff_answer


def staff_row(get: int | Answer, post: int | Answer) -> Row:
    return Row(get=staff(get), post=staff(post))


@dataclass(frozen=True)
class ModelAdmin:
    """The administrator's answers to an empty POST on the model's add, change and delete
    pages: 200 is the form with its errors (or the delete confirmation: an empty POST
    deletes nothing), 403 is not allowed, 302 is saved (every field is read-only, so an
    empty change changes nothing)."""

    add: int
    change: int
    delete: int
    simple_history: bool = False  # django-simple-history's page of one historical version


EDITED = ModelAdmin(add=200, change=200, delete=200)
RECORD = ModelAdmin(add=403, change=403, delete=403)  # read-only: nothing changes here
LOG = ModelAdmin(add=403, change=302, delete=200)  # django-axes: read, or delete to clean up

MODELS = {
    "auth/group": EDITED,
    "auth/user": EDITED,
    "axes/accessattempt": LOG,
    "axes/accesslog": LOG,
    "axes/accessfailurelog": LOG,
    "django_tasks_database/dbtaskresult": RECORD,
    "assessments/commitmentassessment": RECORD,
    "idd/partner": ModelAdmin(add=200, change=200, delete=200, simple_history=True),
    "idd/partnerunit": EDITED,
    "idd/initiative": ModelAdmin(add=403, change=403, delete=403, simple_history=True),
    "idd/reviewdecision": RECORD,
    "idd/revision": RECORD,
    "idd/profile": ModelAdmin(add=200, change=200, delete=200, simple_history=True),
    "idd/signinrecord": RECORD,
    "idd/auditrecord": RECORD,
    # Staffing route templates (ADR 0026): edited until an IDD travels one.
    "idd/routetemplate": EDITED,
    "idd/routestage": EDITED,
}


def _model_rows(label: str, model: ModelAdmin) -> dict[str, Row]:
    name = label.replace("/", "_")
    page = 200 if model.add == 200 else 403
    rows = {
        f"admin:{name}_changelist": staff_row(200, 200),
        f"admin:{name}_add": staff_row(page, model.add),
        f"admin:{name}_history": staff_row(200, 200),
        f"admin:{name}_delete": staff_row(200 if model.delete == 200 else 403, model.delete),
        # The change page also shows what may not be changed (view permission).
        f"admin:{name}_change": staff_row(200, model.change),
        # The old address of the change page redirects to it.
        f"admin/{label}/<path:object_id>/": staff_row(302, 302),
    }
    if model.simple_history:
        # An old version, to read; reverting it is a change (403 where changes are).
        revert = 403 if model.change == 403 else 200
        rows[f"admin:{name}_simple_history"] = staff_row(200, revert)
    return rows


ADMIN_ROWS: dict[str, Row] = {
    "admin:index": staff_row(200, 200),
    # Its sign-in page is public; a signed-in administrator is sent on to the index.
    # An empty sign-in is a form error.
    "admin:login": Row(get=lambda c: 302 if c.role == ADMIN else 200, post=lambda c: 200),
    "admin:logout": staff_row(405, 302),
    # The admin's own "Change password" leads to the site's page (config/urls.py).
    "admin:password_change": staff_row(302, 302),
    "admin_password_change": staff_row(302, 302),
    "admin:password_change_done": staff_row(200, 405),
    # Without the field it searches for, autocomplete is a bad request.
    "admin:autocomplete": staff_row(403, 405),
    "admin:jsi18n": staff_row(200, 405),
    # Initiatives have no public address to view them at.
    "admin:view_on_site": staff_row(404, 404),
    "admin:app_list": staff_row(200, 200),
    "admin/(?P<url>.*)$": staff_row(404, 404),
    "admin:auth_user_password_change": staff_row(200, 200),
}
for _label, _model in MODELS.items():
    ADMIN_ROWS |= _model_rows(_label, _model)
