"""An office's non-concurrence names the reviewers' request for changes it made, so the
printed record says the return once (in the coordination block). Existing returns are
linked: the request made by the same person, with the office's reason, right after."""

from datetime import timedelta

import django.db.models.deletion
from django.db import migrations, models


def link_returns(apps, schema_editor):
    OfficeDecision = apps.get_model("idd", "OfficeDecision")
    ReviewDecision = apps.get_model("idd", "ReviewDecision")
    returns = OfficeDecision.objects.filter(
        outcome="non_concur", route__forwarded=False, returned_as__isnull=True
    ).select_related("route", "office")
    for d in returns:
        d.returned_as = (
            ReviewDecision.objects.filter(
                initiative_id=d.route.initiative_id,
                revision=d.revision,
                reviewer_id=d.decided_by_id,
                outcome="changes_requested",
                reason=f"{d.office.name} non-concurs: {d.comment}",
                decided_at__gte=d.decided_at,
                decided_at__lte=d.decided_at + timedelta(minutes=1),
            )
            .order_by("decided_at", "pk")
            .first()
        )
        if d.returned_as is not None:
            d.save(update_fields=["returned_as"])


class Migration(migrations.Migration):
    dependencies = [
        ("idd", "0030_staffing_routes"),
    ]

    operations = [
        migrations.AddField(
            model_name="officedecision",
            name="returned_as",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="idd.reviewdecision",
            ),
        ),
        migrations.RunPython(link_returns, migrations.RunPython.noop),
    ]
