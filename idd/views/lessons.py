"""Recording a lesson learned (monitoring after approval), and correcting or withdrawing
one recorded in error. Only those who may record a measurement do (the service decides);
the initiative's page shows the lessons."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from idd.forms.lesson import LessonForm
from idd.models import Initiative
from idd.services import commitment_record
from idd.services import lessons as service
from idd.views.shared import get_visible_initiative


def _back(initiative: Initiative) -> str:
    return reverse("initiative_detail", args=[initiative.pk]) + "#lessons-learned"


def record_lesson(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form; POST: store the lesson and go back to the initiative's page."""
    initiative = get_visible_initiative(request, pk)
    commitment_record.require_recorder(initiative, request.user)
    form = LessonForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            service.record_lesson(initiative, request.user, **form.cleaned_data)
        except commitment_record.RecordingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Lesson learned recorded.")
            return redirect(_back(initiative))
    return render(request, "idd/lessons/record.html", {"initiative": initiative, "form": form})


def correct_lesson(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    """GET: the lesson in two forms, to correct it or to withdraw it; POST (the button
    pressed says which): do it, with the reason, and go back to the initiative. If the
    lesson was corrected or withdrawn since the page was read (another tab), nothing is
    written: the page comes back as a conflict (409), what was typed still on it."""
    initiative = get_visible_initiative(request, pk)
    commitment_record.require_recorder(initiative, request.user)
    if request.method == "POST":
        page = service.submit_change(initiative, lesson_pk, request.user, request.POST)
    else:
        page = service.change_page(initiative, lesson_pk, None)
    if page is None:
        raise Http404("No such lesson learned: it may have been withdrawn.")
    if page.done:
        messages.success(request, f"Lesson learned {page.done}.")
        return redirect(_back(initiative))
    context = {
        "initiative": initiative,
        "lesson": page.lesson,
        "withdrawal": page.withdrawal,
        "correct": page.correct,  # the forms by name: a failed one titles the page "Error: "
        "withdraw": page.withdraw,
    }
    status = 409 if page.conflict else 200
    return render(request, "idd/lessons/correct.html", context, status=status)
