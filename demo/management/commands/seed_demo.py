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

    def handle(self, *args, scale: int, **options) -> None:
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        users = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo scenario ready. Sign in as:"))
        for user in users:
            self.stdout.write(f"  {user.role:<14} {user.username:<10} password: {user.password}")
        if scale:
            created = seed_volume(scale)
            self.stdout.write(f"Created {created} load-test initiatives (scale {scale}).")
        call_command("refresh_summaries", stdout=self.stdout)  # the portfolio's figures
