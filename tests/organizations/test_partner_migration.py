"""Migration 0035: each existing partner is kept by the top organization named after its
combatant command; without one (or with several), by nobody (the site's administrators)."""

import pytest

from tests.migrating import migrate, migrate_to_latest

BEFORE = [("idd", "0034_office_decision_names_its_return")]
AFTER = [("idd", "0035_partner_kept_by")]


@pytest.mark.django_db(transaction=True)
def test_existing_partners_are_kept_by_the_command_named_after_their_ccmd():
    apps = migrate(BEFORE)
    try:
        Organization = apps.get_model("idd", "Organization")
        Partner = apps.get_model("idd", "Partner")

        def organization(name, parent=None):
            made = Organization.objects.create(name=name, parent=parent, path=f"new-{name}")
            made.path = (parent.path if parent else "") + f"{made.pk:06d}."
            made.save()
            return made

        africom = organization("U.S. Africa Command")
        eucom = organization("eucom")  # its abbreviation, in any case, names it too
        organization("U.S. Central Command", parent=africom)  # not a command: under one
        organization("U.S. Southern Command")  # two of the same name: which one is unknown
        organization("U.S. Southern Command")
        for country, ccmd in [
            ("Kestrela", "AFRICOM"),
            ("Solmara", "AFRICOM"),
            ("Lindmark", "EUCOM"),
            ("Qadira", "CENTCOM"),
            ("Verdania", "SOUTHCOM"),
        ]:
            Partner.objects.create(country=country, ccmd=ccmd)
        apps = migrate(AFTER)
        Partner = apps.get_model("idd", "Partner")
        kept = dict(Partner.objects.values_list("country", "kept_by_id"))
        assert kept == {
            "Kestrela": africom.pk,
            "Solmara": africom.pk,
            "Lindmark": eucom.pk,
            "Qadira": None,
            "Verdania": None,
        }
    finally:
        migrate_to_latest()
