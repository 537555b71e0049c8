"""Existing data moves into one organization so nothing is lost (issue 27): one root
organization, every initiative owned by it and every person in it (a profile is made for
those who had none). Administrators then rename it and build the tree under it."""

import django.db.models.deletion
from django.db import migrations, models

ROOT_NAME = "Home organization"


def everyone_in_one(apps, schema_editor):
    Organization = apps.get_model("idd", "Organization")
    Initiative = apps.get_model("idd", "Initiative")
    Profile = apps.get_model("idd", "Profile")
    User = apps.get_model("auth", "User")
    if not (Initiative.objects.exists() or User.objects.exists()):
        return  # a new database: administrators add the first organization
    root = Organization.objects.create(name=ROOT_NAME, path="new")
    Organization.objects.filter(pk=root.pk).update(path=f"{root.pk:06d}.")
    Initiative.objects.filter(organization=None).update(organization=root)
    Profile.objects.bulk_create(
        [
            Profile(user_id=pk)
            for pk in User.objects.filter(profile=None).values_list("pk", flat=True)
        ]
    )
    Profile.objects.filter(member_of=None).update(member_of=root)
    # The rows just written must be checked now: ALTER TABLE refuses pending checks.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [("idd", "0028_organizations")]

    operations = [
        migrations.RunPython(everyone_in_one, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="initiative",
            name="organization",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="initiatives",
                to="idd.organization",
            ),
        ),
    ]
