import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from assessments.models import CommitmentAssessment
from demo import scenario as demo
from idd.document.completeness import missing_parts
from idd.models import Initiative, PartnerDeliverable

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug_on(settings):
    settings.DEBUG = True  # as `make demo` runs it


def test_the_demo_accounts_are_refused_in_production_unless_allowed(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-in-production"):
        call_command("seed_demo")
    assert not Initiative.objects.exists()
    call_command("seed_demo", "--allow-in-production")
    assert Initiative.objects.count() == 3


def test_seed_demo_is_idempotent_and_users_can_sign_in(rf):
    call_command("seed_demo")
    counts = (Initiative.objects.count(), PartnerDeliverable.objects.count())
    call_command("seed_demo")
    assert (Initiative.objects.count(), PartnerDeliverable.objects.count()) == counts
    assert counts[0] == 3
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


def test_the_gift_taker_delivers_only_costless_acts_and_says_it_is_fully_willing():
    """Solmara: every deliverable costless or administrative and delivered, stated
    willingness 5/5/5, U.S. inputs flowing; complete, beside Kestrela's costly record."""
    call_command("seed_demo")
    gifts = Initiative.objects.get(partner__country="Solmara (fictional)")
    deliverables = list(gifts.partner_deliverables.all())

    assert len(deliverables) >= 6
    assert {d.political_risk for d in deliverables} <= {1, 2}
    assert {d.status for d in deliverables} == {"delivered"}
    assert all(d.verification_method and d.verified_by for d in deliverables)
    assert all(
        gifts.first_fiscal_year <= d.due_fiscal_year <= gifts.last_fiscal_year for d in deliverables
    )
    ratings = gifts.commitment_ratings
    assert (ratings.motivation, ratings.intensity, ratings.salience) == (5, 5, 5)
    assert gifts.us_inputs.filter(matched_deliverables__isnull=False).distinct().count() >= 3
    assert CommitmentAssessment.objects.filter(subject_id=gifts.pk).count() == 2
    assert missing_parts(gifts) == []
    maritime = Initiative.objects.get(title="Kestrela coastal patrol capability")
    assert maritime.partner_deliverables.filter(political_risk__gte=3).exists()


def test_scale_creates_the_realistic_volume_once():
    demo.seed_volume(1)
    demo.seed_volume(1)
    load = Initiative.objects.filter(partner__country__startswith=demo.LOAD_PREFIX)
    assert load.count() == 1500
    assert PartnerDeliverable.objects.filter(initiative__in=load).count() == 15000


def test_negative_scale_is_refused():
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_demo", scale=-1)
