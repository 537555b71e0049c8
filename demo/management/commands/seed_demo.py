from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.scenario import seed_demo, seed_volume


class Command(BaseCommand):
    help = "Load the fictional demo scenario and its users (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Also create N × (150 partners, 1,500 initiatives) for load tests.",
        )
        parser.add_argument(
            "--allow-in-production",
            action="store_true",
            help="Load the demo accounts, whose passwords are published, even with DEBUG off.",
        )

    def handle(self, *args, scale: int, allow_in_production: bool, **options) -> None:
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        if not settings.DEBUG and not allow_in_production:
            raise CommandError(
                "DEBUG is off: the demo accounts' passwords are published in the README, so "
                "they are not loaded here. Add --allow-in-production to load them anyway "
                "(a throwaway test system only)."
            )
        users = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo scenario ready. Sign in as:"))
        for user in users:
            self.stdout.write(f"  {user.role:<14} {user.username:<10} password: {user.password}")
        if scale:
            created = seed_volume(scale)
            self.stdout.write(f"Created {created} load-test initiatives (scale {scale}).")
        call_command("refresh_summaries", stdout=self.stdout)  # the portfolio's figures
