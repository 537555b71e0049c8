"""What a planner typed and could not save yet: kept, and given back on the step.

Two cases, one way back (editing.open_step binds it to the step's forms, unsaved, with
the version and fingerprints it was read with, so a stale save is still merged):

Time-out (idle, or the session's lifetime: services.session_clock): a guided-form save
that arrives after the server ended the session is parked in the
(database-backed) session under the path it was sent to and the id of the user who was
signed in, if that user may edit the page's initiative: one entry a page, the latest
`MOST_PARKED_PAGES`, none larger than a real save. Whoever is at the browser can send it,
so the step gives it back as "kept from your session that ended at 14:02: review it",
each field that differs from what is stored marked (forms.differences) and counted.
When that same user signs in again and the login page sends them back to the
step, the step shows the parked input bound to its forms, not saved: they check it and
press save, and the optimistic lock in it still refuses a save over someone else's newer
one. Anyone else who signs in on that browser gets nothing.

"Save and exit" on a step that does not validate: the input is kept in the database
(UnfinishedInput) per initiative, step and user, so the planner finds it on the step the
next day or on another browser; nobody else ever sees it, it never counts as saved, and a
valid save of the step (or "Discard") removes it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import User
from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone

from idd.forms import conflicts
from idd.models import Initiative, UnfinishedInput
from idd.models.access import may, may_create
from idd.models.unfinished import LOCK_READ, LOCK_VERSION, posted

PARKED = "parked_posts"
IDLE_USER = "signed_out_idle_user"
IDLE_ENDED = "signed_out_idle_at"  # when the session ended (epoch seconds)
# Bounds (issue 23: posts parked under made-up ids made every request of the session
# slow): one entry per page, for pages the user may edit, the latest few, each no larger
# than a legitimate save of the largest step.
MOST_PARKED_PAGES = 3
MOST_PARKED_CHARACTERS = 1_000_000
# Only the guided form's pages show parked input (idd/views/guided_form.py calls take()).
PARKABLE_VIEWS = {"wizard_step", "initiative_create"}
NEVER_KEPT = {"csrfmiddlewaretoken"}
# Not input: the button pressed, where the planner went, and the lock (kept on its own).
# The largest version a PositiveIntegerField holds on every database (PostgreSQL's integer).
MAX_VERSION = 2_147_483_647


def _version(sent: str) -> int | None:
    """The version the page was opened with, or None if what was sent cannot be one."""
    if not (sent.isascii() and sent.isdigit()) or int(sent) > MAX_VERSION:
        return None
    return int(sent)


NOT_INPUT = NEVER_KEPT | {"action", "goto", "next", LOCK_VERSION, LOCK_READ}
RESTORED = (
    "Kept from your session that ended at {ended}: review it before saving. It was "
    "typed on this browser after that session ended, so check it is what you meant."
)
# How many of the fields shown differ from what is stored (forms.differences marks them).
NONE_DIFFERS = " Nothing in it differs from the saved text."
ONE_DIFFERS = " 1 field differs from the saved text: it is marked “Differs from the saved text”."
SOME_DIFFER = (
    " {count} fields differ from the saved text: each is marked “Differs from the saved text”."
)


@dataclass(frozen=True)
class Parked:
    """The input kept for a page when its session ended, and when that was."""

    data: QueryDict
    ended: int | None


def restored_message(ended: int | None, differing: int | None = None) -> str:
    """The banner over input given back; with how many fields differ, when counted."""
    when = timezone.localtime(datetime.fromtimestamp(ended or time.time(), tz=UTC))
    text = RESTORED.format(ended=when.strftime("%H:%M"))
    if differing is None:
        return text
    if differing <= 1:
        return text + (ONE_DIFFERS if differing else NONE_DIFFERS)
    return text + SOME_DIFFER.format(count=differing)


def say_restored(request: HttpRequest, parked: Parked, differing: int | None = None) -> None:
    messages.warning(request, restored_message(parked.ended, differing))


def remember_idle_sign_out(request: HttpRequest, user_id: int, ended: int) -> None:
    """Called right after a time-out: whose input a late save belongs to, and when
    their session ended (for the message that gives it back)."""
    request.session[IDLE_USER] = user_id
    request.session[IDLE_ENDED] = ended


def is_parkable(path: str) -> bool:
    try:
        return resolve(path).url_name in PARKABLE_VIEWS
    except Resolver404:
        return False


def park(request: HttpRequest) -> bool:
    """Keep a save that arrived after the idle sign-out; True if it was kept."""
    if request.method != "POST":
        return False
    user_id = request.session.get(IDLE_USER)
    path = request.path_info
    if user_id is None or not is_parkable(path) or not _may_edit(user_id, path):
        return False
    data = typed(request.POST, NEVER_KEPT)
    if sum(len(key) + sum(map(len, values)) for key, values in data) > MOST_PARKED_CHARACTERS:
        return False
    parked = {
        kept: entry
        for kept, entry in request.session.get(PARKED, {}).items()
        if entry["user"] == user_id and kept != path
    }
    parked[path] = {"user": user_id, "data": data, "ended": request.session.get(IDLE_ENDED)}
    request.session[PARKED] = dict(list(parked.items())[-MOST_PARKED_PAGES:])
    return True


def _may_edit(user_id: int, path: str) -> bool:
    """The signed-out user may edit the initiative of this page (or create one)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    pk = resolve(path).kwargs.get("pk")
    if pk is None:  # a new initiative
        return may_create(user)
    initiative = Initiative.objects.filter(pk=pk).first()
    return initiative is not None and may(user, "edit", initiative)


def has_parked(request: HttpRequest) -> bool:
    return bool(request.session.get(PARKED))


def signed_in(request: HttpRequest, user: AbstractBaseUser) -> None:
    """After a sign-in: drop input parked for anyone else, and the idle sign-out mark."""
    parked = request.session.get(PARKED, {})
    kept = {path: entry for path, entry in parked.items() if entry["user"] == user.pk}
    if kept:
        request.session[PARKED] = kept
    else:
        request.session.pop(PARKED, None)
    request.session.pop(IDLE_USER, None)
    request.session.pop(IDLE_ENDED, None)


def take(request: HttpRequest) -> Parked | None:
    """The input parked for this page and this user, once (say_restored tells them)."""
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    parked = request.session.get(PARKED, {})
    entry = parked.pop(request.path_info, None)
    if entry is None:
        return None
    request.session[PARKED] = parked
    if entry["user"] != request.user.pk:
        return None
    return Parked(posted(entry["data"]), entry.get("ended"))


def typed(post: QueryDict, leave_out: set[str]) -> list[tuple[str, list[str]]]:
    """The posted fields as a JSON-friendly list, without those left out."""
    return [(key, values) for key, values in post.lists() if key not in leave_out]


def keep_unfinished(initiative: Initiative, step: str, user, post: QueryDict) -> UnfinishedInput:
    """Keep what was posted to a step that did not save, replacing what was kept before."""
    version = post.get(LOCK_VERSION, "")
    # A forged or missing lock restores as none: saving it is then refused, or merged.
    read = conflicts.parse_read_state(post.get(LOCK_READ))
    entry, _created = UnfinishedInput.objects.update_or_create(
        initiative=initiative,
        step=step,
        user=user,
        defaults={
            "data": without_nul(typed(post, NOT_INPUT)),
            "read_version": _version(version),
            "read_state": None if read is None else without_nul(read),
        },
    )
    return entry


def without_nul(value: Any) -> Any:
    """A JSON value without NUL characters, which a database's JSON cannot hold (and which
    the forms refuse anyway): a forged post is kept, not a server error."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list | tuple):
        return [without_nul(item) for item in value]
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    return value


def unfinished(initiative: Initiative, step: str, user) -> UnfinishedInput | None:
    """This user's own unfinished input on the step, if any."""
    return UnfinishedInput.objects.filter(initiative=initiative, step=step, user=user).first()


def forget_unfinished(initiative: Initiative, step: str, user) -> bool:
    """After a valid save of the step, or "Discard": True if there was something kept."""
    deleted, _by_model = UnfinishedInput.objects.filter(
        initiative=initiative, step=step, user=user
    ).delete()
    return bool(deleted)


def unfinished_steps(user, initiatives: Iterable[Initiative]) -> dict[int, set[str]]:
    """For the dashboard, in one query: the steps where this user left input unfinished."""
    steps: dict[int, set[str]] = {}
    rows = UnfinishedInput.objects.filter(user=user, initiative__in=list(initiatives))
    for initiative_id, step in rows.values_list("initiative_id", "step"):
        steps.setdefault(initiative_id, set()).add(step)
    return steps
