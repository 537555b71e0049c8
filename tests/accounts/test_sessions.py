"""Idle sign-out, and nothing typed is lost to it: a late save comes back after sign-in."""

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from idd.models import Initiative
from idd.services.locking import CONFLICT_MESSAGE
from idd.services.parking import MOST_PARKED_CHARACTERS
from idd.services.session_clock import LAST_ACTIVITY
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db

RESTORED = "Kept from your session that ended at"
TYPED = "Smugglers cross the northern gulf at night; <b>patrols</b> see 1 in 10."


def go_idle(client: Client, minutes: int = 16) -> None:
    """The person's last activity was `minutes` ago, as the server's session keeps it (the
    clock, moved on; the default idle limit is 15 minutes)."""
    session = client.session
    session[LAST_ACTIVITY] = int(time.time()) - minutes * 60
    session.save()


def last_seen(client: Client) -> int:
    return client.session[LAST_ACTIVITY]


def sign_in(client: Client, user, next_url: str = ""):
    return client.post(
        reverse("login"),
        {"username": user.username, "password": factories.PASSWORD, "next": next_url},
    )


@pytest.fixture
def step(initiative):
    return reverse("wizard_step", args=[initiative.pk, "context"])


@pytest.fixture
def typed_page(client, owner, step):
    """The owner opened the context step, typed, and went for lunch."""
    client.force_login(owner)
    data = page_fields(client.get(step).content.decode())
    data["problem_statement"] = [TYPED]
    data["action"] = ["continue"]
    go_idle(client)
    return data


def test_a_request_after_the_idle_time_signs_out(client, owner):
    client.force_login(owner)
    assert client.get(reverse("dashboard")).status_code == 200
    go_idle(client)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_activity_within_the_idle_time_keeps_the_session(client, owner):
    client.force_login(owner)
    client.get(reverse("dashboard"))
    go_idle(client, minutes=14)
    assert client.get(reverse("dashboard")).status_code == 200
    assert last_seen(client) > time.time() - 5  # the clock started again


def test_idle_minutes_come_from_the_setting(client, owner, settings):
    settings.SESSION_IDLE_MINUTES = 60
    client.force_login(owner)
    client.get(reverse("dashboard"))
    go_idle(client, minutes=45)
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_save_after_the_session_ended_is_back_on_the_form_after_sign_in(
    client, owner, initiative, step, typed_page
):
    response = client.post(step, typed_page)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={step}"
    assert Initiative.objects.get(pk=initiative.pk).problem_statement != TYPED

    login_page = client.get(response["Location"])
    assert "You were signed out after a time without activity" in login_page.content.decode()
    assert "What you were saving is kept" in login_page.content.decode()

    response = sign_in(client, owner, next_url=step)
    assert response["Location"] == step
    page = client.get(step)
    html = page.content.decode()
    assert RESTORED in html
    assert "Smugglers cross the northern gulf at night; &lt;b&gt;patrols&lt;/b&gt;" in html
    # Shown, not saved; the form carries the version it was typed against.
    assert Initiative.objects.get(pk=initiative.pk).problem_statement != TYPED
    assert page_fields(html)["lock-version"] == typed_page["lock-version"]

    client.post(step, page_fields(html) | {"action": ["continue"]})
    assert Initiative.objects.get(pk=initiative.pk).problem_statement == TYPED
    # Given back once: the next visit shows what is stored.
    assert RESTORED not in client.get(step).content.decode()


def test_a_new_initiative_typed_when_the_session_ended_is_back_after_sign_in(client, owner):
    new = reverse("initiative_create")
    client.force_login(owner)
    client.get(new)
    data = {"title": "Northern gulf patrols", "first_fiscal_year": "2027", "action": "continue"}
    go_idle(client)
    assert client.post(new, data).status_code == 302
    sign_in(client, owner, next_url=new)
    html = client.get(new).content.decode()
    assert RESTORED in html
    assert 'value="Northern gulf patrols"' in html
    assert not Initiative.objects.filter(title="Northern gulf patrols").exists()


def test_a_restored_save_over_someone_elses_newer_save_is_refused(
    client, owner, teammate, initiative, step, typed_page
):
    client.post(step, typed_page)
    other = Client()
    other.force_login(teammate)
    changed = page_fields(other.get(step).content.decode())
    changed["problem_statement"] = ["The teammate's newer wording."]
    other.post(step, changed | {"action": ["continue"]})

    sign_in(client, owner, next_url=step)
    html = client.get(step).content.decode()
    response = client.post(step, page_fields(html) | {"action": ["continue"]})
    assert response.status_code == 200
    assert CONFLICT_MESSAGE in response.content.decode()
    stored = Initiative.objects.get(pk=initiative.pk).problem_statement
    assert stored == "The teammate's newer wording."


def test_someone_else_signing_in_on_that_browser_gets_nothing(client, teammate, step, typed_page):
    client.post(step, typed_page)
    sign_in(client, teammate, next_url=step)
    html = client.get(step).content.decode()
    assert "Smugglers" not in html
    assert RESTORED not in html
    assert "parked_posts" not in client.session


def test_a_save_without_a_session_at_all_is_not_kept(client, step, typed_page, owner):
    client.logout()  # signed out by hand: nobody's input to keep
    response = client.post(step, typed_page)
    assert response.status_code == 302
    sign_in(client, owner, next_url=step)
    assert "Smugglers" not in client.get(step).content.decode()


def test_asking_how_long_is_left_is_not_activity_and_staying_is(client, owner):
    client.force_login(owner)
    client.get(reverse("dashboard"))
    go_idle(client, minutes=10)
    left = client.get(reverse("session")).json()["seconds_left"]
    assert 4 * 60 <= left <= 5 * 60
    assert client.get(reverse("session")).json()["seconds_left"] <= left
    assert last_seen(client) < time.time() - 9 * 60
    stayed = client.post(reverse("session")).json()["seconds_left"]
    assert stayed >= 15 * 60 - 5


def test_signed_in_pages_are_never_cached(client, owner, initiative):
    client.force_login(owner)
    assert client.get(reverse("dashboard"))["Cache-Control"] == "no-store"
    detail = client.get(reverse("initiative_detail", args=[initiative.pk]))
    assert detail["Cache-Control"] == "no-store"


def test_signed_in_pages_carry_the_idle_warning(client, owner):
    client.force_login(owner)
    html = client.get(reverse("dashboard")).content.decode()
    assert 'id="session-warning"' in html
    assert "js/session.js" in html
    assert 'id="session-warning"' not in Client().get(reverse("login")).content.decode()


def test_a_stale_security_token_gets_a_page_with_the_typed_text(owner, step, initiative):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    data = page_fields(browser.get(step).content.decode())
    data["problem_statement"] = [TYPED]
    token = data["csrfmiddlewaretoken"][0]
    # Signing in again (in another tab) gives the browser a new token.
    login_form = page_fields(browser.get(reverse("login")).content.decode(), form_id="sign-in")
    sign_in_again = login_form | {"username": [owner.username], "password": [factories.PASSWORD]}
    assert browser.post(reverse("login"), sign_in_again).status_code == 302

    response = browser.post(step, data | {"action": ["continue"]})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Not saved: this page had expired" in html
    assert "Classification marking" in html  # inside the site's frame
    assert "Smugglers cross the northern gulf at night; &lt;b&gt;patrols&lt;/b&gt;" in html
    assert token not in html
    assert f'href="{step}"' in html  # back to the form
    assert Initiative.objects.get(pk=initiative.pk).problem_statement != TYPED


def test_the_stale_token_page_never_shows_passwords(owner):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    response = browser.post(
        reverse("password_change"),
        {
            "csrfmiddlewaretoken": "stale" * 10,
            "old_password": "the-old-secret-value",
            "new_password1": "a-new-secret-value-1",
            "new_password2": "a-new-secret-value-1",
        },
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "secret-value" not in html
    assert "stalestale" not in html


def test_the_stale_token_page_shows_nothing_another_site_posted(owner):
    """Another site's form posted at ours fails the security check: none of its field
    names or values appear on our page."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    response = browser.post(
        reverse("profile"),
        {"Call_the_help_desk_on": "555-0100 and read them your code", "display_name": "Ann"},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Not saved: this page had expired" in html
    for posted in ("Call_the_help_desk_on", "555-0100", "read them your code", "Ann"):
        assert posted not in html
    assert "What you typed" not in html


def test_signing_out_says_so_on_the_sign_in_page(client, owner):
    client.force_login(owner)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain == [(reverse("login"), 302)]
    html = response.content.decode()
    assert "You have signed out." in html
    assert "You were signed out after a time without activity" not in html
    assert "You have signed out." not in client.get(reverse("login")).content.decode()  # once


def test_the_idle_sign_out_does_not_claim_the_user_signed_out(client, owner):
    client.force_login(owner)
    go_idle(client)
    response = client.get(reverse("dashboard"), follow=True)
    html = response.content.decode()
    assert "You were signed out after a time without activity" in html
    assert "You have signed out." not in html


def test_what_is_given_back_says_when_the_session_ended_and_to_review_it(
    client, owner, step, typed_page
):
    client.post(step, typed_page)
    sign_in(client, owner, next_url=step)
    html = client.get(step).content.decode()
    # go_idle: the last activity 16 minutes ago, so the session ended a minute ago.
    ended = {(timezone.localtime() - timedelta(minutes=m)).strftime("%H:%M") for m in (1, 2)}
    assert any(f"session that ended at {at}: review it before saving." in html for at in ended)


def test_a_late_save_to_an_initiative_the_user_may_not_edit_is_not_kept(
    client, owner, outsider, step, typed_page
):
    """Someone at the browser posting to another planner's initiative plants nothing."""
    theirs = factories.InitiativeFactory(owner=outsider)
    elsewhere = reverse("wizard_step", args=[theirs.pk, "context"])
    assert client.post(elsewhere, typed_page).status_code == 302
    assert client.post(reverse("wizard_step", args=[999_999, "context"]), typed_page)
    assert "parked_posts" not in client.session


def test_parked_saves_are_bounded_in_number_and_size(client, owner, initiative, typed_page):
    """One entry a page, the latest three pages, nothing larger than a real save: sixteen
    posts of 2.5 MB once made every request of the session take seconds."""
    steps = ["basics", "context", "deliverables", "us-inputs", "objectives"]
    for slug in steps:
        for _ in range(2):
            client.post(reverse("wizard_step", args=[initiative.pk, slug]), typed_page)
    huge = typed_page | {"problem_statement": ["x" * (MOST_PARKED_CHARACTERS + 1)]}
    client.post(reverse("wizard_step", args=[initiative.pk, "sustainment"]), huge)

    parked = client.session["parked_posts"]
    assert list(parked) == [reverse("wizard_step", args=[initiative.pk, s]) for s in steps[-3:]]


def differing_marks(html: str) -> set[str]:
    """The ids of the fields marked "Differs from the saved text", each described by it."""
    marked = set(re.findall(r'id="([\w-]+)_differs"><span class="usa-tag">Differs from', html))
    for field_id in marked:
        control = re.search(rf'<[^>]* id="{field_id}"[^>]*>', html)
        assert control and f"{field_id}_differs" in control.group(0), field_id
    return marked


def test_what_is_given_back_marks_each_field_that_differs_from_the_saved_text(
    client, owner, initiative, step
):
    initiative.problem_statement = "Stored: fishing fleets go unchallenged."
    initiative.theory_of_change = "Stored: if the navy patrols, fleets stay out."
    initiative.save()
    client.force_login(owner)
    data = page_fields(client.get(step).content.decode())
    data["problem_statement"] = [TYPED]  # changed
    data["desired_end_state"] = ["The navy patrols on its own by FY2030."]  # was blank
    data["action"] = ["continue"]
    go_idle(client)
    client.post(step, data)
    sign_in(client, owner, next_url=step)

    html = client.get(step).content.decode()
    assert "2 fields differ from the saved text: each is marked" in html
    marks = differing_marks(html)
    assert len(marks) == 2
    assert all(
        any(name in mark for name in ("problem_statement", "desired_end_state")) for mark in marks
    )
    assert Initiative.objects.get(pk=initiative.pk).problem_statement != TYPED  # shown, not saved


def test_input_given_back_unchanged_says_nothing_in_it_differs(client, owner, step):
    client.force_login(owner)
    data = page_fields(client.get(step).content.decode()) | {"action": ["continue"]}
    go_idle(client)
    client.post(step, data)
    sign_in(client, owner, next_url=step)

    html = client.get(step).content.decode()
    assert "Nothing in it differs from the saved text." in html
    assert differing_marks(html) == set()
