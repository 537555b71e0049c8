from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("idd", "0018_account_sessions"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="acknowledged_checks",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
