"""A route's approval keeps who approved as they were (rank and name, title) and the
approval authority's remarks, as an office's decision does. Existing approvals are filled
from the approver's profile as it is now, and the remarks from the approving decision."""

from django.db import migrations

import config.fields


def fill_approvals(apps, schema_editor):
    Route = apps.get_model("idd", "Route")
    Profile = apps.get_model("idd", "Profile")
    ReviewDecision = apps.get_model("idd", "ReviewDecision")
    for route in Route.objects.filter(approved_by__isnull=False).select_related("approved_by"):
        user = route.approved_by
        profile = Profile.objects.filter(user=user).first()
        name = f"{user.first_name} {user.last_name}".strip() or user.username
        rank = profile.rank_or_grade if profile else ""
        route.approved_as = f"{rank} {name}" if rank and name != user.username else name
        route.approved_job_title = profile.job_title if profile else ""
        if not route.forwarded:
            decision = (
                ReviewDecision.objects.filter(
                    initiative_id=route.initiative_id,
                    revision=route.revision,
                    reviewer=user,
                    outcome="approved",
                )
                .order_by("-decided_at")
                .first()
            )
            route.approval_remarks = decision.reason if decision else ""
        route.save(update_fields=["approved_as", "approved_job_title", "approval_remarks"])


class Migration(migrations.Migration):
    dependencies = [("idd", "0031_office_decision_returned_as")]

    operations = [
        migrations.AddField(
            model_name="route",
            name="approved_as",
            field=config.fields.LineField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="route",
            name="approved_job_title",
            field=config.fields.LineField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="route",
            name="approval_remarks",
            field=config.fields.ProseField(blank=True, max_length=10000),
        ),
        migrations.RunPython(fill_approvals, migrations.RunPython.noop),
    ]
