"""Recording an indicator's measured value (monitoring after approval), and correcting
or withdrawing one recorded in error.

Only the initiative's planners record (the services decide); the page of the initiative
shows the measurements and their charts.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from idd.forms.measurement import CorrectMeasurementForm, MeasurementForm, WithdrawMeasurementForm
from idd.models import Indicator, Initiative
from idd.services import commitment_record
from idd.services import measurements as service
from idd.views.shared import get_visible_initiative


def _indicator(request: HttpRequest, pk: int, indicator_pk: int) -> tuple[Initiative, Indicator]:
    """The initiative and its indicator, if this user may record on it (404, else 403)."""
    initiative = get_visible_initiative(request, pk)
    commitment_record.require_recorder(initiative, request.user)
    indicator = service.indicator_of(initiative, indicator_pk)
    if indicator is None:
        raise Http404("No such indicator in this initiative.")
    return initiative, indicator


def _back(initiative: Initiative, indicator: Indicator) -> str:
    return reverse("initiative_detail", args=[initiative.pk]) + f"#indicator-{indicator.pk}"


def record_measurement(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    """GET: the form; POST: store the measurement and go back to the initiative's page."""
    initiative, indicator = _indicator(request, pk, indicator_pk)
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
        except commitment_record.RecordingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Recorded: {indicator} = {measurement.value}.")
            return redirect(_back(initiative, indicator))
    return render(
        request,
        "idd/measurements/record.html",
        {
            "initiative": initiative,
            "indicator": indicator,
            "form": form,
            "earlier": indicator.measurements.select_related("recorded_by"),
        },
    )


def correct_measurement(
    request: HttpRequest, pk: int, indicator_pk: int, measurement_pk: int
) -> HttpResponse:
    """GET: the measurement in two forms, to correct it or to withdraw it; POST (the
    button pressed says which): do it, with the reason, and go back to the initiative."""
    initiative, indicator = _indicator(request, pk, indicator_pk)
    measurement = service.measurement_of(indicator, measurement_pk)
    if measurement is None:
        raise Http404("No such measurement: it may have been withdrawn.")
    # A POST withdraws if its button says so, else corrects (Enter in the first form).
    posted = request.POST if request.method == "POST" else None
    withdrawing = posted is not None and posted.get("action") == "withdraw"
    correct = CorrectMeasurementForm(
        None if withdrawing else posted,
        instance=service.measurement_of(indicator, measurement_pk),  # a copy the form may change
        indicator=indicator,
    )
    withdraw = WithdrawMeasurementForm(posted if withdrawing else None, prefix="withdraw")
    try:
        if withdrawing and withdraw.is_valid():
            service.withdraw_measurement(
                initiative, measurement, request.user, reason=withdraw.cleaned_data["reason"]
            )
            messages.success(request, f"Withdrawn: {indicator} = {measurement.value}.")
            return redirect(_back(initiative, indicator))
        if posted is not None and not withdrawing and correct.is_valid():
            service.correct_measurement(
                initiative,
                measurement,
                request.user,
                **{name: correct.cleaned_data[name] for name in service.CORRECTED},
            )
            messages.success(request, f"Corrected: {indicator} = {measurement.value}.")
            return redirect(_back(initiative, indicator))
    except commitment_record.RecordingRefused as refused:
        (withdraw if withdrawing else correct).add_error(None, str(refused))
    return render(
        request,
        "idd/measurements/correct.html",
        {
            "initiative": initiative,
            "indicator": indicator,
            "measurement": measurement,
            "correct": correct,
            "withdraw": withdraw,
        },
    )
