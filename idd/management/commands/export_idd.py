"""`manage.py export_idd <initiative id> -o file.pdf`: batch export of the printed IDD."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from idd.export import document_for, render_html, render_pdf
from idd.models import Initiative


class Command(BaseCommand):
    help = (
        "Export an initiative's IDD as the PDF that goes into staffing packages "
        "(or, with --html, as the print HTML). An approved initiative exports its "
        "approved revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("initiative", type=int, help="the initiative's id (as in its URL)")
        parser.add_argument(
            "-o", "--output", required=True, type=Path, help="file to write (.pdf or .html)"
        )
        parser.add_argument(
            "--html", action="store_true", help="write the print HTML instead of the PDF"
        )
        parser.add_argument(
            "--with-review-remarks",
            action="store_true",
            help="add an annex with the reviewers' internal remarks (not for the staffing copy)",
        )

    def handle(self, *args, initiative: int, output: Path, html: bool, **options):
        remarks = options["with_review_remarks"]
        try:
            found = Initiative.objects.get(pk=initiative)
        except Initiative.DoesNotExist as missing:
            raise CommandError(f"No initiative has the id {initiative}.") from missing
        if not output.parent.is_dir():
            raise CommandError(f"The folder {output.parent} does not exist.")
        doc = document_for(found)
        if html:
            output.write_text(
                render_html(doc, media="print", with_review_remarks=remarks), encoding="utf-8"
            )
        else:
            output.write_bytes(render_pdf(doc, with_review_remarks=remarks))
        kind = "print HTML" if html else "PDF"
        self.stdout.write(f"Wrote the {kind} of “{found.title}” to {output}")
