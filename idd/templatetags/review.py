"""Review comments on the guided form's steps, and times as the review screens say them."""

from datetime import datetime

from django import template
from django.utils import timezone

from idd.forms.review import ReplyForm
from idd.models import Initiative
from idd.reference import roles, times
from idd.reference.roles import User
from idd.services import comments

register = template.Library()


@register.inclusion_tag("idd/review/step_comments.html", takes_context=True)
def step_comments(context, initiative: Initiative, section: str) -> dict:
    """The comment threads of the current revision on one section, answered and resolved
    in place."""
    request = context["request"]
    threads = comments.threads_by_section(initiative).get(section, [])
    may_reply = comments.may_comment(initiative, request.user)
    return {
        "initiative": initiative,
        "section": section,
        "threads": [
            {
                "thread": thread,
                "reply_form": ReplyForm(comment_pk=thread.comment.pk) if may_reply else None,
            }
            for thread in threads
        ],
        "open": sum(1 for thread in threads if not thread.resolved),
        "may_resolve": comments.may_resolve(initiative, request.user),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def is_reviewer(user: User) -> bool:
    return roles.is_reviewer(user)


@register.filter
def full_time(value: datetime | None) -> str:
    """ "3 Dec 2026, 14:05 UTC" (the configured time zone)."""
    return times.full_timestamp(value)


@register.filter
def machine_time(value: datetime | None) -> str:
    """A `<time datetime>` value: ISO 8601 in the configured zone, to the second (HTML
    allows at most milliseconds)."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else ""


@register.filter
def time_ago(value: datetime | None) -> str:
    """ "just now", "5 minutes ago", "3 days, 4 hours ago": use it wherever `timesince` was."""
    return times.time_ago(value)
