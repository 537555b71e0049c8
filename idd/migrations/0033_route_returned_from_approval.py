"""A route returned from its approval names the approval authority's request for changes
(issue 27: the authority returns the IDD instead of approving). And an office's
non-concurrence is stored as the office wrote it: the screens say "J8 did not concur";
the reasons stored before as "J8 non-concurs: …" lose the prefix, else it reads twice."""

import django.db.models.deletion
from django.db import migrations, models


def unprefix_reasons(apps, schema_editor):
    OfficeDecision = apps.get_model("idd", "OfficeDecision")
    ReviewDecision = apps.get_model("idd", "ReviewDecision")
    linked = OfficeDecision.objects.filter(returned_as__isnull=False).select_related(
        "office", "returned_as"
    )
    for d in linked:
        if d.returned_as.reason == f"{d.office.name} non-concurs: {d.comment}":
            ReviewDecision.objects.filter(pk=d.returned_as_id).update(reason=d.comment)


class Migration(migrations.Migration):
    dependencies = [
        ("idd", "0032_route_approved_as"),
    ]

    operations = [
        migrations.AddField(
            model_name="route",
            name="returned_from_approval",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="idd.reviewdecision",
            ),
        ),
        migrations.RunPython(unprefix_reasons, migrations.RunPython.noop),
    ]
