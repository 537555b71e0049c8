"""Recording a lesson learned (monitoring after approval). Only those who may record a
measurement record one (the service decides); the initiative's page shows them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from idd.forms.lesson import LessonForm
from idd.services import commitment_record
from idd.services import lessons as service
from idd.views.shared import get_visible_initiative


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
            return redirect(reverse("initiative_detail", args=[initiative.pk]) + "#lessons-learned")
    return render(request, "idd/lessons/record.html", {"initiative": initiative, "form": form})
