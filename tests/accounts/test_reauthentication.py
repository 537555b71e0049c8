"""A change of what a person may do ends their sessions: they sign in again before using
it (STIG V-222520). Other changes to the account leave them signed in."""

import pytest
from django.contrib.auth.models import Group

from idd.models import SignInRecord
from idd.reference import roles
from tests.accounts.browsers import signed_in, still_signed_in

pytestmark = pytest.mark.django_db


def ended_because() -> list[str]:
    ended = SignInRecord.objects.filter(kind=SignInRecord.Kind.RIGHTS_CHANGED)
    return list(ended.values_list("detail", flat=True))


def test_a_role_given_ends_the_persons_sessions(owner):
    desk, laptop = signed_in("owner"), signed_in("owner")
    owner.groups.add(Group.objects.get(name=roles.REVIEWER))
    assert not still_signed_in(desk) and not still_signed_in(laptop)
    assert ended_because() == ["roles changed: must sign in again to use them"]
    assert still_signed_in(signed_in("owner"))


def test_a_role_taken_away_from_the_roles_side_ends_the_sessions_too(owner):
    desk = signed_in("owner")
    Group.objects.get(name=roles.PLANNER).user_set.remove(owner)
    assert not still_signed_in(desk)


def test_administrator_rights_granted_end_the_sessions(owner):
    desk = signed_in("owner")
    owner.is_staff = True
    owner.save()
    assert not still_signed_in(desk)
    assert ended_because() == ["administrator rights changed: must sign in again to use them"]


def test_other_changes_leave_the_person_signed_in(owner, teammate):
    desk = signed_in("owner")
    owner.first_name = "Dana"
    owner.save()
    teammate.groups.add(Group.objects.get(name=roles.REVIEWER))  # someone else's roles
    owner.groups.add(Group.objects.get(name=roles.PLANNER))  # a role they already have
    assert still_signed_in(desk)
    assert ended_because() == []
