from django.core.management.base import BaseCommand, CommandParser

from idd.services.summaries import refresh_all, refresh_stale_summaries
from idd.tasks import (
    schedule_daily_account_check,
    schedule_daily_refresh,
    schedule_daily_route_reminders,
)


class Command(BaseCommand):
    help = (
        "Recompute the stored portfolio figures of every initiative (or, with --stale, of "
        "those computed before today) and queue the worker's daily refresh (and its daily "
        "check of inactive accounts, and the staffing routes' reminders) if none waits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale", action="store_true", help="Only summaries computed before today."
        )

    def handle(self, *args, stale: bool, **options) -> None:
        count = refresh_stale_summaries() if stale else refresh_all()
        self.stdout.write(f"Refreshed {count} initiative summaries.")
        if schedule_daily_refresh():
            self.stdout.write("Queued the daily refresh for the next midnight.")
        if schedule_daily_account_check():
            self.stdout.write("Queued the daily check of inactive accounts.")
        if schedule_daily_route_reminders():
            self.stdout.write("Queued the daily reminders of the staffing routes.")
