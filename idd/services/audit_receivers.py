"""Changes to accounts and the administrators' actions, as audit records (docs/adr/0017).

They are noticed where every path meets, the models' signals, so that an account changed
in the admin, on the profile page, by a command or by the worker is recorded alike. The
request, when there is one, comes from simple_history's middleware (`audit.current_request`).
Connected in `idd.apps`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType

from idd.models import Profile
from idd.services import audit
from idd.services.audit import Event, Target

# The user's fields whose change is recorded; `last_login` (every sign-in) is not.
USER_FIELDS: tuple[str, ...] = ("username", "first_name", "last_name", "email", "is_active")
USER_FIELDS += ("is_staff", "is_superuser", "password")
PRIVILEGES = ("is_staff", "is_superuser")
PROFILE_FIELDS: tuple[str, ...] = ("rank_or_grade", "job_title", "office_symbol", "organization")
PROFILE_FIELDS += ("phone", "edipi", "member_of_id")  # member_of_id: where they belong
ADMIN_ACTIONS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}
# Set on the request by the admin's delete action, which records each deletion itself
# (Django logs several at once with bulk_create, which sends no signal).
DELETIONS_RECORDED = "audit_deletions_recorded"


def _before(model, instance, fields: tuple[str, ...], update_fields) -> dict[str, Any] | None:
    if instance.pk is None or (update_fields is not None and not set(fields) & set(update_fields)):
        return None
    return model.objects.filter(pk=instance.pk).values(*fields).first()


def _changes(before: dict[str, Any], instance, fields: tuple[str, ...]) -> dict[str, list]:
    return {
        name: [before[name], getattr(instance, name)]
        for name in fields
        if before[name] != getattr(instance, name)
    }


def user_saving(sender, instance: User, raw: bool = False, update_fields=None, **kw) -> None:
    instance._audit_before = None if raw else _before(User, instance, USER_FIELDS, update_fields)  # type: ignore[attr-defined]


def user_saved(sender, instance: User, created: bool, raw: bool = False, **kw) -> None:
    if raw:
        return
    request = audit.current_request()
    if created:
        fields = {name: getattr(instance, name) for name in ("is_active", *PRIVILEGES)}
        audit.record(request, Event.ACCOUNT_CREATED, obj=instance, **fields)
        return
    before = getattr(instance, "_audit_before", None)
    if before is None:
        return
    changed = _changes(before, instance, USER_FIELDS)
    if changed.pop("password", None):  # the hashes are never written anywhere
        # set_password keeps the new password until the save; a hash upgraded at sign-in
        # (Django's check_password, a new hasher or more iterations) does not.
        upgraded: dict[str, Any] = {}
        if getattr(instance, "_password", None) is None:
            upgraded["hash_upgraded"] = True
        audit.record(request, Event.PASSWORD_CHANGED, obj=instance, **upgraded)
    if active := changed.pop("is_active", None):
        event = Event.ACCOUNT_ENABLED if active[1] else Event.ACCOUNT_DISABLED
        reason = getattr(instance, "audit_reason", "")
        audit.record(request, event, obj=instance, **({"reason": reason} if reason else {}))
    if privileges := {name: changed.pop(name) for name in PRIVILEGES if name in changed}:
        audit.record(request, Event.ROLE_CHANGED, obj=instance, changed=privileges)
    if changed:
        audit.record(request, Event.ACCOUNT_CHANGED, obj=instance, changed=changed)


def user_deleted(sender, instance: User, **kw) -> None:
    target = Target("auth.user", str(instance.pk), instance.get_username())
    audit.record(audit.current_request(), Event.ACCOUNT_DELETED, obj=target)


def profile_saving(sender, instance: Profile, raw: bool = False, update_fields=None, **kw) -> None:
    before = None if raw else _before(Profile, instance, PROFILE_FIELDS, update_fields)
    instance._audit_before = before  # type: ignore[attr-defined]


def profile_saved(sender, instance: Profile, created: bool, raw: bool = False, **kw) -> None:
    if raw:
        return
    before = getattr(instance, "_audit_before", None)
    if created:
        before = {name: None if name.endswith("_id") else "" for name in PROFILE_FIELDS}
    if before is None:
        return
    request, account = audit.current_request(), instance.user
    changed = _changes(before, instance, PROFILE_FIELDS)
    if edipi := changed.pop("edipi", None):
        audit.record(request, Event.EDIPI_CHANGED, obj=account, changed={"edipi": edipi})
    if organization := changed.pop("organization", None):
        audit.record(
            request, Event.ORGANIZATION_CHANGED, obj=account, changed={"organization": organization}
        )
    if member_of := changed.pop("member_of_id", None):
        audit.record(
            request, Event.ORGANIZATION_CHANGED, obj=account, changed={"belongs to": member_of}
        )
    if changed:
        audit.record(request, Event.ACCOUNT_CHANGED, obj=account, changed=changed)


def privileges_changed(sender, instance, action: str, reverse: bool, model, pk_set, **kw) -> None:
    """A user's groups (the roles) or permissions changed, from either side."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    what, field = (
        ("groups", "groups")
        if sender is User.groups.through
        else ("permissions", "user_permissions")
    )
    if reverse:  # a group's or permission's users
        users = list(User.objects.filter(pk__in=pk_set or ()))
        if action == "pre_clear":
            users = list(instance.user_set.all())
        names = [str(instance)]
    else:
        users = [instance]
        chosen = model.objects.filter(pk__in=pk_set or ())
        if action == "pre_clear":
            chosen = getattr(instance, field).all()
        names = sorted(str(item) for item in chosen)
    if not (users and names):
        return
    change: dict[str, Any] = {what: {"added" if action == "post_add" else "removed": names}}
    for user in users:
        audit.record(audit.current_request(), Event.ROLE_CHANGED, obj=user, **change)


def admin_logged(sender, instance: LogEntry, created: bool, raw: bool = False, **kw) -> None:
    """Every add, change and delete in the admin (its LogEntry), as an administrator action."""
    if raw or not created:
        return
    request = audit.current_request()
    if instance.action_flag == DELETION and getattr(request, DELETIONS_RECORDED, False):
        return
    content_type = (
        ContentType.objects.get_for_id(instance.content_type_id)
        if instance.content_type_id
        else None
    )
    target = Target(
        f"{content_type.app_label}.{content_type.model}" if content_type else "",
        str(instance.object_id or ""),
        instance.object_repr,
    )
    audit.record(
        request,
        Event.ADMIN_ACTION,
        user=None if request is not None else instance.user,
        obj=target,
        action=ADMIN_ACTIONS.get(instance.action_flag, str(instance.action_flag)),
        change=instance.get_change_message(),
    )


def connect() -> None:
    from django.db.models import signals

    signals.pre_save.connect(user_saving, sender=User)
    signals.post_save.connect(user_saved, sender=User)
    signals.post_delete.connect(user_deleted, sender=User)
    signals.pre_save.connect(profile_saving, sender=Profile)
    signals.post_save.connect(profile_saved, sender=Profile)
    signals.m2m_changed.connect(privileges_changed, sender=User.groups.through)
    signals.m2m_changed.connect(privileges_changed, sender=User.user_permissions.through)
    signals.post_save.connect(admin_logged, sender=LogEntry)
