"""Recording a lesson learned, and correcting or withdrawing one recorded in error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from idd.forms.correction import ReasonForm
from idd.models import Initiative, LessonLearned
from idd.models.lesson import FUTURE_LESSON


class LessonForm(forms.ModelForm):
    class Meta:
        model = LessonLearned
        fields = ["learned_on", "lesson", "action", "source"]
        labels = {
            "learned_on": "Date learned",
            "lesson": "Lesson learned",
            "action": "What to do about it (optional)",
            "source": "Source or evidence (optional)",
        }
        widgets = {
            "learned_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "lesson": forms.Textarea(attrs={"rows": 4}),
            "action": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "learned_on": "The day it was learned or observed, today or earlier.",
            "lesson": "What happened and what it teaches, in a few sentences.",
            "action": "What the initiative, or the next one, should do differently.",
            "source": "An after-action report, a site visit, a program review.",
        }
        error_messages = {
            "learned_on": {
                "invalid": "Enter the date learned as a real date, e.g. 15 March 2027.",
                "required": "Enter the date learned.",
            },
            "lesson": {"required": "Write the lesson learned."},
        }

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initiative = initiative

    def clean_learned_on(self):
        learned_on = self.cleaned_data["learned_on"]
        if refusal := self.initiative.date_refusal(learned_on, FUTURE_LESSON):
            raise forms.ValidationError(refusal)
        return learned_on


class LessonChangeForm(ReasonForm):
    """A correction or a withdrawal of a lesson learned: the reason, and which state of the
    lesson the page showed (`services.lessons.seen_mark`), so that a change made meanwhile,
    in another tab, is refused rather than overwritten."""

    record = "lesson learned"
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    def refuse_as_stale(self, message: str, seen: str) -> None:
        """Refuse what was posted, keeping what was typed on the form; saving it again is
        checked against the lesson as it is now (`seen`)."""
        data = QueryDict(mutable=True)
        data.update(self.data)
        data[self.add_prefix("seen")] = seen
        self.data = data
        self.add_error(None, message)


class CorrectLessonForm(LessonChangeForm, LessonForm):
    """A lesson recorded in error, corrected, with the reason."""

    done = "corrected"


class WithdrawLessonForm(LessonChangeForm):
    """A lesson recorded in error, withdrawn, with the reason."""

    done = "withdrawn"
