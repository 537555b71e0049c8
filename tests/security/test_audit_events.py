"""Every security-relevant event is one audit record (issue 26, docs/adr/0017): written
once, with the time in UTC, the outcome, who (id and name), the address read through the
trusted proxy, the hash of the session key and the object acted on."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deploy import pki
from idd.models import AuditRecord, Partner, Profile
from idd.reference import roles
from idd.services.inactive_accounts import disable_inactive
from tests import factories
from tests.security.audit_checks import (
    DESK,
    THROUGH_THE_PROXY,
    about,
    form_values,
    key_hash,
    latest,
    names,
    only,
    recent_in_utc,
)

pytestmark = pytest.mark.django_db
Event, Outcome = AuditRecord.Event, AuditRecord.Outcome
NEW_PASSWORD = "Another-Long-Passphrase-42!"
SECRET = "proxy-secret-" + "x" * 30
EDIPI = "1234567890"


@pytest.fixture(autouse=True)
def behind_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONSENT_BANNER = False
    settings.CERT_SIGN_IN = False
    settings.PASSWORD_SIGN_IN = True


@pytest.fixture
def administrator(client) -> User:
    """A superuser signed in on `client`."""
    admin = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


def sign_in(client: Client, username: str, password: str = factories.PASSWORD):
    data = {"username": username, "password": password}
    return client.post(reverse("login"), data, **THROUGH_THE_PROXY)


def from_the_desk(record: AuditRecord, client: Client) -> bool:
    """Sent from the person's desk, in the client's session, just now."""
    session = key_hash(client.session.session_key)
    return (record.address, record.session) == (DESK, session) and recent_in_utc(record)


# Signing in and out


def test_accepting_the_consent_banner_is_recorded(client, settings):
    settings.CONSENT_BANNER = True
    client.post(reverse("notice"), {"next": "/"}, **THROUGH_THE_PROXY)
    record = only(Event.CONSENT_ACCEPTED)
    assert record.outcome == Outcome.SUCCESS and from_the_desk(record, client)
    assert (record.user_id, record.username) == (None, "")  # nobody is signed in yet


def test_a_password_sign_in_is_recorded_with_its_method(client, owner):
    assert sign_in(client, "owner").status_code == 302
    record = only(Event.SIGN_IN)
    assert (record.outcome, record.details["method"]) == (Outcome.SUCCESS, "password")
    assert names(record, owner) and about(record, owner) and from_the_desk(record, client)


def test_a_failed_sign_in_is_recorded_with_the_name_typed_and_why(client, owner):
    sign_in(client, "owner", "wrong-guess-000")
    record = only(Event.SIGN_IN)
    assert (record.outcome, record.username, record.address) == (Outcome.FAILURE, "owner", DESK)
    assert record.user_id is None and about(record, owner)  # typed by someone; the account
    assert record.details["method"] == "password"
    assert record.details["reason"] == "Wrong username or password"


@pytest.fixture
def certificates(settings):
    settings.CERT_SIGN_IN = True
    settings.CERT_PROXY_SECRET = SECRET
    settings.CERT_IDENTITY = "edipi"
    ca = pki.make_ca()
    certificate = pki.issue_person(ca, f"PLANNER.PAT.Q.{EDIPI}").certificate
    return {
        "X-Cert-Proxy-Secret": SECRET,
        "X-Client-Verify": "SUCCESS",
        "X-Client-Cert": quote(pki.pem(certificate).decode()),
    }


def test_a_certificate_sign_in_and_its_refusal_are_recorded_with_the_method(client, certificates):
    client.post(reverse("certificate_sign_in"), headers=certificates, **THROUGH_THE_PROXY)
    refused = only(Event.SIGN_IN)
    assert (refused.outcome, refused.details["method"]) == (Outcome.FAILURE, "certificate")
    assert refused.details["reason"] == "Certificate not registered to anyone"
    assert refused.username == f"EDIPI {EDIPI}" and refused.object_type == ""

    pat = factories.planner(username="pat")
    Profile.objects.update_or_create(user=pat, defaults={"edipi": EDIPI})
    client.post(reverse("certificate_sign_in"), headers=certificates, **THROUGH_THE_PROXY)
    record = only(Event.SIGN_IN, outcome=Outcome.SUCCESS)
    assert record.details["method"] == "certificate"
    assert names(record, pat) and about(record, pat) and from_the_desk(record, client)


def test_signing_out_is_recorded_in_the_session_it_ends(client, owner):
    sign_in(client, "owner")
    session = key_hash(client.session.session_key)
    client.post(reverse("logout"), **THROUGH_THE_PROXY)
    record = only(Event.SIGN_OUT)
    assert names(record, owner) and about(record, owner)
    assert (record.session, record.address, record.outcome) == (session, DESK, Outcome.SUCCESS)


def test_a_lock_out_and_the_administrators_unlock_are_recorded(client, owner):
    for _ in range(3):
        sign_in(client, "owner", "wrong-guess-000")
    lock = only(Event.LOCK_OUT)
    assert names(lock, owner) and about(lock, owner) and lock.address == DESK
    assert lock.details["detail"] == "3 failed sign-ins within 15 minutes"

    boss = Client()
    admin = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    boss.force_login(admin)
    action = {"action": "unlock", "_selected_action": [owner.pk]}
    boss.post("/admin/auth/user/", action, **THROUGH_THE_PROXY)
    unlock = only(Event.UNLOCK)
    assert names(unlock, admin) and about(unlock, owner) and from_the_desk(unlock, boss)


def test_a_session_ended_by_the_limit_is_recorded_naming_it(owner, settings):
    settings.MAX_SESSIONS_PER_ACCOUNT = 1
    first, second = Client(), Client()
    sign_in(first, "owner")
    ended = key_hash(first.session.session_key)
    sign_in(second, "owner")
    record = only(Event.SESSION_ENDED_BY_LIMIT)
    assert names(record, owner) and about(record, owner) and from_the_desk(record, second)
    assert record.details["ended_session"] == ended


# Accounts


def test_an_account_created_in_the_admin_is_recorded(client, administrator):
    data = form_values(client.get("/admin/auth/user/add/"), "user_form")
    data |= {"username": ["newbie"], "password1": [NEW_PASSWORD], "password2": [NEW_PASSWORD]}
    start = latest()
    assert client.post("/admin/auth/user/add/", data, **THROUGH_THE_PROXY).status_code == 302
    newbie = User.objects.get(username="newbie")
    created = only(Event.ACCOUNT_CREATED, pk__gt=start)
    assert names(created, administrator) and about(created, newbie)
    assert from_the_desk(created, client)
    assert created.details == {"is_active": True, "is_staff": False, "is_superuser": False}
    assert about(only(Event.ADMIN_ACTION, details__action="added"), newbie)
    assert not AuditRecord.objects.filter(event=Event.PASSWORD_CHANGED).exists()


def test_each_kind_of_change_to_an_account_is_its_own_record(client, administrator, owner):
    url = f"/admin/auth/user/{owner.pk}/change/"
    data = form_values(client.get(url), "user_form")
    del data["is_active"]  # unticked: disabled
    data |= {"first_name": ["Olivia"], "is_staff": ["on"], "groups": []}
    data |= {"profile-0-organization": ["U.S. Africa Command"], "profile-0-edipi": [EDIPI]}
    start = latest()
    assert client.post(url, data, **THROUGH_THE_PROXY).status_code == 302

    changed = only(Event.ACCOUNT_CHANGED)
    assert changed.details == {"changed": {"first_name": ["Olive", "Olivia"]}}
    assert only(Event.ACCOUNT_DISABLED).details == {}
    staff = only(Event.ROLE_CHANGED, details__has_key="changed", pk__gt=start)
    assert staff.details["changed"] == {"is_staff": [False, True]}
    role = only(Event.ROLE_CHANGED, details__has_key="groups", pk__gt=start)
    assert role.details["groups"] == {"removed": [roles.PLANNER]}
    organization = only(Event.ORGANIZATION_CHANGED, pk__gt=start)
    assert organization.details["changed"] == {"organization": ["", "U.S. Africa Command"]}
    assert only(Event.EDIPI_CHANGED).details["changed"] == {"edipi": ["", EDIPI]}
    admin_action = only(Event.ADMIN_ACTION, details__action="changed")
    every = [changed, staff, role, organization, admin_action]
    every += list(
        AuditRecord.objects.filter(event__in=[Event.ACCOUNT_DISABLED, Event.EDIPI_CHANGED])
    )
    assert all(names(r, administrator) and about(r, owner) for r in every)
    assert all(from_the_desk(r, client) for r in every)


def test_a_role_given_from_the_groups_side_is_recorded_too(owner):
    reviewers = Group.objects.get_or_create(name=roles.REVIEWER)[0]
    start = latest()
    reviewers.user_set.add(owner)
    record = only(Event.ROLE_CHANGED, pk__gt=start)
    assert about(record, owner) and record.details == {"groups": {"added": [roles.REVIEWER]}}
    assert (record.user_id, record.address) == (None, None)  # no request: a command's doing


def test_permissions_taken_away_all_at_once_are_recorded(owner):
    permission = Permission.objects.get(codename="view_partner")
    owner.user_permissions.add(permission)
    start = latest()
    owner.user_permissions.clear()
    record = only(Event.ROLE_CHANGED, pk__gt=start)
    assert about(record, owner)
    assert record.details == {"permissions": {"removed": [str(permission)]}}


def test_disabled_for_inactivity_and_enabled_again_are_recorded(client, administrator, owner):
    long_ago = timezone.now() - timedelta(days=36)
    User.objects.filter(pk=owner.pk).update(last_login=long_ago, date_joined=long_ago)
    disable_inactive()  # the worker's daily task
    disabled = only(Event.ACCOUNT_DISABLED)
    assert about(disabled, owner) and (disabled.user_id, disabled.username) == (None, "")
    assert disabled.details == {"reason": "no sign-in for 35 days"}

    action = {"action": "enable", "_selected_action": [owner.pk]}
    client.post("/admin/auth/user/", action, **THROUGH_THE_PROXY)
    enabled = only(Event.ACCOUNT_ENABLED)
    assert names(enabled, administrator) and about(enabled, owner)
    assert from_the_desk(enabled, client)


def test_a_password_change_is_recorded_without_the_password(client, owner, settings):
    settings.PASSWORD_MIN_AGE_HOURS = 0  # the owner's password was set a moment ago
    sign_in(client, "owner")
    session = key_hash(client.session.session_key)  # the change starts a new one
    change = {"old_password": factories.PASSWORD}
    change |= {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post(reverse("password_change"), change, **THROUGH_THE_PROXY).status_code == 302
    record = only(Event.PASSWORD_CHANGED)
    assert names(record, owner) and about(record, owner) and record.session == session
    assert record.details == {} and recent_in_utc(record)


def test_an_account_deleted_in_the_admin_is_recorded(client, administrator, outsider):
    url = f"/admin/auth/user/{outsider.pk}/delete/"
    assert client.post(url, {"post": "yes"}, **THROUGH_THE_PROXY).status_code == 302
    deleted = only(Event.ACCOUNT_DELETED)
    assert names(deleted, administrator) and from_the_desk(deleted, client)
    assert (deleted.object_type, deleted.object_repr) == ("auth.user", "outsider")
    assert only(Event.ADMIN_ACTION, details__action="deleted").object_repr == "outsider"


# The administrators' actions


def test_every_add_change_and_delete_in_the_admin_is_recorded(client, administrator):
    data = {"country": "Kestrela", "ccmd": "AFRICOM"}
    data |= {"units-TOTAL_FORMS": "0", "units-INITIAL_FORMS": "0"}
    assert client.post("/admin/idd/partner/add/", data, **THROUGH_THE_PROXY).status_code == 302
    partner = Partner.objects.get(country="Kestrela")
    added = only(Event.ADMIN_ACTION, details__action="added")
    assert names(added, administrator) and about(added, partner)
    assert from_the_desk(added, client)


def test_a_bulk_delete_in_the_admin_records_each_object_once(client, administrator):
    partners = [factories.PartnerFactory(country=name) for name in ("Arvenia", "Belmora")]
    action = {"action": "delete_selected", "_selected_action": [p.pk for p in partners]}
    confirm = client.post("/admin/idd/partner/", action, **THROUGH_THE_PROXY)
    assert confirm.status_code == 200, "asks first"
    assert not AuditRecord.objects.filter(event=Event.ADMIN_ACTION).exists()
    client.post("/admin/idd/partner/", {**action, "post": "yes"}, **THROUGH_THE_PROXY)
    assert not Partner.objects.filter(pk__in=[p.pk for p in partners]).exists()
    deleted = AuditRecord.objects.filter(event=Event.ADMIN_ACTION, details__action="deleted")
    assert sorted(r.object_repr for r in deleted) == sorted(str(p) for p in partners)
    assert all(names(r, administrator) and from_the_desk(r, client) for r in deleted)
