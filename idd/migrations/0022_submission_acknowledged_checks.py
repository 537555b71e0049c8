from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("idd", "0021_password_records"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="acknowledged_checks",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
