"""Forms of the staffing route (issue 27): an office's decision, the approval authority's
remarks, the route a planner submits on and where an approved IDD is forwarded."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from idd.models import OfficeDecision, ReviewDecision, RouteTemplate

Outcome = OfficeDecision.Outcome
NON_CONCUR_HINT = "Returns the IDD to its planners now; the stage restarts when they resubmit."


class OfficeDecisionForm(forms.Form):
    """One office's decision at the stage in hand. The round it was shown in travels with
    it, so a decision from a page opened before the stage moved on is refused as stale."""

    outcome = forms.ChoiceField(
        label="Your office's decision",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose concur, concur with comment or non-concur."},
    )
    comment = OfficeDecision._meta.get_field("comment").formfield(
        label="Comment, or the reason for non-concurring",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required to concur with comment or to non-concur. It is printed in the "
        "coordination block of the IDD.",
    )
    round = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, office_pk: int, **kwargs):
        super().__init__(*args, prefix=f"office-{office_pk}", **kwargs)  # type: ignore[misc]
        self.office_pk = office_pk
        # Said before the click: a non-concurrence does not wait for the other offices.
        self.fields["outcome"].choice_hints = {Outcome.NON_CONCUR: NON_CONCUR_HINT}  # type: ignore[attr-defined]

    def clean(self):
        cleaned = cast("dict[str, Any]", super().clean())
        if "comment" not in cleaned:  # too long: that error alone, not "write one" too
            return cleaned
        outcome, comment = cleaned.get("outcome"), cleaned["comment"].strip()
        if outcome == Outcome.NON_CONCUR and not comment:
            self.add_error("comment", "Say why your office does not concur.")
        if outcome == Outcome.CONCUR_WITH_COMMENT and not comment:
            self.add_error("comment", "Write your comment, or choose “Concur” without one.")
        return cleaned


class RouteApprovalForm(forms.Form):
    prefix = "route-approval"
    remarks = ReviewDecision._meta.get_field("reason").formfield(
        label="Remarks (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Printed with the approval statement; the planners are e-mailed them.",
    )


class RouteReturnForm(forms.Form):
    """The approval authority returns the IDD to its planners instead of approving."""

    prefix = "route-return"
    reason = ReviewDecision._meta.get_field("reason").formfield(
        label="What the planners must change",
        required=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The planners read this first; it is e-mailed to them and kept in History.",
        error_messages={"required": "Say what the planners must change."},
    )


class RouteField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.organization})"


class RouteChoiceForm(forms.Form):
    """Which route: the organization's templates on submission, outside ones to forward."""

    route = RouteField(
        queryset=RouteTemplate.objects.none(),
        label="Staffing route",
        empty_label=None,
        error_messages={"required": "Choose a route.", "invalid_choice": "Choose a route."},
    )

    def __init__(self, *args, templates: list[RouteTemplate], label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = cast("RouteField", self.fields["route"])
        field.queryset = RouteTemplate.objects.filter(pk__in=[t.pk for t in templates])
        if label:
            field.label = label
        if templates and not self.is_bound:
            self.initial["route"] = templates[0].pk
