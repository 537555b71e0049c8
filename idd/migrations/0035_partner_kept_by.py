"""Each partner nation is kept by one command, whose administrators manage it and its
units in the product (issue 27). Existing partners go to the top organization named after
their combatant command, if there is exactly one."""

import django.db.models.deletion
from django.db import migrations, models

# The commands as idd.reference.choices.CCMD labels them, "U.S. Africa Command (AFRICOM)":
# a top organization named "U.S. Africa Command", "AFRICOM" or the whole label (any case)
# keeps that command's partners. Copied here: a migration does not follow later choices.
COMMANDS = {
    "AFRICOM": "U.S. Africa Command",
    "CENTCOM": "U.S. Central Command",
    "EUCOM": "U.S. European Command",
    "INDOPACOM": "U.S. Indo-Pacific Command",
    "NORTHCOM": "U.S. Northern Command",
    "SOUTHCOM": "U.S. Southern Command",
}


def keepers_by_command(apps, schema_editor):
    """Each partner without a keeper is kept by the one top organization named after its
    command; none found (or several): left empty, for the site's administrators."""
    Organization = apps.get_model("idd", "Organization")
    Partner = apps.get_model("idd", "Partner")
    tops = list(Organization.objects.filter(parent=None).values_list("pk", "name"))
    for ccmd, name in COMMANDS.items():
        names = {name.casefold(), ccmd.casefold(), f"{name} ({ccmd})".casefold()}
        found = [pk for pk, top in tops if top.strip().casefold() in names]
        if len(found) == 1:
            Partner.objects.filter(ccmd=ccmd, kept_by=None).update(kept_by=found[0])


class Migration(migrations.Migration):
    dependencies = [
        ("idd", "0034_office_decision_names_its_return"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalpartner",
            name="kept_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The command whose administrators keep this partner nation and its "
                "units up to date. Left empty, only the site's administrators do.",
                limit_choices_to={"parent": None},
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="idd.organization",
                verbose_name="kept by",
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="kept_by",
            field=models.ForeignKey(
                blank=True,
                help_text="The command whose administrators keep this partner nation and its "
                "units up to date. Left empty, only the site's administrators do.",
                limit_choices_to={"parent": None},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="partners_kept",
                to="idd.organization",
                verbose_name="kept by",
            ),
        ),
        migrations.RunPython(keepers_by_command, migrations.RunPython.noop),
    ]
