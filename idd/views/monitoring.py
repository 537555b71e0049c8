"""Recording an indicator's measured value (monitoring after approval).

Only the initiative's planners record (the services decide); the page of the initiative
shows the measurements and their charts.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from idd.forms.measurement import MeasurementForm
from idd.services import monitoring as service
from idd.services.assessments import RecordingRefused
from idd.views.assessments import _recorder_initiative


def record_measurement(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    """GET: the form; POST: store the measurement and go back to the initiative's page."""
    initiative = _recorder_initiative(request, pk)
    indicator = service.indicator_of(initiative, indicator_pk)
    if indicator is None:
        raise Http404("No such indicator in this initiative.")
    form = MeasurementForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            measurement = service.record_measurement(
                initiative,
                indicator,
                request.user,
                measured_on=form.cleaned_data["measured_on"],
                value=form.cleaned_data["value"],
                source=form.cleaned_data["source"],
                note=form.cleaned_data["note"],
            )
        except RecordingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Recorded: {indicator} = {measurement.value}.")
            return redirect(reverse("initiative_detail", args=[pk]) + f"#indicator-{indicator.pk}")
    return render(
        request,
        "idd/monitoring/record.html",
        {
            "initiative": initiative,
            "indicator": indicator,
            "form": form,
            "earlier": indicator.measurements.select_related("recorded_by"),
        },
    )
