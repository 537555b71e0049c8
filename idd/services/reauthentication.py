"""A change of what a person may do ends their sessions, so they sign in again before
using it (STIG V-222520): roles (groups) added or removed, administrator rights granted or
withdrawn. Recorded; the person's next request finds the sign-in page."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.utils import timezone

from idd.models import AccountSession, SignInRecord
from idd.services.sign_in_records import record

RIGHTS = ("is_staff", "is_superuser")
BEFORE = "_rights_before_save"  # kept on the instance between pre_save and post_save


def end_sessions(user: User, why: str) -> int:
    """End every open session of the account; how many there were."""
    keys = list(AccountSession.objects.filter(user=user).values_list("session_key", flat=True))
    ended, _ = Session.objects.filter(session_key__in=keys, expire_date__gt=timezone.now()).delete()
    AccountSession.objects.filter(user=user).delete()  # nothing for the sign-in page to explain
    if ended:
        record(None, SignInRecord.Kind.RIGHTS_CHANGED, user=user, detail=why)
    return ended


def roles_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """m2m_changed of User.groups, from either side."""
    if reverse and action == "pre_clear":  # a role emptied: its members, before they go
        users = list(instance.user_set.all())
    elif action in ("post_add", "post_remove") and pk_set:  # empty: nothing changed
        users = [instance] if not reverse else list(User.objects.filter(pk__in=pk_set))
    elif action == "post_clear" and not reverse:
        users = [instance]
    else:
        return
    for user in users:
        end_sessions(user, "roles changed: must sign in again to use them")


def rights_before_save(sender, instance: User, update_fields=None, **kwargs) -> None:
    """Note the administrator rights as stored, to compare after the save (not for saves
    that leave them alone, such as the sign-in's `last_login`)."""
    if update_fields is not None and not set(RIGHTS) & set(update_fields):
        return
    stored = User.objects.filter(pk=instance.pk).values(*RIGHTS).first() if instance.pk else None
    instance.__dict__[BEFORE] = stored


def rights_after_save(sender, instance: User, created: bool, **kwargs) -> None:
    before = instance.__dict__.pop(BEFORE, None)
    if before and any(before[name] != getattr(instance, name) for name in RIGHTS):
        end_sessions(instance, "administrator rights changed: must sign in again to use them")
