"""Recording a lesson learned (monitoring after approval), and correcting or withdrawing
one recorded in error. Only those who may record a measurement do (the service decides);
the initiative's page shows the lessons."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from idd.forms.lesson import CorrectLessonForm, LessonForm, WithdrawLessonForm
from idd.models import Initiative
from idd.services import commitment_record
from idd.services import lessons as service
from idd.services.locking import StaleEdit
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


class _Page:
    """The lesson as stored now (or, withdrawn, its history's record of the withdrawal) and
    the two forms of the page, the posted one bound to what was typed."""

    def __init__(self, initiative: Initiative, lesson_pk: int, posted: QueryDict | None):
        self.lesson: Any = service.lesson_of(initiative, lesson_pk)
        self.withdrawal = None
        if self.lesson is None and posted is not None:  # withdrawn since the page was read
            self.lesson = self.withdrawal = service.withdrawal_of(initiative, lesson_pk)
        if self.lesson is None:
            raise Http404("No such lesson learned: it may have been withdrawn.")
        # A copy the correction form may change; the page shows the lesson as stored.
        instance = (
            self.withdrawal.instance
            if self.withdrawal
            else service.lesson_of(initiative, lesson_pk)
        )
        self.seen = "" if self.withdrawal else service.seen_mark(self.lesson)
        self.withdrawing = posted is not None and posted.get("change") == "withdraw"
        initial = {"seen": self.seen}
        self.correct = CorrectLessonForm(
            None if self.withdrawing else posted,
            instance=instance,
            initial=initial,
            initiative=initiative,
        )
        self.withdraw = WithdrawLessonForm(
            posted if self.withdrawing else None, prefix="withdraw", initial=initial
        )
        self.posted = self.withdraw if self.withdrawing else self.correct


def correct_lesson(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    """GET: the lesson in two forms, to correct it or to withdraw it; POST (the button
    pressed says which): do it, with the reason, and go back to the initiative. If the
    lesson was corrected or withdrawn since the page was read (another tab), nothing is
    written: the page comes back as a conflict (409), what was typed still on it."""
    initiative = get_visible_initiative(request, pk)
    commitment_record.require_recorder(initiative, request.user)
    posted = request.POST if request.method == "POST" else None
    page, status = _Page(initiative, lesson_pk, posted), 200
    try:
        if page.withdrawal is not None:
            raise StaleEdit(service.changed_meanwhile(page.withdrawal))
        if posted is not None and page.posted.is_valid():
            data = page.posted.cleaned_data
            if page.withdrawing:
                service.withdraw_lesson(initiative, page.lesson, request.user, **data)
            else:
                service.correct_lesson(initiative, page.lesson, request.user, **data)
            messages.success(request, f"Lesson learned {page.posted.done}.")
            return redirect(_back(initiative))
    except commitment_record.RecordingRefused as refused:
        page.posted.add_error(None, str(refused))
    except StaleEdit as stale:
        page, status = _Page(initiative, lesson_pk, posted), 409
        page.posted.refuse_as_stale(str(stale), page.seen)
    context = {"initiative": initiative, "page": page, "lesson": page.lesson}
    return render(request, "idd/lessons/correct.html", context, status=status)
