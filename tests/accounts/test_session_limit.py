"""An account has at most MAX_SESSIONS_PER_ACCOUNT sessions (STIG V-222387): the 4th
sign-in ends the first, whose next request is told why; recorded."""

import pytest
from django.urls import reverse

from idd.models import SignInRecord
from tests.accounts.browsers import signed_in, still_signed_in

pytestmark = pytest.mark.django_db

ENDED = "You were signed out here because your account signed in in another browser"


def test_the_fourth_session_ends_the_first_which_is_told_why(owner):
    first, *others = [signed_in("owner") for _ in range(4)]
    response = first.get(reverse("dashboard"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    page = " ".join(response.content.decode().split())
    assert f"{ENDED}, and an account may have at most 3 sessions at once." in page
    assert ENDED not in first.get(reverse("login")).content.decode()  # said once
    assert all(still_signed_in(browser) for browser in others)
    ended = SignInRecord.objects.get(kind=SignInRecord.Kind.SESSION_ENDED)
    assert ended.user == owner
    assert ended.detail.startswith("the session signed in ")


def test_the_limit_is_a_setting(owner, settings):
    settings.MAX_SESSIONS_PER_ACCOUNT = 1
    first = signed_in("owner")
    second = signed_in("owner")
    assert not still_signed_in(first)
    assert still_signed_in(second)


def test_signed_out_sessions_and_other_accounts_do_not_count(owner, teammate):
    first = signed_in("owner")
    for _ in range(2):
        signed_in("owner").post(reverse("logout"))
    signed_in("owner")
    for _ in range(3):
        signed_in("teammate")
    assert still_signed_in(first)
    assert not SignInRecord.objects.filter(kind=SignInRecord.Kind.SESSION_ENDED).exists()
