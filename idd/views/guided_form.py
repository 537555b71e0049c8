"""The guided form: one page per step, saved to the database on every button.

Buttons: "Save and continue", "Back", "Save and exit", the step list (save, then go
to that step), "Add another …" (save, then show one more empty row; with JavaScript,
static/js/add-row.js adds the row in place and nothing is saved until the next button),
"Move up/down" and the "Remove" checkbox. All of them save first; a failed save re-renders what was
typed with its errors, except "Save and exit", which then keeps it unsaved for this
planner (parking.py) and leaves. The session holds nothing: where the planner was is
`Initiative.last_step`, so "Resume" on the dashboard returns there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from assessments.method import POLITICAL_RISK_SCALE
from idd.document.shape import Document
from idd.document.snapshot import load, snapshot
from idd.forms.basics import BasicsForm
from idd.guided_form.steps import (
    FIRST_STEP,
    STEP_BY_SLUG,
    STEPS,
    Step,
    incomplete,
    neighbor,
    resume_step,
)
from idd.models import Initiative
from idd.services import editing, parking, plan_warnings
from idd.services.locking import CONFLICT_MESSAGE
from idd.services.review import latest_reason, step_refusal, words
from idd.views.review.common import WORKFLOW_STEPS
from idd.views.shared import editing_refusal, next_url

EXIT = "exit"
# The basics step's "My unit is not listed: request it": leaves like "Save and exit" (what
# does not validate is kept for this planner) for the request form, which links back.
REQUEST_UNIT = "request_unit"
DISCARD = "discard"
DISCARDED = "What you had typed on this step and not saved is discarded. This is the step as saved."


def not_allowed(
    request: HttpRequest, reason: str, initiative: Initiative | None, current: Step | None = None
) -> HttpResponse:
    """The refusal, and the text of a refused save (the status may have changed while they
    typed), so nothing typed is lost."""
    typed = []
    if request.method == "POST" and initiative is not None and current and current.forms:
        step_forms = current.forms(initiative, request.user, data=request.POST)
        step_forms.is_valid()
        typed = step_forms.typed_text()
    context = {
        "reason": reason,
        "initiative": initiative,
        "typed": typed,
        # An approved IDD is changed in its next revision: the button starts it here.
        "start_revision": initiative is not None
        and step_refusal(initiative, request.user, "start_revision") is None,
        "back_to": request.path if current is not None else "",
    }
    return render(request, "idd/guided_form/not_allowed.html", context, status=403)


def step_states(doc: Document | None, current: Step) -> list[dict[str, Any]]:
    """Each step with whether its data is complete, for the step indicator and step list."""
    missing = {step.slug: items for step, items in incomplete(doc)} if doc else {}
    return [
        {
            "step": step,
            "current": step == current,
            "complete": doc is not None and step.forms is not None and step.slug not in missing,
        }
        for step in STEPS
    ]


@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    """Step 1 for a new initiative: the planner who creates it owns it."""
    if reason := editing_refusal(request, None):
        return not_allowed(request, reason, None)
    # What they typed when their session ended, back on the form, unsaved (parking.py).
    parked = parking.take(request)
    if parked is not None:
        parking.say_restored(request, parked)
    form = BasicsForm(request.POST or (parked.data if parked else None), user=request.user)
    if request.method == "POST" and form.is_valid():
        initiative = editing.create_initiative(form, request.user, FIRST_STEP.slug)
        messages.success(request, f"“{initiative.title}” was created. You own it.")
        if request.POST.get("action") == REQUEST_UNIT:
            return redirect(unit_request_url(initiative))
        if request.POST.get("action") == EXIT:
            return redirect("dashboard")
        url = reverse("wizard_step", kwargs={"pk": initiative.pk, "step": FIRST_STEP.slug})
        if initiative.targeted_units.exists():  # partner and units chosen in one pass
            return redirect("wizard_step", pk=initiative.pk, step=STEPS[1].slug)
        messages.info(request, f"Now tick the units of {initiative.partner} it targets.")
        return redirect(f"{url}#div_id_targeted_units")
    if request.POST.get("action") == REQUEST_UNIT:
        messages.info(
            request, "Fix what is marked to create the initiative: then the request opens."
        )
    context = {
        "step": FIRST_STEP,
        "steps": step_states(None, FIRST_STEP),
        "form": form,
        "error_forms": [form] if form.errors else [],
    }
    return render(request, "idd/guided_form/create.html", context)


def resume(request: HttpRequest, pk: int) -> HttpResponse:
    """The step the planner last went to; readers go to the initiative page."""
    initiative = get_object_or_404(Initiative, pk=pk)
    if editing_refusal(request, initiative):
        return redirect("initiative_detail", pk=pk)
    return redirect("wizard_step", pk=pk, step=resume_step(initiative.last_step).slug)


def _destination(post, step: Step) -> tuple[str, Step]:
    """Which button was pressed: (what to do, the step the planner goes to)."""
    action = post.get("action", "continue")
    goto = STEP_BY_SLUG.get(post.get("goto", ""))
    if goto is not None:
        return "goto", goto
    if post.get("add") or post.get("move"):
        return "stay", step
    if action in (EXIT, REQUEST_UNIT):
        return action, step
    offset = -1 if action == "back" else 1
    return action, neighbor(step, offset) or step


def _leaving_to(request: HttpRequest, initiative: Initiative) -> str:
    """Where "Save and exit" goes: the dashboard, or the page of this site whose link the
    planner followed from a step with unsaved changes (static/js/leave-guard.js); the
    unit request form for "My unit is not listed"."""
    if request.POST.get("action") == REQUEST_UNIT:
        return unit_request_url(initiative)
    return next_url(request, reverse("dashboard"))


def unit_request_url(initiative: Initiative) -> str:
    return f"{reverse('unit_request')}?initiative={initiative.pk}"


def _kept(request, initiative: Initiative, step: Step, page: editing.StepPage) -> HttpResponse:
    """ "Save and exit" of a step that did not save: say plainly that it was kept only."""
    why = (
        "someone else saved this initiative while you were editing"
        if page.conflict and page.conflict.data is not None
        else "some entries still need fixing"
    )
    messages.warning(
        request,
        f"Not saved: step {step.number}, {step.title}, of “{initiative.title}”: {why}. "
        "What you typed is kept for you only; open the step again to finish and save it.",
    )
    return redirect(_leaving_to(request, initiative))


def _after_save(request, initiative: Initiative, step: Step, action: str, target: Step, add: str):
    if action == REQUEST_UNIT:
        messages.success(request, f"Step {step.number}, {step.title}, is saved.")
        return redirect(_leaving_to(request, initiative))
    if action == EXIT:
        messages.success(request, f"Saved. Resume “{initiative.title}” here when you are ready.")
        return redirect(_leaving_to(request, initiative))
    url = reverse("wizard_step", kwargs={"pk": initiative.pk, "step": target.slug})
    if action == "stay":
        move = request.POST.get("move", "")
        prefix = move.partition(":")[0]
        return redirect(f"{url}?add={add}#new-row" if add else f"{url}#rows-{prefix}")
    return redirect(url)


@require_http_methods(["GET", "POST"])
def edit_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    current = STEP_BY_SLUG.get(step)
    if current is None:
        raise Http404("There is no such step.")
    initiative = get_object_or_404(Initiative.objects.select_related("partner", "owner"), pk=pk)
    if reason := editing_refusal(request, initiative):
        return not_allowed(request, reason, initiative, current)
    if current.forms is None:
        return review(request, initiative, current)

    if request.method == "POST" and request.POST.get("action") == DISCARD:
        if parking.forget_unfinished(initiative, current.slug, request.user):
            messages.info(request, DISCARDED)
        return redirect("wizard_step", pk=pk, step=current.slug)
    if request.method == "POST":
        action, target = _destination(request.POST, current)
        if action in (EXIT, REQUEST_UNIT):
            page = editing.leave_step(
                initiative, current.forms, request.user, request.POST, current.slug
            )
            if not page.saved:
                return _kept(request, initiative, current, page)
        else:
            page = editing.submit_step(
                initiative, current.forms, request.user, request.POST, target.slug, current.slug
            )
        if page.saved:
            for note in page.notes:
                messages.warning(request, note)
            return _after_save(request, initiative, current, action, target, page.add_target)
    else:
        add = request.GET.get("add", "")
        parked = parking.take(request)
        page = editing.open_step(
            initiative,
            current.forms,
            request.user,
            parked.data if parked else None,
            add,
            current.slug,
        )
        if parked is not None:  # the banner counts the fields marked as differing
            parking.say_restored(request, parked, page.differing)
    step_forms, conflict = page.forms, page.conflict
    doc = snapshot(load(pk))
    step_forms.doc = doc
    # Checked once: the top of a plan step lists what its rows show.
    findings = plan_warnings.findings_of(doc)
    stale_message = [CONFLICT_MESSAGE] if conflict and conflict.data is not None else []
    non_form_errors = stale_message + step_forms.non_form_errors()
    unsaved = request.method == "POST" or page.restored
    context = {
        "initiative": initiative,
        "doc": doc,
        "step": current,
        "steps": step_states(doc, current),
        # What the saved step lacks; a page with typed text would contradict it.
        "missing": current.missing(doc) if page.fresh else [],
        "plan_findings": findings,
        "row_checks": plan_warnings.on_rows_of_step(
            plan_warnings.open_checks(doc, findings), current.slug
        ),
        "returned": latest_reason(initiative),
        "previous": neighbor(current, -1),
        "next": neighbor(current, 1),
        "version_form": page.version,
        "forms": step_forms,
        "error_forms": step_forms.error_forms() if unsaved else [],
        # Not saved: the navigation guard treats the page as changed from the start.
        "unsaved": unsaved,
        "unfinished": page.unfinished,
        "saved_since": page.saved_since,
        "non_form_errors": non_form_errors,
        "add_target": request.GET.get("add", ""),
        "political_risk_scale": POLITICAL_RISK_SCALE,
        "conflict": conflict,
    }
    return render(request, current.template, context)


def submit_url(initiative: Initiative) -> str:
    """Where the review step's button posts: submit a draft, resubmit after changes."""
    _take, url_name = WORKFLOW_STEPS[initiative.submit_step]
    return reverse(url_name, kwargs={"pk": initiative.pk})


def review(request: HttpRequest, initiative: Initiative, current: Step) -> HttpResponse:
    """Every section read-only, from the snapshot; each missing part linked to its step."""
    if request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET"})
    doc = snapshot(load(initiative.pk))
    context = {
        "initiative": initiative,
        "doc": doc,
        "step": current,
        "steps": step_states(doc, current),
        "incomplete": incomplete(doc),
        "checks": plan_warnings.open_checks(doc),
        "returned": latest_reason(initiative),
        "previous": neighbor(current, -1),
        "submit_url": submit_url(initiative),
        "submit_label": words(initiative.submit_step)["label"],
        "sections": [step for step in STEPS if step.forms is not None],
    }
    return render(request, current.template, context)
