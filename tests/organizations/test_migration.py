"""Existing data moves into one organization so nothing is lost (migration 0029): every
initiative and every person, with a profile made for those who had none."""

import pytest

from tests.migrating import migrate, migrate_to_latest

BEFORE = [("idd", "0027_partner_unit_request")]  # the migration before 0028_organizations
AFTER = [("idd", "0029_everyone_in_one_organization")]


@pytest.mark.django_db(transaction=True)
def test_everyone_and_every_initiative_join_one_organization():
    apps = migrate(BEFORE)
    try:
        User = apps.get_model("auth", "User")
        Partner = apps.get_model("idd", "Partner")
        Initiative = apps.get_model("idd", "Initiative")
        Profile = apps.get_model("idd", "Profile")
        owner = User.objects.create(username="owner")
        ranked = User.objects.create(username="ranked")
        Profile.objects.create(user=ranked, rank_or_grade="MAJ")
        Initiative.objects.create(
            title="Coastal patrol",
            partner=Partner.objects.create(country="Kestrela", ccmd="AFRICOM"),
            ccmd="AFRICOM",
            funding_authority="333",
            first_fiscal_year=2027,
            last_fiscal_year=2029,
            owner_id=owner.pk,
        )
        apps = migrate(AFTER)
        Organization = apps.get_model("idd", "Organization")
        Initiative = apps.get_model("idd", "Initiative")
        Profile = apps.get_model("idd", "Profile")
        home = Organization.objects.get()
        assert home.path == f"{home.pk:06d}." and home.parent is None
        assert Initiative.objects.get().organization_id == home.pk
        profiles = Profile.objects.order_by("user__username")
        assert [(p.user.username, p.member_of_id) for p in profiles] == [
            ("owner", home.pk),
            ("ranked", home.pk),
        ]
        assert Profile.objects.get(user__username="ranked").rank_or_grade == "MAJ"
    finally:
        migrate_to_latest()
