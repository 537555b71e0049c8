"""`manage.py export_initiative <id> -o file.json`: one initiative with all its rows as the
exchange file (docs/exchange-format.md), to import elsewhere with import_initiative."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from idd.exchange.export import export_json
from idd.models import Initiative


class Command(BaseCommand):
    help = "Write an initiative and all its rows as a JSON exchange file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("initiative", type=int, help="the initiative's id (as in its URL)")
        parser.add_argument(
            "-o", "--output", type=Path, help="file to write (without it, the JSON is printed)"
        )

    def handle(self, *args, initiative: int, output: Path | None, **options) -> None:
        found = Initiative.objects.filter(pk=initiative).first()
        if found is None:
            raise CommandError(f"No initiative has the id {initiative}.")
        text = export_json(found)
        if output is None:
            self.stdout.write(text, ending="")
            return
        if not output.parent.is_dir():
            raise CommandError(f"The folder {output.parent} does not exist.")
        output.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote “{found.title}” (initiative {found.pk}) to {output}")
