import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from idd import demo
from idd.models import Initiative, PartnerDeliverable

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_users_can_sign_in(rf):
    call_command("seed_demo")
    counts = (Initiative.objects.count(), PartnerDeliverable.objects.count())
    call_command("seed_demo")
    assert (Initiative.objects.count(), PartnerDeliverable.objects.count()) == counts
    assert counts[0] == 2
    for spec in demo.DEMO_USERS:
        user = authenticate(
            rf.post("/accounts/login/"), username=spec.username, password=spec.password
        )
        assert user is not None and user.groups.filter(name=spec.role).exists()


def test_demo_deliverables_vary_in_political_risk_and_status():
    call_command("seed_demo")
    deliverables = PartnerDeliverable.objects.all()
    assert {d.political_risk for d in deliverables} >= {2, 3, 4, 5}
    assert {d.status for d in deliverables} >= {"planned", "delivered", "partial", "missed"}


def test_scale_creates_the_realistic_volume_once():
    demo.seed_volume(1)
    demo.seed_volume(1)
    load = Initiative.objects.filter(partner__country__startswith=demo.LOAD_PREFIX)
    assert load.count() == 1500
    assert PartnerDeliverable.objects.filter(initiative__in=load).count() == 15000


def test_negative_scale_is_refused():
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_demo", scale=-1)
