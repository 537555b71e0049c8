from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments import method
from assessments.models import CommitmentAssessment
from assessments.scoring import assess
from demo import scenario as demo
from idd.document.commitment import current_inputs
from idd.document.completeness import missing_parts
from idd.models import Initiative, PartnerDeliverable, PartnerUnitRequest

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
    assert Initiative.objects.count() == 4  # three of AFRICOM, one of EUCOM


def test_seed_demo_is_idempotent_and_users_can_sign_in(rf):
    call_command("seed_demo")
    counts = (Initiative.objects.count(), PartnerDeliverable.objects.count())
    call_command("seed_demo")
    assert (Initiative.objects.count(), PartnerDeliverable.objects.count()) == counts
    assert counts[0] == 4
    # One open partner unit request from the planner, for the administrator's dashboard.
    [asked] = PartnerUnitRequest.objects.all()
    assert (asked.requested_by.username, asked.status) == ("planner", "open")
    assert asked.initiative is not None
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


def test_the_demo_shows_the_us_side_of_the_ledger():
    """Kestrela: the boats came late, the training it earned has not come (abandonment
    risk). Solmara: the U.S. delivered on time, and Solmara reads no better for it."""
    call_command("seed_demo")
    today = timezone.localdate()
    maritime = Initiative.objects.get(title="Kestrela coastal patrol capability")
    result = assess(current_inputs(maritime, today))
    # Boats delivered 14 Jul 2026 (due 31 Mar 2026, 4 months late): 1; training overdue:
    # 0. 1 of 2 -> 50.
    assert (result.us_delivery_record, result.us_due_count, result.us_overdue_count) == (50, 2, 1)
    assert "“Four 12-meter patrol boats with outboard engines” delivered 4 months late" in (
        result.us_delivery_record_explanation
    )
    (abandonment,) = [f for f in result.flags if f.rule == method.ABANDONMENT_RISK]
    assert abandonment.records[0].startswith(
        "U.S. input: Boarding and seamanship training, two iterations (FY2026 Q3): overdue "
        "since 30 Jun 2026"
    )
    boats = maritime.us_inputs.get(position=0)
    assert (boats.status, boats.delivered_on, boats.delay_cause) == (
        "delivered",
        date(2026, 7, 14),
        "production",
    )

    gifts = Initiative.objects.get(partner__country="Solmara (fictional)")
    solmara = assess(current_inputs(gifts, today))
    assert solmara.us_delivery_record == 100
    assert not any(f.rule == method.ABANDONMENT_RISK for f in solmara.flags)
    assert solmara.demonstrated_state == method.FigureState.CANNOT_BE_DEMONSTRATED
    assert solmara.quadrant == method.FALSE_COMMITMENT_RISK
