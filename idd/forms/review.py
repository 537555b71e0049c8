"""Forms of the review screens: comments, replies, the reviewer's decision, the queue filters."""

from __future__ import annotations

from typing import Any, cast

import django_filters
from django import forms

from idd.models import Initiative, Partner, ReviewComment, ReviewDecision
from idd.models.workflow import AWAITING_REVIEW
from idd.reference.choices import CCMD, FundingAuthority
from idd.reference.choices import InitiativeStatus as S
from idd.reference.sections import SECTION_BY_SLUG

APPROVE, REQUEST_CHANGES = "approve", "request_changes"


class CommentForm(forms.Form):
    """A new comment on one section; one form per section, told apart by its prefix."""

    # The model's field: its length limit and refusal of control characters.
    body = ReviewComment._meta.get_field("body").formfield(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write your comment before sending it."},
    )

    def __init__(self, *args, section: str, **kwargs):
        super().__init__(*args, prefix=f"comment-{section}", **kwargs)  # type: ignore[misc]
        self.section = section
        self.fields["body"].label = f"Your comment on {SECTION_BY_SLUG[section].title}"


class ReplyForm(forms.Form):
    body = ReviewComment._meta.get_field("body").formfield(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write your reply before sending it."},
    )

    def __init__(self, *args, comment_pk: int, **kwargs):
        super().__init__(*args, prefix=f"reply-{comment_pk}", **kwargs)  # type: ignore[misc]


class DecisionForm(forms.Form):
    """The reviewer's decision on an IDD in review: returning it needs a reason; an approval
    may carry remarks and is taken only once confirmed (`ApprovalForm`)."""

    prefix = "decision"
    outcome = forms.ChoiceField(
        label="Your decision",
        choices=[
            (APPROVE, "Approve this revision (it is frozen as a record)"),
            (REQUEST_CHANGES, "Request changes (return it to the planners)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve or to request changes."},
    )
    reason = ReviewDecision._meta.get_field("reason").formfield(
        label="Reason, or remarks on an approval",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required when you request changes: say what must change. "
        "Optional when you approve. The planners are e-mailed it; comments on each "
        "section say where.",
    )

    def clean(self):
        cleaned = cast("dict[str, Any]", super().clean())  # a form's clean() returns cleaned_data
        if cleaned.get("outcome") == REQUEST_CHANGES and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say what needs to change: the planners read this first.")
        return cleaned


class ApprovalForm(forms.Form):
    """The approval's confirmation page: the reviewer's remarks (optional), kept or changed.
    Posted to the decision with `confirmed`; "approve" without it only asks to confirm."""

    prefix = "confirm"
    confirmed = forms.BooleanField(
        widget=forms.HiddenInput,
        initial=True,
        error_messages={"required": "Confirm the approval with its button on this page."},
    )
    reason = ReviewDecision._meta.get_field("reason").formfield(
        label="Your remarks (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Kept with the decision: shown on the review page and in the history, "
        "and e-mailed to the planners.",
    )

    @classmethod
    def sent(cls, data) -> bool:
        """The confirmation page sent this (else an approval only asks to be confirmed)."""
        return f"{cls.prefix}-confirmed" in data


class CompareForm(forms.Form):
    """Which two versions of the IDD to compare."""

    # A version not in the list (mistyped, removed, or another IDD's) is refused in words.
    NOT_LISTED = {"invalid_choice": "Choose one of this IDD's versions from the list."}
    old = forms.ChoiceField(label="Compare", error_messages=NOT_LISTED)
    new = forms.ChoiceField(label="With", error_messages=NOT_LISTED)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old"].choices = choices  # type: ignore[attr-defined]
        self.fields["new"].choices = choices  # type: ignore[attr-defined]

    def clean(self):
        cleaned = cast("dict[str, Any]", super().clean())  # a form's clean() returns cleaned_data
        if cleaned.get("old") and cleaned.get("old") == cleaned.get("new"):
            self.add_error("new", "Choose two different versions to compare.")
        return cleaned


def _partners_in_queue(request):
    return Partner.objects.filter(initiatives__status__in=AWAITING_REVIEW).distinct()


class QueueFilter(django_filters.FilterSet):
    """Filters of the reviewers' queue."""

    status = django_filters.ChoiceFilter(
        label="Stage",
        choices=[(S.SUBMITTED, "Submitted, not yet taken"), (S.IN_REVIEW, "In review")],
        empty_label="Any stage",
    )
    partner = django_filters.ModelChoiceFilter(
        queryset=_partners_in_queue, empty_label="Any partner"
    )
    ccmd = django_filters.ChoiceFilter(
        label="Combatant command", choices=CCMD.choices, empty_label="Any command"
    )
    funding_authority = django_filters.ChoiceFilter(
        choices=FundingAuthority.choices, empty_label="Any authority"
    )
    q = django_filters.CharFilter(
        label="Title contains", field_name="title", lookup_expr="icontains"
    )

    class Meta:
        model = Initiative
        fields = ["status", "partner", "ccmd", "funding_authority", "q"]
