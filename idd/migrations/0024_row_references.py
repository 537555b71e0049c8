"""Every partner deliverable and U.S. input gets a reference number that never changes (D3,
U2), and each initiative counts the numbers it has given. Existing rows are numbered in the
order they are shown today (by date), so every document reads the same the day it lands."""

from django.db import migrations, models
from django.db.models import F

HELP = "The number of its reference (3 in D3): never changes, never reused."


def number_rows(apps, schema_editor):
    Initiative = apps.get_model("idd", "Initiative")
    kinds = [
        (
            apps.get_model("idd", "PartnerDeliverable"),
            apps.get_model("idd", "HistoricalPartnerDeliverable"),
            ["due_fiscal_year", "due_quarter", "position", "pk"],
            "deliverable_numbers_issued",
        ),
        (
            apps.get_model("idd", "USInput"),
            apps.get_model("idd", "HistoricalUSInput"),
            ["fiscal_year", F("fiscal_quarter").asc(nulls_last=True), "position", "pk"],
            "us_input_numbers_issued",
        ),
    ]
    for model, historical, order, counter in kinds:
        issued: dict[int, int] = {}
        for row in model.objects.order_by("initiative_id", *order).only("pk", "initiative_id"):
            number = issued.get(row.initiative_id, 0) + 1
            issued[row.initiative_id] = number
            model.objects.filter(pk=row.pk).update(reference_number=number)
            historical.objects.filter(id=row.pk).update(reference_number=number)
        for initiative_id, number in issued.items():
            Initiative.objects.filter(pk=initiative_id).update(**{counter: number})


class Migration(migrations.Migration):
    dependencies = [
        ("idd", "0023_us_deliveries"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="deliverable_numbers_issued",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="initiative",
            name="us_input_numbers_issued",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="historicalinitiative",
            name="deliverable_numbers_issued",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="historicalinitiative",
            name="us_input_numbers_issued",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="partnerdeliverable",
            name="reference_number",
            field=models.PositiveIntegerField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="usinput",
            name="reference_number",
            field=models.PositiveIntegerField(null=True, editable=False),
        ),
        # History rows of removed rows keep 0: they were never printed with a reference.
        migrations.AddField(
            model_name="historicalpartnerdeliverable",
            name="reference_number",
            field=models.PositiveIntegerField(
                blank=True,
                default=0,
                editable=False,
                help_text=HELP,
                verbose_name="reference number",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalusinput",
            name="reference_number",
            field=models.PositiveIntegerField(
                blank=True,
                default=0,
                editable=False,
                help_text=HELP,
                verbose_name="reference number",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(number_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="partnerdeliverable",
            name="reference_number",
            field=models.PositiveIntegerField(
                blank=True, editable=False, help_text=HELP, verbose_name="reference number"
            ),
        ),
        migrations.AlterField(
            model_name="usinput",
            name="reference_number",
            field=models.PositiveIntegerField(
                blank=True, editable=False, help_text=HELP, verbose_name="reference number"
            ),
        ),
        migrations.AddConstraint(
            model_name="partnerdeliverable",
            constraint=models.UniqueConstraint(
                fields=("initiative", "reference_number"),
                name="deliverable_reference_unique_per_initiative",
                violation_error_message=(
                    "Another partner deliverable of this initiative already has this "
                    "reference number: each row keeps its own."
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="usinput",
            constraint=models.UniqueConstraint(
                fields=("initiative", "reference_number"),
                name="us_input_reference_unique_per_initiative",
                violation_error_message=(
                    "Another U.S. input of this initiative already has this reference "
                    "number: each row keeps its own."
                ),
            ),
        ),
    ]
