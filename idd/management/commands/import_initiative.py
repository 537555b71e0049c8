"""`manage.py import_initiative file.json [--owner USERNAME]`: an initiative from an
exchange file, as a new initiative with new ids; nothing is written if the file has any
problem, and every problem is listed with its path in the file."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from idd.exchange.importer import import_initiative
from idd.exchange.problems import ImportRefused
from idd.exchange.reading import MAX_BYTES


class Command(BaseCommand):
    help = (
        "Import an initiative from a JSON exchange file (docs/exchange-format.md). People are "
        "matched by username; with --owner, that user stands in for anyone who has no "
        "account here."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the exchange file (.json)")
        parser.add_argument(
            "--owner",
            metavar="USERNAME",
            help="the user importing: owner, author or reviewer in place of people in the "
            "file who have no account here",
        )

    def handle(self, *args, file: Path, owner: str | None, **options) -> None:
        importer = None
        if owner is not None:
            User = get_user_model()
            importer = User._default_manager.filter(**{User.USERNAME_FIELD: owner}).first()
            if importer is None:
                raise CommandError(f"No user here is called “{owner}” (--owner).")
        try:
            if file.stat().st_size > MAX_BYTES:
                raise CommandError(f"{file} is larger than the limit of {MAX_BYTES:,} bytes.")
            content = file.read_bytes()
        except OSError as unreadable:
            raise CommandError(f"Cannot read {file}: {unreadable.strerror}.") from None
        try:
            imported = import_initiative(content, importer)
        except ImportRefused as refused:
            listed = "\n".join(f"  {problem}" for problem in refused.problems)
            raise CommandError(
                f"Nothing was imported: {file} has {len(refused.problems)} problem(s):\n{listed}"
            ) from None
        initiative = imported.initiative
        for note in imported.notes:
            self.stdout.write(note)
        counts = {
            "partner deliverables": initiative.partner_deliverables.count(),
            "U.S. inputs": initiative.us_inputs.count(),
            "yearly objectives": initiative.yearly_objectives.count(),
            "risks": initiative.risks.count(),
            "review comments": initiative.review_comments.count(),
            "approved revisions": initiative.revisions.count(),
        }
        rows = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{initiative.title}” as initiative {initiative.pk} "
                f"(owner {initiative.owner.get_username()}, {initiative.get_status_display()}): "
                f"{rows}."
            )
        )
